/*
 * html_private.h: what the files of src/html/ share and nothing outside
 * them may include: the limits of one render, the render state, and the
 * functions one file calls in another (every name html_-prefixed). The
 * public contract is include/html.h.
 *
 *	parse.c    html_parse(), html_limit_nesting(): the one way into gumbo
 *	render.c   the tag table, the walk, element handlers, html_render()
 *	tables.c   data tables laid out, layout tables flattened
 *	filter.c   ads, trackers, hidden elements, link numbering
 *	wrap.c     flows of styled text wrapped into lines (or plain text)
 *	text.c     html_to_text(), html_line_text()
 */
#ifndef TIDINGS_HTML_PRIVATE_H
#define TIDINGS_HTML_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <gumbo.h>

#include "html.h"
#include "text.h"

/* ---- rendering: limits and the state of one render --------------------- */

#define FLOW_MAX TEXT_MAX_STRING	/* bytes of text in one paragraph or cell */
#define LINE_TEXT_MAX (2 * FLOW_MAX)	/* bytes of one output line: its share
					   of a flow and its prefixes */
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
#define MARK_MAX 32		/* bytes of a "[n]" mark or a list marker, NUL
				   included: room for any size_t */
#define LIST_NUMBER_MAX 1000000000L	/* list numbers (start, value) are
					   clamped to this either side of 0 */
#define FIGURE_SCAN_MAX 2000	/* nodes of a figure looked at for its image,
				   link and caption */
#define FIGURE_CAPTION_MAX 4096	/* bytes of a figure's caption text kept */

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
	bool whole_words;	/* the link list: no word is ever broken */
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

/* ---- shared between the files of src/html/ ---------------------------- */

/* wrap.c */
void html_add_collapsed(struct render *r, const char *s, size_t n);
void html_add_text(struct render *r, const char *s, size_t n);
void html_add_verbatim(struct render *r, const char *s, size_t n);
void html_block_break(struct render *r, int level);
void html_flow_add(struct flow *f, const char *s, size_t n, unsigned style);
void html_flow_clear(struct flow *f);
void html_flow_copy(struct flow *dst, const struct flow *src, size_t a, size_t b,
    unsigned extra);
void html_flow_free(struct flow *f);
void html_flow_init(struct flow *f);
char html_flow_last(const struct flow *f);
void html_flow_trim(struct flow *f);
void html_flush_flow(struct render *r, struct flow *f);
void html_line_add(struct render *r, const char *s, size_t n, unsigned style);
void html_line_end(struct render *r);
void html_put_line(struct render *r, const struct flow *f, size_t a, size_t b,
    bool show);
void html_put_pending(struct render *r);
void html_put_prefix(struct render *r, bool show);
size_t html_text_room(const struct render *r, bool *show);
size_t html_width_of(const char *s, size_t n);

/* filter.c */
const char *html_attr(const GumboElement *el, const char *name);
bool html_is_ad_url(const char *url, bool img);
bool html_is_hidden(const GumboElement *el);
size_t html_link_number(struct render *r, char *url);
bool html_lower_eq(const char *s, const char *lower);
bool html_unlisted(const char *url);

/* tables.c */
void html_end_cell(struct render *r, struct visit *v);
void html_end_table(struct render *r, struct visit *v);
bool html_start_caption(struct render *r, GumboElement *el, struct visit *v);
bool html_start_cell(struct render *r, GumboElement *el, struct visit *v);
bool html_start_row(struct render *r, GumboElement *el, struct visit *v);
bool html_start_table(struct render *r, GumboElement *el, struct visit *v);
void html_table_free(struct table *t);

/* render.c */
void html_render_free(struct render *r);
void html_render_init(struct render *r, const struct html_options *opt,
    bool text_mode);
void html_render_run(struct render *r, const char *html, size_t n);
/* The same for a tree already built: the walk and the last break. */
void html_render_tree(struct render *r, const GumboNode *root);

#endif
