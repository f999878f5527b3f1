/*
 * readable/grab.c: finding the article, after Mozilla Readability's
 * grabArticle (Apache-2.0; the method, rewritten in C for gumbo).
 *
 * One pass: walk the page removing what cannot be content (hidden nodes,
 * the byline, a header repeating the title, "unlikely" class names, empty
 * blocks), turn divs that hold only phrasing content into paragraphs, score
 * every paragraph by its length and commas and hand the score to its
 * ancestors (parent fully, grandparent half, further ones less), scale each
 * candidate by how much of its text is not links, take the best one, climb
 * to an ancestor when the competition is close or the parent scores
 * higher, and gather the siblings that belong to the story.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "html.h"
#include "readable.h"
#include "readable_private.h"

#define N_TOP_CANDIDATES 5
#define MIN_TOP_CANDIDATES 3	/* close rivals needed to climb to their common ancestor */
#define MIN_PARAGRAPH 25	/* characters below which a paragraph is not scored */
#define SCORE_ANCESTORS 5	/* levels of ancestors a paragraph's score reaches */
#define MATCH_BUF 256
#define BYLINE_MAX 100		/* characters; longer is not a byline */
#define HEADING_MAX 2000	/* characters; a longer "heading" is not the title */

static const char *const unlikely_roles[] = {
	"menu", "menubar", "complementary", "navigation", "alert",
	"alertdialog", "dialog"
};


static bool
phrasing_tag(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_ABBR: case GUMBO_TAG_AUDIO: case GUMBO_TAG_B:
	case GUMBO_TAG_BDO: case GUMBO_TAG_BR: case GUMBO_TAG_BUTTON:
	case GUMBO_TAG_CITE: case GUMBO_TAG_CODE: case GUMBO_TAG_DATA:
	case GUMBO_TAG_DATALIST: case GUMBO_TAG_DFN: case GUMBO_TAG_EM:
	case GUMBO_TAG_EMBED: case GUMBO_TAG_I: case GUMBO_TAG_IMG:
	case GUMBO_TAG_INPUT: case GUMBO_TAG_KBD: case GUMBO_TAG_LABEL:
	case GUMBO_TAG_MARK: case GUMBO_TAG_MATH: case GUMBO_TAG_METER:
	case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_OBJECT: case GUMBO_TAG_OUTPUT:
	case GUMBO_TAG_PROGRESS: case GUMBO_TAG_Q: case GUMBO_TAG_RUBY:
	case GUMBO_TAG_SAMP: case GUMBO_TAG_SCRIPT: case GUMBO_TAG_SELECT:
	case GUMBO_TAG_SMALL: case GUMBO_TAG_SPAN: case GUMBO_TAG_STRONG:
	case GUMBO_TAG_SUB: case GUMBO_TAG_SUP: case GUMBO_TAG_TEXTAREA:
	case GUMBO_TAG_TIME: case GUMBO_TAG_VAR: case GUMBO_TAG_WBR:
		return true;
	default:
		return false;
	}
}

/* Readability's _isPhrasingContent. Recursion is bounded by the tree's
 * depth, which the build limits. */
bool
rd_grab_is_phrasing(const struct rnode *n)
{
	const struct rnode *c;

	if (n->is_text || phrasing_tag(n->tag))
		return true;
	if (n->tag != GUMBO_TAG_A && n->tag != GUMBO_TAG_DEL &&
	    n->tag != GUMBO_TAG_INS)
		return false;
	for (c = n->first; c != NULL; c = c->next)
		if (!rd_grab_is_phrasing(c))
			return false;
	return true;
}

static bool
is_ws_node(const struct rnode *n)
{
	return rd_dom_is_whitespace_text(n) || (!n->is_text && n->tag == GUMBO_TAG_BR);
}

/* Readability's _nextNode: skip white-space text, stop at anything else. */
static struct rnode *
skip_ws(struct rnode *n)
{
	while (n != NULL && n->is_text && rd_dom_is_whitespace_text(n))
		n = n->next;
	return n;
}

static bool
is_br(const struct rnode *n)
{
	return n != NULL && !n->is_text && n->tag == GUMBO_TAG_BR;
}

/* Two or more <br> in a row end a paragraph: the run becomes a <p> that
 * takes the phrasing content after it (Readability's _replaceBrs). */
static void
replace_brs(struct rdoc *d, struct rnode *body)
{
	static const GumboTag br_tag[] = { GUMBO_TAG_BR };
	struct rnode **brs, *next, *p, *sib;
	size_t nbr, i;

	nbr = rd_dom_collect(body, br_tag, 1, &brs);
	for (i = 0; i < nbr; i++) {
		struct rnode *br = brs[i];
		bool replaced = false;

		if (br->parent == NULL)
			continue;
		next = br->next;
		while ((next = skip_ws(next)) != NULL && is_br(next)) {
			replaced = true;
			sib = next->next;
			rd_dom_remove(next);
			next = sib;
		}
		if (!replaced)
			continue;
		p = rd_dom_new_element(d, GUMBO_TAG_P);
		rd_dom_replace(br, p);
		next = p->next;
		while (next != NULL) {
			if (is_br(next) && is_br(skip_ws(next->next)))
				break;
			if (!rd_grab_is_phrasing(next))
				break;
			sib = next->next;
			rd_dom_append(p, next);
			next = sib;
		}
		while (p->last != NULL && is_ws_node(p->last))
			rd_dom_remove(p->last);
		if (p->parent->tag == GUMBO_TAG_P)
			rd_dom_set_tag(p->parent, GUMBO_TAG_DIV);
	}
	free(brs);
}

void
rd_grab_prepare(struct rdoc *d)
{
	if (d->body != NULL)
		replace_brs(d, d->body);
}

/* className + " " + id, in buf when it fits; free the result when it is
 * not buf. */
static char *
match_string(const struct rnode *n, char *buf, size_t size)
{
	const char *cls = rd_dom_attr(n, "class"), *id = rd_dom_attr(n, "id");
	size_t need;

	if (cls == NULL)
		cls = "";
	if (id == NULL)
		id = "";
	need = strlen(cls) + strlen(id) + 2;
	if (need <= size) {	/* the common case, without printf's parsing */
		size_t nc = strlen(cls);

		memcpy(buf, cls, nc);
		buf[nc] = ' ';
		memcpy(buf + nc + 1, id, strlen(id) + 1);
		return buf;
	}
	return xasprintf("%s %s", cls, id);
}

int
rd_grab_class_weight(const struct grab *g, const struct rnode *n)
{
	const char *cls, *id;
	int w = 0;

	if (!(g->flags & FLAG_WEIGHT_CLASSES))
		return 0;
	if ((cls = rd_dom_attr(n, "class")) != NULL && cls[0] != '\0') {
		if (rd_rx_match(RX_NEGATIVE, cls))
			w -= 25;
		if (rd_rx_match(RX_POSITIVE, cls))
			w += 25;
	}
	if ((id = rd_dom_attr(n, "id")) != NULL && id[0] != '\0') {
		if (rd_rx_match(RX_NEGATIVE, id))
			w -= 25;
		if (rd_rx_match(RX_POSITIVE, id))
			w += 25;
	}
	return w;
}

double
rd_grab_link_density(const struct rnode *n)
{
	const struct rsum *s = rd_dom_sum(n);
	struct rsum desc;

	if (s->all_ws || s->len == 0)
		return 0;
	rd_dom_desc_sum(n, &desc);	/* the links inside n, not n itself */
	return desc.link_len / (double)s->len;
}

/* The value of a declaration in a style attribute, e.g. "display". */
static bool
style_is(const char *style, const char *prop, const char *value)
{
	const char *s = style;

	while (*s != '\0') {
		const char *end = strchr(s, ';'), *colon;
		size_t plen = strlen(prop), vlen = strlen(value);

		if (end == NULL)
			end = s + strlen(s);
		colon = memchr(s, ':', (size_t)(end - s));
		if (colon != NULL) {
			const char *a = s, *b = colon, *v = colon + 1, *ve = end;

			while (a < b && (*a == ' ' || *a == '\t' || *a == '\n'))
				a++;
			while (b > a && (b[-1] == ' ' || b[-1] == '\t' || b[-1] == '\n'))
				b--;
			while (v < ve && (*v == ' ' || *v == '\t' || *v == '\n'))
				v++;
			while (ve > v && (ve[-1] == ' ' || ve[-1] == '\t' || ve[-1] == '\n'))
				ve--;
			if ((size_t)(b - a) == plen && strncasecmp(a, prop, plen) == 0 &&
			    (size_t)(ve - v) == vlen && strncasecmp(v, value, vlen) == 0)
				return true;
		}
		s = *end == ';' ? end + 1 : end;
	}
	return false;
}

static bool
probably_visible(const struct rnode *n)
{
	const char *style = rd_dom_attr(n, "style"), *aria, *cls;

	if (style != NULL && (style_is(style, "display", "none") ||
	    style_is(style, "visibility", "hidden")))
		return false;
	if (rd_dom_attr(n, "hidden") != NULL)
		return false;
	aria = rd_dom_attr(n, "aria-hidden");
	if (aria != NULL && strcmp(aria, "true") == 0) {
		cls = rd_dom_attr(n, "class");
		return cls != NULL && strstr(cls, "fallback-image") != NULL;
	}
	return true;
}

/* Inside a byline, the date is not the author's name. */
static bool
byline_date_part(const struct rnode *x)
{
	const char *cls = rd_dom_attr(x, "class"), *id = rd_dom_attr(x, "id");

	return x->tag == GUMBO_TAG_TIME ||
	    (cls != NULL && (rd_str_contains_ci(cls, "date") || rd_str_contains_ci(cls, "time"))) ||
	    (id != NULL && (rd_str_contains_ci(id, "date") || rd_str_contains_ci(id, "time")));
}

/* The byline as a reader wants it: the words apart across a <br> or a
 * block ("Fitzgerald<br>May" is not "FitzgeraldMay"), without a dateline
 * inside it, without a leading "By". */
static char *
byline_text(const struct rnode *n)
{
	const struct rnode *x = rd_dom_walk(n, n);
	struct tbuf b;
	char *s;

	tbuf_init(&b, TEXT_MAX_STRING);
	while (x != NULL) {
		bool ok = true;

		if (!x->is_text && x != n && byline_date_part(x)) {
			/* past x's subtree */
			while (x != n && x->next == NULL)
				x = x->parent;
			x = x == n ? NULL : x->next;
			continue;
		}
		if (x->is_text)
			ok = tbuf_add(&b, x->text, x->len);
		else if (x->tag == GUMBO_TAG_BR || x->tag == GUMBO_TAG_P ||
		    x->tag == GUMBO_TAG_DIV || x->tag == GUMBO_TAG_LI)
			ok = tbuf_addc(&b, ' ');
		if (!ok)
			break;
		x = rd_dom_walk(x, n);
	}
	s = text_squeeze(tbuf_take(&b));
	if (strncasecmp(s, "by ", 3) == 0 && s[3] != '\0')
		memmove(s, s + 3, strlen(s + 3) + 1);
	if (s[0] == '\0') {
		/* all of it was a date: keep what the page says */
		free(s);
		s = text_squeeze(rd_dom_inner_text(n, true));
	}
	return s;
}

static bool
check_byline(struct grab *g, const struct rnode *n, const char *match)
{
	const char *rel, *itemprop;
	struct text_stat st;
	size_t len;

	if (g->byline != NULL || g->have_meta_byline)
		return false;
	rel = rd_dom_attr(n, "rel");
	itemprop = rd_dom_attr(n, "itemprop");
	if (!((rel != NULL && strcmp(rel, "author") == 0) ||
	    (itemprop != NULL && strstr(itemprop, "author") != NULL) ||
	    rd_rx_match(RX_BYLINE, match)))
		return false;
	/* the collapsed length is at most the trimmed one: a cheap no first */
	rd_dom_text_stat(n, &st);
	if (st.len == 0 || st.len >= BYLINE_MAX)
		return false;
	len = rd_dom_trimmed_raw_len(n);
	if (len == 0 || len >= BYLINE_MAX)
		return false;
	g->byline = byline_text(n);
	return true;
}

enum title_match { TITLE_NO, TITLE_PART, TITLE_SAME };

/* Does heading n repeat the article title? TITLE_PART: its words are all
 * in the title (a section name, the site's name, the headline cut short);
 * TITLE_SAME: the title's words are all in it as well. */
static enum title_match
header_duplicates_title(const struct grab *g, const struct rnode *n)
{
	char *heading;
	enum title_match m = TITLE_NO;

	if ((n->tag != GUMBO_TAG_H1 && n->tag != GUMBO_TAG_H2) || g->title == NULL ||
	    rd_dom_text_len(n) > HEADING_MAX)
		return TITLE_NO;
	heading = rd_dom_inner_text(n, false);
	if (rd_meta_text_similarity(g->title, heading) > TITLE_SIMILAR)
		m = rd_meta_text_similarity(heading, g->title) > TITLE_SIMILAR ?
		    TITLE_SAME : TITLE_PART;
	free(heading);
	return m;
}

static bool
element_without_content(const struct rnode *n)
{
	const struct rnode *x;
	size_t kids, brhr = 0;

	if (rd_dom_has_text(n))
		return false;
	kids = rd_dom_element_count(n);
	if (kids == 0)
		return true;
	for (x = rd_dom_walk(n, n); x != NULL; x = rd_dom_walk(x, n))
		brhr += !x->is_text && (x->tag == GUMBO_TAG_BR || x->tag == GUMBO_TAG_HR);
	return kids == brhr;
}

/* Readability's _hasSingleTagInsideElement: one element child with this
 * tag, and no text child ending in something other than white space. */
bool
rd_grab_single_tag_inside(const struct rnode *n, GumboTag tag)
{
	const struct rnode *c, *only = NULL;
	size_t nel = 0;

	for (c = n->first; c != NULL; c = c->next) {
		if (!c->is_text) {
			nel++;
			only = c;
			continue;
		}
		if (c->len > 0) {
			const char *e = c->text + c->len;
			size_t k = 1;
			uint32_t cp;

			while (k < 4 && k < c->len && (e[-(long)k] & 0xc0) == 0x80)
				k++;
			utf8_decode(e - k, k, &cp);
			if (!rd_unicode_space(cp))
				return false;
		}
	}
	return nel == 1 && only->tag == tag;
}

static bool
has_child_block(const struct rnode *n)
{
	const struct rnode *x;

	for (x = rd_dom_walk(n, n); x != NULL; x = rd_dom_walk(x, n))
		if (!x->is_text && rd_dom_div_to_p_block(x->tag))
			return true;
	return false;
}

static bool
unlikely_role(const struct rnode *n)
{
	const char *role = rd_dom_attr(n, "role");
	size_t i;

	if (role == NULL)
		return false;
	for (i = 0; i < sizeof(unlikely_roles) / sizeof(unlikely_roles[0]); i++)
		if (strcmp(role, unlikely_roles[i]) == 0)
			return true;
	return false;
}

static struct rnode *
remove_and_next(struct rnode *n)
{
	struct rnode *next = rd_dom_next_node(n, true);

	rd_dom_remove(n);
	return next;
}

static bool
score_tag(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_SECTION: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
	case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
	case GUMBO_TAG_P: case GUMBO_TAG_TD: case GUMBO_TAG_PRE:
		return true;
	default:
		return false;
	}
}

struct nodelist {
	struct rnode **v;
	size_t n, cap;
};

static void
list_push(struct nodelist *l, struct rnode *n)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	l->v[l->n++] = n;
}

/* Wrap runs of phrasing content directly inside a div into paragraphs. */
static void
wrap_phrasing(struct rdoc *d, struct rnode *div)
{
	struct rnode *c = div->first, *next, *p = NULL;

	for (; c != NULL; c = next) {
		next = c->next;
		if (rd_grab_is_phrasing(c)) {
			if (p != NULL) {
				rd_dom_append(p, c);
			} else if (!is_ws_node(c)) {
				p = rd_dom_new_element(d, GUMBO_TAG_P);
				rd_dom_replace(c, p);
				rd_dom_append(p, c);
			}
		} else if (p != NULL) {
			while (p->last != NULL && is_ws_node(p->last))
				rd_dom_remove(p->last);
			p = NULL;
		}
	}
}

/* A div unwrapped to its only paragraph hands over its class and id, so
 * that a "sponsor" or "share" box stays recognisable as one. */
static void
inherit_hints(struct rdoc *d, struct rnode *p, const struct rnode *div)
{
	static const char *const names[] = { "class", "id" };
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		const char *v = rd_dom_attr(div, names[i]);

		if (v != NULL && rd_dom_attr(p, names[i]) == NULL)
			rd_dom_set_attr(d, p, names[i], v);
	}
}

/* Whether n is or holds a formula: MathJax wraps each in an element whose
 * class words ("MathJax CtxtMenu_Attached_0") look unlikely to be content. */
static bool
holds_formula(const struct rnode *n)
{
	const struct rnode *x;

	for (x = n; x != NULL; x = rd_dom_walk(x, n))
		if (!x->is_text && x->formula)
			return true;
	return false;
}

/* What comparing two TeX sources skips: TeX ignores space after a command
 * ("\; \Lambda" is "\;\Lambda"), and a picture's alt may drop a group's
 * braces ("\lambda_\min" for "\lambda _{\min }"). */
static bool
tex_ignored(char c)
{
	return rd_html_space(c) || c == '{' || c == '}';
}

/* Whether alt (an image's) is the TeX of formula span f. */
static bool
alt_is_formula(const char *alt, const struct rnode *f)
{
	const char *a, *b, *e;
	char *t;
	bool same;

	if (alt == NULL || f->first == NULL || !f->first->is_text ||
	    (t = html_tex_text(alt)) == NULL)
		return false;
	a = t, b = f->first->text, e = b + f->first->len;
	for (;;) {
		while (*a != '\0' && tex_ignored(*a))
			a++;
		while (b < e && tex_ignored(*b))
			b++;
		if (*a == '\0' || b == e || *a != *b)
			break;
		a++, b++;
	}
	same = *a == '\0' && b == e;
	free(t);
	return same;
}

/*
 * A formula is content even where the page hides it: sites pair a hidden
 * MathML copy (display:none, for screen readers and copying) with a
 * picture of it, an <img> whose alt is the same TeX (Readability keeps
 * such a "fallback-image"), which a text view would show as nothing or as
 * "[image: ...]". So before hidden n goes, each formula in it moves out in
 * its place, and an image beside it whose alt is the same formula goes.
 */
static void
keep_hidden_formulas(struct rnode *n)
{
	struct rnode **found = NULL, *x;
	size_t nfound = 0, cap = 0, i;

	if (n->parent == NULL)
		return;
	for (x = rd_dom_walk(n, n); x != NULL; x = rd_dom_walk(x, n)) {
		if (x->is_text || !x->formula)
			continue;
		if (nfound == cap) {
			cap = cap ? cap * 2 : 4;
			found = xreallocarray(found, cap, sizeof(*found));
		}
		found[nfound++] = x;
	}
	for (i = 0; i < nfound; i++) {
		rd_dom_remove(found[i]);
		rd_dom_insert_before(n->parent, found[i], n);
		/* the picture: beside n, or wrapped in a paragraph beside it */
		for (x = rd_dom_walk(n->parent, n->parent); x != NULL;
		    x = rd_dom_walk(x, n->parent))
			if (!x->is_text && x->tag == GUMBO_TAG_IMG &&
			    alt_is_formula(rd_dom_attr(x, "alt"), found[i])) {
				rd_dom_remove(x);
				break;
			}
	}
	free(found);
}

/* The first walk: prune, turn divs into paragraphs, list what to score. */
static void
prune_and_collect(struct grab *g, struct nodelist *score)
{
	struct rnode *node = g->doc->root;
	bool title_header = true, dropped_part = false, past_paragraph = false;
	char buf[MATCH_BUF];

	while (node != NULL) {
		char *match = match_string(node, buf, sizeof(buf));
		bool drop = false;
		enum title_match tm;

		if (node->tag == GUMBO_TAG_P && rd_dom_text_len(node) >= MIN_PARAGRAPH)
			past_paragraph = true;

		if (!probably_visible(node)) {
			keep_hidden_formulas(node);
			drop = true;
		} else if (rd_dom_attr(node, "aria-modal") != NULL &&
		    strcmp(rd_dom_attr(node, "aria-modal"), "true") == 0 &&
		    rd_dom_attr(node, "role") != NULL &&
		    strcmp(rd_dom_attr(node, "role"), "dialog") == 0) {
			drop = true;
		} else if (check_byline(g, node, match)) {
			drop = true;
		} else if (title_header &&
		    (tm = header_duplicates_title(g, node)) != TITLE_NO &&
		    (tm == TITLE_SAME || !dropped_part || !past_paragraph)) {
			/* Readability drops the first heading that repeats the
			 * title. A partial one (the site's name) must not use
			 * that up: the search goes on for the headline itself,
			 * dropping more partial ones up to the first paragraph. */
			title_header = tm != TITLE_SAME;
			dropped_part = true;
			drop = true;
		} else if ((g->flags & FLAG_STRIP_UNLIKELYS) &&
		    rd_rx_match(RX_UNLIKELY, match) && !rd_rx_match(RX_MAYBE, match) &&
		    !rd_dom_has_ancestor(node, GUMBO_TAG_TABLE, 3, NULL) &&
		    !rd_dom_has_ancestor(node, GUMBO_TAG_CODE, 3, NULL) &&
		    node->tag != GUMBO_TAG_BODY && node->tag != GUMBO_TAG_A &&
		    !rd_prune_holds_embedded_post(node) && !holds_formula(node)) {
			drop = true;
		} else if ((g->flags & FLAG_STRIP_UNLIKELYS) && unlikely_role(node)) {
			drop = true;
		} else {
			switch (node->tag) {
			case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION:
			case GUMBO_TAG_HEADER: case GUMBO_TAG_H1: case GUMBO_TAG_H2:
			case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
			case GUMBO_TAG_H6:
				drop = element_without_content(node);
				break;
			default:
				break;
			}
		}
		if (match != buf)
			free(match);
		if (drop) {
			node = remove_and_next(node);
			continue;
		}
		if (score_tag(node->tag))
			list_push(score, node);
		if (node->tag == GUMBO_TAG_DIV) {
			wrap_phrasing(g->doc, node);
			if (rd_grab_single_tag_inside(node, GUMBO_TAG_P) &&
			    rd_grab_link_density(node) < 0.25) {
				struct rnode *p = rd_dom_first_element(node);

				inherit_hints(g->doc, p, node);
				rd_dom_replace(node, p);
				node = p;
				list_push(score, node);
			} else if (!has_child_block(node)) {
				rd_dom_set_tag(node, GUMBO_TAG_P);
				list_push(score, node);
			}
		}
		node = rd_dom_next_node(node, false);
	}
}

static void
initialize_node(const struct grab *g, struct rnode *n)
{
	double s = 0;

	switch (n->tag) {
	case GUMBO_TAG_DIV:
		s = 5;
		break;
	case GUMBO_TAG_PRE: case GUMBO_TAG_TD: case GUMBO_TAG_BLOCKQUOTE:
		s = 3;
		break;
	case GUMBO_TAG_ADDRESS: case GUMBO_TAG_OL: case GUMBO_TAG_UL:
	case GUMBO_TAG_DL: case GUMBO_TAG_DD: case GUMBO_TAG_DT:
	case GUMBO_TAG_LI: case GUMBO_TAG_FORM:
		s = -3;
		break;
	case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
	case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
	case GUMBO_TAG_TH:
		s = -5;
		break;
	default:
		break;
	}
	n->score = s + rd_grab_class_weight(g, n);
	n->scored = true;
}

/* Score the paragraphs and hand the scores to their ancestors. */
static void
score_paragraphs(struct grab *g, const struct nodelist *score,
    struct nodelist *cands)
{
	size_t i;

	for (i = 0; i < score->n; i++) {
		struct rnode *el = score->v[i], *a;
		struct text_stat st;
		double s;
		int level;

		if (el->parent == NULL)
			continue;
		rd_dom_text_stat(el, &st);
		if (st.len < MIN_PARAGRAPH)
			continue;
		s = 1 + (double)(st.commas + 1) +
		    (double)(st.len / 100 < 3 ? st.len / 100 : 3);
		for (a = el->parent, level = 0; a != NULL && level < SCORE_ANCESTORS;
		    a = a->parent, level++) {
			double div;

			if (a->parent == NULL)
				continue;
			if (!a->scored) {
				initialize_node(g, a);
				list_push(cands, a);
			}
			div = level == 0 ? 1 : level == 1 ? 2 : level * 3;
			a->score += s / div;
		}
	}
}

static bool
is_ancestor(const struct rnode *anc, const struct rnode *n)
{
	for (n = n->parent; n != NULL; n = n->parent)
		if (n == anc)
			return true;
	return false;
}

/* Pick the top candidate and maybe climb to a better ancestor. */
static struct rnode *
pick_top(struct grab *g, const struct nodelist *cands)
{
	struct rnode *top[N_TOP_CANDIDATES], *best, *p;
	size_t ntop = 0, i, j;
	double last, threshold;

	for (i = 0; i < cands->n; i++) {
		struct rnode *c = cands->v[i];

		c->score *= 1 - rd_grab_link_density(c);
		for (j = 0; j < N_TOP_CANDIDATES; j++) {
			size_t move;

			if (j < ntop && !(c->score > top[j]->score))
				continue;
			move = ntop - j;
			if (ntop == N_TOP_CANDIDATES)
				move--;
			memmove(top + j + 1, top + j, move * sizeof(top[0]));
			top[j] = c;
			if (ntop < N_TOP_CANDIDATES)
				ntop++;
			break;
		}
	}
	if (ntop == 0 || top[0]->tag == GUMBO_TAG_BODY)
		return NULL;
	best = top[0];

	/* Three or more close rivals under one ancestor: the ancestor. */
	{
		size_t nalt = 0;
		struct rnode *alts[N_TOP_CANDIDATES];

		for (i = 1; i < ntop; i++)
			if (top[i]->score / best->score >= 0.75)
				alts[nalt++] = top[i];
		if (nalt >= MIN_TOP_CANDIDATES) {
			for (p = best->parent; p != NULL && p->tag != GUMBO_TAG_BODY;
			    p = p->parent) {
				size_t hits = 0;

				for (i = 0; i < nalt && hits < MIN_TOP_CANDIDATES; i++)
					hits += is_ancestor(p, alts[i]);
				if (hits >= MIN_TOP_CANDIDATES) {
					best = p;
					break;
				}
			}
		}
	}
	if (!best->scored)
		initialize_node(g, best);

	/* A parent scoring higher than the child is a better container. */
	last = best->score;
	threshold = last / 3;
	for (p = best->parent; p != NULL && p->tag != GUMBO_TAG_BODY; p = p->parent) {
		if (!p->scored)
			continue;
		if (p->score < threshold)
			break;
		if (p->score > last) {
			best = p;
			break;
		}
		last = p->score;
	}

	/* An only child: its parent, so that siblings can join. */
	for (p = best->parent; p != NULL && p->tag != GUMBO_TAG_BODY &&
	    rd_dom_element_count(p) == 1; p = best->parent)
		best = p;
	if (!best->scored)
		initialize_node(g, best);
	return best;
}

static bool
same_class(const struct rnode *a, const struct rnode *b)
{
	const char *ca = rd_dom_attr(a, "class"), *cb = rd_dom_attr(b, "class");

	if (ca == NULL)
		ca = "";
	if (cb == NULL)
		cb = "";
	return cb[0] != '\0' && strcmp(ca, cb) == 0;
}

/* Does a short paragraph look like a sentence: ". " or a final "." */
static bool
has_sentence_end(const char *s)
{
	const char *dot;

	for (dot = strchr(s, '.'); dot != NULL; dot = strchr(dot + 1, '.'))
		if (dot[1] == ' ' || dot[1] == '\0')
			return true;
	return false;
}

static bool
sibling_belongs(const struct grab *g, const struct rnode *sib, const struct rnode *top,
    double threshold)
{
	double bonus = 0;

	if (same_class(sib, top))
		bonus = top->score * 0.2;
	if (sib->scored && sib->score + bonus >= threshold)
		return true;
	if (sib->tag == GUMBO_TAG_P && rd_grab_class_weight(g, sib) >= 0) {
		double ld = rd_grab_link_density(sib);
		size_t len = rd_dom_text_len(sib);

		if (len > 80 && ld < 0.25)
			return true;
		if (len < 80 && len > 0 && ld == 0) {
			char *text = rd_dom_inner_text(sib, true);
			bool yes = has_sentence_end(text);

			free(text);
			return yes;
		}
	}
	return false;
}

/* The top candidate with its related siblings, in a new div. */
static struct rnode *
gather(struct grab *g, struct rnode *top, bool created)
{
	struct rnode *article = rd_dom_new_element(g->doc, GUMBO_TAG_DIV);
	struct rnode *parent = top->parent, *sib, *next;
	double threshold = top->score * 0.2;

	if (threshold < 10)
		threshold = 10;
	if (created || parent == NULL) {
		rd_dom_append(article, top);
		return article;
	}
	for (sib = rd_dom_first_element(parent); sib != NULL; sib = next) {
		next = rd_dom_next_element(sib);
		if (sib != top && !sibling_belongs(g, sib, top, threshold))
			continue;
		switch (sib->tag) {
		case GUMBO_TAG_DIV: case GUMBO_TAG_ARTICLE:
		case GUMBO_TAG_SECTION: case GUMBO_TAG_P:
			break;
		default:
			/* a td or form would be dropped later: make it a div */
			rd_dom_set_tag(sib, GUMBO_TAG_DIV);
			break;
		}
		rd_dom_append(article, sib);
	}
	return article;
}

struct rnode *
rd_grab_article(struct grab *g)
{
	struct nodelist score = { 0 }, cands = { 0 };
	struct rnode *top, *article;
	bool created = false;

	if (g->doc->body == NULL)
		return NULL;
	prune_and_collect(g, &score);
	score_paragraphs(g, &score, &cands);
	top = pick_top(g, &cands);
	if (top == NULL) {
		/* Nothing stood out: the whole body. */
		struct rnode *body = g->doc->body;

		top = rd_dom_new_element(g->doc, GUMBO_TAG_DIV);
		while (body->first != NULL)
			rd_dom_append(top, body->first);
		rd_dom_append(body, top);
		initialize_node(g, top);
		created = true;
	}
	article = gather(g, top, created);
	free(score.v);
	free(cands.v);
	rd_clean_article(g, article);
	return article;
}
