/*
 * html: HTML -> lines of styled, wrapped text with numbered link
 * references (gumbo does the parsing), the plain-text export form, and
 * RFC 3986 reference resolution. The contract is in include/html.h.
 */
#include "config.h"

#include <stdint.h>
#include <strings.h>
#include <stdlib.h>
#include <string.h>

#include <gumbo.h>

#include "html.h"
#include "text.h"
#include "url.h"

/* ---- rendering: limits and the state of one render --------------------- */

#define FLOW_MAX TEXT_MAX_STRING	/* bytes of text in one paragraph or cell */
#define MIN_TEXT 10		/* columns a line keeps for text; a deeper prefix is left out */
#define MAX_FRAMES 32		/* indentation frames (quotes, items, dd) kept */
#define QUOTE_MAX_DEPTH 8	/* deeper quotes indent no further */
#define DD_MAX_DEPTH 4		/* deeper definitions indent no further */
#define HR_WIDTH 40		/* columns of a rule when not wrapping */
#define HR_MAX 1000		/* columns of a rule at most */
#define MAX_NEWLINES 2		/* <br>s in a row kept (one empty line) */
#define TABLE_SCAN_MAX 20000	/* nodes looked at to tell a data table from layout */
#define TABLE_MAX_COLS 64	/* more columns are never laid out side by side */
#define URL_CHECK_MAX 2048	/* bytes of a URL looked at for ad patterns */
#define STYLE_CHECK_MAX 1024	/* bytes of a style attribute looked at */

/* Break levels between blocks. */
enum { BRK_NONE, BRK_LINE, BRK_BLANK };

struct mark {
	size_t off;		/* the style holds from here to the next mark */
	unsigned style;
};

/* A paragraph (or table cell) being built: whitespace-collapsed, sanitised
 * text with its style changes; '\n' is a forced break, and in verbatim
 * (pre) text '\t' is a tab stop still to expand. */
struct flow {
	struct tbuf text;
	struct mark *marks;
	size_t nmarks, cap;
	bool pre;
};

/* A prefix every line inside a quote, list item or definition carries:
 * first on its first line, rest after (and rest trimmed on blank lines of
 * quotes). */
enum frame_kind { FR_QUOTE, FR_ITEM, FR_INDENT };
struct frame {
	enum frame_kind kind;
	char first[24], rest[24];
	bool used;
};

struct list {
	bool ordered;
	long next, step;
};

enum table_mode { T_COLLECT, T_INNER, T_LAYOUT };

struct cell {
	struct flow f;
	bool header;
};
struct row {
	struct cell *cells;
	size_t n, cap;
};
struct table {
	struct row *rows;
	size_t n, cap;
	struct flow caption;
};

/* One element (or the document) being walked, and what entering it did. */
enum {
	V_FRAME = 1 << 0,	/* pushed an indentation frame */
	V_LIST = 1 << 1,	/* pushed a list */
	V_PRE = 1 << 2,		/* verbatim text inside */
	V_QUOTE = 1 << 3,	/* one quote deeper */
	V_LINK = 1 << 4,	/* a numbered link: url is owned */
	V_TABLE = 1 << 5,	/* pushed a table mode */
	V_CELL = 1 << 6,	/* text goes into a cell of the collected table */
	V_DD = 1 << 7		/* one definition deeper */
};
struct visit {
	GumboNode *node;
	unsigned next;		/* the next child to walk */
	unsigned style;		/* the style to restore on leaving */
	unsigned flags;
	const struct tag_row *row;
	char *url;		/* V_LINK */
	unsigned long serial;	/* V_LINK: content count on entering */
	size_t lines;		/* V_LINK: lines out on entering */
};

struct render {
	const struct html_options *opt;
	bool text_mode;		/* html_to_text: no links, no alt texts, no rules */
	size_t width;

	struct flow para, scratch;
	struct flow *cur;	/* para, a cell, a caption, or NULL (between cells) */
	unsigned style;
	int brk;		/* pending break before the next content */
	size_t brk_frames;	/* frames open when the blank was asked for */
	bool have_output;
	unsigned long serial;	/* counts visible text added */

	struct frame frames[MAX_FRAMES];
	size_t nframes;
	struct list lists[HTML_MAX_DEPTH + 1];
	size_t nlists;
	unsigned pre, quotes, dds;
	unsigned char tmodes[HTML_MAX_DEPTH + 1];
	size_t ntables;
	struct table *table;	/* the table being collected */

	/* links: doc->links plus an index for sharing numbers */
	uint32_t *hash;		/* 1 + index into links, 0 empty */
	size_t hash_cap;

	/* output */
	struct html_doc *doc;
	size_t lines_cap;
	struct html_span *spans;	/* the line being built */
	size_t nspans, spans_cap;
	struct tbuf *out;	/* text mode */
};

typedef bool (*start_fn)(struct render *, GumboElement *, struct visit *);
typedef void (*end_fn)(struct render *, struct visit *);

struct tag_row {
	unsigned char before, after;	/* break levels around the element */
	unsigned style;
	bool drop;			/* the element and all inside it are left out */
	start_fn start;			/* false: leave out what is inside */
	end_fn end;
};

/* ---- flows ------------------------------------------------------------- */

static void
flow_init(struct flow *f)
{
	memset(f, 0, sizeof(*f));
	tbuf_init(&f->text, FLOW_MAX);
}

static void
flow_clear(struct flow *f)
{
	tbuf_clear(&f->text);
	f->nmarks = 0;
	f->pre = false;
}

static void
flow_free(struct flow *f)
{
	tbuf_free(&f->text);
	free(f->marks);
}

static char
flow_last(const struct flow *f)
{
	return f->text.len > 0 ? f->text.ptr[f->text.len - 1] : '\0';
}

static void
flow_add(struct flow *f, const char *s, size_t n, unsigned style)
{
	struct mark *m;

	if (n == 0 || f->text.len + n > FLOW_MAX)
		return;
	m = f->nmarks > 0 ? &f->marks[f->nmarks - 1] : NULL;
	if (m == NULL || m->style != style) {
		if (m != NULL && m->off == f->text.len)
			m->style = style;
		else {
			if (f->nmarks == f->cap) {
				f->cap = f->cap ? f->cap * 2 : 8;
				f->marks = xreallocarray(f->marks, f->cap,
				    sizeof(*f->marks));
			}
			f->marks[f->nmarks].off = f->text.len;
			f->marks[f->nmarks++].style = style;
		}
	}
	if (!tbuf_add(&f->text, s, n))
		return;	/* cannot happen: checked above */
}

/* Append src[a..b) to dst keeping its styles, plus extra on every style. */
static void
flow_copy(struct flow *dst, const struct flow *src, size_t a, size_t b,
    unsigned extra)
{
	size_t i, end;

	for (i = 0; i < src->nmarks && a < b; i++) {
		end = i + 1 < src->nmarks ? src->marks[i + 1].off : src->text.len;
		if (end > b)
			end = b;
		if (end <= a)
			continue;
		flow_add(dst, src->text.ptr + a, end - a,
		    src->marks[i].style | extra);
		a = end;
	}
}

/* The flow's text with the spaces and newlines at its end removed. */
static void
flow_trim(struct flow *f)
{
	while (f->text.len > 0 && (flow_last(f) == ' ' ||
	    (!f->pre && flow_last(f) == '\n')))
		f->text.len--;
	while (f->pre && f->text.len > 0 && flow_last(f) == '\n')
		f->text.len--;
	if (f->text.ptr != NULL)
		f->text.ptr[f->text.len] = '\0';
	while (f->nmarks > 0 && f->marks[f->nmarks - 1].off >= f->text.len)
		f->nmarks--;
}

/* ---- display width ------------------------------------------------------ */

static size_t
width_of(const char *s, size_t n)
{
	size_t i = 0, w = 0;
	uint32_t cp;

	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			w += s[i] >= ' ' && s[i] != 0x7f;
			i++;
			continue;
		}
		i += utf8_decode(s + i, n - i, &cp);
		w += (size_t)text_cp_width(cp);
	}
	return w;
}

/* Bytes of the character at s[0..n) and its columns. */
static size_t
char_at(const char *s, size_t n, size_t *w)
{
	uint32_t cp;
	size_t len;

	if ((unsigned char)s[0] < 0x80) {
		*w = 1;
		return 1;
	}
	len = utf8_decode(s, n, &cp);
	*w = (size_t)text_cp_width(cp);
	return len;
}

/* ---- output: lines of spans, or plain text ---------------------------- */

static void
line_add(struct render *r, const char *s, size_t n, unsigned style)
{
	struct html_span *sp;

	if (n == 0)
		return;
	if (r->text_mode) {
		if (!tbuf_add(r->out, s, n))
			return;	/* the export is cut at its limit */
		return;
	}
	if (r->nspans > 0 && r->spans[r->nspans - 1].style == style) {
		size_t old;

		sp = &r->spans[r->nspans - 1];
		old = strlen(sp->text);
		sp->text = xrealloc(sp->text, old + n + 1);
		memcpy(sp->text + old, s, n);
		sp->text[old + n] = '\0';
		return;
	}
	if (r->nspans == r->spans_cap) {
		r->spans_cap = r->spans_cap ? r->spans_cap * 2 : 4;
		r->spans = xreallocarray(r->spans, r->spans_cap, sizeof(*r->spans));
	}
	sp = &r->spans[r->nspans++];
	sp->text = xstrndup(s, n);
	sp->style = style;
}

static void
line_end(struct render *r)
{
	struct html_doc *d = r->doc;
	struct html_line *l;

	r->have_output = true;
	if (r->text_mode) {
		if (!tbuf_addc(r->out, '\n'))
			return;
		return;
	}
	if (d->nlines == r->lines_cap) {
		r->lines_cap = r->lines_cap ? r->lines_cap * 2 : 16;
		d->lines = xreallocarray(d->lines, r->lines_cap, sizeof(*d->lines));
	}
	l = &d->lines[d->nlines++];
	l->nspans = r->nspans;
	l->spans = NULL;
	if (r->nspans > 0) {
		l->spans = xreallocarray(NULL, r->nspans, sizeof(*l->spans));
		memcpy(l->spans, r->spans, r->nspans * sizeof(*l->spans));
	}
	r->nspans = 0;
}

static unsigned
frame_style(const struct frame *fr)
{
	return fr->kind == FR_QUOTE ? HTML_QUOTE : HTML_PLAIN;
}

/* Columns the prefix of the next line takes. */
static size_t
prefix_width(const struct render *r)
{
	size_t i, w = 0, a, b;

	for (i = 0; i < r->nframes; i++) {
		a = width_of(r->frames[i].first, strlen(r->frames[i].first));
		b = width_of(r->frames[i].rest, strlen(r->frames[i].rest));
		w += a > b ? a : b;
	}
	return w;
}

/* Columns left for text after the prefix; 0 when not wrapping. *show is
 * false when the prefix leaves too little room and is left out. */
static size_t
text_room(const struct render *r, bool *show)
{
	size_t pw = prefix_width(r);

	*show = true;
	if (r->width == 0)
		return 0;
	if (pw + MIN_TEXT > r->width) {
		*show = false;
		return r->width;
	}
	return r->width - pw;
}

static void
put_prefix(struct render *r, bool show)
{
	size_t i;

	for (i = 0; i < r->nframes; i++) {
		struct frame *fr = &r->frames[i];
		const char *p = fr->used ? fr->rest : fr->first;

		fr->used = true;
		if (show)
			line_add(r, p, strlen(p), frame_style(fr));
	}
}

/* The blank line asked for between two blocks, with the quote bars of the
 * quotes that hold both. */
static void
put_pending(struct render *r)
{
	size_t i, n = r->nframes < r->brk_frames ? r->nframes : r->brk_frames;

	if (r->brk == BRK_BLANK && r->have_output) {
		size_t last = 0;
		bool show;

		text_room(r, &show);
		for (i = 0; i < n; i++)
			if (r->frames[i].kind == FR_QUOTE)
				last = i + 1;
		for (i = 0; show && i < last; i++) {
			const char *p = r->frames[i].rest;
			size_t len = strlen(p);

			if (i + 1 == last)
				while (len > 0 && p[len - 1] == ' ')
					len--;
			line_add(r, p, len, frame_style(&r->frames[i]));
		}
		line_end(r);
	}
	r->brk = BRK_NONE;
}

/* One output line from f->text[a..b), after the prefix. */
static void
put_line(struct render *r, const struct flow *f, size_t a, size_t b, bool show)
{
	size_t lo = 0, hi = f->nmarks, i;

	put_prefix(r, show);
	/* the last mark at or before a */
	while (lo + 1 < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (f->marks[mid].off <= a)
			lo = mid;
		else
			hi = mid;
	}
	for (i = lo; i < f->nmarks && a < b; i++) {
		size_t end = i + 1 < f->nmarks ? f->marks[i + 1].off : b;

		if (end > b)
			end = b;
		if (end <= a)
			continue;
		line_add(r, f->text.ptr + a, end - a, f->marks[i].style);
		a = end;
	}
	line_end(r);
}

/* Greedy word wrap of one hard line s[a..b) to room columns (0: none). */
static void
wrap_line(struct render *r, const struct flow *f, size_t a, size_t b,
    size_t room, bool show)
{
	const char *s = f->text.ptr;
	size_t start = a, i = a, col = 0, brk = 0, brk_col = 0, w, len;
	bool have_brk = false;

	if (room == 0 || width_of(s + a, b - a) <= room) {
		put_line(r, f, a, b, show);
		return;
	}
	while (i < b) {
		len = char_at(s + i, b - i, &w);
		if (s[i] == ' ') {
			if (col + 1 > room) {
				put_line(r, f, start, i, show);
				start = i + 1;
				i = start;
				col = 0;
				have_brk = false;
				continue;
			}
			brk = i;
			brk_col = col;
			have_brk = true;
		} else if (col + w > room && i > start) {
			if (have_brk) {
				put_line(r, f, start, brk, show);
				start = brk + 1;
				col -= brk_col + 1;
			} else {
				put_line(r, f, start, i, show);
				start = i;
				col = 0;
			}
			have_brk = false;
			continue;
		}
		col += w;
		i += len;
	}
	if (start < b)
		put_line(r, f, start, b, show);
}

/* Verbatim text: tabs expanded, each line cut to room columns. */
static void
put_verbatim(struct render *r, const struct flow *f, size_t room, bool show)
{
	struct flow *t = &r->scratch;
	size_t i, m, a, end, col = 0, w, len;
	bool cut = false;

	flow_clear(t);
	for (m = 0; m < f->nmarks; m++) {
		unsigned style = f->marks[m].style;

		a = f->marks[m].off;
		end = m + 1 < f->nmarks ? f->marks[m + 1].off : f->text.len;
		for (i = a; i < end; i += len) {
			const char *c = f->text.ptr + i;

			if (*c == '\n') {
				flow_add(t, "\n", 1, style);
				col = 0;
				cut = false;
				len = 1;
				continue;
			}
			if (*c == '\t') {
				size_t n = TEXT_TAB_WIDTH - col % TEXT_TAB_WIDTH;

				len = 1;
				if (room > 0 && col + n > room)
					n = col < room ? room - col : 0;
				for (; n > 0 && !cut; n--, col++)
					flow_add(t, " ", 1, style);
				continue;
			}
			len = char_at(c, end - i, &w);
			if (cut || (room > 0 && col + w > room)) {
				cut = true;
				continue;
			}
			flow_add(t, c, len, style);
			col += w;
		}
	}
	for (a = 0; a <= t->text.len; a = end + 1) {
		const char *nl = t->text.ptr == NULL ? NULL :
		    memchr(t->text.ptr + a, '\n', t->text.len - a);

		end = nl != NULL ? (size_t)(nl - t->text.ptr) : t->text.len;
		put_line(r, t, a, end, show);
	}
}

/* Put the flow out as lines and empty it. */
static void
flush_flow(struct render *r, struct flow *f)
{
	size_t a = 0, end, room;
	bool show;

	flow_trim(f);
	while (!f->pre && a < f->text.len && f->text.ptr[a] == '\n')
		a++;
	if (a >= f->text.len) {
		flow_clear(f);
		return;
	}
	put_pending(r);
	room = text_room(r, &show);
	if (f->pre)
		put_verbatim(r, f, room, show);
	else
		for (; a <= f->text.len; a = end + 1) {
			const char *nl = memchr(f->text.ptr + a, '\n',
			    f->text.len - a);

			end = nl != NULL ? (size_t)(nl - f->text.ptr) : f->text.len;
			wrap_line(r, f, a, end, room, show);
		}
	flow_clear(f);
}

/* A boundary between blocks: the paragraph so far goes out, and the next
 * content starts on a new line (BRK_LINE) or after a blank line. */
static void
block_break(struct render *r, int level)
{
	if (r->table != NULL) {
		/* inside a table being collected, blocks are words of a cell */
		if (r->cur != NULL && r->cur->text.len > 0 &&
		    flow_last(r->cur) != ' ')
			flow_add(r->cur, " ", 1, r->style);
		return;
	}
	flush_flow(r, &r->para);
	/* a paragraph opening a list item does not space it from the last */
	if (r->nframes > 0 && !r->frames[r->nframes - 1].used &&
	    r->frames[r->nframes - 1].kind == FR_ITEM && level > BRK_LINE)
		level = BRK_LINE;
	if (level > r->brk) {
		if (r->brk == BRK_NONE || r->brk_frames > r->nframes)
			r->brk_frames = r->nframes;
		r->brk = level;
	}
}

/* ---- text -------------------------------------------------------------- */

static bool
plain_ascii(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x7f ||
		    ((unsigned char)s[i] < ' ' && s[i] != '\n' && s[i] != '\t' &&
		    s[i] != '\r' && s[i] != '\f'))
			return false;
	return true;
}

/* Collapsed text into the current flow: runs of whitespace are one space,
 * none at the start of a block or a line. */
static void
add_collapsed(struct render *r, const char *s, size_t n)
{
	struct flow *f = r->cur;
	size_t i = 0, j;

	while (i < n) {
		if (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r' ||
		    s[i] == '\f') {
			while (i < n && (s[i] == ' ' || s[i] == '\n' ||
			    s[i] == '\t' || s[i] == '\r' || s[i] == '\f'))
				i++;
			if (f->text.len > 0 && flow_last(f) != ' ' &&
			    flow_last(f) != '\n')
				flow_add(f, " ", 1, r->style);
			continue;
		}
		for (j = i; j < n && s[j] != ' ' && s[j] != '\n' && s[j] != '\t' &&
		    s[j] != '\r' && s[j] != '\f'; j++)
			;
		flow_add(f, s + i, j - i, r->style);
		r->serial++;
		i = j;
	}
}

/* Verbatim text: newlines kept, tabs kept for put_verbatim to expand. */
static void
add_verbatim(struct render *r, const char *s, size_t n)
{
	size_t i = 0, j;

	r->cur->pre = true;
	while (i <= n) {
		char *clean;

		for (j = i; j < n && s[j] != '\t'; j++)
			;
		clean = text_sanitize(s + i, j - i, true);
		flow_add(r->cur, clean, strlen(clean), r->style);
		free(clean);
		if (j < n)
			flow_add(r->cur, "\t", 1, r->style);
		r->serial++;
		i = j + 1;
	}
}

static void
add_text(struct render *r, const char *s, size_t n)
{
	char *clean;

	if (r->cur == NULL || n == 0)
		return;
	if (r->pre > 0 && r->table == NULL) {
		add_verbatim(r, s, n);
		return;
	}
	if (r->cur->pre)
		block_break(r, BRK_NONE);
	if (plain_ascii(s, n)) {
		add_collapsed(r, s, n);
		return;
	}
	clean = text_sanitize(s, n, false);
	add_collapsed(r, clean, strlen(clean));
	free(clean);
}

/* ---- links and ads ------------------------------------------------------ */

enum ad_where {
	AD_HOST,	/* the host is pat or ends in "." pat */
	AD_HOST_START,	/* the host starts with pat */
	AD_PATH,	/* the path (and query) contains pat */
	AD_ANY		/* the whole URL contains pat */
};

/* Ad servers and tracking pixels; img: only for images (a link to an
 * article about pixels is not an ad). Patterns are lower case. */
static const struct ad_rule {
	const char *pat;
	enum ad_where where;
	bool img;
} ad_rules[] = {
	{ "doubleclick.net", AD_HOST, false },
	{ "googlesyndication.com", AD_HOST, false },
	{ "googleadservices.com", AD_HOST, false },
	{ "amazon-adsystem.com", AD_HOST, false },
	{ "adnxs.com", AD_HOST, false },
	{ "pheedo.com", AD_HOST, false },
	{ "da.feedsportal.com", AD_HOST, false },
	{ "pi.feedsportal.com", AD_HOST, true },
	{ "mf.feeds.reuters.com", AD_HOST, false },
	{ "stats.wordpress.com", AD_HOST, true },
	{ "pixel.wp.com", AD_HOST, true },
	{ "feeds.wordpress.com", AD_HOST, true },
	{ "ads.", AD_HOST_START, false },
	{ "adserver", AD_ANY, false },
	{ "feedburner.com/~a/", AD_ANY, false },
	{ "feedburner.com/~ff/", AD_ANY, false },
	{ "feedburner.com/~r/", AD_ANY, true },
	{ "/ads/", AD_PATH, false },
	{ "/adclick", AD_PATH, false },
	{ "/adview", AD_PATH, false },
	{ "/pixel.", AD_PATH, true },
	{ "/pixel?", AD_PATH, true },
	{ "/pixel/", AD_PATH, true },
	{ "pixel.", AD_HOST_START, true },
	{ "/1x1.", AD_PATH, true },
	{ "/beacon", AD_PATH, true },
	{ "/track/", AD_PATH, true },
	{ "/tracking/", AD_PATH, true },
};

static bool
host_is(const char *host, size_t n, const char *pat)
{
	size_t p = strlen(pat);

	return n >= p && memcmp(host + n - p, pat, p) == 0 &&
	    (n == p || host[n - p - 1] == '.');
}

static bool
is_ad_url(const char *url, bool img)
{
	char low[URL_CHECK_MAX + 1];
	const char *host, *path;
	size_t i, nhost;

	for (i = 0; i < URL_CHECK_MAX && url[i] != '\0'; i++)
		low[i] = (url[i] >= 'A' && url[i] <= 'Z') ? url[i] + 32 : url[i];
	low[i] = '\0';
	url_host_path(low, &host, &nhost, &path);
	for (i = 0; i < sizeof(ad_rules) / sizeof(ad_rules[0]); i++) {
		const struct ad_rule *a = &ad_rules[i];

		if (a->img && !img)
			continue;
		switch (a->where) {
		case AD_HOST:
			if (host_is(host, nhost, a->pat))
				return true;
			break;
		case AD_HOST_START:
			if (nhost > strlen(a->pat) &&
			    strncmp(host, a->pat, strlen(a->pat)) == 0)
				return true;
			break;
		case AD_PATH:
			if (strstr(path, a->pat) != NULL)
				return true;
			break;
		case AD_ANY:
			if (strstr(low, a->pat) != NULL)
				return true;
			break;
		}
	}
	return false;
}

static bool
lower_eq(const char *s, const char *lower)
{
	for (; *s != '\0' && *lower != '\0'; s++, lower++)
		if ((*s >= 'A' && *s <= 'Z' ? *s + 32 : *s) != *lower)
			return false;
	return *s == *lower;
}

static const char *
attr(const GumboElement *el, const char *name)
{
	GumboAttribute *a = gumbo_get_attribute(&el->attributes, name);

	return a != NULL ? a->value : NULL;
}

/* style="display: none" and the like. */
static bool
style_hides(const char *style)
{
	char low[STYLE_CHECK_MAX + 1];
	size_t i, o = 0;

	for (i = 0; style[i] != '\0' && o < STYLE_CHECK_MAX; i++) {
		char c = style[i];

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f')
			continue;
		low[o++] = (c >= 'A' && c <= 'Z') ? c + 32 : c;
	}
	low[o] = '\0';
	return strstr(low, "display:none") != NULL ||
	    strstr(low, "visibility:hidden") != NULL;
}

static bool
is_hidden(const GumboElement *el)
{
	const char *v;

	if (el->attributes.length == 0)
		return false;
	if (attr(el, "hidden") != NULL)
		return true;
	if ((v = attr(el, "aria-hidden")) != NULL && lower_eq(v, "true"))
		return true;
	return (v = attr(el, "style")) != NULL && style_hides(v);
}

static uint32_t
hash_str(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* The number (from 1) of url in the document's list, added if new; 0 when
 * the list is full. Takes url. */
static size_t
link_number(struct render *r, char *url)
{
	struct html_doc *d = r->doc;
	size_t i, mask;

	if (r->hash_cap == 0 || (d->nlinks + 1) * 2 > r->hash_cap) {
		size_t cap = r->hash_cap ? r->hash_cap * 2 : 64;

		free(r->hash);
		r->hash = xcalloc(cap, sizeof(*r->hash));
		r->hash_cap = cap;
		for (i = 0; i < d->nlinks; i++) {
			size_t h = hash_str(d->links[i]) & (cap - 1);

			while (r->hash[h] != 0)
				h = (h + 1) & (cap - 1);
			r->hash[h] = (uint32_t)(i + 1);
		}
	}
	mask = r->hash_cap - 1;
	for (i = hash_str(url) & mask; r->hash[i] != 0; i = (i + 1) & mask)
		if (strcmp(d->links[r->hash[i] - 1], url) == 0) {
			free(url);
			return r->hash[i];
		}
	if (d->nlinks >= HTML_MAX_LINKS) {
		free(url);
		return 0;
	}
	if ((d->nlinks & (d->nlinks - 1)) == 0)	/* 0, 1, 2, 4...: grow */
		d->links = xreallocarray(d->links, d->nlinks ? d->nlinks * 2 : 1,
		    sizeof(*d->links));
	d->links[d->nlinks++] = url;
	r->hash[i] = (uint32_t)d->nlinks;
	return d->nlinks;
}

/* Schemes whose links are not worth a number. */
static bool
unlisted(const char *url)
{
	static const char *const schemes[] = { "javascript:", "data:",
	    "vbscript:", "about:" };
	size_t i;

	if (url[0] == '#')
		return true;	/* a place in this same text */
	for (i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++) {
		size_t n = strlen(schemes[i]), j;

		for (j = 0; j < n && url[j] != '\0'; j++)
			if ((url[j] >= 'A' && url[j] <= 'Z' ? url[j] + 32 : url[j]) !=
			    schemes[i][j])
				break;
		if (j == n)
			return true;
	}
	return false;
}

/* ---- element handlers ---------------------------------------------------- */

static bool
push_frame(struct render *r, enum frame_kind kind, const char *first,
    const char *rest)
{
	struct frame *fr;

	if (r->table != NULL || r->nframes == MAX_FRAMES)
		return false;
	fr = &r->frames[r->nframes++];
	fr->kind = kind;
	xsnprintf(fr->first, sizeof(fr->first), "%s", first);
	xsnprintf(fr->rest, sizeof(fr->rest), "%s", rest);
	fr->used = false;
	return true;
}

static bool
start_quote(struct render *r, GumboElement *el, struct visit *v)
{
	const char *bar = r->opt->ascii ? "> " : "\xe2\x94\x82 ";

	(void)el;
	if (r->text_mode || r->quotes >= QUOTE_MAX_DEPTH)
		return true;
	r->quotes++;
	v->flags |= V_QUOTE;
	if (push_frame(r, FR_QUOTE, bar, bar))
		v->flags |= V_FRAME;
	return true;
}

static void
end_frame(struct render *r, struct visit *v)
{
	block_break(r, BRK_BLANK);
	if (v->flags & V_FRAME)
		r->nframes--;
	if (v->flags & V_QUOTE)
		r->quotes--;
	if (v->flags & V_DD)
		r->dds--;
}

static long
attr_long(const GumboElement *el, const char *name, long dflt)
{
	const char *v = attr(el, name);
	char *end;
	long n;

	if (v == NULL)
		return dflt;
	n = strtol(v, &end, 10);
	if (end == v)
		return dflt;
	if (n > 1000000000L)
		return 1000000000L;
	if (n < -1000000000L)
		return -1000000000L;
	return n;
}

static bool
start_list(struct render *r, GumboElement *el, struct visit *v)
{
	struct list *l;

	block_break(r, r->nlists > 0 ? BRK_LINE : BRK_BLANK);
	if (r->nlists > HTML_MAX_DEPTH)
		return true;
	l = &r->lists[r->nlists++];
	v->flags |= V_LIST;
	l->ordered = v->node->v.element.tag == GUMBO_TAG_OL;
	l->step = 1;
	l->next = 1;
	if (l->ordered && attr(el, "reversed") != NULL) {
		unsigned i;
		long items = 0;

		for (i = 0; i < el->children.length; i++) {
			GumboNode *c = el->children.data[i];

			items += c->type == GUMBO_NODE_ELEMENT &&
			    c->v.element.tag == GUMBO_TAG_LI;
		}
		l->step = -1;
		l->next = items;
	}
	if (l->ordered)
		l->next = attr_long(el, "start", l->next);
	return true;
}

static void
end_list(struct render *r, struct visit *v)
{
	if (v->flags & V_LIST)
		r->nlists--;
	block_break(r, r->nlists > 0 ? BRK_LINE : BRK_BLANK);
}

static const char *const bullets[] = { "\xe2\x80\xa2", "\xe2\x97\xa6",
    "\xe2\x96\xaa" };
static const char *const ascii_bullets[] = { "-", "*", "+" };

static bool
start_item(struct render *r, GumboElement *el, struct visit *v)
{
	char marker[24], pad[24];
	size_t depth = r->nlists, w;

	block_break(r, BRK_LINE);
	if (depth == 0 || r->table != NULL)
		return true;
	if (r->lists[depth - 1].ordered) {
		struct list *l = &r->lists[depth - 1];

		l->next = attr_long(el, "value", l->next);
		xsnprintf(marker, sizeof(marker), "%ld. ", l->next);
		if (l->next > -1000000000L && l->next < 1000000000L)
			l->next += l->step;
	} else if (r->text_mode || r->opt->ascii)
		xsnprintf(marker, sizeof(marker), "%s ", r->text_mode ? "-" :
		    ascii_bullets[(depth - 1) % 3]);
	else
		xsnprintf(marker, sizeof(marker), "%s ", bullets[(depth - 1) % 3]);
	if (depth > HTML_MAX_LIST_DEPTH || r->nframes == MAX_FRAMES) {
		/* no deeper indentation: the marker starts the text */
		if (r->cur != NULL)
			flow_add(r->cur, marker, strlen(marker), r->style);
		return true;
	}
	w = width_of(marker, strlen(marker));
	memset(pad, ' ', w);
	pad[w] = '\0';
	if (push_frame(r, FR_ITEM, marker, pad))
		v->flags |= V_FRAME;
	return true;
}

static void
end_item(struct render *r, struct visit *v)
{
	block_break(r, BRK_LINE);
	if (v->flags & V_FRAME) {
		/* a paragraph inside an item does not space the items apart */
		if (r->frames[r->nframes - 1].used)
			r->brk = BRK_LINE;
		r->nframes--;
	}
}

static bool
start_dd(struct render *r, GumboElement *el, struct visit *v)
{
	(void)el;
	if (r->text_mode || r->dds >= DD_MAX_DEPTH)
		return true;
	r->dds++;
	v->flags |= V_DD;
	if (push_frame(r, FR_INDENT, "    ", "    "))
		v->flags |= V_FRAME;
	return true;
}

static void
end_dd(struct render *r, struct visit *v)
{
	block_break(r, BRK_LINE);
	if (v->flags & V_FRAME)
		r->nframes--;
	if (v->flags & V_DD)
		r->dds--;
}

static bool
start_pre(struct render *r, GumboElement *el, struct visit *v)
{
	(void)el;
	r->pre++;
	v->flags |= V_PRE;
	return true;
}

static void
end_pre(struct render *r, struct visit *v)
{
	block_break(r, BRK_BLANK);
	if (v->flags & V_PRE)
		r->pre--;
}

static bool
start_br(struct render *r, GumboElement *el, struct visit *v)
{
	struct flow *f = r->cur;
	size_t n = 0;

	(void)el;
	(void)v;
	if (f == NULL)
		return false;
	if (r->table != NULL || (f->pre && r->pre == 0)) {
		block_break(r, r->table != NULL ? BRK_NONE : BRK_LINE);
		return false;
	}
	if (r->pre > 0) {
		add_verbatim(r, "\n", 1);
		return false;
	}
	while (f->text.len > 0 && flow_last(f) == ' ')
		f->text.len--;
	while (n < f->text.len && f->text.ptr[f->text.len - 1 - n] == '\n')
		n++;
	if (n < MAX_NEWLINES)
		flow_add(f, "\n", 1, r->style);
	return false;
}

static bool
start_hr(struct render *r, GumboElement *el, struct visit *v)
{
	const char *dash = r->opt->ascii ? "-" : "\xe2\x94\x80";
	size_t room, i;
	bool show;

	(void)el;
	(void)v;
	block_break(r, BRK_BLANK);
	if (r->text_mode || r->table != NULL)
		return false;
	put_pending(r);
	room = text_room(r, &show);
	if (room == 0)
		room = HR_WIDTH;
	if (room > HR_MAX)
		room = HR_MAX;
	put_prefix(r, show);
	for (i = 0; i < room; i++)
		line_add(r, dash, strlen(dash), HTML_PLAIN);
	line_end(r);
	block_break(r, BRK_BLANK);
	return false;
}

/* width="1", height="0px": a tracking pixel. */
static bool
tiny(const char *v)
{
	return v != NULL && (v[0] == '0' || v[0] == '1') &&
	    (v[1] == '\0' || strncmp(v + 1, "px", STRLEN("px")) == 0);
}

static bool
start_img(struct render *r, GumboElement *el, struct visit *v)
{
	const char *alt = attr(el, "alt"), *src = attr(el, "src");
	char *clean, *text;

	(void)v;
	if (r->text_mode || r->cur == NULL || alt == NULL)
		return false;
	if (tiny(attr(el, "width")) || tiny(attr(el, "height")))
		return false;
	if (src != NULL && is_ad_url(src, true))
		return false;
	clean = text_sanitize_line(alt);
	if (*clean != '\0' && !lower_eq(clean, "advertisement") &&
	    !lower_eq(clean, "ad") && !lower_eq(clean, "advert")) {
		text = xasprintf("[image: %s]", clean);
		add_collapsed(r, text, strlen(text));
		free(text);
	}
	free(clean);
	return false;
}

static bool
start_link(struct render *r, GumboElement *el, struct visit *v)
{
	const char *href = attr(el, "href");
	char *url;

	if (href == NULL)
		return true;
	if (r->text_mode)
		return !is_ad_url(href, false);
	while (*href == ' ' || (*href >= '\t' && *href <= '\r'))
		href++;
	if (unlisted(href))
		return true;
	url = url_resolve(r->opt->base_url, href);
	if (url == NULL)
		return true;
	if (is_ad_url(url, false)) {
		free(url);
		return false;
	}
	v->url = text_sanitize_line(url);
	free(url);
	v->flags |= V_LINK;
	v->serial = r->serial;
	v->lines = r->doc->nlines;
	r->style |= HTML_LINK;
	return true;
}

static void
end_link(struct render *r, struct visit *v)
{
	char mark[32];
	size_t n;

	if (!(v->flags & V_LINK))
		return;
	if (r->serial == v->serial || r->cur == NULL || *v->url == '\0') {
		free(v->url);
		v->url = NULL;
		return;
	}
	n = link_number(r, v->url);
	v->url = NULL;
	if (n == 0 || !r->opt->link_refs)
		return;
	xsnprintf(mark, sizeof(mark), "[%zu]", n);
	if (r->cur->text.len == 0 && r->doc->nlines > v->lines) {
		/* the link held blocks, now out: mark the last line if it fits */
		struct html_line *l = &r->doc->lines[r->doc->nlines - 1];
		char *text = html_line_text(l);
		size_t w = text_width(text);

		free(text);
		if (l->nspans > 0 && (r->width == 0 || w + strlen(mark) <= r->width)) {
			l->spans = xreallocarray(l->spans, l->nspans + 1,
			    sizeof(*l->spans));
			l->spans[l->nspans].text = xstrdup(mark);
			l->spans[l->nspans++].style = v->style;
			return;
		}
		flow_add(r->cur, mark, strlen(mark), v->style);
		flow_add(r->cur, " ", 1, v->style);
		return;
	}
	if (flow_last(r->cur) == ' ') {
		/* "text [1]" would part the marker from its text */
		r->cur->text.len--;
		flow_add(r->cur, mark, strlen(mark), v->style);
		flow_add(r->cur, " ", 1, v->style);
	} else
		flow_add(r->cur, mark, strlen(mark), v->style);
}

/* ---- tables -------------------------------------------------------------- */

static bool
is_layout_block(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_UL:
	case GUMBO_TAG_OL: case GUMBO_TAG_DL: case GUMBO_TAG_BLOCKQUOTE:
	case GUMBO_TAG_PRE: case GUMBO_TAG_TABLE: case GUMBO_TAG_H1:
	case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
	case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_HR:
	case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE:
	case GUMBO_TAG_FIGURE:
		return true;
	default:
		return false;
	}
}

/* A data table has cells of inline content and more than one column;
 * anything else holds page layout and is rendered as blocks. */
static bool
is_data_table(GumboNode *table)
{
	GumboNode *stack[HTML_MAX_DEPTH];
	unsigned idx[HTML_MAX_DEPTH];
	size_t depth = 0, seen = 0, maxcols = 0;

	stack[0] = table;
	idx[0] = 0;
	depth = 1;
	while (depth > 0) {
		GumboNode *n = stack[depth - 1];
		GumboNode *c;

		if (idx[depth - 1] >= n->v.element.children.length) {
			depth--;
			continue;
		}
		c = n->v.element.children.data[idx[depth - 1]++];
		if (c->type != GUMBO_NODE_ELEMENT)
			continue;
		if (++seen > TABLE_SCAN_MAX)
			return false;
		if (is_layout_block(c->v.element.tag))
			return false;
		if (c->v.element.tag == GUMBO_TAG_TR) {
			size_t i, cols = 0;

			for (i = 0; i < c->v.element.children.length; i++) {
				GumboNode *t = c->v.element.children.data[i];

				cols += t->type == GUMBO_NODE_ELEMENT &&
				    (t->v.element.tag == GUMBO_TAG_TD ||
				    t->v.element.tag == GUMBO_TAG_TH);
			}
			if (cols > maxcols)
				maxcols = cols;
		}
		if (depth < HTML_MAX_DEPTH) {
			stack[depth] = c;
			idx[depth++] = 0;
		}
	}
	return maxcols > 1;
}

static bool
start_table(struct render *r, GumboElement *el, struct visit *v)
{
	enum table_mode mode;

	(void)el;
	if (r->ntables > HTML_MAX_DEPTH)
		return true;
	if (r->table != NULL)
		mode = T_INNER;
	else if (is_data_table(v->node)) {
		mode = T_COLLECT;
		block_break(r, BRK_BLANK);
		r->table = xcalloc(1, sizeof(*r->table));
		flow_init(&r->table->caption);
		r->cur = NULL;
	} else {
		mode = T_LAYOUT;
		block_break(r, BRK_BLANK);
	}
	r->tmodes[r->ntables++] = (unsigned char)mode;
	v->flags |= V_TABLE;
	return true;
}

static enum table_mode
table_mode(const struct render *r)
{
	return r->ntables > 0 ? r->tmodes[r->ntables - 1] : T_LAYOUT;
}

static bool
start_caption(struct render *r, GumboElement *el, struct visit *v)
{
	(void)el;
	if (table_mode(r) == T_COLLECT && r->table != NULL) {
		r->cur = &r->table->caption;
		v->flags |= V_CELL;
	} else
		block_break(r, BRK_LINE);
	return true;
}

static bool
start_row(struct render *r, GumboElement *el, struct visit *v)
{
	struct table *t = r->table;

	(void)el;
	(void)v;
	switch (table_mode(r)) {
	case T_COLLECT:
		if (t->n == t->cap) {
			t->cap = t->cap ? t->cap * 2 : 8;
			t->rows = xreallocarray(t->rows, t->cap, sizeof(*t->rows));
		}
		memset(&t->rows[t->n++], 0, sizeof(*t->rows));
		break;
	case T_INNER:
		block_break(r, BRK_NONE);
		break;
	case T_LAYOUT:
		block_break(r, BRK_BLANK);
		break;
	}
	return true;
}

/* Cells of a layout table are blocks: one per line, a blank between rows. */
static bool
start_cell(struct render *r, GumboElement *el, struct visit *v)
{
	struct table *t = r->table;
	struct row *row;
	struct cell *c;

	(void)el;
	switch (table_mode(r)) {
	case T_COLLECT:
		if (t->n == 0)
			start_row(r, el, v);
		row = &t->rows[t->n - 1];
		if (row->n == row->cap) {
			row->cap = row->cap ? row->cap * 2 : 4;
			row->cells = xreallocarray(row->cells, row->cap,
			    sizeof(*row->cells));
		}
		c = &row->cells[row->n++];
		flow_init(&c->f);
		c->header = v->node->v.element.tag == GUMBO_TAG_TH;
		r->cur = &c->f;
		v->flags |= V_CELL;
		break;
	case T_INNER:
		block_break(r, BRK_NONE);
		break;
	case T_LAYOUT:
		block_break(r, BRK_LINE);
		break;
	}
	return true;
}

static void
end_cell(struct render *r, struct visit *v)
{
	if (v->flags & V_CELL) {
		flow_trim(r->cur);
		r->cur = NULL;
	} else
		block_break(r, table_mode(r) == T_LAYOUT ? BRK_LINE : BRK_NONE);
}

/* One line of a table: cells padded to their columns. */
static void
put_table_row(struct render *r, const struct row *row, const size_t *colw,
    size_t ncols, bool show)
{
	struct flow *f = &r->scratch;
	const char *sep = r->text_mode ? " | " : "  ";
	size_t i, last = row->n, w;

	flow_clear(f);
	while (last > 0 && row->cells[last - 1].f.text.len == 0)
		last--;
	for (i = 0; i < last && i < ncols; i++) {
		const struct cell *c = &row->cells[i];

		if (i > 0)
			flow_add(f, sep, strlen(sep), HTML_PLAIN);
		flow_copy(f, &c->f, 0, c->f.text.len, c->header ? HTML_BOLD : 0);
		if (r->text_mode || i + 1 == last)
			continue;
		for (w = width_of(c->f.text.ptr, c->f.text.len); w < colw[i]; w++)
			flow_add(f, " ", 1, HTML_PLAIN);
	}
	if (f->text.len > 0)
		put_line(r, f, 0, f->text.len, show);
}

static void
put_table(struct render *r, struct table *t)
{
	size_t colw[TABLE_MAX_COLS], ncols = 0, total = 0, i, j, room;
	bool show, side = true, head;

	memset(colw, 0, sizeof(colw));
	for (i = 0; i < t->n; i++) {
		if (t->rows[i].n > TABLE_MAX_COLS)
			side = false;
		for (j = 0; j < t->rows[i].n && j < TABLE_MAX_COLS; j++) {
			size_t w = width_of(t->rows[i].cells[j].f.text.ptr,
			    t->rows[i].cells[j].f.text.len);

			if (w > colw[j])
				colw[j] = w;
			if (j + 1 > ncols)
				ncols = j + 1;
		}
	}
	for (j = 0; j < ncols; j++)
		total += colw[j] + (j > 0 ? 2 : 0);
	flush_flow(r, &t->caption);
	room = text_room(r, &show);
	if (room > 0 && total > room)
		side = false;
	if (side) {
		for (i = 0; i < t->n; i++) {
			if (t->rows[i].n == 0)
				continue;
			put_pending(r);
			put_table_row(r, &t->rows[i], colw, ncols, show);
		}
		return;
	}
	/* Too wide: each row a block of "header: cell" paragraphs. */
	head = t->n > 1 && t->rows[0].n > 0;
	for (j = 0; head && j < t->rows[0].n; j++)
		head = t->rows[0].cells[j].header;
	for (i = head ? 1 : 0; i < t->n; i++) {
		for (j = 0; j < t->rows[i].n; j++) {
			struct cell *c = &t->rows[i].cells[j];
			struct flow *f = &r->para;

			if (c->f.text.len == 0)
				continue;
			if (head && j < t->rows[0].n &&
			    t->rows[0].cells[j].f.text.len > 0) {
				const struct flow *h = &t->rows[0].cells[j].f;

				flow_copy(f, h, 0, h->text.len, HTML_BOLD);
				flow_add(f, ": ", 2, HTML_BOLD);
			}
			flow_copy(f, &c->f, 0, c->f.text.len,
			    c->header ? HTML_BOLD : 0);
			flush_flow(r, f);
			r->brk = BRK_LINE;
		}
		r->brk = BRK_BLANK;
		r->brk_frames = r->nframes;
	}
}

static void
table_free(struct table *t)
{
	size_t i, j;

	for (i = 0; i < t->n; i++) {
		for (j = 0; j < t->rows[i].n; j++)
			flow_free(&t->rows[i].cells[j].f);
		free(t->rows[i].cells);
	}
	free(t->rows);
	flow_free(&t->caption);
	free(t);
}

static void
end_table(struct render *r, struct visit *v)
{
	enum table_mode mode;

	if (!(v->flags & V_TABLE))
		return;
	mode = (enum table_mode)r->tmodes[--r->ntables];
	if (mode == T_COLLECT) {
		struct table *t = r->table;

		r->table = NULL;
		r->cur = &r->para;
		put_table(r, t);
		table_free(t);
		block_break(r, BRK_BLANK);
	} else if (mode == T_LAYOUT)
		block_break(r, BRK_BLANK);
	else
		block_break(r, BRK_NONE);
}

/* ---- the tag table ------------------------------------------------------- */

#define BLOCK { BRK_BLANK, BRK_BLANK, 0, false, NULL, NULL }
#define DROP { 0, 0, 0, true, NULL, NULL }
#define STYLE(s) { 0, 0, (s), false, NULL, NULL }
#define HEADING { BRK_BLANK, BRK_BLANK, HTML_HEADING | HTML_BOLD, false, NULL, NULL }
#define PRE { BRK_BLANK, BRK_BLANK, HTML_CODE, false, start_pre, end_pre }

static const struct tag_row tag_rows[GUMBO_TAG_LAST + 1] = {
	[GUMBO_TAG_HEAD] = DROP, [GUMBO_TAG_TITLE] = DROP,
	[GUMBO_TAG_BASE] = DROP, [GUMBO_TAG_LINK] = DROP,
	[GUMBO_TAG_META] = DROP, [GUMBO_TAG_STYLE] = DROP,
	[GUMBO_TAG_SCRIPT] = DROP, [GUMBO_TAG_NOSCRIPT] = DROP,
	[GUMBO_TAG_TEMPLATE] = DROP, [GUMBO_TAG_IFRAME] = DROP,
	[GUMBO_TAG_EMBED] = DROP, [GUMBO_TAG_OBJECT] = DROP,
	[GUMBO_TAG_PARAM] = DROP, [GUMBO_TAG_VIDEO] = DROP,
	[GUMBO_TAG_AUDIO] = DROP, [GUMBO_TAG_SOURCE] = DROP,
	[GUMBO_TAG_TRACK] = DROP, [GUMBO_TAG_CANVAS] = DROP,
	[GUMBO_TAG_MAP] = DROP, [GUMBO_TAG_AREA] = DROP,
	[GUMBO_TAG_MATH] = DROP, [GUMBO_TAG_SVG] = DROP,
	[GUMBO_TAG_FORM] = DROP, [GUMBO_TAG_INPUT] = DROP,
	[GUMBO_TAG_BUTTON] = DROP, [GUMBO_TAG_SELECT] = DROP,
	[GUMBO_TAG_DATALIST] = DROP, [GUMBO_TAG_OPTGROUP] = DROP,
	[GUMBO_TAG_OPTION] = DROP, [GUMBO_TAG_TEXTAREA] = DROP,
	[GUMBO_TAG_KEYGEN] = DROP, [GUMBO_TAG_OUTPUT] = DROP,
	[GUMBO_TAG_PROGRESS] = DROP, [GUMBO_TAG_METER] = DROP,
	[GUMBO_TAG_APPLET] = DROP, [GUMBO_TAG_BGSOUND] = DROP,
	[GUMBO_TAG_FRAME] = DROP, [GUMBO_TAG_FRAMESET] = DROP,
	[GUMBO_TAG_NOEMBED] = DROP, [GUMBO_TAG_RP] = DROP,
	[GUMBO_TAG_NOFRAMES] = DROP,

	[GUMBO_TAG_ARTICLE] = BLOCK, [GUMBO_TAG_SECTION] = BLOCK,
	[GUMBO_TAG_NAV] = BLOCK, [GUMBO_TAG_ASIDE] = BLOCK,
	[GUMBO_TAG_HGROUP] = BLOCK, [GUMBO_TAG_HEADER] = BLOCK,
	[GUMBO_TAG_FOOTER] = BLOCK, [GUMBO_TAG_ADDRESS] = BLOCK,
	[GUMBO_TAG_P] = BLOCK, [GUMBO_TAG_MAIN] = BLOCK,
	[GUMBO_TAG_DIV] = BLOCK, [GUMBO_TAG_CENTER] = BLOCK,
	[GUMBO_TAG_DETAILS] = BLOCK, [GUMBO_TAG_SUMMARY] = BLOCK,
	[GUMBO_TAG_FIELDSET] = BLOCK, [GUMBO_TAG_LEGEND] = BLOCK,
	[GUMBO_TAG_FIGURE] = BLOCK, [GUMBO_TAG_DL] = BLOCK,
	[GUMBO_TAG_MULTICOL] = BLOCK,
	[GUMBO_TAG_FIGCAPTION] = { BRK_LINE, BRK_LINE, HTML_ITALIC, false,
	    NULL, NULL },
	[GUMBO_TAG_DT] = { BRK_LINE, BRK_LINE, HTML_BOLD, false, NULL, NULL },
	[GUMBO_TAG_DD] = { BRK_LINE, BRK_LINE, 0, false, start_dd, end_dd },

	[GUMBO_TAG_H1] = HEADING, [GUMBO_TAG_H2] = HEADING,
	[GUMBO_TAG_H3] = HEADING, [GUMBO_TAG_H4] = HEADING,
	[GUMBO_TAG_H5] = HEADING, [GUMBO_TAG_H6] = HEADING,
	[GUMBO_TAG_PRE] = PRE, [GUMBO_TAG_LISTING] = PRE,
	[GUMBO_TAG_XMP] = PRE, [GUMBO_TAG_PLAINTEXT] = PRE,
	[GUMBO_TAG_BLOCKQUOTE] = { BRK_BLANK, BRK_BLANK, HTML_QUOTE, false,
	    start_quote, end_frame },
	[GUMBO_TAG_UL] = { 0, 0, 0, false, start_list, end_list },
	[GUMBO_TAG_OL] = { 0, 0, 0, false, start_list, end_list },
	[GUMBO_TAG_MENU] = { 0, 0, 0, false, start_list, end_list },
	[GUMBO_TAG_DIR] = { 0, 0, 0, false, start_list, end_list },
	[GUMBO_TAG_LI] = { 0, 0, 0, false, start_item, end_item },
	[GUMBO_TAG_HR] = { 0, 0, 0, false, start_hr, NULL },
	[GUMBO_TAG_BR] = { 0, 0, 0, false, start_br, NULL },
	[GUMBO_TAG_IMG] = { 0, 0, 0, false, start_img, NULL },
	[GUMBO_TAG_IMAGE] = { 0, 0, 0, false, start_img, NULL },
	[GUMBO_TAG_A] = { 0, 0, 0, false, start_link, end_link },

	[GUMBO_TAG_TABLE] = { 0, 0, 0, false, start_table, end_table },
	[GUMBO_TAG_CAPTION] = { 0, 0, HTML_ITALIC, false, start_caption, end_cell },
	[GUMBO_TAG_TR] = { 0, 0, 0, false, start_row, NULL },
	[GUMBO_TAG_TD] = { 0, 0, 0, false, start_cell, end_cell },
	[GUMBO_TAG_TH] = { 0, 0, HTML_BOLD, false, start_cell, end_cell },

	[GUMBO_TAG_B] = STYLE(HTML_BOLD), [GUMBO_TAG_STRONG] = STYLE(HTML_BOLD),
	[GUMBO_TAG_MARK] = STYLE(HTML_BOLD),
	[GUMBO_TAG_I] = STYLE(HTML_ITALIC), [GUMBO_TAG_EM] = STYLE(HTML_ITALIC),
	[GUMBO_TAG_CITE] = STYLE(HTML_ITALIC), [GUMBO_TAG_DFN] = STYLE(HTML_ITALIC),
	[GUMBO_TAG_VAR] = STYLE(HTML_ITALIC),
	[GUMBO_TAG_U] = STYLE(HTML_UNDERLINE), [GUMBO_TAG_INS] = STYLE(HTML_UNDERLINE),
	[GUMBO_TAG_CODE] = STYLE(HTML_CODE), [GUMBO_TAG_TT] = STYLE(HTML_CODE),
	[GUMBO_TAG_KBD] = STYLE(HTML_CODE), [GUMBO_TAG_SAMP] = STYLE(HTML_CODE),
};

/* What elements too deep for their own rendering still are: text. */
static const struct tag_row plain_row;
static const struct tag_row drop_row = DROP;

/* ---- the walk ------------------------------------------------------------ */

static const struct tag_row *
row_for(const GumboNode *n, size_t depth)
{
	const GumboElement *el = &n->v.element;
	const struct tag_row *row;

	if (n->type == GUMBO_NODE_TEMPLATE)
		return &drop_row;
	row = &tag_rows[el->tag <= GUMBO_TAG_LAST ? el->tag : GUMBO_TAG_LAST];
	if (row->drop || is_hidden(el))
		return &drop_row;
	if (el->tag_namespace != GUMBO_NAMESPACE_HTML)
		return &plain_row;
	return depth > HTML_MAX_DEPTH ? &plain_row : row;
}

static void
enter(struct render *r, struct visit *v, size_t depth)
{
	GumboElement *el = &v->node->v.element;
	const struct tag_row *row = row_for(v->node, depth);

	v->row = row;
	v->style = r->style;
	v->flags = 0;
	v->url = NULL;
	v->next = 0;
	if (row->drop) {
		v->next = el->children.length;	/* nothing inside */
		return;
	}
	if (row->before)
		block_break(r, row->before);
	r->style |= row->style;
	if (row->start != NULL && !row->start(r, el, v))
		v->next = el->children.length;
}

static void
leave(struct render *r, struct visit *v)
{
	const struct tag_row *row = v->row;

	if (row->drop)
		return;
	if (row->end != NULL)
		row->end(r, v);
	if (row->after)
		block_break(r, row->after);
	r->style = v->style;
	free(v->url);
}

static void
walk(struct render *r, GumboNode *root)
{
	struct visit *stack;
	size_t depth = 0, cap = 64;

	stack = xreallocarray(NULL, cap, sizeof(*stack));
	stack[0].node = root;
	enter(r, &stack[0], 1);
	depth = 1;
	while (depth > 0) {
		struct visit *v = &stack[depth - 1];
		GumboVector *kids = &v->node->v.element.children;
		GumboNode *c;

		if (v->next >= kids->length) {
			leave(r, v);
			depth--;
			continue;
		}
		c = kids->data[v->next++];
		switch (c->type) {
		case GUMBO_NODE_TEXT:
		case GUMBO_NODE_CDATA:
		case GUMBO_NODE_WHITESPACE:
			add_text(r, c->v.text.text, strlen(c->v.text.text));
			break;
		case GUMBO_NODE_ELEMENT:
		case GUMBO_NODE_TEMPLATE:
			if (depth == cap) {
				cap *= 2;
				stack = xreallocarray(stack, cap, sizeof(*stack));
			}
			stack[depth].node = c;
			enter(r, &stack[depth], depth + 1);
			depth++;
			break;
		case GUMBO_NODE_DOCUMENT:
		case GUMBO_NODE_COMMENT:
			break;
		}
	}
	free(stack);
}

/* Void elements, and those a parser closes by itself, which an estimate of
 * nesting must not count as open. */
static bool
ascii_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
opens(const char *name, size_t n)
{
	static const char *const closed[] = { "area", "base", "br", "col",
	    "embed", "hr", "img", "input", "link", "meta", "param", "source",
	    "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option",
	    "optgroup", "rb", "rt", "rp", "thead", "tbody", "tfoot",
	    "colgroup", "caption", "image", "keygen", "basefont", "bgsound",
	    "frame" };
	size_t i;

	if (n > 8)	/* longer than any of them */
		return true;
	for (i = 0; i < sizeof(closed) / sizeof(closed[0]); i++)
		if ((closed[i][0] | 0x20) == (name[0] | 0x20) &&
		    strlen(closed[i]) == n &&
		    strncasecmp(closed[i], name, n) == 0)
			return false;
	return true;
}

/*
 * gumbo's tree building slows down with the square of the nesting depth
 * (100 000 unclosed <div>s take minutes), so when an estimate of the open
 * elements passes HTML_MAX_NESTING, the opening tags past it are left out
 * of a copy of the input (their text stays). Honest HTML never comes near.
 * gumbo also takes some 2 us and 400 bytes per element, so the input is
 * cut before the tag that would pass HTML_MAX_ELEMENTS.
 */
char *
html_limit_nesting(const char *s, size_t n, size_t *outlen)
{
	size_t i = 0, depth = 0, done = 0, tags = 0;
	struct tbuf b;
	bool copying = false;

	tbuf_init(&b, SIZE_MAX / 2);
	while (i < n) {
		const char *lt = memchr(s + i, '<', n - i), *gt;
		size_t j, start;
		bool close;

		if (lt == NULL)
			break;
		start = (size_t)(lt - s);
		i = start + 1;
		close = i < n && s[i] == '/';
		if (close)
			i++;
		for (j = i; j < n && ascii_alpha(s[j]); j++)
			;
		if (j == i)
			continue;
		if (!close && ++tags > HTML_MAX_ELEMENTS) {
			n = start;	/* the rest is cut */
			break;
		}
		if (close) {
			if (depth > 0)
				depth--;
		} else if (opens(s + i, j - i)) {
			gt = memchr(s + j, '>', n - j);
			if (gt != NULL && gt > s + j && gt[-1] == '/')
				;	/* <x/> */
			else if (++depth > HTML_MAX_NESTING) {
				depth--;
				if (gt == NULL)
					break;
				/* copy up to the tag, leave the tag out */
				if (!tbuf_add(&b, s + done, start - done))
					break;
				copying = true;
				done = (size_t)(gt + 1 - s);
				i = done;
				continue;
			}
		}
		i = j;
	}
	*outlen = n;
	if (!copying) {
		tbuf_free(&b);
		return NULL;
	}
	if (!tbuf_add(&b, s + done, n - done))
		fatalx("html: out of room");
	*outlen = b.len;
	return tbuf_take(&b);
}

static void
render_init(struct render *r, const struct html_options *opt, bool text_mode)
{
	static const struct html_options defaults;

	memset(r, 0, sizeof(*r));
	r->opt = opt != NULL ? opt : &defaults;
	r->text_mode = text_mode;
	r->width = text_mode ? 0 : r->opt->width;
	flow_init(&r->para);
	flow_init(&r->scratch);
	r->cur = &r->para;
}

/* The named references the paths that skip gumbo decode (the common ones
 * of feeds); any other sends the text through gumbo. With the ';', which
 * these paths require, a name means one code point however it goes on. */
static const struct {
	const char *name;	/* with its ';' */
	uint32_t cp;
} named_refs[] = {
	{ "amp;", 0x26 }, { "lt;", 0x3C }, { "gt;", 0x3E },
	{ "quot;", 0x22 }, { "apos;", 0x27 }, { "nbsp;", 0xA0 },
	{ "rsquo;", 0x2019 }, { "lsquo;", 0x2018 }, { "rdquo;", 0x201D },
	{ "ldquo;", 0x201C }, { "sbquo;", 0x201A }, { "bdquo;", 0x201E },
	{ "mdash;", 0x2014 }, { "ndash;", 0x2013 }, { "hellip;", 0x2026 },
	{ "bull;", 0x2022 }, { "middot;", 0xB7 }, { "laquo;", 0xAB },
	{ "raquo;", 0xBB }, { "lsaquo;", 0x2039 }, { "rsaquo;", 0x203A },
	{ "copy;", 0xA9 }, { "reg;", 0xAE }, { "trade;", 0x2122 },
	{ "deg;", 0xB0 }, { "times;", 0xD7 }, { "divide;", 0xF7 },
	{ "plusmn;", 0xB1 }, { "euro;", 0x20AC }, { "pound;", 0xA3 },
	{ "yen;", 0xA5 }, { "cent;", 0xA2 }, { "sect;", 0xA7 },
	{ "para;", 0xB6 }, { "iexcl;", 0xA1 }, { "iquest;", 0xBF },
	{ "eacute;", 0xE9 }, { "egrave;", 0xE8 }, { "ecirc;", 0xEA },
	{ "euml;", 0xEB }, { "aacute;", 0xE1 }, { "agrave;", 0xE0 },
	{ "acirc;", 0xE2 }, { "auml;", 0xE4 }, { "aring;", 0xE5 },
	{ "atilde;", 0xE3 }, { "iacute;", 0xED }, { "igrave;", 0xEC },
	{ "icirc;", 0xEE }, { "iuml;", 0xEF }, { "oacute;", 0xF3 },
	{ "ograve;", 0xF2 }, { "ocirc;", 0xF4 }, { "ouml;", 0xF6 },
	{ "otilde;", 0xF5 }, { "oslash;", 0xF8 }, { "uacute;", 0xFA },
	{ "ugrave;", 0xF9 }, { "ucirc;", 0xFB }, { "uuml;", 0xFC },
	{ "ccedil;", 0xE7 }, { "ntilde;", 0xF1 }, { "szlig;", 0xDF },
	{ "yacute;", 0xFD }, { "Eacute;", 0xC9 }, { "Auml;", 0xC4 },
	{ "Ouml;", 0xD6 }, { "Uuml;", 0xDC }, { "Ccedil;", 0xC7 },
	{ "Ntilde;", 0xD1 }, { "Aring;", 0xC5 }, { "Oslash;", 0xD8 },
	{ "thinsp;", 0x2009 }, { "ensp;", 0x2002 }, { "emsp;", 0x2003 },
	{ "prime;", 0x2032 }, { "Prime;", 0x2033 }, { "larr;", 0x2190 },
	{ "rarr;", 0x2192 }, { "uarr;", 0x2191 }, { "darr;", 0x2193 },
	{ "harr;", 0x2194 }, { "frac12;", 0xBD }, { "frac14;", 0xBC },
	{ "frac34;", 0xBE }, { "sup2;", 0xB2 }, { "sup3;", 0xB3 },
	{ "micro;", 0xB5 }, { "hearts;", 0x2665 }, { "dagger;", 0x2020 },
	{ "Dagger;", 0x2021 }, { "permil;", 0x2030 }, { "minus;", 0x2212 },
	{ "le;", 0x2264 }, { "ge;", 0x2265 }, { "ne;", 0x2260 },
	{ "infin;", 0x221E }, { "asymp;", 0x2248 },
};

/* A named reference at s[0..n) (after '&'): its length and code point, or
 * 0 when it is not one of named_refs. */
static size_t
named_ref(const char *s, size_t n, uint32_t *cp)
{
	size_t k, len;

	for (k = 0; k < sizeof(named_refs) / sizeof(named_refs[0]); k++) {
		len = strlen(named_refs[k].name);
		if (n >= len && memcmp(s, named_refs[k].name, len) == 0) {
			*cp = named_refs[k].cp;
			return len;
		}
	}
	return 0;
}

/* A numeric reference at s[0..n) (after "&#"): its length through ';' and
 * the code point, or 0 when gumbo should decide (C1 remapping, no ';'). */
static size_t
numeric_ref(const char *s, size_t n, uint32_t *cp)
{
	size_t i = 0;
	bool hex = n > 0 && (s[0] == 'x' || s[0] == 'X');
	uint32_t v = 0;

	i = hex;
	for (; i < n && i < 9; i++) {
		char c = s[i];
		int d = c >= '0' && c <= '9' ? c - '0' :
		    hex && c >= 'a' && c <= 'f' ? c - 'a' + 10 :
		    hex && c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;

		if (d < 0)
			break;
		v = v * (hex ? 16 : 10) + (uint32_t)d;
	}
	if (i == (size_t)hex || i >= n || s[i] != ';' || v == 0 ||
	    (v >= 0x80 && v <= 0x9f) || v > 0x10ffff ||
	    (v >= 0xd800 && v <= 0xdfff))
		return 0;
	*cp = v;
	return i + 1;
}

/*
 * Text with no markup skips gumbo (which parses at some 20 MB/s): feed
 * summaries are often plain text. The basic character references are
 * decoded here; a text using any other is left to gumbo (false).
 */
/* Input both fast paths take: valid UTF-8 without a byte order mark or
 * controls, which gumbo turns into U+FFFD where text_sanitize drops them. */
static bool
fast_input(const char *s, size_t n)
{
	size_t i;

	if (n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		return false;
	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] < ' ' && s[i] != ' ' && s[i] != '\t' &&
		    s[i] != '\n' && s[i] != '\f' && s[i] != '\r') || s[i] == 0x7f)
			return false;
	return utf8_valid(s, n);
}

static bool
render_plain(struct render *r, const char *s, size_t n)
{
	struct tbuf b;
	size_t i = 0, j;
	const char *amp;

	if (memchr(s, '<', n) != NULL)
		return false;
	if ((amp = memchr(s, '&', n)) == NULL) {
		add_text(r, s, n);
		return true;
	}
	tbuf_init(&b, SIZE_MAX / 2);
	while (amp != NULL) {
		size_t at = (size_t)(amp - s), len = 0;
		char utf[4];
		uint32_t cp;

		if (!tbuf_add(&b, s + i, at - i))
			fatalx("html: out of room");
		j = at + 1;
		if (j < n && s[j] == '#') {
			len = numeric_ref(s + j + 1, n - j - 1, &cp);
			if (len > 0) {
				len++;
				if (!tbuf_add(&b, utf, utf8_encode(cp, utf)))
					fatalx("html: out of room");
			}
		} else if ((len = named_ref(s + j, n - j, &cp)) > 0) {
			if (!tbuf_add(&b, utf, utf8_encode(cp, utf)))
				fatalx("html: out of room");
		}
		if (len == 0) {
			tbuf_free(&b);
			return false;
		}
		i = j + len;
		amp = i < n ? memchr(s + i, '&', n - i) : NULL;
	}
	if (!tbuf_add(&b, s + i, n - i))
		fatalx("html: out of room");
	add_text(r, tbuf_str(&b), b.len);
	tbuf_free(&b);
	return true;
}

/* ---- a fast path for simple, well-formed fragments ------------------------ */

/*
 * gumbo spends some 2 us per element, most of a feed export's time. Feed
 * summaries are mostly a few well-formed paragraphs, lists and links, for
 * which the HTML5 tree is the obvious one: this builds that same tree
 * (gumbo's own node structs) for a strict subset of HTML, and gives up
 * (false) at the first thing outside it — an unknown tag, a comment, a
 * misnested or stray end tag, a character reference it does not know, an
 * implied close other than the plain ones below — so that gumbo parses the
 * input instead. The fuzz harness and the unit tests render every input
 * both ways (a leading comment sends it through gumbo) and compare.
 */

#define FAST_MAX_DEPTH 64	/* deeper nesting is left to gumbo */

enum fast_kind {
	FK_NONE,	/* not in the subset */
	FK_INLINE,	/* phrasing: closed only by its own end tag */
	FK_A,		/* a link: never inside another */
	FK_VOID,	/* br, img, wbr */
	FK_P,
	FK_BLOCK,	/* closes an open p; its end tag closes p, li, dd, dt */
	FK_HEADING,
	FK_PRE,
	FK_ITEM,	/* li */
	FK_DEF,		/* dd, dt */
	FK_HR		/* a void block */
};

static const unsigned char fast_kinds[GUMBO_TAG_LAST + 1] = {
	[GUMBO_TAG_B] = FK_INLINE, [GUMBO_TAG_STRONG] = FK_INLINE,
	[GUMBO_TAG_I] = FK_INLINE, [GUMBO_TAG_EM] = FK_INLINE,
	[GUMBO_TAG_U] = FK_INLINE, [GUMBO_TAG_CODE] = FK_INLINE,
	[GUMBO_TAG_S] = FK_INLINE, [GUMBO_TAG_SMALL] = FK_INLINE,
	[GUMBO_TAG_TT] = FK_INLINE, [GUMBO_TAG_SPAN] = FK_INLINE,
	[GUMBO_TAG_SUP] = FK_INLINE, [GUMBO_TAG_SUB] = FK_INLINE,
	[GUMBO_TAG_CITE] = FK_INLINE, [GUMBO_TAG_ABBR] = FK_INLINE,
	[GUMBO_TAG_Q] = FK_INLINE, [GUMBO_TAG_MARK] = FK_INLINE,
	[GUMBO_TAG_KBD] = FK_INLINE, [GUMBO_TAG_SAMP] = FK_INLINE,
	[GUMBO_TAG_VAR] = FK_INLINE, [GUMBO_TAG_TIME] = FK_INLINE,
	[GUMBO_TAG_DEL] = FK_INLINE, [GUMBO_TAG_INS] = FK_INLINE,
	[GUMBO_TAG_DFN] = FK_INLINE, [GUMBO_TAG_FONT] = FK_INLINE,
	[GUMBO_TAG_BIG] = FK_INLINE, [GUMBO_TAG_STRIKE] = FK_INLINE,
	[GUMBO_TAG_A] = FK_A,
	[GUMBO_TAG_BR] = FK_VOID, [GUMBO_TAG_IMG] = FK_VOID,
	[GUMBO_TAG_WBR] = FK_VOID,
	[GUMBO_TAG_P] = FK_P,
	[GUMBO_TAG_DIV] = FK_BLOCK, [GUMBO_TAG_UL] = FK_BLOCK,
	[GUMBO_TAG_OL] = FK_BLOCK, [GUMBO_TAG_BLOCKQUOTE] = FK_BLOCK,
	[GUMBO_TAG_FIGURE] = FK_BLOCK, [GUMBO_TAG_FIGCAPTION] = FK_BLOCK,
	[GUMBO_TAG_DL] = FK_BLOCK, [GUMBO_TAG_SECTION] = FK_BLOCK,
	[GUMBO_TAG_ARTICLE] = FK_BLOCK, [GUMBO_TAG_ASIDE] = FK_BLOCK,
	[GUMBO_TAG_HEADER] = FK_BLOCK, [GUMBO_TAG_FOOTER] = FK_BLOCK,
	[GUMBO_TAG_ADDRESS] = FK_BLOCK, [GUMBO_TAG_MAIN] = FK_BLOCK,
	[GUMBO_TAG_NAV] = FK_BLOCK,
	[GUMBO_TAG_H1] = FK_HEADING, [GUMBO_TAG_H2] = FK_HEADING,
	[GUMBO_TAG_H3] = FK_HEADING, [GUMBO_TAG_H4] = FK_HEADING,
	[GUMBO_TAG_H5] = FK_HEADING, [GUMBO_TAG_H6] = FK_HEADING,
	[GUMBO_TAG_PRE] = FK_PRE,
	[GUMBO_TAG_LI] = FK_ITEM,
	[GUMBO_TAG_DD] = FK_DEF, [GUMBO_TAG_DT] = FK_DEF,
	[GUMBO_TAG_HR] = FK_HR,
};

/* A node being built: indices, since the arrays move as they grow.
 * SIZE_MAX when there are too many (HTML_MAX_ELEMENTS). */
struct fnode {
	GumboNodeType type;
	GumboTag tag;
	size_t parent;
	size_t text;		/* offset of the text in fast->text */
	size_t attr, nattr;	/* its attributes in fast->attrs */
	size_t nkids;
};

struct fast {
	const char *s;
	size_t n, i;
	struct fnode *nodes;
	size_t nnodes, cap;
	size_t (*attrs)[2];	/* name and value offsets in text */
	size_t nattrs, acap;
	struct tbuf text;	/* NUL-terminated strings */
	size_t stack[FAST_MAX_DEPTH];
	size_t depth;
};

static bool
fast_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

static bool
fast_alnum(char c)
{
	return ascii_alpha(c) || (c >= '0' && c <= '9');
}

static GumboTag
fast_top(const struct fast *f)
{
	return f->nodes[f->stack[f->depth - 1]].tag;
}

static size_t
fast_node(struct fast *f, GumboNodeType type, GumboTag tag)
{
	struct fnode *nd;

	if (f->nnodes == f->cap) {
		if (f->cap > HTML_MAX_ELEMENTS)
			return SIZE_MAX;
		f->cap = f->cap ? f->cap * 2 : 64;
		f->nodes = xreallocarray(f->nodes, f->cap, sizeof(*f->nodes));
	}
	nd = &f->nodes[f->nnodes];
	memset(nd, 0, sizeof(*nd));
	nd->type = type;
	nd->tag = tag;
	nd->parent = f->nnodes > 0 ? f->stack[f->depth - 1] : 0;
	if (f->nnodes > 0)
		f->nodes[nd->parent].nkids++;
	return f->nnodes++;
}

static bool
fast_put(struct fast *f, const char *p, size_t n)
{
	return tbuf_add(&f->text, p, n);
}

/* One character reference at s[i] == '&' into the text; false when gumbo
 * must decide. attr: the rules inside attribute values. */
static bool
fast_ref(struct fast *f, bool attr)
{
	const char *s = f->s;
	size_t i = f->i + 1, j, len;
	uint32_t cp;
	char utf[4];

	if (i < f->n && s[i] == '#') {
		len = numeric_ref(s + i + 1, f->n - i - 1, &cp);
		if (len == 0 || cp < 0x20 || cp == 0x7f ||
		    (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) == 0xfffe)
			return false;
		f->i = i + 1 + len;
		return fast_put(f, utf, utf8_encode(cp, utf));
	}
	for (j = i; j < f->n && fast_alnum(s[j]); j++)
		;
	if (j == i) {	/* a lone '&' */
		f->i++;
		return fast_put(f, "&", 1);
	}
	if ((len = named_ref(s + i, f->n - i, &cp)) > 0) {
		f->i = i + len;
		return fast_put(f, utf, utf8_encode(cp, utf));
	}
	if (attr && j < f->n && s[j] == '=') {
		/* "?a=1&b=2": never a reference inside an attribute */
		f->i++;
		return fast_put(f, "&", 1);
	}
	return false;
}

/* Text up to the next '<' (or end), CR LF and CR turned into LF. */
static bool
fast_text(struct fast *f)
{
	size_t start = f->text.len, k;

	while (f->i < f->n && f->s[f->i] != '<') {
		const char *c = f->s + f->i;
		size_t run;

		if (*c == '&') {
			if (!fast_ref(f, false))
				return false;
			continue;
		}
		if (*c == '\r') {
			f->i += f->i + 1 < f->n && c[1] == '\n' ? 2 : 1;
			if (!fast_put(f, "\n", 1))
				return false;
			continue;
		}
		for (run = 0; f->i + run < f->n && c[run] != '<' && c[run] != '&' &&
		    c[run] != '\r'; run++)
			;
		if (!fast_put(f, c, run))
			return false;
		f->i += run;
	}
	if (f->text.len == start)
		return true;
	if (!fast_put(f, "", 1))
		return false;
	k = fast_node(f, GUMBO_NODE_TEXT, GUMBO_TAG_UNKNOWN);
	if (k == SIZE_MAX)
		return false;
	f->nodes[k].text = start;
	return true;
}

/* Attributes after a tag name, through '>'; *selfclose for "/>". */
static bool
fast_attrs(struct fast *f, size_t node, bool *selfclose)
{
	const char *s = f->s;

	*selfclose = false;
	f->nodes[node].attr = f->nattrs;
	for (;;) {
		size_t name, value, j;

		while (f->i < f->n && fast_space(s[f->i]))
			f->i++;
		if (f->i >= f->n)
			return false;
		if (s[f->i] == '>') {
			f->i++;
			return true;
		}
		if (s[f->i] == '/') {
			if (f->i + 1 >= f->n || s[f->i + 1] != '>')
				return false;
			*selfclose = true;
			f->i += 2;
			return true;
		}
		name = f->text.len;
		for (j = f->i; j < f->n && (fast_alnum(s[j]) || s[j] == '-' ||
		    s[j] == '_' || s[j] == ':' || s[j] == '.'); j++) {
			char c = s[j] >= 'A' && s[j] <= 'Z' ? s[j] + 32 : s[j];

			if (!fast_put(f, &c, 1))
				return false;
		}
		if (j == f->i || j >= f->n || !fast_put(f, "", 1))
			return false;
		f->i = j;
		while (f->i < f->n && fast_space(s[f->i]))
			f->i++;
		value = f->text.len;
		if (f->i < f->n && s[f->i] == '=') {
			char quote = 0;

			f->i++;
			while (f->i < f->n && fast_space(s[f->i]))
				f->i++;
			if (f->i < f->n && (s[f->i] == '"' || s[f->i] == '\''))
				quote = s[f->i++];
			for (;;) {
				char c;

				if (f->i >= f->n)
					return false;
				c = s[f->i];
				if (quote != 0 && c == quote) {
					f->i++;
					break;
				}
				if (quote == 0 && (fast_space(c) || c == '>'))
					break;
				if (quote == 0 && (c == '"' || c == '\'' || c == '<' ||
				    c == '=' || c == '`'))
					return false;
				if (c == '&') {
					if (!fast_ref(f, true))
						return false;
					continue;
				}
				if (c == '\r') {
					if (!fast_put(f, "\n", 1))
						return false;
					f->i += f->i + 1 < f->n && s[f->i + 1] == '\n' ? 2 : 1;
					continue;
				}
				if (!fast_put(f, &c, 1))
					return false;
				f->i++;
			}
			if (quote != 0 && f->i < f->n && !fast_space(s[f->i]) &&
			    s[f->i] != '>' && s[f->i] != '/')
				return false;	/* a="x"b="y" */
		}
		if (!fast_put(f, "", 1))
			return false;
		if (f->nattrs == f->acap) {
			f->acap = f->acap ? f->acap * 2 : 16;
			f->attrs = xreallocarray(f->attrs, f->acap, sizeof(*f->attrs));
		}
		f->attrs[f->nattrs][0] = name;
		f->attrs[f->nattrs++][1] = value;
		f->nodes[node].nattr++;
	}
}

static bool
fast_open_p(const struct fast *f)
{
	size_t k;

	for (k = 1; k < f->depth; k++)
		if (f->nodes[f->stack[k]].tag == GUMBO_TAG_P)
			return true;
	return false;
}

/* A start tag; f->i is just past the name. */
static bool
fast_start(struct fast *f, GumboTag tag)
{
	enum fast_kind kind = fast_kinds[tag];
	bool selfclose;
	size_t node, k;

	if (kind >= FK_P) {
		/* blocks close an open p, when it is the current node */
		if (fast_open_p(f)) {
			if (fast_top(f) != GUMBO_TAG_P)
				return false;
			f->depth--;
		}
	}
	if (kind == FK_HEADING && fast_kinds[fast_top(f)] == FK_HEADING)
		return false;
	if (kind == FK_A)
		for (k = 1; k < f->depth; k++)
			if (f->nodes[f->stack[k]].tag == GUMBO_TAG_A)
				return false;
	if (kind == FK_ITEM || kind == FK_DEF) {
		/* an open item of the same list closes, when it is current */
		for (k = f->depth - 1; k > 0; k--) {
			GumboTag t = f->nodes[f->stack[k]].tag;
			enum fast_kind tk = fast_kinds[t];

			if ((kind == FK_ITEM && t == GUMBO_TAG_LI) ||
			    (kind == FK_DEF && tk == FK_DEF)) {
				if (k != f->depth - 1)
					return false;
				f->depth--;
				break;
			}
			if (tk >= FK_P && t != GUMBO_TAG_DIV && t != GUMBO_TAG_ADDRESS)
				break;
		}
	}
	node = fast_node(f, GUMBO_NODE_ELEMENT, tag);
	if (node == SIZE_MAX || !fast_attrs(f, node, &selfclose))
		return false;
	if (kind == FK_VOID || kind == FK_HR)
		return true;
	if (selfclose || f->depth == FAST_MAX_DEPTH)
		return false;
	f->stack[f->depth++] = node;
	if (kind == FK_PRE) {
		/* a newline right after <pre> is not content */
		if (f->i < f->n && f->s[f->i] == '\n')
			f->i++;
		else if (f->i + 1 < f->n && f->s[f->i] == '\r' && f->s[f->i + 1] == '\n')
			f->i += 2;
		else if (f->i < f->n && f->s[f->i] == '\r')
			f->i++;
	}
	return true;
}

/* An end tag; f->i is just past the name. */
static bool
fast_end(struct fast *f, GumboTag tag)
{
	enum fast_kind kind = fast_kinds[tag];
	size_t k;

	while (f->i < f->n && fast_space(f->s[f->i]))
		f->i++;
	if (f->i >= f->n || f->s[f->i] != '>')
		return false;
	f->i++;
	if (kind == FK_BLOCK || kind == FK_PRE) {
		/* closes the p, li, dd and dt left open inside it */
		for (k = f->depth - 1; k > 0; k--) {
			GumboTag t = f->nodes[f->stack[k]].tag;

			if (t == tag) {
				f->depth = k;
				return true;
			}
			if (t != GUMBO_TAG_P && t != GUMBO_TAG_LI &&
			    fast_kinds[t] != FK_DEF)
				return false;
		}
		return false;
	}
	if ((kind == FK_ITEM || kind == FK_DEF) && f->depth > 1 &&
	    fast_top(f) == GUMBO_TAG_P)
		f->depth--;	/* "<li><p>text</li>" */
	if (kind == FK_VOID || kind == FK_HR || f->depth < 2 || fast_top(f) != tag)
		return false;
	f->depth--;
	return true;
}

/* Skip a comment ("<!--more-->"); the walk has no use for it. Only the
 * plain form: no "--" inside, not "<!-->" or "<!--->". */
static bool
fast_comment(struct fast *f)
{
	const char *body = f->s + f->i + 4, *end = f->s + f->n, *dash;

	if (body < end && (*body == '>' || (*body == '-' && body + 1 < end &&
	    body[1] == '>')))
		return false;
	for (dash = body; dash + 1 < end; dash++)
		if (dash[0] == '-' && dash[1] == '-')
			break;
	if (dash + 2 >= end || dash[2] != '>')
		return false;
	f->i = (size_t)(dash + 3 - f->s);
	return true;
}

/* Build the tree of s[0..n) as gumbo would, or false. */
static bool
fast_parse(struct fast *f)
{
	const char *s = f->s;

	f->i = 0;
	f->stack[0] = fast_node(f, GUMBO_NODE_ELEMENT, GUMBO_TAG_HTML);
	f->depth = 1;
	while (f->i < f->n) {
		char name[16];
		size_t j, len;
		bool end;
		GumboTag tag;

		if (!fast_text(f))
			return false;
		if (f->i >= f->n)
			break;
		if (f->n - f->i >= 4 && memcmp(s + f->i, "<!--", 4) == 0) {
			if (!fast_comment(f))
				return false;
			continue;
		}
		end = f->i + 1 < f->n && s[f->i + 1] == '/';
		j = f->i + 1 + end;
		for (len = 0; j + len < f->n && fast_alnum(s[j + len]); len++) {
			if (len == sizeof(name) - 1)
				return false;
			name[len] = s[j + len] >= 'A' && s[j + len] <= 'Z' ?
			    s[j + len] + 32 : s[j + len];
		}
		if (len == 0 || !ascii_alpha(s[j]) || j + len >= f->n ||
		    (!fast_space(s[j + len]) && s[j + len] != '>' &&
		    s[j + len] != '/'))
			return false;
		tag = gumbo_tagn_enum(name, (unsigned)len);
		if (tag >= GUMBO_TAG_LAST || fast_kinds[tag] == FK_NONE)
			return false;
		f->i = j + len;
		if (!(end ? fast_end(f, tag) : fast_start(f, tag)))
			return false;
	}
	return true;
}

/* gumbo's structs for the tree built; one allocation, freed as one. */
static GumboNode *
fast_tree(struct fast *f, void **mem)
{
	size_t i, nk = f->nnodes > 0 ? f->nnodes - 1 : 0;
	GumboNode *nodes, **kids;
	GumboAttribute *attrs, **aptr;
	char *base;

	*mem = xcalloc(1, f->nnodes * sizeof(*nodes) +
	    (nk + 1) * sizeof(*kids) +
	    (f->nattrs + 1) * (sizeof(*attrs) + sizeof(*aptr)));
	base = *mem;
	nodes = (GumboNode *)base;
	base += f->nnodes * sizeof(*nodes);
	attrs = (GumboAttribute *)base;
	base += (f->nattrs + 1) * sizeof(*attrs);
	kids = (GumboNode **)base;
	base += (nk + 1) * sizeof(*kids);
	aptr = (GumboAttribute **)base;
	for (i = 0; i < f->nattrs; i++) {
		attrs[i].attr_namespace = GUMBO_ATTR_NAMESPACE_NONE;
		attrs[i].name = f->text.ptr + f->attrs[i][0];
		attrs[i].value = f->text.ptr + f->attrs[i][1];
		aptr[i] = &attrs[i];
	}
	/* children arrays laid out one after another, in node order */
	for (i = 0, nk = 0; i < f->nnodes; i++) {
		const struct fnode *fn = &f->nodes[i];
		GumboNode *g = &nodes[i];

		g->type = fn->type;
		g->index_within_parent = 0;
		if (fn->type == GUMBO_NODE_TEXT) {
			g->v.text.text = f->text.ptr + fn->text;
			continue;
		}
		g->v.element.tag = fn->tag;
		g->v.element.tag_namespace = GUMBO_NAMESPACE_HTML;
		g->v.element.children.data = (void **)(kids + nk);
		g->v.element.children.length = 0;
		g->v.element.children.capacity = (unsigned)fn->nkids;
		g->v.element.attributes.data = (void **)(aptr + fn->attr);
		g->v.element.attributes.length = (unsigned)fn->nattr;
		g->v.element.attributes.capacity = (unsigned)fn->nattr;
		nk += fn->nkids;
	}
	for (i = 1; i < f->nnodes; i++) {
		GumboNode *p = &nodes[f->nodes[i].parent];

		p->v.element.children.data[p->v.element.children.length++] =
		    &nodes[i];
		nodes[i].parent = p;
	}
	return &nodes[0];
}

/* Render s[0..n) through the fast path; false (nothing rendered) when the
 * input is outside its subset. */
static bool
render_fast(struct render *r, const char *s, size_t n)
{
	struct fast f;
	bool ok;

	memset(&f, 0, sizeof(f));
	f.s = s;
	f.n = n;
	tbuf_init(&f.text, SIZE_MAX / 2);
	ok = fast_parse(&f);
	if (ok) {
		void *mem;
		GumboNode *root = fast_tree(&f, &mem);

		walk(r, root);
		free(mem);
	}
	free(f.nodes);
	free(f.attrs);
	tbuf_free(&f.text);
	return ok;
}

/* What html_parse() hands out: gumbo's output and the bounded copy of the
 * input its nodes point into (NULL when the input was used as it was). */
struct html_tree {
	GumboOutput *out;
	char *copy;
};

struct html_tree *
html_parse(const char *s, size_t n)
{
	GumboOptions go = kGumboDefaultOptions;
	struct html_tree *t = xcalloc(1, sizeof(*t));

	if (s == NULL)
		s = "", n = 0;
	if (n > HTML_MAX_INPUT)
		n = HTML_MAX_INPUT;
	t->copy = html_limit_nesting(s, n, &n);
	go.max_errors = 0;	/* parse errors are not recorded: fewer allocations */
	t->out = gumbo_parse_with_options(&go, t->copy != NULL ? t->copy : s, n);
	if (t->out == NULL)
		fatalx("gumbo could not parse %zu bytes", n);
	return t;
}

GumboOutput *
html_tree_output(const struct html_tree *t)
{
	return t->out;
}

void
html_tree_free(struct html_tree *t)
{
	if (t == NULL)
		return;
	gumbo_destroy_output(&kGumboDefaultOptions, t->out);
	free(t->copy);
	free(t);
}

static void
render_run(struct render *r, const char *html, size_t n)
{
	struct html_tree *t;

	if (html == NULL || n == 0)
		return;
	if (n > HTML_MAX_INPUT)
		n = HTML_MAX_INPUT;
	if (fast_input(html, n) &&
	    (render_plain(r, html, n) || render_fast(r, html, n))) {
		block_break(r, BRK_NONE);
		return;
	}
	t = html_parse(html, n);
	walk(r, html_tree_output(t)->root);
	html_tree_free(t);
	block_break(r, BRK_NONE);
}

static void
render_free(struct render *r)
{
	size_t i;

	flow_free(&r->para);
	flow_free(&r->scratch);
	for (i = 0; i < r->nspans; i++)
		free(r->spans[i].text);
	free(r->spans);
	free(r->hash);
	if (r->table != NULL)
		table_free(r->table);
}

/* "[n] URL" for every link, after a blank line, hanging under the URL. */
static void
put_link_list(struct render *r)
{
	struct html_doc *d = r->doc;
	char num[32], pad[32];
	size_t i, w;

	for (i = 0; i < d->nlinks; i++) {
		w = (size_t)xsnprintf(num, sizeof(num), "[%zu] ", i + 1);
		memset(pad, ' ', w);
		pad[w] = '\0';
		flow_add(&r->para, d->links[i], strlen(d->links[i]), HTML_LINK);
		r->brk = i == 0 ? BRK_BLANK : BRK_LINE;
		r->brk_frames = 0;
		if (!push_frame(r, FR_INDENT, num, pad))
			continue;
		flush_flow(r, &r->para);
		r->nframes--;
	}
}

void
html_render(const char *html, size_t n, const struct html_options *opt,
    struct html_doc *out)
{
	struct render r;

	memset(out, 0, sizeof(*out));
	render_init(&r, opt, false);
	r.doc = out;
	render_run(&r, html, n);
	if (r.opt->link_refs && out->nlinks > 0) {
		r.nframes = 0;
		put_link_list(&r);
	}
	render_free(&r);
}

void
html_doc_free(struct html_doc *d)
{
	size_t i, j;

	if (d == NULL)
		return;
	for (i = 0; i < d->nlines; i++) {
		for (j = 0; j < d->lines[i].nspans; j++)
			free(d->lines[i].spans[j].text);
		free(d->lines[i].spans);
	}
	free(d->lines);
	for (i = 0; i < d->nlinks; i++)
		free(d->links[i]);
	free(d->links);
	memset(d, 0, sizeof(*d));
}

char *
html_to_text(const char *html, size_t n)
{
	struct render r;
	struct html_doc scratch;
	struct tbuf out;
	size_t len;

	memset(&scratch, 0, sizeof(scratch));
	tbuf_init(&out, TEXT_MAX_STRING);
	render_init(&r, NULL, true);
	r.doc = &scratch;
	r.out = &out;
	render_run(&r, html, n);
	render_free(&r);
	html_doc_free(&scratch);
	len = out.len;
	while (len > 0 && (out.ptr[len - 1] == '\n' || out.ptr[len - 1] == ' '))
		len--;
	if (out.ptr != NULL)
		out.ptr[len] = '\0';
	out.len = len;
	return tbuf_take(&out);
}

char *
html_line_text(const struct html_line *l)
{
	struct tbuf b;
	size_t i;

	tbuf_init(&b, SIZE_MAX / 2);
	for (i = 0; i < l->nspans; i++)
		if (!tbuf_adds(&b, l->spans[i].text))
			fatalx("html: line too long");
	return tbuf_take(&b);
}
