/*
 * html: HTML (a fragment or a whole page) -> lines of styled text with
 * numbered link references, parsed with gumbo. Knows nothing of where the
 * HTML came from.
 *
 * Output text is UTF-8, sanitised for the terminal (text_sanitize), wrapped
 * to the width asked for. The caller owns a struct html_doc and frees it
 * with html_doc_free().
 */
#ifndef TIDINGS_HTML_H
#define TIDINGS_HTML_H

#include <stdbool.h>
#include <stddef.h>

#define HTML_MAX_INPUT (16u << 20)	/* bytes of HTML rendered; the rest is cut */
#define HTML_MAX_DEPTH 200		/* deeper elements render as their text only */
#define HTML_MAX_LINKS 4096		/* numbered references kept */
#define HTML_MAX_LIST_DEPTH 8		/* deeper lists indent no further */
#define HTML_MAX_ELEMENTS 300000	/* tags parsed (gumbo needs ~400 bytes
					   each); the input is cut at the next */
#define HTML_MAX_NESTING 512	/* estimated open elements past which
					   opening tags are left out */

/* Styles a line segment may carry; the screen maps them to attributes. */
enum html_style {
	HTML_PLAIN = 0,
	HTML_BOLD = 1 << 0,
	HTML_ITALIC = 1 << 1,
	HTML_UNDERLINE = 1 << 2,
	HTML_HEADING = 1 << 3,
	HTML_CODE = 1 << 4,
	HTML_QUOTE = 1 << 5,
	HTML_LINK = 1 << 6,
	HTML_DIM = 1 << 7	/* furniture shown faintly: a figure's line */
};

/* A run of text in one style. */
struct html_span {
	char *text;
	unsigned style;
};

struct html_line {
	struct html_span *spans;
	size_t nspans;
};

struct html_doc {
	struct html_line *lines;
	size_t nlines;
	char **links;		/* absolute where a base was given; [0] is reference [1] */
	size_t nlinks;
};

struct html_options {
	size_t width;		/* columns to wrap to; 0 means do not wrap */
	const char *base_url;	/* resolves relative links; may be NULL */
	bool link_refs;		/* mark links with "[n]" and list them at the end */
	bool ascii;		/* bullets and rules in ASCII only */
};

/*
 * Render html[0..n) into *out (the caller's; html_doc_free). Never fails:
 * hostile input gives a (possibly empty) document.
 *
 * Blocks (p, div, headings, lists, quotes, pre, tables...) are separated by
 * one empty line; <br>, list items, dt/dd and table rows start a new line.
 * No line is wider than opt->width columns (unless the width is below the
 * width of one character, or the line holds a URL); pre text is cut there,
 * not wrapped. Quotes carry
 * "│ " ("> " in ASCII) per level, list items hang under their marker, an
 * image is "[image: ALT]", a link with text is "text[n]" when
 * opt->link_refs, and then "[n] URL" lines follow an empty line at the end.
 * A URL is never broken by wrapping: a word that is one (scheme://...,
 * www..., mailto:...) and every "[n] URL" line's URL go on a line of their
 * own, past the width when they must.
 * A <figure> holding an image is ONE line in HTML_DIM, "[image: CAPTION]"
 * (the figcaption's text, else the image's alt; "[image]" with neither),
 * cut with an ellipsis to fit the width, followed by "[n]" for its link
 * (the first <a href> inside it, else the image's src) when opt->link_refs;
 * the link is in d->links either way. A figure of an ad or a tracking pixel
 * is left out; a figure without an image renders as a block.
 * A formula is its text, inline (html_math_text): a MathML <math> and a
 * MathJax <script type="math/tex">; every other script is left out.
 * d->links holds every link with visible text either way (javascript:,
 * data: and "#..." links are not numbered). Every span has passed
 * text_sanitize: no control or escape byte.
 */
void html_render(const char *html, size_t n, const struct html_options *opt,
    struct html_doc *out);
void html_doc_free(struct html_doc *d);

/*
 * Plain text for exports: markup removed, entities decoded, whitespace
 * collapsed, paragraphs separated by one blank line, no link markers, ads
 * and tracking images dropped, not wrapped. The caller frees the result.
 * Every block boundary is one empty line, except <br>, list items ("- " or
 * "1. " before them), dt/dd and table rows (cells joined by " | "), which
 * start a new line; inline elements add no spaces ("a<b>b</b>c" is "abc").
 * No image alt texts, no quote bars, no <figure> or <figcaption> at all
 * (furniture, not the story); trimmed at both ends; never NULL.
 */
char *html_to_text(const char *html, size_t n);
/* The same for a document tree the caller built in gumbo's node types (as
 * html_parse() would give it, the <html> element at the root) instead of
 * markup to parse: how the readable view has its text without parsing the
 * article it has just written out. */
struct GumboInternalNode;
char *html_tree_to_text(const struct GumboInternalNode *root);

/* One line of the document as plain text (spans joined); caller frees. */
char *html_line_text(const struct html_line *l);

/*
 * What gumbo should parse instead of s[0..n), which it would take minutes
 * over (its tree building is quadratic in the nesting depth): a copy with
 * the opening tags past an estimated nesting of HTML_MAX_NESTING left out
 * (their text stays), cut before the tag that would pass
 * HTML_MAX_ELEMENTS. Linear in n. Returns NULL when s can be parsed as it
 * is, its first *outlen bytes (n, or less when cut); otherwise a new
 * NUL-terminated string of *outlen bytes, which the caller frees. Every
 * caller of gumbo_parse on hostile input goes through this.
 */
char *html_limit_nesting(const char *s, size_t n, size_t *outlen);

/*
 * A formula as text, for a node of a tree html_parse() built: for a MathML
 * <math>, its TeX annotation (encoding="application/x-tex") when it has
 * one, else its alttext, else the text of its tokens (<mi>x</mi><mo>=</mo><mn>2</mn> is
 * "x=2"); for a MathJax <script type="math/tex"> (html_is_tex_script), its
 * TeX. White space squeezed; NULL for any other node or an empty formula;
 * else the caller frees it.
 */
char *html_math_text(const struct GumboInternalNode *n);
bool html_is_tex_script(const struct GumboInternalNode *n);
/* A formula's TeX source as it is shown: white space squeezed, and without
 * a "{\displaystyle ...}" (or \textstyle, \scriptstyle) around all of
 * it; NULL when that leaves nothing, else the caller frees it. */
char *html_tex_text(const char *tex);

/*
 * The one way into gumbo: parse s[0..n) as an HTML5 document, the input cut
 * at HTML_MAX_INPUT and bounded by html_limit_nesting(), parse errors not
 * recorded. A terminal escape sequence (opened by ESC or a C1 control) is
 * removed whole first, from the text or tag it is in (an unterminated one
 * to the next '<' or '>'), since gumbo would keep its tail as text. Never NULL (gumbo always builds a document, if an empty one);
 * the caller releases it with html_tree_free(), which also frees the copy
 * gumbo's nodes point into. The tree's nodes are gumbo's own types: include
 * <gumbo.h> to walk them.
 */
struct html_tree;
struct GumboInternalOutput;
struct html_tree *html_parse(const char *s, size_t n);
struct GumboInternalOutput *html_tree_output(const struct html_tree *t);
void html_tree_free(struct html_tree *t);

#endif
