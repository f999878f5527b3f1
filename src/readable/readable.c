/*
 * readable/readable.c: the module's entry point. Decode the page, drop the
 * bytes no reader needs before gumbo sees them (script and style bodies,
 * comments: half of a modern page, and gumbo's time is proportional to
 * its input), parse, read the metadata, run Readability's search with
 * looser flags until it finds enough text, and write the article out as
 * HTML with absolute links.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "feed.h"
#include "html.h"
#include "url.h"
#include "readable.h"
#include "readable_private.h"

_Static_assert(READABLE_NO_DATE == FEED_NO_DATE, "one 'no date' value");

#define CHARSET_SCAN 4096	/* bytes searched for <meta charset> */
#define CHARSET_NAME_MAX 40
#define MAX_ATTEMPTS 4		/* all flags, then each one dropped */
#define TEXT_RUN_CUT 2		/* characters kept of a run of white space
				   with a line break, outside <pre> */

const char *
readable_strerror(enum readable_result r)
{
	switch (r) {
	case READABLE_OK:
		return "ok";
	case READABLE_TOO_LARGE:
		return "page too large";
	case READABLE_NOT_HTML:
		return "not an HTML page";
	case READABLE_NO_CONTENT:
		return "no article text found on the page";
	}
	return "unknown error";
}

/* ---- decoding --------------------------------------------------------- */

/* Content types that are surely not a page to read. */
static const char *const not_html_types[] = {
	"image/", "audio/", "video/", "font/", "application/pdf",
	"application/zip", "application/gzip"
};

static bool
surely_not_html(const char *content_type)
{
	size_t i;

	if (content_type == NULL)
		return false;
	while (*content_type == ' ' || *content_type == '\t')
		content_type++;
	for (i = 0; i < sizeof(not_html_types) / sizeof(not_html_types[0]); i++)
		if (strncasecmp(content_type, not_html_types[i],
		    strlen(not_html_types[i])) == 0)
			return true;
	return false;
}

/* <meta charset=...> or <meta http-equiv content="...; charset=...">
 * near the start of the page. */
static bool
meta_charset(const char *s, size_t n, char *out, size_t size)
{
	size_t i, end, lim = n < CHARSET_SCAN ? n : CHARSET_SCAN;

	for (i = 0; i + 5 < lim; i++) {
		if (s[i] != '<' || strncasecmp(s + i + 1, "meta", 4) != 0)
			continue;
		for (end = i; end < n && s[end] != '>'; end++)
			;
		if (text_find_label(s + i, end - i, "charset", out, size))
			return true;
	}
	return false;
}

/* s[0..n) converted from the charset labelled so; NULL when the label is
 * UTF-8 (the caller knows the bytes are not) or unknown to iconv. */
static char *
convert(const char *s, size_t n, const char *label)
{
	char *out = NULL;

	/* text_to_utf8 reads labels as browsers do (latin1 is windows-1252) */
	if (text_charset_is(label, "utf-8") || text_charset_is(label, "utf8"))
		return NULL;
	if (text_to_utf8(s, n, label, 4 * (size_t)READABLE_MAX_INPUT, &out) != TEXT_OK)
		return NULL;
	return out;
}

/* The page as UTF-8: *out is s itself (nothing to free, *owned NULL) or a
 * converted copy (*owned is it). */
static void
decode(const char *s, size_t n, const char *content_type, const char **out,
    size_t *outlen, char **owned)
{
	char label[CHARSET_NAME_MAX] = "";
	char *conv = NULL;

	*owned = NULL;
	if (utf8_valid(s, n)) {
		if (n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
			s += 3;
			n -= 3;
		}
		*out = s;
		*outlen = n;
		return;
	}
	/* The header, a BOM, the page's own <meta>: the first label that
	 * names a charset iconv knows. A UTF-8 label on bytes that are not
	 * UTF-8 is plainly wrong and skipped; nothing left means
	 * windows-1252, as browsers do. */
	if (content_type != NULL &&
	    text_find_label(content_type, strlen(content_type), "charset", label,
	    sizeof(label)))
		conv = convert(s, n, label);
	if (conv == NULL && n >= 2 && (unsigned char)s[0] == 0xfe &&
	    (unsigned char)s[1] == 0xff)
		conv = convert(s, n, "utf-16be");
	if (conv == NULL && n >= 2 && (unsigned char)s[0] == 0xff &&
	    (unsigned char)s[1] == 0xfe)
		conv = convert(s, n, "utf-16le");
	if (conv == NULL && meta_charset(s, n, label, sizeof(label)) &&
	    strncasecmp(label, "utf-16", 6) != 0)
		conv = convert(s, n, label);
	if (conv == NULL)
		conv = convert(s, n, "windows-1252");
	if (conv == NULL)
		conv = utf8_repair(s, n);
	*owned = conv;
	*out = conv;
	*outlen = strlen(conv);
}

/* ---- dropping script bodies and comments ------------------------------ */

/* Whether the tag name at s is name (lower case). Every tag of a page is
 * tried against a dozen names: the first letter settles most. */
static bool
tag_is(const char *s, const char *end, const char *name)
{
	size_t l;

	if (s >= end || (*s | 0x20) != name[0])
		return false;
	l = strlen(name);
	if ((size_t)(end - s) <= l || strncasecmp(s, name, l) != 0)
		return false;
	return s[l] == '>' || s[l] == '/' || s[l] == ' ' || s[l] == '\t' ||
	    s[l] == '\n' || s[l] == '\r' || s[l] == '\f';
}

/* The '>' ending the start tag that begins at s, skipping quoted values. */
static const char *
tag_end(const char *s, const char *end)
{
	while (s < end && *s != '>') {
		if (*s == '=') {
			s++;
			while (s < end && (*s == ' ' || *s == '\t' || *s == '\n'))
				s++;
			if (s < end && (*s == '"' || *s == '\'')) {
				const char *q = memchr(s + 1, *s, (size_t)(end - s - 1));

				if (q == NULL)
					return NULL;
				s = q + 1;
				continue;
			}
			continue;
		}
		s++;
	}
	return s < end ? s : NULL;
}

/* The "</name" that closes a raw text element, or end. */
static const char *
raw_close(const char *s, const char *end, const char *name)
{
	for (; s < end; s++) {
		s = memchr(s, '<', (size_t)(end - s));
		if (s == NULL)
			return end;
		if (s + 1 < end && s[1] == '/' && tag_is(s + 2, end, name))
			return s;
	}
	return end;
}

static bool
copy(struct tbuf *b, const char *s, const char *e)
{
	return tbuf_add(b, s, (size_t)(e - s));
}

/*
 * Copy the text s..e, each run of white space that holds a line break cut
 * to its first two characters (a CR LF pair counts as one, as gumbo reads
 * it). gumbo turns every character of text into a token of its own, and
 * the indentation between tags is a quarter of a page's bytes; a run kept
 * two long still collapses to one space and still counts as a run of
 * several, so what the page says and how it is scored do not change.
 */
static void
add_cut(struct ws_cuts *c, size_t at, const char *s, const char *e)
{
	uint32_t n = 0;

	for (; s < e; s++)	/* gumbo reads CR LF as one character */
		n += !(s[0] == '\r' && s + 1 < e && s[1] == '\n');
	if (c->len == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 256;
		c->at = xreallocarray(c->at, c->cap, sizeof(*c->at));
		c->n = xreallocarray(c->n, c->cap, sizeof(*c->n));
	}
	c->at[c->len] = at;
	c->n[c->len++] = n;
}

static bool
copy_text(struct tbuf *b, const char *s, const char *e, struct ws_cuts *cuts)
{
	const char *done = s, *p = s;

	while (p < e) {
		const char *run, *cut;
		bool newline = false;
		int keep;

		if (!rd_html_space(*p)) {
			p++;
			continue;
		}
		for (run = p; p < e && rd_html_space(*p); p++)
			newline = newline || *p == '\n' || *p == '\r';
		if (!newline || p - run < TEXT_RUN_CUT + 1)
			continue;
		for (cut = run, keep = 0; keep < TEXT_RUN_CUT && cut < p; keep++)
			cut += cut[0] == '\r' && cut + 1 < p && cut[1] == '\n' ? 2 : 1;
		if (cut == p)
			continue;
		if (!copy(b, done, cut))
			return false;
		add_cut(cuts, b->len, cut, p);
		done = p;
	}
	return copy(b, done, e);
}

/* Elements whose content is text to the HTML tokenizer, not markup: a
 * "<script" inside them is no tag. */
static const char *const raw_text_tags[] = {
	"textarea", "title", "xmp", "iframe", "noembed", "noframes"
};

/* A copy of the page without comments, without the bodies of scripts
 * (JSON-LD excepted), styles and inline <svg>s (icons and charts whose
 * path data is a tenth of a page's markup, and which no view shows), and
 * with the indentation between its tags cut short (copy_text). It steps
 * over whole tags, quoted attribute values included, and over the text of
 * raw text elements, the way the tokenizer will; anything it cannot read
 * is left to gumbo. */
static char *
strip_raw(const char *s, size_t n, size_t *outlen, struct ws_cuts *cuts)
{
	const char *p = s, *end = s + n, *lt;
	struct tbuf b;
	size_t pre = 0;	/* open <pre> and <listing>: white space is text */

	tbuf_init(&b, n + 1);
	while (p < end && (lt = memchr(p, '<', (size_t)(end - p))) != NULL) {
		const char *gt, *name = NULL;
		char c = lt + 1 < end ? lt[1] : '\0';
		size_t i;

		if (!(pre > 0 ? copy(&b, p, lt) : copy_text(&b, p, lt, cuts)))
			goto fail;
		if (end - lt >= 4 && memcmp(lt, "<!--", 4) == 0) {
			const char *k = lt + 4;

			if (k < end && *k == '>')
				p = k + 1;
			else if (end - k >= 2 && memcmp(k, "->", 2) == 0)
				p = k + 2;
			else {
				for (; k + 2 < end; k++)
					if (k[0] == '-' && k[1] == '-' && k[2] == '>')
						break;
				p = k + 2 < end ? k + 3 : end;
			}
			continue;
		}
		if (c == '!' || c == '?') {	/* doctype, bogus comment */
			gt = memchr(lt, '>', (size_t)(end - lt));
			p = gt != NULL ? gt + 1 : end;
			if (!copy(&b, lt, p))
				goto fail;
			continue;
		}
		if (!(c == '/' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
			if (!tbuf_addc(&b, '<'))
				goto fail;
			p = lt + 1;
			continue;
		}
		if ((gt = tag_end(lt + 1, end)) == NULL) {
			p = lt;
			break;	/* an unfinished tag: the rest as it is */
		}
		if (!copy(&b, lt, gt + 1))
			goto fail;
		p = gt + 1;
		if (c == '/') {
			if (pre > 0 && (tag_is(lt + 2, end, "pre") ||
			    tag_is(lt + 2, end, "listing")))
				pre--;
			continue;
		}
		if (tag_is(lt + 1, end, "pre") || tag_is(lt + 1, end, "listing"))
			pre++;
		if (tag_is(lt + 1, end, "plaintext")) {
			break;	/* all the rest is text */
		} else if (tag_is(lt + 1, end, "svg") && gt[-1] != '/') {
			p = raw_close(gt + 1, end, "svg");
			continue;
		} else if (tag_is(lt + 1, end, "script") || tag_is(lt + 1, end, "style")) {
			char *tag = xstrndup(lt, (size_t)(gt - lt));
			/* JSON-LD is metadata, MathJax's TeX is text */
			bool keep = rd_str_contains_ci(tag, "ld+json") ||
			    rd_str_contains_ci(tag, "math/tex");

			free(tag);
			name = tag_is(lt + 1, end, "script") ? "script" : "style";
			p = raw_close(gt + 1, end, name);
			if (keep && !copy(&b, gt + 1, p))
				goto fail;
			continue;
		}
		for (i = 0; i < sizeof(raw_text_tags) / sizeof(raw_text_tags[0]); i++) {
			if (!tag_is(lt + 1, end, raw_text_tags[i]))
				continue;
			p = raw_close(gt + 1, end, raw_text_tags[i]);
			if (!copy(&b, gt + 1, p))
				goto fail;
			break;
		}
	}
	if (p < end && !copy(&b, p, end))	/* plaintext, or a cut tag */
		goto fail;
	*outlen = b.len;
	return tbuf_take(&b);
fail:
	tbuf_free(&b);
	return NULL;
}

/* ---- after the search ------------------------------------------------- */

static const char *
base_href(const struct rnode *root)
{
	const struct rnode *x;
	const char *h;

	for (x = root; x != NULL; x = rd_dom_walk(x, root))
		if (!x->is_text && x->tag == GUMBO_TAG_BASE &&
		    (h = rd_dom_attr(x, "href")) != NULL)
			return h;
	return NULL;
}

static void
resolve_attr(struct rdoc *d, struct rnode *n, const char *name, const char *base)
{
	const char *v = rd_dom_attr(n, name);
	char *abs;

	if (v == NULL || v[0] == '\0' || base == NULL)
		return;
	if ((abs = url_resolve(base, v)) == NULL)
		return;
	rd_dom_set_attr(d, n, name, arena_strndup(&d->arena, abs, strlen(abs)));
	free(abs);
}

/* Readability's _fixRelativeUris: links and media absolute; javascript:
 * links become their text. */
static void
fix_uris(struct rdoc *d, struct rnode *article, const char *base)
{
	struct rnode *x = rd_dom_walk(article, article), *next;

	for (; x != NULL; x = next) {
		const char *href;

		if (!x->is_text && x->tag == GUMBO_TAG_A &&
		    (href = rd_dom_attr(x, "href")) != NULL &&
		    strncasecmp(href, "javascript:", 11) == 0) {
			struct rnode *span = rd_dom_new_element(d, GUMBO_TAG_SPAN);

			while (x->first != NULL)
				rd_dom_append(span, x->first);
			rd_dom_replace(x, span);
			x = span;
		} else if (!x->is_text) {
			switch (x->tag) {
			case GUMBO_TAG_A:
				resolve_attr(d, x, "href", base);
				break;
			case GUMBO_TAG_IMG: case GUMBO_TAG_VIDEO:
			case GUMBO_TAG_AUDIO: case GUMBO_TAG_SOURCE:
			case GUMBO_TAG_IFRAME: case GUMBO_TAG_EMBED:
				resolve_attr(d, x, "src", base);
				break;
			default:
				break;
			}
		}
		next = rd_dom_walk(x, article);
	}
}

/* The hrefs of the article's links, each once, in order. */
static void
collect_links(const struct rnode *article, struct readable_article *a)
{
	const struct rnode *x;
	size_t cap = 0, i;

	for (x = article; x != NULL; x = rd_dom_walk(x, article)) {
		const char *href;
		bool seen = false;

		if (x->is_text || x->tag != GUMBO_TAG_A ||
		    (href = rd_dom_attr(x, "href")) == NULL || href[0] == '\0' ||
		    href[0] == '#')
			continue;
		for (i = 0; i < a->nlinks && !seen; i++)
			seen = strcmp(a->links[i], href) == 0;
		if (seen)
			continue;
		if (a->nlinks == READABLE_MAX_LINKS)
			break;
		if (a->nlinks == cap) {
			cap = cap ? cap * 2 : 16;
			a->links = xreallocarray(a->links, cap, sizeof(*a->links));
		}
		a->links[a->nlinks++] = xstrdup(href);
	}
}

/* The first descendant of n with this tag, or NULL. */
static const struct rnode *
first_tagged(const struct rnode *n, GumboTag tag)
{
	const struct rnode *x;

	for (x = n; x != NULL; x = rd_dom_walk(x, n))
		if (!x->is_text && x->tag == tag)
			return x;
	return NULL;
}

static char *
nonempty_text(const struct rnode *n)
{
	char *t = n != NULL ? rd_dom_inner_text(n, true) : NULL;

	if (t != NULL && t[0] == '\0') {
		free(t);
		t = NULL;
	}
	return t;
}

/* The article's figures with an image: src, alt, caption. */
static void
collect_figures(const struct rnode *article, struct readable_article *a)
{
	const struct rnode *x;
	size_t cap = 0;

	for (x = article; x != NULL; x = rd_dom_walk(x, article)) {
		const struct rnode *img;
		const char *src, *alt;
		struct readable_figure *f;

		if (x->is_text || x->tag != GUMBO_TAG_FIGURE ||
		    (img = first_tagged(x, GUMBO_TAG_IMG)) == NULL ||
		    (src = rd_dom_attr(img, "src")) == NULL || src[0] == '\0')
			continue;
		if (a->nfigures == READABLE_MAX_FIGURES)
			break;
		if (a->nfigures == cap) {
			cap = cap ? cap * 2 : 8;
			a->figures = xreallocarray(a->figures, cap, sizeof(*a->figures));
		}
		f = &a->figures[a->nfigures++];
		f->src = xstrdup(src);
		alt = rd_dom_attr(img, "alt");
		f->alt = alt != NULL && alt[0] != '\0' ? text_squeeze(xstrdup(alt)) : NULL;
		f->caption = nonempty_text(first_tagged(x, GUMBO_TAG_FIGCAPTION));
	}
}

static char *
first_paragraph(const struct rnode *article)
{
	const struct rnode *x;

	for (x = article; x != NULL; x = rd_dom_walk(x, article))
		if (!x->is_text && x->tag == GUMBO_TAG_P)
			return rd_dom_inner_text(x, true);
	return NULL;
}

/* ---- the search ------------------------------------------------------- */

static void
rebuild(struct rdoc *d)
{
	d->body = NULL;
	d->nnodes = 0;	/* READABLE_MAX_NODES is per tree */
	d->root = rd_dom_build(d, d->gumbo->root);
	rd_grab_prepare(d);
}

/* Readability's loop: all flags, then drop them one by one while the
 * result is shorter than READABLE_MIN_TEXT; keep the longest attempt.
 * Each attempt builds its tree in a fresh arena, and only the arena of
 * the best attempt so far is kept, so memory stays at two trees. */
static struct rnode *
search(struct rdoc *d, struct grab *g)
{
	static const unsigned drop_order[] = {
		FLAG_STRIP_UNLIKELYS, FLAG_WEIGHT_CLASSES, FLAG_CLEAN_CONDITIONALLY
	};
	struct rnode *best = NULL;
	struct arena kept = { .head = NULL };
	size_t best_len = 0, attempt;

	g->flags = FLAG_STRIP_UNLIKELYS | FLAG_WEIGHT_CLASSES |
	    FLAG_CLEAN_CONDITIONALLY;
	for (attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
		struct rnode *a;
		size_t len;

		if (attempt > 0) {
			g->flags &= ~drop_order[attempt - 1];
			rebuild(d);
		}
		a = rd_grab_article(g);
		len = a != NULL ? rd_dom_text_len(a) : 0;
		if (len >= READABLE_MIN_TEXT) {
			arena_free(&kept);
			return a;
		}
		if (a != NULL && (best == NULL || len > best_len)) {
			best = a;
			best_len = len;
			arena_free(&kept);
			kept = d->arena;
		} else {
			arena_free(&d->arena);
		}
		d->arena = (struct arena){ .head = NULL };
	}
	d->arena = kept;	/* freed with the document */
	d->root = d->body = NULL;	/* the last tree may be gone */
	return best_len > 0 ? best : NULL;
}

enum readable_result
readable_extract(const char *bytes, size_t n, const char *url,
    const char *content_type, struct readable_article **out)
{
	struct readable_article *a;
	struct rdoc d;
	struct rmeta meta;
	struct grab g;
	struct rnode *article;
	const char *text, *bh;
	char *owned, *stripped, *base = NULL;
	size_t len, slen;
	enum readable_result r = READABLE_OK;

	*out = NULL;
	if (n > READABLE_MAX_INPUT)
		return READABLE_TOO_LARGE;
	if (surely_not_html(content_type))
		return READABLE_NOT_HTML;
	memset(&d, 0, sizeof(d));
	decode(bytes, n, content_type, &text, &len, &owned);
	stripped = strip_raw(text, len, &slen, &d.cuts);
	if (stripped != NULL) {
		free(owned);
		owned = stripped;
		text = stripped;
		len = slen;
	} else
		d.cuts.len = 0;	/* gumbo gets the page as it is */
	d.decoded = owned;
	d.parsed = text;
	d.parsed_len = len;
	d.tree = html_parse(text, len);
	d.gumbo = html_tree_output(d.tree);
	if (d.gumbo->root == NULL || d.gumbo->root->type != GUMBO_NODE_ELEMENT) {
		r = READABLE_NOT_HTML;
		goto done;
	}
	d.root = rd_dom_build(&d, d.gumbo->root);
	rd_meta_extract(&d, &meta);
	if ((bh = base_href(d.root)) != NULL && url != NULL)
		base = url_resolve(url, bh);
	else if (bh != NULL && strstr(bh, "://") != NULL)
		base = xstrdup(bh);
	else if (url != NULL)
		base = xstrdup(url);
	rd_grab_prepare(&d);

	memset(&g, 0, sizeof(g));
	g.doc = &d;
	g.title = meta.title;
	g.have_meta_byline = meta.byline != NULL && meta.byline[0] != '\0';
	g.post_id = rd_prune_post_id(d.body);
	article = search(&d, &g);
	if (article == NULL) {
		rd_meta_free(&meta);
		free(g.byline);
		r = READABLE_NO_CONTENT;
		goto done;
	}
	fix_uris(&d, article, base);
	rd_prune_article(&g, article, base);

	a = xcalloc(1, sizeof(*a));
	a->title = meta.title;
	a->byline = meta.byline;
	if ((a->byline == NULL || a->byline[0] == '\0') && g.byline != NULL) {
		free(a->byline);
		a->byline = text_squeeze(g.byline);
		g.byline = NULL;
	}
	a->site_name = meta.site_name;
	a->excerpt = meta.excerpt != NULL ? meta.excerpt : first_paragraph(article);
	a->published = meta.published != NULL ? feed_parse_date(meta.published) :
	    READABLE_NO_DATE;
	free(meta.published);
	a->image = meta.image != NULL && base != NULL ?
	    url_resolve(base, meta.image) : meta.image;
	if (a->image != meta.image)
		free(meta.image);
	a->html = rd_dom_serialize_children(article);
	/* its text from the tree at hand, not from parsing a->html again */
	a->text = html_tree_to_text(rd_dom_to_gumbo(&d, article));
	collect_links(article, a);
	collect_figures(article, a);
	free(g.byline);
	*out = a;
done:
	free(base);
	html_tree_free(d.tree);
	arena_free(&d.arena);
	free(d.decoded);
	free(d.cuts.at);
	free(d.cuts.n);
	return r;
}

void
readable_free(struct readable_article *a)
{
	size_t i;

	if (a == NULL)
		return;
	free(a->title);
	free(a->byline);
	free(a->site_name);
	free(a->image);
	free(a->excerpt);
	free(a->html);
	free(a->text);
	for (i = 0; i < a->nlinks; i++)
		free(a->links[i]);
	free(a->links);
	for (i = 0; i < a->nfigures; i++) {
		free(a->figures[i].src);
		free(a->figures[i].alt);
		free(a->figures[i].caption);
	}
	free(a->figures);
	free(a);
}
