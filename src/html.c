/*
 * html: HTML -> lines of styled, wrapped text with numbered link
 * references (gumbo does the parsing), the plain-text export form, and
 * RFC 3986 reference resolution. The contract is in include/html.h.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "text.h"

/* ---- URL reference resolution (RFC 3986, section 5.2) ----------------- */

/* The five parts of a URI reference; a part is absent when its pointer is
 * NULL (an empty query "?" is present but empty). Pointers into the
 * string the reference was split from. */
struct uri {
	const char *scheme, *auth, *path, *query, *frag;
	size_t nscheme, nauth, npath, nquery, nfrag;
};

static bool
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
is_scheme_char(char c)
{
	return is_alpha(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' ||
	    c == '.';
}

/* Appendix B's regular expression, with the scheme checked against the
 * grammar (a first segment like "a b:c" is a path, not a scheme). */
static void
uri_split(const char *s, struct uri *u)
{
	size_t i, n = strlen(s);

	memset(u, 0, sizeof(*u));
	i = strcspn(s, ":/?#");
	if (i > 0 && s[i] == ':' && is_alpha(s[0])) {
		size_t j;

		for (j = 1; j < i && is_scheme_char(s[j]); j++)
			;
		if (j == i) {
			u->scheme = s;
			u->nscheme = i;
			s += i + 1;
			n -= i + 1;
		}
	}
	if (n >= 2 && s[0] == '/' && s[1] == '/') {
		u->auth = s + 2;
		u->nauth = strcspn(u->auth, "/?#");
		s = u->auth + u->nauth;
	}
	u->path = s;
	u->npath = strcspn(s, "?#");
	s += u->npath;
	if (*s == '?') {
		u->query = s + 1;
		u->nquery = strcspn(u->query, "#");
		s = u->query + u->nquery;
	}
	if (*s == '#') {
		u->frag = s + 1;
		u->nfrag = strlen(u->frag);
	}
}

static bool
starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Section 5.2.4, on a NUL-terminated copy that it may scribble on; the
 * result goes to out, which has room for strlen(in) + 1 bytes. */
static void
remove_dot_segments(char *in, char *out)
{
	size_t o = 0;

	while (*in != '\0') {
		if (starts(in, "../"))
			in += 3;
		else if (starts(in, "./"))
			in += 2;
		else if (starts(in, "/./"))
			in += 2;
		else if (strcmp(in, "/.") == 0)
			*++in = '/';	/* in becomes "/" */
		else if (starts(in, "/../") || strcmp(in, "/..") == 0) {
			if (in[3] == '/')
				in += 3;
			else
				*(in += 2) = '/';	/* in becomes "/" */
			while (o > 0 && out[--o] != '/')
				;
		} else if (strcmp(in, ".") == 0 || strcmp(in, "..") == 0)
			in += strlen(in);
		else {
			do
				out[o++] = *in++;
			while (*in != '\0' && *in != '/');
		}
	}
	out[o] = '\0';
}

/* Section 5.2.3: the base path up to its last '/', then the reference's. */
static void
merge_paths(const struct uri *base, const struct uri *ref, struct tbuf *b)
{
	size_t keep = base->npath;
	bool ok = true;

	if (base->auth != NULL && base->npath == 0)
		ok = tbuf_addc(b, '/');
	else {
		while (keep > 0 && base->path[keep - 1] != '/')
			keep--;
		ok = tbuf_add(b, base->path, keep);
	}
	ok = ok && tbuf_add(b, ref->path, ref->npath);
	(void)ok;	/* the buffer is unbounded; it cannot refuse */
}

static void
add_dotless(struct tbuf *b, const char *path, size_t n)
{
	char *in = xstrndup(path, n), *out = xmalloc(n + 1);

	remove_dot_segments(in, out);
	if (!tbuf_adds(b, out))
		fatalx("html: URL too long");
	free(in);
	free(out);
}

static void
add_part(struct tbuf *b, const char *lead, const char *p, size_t n)
{
	if (p == NULL)
		return;
	if (!tbuf_adds(b, lead) || !tbuf_add(b, p, n))
		fatalx("html: URL too long");
}

/* A copy of ref with leading and trailing whitespace cut and tabs and
 * newlines inside removed, as browsers do with href values. */
static char *
url_clean(const char *ref)
{
	size_t n, i, o = 0;
	char *s;

	while (*ref == ' ' || (*ref >= '\t' && *ref <= '\r'))
		ref++;
	n = strlen(ref);
	while (n > 0 && (ref[n - 1] == ' ' ||
	    (ref[n - 1] >= '\t' && ref[n - 1] <= '\r')))
		n--;
	s = xmalloc(n + 1);
	for (i = 0; i < n; i++)
		if (ref[i] != '\t' && ref[i] != '\n' && ref[i] != '\r')
			s[o++] = ref[i];
	s[o] = '\0';
	return s;
}

char *
html_resolve_url(const char *base, const char *ref)
{
	struct uri b, r, t;
	struct tbuf out, path;
	char *clean;

	if (ref == NULL)
		return NULL;
	clean = url_clean(ref);
	if (*clean == '\0') {
		free(clean);
		return NULL;
	}
	if (base == NULL) {
		return clean;
	}
	uri_split(base, &b);
	uri_split(clean, &r);
	if (b.scheme == NULL && r.scheme == NULL)
		return clean;	/* nothing to resolve against */

	/* Section 5.2.2, the strict form ("http:g" keeps its scheme). */
	tbuf_init(&path, SIZE_MAX / 2);
	memset(&t, 0, sizeof(t));
	t.frag = r.frag;
	t.nfrag = r.nfrag;
	if (r.scheme != NULL) {
		t = r;
		add_dotless(&path, r.path, r.npath);
	} else {
		t.scheme = b.scheme;
		t.nscheme = b.nscheme;
		if (r.auth != NULL) {
			t.auth = r.auth;
			t.nauth = r.nauth;
			add_dotless(&path, r.path, r.npath);
			t.query = r.query;
			t.nquery = r.nquery;
		} else {
			t.auth = b.auth;
			t.nauth = b.nauth;
			if (r.npath == 0) {
				if (!tbuf_add(&path, b.path, b.npath))
					fatalx("html: URL too long");
				t.query = r.query != NULL ? r.query : b.query;
				t.nquery = r.query != NULL ? r.nquery : b.nquery;
			} else {
				if (r.path[0] == '/')
					add_dotless(&path, r.path, r.npath);
				else {
					struct tbuf merged;

					tbuf_init(&merged, SIZE_MAX / 2);
					merge_paths(&b, &r, &merged);
					add_dotless(&path, merged.ptr, merged.len);
					tbuf_free(&merged);
				}
				t.query = r.query;
				t.nquery = r.nquery;
			}
		}
	}

	/* Section 5.3: recomposition. */
	tbuf_init(&out, SIZE_MAX / 2);
	if (!tbuf_add(&out, t.scheme, t.nscheme) || !tbuf_addc(&out, ':'))
		fatalx("html: URL too long");
	add_part(&out, "//", t.auth, t.nauth);
	add_part(&out, "", tbuf_str(&path), path.len);
	add_part(&out, "?", t.query, t.nquery);
	add_part(&out, "#", t.frag, t.nfrag);
	tbuf_free(&path);
	free(clean);
	return tbuf_take(&out);
}

/* ---- rendering (being written; these keep callers linking) ------------ */

void
html_render(const char *html, size_t n, const struct html_options *opt,
    struct html_doc *out)
{
	(void)html;
	(void)n;
	(void)opt;
	memset(out, 0, sizeof(*out));
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

char *
html_to_text(const char *html, size_t n)
{
	return text_sanitize(html, n < HTML_MAX_INPUT ? n : HTML_MAX_INPUT,
	    true);
}

char *
html_line_text(const struct html_line *l)
{
	struct tbuf b;
	size_t i;

	tbuf_init(&b, SIZE_MAX / 2);
	for (i = 0; i < l->nspans; i++)
		if (!tbuf_adds(&b, l->spans[i].text))
			fatalx("html: line too long");
	return tbuf_take(&b);
}
