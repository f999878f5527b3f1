/*
 * export: JSON Lines and the plain-text digest. The contract is in
 * include/export.h; the JSON format is DESIGN.md's "JSON Lines".
 */
#include "config.h"

#include <langinfo.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "export.h"
#include "html.h"
#include "readable.h"
#include "text.h"

/* ---- JSON --------------------------------------------------------------- */

void
export_json_string(FILE *out, const char *s)
{
	const char *run;
	size_t n, len;
	uint32_t cp;

	if (s == NULL) {
		fputs("null", out);
		return;
	}
	putc('"', out);
	n = strlen(s);
	run = s;
	while (n > 0) {
		unsigned char c = (unsigned char)*s;

		if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
			s++;
			n--;
			continue;
		}
		fwrite(run, 1, (size_t)(s - run), out);
		if (c < 0x80) {
			switch (c) {
			case '"':
				fputs("\\\"", out);
				break;
			case '\\':
				fputs("\\\\", out);
				break;
			case '\b':
				fputs("\\b", out);
				break;
			case '\f':
				fputs("\\f", out);
				break;
			case '\n':
				fputs("\\n", out);
				break;
			case '\r':
				fputs("\\r", out);
				break;
			case '\t':
				fputs("\\t", out);
				break;
			default:	/* the rest of C0, and DEL */
				fprintf(out, "\\u%04x", c);
				break;
			}
			s++;
			n--;
		} else {
			len = utf8_decode(s, n, &cp);
			if (cp == 0xFFFD && !(len == 3 && memcmp(s, TEXT_REPLACEMENT, 3) == 0))
				fputs(TEXT_REPLACEMENT, out);
			else if ((cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029)
				fprintf(out, "\\u%04x", (unsigned)cp);
			else
				fwrite(s, 1, len, out);
			s += len;
			n -= len;
		}
		run = s;
	}
	fwrite(run, 1, (size_t)(s - run), out);
	putc('"', out);
}

/* A number as JSON writes it, whatever LC_NUMERIC says. */
static void
json_number(FILE *out, double v)
{
	char buf[64], *p;
	const char *point = localeconv()->decimal_point;

	if (!isfinite(v)) {
		fputs("null", out);
		return;
	}
	if (v == floor(v) && fabs(v) < 1e15) {
		fprintf(out, "%.0f", v);
		return;
	}
	snprintf(buf, sizeof(buf), "%.6f", v);
	/* The locale's decimal point becomes '.'. */
	if (point != NULL && point[0] != '\0' && strcmp(point, ".") != 0 &&
	    (p = strstr(buf, point)) != NULL) {
		*p = '.';
		memmove(p + 1, p + strlen(point), strlen(p + strlen(point)) + 1);
	}
	for (p = buf + strlen(buf) - 1; *p == '0'; p--)
		*p = '\0';
	if (*p == '.')
		*p = '\0';
	fputs(buf, out);
}

static void
json_key(FILE *out, const char *key, bool first)
{
	fprintf(out, "%s\"%s\": ", first ? "{" : ", ", key);
}

static void
json_date(FILE *out, int64_t t)
{
	char buf[21];

	if (t == FEED_NO_DATE || *feed_format_date(t, buf) == '\0')
		fputs("null", out);
	else
		fprintf(out, "\"%s\"", buf);
}

/* HTML as plain text; NULL when absent or nothing is left of it. */
static char *
plain_text(const char *html)
{
	char *t;

	if (html == NULL)
		return NULL;
	t = html_to_text(html, strlen(html));
	if (t != NULL && t[strspn(t, " \t\r\n")] == '\0') {
		free(t);
		t = NULL;
	}
	return t;
}

void
export_item_json(FILE *out, const struct feed *f, const struct feed_item *it,
    const struct export_state *st)
{
	char *summary = plain_text(it->summary), *content = plain_text(it->content);
	size_t i;

	json_key(out, "feed_title", true);
	export_json_string(out, f->title);
	json_key(out, "feed_url", false);
	export_json_string(out, f->url);
	json_key(out, "feed_link", false);
	export_json_string(out, f->link);
	json_key(out, "id", false);
	export_json_string(out, it->id);
	json_key(out, "title", false);
	export_json_string(out, it->title);
	json_key(out, "link", false);
	export_json_string(out, it->link);
	json_key(out, "author", false);
	export_json_string(out, it->author);
	json_key(out, "author_email", false);
	export_json_string(out, it->author_email);
	json_key(out, "published", false);
	json_date(out, it->published);
	json_key(out, "updated", false);
	json_date(out, it->updated);
	json_key(out, "summary", false);
	export_json_string(out, summary);
	json_key(out, "content", false);
	export_json_string(out, content);
	json_key(out, "categories", false);
	putc('[', out);
	for (i = 0; i < it->ncategories; i++) {
		if (i > 0)
			fputs(", ", out);
		export_json_string(out, it->categories[i]);
	}
	putc(']', out);
	json_key(out, "enclosures", false);
	putc('[', out);
	for (i = 0; i < it->nenclosures; i++) {
		const struct feed_enclosure *e = &it->enclosures[i];

		fputs(i > 0 ? ", {\"url\": " : "{\"url\": ", out);
		export_json_string(out, e->url);
		fputs(", \"type\": ", out);
		export_json_string(out, e->type);
		fputs(", \"length\": ", out);
		if (e->length >= 0)
			fprintf(out, "%lld", e->length);
		else
			fputs("null", out);
		putc('}', out);
	}
	putc(']', out);
	/* Podcast keys only on items that have them: other records stay
	 * exactly DESIGN.md's. */
	if (it->duration >= 0) {
		json_key(out, "duration", false);
		fprintf(out, "%lld", it->duration);
	}
	if (it->image != NULL) {
		json_key(out, "image", false);
		export_json_string(out, it->image);
	}
	json_key(out, "rating", false);
	if (it->rating.present) {
		fputs("{\"average\": ", out);
		json_number(out, it->rating.average);
		fputs(", \"count\": ", out);
		if (it->rating.count >= 0)
			fprintf(out, "%lld", it->rating.count);
		else
			fputs("null", out);
		fputs(", \"min\": ", out);
		json_number(out, it->rating.min);
		fputs(", \"max\": ", out);
		json_number(out, it->rating.max);
		putc('}', out);
	} else {
		fputs("null", out);
	}
	json_key(out, "user_rating", false);
	if (st != NULL && st->user_rating >= 1 && st->user_rating <= 5)
		fprintf(out, "%d", st->user_rating);
	else
		fputs("null", out);
	json_key(out, "read", false);
	fputs(st != NULL && st->read ? "true" : "false", out);
	if (st != NULL && st->has_starred) {
		json_key(out, "starred", false);
		fputs(st->starred ? "true" : "false", out);
	}
	if (st != NULL && st->full) {
		char *full = plain_text(st->full_text);

		json_key(out, "full_text", false);
		export_json_string(out, full);
		free(full);
	}
	fputs("}\n", out);
	free(summary);
	free(content);
}

/* ---- the text digest ---------------------------------------------------- */

void
export_default_options(struct export_options *o, FILE *out, long requested)
{
	struct winsize ws;
	const char *cs = nl_langinfo(CODESET);

	o->ascii = cs == NULL || strcasecmp(cs, "UTF-8") != 0;
	if (requested > 0)
		o->width = (size_t)requested;
	else if (isatty(fileno(out)) && ioctl(fileno(out), TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col > 0)
		o->width = ws.ws_col;
	else
		o->width = EXPORT_DEFAULT_WIDTH;
	if (o->width < EXPORT_MIN_WIDTH)
		o->width = EXPORT_MIN_WIDTH;
	if (o->width > EXPORT_MAX_WIDTH)
		o->width = EXPORT_MAX_WIDTH;
}

char *
export_stars(const struct feed_rating *r, bool ascii, char *buf, size_t size)
{
	double s = feed_rating_stars(r);
	int halves, i;
	size_t len = 0;

	buf[0] = '\0';
	if (s < 0)
		return buf;
	halves = (int)lround(s * 2);
	for (i = 0; i < 5; i++, halves -= 2) {
		const char *g = halves >= 2 ? (ascii ? "*" : "\xE2\x98\x85") :
		    halves == 1 ? (ascii ? "+" : "\xC2\xBD") :
		    (ascii ? "." : "\xE2\x98\x86");

		if (len + strlen(g) + 1 > size)
			break;
		memcpy(buf + len, g, strlen(g));
		len += strlen(g);
	}
	buf[len] = '\0';
	return buf;
}

/* Print s wrapped to o->width, each line starting with indent (first) or
 * hang (the rest); s is sanitised first. */
static void
print_wrapped(FILE *out, const char *s, const struct export_options *o,
    const char *indent, const char *hang, bool keep_newlines)
{
	struct text_lines lines;
	char *clean;
	size_t i;

	if (s == NULL)
		return;
	clean = text_sanitize(s, strlen(s), keep_newlines);
	text_wrap(clean, o->width, indent, hang, &lines);
	for (i = 0; i < lines.n; i++) {
		fputs(lines.line[i], out);
		putc('\n', out);
	}
	text_lines_free(&lines);
	free(clean);
}

void
export_feed_text(FILE *out, const struct feed *f, const struct export_options *o)
{
	char *title = text_sanitize_line(f->title != NULL ? f->title :
	    f->url != NULL ? f->url : "(untitled feed)");
	char *fit = text_fit(title, o->width, false, o->ascii);
	size_t i, w = text_width(fit);

	fprintf(out, "%s\n", fit);
	for (i = 0; i < w; i++)
		fputs(o->ascii ? "=" : "\xE2\x95\x90", out);
	putc('\n', out);
	if (f->link != NULL)
		print_wrapped(out, f->link, o, NULL, NULL, false);
	if (f->description != NULL)
		print_wrapped(out, f->description, o, NULL, NULL, false);
	putc('\n', out);
	free(fit);
	free(title);
}

void
export_item_text(FILE *out, const struct feed *f, const struct feed_item *it,
    const struct export_state *st, const struct export_options *o)
{
	const char *sep = o->ascii ? " - " : " \xC2\xB7 ";
	int64_t when = it->published != FEED_NO_DATE ? it->published : it->updated;
	struct tbuf meta;
	char stars[64], date[21], *summary;

	(void)f;
	print_wrapped(out, it->title != NULL ? it->title : "(untitled)", o,
	    NULL, "  ", false);
	tbuf_init(&meta, TEXT_MAX_STRING);
	if (when != FEED_NO_DATE && *feed_format_date(when, date) != '\0') {
		/* "2014-05-23T16:12:00Z" -> "2014-05-23 16:12 UTC" */
		date[10] = ' ';
		date[16] = '\0';
		if (!tbuf_printf(&meta, "%s UTC", date))
			goto print;
	}
	if (it->author != NULL &&
	    !tbuf_printf(&meta, "%s%s", meta.len > 0 ? sep : "", it->author))
		goto print;
	if (it->rating.present) {
		export_stars(&it->rating, o->ascii, stars, sizeof(stars));
		if (!tbuf_printf(&meta, "%s%s", meta.len > 0 ? sep : "", stars))
			goto print;
		if (it->rating.count >= 0 &&
		    !tbuf_printf(&meta, " (%lld)", it->rating.count))
			goto print;
	}
	if (st != NULL && st->user_rating > 0 &&
	    !tbuf_printf(&meta, "%syours: %d/5", meta.len > 0 ? sep : "",
	    st->user_rating))
		goto print;
	if (st != NULL && st->starred &&
	    !tbuf_printf(&meta, "%sstarred", meta.len > 0 ? sep : ""))
		goto print;
print:
	if (meta.len > 0)
		print_wrapped(out, tbuf_str(&meta), o, "  ", "  ", false);
	tbuf_free(&meta);
	if (it->link != NULL)
		print_wrapped(out, it->link, o, "  ", "  ", false);
	/* The article's page, when it was read, says more than the summary. */
	summary = st != NULL && st->full_text != NULL ?
	    plain_text(st->full_text) : NULL;
	if (summary == NULL)
		summary = plain_text(it->summary != NULL ? it->summary :
		    it->content);
	if (summary != NULL) {
		putc('\n', out);
		print_wrapped(out, summary, o, "  ", "  ", true);
		free(summary);
	}
	putc('\n', out);
}

bool
export_finish(FILE *out)
{
	if (fflush(out) != 0)
		return false;
	return !ferror(out);
}

void
export_article_json(FILE *out, const char *url, const struct readable_article *a)
{
	size_t i;

	json_key(out, "url", true);
	export_json_string(out, url);
	json_key(out, "title", false);
	export_json_string(out, a->title);
	json_key(out, "author", false);
	export_json_string(out, a->byline);
	json_key(out, "published", false);
	json_date(out, a->published);	/* READABLE_NO_DATE is FEED_NO_DATE */
	json_key(out, "text", false);
	export_json_string(out, a->text);
	json_key(out, "links", false);
	fputc('[', out);
	for (i = 0; i < a->nlinks; i++) {
		if (i > 0)
			fputs(", ", out);
		export_json_string(out, a->links[i]);
	}
	fputc(']', out);
	/* the figures "text" leaves out (struct readable_figure) */
	json_key(out, "figures", false);
	fputc('[', out);
	for (i = 0; i < a->nfigures; i++) {
		fputs(i > 0 ? ", " : "", out);
		json_key(out, "src", true);
		export_json_string(out, a->figures[i].src);
		json_key(out, "alt", false);
		export_json_string(out, a->figures[i].alt);
		json_key(out, "caption", false);
		export_json_string(out, a->figures[i].caption);
		fputc('}', out);
	}
	fputs("]}\n", out);
}
