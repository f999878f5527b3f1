/*
 * readable/clean.c: cleaning the chosen content, after Mozilla
 * Readability's _prepArticle: forms, embeds that are not videos, footers,
 * asides, share widgets, form controls and low-weight headers go; tables,
 * lists and divs that look like navigation or ads (few commas, many links,
 * images or inputs, no text) go unless they hold a table of data; the
 * remaining h1s become h2s (the title is shown apart), empty paragraphs
 * and single-cell layout tables dissolve.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "readable.h"
#include "readable_private.h"

#define SHARE_MAX_TEXT 500	/* share widgets are short; a long match is content */
#define COMMAS_FOR_CONTENT 10	/* this many commas and a block is kept as prose */
#define STORY_SHARE 2		/* an aside with 1/STORY_SHARE of the <p> text is the story */
#define AD_WORD_MAX 16		/* characters of "advertisement", "loading..." */

/* ---- data tables ------------------------------------------------------ */

static void
table_size(const struct rnode *table, size_t *rows, size_t *cols)
{
	static const GumboTag tr_tag[] = { GUMBO_TAG_TR };
	static const GumboTag td_tag[] = { GUMBO_TAG_TD };
	struct rnode **trs, **tds;
	size_t ntr, ntd, i, j;

	*rows = *cols = 0;
	ntr = rd_dom_collect(table, tr_tag, 1, &trs);
	for (i = 0; i < ntr; i++) {
		const char *rs = rd_dom_attr(trs[i], "rowspan");
		long span = rs != NULL ? strtol(rs, NULL, 10) : 0;
		size_t c = 0;

		*rows += span > 0 && span < 65536 ? (size_t)span : 1;
		ntd = rd_dom_collect(trs[i], td_tag, 1, &tds);
		for (j = 0; j < ntd; j++) {
			const char *cs = rd_dom_attr(tds[j], "colspan");
			long cspan = cs != NULL ? strtol(cs, NULL, 10) : 0;

			c += cspan > 0 && cspan < 65536 ? (size_t)cspan : 1;
		}
		free(tds);
		if (c > *cols)
			*cols = c;
	}
	free(trs);
}

static bool
is_data_table(const struct rnode *t)
{
	static const GumboTag data_tags[] = {
		GUMBO_TAG_COL, GUMBO_TAG_COLGROUP, GUMBO_TAG_TFOOT,
		GUMBO_TAG_THEAD, GUMBO_TAG_TH
	};
	const char *role = rd_dom_attr(t, "role"), *dt = rd_dom_attr(t, "datatable");
	const char *summary = rd_dom_attr(t, "summary");
	size_t i, rows, cols;

	if (role != NULL && strcmp(role, "presentation") == 0)
		return false;
	if (dt != NULL && strcmp(dt, "0") == 0)
		return false;
	if (summary != NULL && summary[0] != '\0')
		return true;
	{
		static const GumboTag cap_tag[] = { GUMBO_TAG_CAPTION };
		struct rnode **caps;
		size_t ncap = rd_dom_collect(t, cap_tag, 1, &caps);
		bool has = ncap > 0 && caps[0]->first != NULL;

		free(caps);
		if (has)
			return true;
	}
	for (i = 0; i < sizeof(data_tags) / sizeof(data_tags[0]); i++)
		if (rd_dom_count_tag(t, data_tags[i]) > 0)
			return true;
	if (rd_dom_count_tag(t, GUMBO_TAG_TABLE) > 0)
		return false;
	table_size(t, &rows, &cols);
	if (rows == 1 || cols == 1)
		return false;
	if (rows >= 10 || cols > 4)
		return true;
	return rows * cols > 10;
}

static void
mark_data_tables(struct rnode *root)
{
	static const GumboTag table_tag[] = { GUMBO_TAG_TABLE };
	struct rnode **v;
	size_t n = rd_dom_collect(root, table_tag, 1, &v), i;

	for (i = 0; i < n; i++)
		v[i]->datatable = is_data_table(v[i]);
	free(v);
}

static bool
datatable_filter(const struct rnode *n)
{
	return n->datatable;
}

/* ---- lazy images ------------------------------------------------------ */

static bool
image_ext(const char *s, size_t n)
{
	static const char *const exts[] = { ".jpg", ".jpeg", ".png", ".webp" };
	size_t i, k;

	for (i = 0; i < n; i++) {
		if (s[i] != '.')
			continue;
		for (k = 0; k < sizeof(exts) / sizeof(exts[0]); k++)
			if (strncasecmp(s + i, exts[k], strlen(exts[k])) == 0)
				return true;
	}
	return false;
}

/* "a.jpg 2x, b.jpg 3x": an image extension followed by space and a digit */
static bool
looks_like_srcset(const char *v)
{
	const char *p;

	for (p = strchr(v, '.'); p != NULL; p = strchr(p + 1, '.')) {
		static const char *const exts[] = { ".jpg", ".jpeg", ".png", ".webp" };
		size_t k;

		for (k = 0; k < sizeof(exts) / sizeof(exts[0]); k++) {
			size_t l = strlen(exts[k]);
			const char *q = p + l;

			if (strncasecmp(p, exts[k], l) != 0)
				continue;
			if (*q != ' ' && *q != '\t' && *q != '\n')
				continue;
			while (*q == ' ' || *q == '\t' || *q == '\n')
				q++;
			if (*q >= '0' && *q <= '9')
				return true;
		}
	}
	return false;
}

/* one URL-ish word with an image extension */
static bool
looks_like_src(const char *v)
{
	size_t n;

	while (*v == ' ' || *v == '\t' || *v == '\n')
		v++;
	n = strcspn(v, " \t\n");
	if (n == 0 || v[n + strspn(v + n, " \t\n")] != '\0')
		return false;
	return image_ext(v, n);
}

/* Readability's _fixLazyImages: images whose real address is in a data-*
 * attribute get it as src or srcset. */
static void
fix_lazy_images(struct rdoc *d, struct rnode *root)
{
	static const GumboTag tags[] = { GUMBO_TAG_IMG, GUMBO_TAG_FIGURE };
	struct rnode **v;
	size_t n = rd_dom_collect(root, tags, 2, &v), i;
	unsigned j;

	for (i = 0; i < n; i++) {
		struct rnode *e = v[i];
		const char *src = rd_dom_attr(e, "src"), *srcset = rd_dom_attr(e, "srcset");
		const char *cls = rd_dom_attr(e, "class");

		if (((src != NULL && src[0] != '\0') ||
		    (srcset != NULL && srcset[0] != '\0' && strcmp(srcset, "null") != 0)) &&
		    (cls == NULL || !rd_str_contains_ci(cls, "lazy")))
			continue;
		for (j = 0; j < e->nattrs; j++) {
			const char *name = e->attrs[j].name, *val = e->attrs[j].value;
			const char *to = NULL;

			if (strcmp(name, "src") == 0 || strcmp(name, "srcset") == 0 ||
			    strcmp(name, "alt") == 0)
				continue;
			if (looks_like_srcset(val))
				to = "srcset";
			else if (looks_like_src(val))
				to = "src";
			if (to == NULL)
				continue;
			if (e->tag == GUMBO_TAG_IMG) {
				rd_dom_set_attr(d, e, to, val);
			} else if (rd_dom_count_tag(e, GUMBO_TAG_IMG) == 0) {
				struct rnode *img = rd_dom_new_element(d, GUMBO_TAG_IMG);

				rd_dom_set_attr(d, img, to, val);
				rd_dom_append(e, img);
			}
		}
	}
	free(v);
}

/* ---- removing --------------------------------------------------------- */

/* A 1x1 (or 0x0) image is a tracking pixel, not a picture. */
static void
drop_tracking_pixels(struct rnode *root)
{
	static const GumboTag img_tag[] = { GUMBO_TAG_IMG };
	struct rnode **v;
	size_t n = rd_dom_collect(root, img_tag, 1, &v), i;

	for (i = 0; i < n; i++) {
		const char *w = rd_dom_attr(v[i], "width"), *h = rd_dom_attr(v[i], "height");

		if (w != NULL && h != NULL && strtol(w, NULL, 10) <= 1 &&
		    strtol(h, NULL, 10) <= 1 && (w[0] >= '0' && w[0] <= '9') &&
		    (h[0] >= '0' && h[0] <= '9'))
			rd_dom_remove(v[i]);
	}
	free(v);
}

/* Remove every descendant with this tag (videos stay; so does an aside or
 * footer holding 1/STORY_SHARE of the paragraph text or more: pages put
 * the story itself in an <aside>, and removing it would leave no article;
 * a sidebar is lists and links, not paragraphs). */
static void
clean_tag(struct rnode *root, GumboTag tag)
{
	struct rnode **v;
	size_t n = rd_dom_collect(root, &tag, 1, &v), i;
	bool embed = tag == GUMBO_TAG_OBJECT || tag == GUMBO_TAG_EMBED ||
	    tag == GUMBO_TAG_IFRAME;
	bool box = tag == GUMBO_TAG_ASIDE || tag == GUMBO_TAG_FOOTER;

	for (i = n; i-- > 0;) {
		if (embed && rd_dom_sum(v[i])->video)
			continue;
		if (box && rd_dom_sum(v[i])->para_len * STORY_SHARE >=
		    rd_dom_sum(root)->para_len && rd_dom_sum(v[i])->para_len > 0)
			continue;
		rd_dom_remove(v[i]);
	}
	free(v);
}

static bool
word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

/* (\b|_)(share|sharedaddy)(\b|_), case-insensitive */
static bool
share_match(const char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++) {
		size_t end;

		if (strncasecmp(s + i, "share", 5) != 0)
			continue;
		if (i > 0 && word_char(s[i - 1]))
			continue;
		end = i + 5;
		if (!word_char(s[end]))
			return true;
		if (strncasecmp(s + end, "daddy", 5) == 0 && !word_char(s[end + 5]))
			return true;
	}
	return false;
}

static void
clean_share(struct rnode *top)
{
	struct rnode *end = rd_dom_next_node(top, true);
	struct rnode *n = rd_dom_next_node(top, false);

	while (n != NULL && n != end) {
		const char *cls = rd_dom_attr(n, "class"), *id = rd_dom_attr(n, "id");
		struct text_stat st;

		if ((cls != NULL && share_match(cls)) || (id != NULL && share_match(id))) {
			rd_dom_text_stat(n, &st);
			if (st.raw_len < SHARE_MAX_TEXT) {
				struct rnode *next = rd_dom_next_node(n, true);

				rd_dom_remove(n);
				n = next;
				continue;
			}
		}
		n = rd_dom_next_node(n, false);
	}
}

static void
clean_headers(struct grab *g, struct rnode *root)
{
	static const GumboTag tags[] = { GUMBO_TAG_H1, GUMBO_TAG_H2 };
	struct rnode **v;
	size_t n = rd_dom_collect(root, tags, 2, &v), i;

	for (i = n; i-- > 0;)
		if (rd_grab_class_weight(g, v[i]) < 0)
			rd_dom_remove(v[i]);
	free(v);
}

/* ---- conditional cleaning --------------------------------------------- */

/* Text that is only the word "advertisement" or "loading...". */
static bool
ad_or_loading(const char *t)
{
	static const char *const words[] = {
		"ad", "advertising", "advertisement", "pub", "publicit\xc3\xa9",
		"werb", "werbung", "\xe5\xb9\xbf\xe5\x91\x8a",
		"\xd0\xa0\xd0\xb5\xd0\xba\xd0\xbb\xd0\xb0\xd0\xbc\xd0\xb0",
		"\xd1\x80\xd0\xb5\xd0\xba\xd0\xbb\xd0\xb0\xd0\xbc\xd0\xb0",
		"anuncio"
	};
	static const char *const loading[] = {
		"loading", "\xe6\xad\xa3\xe5\x9c\xa8\xe5\x8a\xa0\xe8\xbd\xbd",
		"\xd0\x97\xd0\xb0\xd0\xb3\xd1\x80\xd1\x83\xd0\xb7\xd0\xba\xd0\xb0",
		"\xd0\xb7\xd0\xb0\xd0\xb3\xd1\x80\xd1\x83\xd0\xb7\xd0\xba\xd0\xb0",
		"chargement", "cargando"
	};
	size_t i, n = strlen(t);

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcasecmp(t, words[i]) == 0)
			return true;
	for (i = 0; i < sizeof(loading) / sizeof(loading[0]); i++) {
		size_t l = strlen(loading[i]);

		if (n < l || strncasecmp(t, loading[i], l) != 0)
			continue;
		if (t[l] == '\0' || strcmp(t + l, "...") == 0 ||
		    strcmp(t + l, "\xe2\x80\xa6") == 0)
			return true;
	}
	return false;
}

struct cond {
	size_t p, img, input, embeds, li;
	size_t len, commas;
	double link_density, heading_density;
	bool textish;		/* some text inside span/li/td/div/p/... */
	bool video;
};

static void
measure(const struct rnode *node, struct cond *c)
{
	struct rsum d;
	struct text_stat st;

	rd_dom_desc_sum(node, &d);
	rd_dom_text_stat(node, &st);
	memset(c, 0, sizeof(*c));
	c->p = d.np;
	c->img = d.nimg;
	c->input = d.ninput;
	c->li = d.nli;
	c->embeds = d.nembed;
	c->video = d.video;
	c->len = st.len;
	c->commas = st.ascii_commas;
	c->link_density = st.len == 0 ? 0 : d.link_len / (double)st.len;
	c->heading_density = st.len == 0 ? 0 :
	    (double)d.heading_len / (double)st.len;
	c->textish = st.len > 0 && d.textish_text;
}

/* Is nine tenths of the text in lists? (the outermost ul/ol inside) */
static bool
list_mostly(const struct rnode *node)
{
	struct rsum d;
	size_t len = rd_dom_text_len(node);

	rd_dom_desc_sum(node, &d);
	return len > 0 && (double)d.list_len / (double)len > 0.9;
}

/* Should this table, list, div or form go? (Readability's
 * _cleanConditionally for one node.) */
static bool
fishy(struct grab *g, struct rnode *node, GumboTag tag)
{
	bool is_list = tag == GUMBO_TAG_UL || tag == GUMBO_TAG_OL;
	bool fig, remove = false;
	struct cond c;
	int weight;
	const struct rnode *x;

	if (!is_list)
		is_list = list_mostly(node);
	if (tag == GUMBO_TAG_TABLE && node->datatable)
		return false;
	if (rd_dom_has_ancestor(node, GUMBO_TAG_TABLE, -1, datatable_filter))
		return false;
	if (rd_dom_has_ancestor(node, GUMBO_TAG_CODE, 3, NULL))
		return false;
	/* a post embedded from elsewhere, or data: the subtree summary says
	 * whether to look, so nested candidates are not walked again and again */
	if (rd_dom_sum(node)->embedded_post)
		return false;
	for (x = node; rd_dom_sum(node)->ntable > 0 && x != NULL;
	    x = rd_dom_walk(x, node))
		if (!x->is_text && x->tag == GUMBO_TAG_TABLE && x->datatable)
			return false;
	weight = rd_grab_class_weight(g, node);
	if (weight < 0)
		return true;
	measure(node, &c);
	if (c.commas >= COMMAS_FOR_CONTENT)
		return false;
	if (c.video)
		return false;
	if (c.len <= AD_WORD_MAX) {
		char *text = rd_dom_inner_text(node, true);
		bool ad = ad_or_loading(text);

		free(text);
		if (ad)
			return true;
	}
	fig = rd_dom_has_ancestor(node, GUMBO_TAG_FIGURE, 3, NULL);
	if (!fig && c.img > 1 && (double)c.p / (double)c.img < 0.5)
		remove = true;
	else if (!is_list && c.li > 100 && c.li - 100 > c.p)
		remove = true;
	else if (c.input > c.p / 3)
		remove = true;
	else if (!is_list && !fig && c.heading_density < 0.9 && c.len < 25 &&
	    (c.img == 0 || c.img > 2) && c.link_density > 0)
		remove = true;
	else if (!is_list && weight < 25 && c.link_density > 0.2)
		remove = true;
	else if (weight >= 25 && c.link_density > 0.5)
		remove = true;
	else if ((c.embeds == 1 && c.len < 75) || c.embeds > 1)
		remove = true;
	else if (c.img == 0 && !c.textish)
		remove = true;

	/* a list of images may stay */
	if (is_list && remove) {
		const struct rnode *k;

		for (k = rd_dom_first_element(node); k != NULL; k = rd_dom_next_element(k))
			if (rd_dom_element_count(k) > 1)
				return true;
		if (c.img == c.li)
			return false;
	}
	return remove;
}

static void
clean_conditionally(struct grab *g, struct rnode *root, GumboTag tag)
{
	struct rnode **v;
	size_t n, i;

	if (!(g->flags & FLAG_CLEAN_CONDITIONALLY))
		return;
	n = rd_dom_collect(root, &tag, 1, &v);
	for (i = n; i-- > 0;)
		if (v[i]->parent != NULL && fishy(g, v[i], tag))
			rd_dom_remove(v[i]);
	free(v);
}

/* ---- tidying ---------------------------------------------------------- */

static void
drop_empty_paragraphs(struct rnode *root)
{
	static const GumboTag p_tag[] = { GUMBO_TAG_P };
	struct rnode **v;
	size_t n = rd_dom_collect(root, p_tag, 1, &v), i;

	for (i = n; i-- > 0;) {
		const struct rnode *x;
		bool media = false;

		for (x = rd_dom_walk(v[i], v[i]); x != NULL && !media; x = rd_dom_walk(x, v[i]))
			media = !x->is_text && (x->tag == GUMBO_TAG_IMG ||
			    x->tag == GUMBO_TAG_EMBED || x->tag == GUMBO_TAG_OBJECT ||
			    x->tag == GUMBO_TAG_IFRAME);
		if (!media && rd_dom_text_len(v[i]) == 0)
			rd_dom_remove(v[i]);
	}
	free(v);
}

static void
drop_br_before_p(struct rnode *root)
{
	static const GumboTag br_tag[] = { GUMBO_TAG_BR };
	struct rnode **v;
	size_t n = rd_dom_collect(root, br_tag, 1, &v), i;

	for (i = 0; i < n; i++) {
		struct rnode *next = v[i]->next;

		while (next != NULL && rd_dom_is_whitespace_text(next))
			next = next->next;
		if (next != NULL && !next->is_text && next->tag == GUMBO_TAG_P)
			rd_dom_remove(v[i]);
	}
	free(v);
}

static void
dissolve_single_cell_tables(struct rnode *root)
{
	static const GumboTag table_tag[] = { GUMBO_TAG_TABLE };
	struct rnode **v;
	size_t n = rd_dom_collect(root, table_tag, 1, &v), i;

	for (i = 0; i < n; i++) {
		struct rnode *t = v[i], *body = t, *row, *cell, *c;
		bool phrasing = true;

		if (rd_grab_single_tag_inside(t, GUMBO_TAG_TBODY))
			body = rd_dom_first_element(t);
		if (!rd_grab_single_tag_inside(body, GUMBO_TAG_TR))
			continue;
		row = rd_dom_first_element(body);
		if (!rd_grab_single_tag_inside(row, GUMBO_TAG_TD))
			continue;
		cell = rd_dom_first_element(row);
		for (c = cell->first; c != NULL && phrasing; c = c->next)
			phrasing = rd_grab_is_phrasing(c);
		rd_dom_set_tag(cell, phrasing ? GUMBO_TAG_P : GUMBO_TAG_DIV);
		if (t->parent != NULL)
			rd_dom_replace(t, cell);
	}
	free(v);
}

static void
rename_all(struct rnode *root, GumboTag from, GumboTag to)
{
	struct rnode *x;

	for (x = rd_dom_walk(root, root); x != NULL; x = rd_dom_walk(x, root))
		if (!x->is_text && x->tag == from)
			rd_dom_set_tag(x, to);
}

void
rd_clean_article(struct grab *g, struct rnode *article)
{
	struct rnode *c;
	static const GumboTag junk[] = {
		GUMBO_TAG_OBJECT, GUMBO_TAG_EMBED, GUMBO_TAG_FOOTER,
		GUMBO_TAG_LINK, GUMBO_TAG_ASIDE
	};
	static const GumboTag controls[] = {
		GUMBO_TAG_IFRAME, GUMBO_TAG_INPUT, GUMBO_TAG_TEXTAREA,
		GUMBO_TAG_SELECT, GUMBO_TAG_BUTTON
	};
	size_t i;

	mark_data_tables(article);
	fix_lazy_images(g->doc, article);
	drop_tracking_pixels(article);
	clean_conditionally(g, article, GUMBO_TAG_FORM);
	clean_conditionally(g, article, GUMBO_TAG_FIELDSET);
	for (i = 0; i < sizeof(junk) / sizeof(junk[0]); i++)
		clean_tag(article, junk[i]);
	for (c = rd_dom_first_element(article); c != NULL; c = rd_dom_next_element(c))
		clean_share(c);
	for (i = 0; i < sizeof(controls) / sizeof(controls[0]); i++)
		clean_tag(article, controls[i]);
	clean_headers(g, article);
	clean_conditionally(g, article, GUMBO_TAG_TABLE);
	clean_conditionally(g, article, GUMBO_TAG_UL);
	clean_conditionally(g, article, GUMBO_TAG_DIV);
	rename_all(article, GUMBO_TAG_H1, GUMBO_TAG_H2);
	drop_empty_paragraphs(article);
	drop_br_before_p(article);
	dissolve_single_cell_tables(article);
}
