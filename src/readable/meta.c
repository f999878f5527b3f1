/*
 * readable/meta.c: the article's metadata, after Mozilla Readability's
 * _getArticleMetadata, _getJSONLD and _getArticleTitle: <meta> names and
 * properties (Dublin Core, Open Graph, Twitter, Parse.ly), schema.org
 * JSON-LD, and the <title> without the site's name.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "html.h"
#include "readable.h"
#include "readable_private.h"

#define JSON_MAX_DEPTH 32
#define META_MAX_VALUES 256

/* ---- a small JSON reader for JSON-LD ---------------------------------- */

enum jtype { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ };

struct jval {
	enum jtype type;
	char *str;		/* J_STR */
	struct jval **items;	/* J_ARR, J_OBJ */
	char **keys;		/* J_OBJ */
	size_t n;
};

struct jparser {
	const char *s, *end;
	struct arena *arena;
	int depth;
};

static void
jskip(struct jparser *p)
{
	while (p->s < p->end && (*p->s == ' ' || *p->s == '\t' ||
	    *p->s == '\n' || *p->s == '\r'))
		p->s++;
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static bool
jhex4(struct jparser *p, uint32_t *out)
{
	int i, h;

	*out = 0;
	if (p->end - p->s < 4)
		return false;
	for (i = 0; i < 4; i++) {
		if ((h = hexval(p->s[i])) < 0)
			return false;
		*out = *out << 4 | (uint32_t)h;
	}
	p->s += 4;
	return true;
}

static char *
jstring(struct jparser *p)
{
	struct tbuf b;
	char enc[4];
	char *r;

	p->s++;	/* the quote */
	tbuf_init(&b, TEXT_MAX_STRING);
	while (p->s < p->end && *p->s != '"') {
		char c = *p->s++;
		uint32_t cp;
		bool ok = true;

		if (c != '\\') {
			ok = tbuf_addc(&b, c);
		} else if (p->s >= p->end) {
			break;
		} else {
			c = *p->s++;
			switch (c) {
			case 'b': ok = tbuf_addc(&b, '\b'); break;
			case 'f': ok = tbuf_addc(&b, '\f'); break;
			case 'n': ok = tbuf_addc(&b, '\n'); break;
			case 'r': ok = tbuf_addc(&b, '\r'); break;
			case 't': ok = tbuf_addc(&b, '\t'); break;
			case 'u':
				if (!jhex4(p, &cp))
					goto fail;
				if (cp >= 0xd800 && cp < 0xdc00 && p->end - p->s >= 6 &&
				    p->s[0] == '\\' && p->s[1] == 'u') {
					uint32_t lo;

					p->s += 2;
					if (!jhex4(p, &lo))
						goto fail;
					if (lo >= 0xdc00 && lo < 0xe000)
						cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
					else
						cp = 0xfffd;
				}
				ok = tbuf_add(&b, enc, utf8_encode(cp, enc));
				break;
			default:
				ok = tbuf_addc(&b, c);
				break;
			}
		}
		if (!ok)
			goto fail;
	}
	if (p->s >= p->end)
		goto fail;
	p->s++;
	r = arena_strndup(p->arena, tbuf_str(&b), b.len);
	tbuf_free(&b);
	return r;
fail:
	tbuf_free(&b);
	return NULL;
}

static struct jval *jvalue(struct jparser *p);

static bool
jpush(struct jparser *p, struct jval *v, size_t *cap, struct jval *item,
    char *key)
{
	if (v->n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 8;
		struct jval **items = arena_zalloc(p->arena, ncap * sizeof(*items));
		char **keys = arena_zalloc(p->arena, ncap * sizeof(*keys));

		if (v->n > 0) {
			memcpy(items, v->items, v->n * sizeof(*items));
			memcpy(keys, v->keys, v->n * sizeof(*keys));
		}
		v->items = items;
		v->keys = keys;
		*cap = ncap;
	}
	v->items[v->n] = item;
	v->keys[v->n] = key;
	v->n++;
	return true;
}

static struct jval *
jcontainer(struct jparser *p, bool obj)
{
	struct jval *v = arena_zalloc(p->arena, sizeof(*v));
	size_t cap = 0;
	char close = obj ? '}' : ']';

	v->type = obj ? J_OBJ : J_ARR;
	if (++p->depth > JSON_MAX_DEPTH)
		return NULL;
	p->s++;
	jskip(p);
	if (p->s < p->end && *p->s == close) {
		p->s++;
		p->depth--;
		return v;
	}
	for (;;) {
		char *key = NULL;
		struct jval *item;

		jskip(p);
		if (obj) {
			if (p->s >= p->end || *p->s != '"' ||
			    (key = jstring(p)) == NULL)
				return NULL;
			jskip(p);
			if (p->s >= p->end || *p->s != ':')
				return NULL;
			p->s++;
		}
		if ((item = jvalue(p)) == NULL)
			return NULL;
		jpush(p, v, &cap, item, key);
		jskip(p);
		if (p->s < p->end && *p->s == ',') {
			p->s++;
			continue;
		}
		if (p->s < p->end && *p->s == close) {
			p->s++;
			p->depth--;
			return v;
		}
		return NULL;
	}
}

static struct jval *
jvalue(struct jparser *p)
{
	struct jval *v;

	jskip(p);
	if (p->s >= p->end)
		return NULL;
	switch (*p->s) {
	case '{':
		return jcontainer(p, true);
	case '[':
		return jcontainer(p, false);
	case '"':
		v = arena_zalloc(p->arena, sizeof(*v));
		v->type = J_STR;
		return (v->str = jstring(p)) != NULL ? v : NULL;
	default:
		break;
	}
	v = arena_zalloc(p->arena, sizeof(*v));
	if (p->end - p->s >= 4 && strncmp(p->s, "null", 4) == 0) {
		v->type = J_NULL;
		p->s += 4;
	} else if (p->end - p->s >= 4 && strncmp(p->s, "true", 4) == 0) {
		v->type = J_BOOL;
		p->s += 4;
	} else if (p->end - p->s >= 5 && strncmp(p->s, "false", 5) == 0) {
		v->type = J_BOOL;
		p->s += 5;
	} else if (*p->s == '-' || (*p->s >= '0' && *p->s <= '9')) {
		v->type = J_NUM;
		while (p->s < p->end && strchr("+-0123456789.eE", *p->s) != NULL)
			p->s++;
	} else {
		return NULL;
	}
	return v;
}

static struct jval *
json_parse(struct arena *a, const char *s, size_t n)
{
	struct jparser p = { s, s + n, a, 0 };
	struct jval *v = jvalue(&p);

	if (v == NULL)
		return NULL;
	jskip(&p);
	return p.s == p.end ? v : NULL;
}

static const struct jval *
jget(const struct jval *o, const char *key)
{
	size_t i;

	if (o == NULL || o->type != J_OBJ)
		return NULL;
	for (i = o->n; i-- > 0;)	/* the last duplicate wins, as in JS */
		if (strcmp(o->keys[i], key) == 0)
			return o->items[i];
	return NULL;
}

static const char *
jstr(const struct jval *v)
{
	return v != NULL && v->type == J_STR ? v->str : NULL;
}

/* ---- helpers ---------------------------------------------------------- */

static char *
trimmed_dup(const char *s)
{
	char *r;

	if (s == NULL)
		return NULL;
	r = xstrdup(s);
	text_squeeze(r);
	return r;
}

/* A JSON-LD string as text: sites put HTML-escaped text in their JSON
 * ("&#8216;Hello&#8217;", "&#163;5"), which browsers never show as is;
 * gumbo (through html_to_text) decodes every entity, named or numbered. */
static char *
ld_text(const char *s)
{
	char *r = trimmed_dup(s), *t;

	if (r == NULL || strchr(r, '&') == NULL)
		return r;
	t = html_to_text(r, strlen(r));
	free(r);
	return t;
}

/* Readability's _unescapeHtmlEntities: meta values are often escaped twice. */
static char *
unescape_entities(const char *s)
{
	static const struct { const char *name; char c; } ents[] = {
		{ "quot;", '"' }, { "amp;", '&' }, { "apos;", '\'' },
		{ "lt;", '<' }, { "gt;", '>' }
	};
	struct tbuf b;
	size_t i, k;

	if (s == NULL)
		return NULL;
	tbuf_init(&b, TEXT_MAX_STRING);
	for (i = 0; s[i] != '\0'; i++) {
		bool done = false;

		if (s[i] == '&') {
			for (k = 0; k < sizeof(ents) / sizeof(ents[0]) && !done; k++) {
				size_t l = strlen(ents[k].name);

				if (strncmp(s + i + 1, ents[k].name, l) == 0) {
					done = tbuf_addc(&b, ents[k].c);
					i += l;
				}
			}
			if (!done && s[i + 1] == '#') {
				char *end;
				unsigned long cp;
				bool hex = s[i + 2] == 'x' || s[i + 2] == 'X';
				const char *digits = s + i + (hex ? 3 : 2);

				cp = strtoul(digits, &end, hex ? 16 : 10);
				if (end != digits && *end == ';' &&
				    ((hex && hexval(*digits) >= 0) ||
				    (!hex && *digits >= '0' && *digits <= '9'))) {
					char enc[4];

					if (cp == 0 || cp > 0x10ffff ||
					    (cp >= 0xd800 && cp <= 0xdfff))
						cp = 0xfffd;
					done = tbuf_add(&b, enc, utf8_encode((uint32_t)cp, enc));
					i = (size_t)(end - s);
				}
			}
		}
		if (!done && !tbuf_addc(&b, s[i]))
			break;
	}
	return tbuf_take(&b);
}

/* JavaScript's str.split(/\s+/).length */
static size_t
word_count(const char *s)
{
	size_t n = 1;
	bool in_ws = false;

	for (; *s != '\0'; s++) {
		bool ws = *s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' ||
		    *s == '\f' || *s == '\v';

		if (ws && !in_ws)
			n++;
		in_ws = ws;
	}
	return n;
}

double
rd_meta_text_similarity(const char *a, const char *b)
{
	/* tokens: runs of [A-Za-z0-9_], lower-cased */
	struct tok { const char *p; size_t n; } *ta = NULL, *tb = NULL;
	size_t na = 0, nb = 0, i, j, total = 0, uniq = 0, nuniq = 0;
	const char *strs[2] = { a, b };
	struct tok **lists[2] = { &ta, &tb };
	size_t *counts[2] = { &na, &nb };
	int w;

	for (w = 0; w < 2; w++) {
		const char *s = strs[w];
		size_t cap = 0;

		while (*s != '\0') {
			size_t n = 0;

			while (s[n] != '\0' && ((s[n] >= 'a' && s[n] <= 'z') ||
			    (s[n] >= 'A' && s[n] <= 'Z') || (s[n] >= '0' && s[n] <= '9') ||
			    s[n] == '_'))
				n++;
			if (n == 0) {
				s++;
				continue;
			}
			if (*counts[w] == cap) {
				cap = cap ? cap * 2 : 16;
				*lists[w] = xreallocarray(*lists[w], cap, sizeof(struct tok));
			}
			(*lists[w])[(*counts[w])++] = (struct tok){ s, n };
			s += n;
		}
	}
	if (na == 0 || nb == 0) {
		free(ta);
		free(tb);
		return 0;
	}
	for (i = 0; i < nb; i++) {
		bool found = false;

		total += tb[i].n;
		for (j = 0; j < na && !found; j++)
			found = ta[j].n == tb[i].n &&
			    strncasecmp(ta[j].p, tb[i].p, tb[i].n) == 0;
		if (!found) {
			uniq += tb[i].n;
			nuniq++;
		}
	}
	total += nb - 1;
	if (nuniq > 0)
		uniq += nuniq - 1;
	free(ta);
	free(tb);
	return 1 - (double)uniq / (double)total;
}

/* ---- the title -------------------------------------------------------- */

static bool
title_sep(const char *s, size_t *len)
{
	if (*s == '|' || *s == '-' || *s == '\\' || *s == '/' || *s == '>') {
		*len = 1;
		return true;
	}
	if ((unsigned char)s[0] == 0xc2 && (unsigned char)s[1] == 0xbb) {	/* » */
		*len = 2;
		return true;
	}
	return false;
}

static bool
hierarchical_sep(const char *s)
{
	return *s == '\\' || *s == '/' || *s == '>' ||
	    ((unsigned char)s[0] == 0xc2 && (unsigned char)s[1] == 0xbb);
}

/* " X " with X a separator somewhere in s (hier: only \ / > ») */
static bool
has_spaced_sep(const char *s, bool hier)
{
	size_t i, l;

	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] != ' ' || !title_sep(s + i + 1, &l))
			continue;
		if (s[i + 1 + l] == ' ' && (!hier || hierarchical_sep(s + i + 1)))
			return true;
	}
	return false;
}

static char *
first_text_of(const struct rnode *root, GumboTag tag)
{
	const struct rnode *x;

	for (x = root; x != NULL; x = rd_dom_walk(x, root))
		if (!x->is_text && x->tag == tag)
			return rd_dom_inner_text(x, true);
	return NULL;
}

static bool
heading_equals(const struct rnode *root, const char *title)
{
	const struct rnode *x;
	bool eq = false;

	for (x = root; x != NULL && !eq; x = rd_dom_walk(x, root)) {
		char *t;

		if (x->is_text || (x->tag != GUMBO_TAG_H1 && x->tag != GUMBO_TAG_H2))
			continue;
		t = rd_dom_inner_text(x, false);
		eq = strcmp(t, title) == 0;
		free(t);
	}
	return eq;
}

/* Readability's _getArticleTitle: <title>, without the site's name. */
static char *
article_title(const struct rnode *root)
{
	char *orig = first_text_of(root, GUMBO_TAG_TITLE), *cur, *tmp;
	bool hier = false;
	size_t i, l, wc;

	if (orig == NULL)
		orig = xstrdup("");
	cur = xstrdup(orig);
	if (has_spaced_sep(cur, false)) {
		size_t last = (size_t)-1;

		hier = has_spaced_sep(cur, true);
		for (i = 0; orig[i] != '\0'; i++)
			if (title_sep(orig + i, &l) && orig[i + l] == ' ')
				last = i;
		if (last != (size_t)-1)
			cur[last] = '\0';
		if (word_count(cur) < 3) {
			for (i = 0; orig[i] != '\0'; i++)
				if (title_sep(orig + i, &l))
					break;
			free(cur);
			cur = xstrdup(orig[i] != '\0' ? orig + i + l : orig);
		}
	} else if (strstr(cur, ": ") != NULL) {
		if (!heading_equals(root, cur)) {
			const char *colon = strrchr(orig, ':');

			free(cur);
			cur = xstrdup(colon + 1);
			if (word_count(cur) < 3) {
				free(cur);
				cur = xstrdup(strchr(orig, ':') + 1);
			} else {
				tmp = xstrndup(orig, (size_t)(strchr(orig, ':') - orig));
				if (word_count(tmp) > 5) {
					free(cur);
					cur = xstrdup(orig);
				}
				free(tmp);
			}
		}
	} else if (rd_dom_utf16_len(cur) > 150 || rd_dom_utf16_len(cur) < 15) {
		const struct rnode *x, *h1 = NULL;
		size_t nh1 = 0;

		for (x = root; x != NULL; x = rd_dom_walk(x, root))
			if (!x->is_text && x->tag == GUMBO_TAG_H1 && nh1++ == 0)
				h1 = x;
		if (nh1 == 1) {
			free(cur);
			cur = rd_dom_inner_text(h1, true);
		}
	}
	text_squeeze(cur);
	wc = word_count(cur);
	if (wc <= 4) {
		size_t owc;
		struct tbuf b;

		tbuf_init(&b, TEXT_MAX_STRING);
		for (i = 0; orig[i] != '\0'; i++)
			if (!title_sep(orig + i, &l) && !tbuf_addc(&b, orig[i]))
				break;
			else if (title_sep(orig + i, &l))
				i += l - 1;
		owc = word_count(tbuf_str(&b));
		tbuf_free(&b);
		if (!hier || wc != owc - 1) {
			free(cur);
			cur = xstrdup(orig);
		}
	}
	free(orig);
	return cur;
}

/* ---- <meta> ----------------------------------------------------------- */

struct metavals {
	char *key[META_MAX_VALUES];
	const char *val[META_MAX_VALUES];
	size_t n;
};

static void
put(struct metavals *m, const char *key, size_t keylen, const char *val)
{
	char *k;
	size_t i, j = 0;

	if (m->n == META_MAX_VALUES)
		return;
	k = xmalloc(keylen + 1);
	for (i = 0; i < keylen; i++) {
		char c = key[i];

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f')
			continue;
		k[j++] = c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
	}
	k[j] = '\0';
	m->key[m->n] = k;
	m->val[m->n] = val;
	m->n++;
}

static const char *
get(const struct metavals *m, const char *key)
{
	size_t i;

	for (i = m->n; i-- > 0;)
		if (strcmp(m->key[i], key) == 0)
			return m->val[i];
	return NULL;
}

static size_t
skip_sp(const char *s, size_t i)
{
	while (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ||
	    s[i] == '\f')
		i++;
	return i;
}

/* property="... og:title ...": (article|dc|dcterm|og|twitter) : (field) */
static bool
match_property(const char *s, struct metavals *m, const char *val)
{
	static const char *const pre[] = { "article", "dc", "dcterm", "og", "twitter" };
	static const char *const fld[] = {
		"author", "creator", "description", "published_time", "title",
		"site_name"
	};
	size_t i, a, f;

	for (i = 0; s[i] != '\0'; i++) {
		for (a = 0; a < sizeof(pre) / sizeof(pre[0]); a++) {
			size_t j = i + strlen(pre[a]), k;
			char key[64];

			if (strncasecmp(s + i, pre[a], strlen(pre[a])) != 0)
				continue;
			j = skip_sp(s, j);
			if (s[j] != ':')
				continue;
			j = skip_sp(s, j + 1);
			for (f = 0; f < sizeof(fld) / sizeof(fld[0]); f++) {
				k = strlen(fld[f]);
				if (strncasecmp(s + j, fld[f], k) != 0)
					continue;
				xsnprintf(key, sizeof(key), "%s:%s", pre[a], fld[f]);
				put(m, key, strlen(key), val);
				return true;
			}
		}
	}
	return false;
}

/* name="dc.title", "parsely-title", "author"... (anchored) */
static void
match_name(const char *name, struct metavals *m, const char *val)
{
	static const char *const pre[] = {
		"dc", "dcterm", "og", "twitter", "parsely", "weibo:article",
		"weibo:webpage"
	};
	static const char *const fld[] = {
		"author", "creator", "pub-date", "description", "title", "site_name"
	};
	size_t i, j, k, start = skip_sp(name, 0), end = strlen(name);
	char *key;
	bool ok = false;

	while (end > start && (name[end - 1] == ' ' || name[end - 1] == '\t' ||
	    name[end - 1] == '\n' || name[end - 1] == '\r'))
		end--;
	for (k = 0; k < sizeof(fld) / sizeof(fld[0]) && !ok; k++)
		ok = end - start == strlen(fld[k]) &&
		    strncasecmp(name + start, fld[k], end - start) == 0;
	for (i = 0; i < sizeof(pre) / sizeof(pre[0]) && !ok; i++) {
		size_t l = strlen(pre[i]);

		if (strncasecmp(name + start, pre[i], l) != 0)
			continue;
		j = skip_sp(name, start + l);
		if (name[j] != '-' && name[j] != '.' && name[j] != ':')
			continue;
		j = skip_sp(name, j + 1);
		for (k = 0; k < sizeof(fld) / sizeof(fld[0]) && !ok; k++)
			ok = end - j == strlen(fld[k]) &&
			    strncasecmp(name + j, fld[k], end - j) == 0;
	}
	if (!ok)
		return;
	key = xstrndup(name + start, end - start);
	for (i = 0; key[i] != '\0'; i++)
		if (key[i] == '.')
			key[i] = ':';
	put(m, key, strlen(key), val);
	free(key);
}

static const char *
first_of(const struct metavals *m, const char *const *keys)
{
	const char *v;

	for (; *keys != NULL; keys++)
		if ((v = get(m, *keys)) != NULL)
			return v;
	return NULL;
}

/* ---- JSON-LD ---------------------------------------------------------- */

static bool
article_type(const char *t)
{
	static const char *const mid[] = {
		"AdvertiserContentArticle", "NewsArticle", "AnalysisNewsArticle",
		"AskPublicNewsArticle", "BackgroundNewsArticle", "OpinionNewsArticle",
		"ReportageNewsArticle", "ReviewNewsArticle", "Report",
		"SatiricalArticle", "ScholarlyArticle", "MedicalScholarlyArticle",
		"SocialMediaPosting", "BlogPosting", "LiveBlogPosting",
		"DiscussionForumPosting", "TechArticle"
	};
	size_t i, n = strlen(t);

	if (strncmp(t, "Article", 7) == 0)
		return true;
	if (n >= 12 && strcmp(t + n - 12, "APIReference") == 0)
		return true;
	for (i = 0; i < sizeof(mid) / sizeof(mid[0]); i++)
		if (strstr(t, mid[i]) != NULL)
			return true;
	return false;
}

static bool
schema_context(const char *c)
{
	if (strncmp(c, "http://", 7) == 0)
		c += 7;
	else if (strncmp(c, "https://", 8) == 0)
		c += 8;
	else
		return false;
	return strcmp(c, "schema.org") == 0 || strcmp(c, "schema.org/") == 0;
}

struct jsonld {
	char *title, *byline, *excerpt, *site_name, *published;
};

/* One <script type="application/ld+json">: true when it was an article. */
static bool
jsonld_one(struct rdoc *d, const char *text, const char *html_title,
    struct jsonld *out)
{
	const struct jval *v, *ctx, *type, *author;
	const char *s = text, *e = text + strlen(text), *name, *headline;

	while (s < e && (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r'))
		s++;
	if (e - s >= 9 && strncmp(s, "<![CDATA[", 9) == 0)
		s += 9;
	while (e > s && (e[-1] == ' ' || e[-1] == '\n' || e[-1] == '\t' || e[-1] == '\r'))
		e--;
	if (e - s >= 3 && strncmp(e - 3, "]]>", 3) == 0)
		e -= 3;
	v = json_parse(&d->arena, s, (size_t)(e - s));
	if (v == NULL || (ctx = jget(v, "@context")) == NULL || jstr(ctx) == NULL ||
	    !schema_context(jstr(ctx)))
		return false;
	type = jget(v, "@type");
	if (type == NULL) {
		const struct jval *graph = jget(v, "@graph");
		size_t i;

		if (graph == NULL || graph->type != J_ARR)
			return false;
		for (i = 0; i < graph->n; i++) {
			const struct jval *t = jget(graph->items[i], "@type");

			if (t != NULL && t->type != J_STR)
				return false;	/* JS throws on .match */
			if (t != NULL && article_type(t->str))
				break;
		}
		if (i == graph->n)
			return false;
		v = graph->items[i];
		type = jget(v, "@type");
	}
	if (jstr(type) == NULL || !article_type(jstr(type)))
		return false;
	name = jstr(jget(v, "name"));
	headline = jstr(jget(v, "headline"));
	if (name != NULL && headline != NULL && strcmp(name, headline) != 0) {
		bool nm = rd_meta_text_similarity(name, html_title) > 0.75;
		bool hm = rd_meta_text_similarity(headline, html_title) > 0.75;

		out->title = ld_text(hm && !nm ? headline : name);
	} else if (name != NULL) {
		out->title = ld_text(name);
	} else if (headline != NULL) {
		out->title = ld_text(headline);
	}
	author = jget(v, "author");
	if (jstr(jget(author, "name")) != NULL) {
		out->byline = ld_text(jstr(jget(author, "name")));
	} else if (author != NULL && author->type == J_ARR && author->n > 0 &&
	    jstr(jget(author->items[0], "name")) != NULL) {
		struct tbuf b;
		size_t i;

		tbuf_init(&b, TEXT_MAX_STRING);
		for (i = 0; i < author->n; i++) {
			char *nm = ld_text(jstr(jget(author->items[i], "name")));

			if (nm == NULL)
				continue;
			if ((b.len > 0 && !tbuf_adds(&b, ", ")) || !tbuf_adds(&b, nm)) {
				free(nm);
				break;
			}
			free(nm);
		}
		out->byline = tbuf_take(&b);
	}
	out->excerpt = ld_text(jstr(jget(v, "description")));
	out->site_name = ld_text(jstr(jget(jget(v, "publisher"), "name")));
	out->published = trimmed_dup(jstr(jget(v, "datePublished")));
	return true;
}

static void
jsonld_find(struct rdoc *d, const char *html_title, struct jsonld *out)
{
	const GumboNode *root = d->gumbo->root, *g = root;

	/* pre-order walk of gumbo's tree, through parent links */
	while (g != NULL) {
		const GumboVector *kids;

		if (g->type == GUMBO_NODE_ELEMENT && g->v.element.tag == GUMBO_TAG_SCRIPT) {
			const GumboAttribute *t = gumbo_get_attribute(
			    &g->v.element.attributes, "type");

			if (t != NULL && strcmp(t->value, "application/ld+json") == 0 &&
			    g->v.element.children.length > 0) {
				const GumboNode *txt = g->v.element.children.data[0];

				if (txt->type == GUMBO_NODE_TEXT &&
				    jsonld_one(d, txt->v.text.text, html_title, out))
					return;
			}
		}
		kids = g->type == GUMBO_NODE_ELEMENT || g->type == GUMBO_NODE_TEMPLATE ?
		    &g->v.element.children : NULL;
		if (kids != NULL && kids->length > 0 &&
		    g->v.element.tag != GUMBO_TAG_SCRIPT) {
			g = kids->data[0];
			continue;
		}
		while (g != root) {
			const GumboNode *p = g->parent;
			size_t i = g->index_within_parent + 1;

			if (p != NULL && i < p->v.element.children.length) {
				g = p->v.element.children.data[i];
				break;
			}
			g = p;
		}
		if (g == root)
			break;
	}
}

/* ---- everything ------------------------------------------------------- */

static const char *
time_datetime(const struct rnode *root)
{
	const struct rnode *x;
	const char *first = NULL;

	for (x = root; x != NULL; x = rd_dom_walk(x, root)) {
		const char *dt, *ip;

		if (x->is_text)
			continue;
		ip = rd_dom_attr(x, "itemprop");
		if (ip != NULL && strcmp(ip, "datePublished") == 0) {
			if ((dt = rd_dom_attr(x, "datetime")) != NULL ||
			    (dt = rd_dom_attr(x, "content")) != NULL)
				return dt;
		}
		if (x->tag == GUMBO_TAG_TIME && first == NULL &&
		    (dt = rd_dom_attr(x, "datetime")) != NULL)
			first = dt;
	}
	return first;
}

void
rd_meta_extract(struct rdoc *d, struct rmeta *m)
{
	static const char *const title_keys[] = {
		"dc:title", "dcterm:title", "og:title", "weibo:article:title",
		"weibo:webpage:title", "title", "twitter:title", "parsely-title", NULL
	};
	static const char *const byline_keys[] = {
		"dc:creator", "dcterm:creator", "author", "parsely-author", NULL
	};
	static const char *const excerpt_keys[] = {
		"dc:description", "dcterm:description", "og:description",
		"weibo:article:description", "weibo:webpage:description",
		"description", "twitter:description", NULL
	};
	static const char *const date_keys[] = {
		"article:published_time", "parsely-pub-date", NULL
	};
	/* more names sites give the date, tried after Readability's */
	static const char *const more_date_keys[] = {
		"og:published_time", "article:published", "datepublished",
		"date", "dc.date", "dc.date.issued", "dcterms.date",
		"dcterms.created", "pubdate", "publishdate", "sailthru.date",
		"parsely-pub-date", NULL
	};
	static const char *const image_keys[] = {
		"og:image", "og:image:url", "og:image:secure_url", "twitter:image",
		"twitter:image:src", NULL
	};
	struct metavals mv = { .n = 0 };
	struct metavals img = { .n = 0 };
	struct metavals dates = { .n = 0 };
	struct jsonld ld = { NULL, NULL, NULL, NULL, NULL };
	const struct rnode *x;
	const char *td;
	char *html_title;
	size_t i;

	memset(m, 0, sizeof(*m));
	for (x = d->root; x != NULL; x = rd_dom_walk(x, d->root)) {
		const char *name, *prop, *content;

		if (x->is_text || x->tag != GUMBO_TAG_META)
			continue;
		name = rd_dom_attr(x, "name");
		prop = rd_dom_attr(x, "property");
		content = rd_dom_attr(x, "content");
		if (content == NULL || content[0] == '\0')
			continue;
		if (prop != NULL) {
			for (i = 0; image_keys[i] != NULL; i++)
				if (strcasecmp(prop, image_keys[i]) == 0)
					put(&img, prop, strlen(prop), content);
		}
		if (name != NULL) {
			for (i = 0; image_keys[i] != NULL; i++)
				if (strcasecmp(name, image_keys[i]) == 0)
					put(&img, name, strlen(name), content);
		}
		for (i = 0; more_date_keys[i] != NULL; i++) {
			const char *k = name != NULL ? name : prop;

			if (k != NULL && strcasecmp(k, more_date_keys[i]) == 0)
				put(&dates, k, strlen(k), content);
		}
		if (rd_dom_attr(x, "itemprop") != NULL &&
		    strcmp(rd_dom_attr(x, "itemprop"), "datePublished") == 0)
			put(&dates, "datepublished", 13, content);
		if (prop != NULL && match_property(prop, &mv, content))
			continue;
		if (name != NULL)
			match_name(name, &mv, content);
	}
	html_title = article_title(d->root);
	jsonld_find(d, html_title, &ld);

	m->title = ld.title != NULL ? ld.title :
	    unescape_entities(first_of(&mv, title_keys));
	if (m->title == NULL || m->title[0] == '\0') {
		free(m->title);
		m->title = xstrdup(html_title);
	}
	m->byline = ld.byline != NULL ? ld.byline : unescape_entities(first_of(&mv, byline_keys));
	m->excerpt = ld.excerpt != NULL ? ld.excerpt : unescape_entities(first_of(&mv, excerpt_keys));
	m->site_name = ld.site_name != NULL ? ld.site_name :
	    unescape_entities(get(&mv, "og:site_name"));
	m->published = ld.published != NULL ? ld.published :
	    unescape_entities(first_of(&mv, date_keys));
	if (m->published == NULL && first_of(&dates, more_date_keys) != NULL)
		m->published = xstrdup(first_of(&dates, more_date_keys));
	if (m->published == NULL && (td = time_datetime(d->root)) != NULL)
		m->published = xstrdup(td);
	m->image = unescape_entities(first_of(&img, image_keys));
	if (m->title != NULL)
		text_squeeze(m->title);
	if (m->byline != NULL)
		text_squeeze(m->byline);
	if (m->site_name != NULL)
		text_squeeze(m->site_name);
	free(html_title);
	for (i = 0; i < mv.n; i++)
		free(mv.key[i]);
	for (i = 0; i < img.n; i++)
		free(img.key[i]);
	for (i = 0; i < dates.n; i++)
		free(dates.key[i]);
}

void
rd_meta_free(struct rmeta *m)
{
	free(m->title);
	free(m->byline);
	free(m->excerpt);
	free(m->site_name);
	free(m->published);
	free(m->image);
	memset(m, 0, sizeof(*m));
}
