/*
 * readable/dom.c: the mutable page tree the readable module works on:
 * building it from gumbo's output, editing it, walking it, measuring its
 * text the way a browser's textContent would, and writing it back as HTML.
 *
 * Every walk is iterative, so a hostile page nested a million deep cannot
 * exhaust the stack; the build flattens anything deeper than
 * READABLE_MAX_DEPTH anyway.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "html.h"
#include "readable.h"
#include "readable_private.h"

/* ---- editing ---------------------------------------------------------- */

/* An edit under n: n and its ancestors must be summed again. A stale node's
 * ancestors are all stale already, so the walk stops at the first one. */
static void
mark_stale(struct rnode *n)
{
	for (; n != NULL && n->sum_ok && !n->is_text; n = n->parent)
		n->sum_ok = false;
}

struct rnode *
rd_dom_new_element(struct rdoc *d, GumboTag tag)
{
	struct rnode *n = arena_zalloc(&d->arena, sizeof(*n));

	n->tag = tag;
	n->name = gumbo_normalized_tagname(tag);
	d->nnodes++;
	return n;
}

void
rd_dom_remove(struct rnode *n)
{
	struct rnode *p = n->parent;

	if (p == NULL)
		return;
	mark_stale(p);
	if (n->prev != NULL)
		n->prev->next = n->next;
	else
		p->first = n->next;
	if (n->next != NULL)
		n->next->prev = n->prev;
	else
		p->last = n->prev;
	n->parent = n->prev = n->next = NULL;
}

void
rd_dom_append(struct rnode *parent, struct rnode *child)
{
	rd_dom_remove(child);
	child->parent = parent;
	child->prev = parent->last;
	if (parent->last != NULL)
		parent->last->next = child;
	else
		parent->first = child;
	parent->last = child;
	mark_stale(parent);
}

void
rd_dom_insert_before(struct rnode *parent, struct rnode *child, struct rnode *ref)
{
	if (ref == NULL) {
		rd_dom_append(parent, child);
		return;
	}
	rd_dom_remove(child);
	child->parent = parent;
	child->next = ref;
	child->prev = ref->prev;
	if (ref->prev != NULL)
		ref->prev->next = child;
	else
		parent->first = child;
	ref->prev = child;
	mark_stale(parent);
}

void
rd_dom_replace(struct rnode *old, struct rnode *with)
{
	struct rnode *p = old->parent;

	if (p == NULL)
		return;
	rd_dom_remove(with);
	rd_dom_insert_before(p, with, old);
	rd_dom_remove(old);
}

void
rd_dom_set_tag(struct rnode *n, GumboTag tag)
{
	n->tag = tag;
	n->name = gumbo_normalized_tagname(tag);
	mark_stale(n);
}

const char *
rd_dom_attr(const struct rnode *n, const char *name)
{
	unsigned i;

	for (i = 0; i < n->nattrs; i++)
		if (strcmp(n->attrs[i].name, name) == 0)
			return n->attrs[i].value;
	return NULL;
}

void
rd_dom_set_attr(struct rdoc *d, struct rnode *n, const char *name, const char *value)
{
	struct rattr *a = arena_zalloc(&d->arena, (n->nattrs + 1) * sizeof(*a));
	unsigned i, k = 0;
	bool done = false;

	for (i = 0; i < n->nattrs; i++) {
		a[k] = n->attrs[i];
		if (strcmp(a[k].name, name) == 0) {
			a[k].value = value;
			done = true;
		}
		k++;
	}
	if (!done) {
		a[k].name = name;
		a[k].value = value;
		k++;
	}
	n->attrs = a;
	n->nattrs = k;
	n->embedded_post = rd_prune_is_embedded_post(n);
	mark_stale(n);
}

/* ---- walking ---------------------------------------------------------- */

struct rnode *
rd_dom_first_element(const struct rnode *n)
{
	struct rnode *c;

	for (c = n->first; c != NULL; c = c->next)
		if (!c->is_text)
			return c;
	return NULL;
}

struct rnode *
rd_dom_next_element(const struct rnode *n)
{
	struct rnode *c;

	for (c = n->next; c != NULL; c = c->next)
		if (!c->is_text)
			return c;
	return NULL;
}

struct rnode *
rd_dom_prev_element(const struct rnode *n)
{
	struct rnode *c;

	for (c = n->prev; c != NULL; c = c->prev)
		if (!c->is_text)
			return c;
	return NULL;
}

size_t
rd_dom_element_count(const struct rnode *n)
{
	const struct rnode *c;
	size_t k = 0;

	for (c = n->first; c != NULL; c = c->next)
		k += !c->is_text;
	return k;
}

struct rnode *
rd_dom_next_node(const struct rnode *n, bool skip_children)
{
	struct rnode *x;

	if (!skip_children && (x = rd_dom_first_element(n)) != NULL)
		return x;
	if ((x = rd_dom_next_element(n)) != NULL)
		return x;
	for (n = n->parent; n != NULL; n = n->parent)
		if ((x = rd_dom_next_element(n)) != NULL)
			return x;
	return NULL;
}

struct rnode *
rd_dom_walk(const struct rnode *n, const struct rnode *top)
{
	if (n->first != NULL)
		return n->first;
	while (n != top) {
		if (n->next != NULL)
			return n->next;
		n = n->parent;
	}
	return NULL;
}

size_t
rd_dom_count_tag(const struct rnode *n, GumboTag tag)
{
	const struct rnode *x;
	size_t k = 0;

	for (x = rd_dom_walk(n, n); x != NULL; x = rd_dom_walk(x, n))
		k += !x->is_text && x->tag == tag;
	return k;
}

size_t
rd_dom_collect(const struct rnode *n, const GumboTag *tags, size_t ntags,
    struct rnode ***out)
{
	struct rnode *x, **v = NULL;
	size_t k = 0, cap = 0, i;

	for (x = rd_dom_walk(n, n); x != NULL; x = rd_dom_walk(x, n)) {
		if (x->is_text)
			continue;
		for (i = 0; i < ntags; i++)
			if (x->tag == tags[i])
				break;
		if (i == ntags)
			continue;
		if (k == cap) {
			cap = cap ? cap * 2 : 16;
			v = xreallocarray(v, cap, sizeof(*v));
		}
		v[k++] = x;
	}
	*out = v;
	return k;
}

bool
rd_dom_has_ancestor(const struct rnode *n, GumboTag tag, int max_depth,
    bool (*filter)(const struct rnode *))
{
	int depth = 0;

	for (; n->parent != NULL; n = n->parent, depth++) {
		if (max_depth > 0 && depth > max_depth)
			return false;
		if (n->parent->tag == tag && (filter == NULL || filter(n->parent)))
			return true;
	}
	return false;
}

/* ---- text ------------------------------------------------------------- */

bool
rd_unicode_space(uint32_t cp)
{
	if (cp <= 0x20)
		return cp == ' ' || (cp >= 0x09 && cp <= 0x0d);
	return cp == 0xa0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a) ||
	    cp == 0x2028 || cp == 0x2029 || cp == 0x202f || cp == 0x205f ||
	    cp == 0x3000 || cp == 0xfeff;
}

static bool
is_comma(uint32_t cp)
{
	static const uint32_t commas[] = {
		0x2c, 0x60c, 0xfe50, 0xfe10, 0xfe11, 0x2e41, 0x2e34, 0x2e32, 0xff0c
	};
	size_t i;

	for (i = 0; i < sizeof(commas) / sizeof(commas[0]); i++)
		if (cp == commas[i])
			return true;
	return false;
}

static size_t
next_cp(const char *s, size_t n, uint32_t *cp)
{
	if ((unsigned char)s[0] < 0x80) {
		*cp = (unsigned char)s[0];
		return 1;
	}
	return utf8_decode(s, n, cp);
}

/* Measure a text node once, when it is built. */
static void
measure_text(struct rnode *t)
{
	struct rsum *m = &t->sum;
	size_t i, k, ws = 0;
	bool started = false;
	uint32_t cp;

	memset(m, 0, sizeof(*m));
	m->all_ws = true;
	for (i = 0; i < t->len; i += k) {
		k = next_cp(t->text + i, t->len - i, &cp);
		m->raw_len += cp >= 0x10000 ? 2 : 1;
		if (rd_unicode_space(cp)) {
			if (i == 0)
				m->lead_ws = true;
			ws++;
			continue;
		}
		if (started && ws > 0)
			m->len++;
		ws = 0;
		started = true;
		m->all_ws = false;
		m->len += cp >= 0x10000 ? 2 : 1;
		if (is_comma(cp)) {
			m->commas++;
			m->ascii_commas += cp == ',';
		}
	}
	m->trail_ws = ws > 0;
	m->raw_len += t->ws_cut;
	t->sum_ok = true;
}

bool
rd_dom_div_to_p_block(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_DL: case GUMBO_TAG_DIV:
	case GUMBO_TAG_IMG: case GUMBO_TAG_OL: case GUMBO_TAG_P:
	case GUMBO_TAG_PRE: case GUMBO_TAG_TABLE: case GUMBO_TAG_UL:
		return true;
	default:
		return false;
	}
}

/* Readability's TEXTISH_TAGS: the DIV_TO_P set plus span, li and td. */
static bool
textish_tag(GumboTag t)
{
	return t == GUMBO_TAG_SPAN || t == GUMBO_TAG_LI || t == GUMBO_TAG_TD ||
	    rd_dom_div_to_p_block(t);
}

/* Attributes naming a video host (an <object>'s insides count too). */
static bool
embeds_video(const struct rnode *n)
{
	const struct rnode *x;
	unsigned i;

	for (x = n; x != NULL; x = rd_dom_walk(x, n)) {
		if (x->is_text)
			continue;
		for (i = 0; i < x->nattrs; i++)
			if (rd_rx_match(RX_VIDEO, x->attrs[i].value))
				return true;
		if (n->tag != GUMBO_TAG_OBJECT)
			break;
	}
	return false;
}

static void
add_counts(struct rsum *acc, const struct rsum *c)
{
	acc->raw_len += c->raw_len;
	acc->commas += c->commas;
	acc->ascii_commas += c->ascii_commas;
	acc->link_len += c->link_len;
	acc->heading_len += c->heading_len;
	acc->list_len += c->list_len;
	acc->para_len += c->para_len;
	acc->textish_text = acc->textish_text || c->textish_text;
	acc->video = acc->video || c->video;
	acc->embedded_post = acc->embedded_post || c->embedded_post;
	acc->np += c->np;
	acc->nimg += c->nimg;
	acc->ninput += c->ninput;
	acc->nli += c->nli;
	acc->nembed += c->nembed;
	acc->ntable += c->ntable;
}

const struct rsum *
rd_dom_sum(const struct rnode *cn)
{
	/* the summary is a cache: filling it in does not change the tree */
	struct rnode *n = (struct rnode *)cn, *c;
	struct rsum s;
	bool started = false, pending = false, lead = false;

	if (n->sum_ok)
		return &n->sum;
	memset(&s, 0, sizeof(s));
	for (c = n->first; c != NULL; c = c->next) {
		const struct rsum *cs = rd_dom_sum(c);

		add_counts(&s, cs);
		if (cs->raw_len == 0)
			continue;
		if (cs->all_ws) {
			pending = true;
			lead = lead || !started;
			continue;
		}
		if (!started)
			lead = lead || cs->lead_ws;
		else if (pending || cs->lead_ws)
			s.len++;
		s.len += cs->len;
		started = true;
		pending = cs->trail_ws;
	}
	s.all_ws = !started;
	s.lead_ws = lead;
	s.trail_ws = pending;
	switch (n->tag) {
	case GUMBO_TAG_A: {
		const char *href = rd_dom_attr(n, "href");

		s.link_len = (double)s.len *
		    (href != NULL && href[0] == '#' && href[1] != '\0' ? 0.3 : 1);
		break;
	}
	case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
	case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
		s.heading_len = s.len;
		break;
	case GUMBO_TAG_UL: case GUMBO_TAG_OL:
		s.list_len = s.len;
		break;
	case GUMBO_TAG_P:
		s.np++;
		s.para_len = s.len;
		break;
	case GUMBO_TAG_IMG: s.nimg++; break;
	case GUMBO_TAG_INPUT: s.ninput++; break;
	case GUMBO_TAG_LI: s.nli++; break;
	case GUMBO_TAG_TABLE: s.ntable++; break;
	case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED: case GUMBO_TAG_IFRAME:
		s.nembed++;
		s.video = s.video || embeds_video(n);
		break;
	default:
		break;
	}
	if (textish_tag(n->tag) && started)
		s.textish_text = true;
	/* kept here so that the prune and clean guards ask in O(1) rather
	 * than walking the subtree of every candidate (quadratic in depth) */
	s.embedded_post = s.embedded_post || n->embedded_post;
	n->sum = s;
	n->sum_ok = true;
	return &n->sum;
}

void
rd_dom_desc_sum(const struct rnode *n, struct rsum *out)
{
	const struct rnode *c;

	memset(out, 0, sizeof(*out));
	for (c = n->first; c != NULL; c = c->next)
		add_counts(out, rd_dom_sum(c));
}

void
rd_dom_text_stat(const struct rnode *n, struct text_stat *st)
{
	const struct rsum *s = rd_dom_sum(n);

	st->len = s->all_ws ? 0 : s->len;
	st->raw_len = s->raw_len;
	st->commas = s->commas;
	st->ascii_commas = s->ascii_commas;
}

size_t
rd_dom_text_len(const struct rnode *n)
{
	struct text_stat st;

	rd_dom_text_stat(n, &st);
	return st.len;
}

bool
rd_dom_has_text(const struct rnode *n)
{
	return !rd_dom_sum(n)->all_ws;
}

size_t
rd_dom_utf16_len(const char *s)
{
	size_t n = strlen(s), i, k, len = 0;
	uint32_t cp;

	for (i = 0; i < n; i += k) {
		k = next_cp(s + i, n - i, &cp);
		len += cp >= 0x10000 ? 2 : 1;
	}
	return len;
}

/* The white space a text node starts and ends with, in UTF-16 units, the
 * white space strip_raw left out counted in. */
static void
edge_space(const struct rnode *t, size_t *lead, size_t *trail)
{
	size_t i, k, run = 0;
	bool started = false;
	uint32_t cp;

	*lead = 0;
	for (i = 0; i < t->len; i += k) {
		k = next_cp(t->text + i, t->len - i, &cp);
		if (!rd_unicode_space(cp)) {
			started = true;
			run = 0;
			continue;
		}
		run += cp >= 0x10000 ? 2 : 1;
		if (!started)
			*lead = run;
	}
	*lead += t->ws_cut_lead;
	*trail = run + t->ws_cut_trail;
}

size_t
rd_dom_trimmed_raw_len(const struct rnode *n)
{
	const struct rnode *x;
	size_t all = 0, lead = 0, trail = 0, l, t;
	bool started = false;

	for (x = n; x != NULL; x = rd_dom_walk(x, n)) {
		if (!x->is_text)
			continue;
		all += x->sum.raw_len;
		if (x->sum.all_ws) {
			if (!started)
				lead += x->sum.raw_len;
			trail += x->sum.raw_len;
			continue;
		}
		edge_space(x, &l, &t);
		if (!started)
			lead += l;
		started = true;
		trail = t;
	}
	return started ? all - lead - trail : 0;
}

bool
rd_dom_is_whitespace_text(const struct rnode *n)
{
	return n->is_text && n->sum.all_ws;
}

char *
rd_dom_inner_text(const struct rnode *n, bool normalize)
{
	const struct rnode *x;
	struct tbuf b;
	size_t i, k, ws_start = 0, ws = 0;
	bool started = false;
	uint32_t cp;

	tbuf_init(&b, TEXT_MAX_STRING);
	for (x = n; x != NULL; x = rd_dom_walk(x, n)) {
		if (!x->is_text)
			continue;
		for (i = 0; i < x->len; i += k) {
			k = next_cp(x->text + i, x->len - i, &cp);
			if (rd_unicode_space(cp)) {
				if (ws++ == 0)
					ws_start = b.len;
				if (started && !tbuf_add(&b, x->text + i, k))
					goto out;
				continue;
			}
			if (started && ws > 1 && normalize) {
				b.len = ws_start;
				if (!tbuf_addc(&b, ' '))
					goto out;
			}
			ws = 0;
			started = true;
			if (!tbuf_add(&b, x->text + i, k))
				goto out;
		}
	}
out:
	if (ws > 0 && started)
		b.len = ws_start;
	if (b.ptr != NULL)
		b.ptr[b.len] = '\0';
	return tbuf_take(&b);
}

/* ---- building from gumbo ---------------------------------------------- */

static bool
gumbo_ws_only(const char *s)
{
	uint32_t cp;
	size_t n = strlen(s), i, k;

	for (i = 0; i < n; i += k) {
		k = next_cp(s + i, n - i, &cp);
		if (!rd_unicode_space(cp))
			return false;
	}
	return true;
}

/* Readability's _isSingleImage on gumbo's tree: an <img>, or an element
 * with one element child and no text, down to an <img>. */
static const GumboNode *
gumbo_single_image(const GumboNode *g)
{
	while (g != NULL && g->type == GUMBO_NODE_ELEMENT) {
		const GumboVector *kids = &g->v.element.children;
		const GumboNode *only = NULL;
		unsigned i, nel = 0;

		if (g->v.element.tag == GUMBO_TAG_IMG)
			return g;
		for (i = 0; i < kids->length; i++) {
			const GumboNode *c = kids->data[i];

			if (c->type == GUMBO_NODE_ELEMENT) {
				nel++;
				only = c;
			} else if (c->type == GUMBO_NODE_TEXT ||
			    c->type == GUMBO_NODE_CDATA) {
				if (!gumbo_ws_only(c->v.text.text))
					return NULL;
			}
		}
		if (nel != 1)
			return NULL;
		g = only;
	}
	return NULL;
}

static bool
rnode_single_image(const struct rnode *n)
{
	while (n != NULL) {
		const struct rnode *c, *only = NULL;
		size_t nel = 0;

		if (n->tag == GUMBO_TAG_IMG)
			return true;
		for (c = n->first; c != NULL; c = c->next) {
			if (!c->is_text) {
				nel++;
				only = c;
			} else if (!rd_dom_is_whitespace_text(c)) {
				return false;
			}
		}
		if (nel != 1)
			return false;
		n = only;
	}
	return false;
}

/* An <img> with nothing that could name a picture is a placeholder that
 * Readability drops before anything else. */
static bool
img_is_placeholder(const GumboElement *e)
{
	unsigned i;

	for (i = 0; i < e->attributes.length; i++) {
		const GumboAttribute *a = e->attributes.data[i];
		static const char *const exts[] = { ".jpg", ".jpeg", ".png", ".webp" };
		size_t j;

		if (strcmp(a->name, "src") == 0 || strcmp(a->name, "srcset") == 0 ||
		    strcmp(a->name, "data-src") == 0 ||
		    strcmp(a->name, "data-srcset") == 0)
			return false;
		for (j = 0; j < sizeof(exts) / sizeof(exts[0]); j++)
			if (rd_str_contains_ci(a->value, exts[j]))
				return false;
	}
	return true;
}

static bool
safe_tag_name(const char *s, size_t n)
{
	size_t i;

	if (n == 0)
		return false;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_' || c == ':'))
			return false;
	}
	return true;
}

static struct rnode *
make_element(struct rdoc *d, const GumboNode *g)
{
	const GumboElement *e = &g->v.element;
	struct rnode *n = arena_zalloc(&d->arena, sizeof(*n));
	struct rattr *a;
	unsigned i;

	n->tag = e->tag;
	if (e->tag_namespace != GUMBO_NAMESPACE_HTML &&
	    e->tag != GUMBO_TAG_SVG && e->tag != GUMBO_TAG_MATH)
		n->tag = GUMBO_TAG_UNKNOWN;
	if (n->tag == GUMBO_TAG_FONT)
		n->tag = GUMBO_TAG_SPAN;	/* Readability's prepDocument */
	if (n->tag != GUMBO_TAG_UNKNOWN) {
		n->name = gumbo_normalized_tagname(n->tag);
	} else {
		GumboStringPiece s = e->original_tag;
		char *name;
		size_t j;

		gumbo_tag_from_original_text(&s);
		if (s.data != NULL && safe_tag_name(s.data, s.length)) {
			name = arena_strndup(&d->arena, s.data, s.length);
			for (j = 0; name[j] != '\0'; j++)
				if (name[j] >= 'A' && name[j] <= 'Z')
					name[j] += 'a' - 'A';
			n->name = name;
		} else {
			n->name = "span";
		}
	}
	if (e->attributes.length > 0) {
		a = arena_zalloc(&d->arena, e->attributes.length * sizeof(*a));
		for (i = 0; i < e->attributes.length; i++) {
			const GumboAttribute *ga = e->attributes.data[i];

			a[i].name = ga->name;
			a[i].value = ga->value;
		}
		n->attrs = a;
		n->nattrs = e->attributes.length;
		n->embedded_post = rd_prune_is_embedded_post(n);
	}
	d->nnodes++;
	return n;
}

bool
rd_html_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* The first of d->cuts at an offset past o. */
static size_t
first_cut_after(const struct ws_cuts *c, size_t o)
{
	size_t lo = 0, hi = c->len;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (c->at[mid] <= o)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Give text node n back the white space strip_raw left out of its source
 * (gumbo's original_text): in all, and in its leading and trailing runs.
 * A cut follows the characters kept of its run, so it lies past the
 * node's first byte and at most at its end. */
static void
count_cuts(const struct rdoc *d, struct rnode *n, const GumboText *g)
{
	const char *src = g->original_text.data;
	size_t o, e, lead_end, trail_start, i;

	if (d->cuts.len == 0 || src == NULL || src < d->parsed ||
	    src > d->parsed + d->parsed_len ||
	    g->original_text.length > (size_t)(d->parsed + d->parsed_len - src))
		return;	/* gumbo parsed another copy */
	o = (size_t)(src - d->parsed);
	e = o + g->original_text.length;
	for (lead_end = o; lead_end < e && rd_html_space(d->parsed[lead_end]); lead_end++)
		;
	for (trail_start = e; trail_start > lead_end &&
	    rd_html_space(d->parsed[trail_start - 1]); trail_start--)
		;
	for (i = first_cut_after(&d->cuts, o); i < d->cuts.len && d->cuts.at[i] <= e; i++) {
		n->ws_cut += d->cuts.n[i];
		if (d->cuts.at[i] <= lead_end)
			n->ws_cut_lead += d->cuts.n[i];
		if (d->cuts.at[i] >= trail_start)
			n->ws_cut_trail += d->cuts.n[i];
	}
}

/* A text node of s; g is the gumbo text it is from, or NULL. */
static void
append_text(struct rdoc *d, struct rnode *parent, const char *s,
    const GumboNode *g)
{
	struct rnode *n;

	n = arena_zalloc(&d->arena, sizeof(*n));
	n->is_text = true;
	n->tag = GUMBO_TAG_UNKNOWN;
	n->text = s;
	n->len = strlen(n->text);
	if (g != NULL)
		count_cuts(d, n, &g->v.text);
	measure_text(n);
	d->nnodes++;
	rd_dom_append(parent, n);
}

/* Readability's _unwrapNoscriptImages for one <noscript>: when it holds
 * just an image and the element before it is just an image (a lazy-loading
 * placeholder), the real image replaces the placeholder. */
static void
unwrap_noscript(struct rdoc *d, struct rnode *parent, const GumboNode *g)
{
	const GumboNode *img = gumbo_single_image(g);
	struct rnode *prev;

	if (img == NULL || img == g)
		return;
	for (prev = parent->last; prev != NULL && prev->is_text; prev = prev->prev)
		;
	if (prev == NULL || !rnode_single_image(prev))
		return;
	rd_dom_replace(prev, make_element(d, img));
}

/* The element before the script, white space aside. */
static struct rnode *
last_element(struct rnode *parent)
{
	struct rnode *x = parent->last;

	while (x != NULL && x->is_text && rd_dom_is_whitespace_text(x))
		x = x->prev;
	return x != NULL && !x->is_text ? x : NULL;
}

/*
 * MathJax 2 keeps each formula's TeX in a <script id="MathJax-Element-N">
 * and puts its rendering just before it: a <span id="MathJax-Element-N-
 * Frame"> of glyphs and an accessible MathML copy, after a
 * "MathJax_Preview" span. The script's TeX is the formula; the rendering
 * would say it a second (and third) time, so it goes.
 */
static void
drop_mathjax_rendering(struct rnode *parent, const GumboNode *script)
{
	const GumboAttribute *a = gumbo_get_attribute(&script->v.element.attributes, "id");
	const char *id = a != NULL ? a->value : NULL, *fid;
	struct rnode *x = last_element(parent);
	size_t n;

	if (id == NULL || id[0] == '\0' || x == NULL ||
	    (fid = rd_dom_attr(x, "id")) == NULL)
		return;
	n = strlen(id);
	if (strncmp(fid, id, n) != 0 || strcmp(fid + n, "-Frame") != 0)
		return;
	rd_dom_remove(x);
	if ((x = last_element(parent)) != NULL && rd_prune_has_class(x, "MathJax_Preview"))
		rd_dom_remove(x);
}

/* A formula (MathML, or MathJax's TeX script) is a <span> of its text
 * (html_math_text); any other script is left out. */
static void
append_formula(struct rdoc *d, struct rnode *parent, const GumboNode *g)
{
	char *t = html_math_text(g);
	struct rnode *span;

	if (t == NULL)
		return;
	if (html_is_tex_script(g))
		drop_mathjax_rendering(parent, g);
	span = rd_dom_new_element(d, GUMBO_TAG_SPAN);
	span->formula = true;
	rd_dom_append(parent, span);
	append_text(d, span, arena_strndup(&d->arena, t, strlen(t)), NULL);
	free(t);
}

struct frame {
	const GumboNode *g;
	unsigned i;
	struct rnode *parent;
	unsigned depth;
};

struct rnode *
rd_dom_build(struct rdoc *d, const GumboNode *html)
{
	struct frame *st;
	size_t sp = 0, cap = 64;
	struct rnode *root = make_element(d, html);

	st = xreallocarray(NULL, cap, sizeof(*st));
	st[sp++] = (struct frame){ html, 0, root, 0 };
	while (sp > 0) {
		struct frame *f = &st[sp - 1];
		const GumboVector *kids = &f->g->v.element.children;
		const GumboNode *c;
		struct rnode *parent = f->parent, *n;
		unsigned depth = f->depth;

		if (f->i >= kids->length || d->nnodes >= READABLE_MAX_NODES) {
			sp--;
			continue;
		}
		c = kids->data[f->i++];
		switch (c->type) {
		case GUMBO_NODE_TEXT:
		case GUMBO_NODE_WHITESPACE:
		case GUMBO_NODE_CDATA:
			append_text(d, parent, c->v.text.text, c);
			continue;
		case GUMBO_NODE_ELEMENT:
			break;
		case GUMBO_NODE_DOCUMENT:
		case GUMBO_NODE_COMMENT:
		case GUMBO_NODE_TEMPLATE:
			continue;
		}
		switch (c->v.element.tag) {
		case GUMBO_TAG_MATH:
		case GUMBO_TAG_SCRIPT:
			append_formula(d, parent, c);
			continue;
		case GUMBO_TAG_STYLE:
		case GUMBO_TAG_TEMPLATE:
			continue;
		case GUMBO_TAG_NOSCRIPT:
			unwrap_noscript(d, parent, c);
			continue;
		case GUMBO_TAG_IMG:
			if (img_is_placeholder(&c->v.element))
				continue;
			break;
		default:
			break;
		}
		if (depth < READABLE_MAX_DEPTH) {
			n = make_element(d, c);
			rd_dom_append(parent, n);
			if (c->v.element.tag == GUMBO_TAG_BODY && d->body == NULL)
				d->body = n;
			parent = n;
			depth++;
		}
		/* An iframe's insides are fallback markup that browsers never
		 * render (gumbo gives it as text): the frame is kept, empty. */
		if (c->v.element.tag == GUMBO_TAG_IFRAME)
			continue;
		if (sp == cap) {
			cap *= 2;
			st = xreallocarray(st, cap, sizeof(*st));
		}
		st[sp++] = (struct frame){ c, 0, parent, depth };
	}
	free(st);
	return root;
}

/* ---- serialising ------------------------------------------------------ */

static bool
is_void(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_AREA: case GUMBO_TAG_BASE: case GUMBO_TAG_BR:
	case GUMBO_TAG_COL: case GUMBO_TAG_EMBED: case GUMBO_TAG_HR:
	case GUMBO_TAG_IMG: case GUMBO_TAG_INPUT: case GUMBO_TAG_LINK:
	case GUMBO_TAG_META: case GUMBO_TAG_PARAM: case GUMBO_TAG_SOURCE:
	case GUMBO_TAG_TRACK: case GUMBO_TAG_WBR:
		return true;
	default:
		return false;
	}
}

/* The attributes worth keeping in the article; style, class, id and event
 * handlers go, as Readability's _cleanStyles and _cleanClasses do. */
static const char *const kept_attrs[] = {
	"href", "src", "alt", "title", "colspan", "rowspan", "start",
	"datetime", "lang", "dir", "srcset", "poster", "type"
};

static bool
kept_attr(const char *name)
{
	size_t k;

	for (k = 0; k < sizeof(kept_attrs) / sizeof(kept_attrs[0]); k++)
		if (strcmp(name, kept_attrs[k]) == 0)
			return true;
	return false;
}

static const char *
out_name(const struct rnode *n)
{
	switch (n->tag) {
	case GUMBO_TAG_XMP:
	case GUMBO_TAG_LISTING:
	case GUMBO_TAG_PLAINTEXT:
		return "pre";
	case GUMBO_TAG_IFRAME:
	case GUMBO_TAG_TEXTAREA:
	case GUMBO_TAG_TITLE:
	case GUMBO_TAG_NOEMBED:
	case GUMBO_TAG_NOFRAMES:
		return "div";	/* raw text elements would not parse back */
	default:
		return n->name;
	}
}

static bool
add_escaped(struct tbuf *b, const char *s, size_t n, bool attr)
{
	size_t i, start = 0;

	for (i = 0; i < n; i++) {
		const char *rep;

		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = attr ? "&quot;" : NULL; break;
		default: rep = NULL; break;
		}
		if (rep == NULL)
			continue;
		if (!tbuf_add(b, s + start, i - start) || !tbuf_adds(b, rep))
			return false;
		start = i + 1;
	}
	return tbuf_add(b, s + start, n - start);
}

static bool
open_tag(struct tbuf *b, const struct rnode *n)
{
	unsigned i;

	if (!tbuf_addc(b, '<') || !tbuf_adds(b, out_name(n)))
		return false;
	for (i = 0; i < n->nattrs; i++) {
		const struct rattr *a = &n->attrs[i];

		if (!kept_attr(a->name))
			continue;
		if (!tbuf_addc(b, ' ') || !tbuf_adds(b, a->name) ||
		    !tbuf_add(b, "=\"", 2) ||
		    !add_escaped(b, a->value, strlen(a->value), true) ||
		    !tbuf_addc(b, '"'))
			return false;
	}
	return tbuf_addc(b, '>');
}

static bool
close_tag(struct tbuf *b, const struct rnode *n)
{
	if (n->is_text || is_void(n->tag))
		return true;
	return tbuf_add(b, "</", 2) && tbuf_adds(b, out_name(n)) &&
	    tbuf_addc(b, '>');
}

/* ---- the same tree as gumbo would give it back ------------------------ */

/* The tag a node's serialised name parses back as. */
static GumboTag
reparsed_tag(const struct rnode *n)
{
	const char *name = out_name(n);

	if (n->tag != GUMBO_TAG_UNKNOWN && name == n->name)
		return n->tag;
	return gumbo_tagn_enum(name, (unsigned)strlen(name));
}

/* An element's namespace as parsing gives it: <svg> and <math> open
 * theirs, anything else is in its parent's. */
static GumboNamespaceEnum
reparsed_namespace(GumboTag tag, const GumboNode *parent)
{
	if (tag == GUMBO_TAG_SVG)
		return GUMBO_NAMESPACE_SVG;
	if (tag == GUMBO_TAG_MATH)
		return GUMBO_NAMESPACE_MATHML;
	return parent->v.element.tag_namespace;
}

/* How many nodes n's children become: a run of text nodes is one. */
static unsigned
reparsed_children(const struct rnode *n)
{
	const struct rnode *c;
	unsigned count = 0;
	bool text = false;

	if (is_void(n->tag))
		return 0;
	for (c = n->first; c != NULL; c = c->next) {
		count += !(c->is_text && text);
		text = c->is_text;
	}
	return count;
}

static GumboNode *
mirror_element(struct rdoc *d, const struct rnode *n, GumboTag tag,
    GumboNamespaceEnum ns, unsigned nkids)
{
	GumboNode *g = arena_zalloc(&d->arena, sizeof(*g));
	GumboElement *e = &g->v.element;
	unsigned i, nattrs = n != NULL ? n->nattrs : 0;	/* at most */

	g->type = GUMBO_NODE_ELEMENT;
	e->tag = tag;
	e->tag_namespace = ns;
	if (tag == GUMBO_TAG_UNKNOWN && n != NULL) {	/* its name, as the page had it */
		size_t len = strlen(n->name);
		char *t = arena_alloc(&d->arena, len + 3);

		t[0] = '<';
		memcpy(t + 1, n->name, len);
		memcpy(t + 1 + len, ">", 2);
		e->original_tag.data = t;
		e->original_tag.length = len + 2;
	}
	e->children.data = arena_zalloc(&d->arena, (nkids + 1) * sizeof(void *));
	e->children.capacity = nkids + 1;
	e->attributes.data = arena_zalloc(&d->arena, (nattrs + 1) * sizeof(void *));
	e->attributes.capacity = nattrs + 1;
	for (i = 0; i < nattrs; i++) {
		GumboAttribute *a;

		if (!kept_attr(n->attrs[i].name))
			continue;
		a = arena_zalloc(&d->arena, sizeof(*a));
		a->attr_namespace = GUMBO_ATTR_NAMESPACE_NONE;
		a->name = n->attrs[i].name;
		a->value = n->attrs[i].value;
		e->attributes.data[e->attributes.length++] = a;
	}
	return g;
}

static void
adopt(GumboNode *parent, GumboNode *child)
{
	GumboVector *v = &parent->v.element.children;

	child->parent = parent;
	child->index_within_parent = v->length;
	v->data[v->length++] = child;
}

/* A run of text nodes from *c on as one gumbo text node (NULL when it is
 * empty); *c moves past the run. first_in_pre: the HTML parser drops a
 * line feed right after <pre>. */
static GumboNode *
mirror_text(struct rdoc *d, const struct rnode **c, bool first_in_pre)
{
	const struct rnode *x;
	size_t len = 0, skip;
	GumboNode *g;
	char *t, *p;
	bool space = true;

	for (x = *c; x != NULL && x->is_text; x = x->next)
		len += x->len;
	t = p = arena_alloc(&d->arena, len + 1);
	for (x = *c; x != NULL && x->is_text; x = x->next) {
		memcpy(p, x->text, x->len);
		p += x->len;
	}
	*p = '\0';
	*c = x;
	skip = first_in_pre && t[0] == '\n';
	if (t[skip] == '\0')
		return NULL;
	for (p = t + skip; *p != '\0' && space; p++)
		space = rd_html_space(*p);
	g = arena_zalloc(&d->arena, sizeof(*g));
	g->type = space ? GUMBO_NODE_WHITESPACE : GUMBO_NODE_TEXT;
	g->v.text.text = t + skip;
	return g;
}

struct mirror_frame {
	const struct rnode *next;	/* the source child to mirror next */
	GumboNode *g;			/* the element being filled */
	bool pre;			/* nothing is in it yet and it is a <pre> */
};

/*
 * The document html_parse() would make of rd_dom_serialize_children(top),
 * built directly in the arena: <html><head></head><body>, then top's
 * children with the serialiser's names and attributes, each run of text
 * one node, the line feed after <pre> dropped. The parser's repairs of
 * misnested markup (a <div> inside a <p>...) are not made: the tree is
 * the article as the readable view holds it.
 */
GumboNode *
rd_dom_to_gumbo(struct rdoc *d, const struct rnode *top)
{
	GumboNode *html, *head, *body;
	struct mirror_frame *st;
	size_t sp = 0, cap = 64;

	html = mirror_element(d, NULL, GUMBO_TAG_HTML, GUMBO_NAMESPACE_HTML, 2);
	head = mirror_element(d, NULL, GUMBO_TAG_HEAD, GUMBO_NAMESPACE_HTML, 0);
	body = mirror_element(d, NULL, GUMBO_TAG_BODY, GUMBO_NAMESPACE_HTML,
	    reparsed_children(top));
	adopt(html, head);
	adopt(html, body);
	st = xreallocarray(NULL, cap, sizeof(*st));
	st[sp++] = (struct mirror_frame){ top->first, body, false };
	while (sp > 0) {
		struct mirror_frame *f = &st[sp - 1];
		const struct rnode *c = f->next;
		GumboNode *g;
		GumboTag tag;

		if (c == NULL || is_void(f->g->v.element.tag)) {
			sp--;
			continue;
		}
		if (c->is_text) {
			if ((g = mirror_text(d, &f->next, f->pre)) != NULL)
				adopt(f->g, g);
			f->pre = false;
			continue;
		}
		f->next = c->next;
		f->pre = false;
		tag = reparsed_tag(c);
		g = mirror_element(d, c, tag, reparsed_namespace(tag, f->g),
		    reparsed_children(c));
		adopt(f->g, g);
		if (sp == cap) {
			cap *= 2;
			st = xreallocarray(st, cap, sizeof(*st));
		}
		st[sp++] = (struct mirror_frame){ c->first, g, tag == GUMBO_TAG_PRE };
	}
	free(st);
	return html;
}

char *
rd_dom_serialize_children(const struct rnode *top)
{
	const struct rnode *n = top->first;
	struct tbuf b;

	tbuf_init(&b, TEXT_MAX_STRING);
	while (n != NULL) {
		bool ok;

		if (n->is_text)
			ok = add_escaped(&b, n->text, n->len, false);
		else
			ok = open_tag(&b, n);
		if (!ok)
			break;
		if (!n->is_text && n->first != NULL && !is_void(n->tag)) {
			n = n->first;
			continue;
		}
		/* leave n, then every ancestor that has no next sibling */
		if (!close_tag(&b, n))
			break;
		while (n != top && n->next == NULL) {
			n = n->parent;
			if (n == top || !close_tag(&b, n))
				break;
		}
		if (n == top)
			break;
		n = n->next;
	}
	return tbuf_take(&b);
}
