/*
 * readable/readable_private.h: what the files of the readable module share and
 * nobody else sees.
 *
 * gumbo's tree cannot be edited, and Readability's method edits the page
 * a lot (paragraphs made of <br><br>, divs turned into paragraphs, junk
 * removed), so the page is copied into a small mutable tree of struct
 * rnode. Its strings point into the gumbo output or into an arena; both
 * live as long as the struct rdoc, and everything is freed with it.
 *
 * The module spans several files, so these functions are visible to the
 * linker; the rd_ prefix keeps them apart from every other module's names
 * and from the public readable_ API in include/readable.h.
 */
#ifndef TIDINGS_READABLE_PRIVATE_H
#define TIDINGS_READABLE_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <gumbo.h>

#include "text.h"

/* ---- the tree --------------------------------------------------------- */

struct rattr {
	const char *name;
	const char *value;
};

/* What a subtree holds, for the measures Readability takes again and again
 * (text length, commas, link text, element counts). Kept lazily: every
 * edit marks the node's ancestors stale, and a stale summary is rebuilt
 * from its children's, so each measure costs about one visit per child
 * rather than a walk of the whole subtree, even on hostile nesting. */
struct rsum {
	uint32_t len;		/* text trimmed, white-space runs as one (UTF-16 units) */
	uint32_t raw_len;	/* all the text */
	uint32_t commas, ascii_commas;
	bool all_ws, lead_ws, trail_ws;
	double link_len;	/* text in <a>, links to "#..." weighted 0.3 */
	uint32_t heading_len;	/* text in the outermost h1..h6 */
	uint32_t list_len;	/* text in the outermost ul/ol */
	uint32_t para_len;	/* text in the outermost p */
	bool textish_text;	/* text in some span, li, td, div, p, pre... */
	bool video;		/* an object, embed or iframe of a video host */
	bool embedded_post;	/* a tweet or Instagram post (rd_prune_is_embedded_post) */
	uint32_t np, nimg, ninput, nli, nembed, ntable;	/* this element included */
};

struct rnode {
	struct rnode *parent, *first, *last, *prev, *next;
	const char *text;	/* text nodes: the bytes, not NUL-terminated */
	size_t len;
	const struct rattr *attrs;
	unsigned nattrs;
	GumboTag tag;		/* elements; GUMBO_TAG_UNKNOWN when not in gumbo's list */
	const char *name;	/* lower-case tag name of elements */
	bool is_text;
	bool scored;		/* has a content score (Readability's node.readability) */
	bool datatable;		/* a table of data, not of layout */
	bool sum_ok;		/* sum is up to date (text nodes: always) */
	bool pruned;		/* marked as furniture by rd_prune_article */
	bool embedded_post;	/* rd_prune_is_embedded_post, kept when the class is set */
	bool formula;		/* the <span> a formula became (rd_dom_build) */
	/* text nodes: white space the page had and gumbo was not given
	 * (struct ws_cuts), in all, in the leading and in the trailing run */
	uint32_t ws_cut, ws_cut_lead, ws_cut_trail;
	struct rsum sum;
	double score;
};

/* Where the copy gumbo parsed has white space left out (strip_raw cuts
 * indentation short): at[i] is an offset into the copy, in order, and
 * n[i] the characters left out there. Text measures add them back, so
 * they count what the page has, as textContent would. */
struct ws_cuts {
	size_t *at;
	uint32_t *n;
	size_t len, cap;
};

struct rdoc {
	struct arena arena;
	struct html_tree *tree;	/* html_parse()'s; owns gumbo's output */
	GumboOutput *gumbo;
	struct rnode *root;	/* <html> */
	struct rnode *body;	/* may be NULL */
	size_t nnodes;
	char *decoded;		/* the UTF-8 text gumbo parsed */
	const char *parsed;	/* what gumbo was given, cuts' offsets are in */
	size_t parsed_len;
	struct ws_cuts cuts;
};

/* Build the tree from gumbo's, leaving out scripts, styles, comments and
 * templates; <font> becomes <span>; noscript images replace their
 * placeholders. Returns the <html> element. */
struct rnode *rd_dom_build(struct rdoc *d, const GumboNode *html);

struct rnode *rd_dom_new_element(struct rdoc *d, GumboTag tag);
void rd_dom_remove(struct rnode *n);
void rd_dom_append(struct rnode *parent, struct rnode *child);
void rd_dom_insert_before(struct rnode *parent, struct rnode *child, struct rnode *ref);
void rd_dom_replace(struct rnode *old, struct rnode *with);
void rd_dom_set_tag(struct rnode *n, GumboTag tag);

const char *rd_dom_attr(const struct rnode *n, const char *name);
void rd_dom_set_attr(struct rdoc *d, struct rnode *n, const char *name, const char *value);

/* Element children and depth-first element walks, as the DOM's
 * firstElementChild / nextElementSibling. */
struct rnode *rd_dom_first_element(const struct rnode *n);
struct rnode *rd_dom_next_element(const struct rnode *n);
struct rnode *rd_dom_prev_element(const struct rnode *n);
size_t rd_dom_element_count(const struct rnode *n);
/* The next element in document order; with skip_children the subtree of n
 * is jumped over. */
struct rnode *rd_dom_next_node(const struct rnode *n, bool skip_children);
/* The next node (any kind) within the subtree of top, or NULL. */
struct rnode *rd_dom_walk(const struct rnode *n, const struct rnode *top);
/* Descendant elements of n with this tag, in document order, counted or
 * collected (into a growing array the caller frees). */
/* Elements that keep a <div> from being a paragraph (DIV_TO_P_ELEMS). */
bool rd_dom_div_to_p_block(GumboTag t);
size_t rd_dom_count_tag(const struct rnode *n, GumboTag tag);
size_t rd_dom_collect(const struct rnode *n, const GumboTag *tags, size_t ntags,
    struct rnode ***out);
bool rd_dom_has_ancestor(const struct rnode *n, GumboTag tag, int max_depth,
    bool (*filter)(const struct rnode *));

/* Text measures, following JavaScript: textContent trimmed, runs of two or
 * more white-space characters counted as one, lengths in UTF-16 units. */
struct text_stat {
	size_t len;		/* normalised length */
	size_t raw_len;		/* textContent length, untrimmed */
	size_t commas;		/* every script's commas */
	size_t ascii_commas;
};
void rd_dom_text_stat(const struct rnode *n, struct text_stat *st);
/* The summary of n's subtree, n included; and of its descendants only
 * (counts, link, heading and list text, textish and video flags: the text
 * measures of *out are not filled in). */
const struct rsum *rd_dom_sum(const struct rnode *n);
void rd_dom_desc_sum(const struct rnode *n, struct rsum *out);
size_t rd_dom_text_len(const struct rnode *n);
/* textContent, trimmed and with white-space runs collapsed to one space
 * (normalize) or kept; a new string. */
char *rd_dom_inner_text(const struct rnode *n, bool normalize);
bool rd_dom_is_whitespace_text(const struct rnode *n);
/* White space to the HTML tokenizer: space, tab, LF, CR, FF. */
bool rd_html_space(char c);
/* The length of n's textContent trimmed (white space as the page had it),
 * in UTF-16 units. */
size_t rd_dom_trimmed_raw_len(const struct rnode *n);
/* The length of a string as JavaScript counts it (UTF-16 units). */
size_t rd_dom_utf16_len(const char *s);
/* Is there any text other than white space under n? */
bool rd_dom_has_text(const struct rnode *n);

/* Serialise the children of n as HTML; a new string. */
char *rd_dom_serialize_children(const struct rnode *n);
/* The document html_parse() would make of rd_dom_serialize_children(n),
 * built in d's arena without parsing (html_tree_to_text renders it). */
GumboNode *rd_dom_to_gumbo(struct rdoc *d, const struct rnode *n);

/* ---- matching --------------------------------------------------------- */

/* Case-insensitive substring search (ASCII). */
bool rd_str_contains_ci(const char *hay, const char *needle);
/* Does the class or id value match the pattern list? */
enum rx {
	RX_UNLIKELY, RX_MAYBE, RX_POSITIVE, RX_NEGATIVE, RX_BYLINE, RX_VIDEO
};
bool rd_rx_match(enum rx which, const char *s);
/* c in lower case when it is an ASCII capital */
char rd_ascii_lower(char c);
bool rd_unicode_space(uint32_t cp);

/* ---- metadata --------------------------------------------------------- */

struct rmeta {
	char *title;
	char *byline;
	char *excerpt;
	char *site_name;
	char *published;	/* as written; parsed later */
	char *image;
};
/* Read the metadata of the tree (before grab changes it). */
void rd_meta_extract(struct rdoc *d, struct rmeta *m);
void rd_meta_free(struct rmeta *m);
/* Readability's word-overlap similarity of b to a, 0..1: the share of
 * b's text made of words that are in a. */
#define TITLE_SIMILAR 0.75	/* similarity above which a heading is the title */
double rd_meta_text_similarity(const char *a, const char *b);

/* ---- the content ------------------------------------------------------ */

enum {
	FLAG_STRIP_UNLIKELYS = 1,
	FLAG_WEIGHT_CLASSES = 2,
	FLAG_CLEAN_CONDITIONALLY = 4
};

struct grab {
	struct rdoc *doc;
	unsigned flags;
	const char *title;	/* the article title, to drop duplicate headers */
	char *byline;		/* found while walking, when metadata had none */
	bool have_meta_byline;
	long post_id;		/* N of the body's "postid-N" class, or -1 */
};

/* Readability's prepDocument on a fresh tree: <br><br> runs become <p>. */
void rd_grab_prepare(struct rdoc *d);
/* One pass of Readability's grabArticle over a fresh tree: the article as
 * a new <div> (detached), or NULL. */
struct rnode *rd_grab_article(struct grab *g);
/* Readability's _isPhrasingContent and _hasSingleTagInsideElement. */
bool rd_grab_is_phrasing(const struct rnode *n);
bool rd_grab_single_tag_inside(const struct rnode *n, GumboTag tag);
int rd_grab_class_weight(const struct grab *g, const struct rnode *n);
double rd_grab_link_density(const struct rnode *n);

/* Readability's _prepArticle: clean the chosen content in place. */
void rd_clean_article(struct grab *g, struct rnode *article);

/* ---- pruning inside the block (prune.c) ------------------------------ */

/* Take the furniture out of the chosen, cleaned block (issue 13's rules:
 * captions and credits outside figures, related links, bylines and bios,
 * the article header, class-word furniture, other articles, repeats,
 * hover cards), under the guards: nothing holding half the paragraph
 * text goes, and nothing goes when under a seventh would remain.
 * page_url (may be NULL) tells same-site links from others. */
void rd_prune_article(struct grab *g, struct rnode *article, const char *page_url);
/* A tweet or Instagram post embedded in the page: content, always. */
bool rd_prune_is_embedded_post(const struct rnode *n);
bool rd_prune_holds_embedded_post(const struct rnode *n);
/* Whether token is one of n's class tokens, whole, in any case. */
bool rd_prune_has_class(const struct rnode *n, const char *token);
/* N of the "postid-N" class of body (may be NULL), or -1. */
long rd_prune_post_id(const struct rnode *body);

#endif
