/*
 * url: RFC 3986 reference resolution, file:// URLs and the path-or-URL
 * rule. The contract is in include/url.h.
 */
#include "config.h"

#include <sys/stat.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "text.h"
#include "url.h"

/* ---- splitting (RFC 3986 appendix B) ------------------------------------ */

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

/* The length of the scheme s starts with (section 3.1's grammar, up to the
 * ':'), or 0 when it starts with none: "a b:c" is a path, not a scheme. */
static size_t
scheme_length(const char *s)
{
	size_t i = strcspn(s, ":/?#");
	size_t j;

	if (i == 0 || s[i] != ':' || !is_alpha(s[0]))
		return 0;
	for (j = 1; j < i && is_scheme_char(s[j]); j++)
		;
	return j == i ? i : 0;
}

static void
uri_split(const char *s, struct uri *u)
{
	size_t ns = scheme_length(s);

	memset(u, 0, sizeof(*u));
	if (ns > 0) {
		u->scheme = s;
		u->nscheme = ns;
		s += ns + 1;
	}
	if (s[0] == '/' && s[1] == '/') {
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

void
url_host_path(const char *url, const char **host, size_t *nhost,
    const char **path)
{
	struct uri u;
	const char *at;
	size_t n = 0;

	uri_split(url, &u);
	*host = "";
	if (u.auth != NULL) {
		*host = u.auth;
		n = u.nauth;
		if ((at = memchr(u.auth, '@', n)) != NULL) {
			n -= (size_t)(at + 1 - u.auth);
			*host = at + 1;
		}
		n = strcspn(*host, ":") < n ? strcspn(*host, ":") : n;
	}
	*nhost = n;
	*path = u.path;
}

/* ---- resolution (section 5.2) ------------------------------------------- */

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
static bool
merge_paths(const struct uri *base, const struct uri *ref, struct tbuf *b)
{
	size_t keep = base->npath;

	if (base->auth != NULL && base->npath == 0) {
		if (!tbuf_addc(b, '/'))
			return false;
	} else {
		while (keep > 0 && base->path[keep - 1] != '/')
			keep--;
		if (!tbuf_add(b, base->path, keep))
			return false;
	}
	return tbuf_add(b, ref->path, ref->npath);
}

static bool
add_dotless(struct tbuf *b, const char *path, size_t n)
{
	char *in = xstrndup(path, n), *out = xmalloc(n + 1);
	bool ok;

	remove_dot_segments(in, out);
	ok = tbuf_adds(b, out);
	free(in);
	free(out);
	return ok;
}

static bool
add_part(struct tbuf *b, const char *lead, const char *p, size_t n)
{
	return p == NULL || (tbuf_adds(b, lead) && tbuf_add(b, p, n));
}

/* A copy of ref with leading and trailing whitespace cut and tabs and
 * newlines inside removed, as browsers do with href values. */
static char *
clean_ref(const char *ref)
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

/* Section 5.2.2's path and query of the target when r has no scheme and
 * no authority: both come from base b, merged with r's. */
static bool
target_relative_path(const struct uri *b, const struct uri *r, struct uri *t,
    struct tbuf *path)
{
	struct tbuf merged;
	bool ok;

	if (r->npath == 0) {
		t->query = r->query != NULL ? r->query : b->query;
		t->nquery = r->query != NULL ? r->nquery : b->nquery;
		return tbuf_add(path, b->path, b->npath);
	}
	t->query = r->query;
	t->nquery = r->nquery;
	if (r->path[0] == '/')
		return add_dotless(path, r->path, r->npath);
	tbuf_init(&merged, URL_MAX_LENGTH);
	ok = merge_paths(b, r, &merged) &&
	    add_dotless(path, tbuf_str(&merged), merged.len);
	tbuf_free(&merged);
	return ok;
}

/* Section 5.2.2, the strict form: t's parts, its path built in path. */
static bool
target(const struct uri *b, const struct uri *r, struct uri *t,
    struct tbuf *path)
{
	memset(t, 0, sizeof(*t));
	if (r->scheme != NULL) {
		*t = *r;
		return add_dotless(path, r->path, r->npath);
	}
	t->scheme = b->scheme;
	t->nscheme = b->nscheme;
	t->frag = r->frag;
	t->nfrag = r->nfrag;
	if (r->auth != NULL) {
		t->auth = r->auth;
		t->nauth = r->nauth;
		t->query = r->query;
		t->nquery = r->nquery;
		return add_dotless(path, r->path, r->npath);
	}
	t->auth = b->auth;
	t->nauth = b->nauth;
	return target_relative_path(b, r, t, path);
}

char *
url_resolve(const char *base, const char *ref)
{
	struct uri b, r, t;
	struct tbuf out, path;
	char *clean;
	bool ok;

	if (ref == NULL)
		return NULL;
	clean = clean_ref(ref);
	if (*clean == '\0' || strlen(clean) > URL_MAX_LENGTH) {
		free(clean);
		return NULL;
	}
	if (base == NULL)
		return clean;
	uri_split(base, &b);
	uri_split(clean, &r);
	if (b.scheme == NULL && r.scheme == NULL)
		return clean;	/* nothing to resolve against */

	tbuf_init(&path, URL_MAX_LENGTH);
	tbuf_init(&out, URL_MAX_LENGTH);
	/* Section 5.3: recomposition. */
	ok = target(&b, &r, &t, &path) &&
	    tbuf_add(&out, t.scheme, t.nscheme) && tbuf_addc(&out, ':') &&
	    add_part(&out, "//", t.auth, t.nauth) &&
	    add_part(&out, "", tbuf_str(&path), path.len) &&
	    add_part(&out, "?", t.query, t.nquery) &&
	    add_part(&out, "#", t.frag, t.nfrag);
	tbuf_free(&path);
	free(clean);
	if (!ok) {
		tbuf_free(&out);
		return NULL;
	}
	return tbuf_take(&out);
}

/* ---- file:// URLs --------------------------------------------------------- */

#define FILE_SCHEME "file://"
#define LOCALHOST "localhost/"

static int
hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	return tolower((unsigned char)c) - 'a' + 10;
}

char *
url_file_path(const char *url)
{
	const char *s;
	char *path, *d;

	if (strncasecmp(url, FILE_SCHEME, STRLEN(FILE_SCHEME)) != 0)
		return NULL;
	s = url + STRLEN(FILE_SCHEME);
	if (strncasecmp(s, LOCALHOST, STRLEN(LOCALHOST)) == 0)
		s += STRLEN(LOCALHOST) - 1;	/* keep its '/' */
	if (*s != '/')
		return NULL;
	path = d = xmalloc(strlen(s) + 1);
	for (; *s != '\0' && *s != '?' && *s != '#'; s++) {
		if (s[0] == '%' && isxdigit((unsigned char)s[1]) &&
		    isxdigit((unsigned char)s[2])) {
			*d++ = (char)(hex_value(s[1]) << 4 | hex_value(s[2]));
			s += 2;
		} else {
			*d++ = *s;
		}
	}
	*d = '\0';
	return path;
}

/* path as an absolute path ("~/" and relative forms resolved, dot segments
 * removed); NULL when $HOME or the current directory is needed and
 * unknown. */
static char *
absolute_path(const char *path)
{
	char *joined, *out;

	if (path[0] == '~' && (path[1] == '/' || path[1] == '\0')) {
		const char *home = getenv("HOME");

		if (home == NULL || home[0] != '/')
			return NULL;
		joined = xasprintf("%s%s", home, path + 1);
	} else if (path[0] == '/') {
		joined = xstrdup(path);
	} else {
		char *cwd = getcwd(NULL, 0);

		if (cwd == NULL)
			return NULL;
		joined = xasprintf("%s/%s", cwd, path);
		free(cwd);
	}
	out = xmalloc(strlen(joined) + 1);
	remove_dot_segments(joined, out);
	free(joined);
	return out;
}

static bool
unreserved(unsigned char c)
{
	return is_alpha((char)c) || (c >= '0' && c <= '9') ||
	    strchr("-._~", c) != NULL;
}

bool
url_encode(struct tbuf *b, const char *s, const char *keep)
{
	static const char hex[] = "0123456789ABCDEF";
	bool ok = true;

	for (const unsigned char *p = (const unsigned char *)s; ok && *p; p++) {
		char esc[3] = { '%', hex[*p >> 4], hex[*p & 15] };

		ok = unreserved(*p) || strchr(keep, *p) != NULL ?
		    tbuf_addc(b, (char)*p) : tbuf_add(b, esc, sizeof(esc));
	}
	return ok;
}

char *
url_from_path(const char *path)
{
	char *abs = absolute_path(path);
	struct tbuf b;
	bool ok;

	if (abs == NULL)
		return NULL;
	tbuf_init(&b, URL_MAX_LENGTH);
	ok = tbuf_adds(&b, FILE_SCHEME) && url_encode(&b, abs, "/");
	free(abs);
	if (!ok) {
		tbuf_free(&b);
		return NULL;
	}
	return tbuf_take(&b);
}

/* ---- path or URL ---------------------------------------------------------- */

bool
url_is_path(const char *s)
{
	static const char *const path_starts[] = { "/", "./", "../", "~/" };
	static const char *const path_words[] = { ".", "..", "~" };
	size_t ns = scheme_length(s);
	struct stat sb;

	if (ns > 0 && strncmp(s + ns, "://", STRLEN("://")) == 0)
		return false;
	for (size_t i = 0; i < sizeof(path_starts) / sizeof(path_starts[0]); i++)
		if (starts(s, path_starts[i]))
			return true;
	for (size_t i = 0; i < sizeof(path_words) / sizeof(path_words[0]); i++)
		if (strcmp(s, path_words[i]) == 0)
			return true;
	/* A bare word: what the user has on disk wins over a host name. */
	return s[0] != '\0' && stat(s, &sb) == 0;
}
