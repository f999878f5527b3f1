/*
 * html/render.c: the walk over gumbo's tree, one row per tag (tag_rows),
 * the element handlers (quotes, lists, pre, br, hr, images, links) and
 * html_render() itself.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <gumbo.h>

#include "html.h"
#include "html_private.h"
#include "text.h"
#include "url.h"

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
	html_block_break(r, BRK_BLANK);
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
	const char *v = html_attr(el, name);
	char *end;
	long n;

	if (v == NULL)
		return dflt;
	n = strtol(v, &end, 10);
	if (end == v)
		return dflt;
	if (n > LIST_NUMBER_MAX)
		return LIST_NUMBER_MAX;
	if (n < -LIST_NUMBER_MAX)
		return -LIST_NUMBER_MAX;
	return n;
}

static bool
start_list(struct render *r, GumboElement *el, struct visit *v)
{
	struct list *l;

	html_block_break(r, r->nlists > 0 ? BRK_LINE : BRK_BLANK);
	if (r->nlists > HTML_MAX_DEPTH)
		return true;
	l = &r->lists[r->nlists++];
	v->flags |= V_LIST;
	l->ordered = v->node->v.element.tag == GUMBO_TAG_OL;
	l->step = 1;
	l->next = 1;
	if (l->ordered && html_attr(el, "reversed") != NULL) {
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
	html_block_break(r, r->nlists > 0 ? BRK_LINE : BRK_BLANK);
}

static const char *const bullets[] = { "\xe2\x80\xa2", "\xe2\x97\xa6",
    "\xe2\x96\xaa" };
static const char *const ascii_bullets[] = { "-", "*", "+" };

static bool
start_item(struct render *r, GumboElement *el, struct visit *v)
{
	char marker[MARK_MAX], pad[MARK_MAX];
	size_t depth = r->nlists, w;

	html_block_break(r, BRK_LINE);
	if (depth == 0 || r->table != NULL)
		return true;
	if (r->lists[depth - 1].ordered) {
		struct list *l = &r->lists[depth - 1];

		l->next = attr_long(el, "value", l->next);
		xsnprintf(marker, sizeof(marker), "%ld. ", l->next);
		if (l->next > -LIST_NUMBER_MAX && l->next < LIST_NUMBER_MAX)
			l->next += l->step;
	} else if (r->text_mode || r->opt->ascii)
		xsnprintf(marker, sizeof(marker), "%s ", r->text_mode ? "-" :
		    ascii_bullets[(depth - 1) % 3]);
	else
		xsnprintf(marker, sizeof(marker), "%s ", bullets[(depth - 1) % 3]);
	if (depth > HTML_MAX_LIST_DEPTH || r->nframes == MAX_FRAMES) {
		/* no deeper indentation: the marker starts the text */
		if (r->cur != NULL)
			html_flow_add(r->cur, marker, strlen(marker), r->style);
		return true;
	}
	w = html_width_of(marker, strlen(marker));
	memset(pad, ' ', w);
	pad[w] = '\0';
	if (push_frame(r, FR_ITEM, marker, pad))
		v->flags |= V_FRAME;
	return true;
}

static void
end_item(struct render *r, struct visit *v)
{
	html_block_break(r, BRK_LINE);
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
	html_block_break(r, BRK_LINE);
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
	html_block_break(r, BRK_BLANK);
	if (v->flags & V_PRE)
		r->pre--;
}

/* A formula (MathML, MathJax's TeX) is text in the line; any other
 * script is left out. Nothing inside is walked. */
static bool
start_math(struct render *r, GumboElement *el, struct visit *v)
{
	char *t = html_math_text(v->node);

	(void)el;
	if (t != NULL)
		html_add_text(r, t, strlen(t));
	free(t);
	return false;
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
		html_block_break(r, r->table != NULL ? BRK_NONE : BRK_LINE);
		return false;
	}
	if (r->pre > 0) {
		html_add_verbatim(r, "\n", 1);
		return false;
	}
	while (f->text.len > 0 && html_flow_last(f) == ' ')
		f->text.len--;
	while (n < f->text.len && f->text.ptr[f->text.len - 1 - n] == '\n')
		n++;
	if (n < MAX_NEWLINES)
		html_flow_add(f, "\n", 1, r->style);
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
	html_block_break(r, BRK_BLANK);
	if (r->text_mode || r->table != NULL)
		return false;
	html_put_pending(r);
	room = html_text_room(r, &show);
	if (room == 0)
		room = HR_WIDTH;
	if (room > HR_MAX)
		room = HR_MAX;
	html_put_prefix(r, show);
	for (i = 0; i < room; i++)
		html_line_add(r, dash, strlen(dash), HTML_PLAIN);
	html_line_end(r);
	html_block_break(r, BRK_BLANK);
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
	const char *alt = html_attr(el, "alt"), *src = html_attr(el, "src");
	char *clean, *text;

	(void)v;
	if (r->text_mode || r->cur == NULL || alt == NULL)
		return false;
	if (tiny(html_attr(el, "width")) || tiny(html_attr(el, "height")))
		return false;
	if (src != NULL && html_is_ad_url(src, true))
		return false;
	clean = text_sanitize_line(alt);
	if (*clean != '\0' && !html_lower_eq(clean, "advertisement") &&
	    !html_lower_eq(clean, "ad") && !html_lower_eq(clean, "advert")) {
		text = xasprintf("[image: %s]", clean);
		html_add_collapsed(r, text, strlen(text));
		free(text);
	}
	free(clean);
	return false;
}

/* ---- figures -------------------------------------------------------------- */

static const struct tag_row *row_for(const GumboNode *n, size_t depth);

/* Up to max nodes under el in document order into out (their count), the
 * content of dropped elements (scripts, hidden ones) left out. */
static size_t
descendants(const GumboElement *el, GumboNode **out, size_t max)
{
	static const GumboVector none;
	GumboNode **stack = xreallocarray(NULL, max, sizeof(*stack));
	const GumboVector *kids = &el->children;
	size_t n = 0, top = 0, k;

	for (;;) {
		/* push the first children that fit, last first: document order */
		for (k = kids->length < max - top ? kids->length : max - top; k > 0;
		    k--)
			stack[top++] = kids->data[k - 1];
		if (top == 0 || n == max)
			break;
		out[n] = stack[--top];
		kids = &none;
		if (out[n]->type == GUMBO_NODE_ELEMENT &&
		    !row_for(out[n], 0)->drop)
			kids = &out[n]->v.element.children;
		n++;
	}
	free(stack);
	return n;
}

/* The text of el (its caption), whitespace collapsed, sanitised; "" when
 * none. The caller frees it. */
static char *
caption_text(const GumboElement *el)
{
	GumboNode **nodes = xreallocarray(NULL, FIGURE_SCAN_MAX, sizeof(*nodes));
	size_t n = descendants(el, nodes, FIGURE_SCAN_MAX), i;
	struct tbuf b;
	char *text;

	tbuf_init(&b, FIGURE_CAPTION_MAX);
	for (i = 0; i < n; i++) {
		const char *t;

		if (nodes[i]->type != GUMBO_NODE_TEXT &&
		    nodes[i]->type != GUMBO_NODE_CDATA &&
		    nodes[i]->type != GUMBO_NODE_WHITESPACE)
			continue;
		t = nodes[i]->v.text.text;
		if (!tbuf_add(&b, t, strlen(t)))
			break;	/* a longer caption is cut */
	}
	free(nodes);
	text = text_sanitize_line(tbuf_str(&b));
	tbuf_free(&b);
	return text;
}

/* What a figure shows: its first image, its first link and its caption,
 * each NULL when it has none. */
struct figure {
	GumboElement *img, *link, *caption;
};

static void
figure_find(const GumboElement *el, struct figure *fig)
{
	GumboNode **nodes = xreallocarray(NULL, FIGURE_SCAN_MAX, sizeof(*nodes));
	size_t n = descendants(el, nodes, FIGURE_SCAN_MAX), i;

	memset(fig, 0, sizeof(*fig));
	for (i = 0; i < n; i++) {
		GumboElement *e = &nodes[i]->v.element;

		if (nodes[i]->type != GUMBO_NODE_ELEMENT)
			continue;
		if (fig->img == NULL &&
		    (e->tag == GUMBO_TAG_IMG || e->tag == GUMBO_TAG_IMAGE))
			fig->img = e;
		else if (fig->link == NULL && e->tag == GUMBO_TAG_A &&
		    html_attr(e, "href") != NULL)
			fig->link = e;
		else if (fig->caption == NULL && e->tag == GUMBO_TAG_FIGCAPTION)
			fig->caption = e;
	}
	free(nodes);
}

/* The figure's link, absolute and sanitised, or NULL: its first <a href>,
 * else its image's src; never an ad, a script or a data: URL. */
static char *
figure_url(const struct render *r, const struct figure *fig)
{
	const char *ref = fig->link != NULL ? html_attr(fig->link, "href") :
	    html_attr(fig->img, "src");
	char *url, *clean;

	if (ref == NULL)
		return NULL;
	while (*ref == ' ' || (*ref >= '\t' && *ref <= '\r'))
		ref++;
	if (html_unlisted(ref) ||
	    (url = url_resolve(r->opt->base_url, ref)) == NULL)
		return NULL;
	if (html_is_ad_url(url, fig->link == NULL)) {
		free(url);
		return NULL;
	}
	clean = text_sanitize_line(url);
	free(url);
	return clean;
}

/* "[image: CAPTION]" for the figure: the figcaption's text, else the alt. */
static char *
figure_label(const struct figure *fig)
{
	char *caption = fig->caption != NULL ? caption_text(fig->caption) :
	    xstrdup(""), *label;
	const char *alt;

	if (*caption == '\0' && (alt = html_attr(fig->img, "alt")) != NULL) {
		free(caption);
		caption = text_sanitize_line(alt);
	}
	label = *caption != '\0' ? xasprintf("[image: %s]", caption) :
	    xstrdup("[image]");
	free(caption);
	return label;
}

/*
 * A figure with an image is one dim line, "[image: CAPTION][n]", cut to
 * the width so that it stays one line; its content is not walked. In
 * html_to_text a figure is furniture and left out. A figure without an
 * image (a code listing, a quote) is walked as a block.
 */
static bool
start_figure(struct render *r, GumboElement *el, struct visit *v)
{
	struct figure fig;
	char mark[MARK_MAX] = "", *label, *shown, *url;
	size_t n, room;
	bool show;

	(void)v;
	if (r->text_mode)
		return false;
	if (r->cur == NULL)
		return true;
	figure_find(el, &fig);
	if (fig.img == NULL)
		return true;
	if (tiny(html_attr(fig.img, "width")) ||
	    tiny(html_attr(fig.img, "height")) ||
	    (html_attr(fig.img, "src") != NULL &&
	    html_is_ad_url(html_attr(fig.img, "src"), true)))
		return false;
	if ((url = figure_url(r, &fig)) != NULL &&
	    (n = html_link_number(r, url)) > 0 && r->opt->link_refs)
		xsnprintf(mark, sizeof(mark), "[%zu]", n);
	label = figure_label(&fig);
	room = html_text_room(r, &show);
	if (room > 0) {
		room = room > strlen(mark) + 1 ? room - strlen(mark) : 1;
		shown = text_fit(label, room, false, r->opt->ascii);
		free(label);
		label = shown;
	}
	html_flow_add(r->cur, label, strlen(label), r->style | HTML_DIM);
	html_flow_add(r->cur, mark, strlen(mark), r->style);
	r->serial++;
	free(label);
	return false;
}

/* A caption outside a figure: its own line on screen, left out of text. */
static bool
start_figcaption(struct render *r, GumboElement *el, struct visit *v)
{
	(void)el;
	(void)v;
	return !r->text_mode;
}

static bool
start_link(struct render *r, GumboElement *el, struct visit *v)
{
	const char *href = html_attr(el, "href");
	char *url;

	if (href == NULL)
		return true;
	if (r->text_mode)
		return !html_is_ad_url(href, false);
	while (*href == ' ' || (*href >= '\t' && *href <= '\r'))
		href++;
	if (html_unlisted(href))
		return true;
	url = url_resolve(r->opt->base_url, href);
	if (url == NULL)
		return true;
	if (html_is_ad_url(url, false)) {
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
	char mark[MARK_MAX];
	size_t n;

	if (!(v->flags & V_LINK))
		return;
	if (r->serial == v->serial || r->cur == NULL || *v->url == '\0') {
		free(v->url);
		v->url = NULL;
		return;
	}
	n = html_link_number(r, v->url);
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
		html_flow_add(r->cur, mark, strlen(mark), v->style);
		html_flow_add(r->cur, " ", 1, v->style);
		return;
	}
	if (html_flow_last(r->cur) == ' ') {
		/* "text [1]" would part the marker from its text */
		r->cur->text.len--;
		html_flow_add(r->cur, mark, strlen(mark), v->style);
		html_flow_add(r->cur, " ", 1, v->style);
	} else
		html_flow_add(r->cur, mark, strlen(mark), v->style);
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
	[GUMBO_TAG_SCRIPT] = { 0, 0, 0, false, start_math, NULL },
	[GUMBO_TAG_NOSCRIPT] = DROP,
	[GUMBO_TAG_TEMPLATE] = DROP, [GUMBO_TAG_IFRAME] = DROP,
	[GUMBO_TAG_EMBED] = DROP, [GUMBO_TAG_OBJECT] = DROP,
	[GUMBO_TAG_PARAM] = DROP, [GUMBO_TAG_VIDEO] = DROP,
	[GUMBO_TAG_AUDIO] = DROP, [GUMBO_TAG_SOURCE] = DROP,
	[GUMBO_TAG_TRACK] = DROP, [GUMBO_TAG_CANVAS] = DROP,
	[GUMBO_TAG_MAP] = DROP, [GUMBO_TAG_AREA] = DROP,
	[GUMBO_TAG_MATH] = { 0, 0, 0, false, start_math, NULL },
	[GUMBO_TAG_SVG] = DROP,
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
	[GUMBO_TAG_FIGURE] = { BRK_BLANK, BRK_BLANK, 0, false, start_figure, NULL },
	[GUMBO_TAG_DL] = BLOCK,
	[GUMBO_TAG_MULTICOL] = BLOCK,
	[GUMBO_TAG_FIGCAPTION] = { BRK_LINE, BRK_LINE, HTML_ITALIC, false,
	    start_figcaption, NULL },
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

	[GUMBO_TAG_TABLE] = { 0, 0, 0, false, html_start_table, html_end_table },
	[GUMBO_TAG_CAPTION] = { 0, 0, HTML_ITALIC, false, html_start_caption, html_end_cell },
	[GUMBO_TAG_TR] = { 0, 0, 0, false, html_start_row, NULL },
	[GUMBO_TAG_TD] = { 0, 0, 0, false, html_start_cell, html_end_cell },
	[GUMBO_TAG_TH] = { 0, 0, HTML_BOLD, false, html_start_cell, html_end_cell },

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
	if (row->drop || html_is_hidden(el))
		return &drop_row;
	if (row->start == start_math)
		return row;	/* at any depth: a script is never text */
	if (el->tag_namespace != GUMBO_NAMESPACE_HTML && el->tag != GUMBO_TAG_MATH)
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
		html_block_break(r, row->before);
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
		html_block_break(r, row->after);
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
			html_add_text(r, c->v.text.text, strlen(c->v.text.text));
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

void
html_render_init(struct render *r, const struct html_options *opt, bool text_mode)
{
	static const struct html_options defaults;

	memset(r, 0, sizeof(*r));
	r->opt = opt != NULL ? opt : &defaults;
	r->text_mode = text_mode;
	r->width = text_mode ? 0 : r->opt->width;
	html_flow_init(&r->para);
	html_flow_init(&r->scratch);
	r->cur = &r->para;
}

void
html_render_tree(struct render *r, const GumboNode *root)
{
	if (root != NULL && (root->type == GUMBO_NODE_ELEMENT ||
	    root->type == GUMBO_NODE_TEMPLATE))
		walk(r, (GumboNode *)root);	/* the walk only reads */
	html_block_break(r, BRK_NONE);
}

void
html_render_run(struct render *r, const char *html, size_t n)
{
	struct html_tree *t;

	if (html == NULL || n == 0)
		return;
	t = html_parse(html, n);
	html_render_tree(r, html_tree_output(t)->root);
	html_tree_free(t);
}

void
html_render_free(struct render *r)
{
	size_t i;

	html_flow_free(&r->para);
	html_flow_free(&r->scratch);
	for (i = 0; i < r->nspans; i++)
		free(r->spans[i].text);
	free(r->spans);
	free(r->hash);
	if (r->table != NULL)
		html_table_free(r->table);
}

/* "[n] URL" for every link, after a blank line, hanging under the URL. */
static void
put_link_list(struct render *r)
{
	struct html_doc *d = r->doc;
	char num[MARK_MAX], pad[MARK_MAX];
	size_t i, w;

	for (i = 0; i < d->nlinks; i++) {
		w = (size_t)xsnprintf(num, sizeof(num), "[%zu] ", i + 1);
		memset(pad, ' ', w);
		pad[w] = '\0';
		html_flow_add(&r->para, d->links[i], strlen(d->links[i]), HTML_LINK);
		r->brk = i == 0 ? BRK_BLANK : BRK_LINE;
		r->brk_frames = 0;
		if (!push_frame(r, FR_INDENT, num, pad))
			continue;
		r->whole_words = true;	/* a URL broken in two opens nothing */
		html_flush_flow(r, &r->para);
		r->whole_words = false;
		r->nframes--;
	}
}

void
html_render(const char *html, size_t n, const struct html_options *opt,
    struct html_doc *out)
{
	struct render r;

	memset(out, 0, sizeof(*out));
	html_render_init(&r, opt, false);
	r.doc = out;
	html_render_run(&r, html, n);
	if (r.opt->link_refs && out->nlinks > 0) {
		r.nframes = 0;
		put_link_list(&r);
	}
	html_render_free(&r);
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
