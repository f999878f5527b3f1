/*
 * html/wrap.c: flows of styled text, display width, and the output they
 * become: wrapped lines of spans (html_render) or plain text (html_to_text),
 * with quote bars, list markers and indentation frames in front.
 */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <gumbo.h>

#include "html.h"
#include "html_private.h"
#include "text.h"

/* ---- flows ------------------------------------------------------------- */

void
html_flow_init(struct flow *f)
{
	memset(f, 0, sizeof(*f));
	tbuf_init(&f->text, FLOW_MAX);
}

void
html_flow_clear(struct flow *f)
{
	tbuf_clear(&f->text);
	f->nmarks = 0;
	f->pre = false;
}

void
html_flow_free(struct flow *f)
{
	tbuf_free(&f->text);
	free(f->marks);
}

char
html_flow_last(const struct flow *f)
{
	return f->text.len > 0 ? f->text.ptr[f->text.len - 1] : '\0';
}

void
html_flow_add(struct flow *f, const char *s, size_t n, unsigned style)
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
void
html_flow_copy(struct flow *dst, const struct flow *src, size_t a, size_t b,
    unsigned extra)
{
	size_t i, end;

	for (i = 0; i < src->nmarks && a < b; i++) {
		end = i + 1 < src->nmarks ? src->marks[i + 1].off : src->text.len;
		if (end > b)
			end = b;
		if (end <= a)
			continue;
		html_flow_add(dst, src->text.ptr + a, end - a,
		    src->marks[i].style | extra);
		a = end;
	}
}

/* The flow's text with the spaces and newlines at its end removed. */
void
html_flow_trim(struct flow *f)
{
	while (f->text.len > 0 && (html_flow_last(f) == ' ' ||
	    (!f->pre && html_flow_last(f) == '\n')))
		f->text.len--;
	while (f->pre && f->text.len > 0 && html_flow_last(f) == '\n')
		f->text.len--;
	if (f->text.ptr != NULL)
		f->text.ptr[f->text.len] = '\0';
	while (f->nmarks > 0 && f->marks[f->nmarks - 1].off >= f->text.len)
		f->nmarks--;
}

/* ---- display width ------------------------------------------------------ */

size_t
html_width_of(const char *s, size_t n)
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

void
html_line_add(struct render *r, const char *s, size_t n, unsigned style)
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

void
html_line_end(struct render *r)
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
		a = html_width_of(r->frames[i].first, strlen(r->frames[i].first));
		b = html_width_of(r->frames[i].rest, strlen(r->frames[i].rest));
		w += a > b ? a : b;
	}
	return w;
}

/* Columns left for text after the prefix; 0 when not wrapping. *show is
 * false when the prefix leaves too little room and is left out. */
size_t
html_text_room(const struct render *r, bool *show)
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

void
html_put_prefix(struct render *r, bool show)
{
	size_t i;

	for (i = 0; i < r->nframes; i++) {
		struct frame *fr = &r->frames[i];
		const char *p = fr->used ? fr->rest : fr->first;

		fr->used = true;
		if (show)
			html_line_add(r, p, strlen(p), frame_style(fr));
	}
}

/* The blank line asked for between two blocks, with the quote bars of the
 * quotes that hold both. */
void
html_put_pending(struct render *r)
{
	size_t i, n = r->nframes < r->brk_frames ? r->nframes : r->brk_frames;

	if (r->brk == BRK_BLANK && r->have_output) {
		size_t last = 0;
		bool show;

		html_text_room(r, &show);
		for (i = 0; i < n; i++)
			if (r->frames[i].kind == FR_QUOTE)
				last = i + 1;
		for (i = 0; show && i < last; i++) {
			const char *p = r->frames[i].rest;
			size_t len = strlen(p);

			if (i + 1 == last)
				while (len > 0 && p[len - 1] == ' ')
					len--;
			html_line_add(r, p, len, frame_style(&r->frames[i]));
		}
		html_line_end(r);
	}
	r->brk = BRK_NONE;
}

/* One output line from f->text[a..b), after the prefix. */
void
html_put_line(struct render *r, const struct flow *f, size_t a, size_t b, bool show)
{
	size_t lo = 0, hi = f->nmarks, i;

	html_put_prefix(r, show);
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
		html_line_add(r, f->text.ptr + a, end - a, f->marks[i].style);
		a = end;
	}
	html_line_end(r);
}

/* The end of the word s[i..b) that starts at i (the next space, or b). */
static size_t
word_end(const char *s, size_t i, size_t b)
{
	const char *sp = memchr(s + i, ' ', b - i);

	return sp != NULL ? (size_t)(sp - s) : b;
}

/*
 * Greedy word wrap of one hard line s[a..b) to room columns (0: none). A
 * word too long for the room is broken where the room ends, unless it is
 * a URL (or r->whole_words): then it starts a line of its own and runs past
 * the room, whole.
 */
static void
wrap_line(struct render *r, const struct flow *f, size_t a, size_t b,
    size_t room, bool show)
{
	const char *s = f->text.ptr;
	size_t start = a, i = a, col = 0, brk = 0, brk_col = 0, w, len;
	bool have_brk = false;

	if (room == 0 || html_width_of(s + a, b - a) <= room) {
		html_put_line(r, f, a, b, show);
		return;
	}
	while (i < b) {
		len = char_at(s + i, b - i, &w);
		if (s[i] == ' ') {
			if (col + 1 > room) {
				html_put_line(r, f, start, i, show);
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
			size_t ws = have_brk ? brk + 1 : start;
			size_t we = word_end(s, ws, b);

			if (ws == start && (r->whole_words ||
			    text_is_url_word(s + ws, we - ws))) {
				/* the URL alone on its line, past the room */
				html_put_line(r, f, start, we, show);
				start = we < b ? we + 1 : b;
				i = start;
				col = 0;
				continue;
			}
			if (have_brk) {
				html_put_line(r, f, start, brk, show);
				start = brk + 1;
				col -= brk_col + 1;
			} else {
				html_put_line(r, f, start, i, show);
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
		html_put_line(r, f, start, b, show);
}

/* Verbatim text: tabs expanded, each line cut to room columns. */
static void
put_verbatim(struct render *r, const struct flow *f, size_t room, bool show)
{
	struct flow *t = &r->scratch;
	size_t i, m, a, end, col = 0, w, len;
	bool cut = false;

	html_flow_clear(t);
	for (m = 0; m < f->nmarks; m++) {
		unsigned style = f->marks[m].style;

		a = f->marks[m].off;
		end = m + 1 < f->nmarks ? f->marks[m + 1].off : f->text.len;
		for (i = a; i < end; i += len) {
			const char *c = f->text.ptr + i;

			if (*c == '\n') {
				html_flow_add(t, "\n", 1, style);
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
					html_flow_add(t, " ", 1, style);
				continue;
			}
			len = char_at(c, end - i, &w);
			if (cut || (room > 0 && col + w > room)) {
				cut = true;
				continue;
			}
			html_flow_add(t, c, len, style);
			col += w;
		}
	}
	for (a = 0; a <= t->text.len; a = end + 1) {
		const char *nl = t->text.ptr == NULL ? NULL :
		    memchr(t->text.ptr + a, '\n', t->text.len - a);

		end = nl != NULL ? (size_t)(nl - t->text.ptr) : t->text.len;
		html_put_line(r, t, a, end, show);
	}
}

/* Put the flow out as lines and empty it. */
void
html_flush_flow(struct render *r, struct flow *f)
{
	size_t a = 0, end, room;
	bool show;

	html_flow_trim(f);
	while (!f->pre && a < f->text.len && f->text.ptr[a] == '\n')
		a++;
	if (a >= f->text.len) {
		html_flow_clear(f);
		return;
	}
	html_put_pending(r);
	room = html_text_room(r, &show);
	if (f->pre)
		put_verbatim(r, f, room, show);
	else
		for (; a <= f->text.len; a = end + 1) {
			const char *nl = memchr(f->text.ptr + a, '\n',
			    f->text.len - a);

			end = nl != NULL ? (size_t)(nl - f->text.ptr) : f->text.len;
			wrap_line(r, f, a, end, room, show);
		}
	html_flow_clear(f);
}

/* A boundary between blocks: the paragraph so far goes out, and the next
 * content starts on a new line (BRK_LINE) or after a blank line. */
void
html_block_break(struct render *r, int level)
{
	if (r->table != NULL) {
		/* inside a table being collected, blocks are words of a cell */
		if (r->cur != NULL && r->cur->text.len > 0 &&
		    html_flow_last(r->cur) != ' ')
			html_flow_add(r->cur, " ", 1, r->style);
		return;
	}
	html_flush_flow(r, &r->para);
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
void
html_add_collapsed(struct render *r, const char *s, size_t n)
{
	struct flow *f = r->cur;
	size_t i = 0, j;

	while (i < n) {
		if (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r' ||
		    s[i] == '\f') {
			while (i < n && (s[i] == ' ' || s[i] == '\n' ||
			    s[i] == '\t' || s[i] == '\r' || s[i] == '\f'))
				i++;
			if (f->text.len > 0 && html_flow_last(f) != ' ' &&
			    html_flow_last(f) != '\n')
				html_flow_add(f, " ", 1, r->style);
			continue;
		}
		for (j = i; j < n && s[j] != ' ' && s[j] != '\n' && s[j] != '\t' &&
		    s[j] != '\r' && s[j] != '\f'; j++)
			;
		html_flow_add(f, s + i, j - i, r->style);
		r->serial++;
		i = j;
	}
}

/* Verbatim text: newlines kept, tabs kept for put_verbatim to expand. */
void
html_add_verbatim(struct render *r, const char *s, size_t n)
{
	size_t i = 0, j;

	r->cur->pre = true;
	while (i <= n) {
		char *clean;

		for (j = i; j < n && s[j] != '\t'; j++)
			;
		clean = text_sanitize(s + i, j - i, true);
		html_flow_add(r->cur, clean, strlen(clean), r->style);
		free(clean);
		if (j < n)
			html_flow_add(r->cur, "\t", 1, r->style);
		r->serial++;
		i = j + 1;
	}
}

void
html_add_text(struct render *r, const char *s, size_t n)
{
	char *clean;

	if (r->cur == NULL || n == 0)
		return;
	if (r->pre > 0 && r->table == NULL) {
		html_add_verbatim(r, s, n);
		return;
	}
	if (r->cur->pre)
		html_block_break(r, BRK_NONE);
	if (plain_ascii(s, n)) {
		html_add_collapsed(r, s, n);
		return;
	}
	clean = text_sanitize(s, n, false);
	html_add_collapsed(r, clean, strlen(clean));
	free(clean);
}
