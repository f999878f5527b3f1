/*
 * dtd.c: the general entities a document declares in its DOCTYPE's
 * internal subset (<!DOCTYPE rss [<!ENTITY id "tag:example.com,">]>), for
 * the repair pass to expand.
 *
 * Each value is expanded once, when it is declared, from the entities
 * declared before it; so no reference can loop, and the work is bounded
 * by the limits below. A value that would pass them (the billion-laughs
 * document) is refused, and so is every entity that refers to a refused or
 * unknown one: their references stay in the text as they were written,
 * with a warning. External entities (SYSTEM, PUBLIC) are never fetched,
 * parameter entities never expanded.
 *
 * The replacement text is character data: markup in a value is text, and
 * it is kept escaped, ready for the stream mxml reads, in text and
 * attribute values alike.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "feed_private.h"
#include "text.h"

/* What one code point or byte may become when escaped ("&quot;"). */
#define ESCAPED_MAX 6

struct dtd_entity {
	char *name;
	char *plain;		/* the expanded value */
	char *escaped;		/* the same, & < > " ' escaped */
	int depth;		/* 1 + the deepest entity it refers to */
};

struct feed_dtd {
	struct dtd_entity *ents;
	size_t nents;
	char *warning;		/* the first declaration refused, or NULL */
};

static void
dtd_warn(struct feed_dtd *d, char *msg)
{
	if (d->warning == NULL)
		d->warning = msg;
	else
		free(msg);
}

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool
is_name_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.' ||
	    c == ':' || c >= 0x80;
}

static const struct dtd_entity *
find(const struct feed_dtd *d, const char *name, size_t n)
{
	size_t i;

	for (i = 0; d != NULL && i < d->nents; i++) {
		if (strlen(d->ents[i].name) == n &&
		    memcmp(d->ents[i].name, name, n) == 0)
			return &d->ents[i];
	}
	return NULL;
}

/* The code point of the character reference s[0..n) ("#38", "#x26"), or
 * -1 when it is none or no character XML allows. */
static int32_t
char_ref(const char *s, size_t n)
{
	bool hex = n > 1 && (s[1] == 'x' || s[1] == 'X');
	size_t i = hex ? 2 : 1;
	unsigned long cp = 0;

	if (n <= i)
		return -1;
	for (; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		unsigned v;

		if (c >= '0' && c <= '9')
			v = c - '0';
		else if (hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			v = (c | 0x20) - 'a' + 10;
		else
			return -1;
		cp = cp * (hex ? 16 : 10) + v;
		if (cp > 0x10FFFF)
			return -1;
	}
	if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
	    (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF)
		return -1;
	return (int32_t)feed_entity_fix_c1((uint32_t)cp);
}

/*
 * The reference &s[0..n); (without '&' and ';') as text added to out;
 * *depth grows to 1 + the depth of a declared entity it names. false
 * when it names nothing known (or a refused entity).
 */
static bool
expand_ref(const struct feed_dtd *d, const char *s, size_t n,
    struct tbuf *out, int *depth, bool *fits)
{
	const struct dtd_entity *e;
	char buf[4];
	int32_t cp;

	if (n > 0 && s[0] == '#')
		cp = char_ref(s, n);
	else if ((e = find(d, s, n)) != NULL) {
		if (e->depth + 1 > *depth)
			*depth = e->depth + 1;
		*fits = *fits && tbuf_add(out, e->plain, strlen(e->plain));
		return true;
	} else
		cp = feed_entity_lookup(s, n);
	if (cp < 0)
		return false;
	*fits = *fits && tbuf_add(out, buf, utf8_encode((uint32_t)cp, buf));
	return true;
}

/* What c becomes in the stream: escaped, or a line break a blank, so
 * that mxml's line numbers stay those of the source; NULL: itself. */
static const char *
escaped(char c)
{
	switch (c) {
	case '&':
		return "&amp;";
	case '<':
		return "&lt;";
	case '>':
		return "&gt;";
	case '"':
		return "&quot;";
	case '\'':
		return "&apos;";
	case '\n':
	case '\r':
		return " ";
	default:
		return NULL;
	}
}

static char *
escape_value(const char *s)
{
	struct tbuf b;
	const char *rep;
	bool ok = true;

	tbuf_init(&b, FEED_DTD_VALUE_MAX * ESCAPED_MAX + 1);
	for (; *s != '\0' && ok; s++)
		ok = (rep = escaped(*s)) != NULL ? tbuf_adds(&b, rep) :
		    tbuf_add(&b, s, 1);
	return tbuf_take(&b);
}

/* Declare name = the literal value v[0..n), expanded, unless the limits
 * refuse it. */
static void
declare(struct feed_dtd *d, const char *name, size_t namelen, const char *v,
    size_t n)
{
	struct dtd_entity *e;
	struct tbuf out;
	size_t i = 0, j;
	int depth = 1;
	bool fits = true;
	char *plain;

	if (find(d, name, namelen) != NULL)
		return;		/* the first declaration binds */
	if (d->nents >= FEED_DTD_ENTITIES_MAX) {
		dtd_warn(d, xasprintf("more than %d entities declared; the rest "
		    "left out", FEED_DTD_ENTITIES_MAX));
		return;
	}
	tbuf_init(&out, FEED_DTD_VALUE_MAX);
	while (i < n && fits) {
		if (v[i] == '&') {
			for (j = i + 1; j < n && (is_name_char((unsigned char)v[j]) ||
			    v[j] == '#'); j++)
				;
			if (j < n && v[j] == ';' && j > i + 1) {
				if (!expand_ref(d, v + i + 1, j - i - 1, &out,
				    &depth, &fits)) {
					dtd_warn(d, xasprintf("entity &%.*s; refers to "
					    "an unknown or refused entity &%.*s;: left out",
					    (int)namelen, name, (int)(j - i - 1), v + i + 1));
					tbuf_free(&out);
					return;
				}
				i = j + 1;
				continue;
			}
		}
		/* Control bytes never reach the text through a value. */
		if ((unsigned char)v[i] >= 0x20 || is_blank(v[i]))
			fits = tbuf_add(&out, v + i, 1);
		i++;
	}
	if (!fits || depth > FEED_DTD_DEPTH_MAX) {
		dtd_warn(d, !fits ?
		    xasprintf("entity &%.*s; longer than %u bytes: left out",
		    (int)namelen, name, FEED_DTD_VALUE_MAX) :
		    xasprintf("entity &%.*s; nested more than %d deep: left out",
		    (int)namelen, name, FEED_DTD_DEPTH_MAX));
		tbuf_free(&out);
		return;
	}
	plain = utf8_repair(tbuf_str(&out), out.len);
	tbuf_free(&out);
	d->ents = xreallocarray(d->ents, d->nents + 1, sizeof(*d->ents));
	e = &d->ents[d->nents++];
	e->name = xstrndup(name, namelen);
	e->plain = plain;
	e->escaped = escape_value(plain);
	e->depth = depth;
}

/* s[*i] is a quote: the end of the quoted string (past the closing
 * quote), or n. */
static size_t
skip_quoted(const char *s, size_t i, size_t n)
{
	const char *q = memchr(s + i + 1, s[i], n - i - 1);

	return q != NULL ? (size_t)(q - s) + 1 : n;
}

/* Past the '>' that ends the declaration at s[i], quotes respected. */
static size_t
skip_decl(const char *s, size_t i, size_t n)
{
	while (i < n && s[i] != '>')
		i = s[i] == '"' || s[i] == '\'' ? skip_quoted(s, i, n) : i + 1;
	return i < n ? i + 1 : n;
}

/* <!ENTITY at s[i]: declare it when it is a general internal one.
 * Returns the index past it. */
static size_t
entity_decl(struct feed_dtd *d, const char *s, size_t i, size_t n)
{
	size_t name, namelen, end;

	i += STRLEN("<!ENTITY");
	while (i < n && is_blank(s[i]))
		i++;
	if (i >= n || s[i] == '%')
		return skip_decl(s, i, n);
	for (name = i; i < n && is_name_char((unsigned char)s[i]); i++)
		;
	namelen = i - name;
	while (i < n && is_blank(s[i]))
		i++;
	if (namelen == 0 || namelen > FEED_DTD_NAME_MAX || i >= n ||
	    (s[i] != '"' && s[i] != '\''))
		return skip_decl(s, i, n);	/* SYSTEM or PUBLIC: never fetched */
	end = skip_quoted(s, i, n);
	if (end <= n && end > i + 1 && s[end - 1] == s[i])
		declare(d, s + name, namelen, s + i + 1, end - i - 2);
	return skip_decl(s, end, n);
}

struct feed_dtd *
feed_dtd_parse(const char *s, size_t n)
{
	struct feed_dtd *d = xcalloc(1, sizeof(*d));
	size_t i = 0;

	/* The internal subset is what the '[' opens. */
	while (i < n && s[i] != '[')
		i = s[i] == '"' || s[i] == '\'' ? skip_quoted(s, i, n) : i + 1;
	for (i++; i < n && s[i] != ']';) {
		const char *rest = s + i;
		size_t left = n - i;

		if (left >= STRLEN("<!--") && memcmp(rest, "<!--", STRLEN("<!--")) == 0) {
			const char *end = memmem(rest, left, "-->", STRLEN("-->"));

			i = end != NULL ? (size_t)(end - s) + STRLEN("-->") : n;
		} else if (left >= STRLEN("<!ENTITY") &&
		    memcmp(rest, "<!ENTITY", STRLEN("<!ENTITY")) == 0) {
			i = entity_decl(d, s, i, n);
		} else if (rest[0] == '<') {
			i = skip_decl(s, i, n);	/* ELEMENT, ATTLIST, a PI... */
		} else {
			i++;
		}
	}
	return d;
}

const char *
feed_dtd_lookup(const struct feed_dtd *d, const char *name, size_t n,
    size_t *plain_len)
{
	const struct dtd_entity *e = find(d, name, n);

	if (e == NULL)
		return NULL;
	*plain_len = strlen(e->plain);
	return e->escaped;
}

const char *
feed_dtd_warning(const struct feed_dtd *d)
{
	return d != NULL ? d->warning : NULL;
}

void
feed_dtd_free(struct feed_dtd *d)
{
	size_t i;

	if (d == NULL)
		return;
	for (i = 0; i < d->nents; i++) {
		free(d->ents[i].name);
		free(d->ents[i].plain);
		free(d->ents[i].escaped);
	}
	free(d->ents);
	free(d->warning);
	free(d);
}
