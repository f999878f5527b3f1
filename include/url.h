/*
 * url: RFC 3986 reference resolution, file:// URLs, and the one rule that
 * tells a path from a URL. Knows nothing of the network or of HTML.
 *
 * Every function returning char * hands the caller a new string to free(),
 * or NULL as each comment says; none of them fails for lack of memory.
 */
#ifndef TIDINGS_URL_H
#define TIDINGS_URL_H

#include <stdbool.h>
#include <stddef.h>

struct tbuf;	/* include/text.h */

#define URL_MAX_LENGTH (1u << 20)	/* bytes of a URL built here; longer is NULL */

/*
 * Resolve ref against base (RFC 3986 section 5.2, the strict form: "http:g"
 * keeps its scheme). Leading and trailing blanks of ref are cut and tabs
 * and newlines inside it dropped, as browsers do with href values. NULL
 * when ref is NULL or empty, or when the result would pass URL_MAX_LENGTH.
 * When base is NULL, or neither base nor ref has a scheme, ref comes back
 * as it is (cleaned).
 */
char *url_resolve(const char *base, const char *ref);

/*
 * Where url's host and path are, as pointers into url: the host without
 * userinfo or port (empty when url has no "//" authority), and the path
 * with whatever follows it (query and fragment included), up to the NUL.
 */
void url_host_path(const char *url, const char **host, size_t *nhost,
    const char **path);

/*
 * The local path of a file:// URL ("file:///p" or "file://localhost/p"),
 * percent-decoded, without its query or fragment. NULL when url is not a
 * file URL with an absolute path (another host, another scheme).
 */
char *url_file_path(const char *url);

/*
 * Append s to b with every byte outside RFC 3986's unreserved set and the
 * characters of keep percent-encoded (%XX): a path for a file:// URL
 * (keep "/"), a form or query value (keep ""). false when b is full.
 */
bool url_encode(struct tbuf *b, const char *s, const char *keep);

/*
 * A file:// URL for path: "~/" expanded with $HOME, a relative path made
 * absolute against the current directory, "." and ".." segments removed
 * (lexically, as a URL parser would), every byte outside RFC 3986's
 * unreserved set and '/' percent-encoded, so a folder with blanks stays one
 * URL. NULL when path needs $HOME and it is unset, when the current
 * directory cannot be read, or when the URL would pass URL_MAX_LENGTH.
 */
char *url_from_path(const char *path);

/*
 * Whether s, as a user typed it where a feed or page is asked for, names a
 * local file rather than a URL. The rule, in order:
 *   - "scheme://..." (a scheme as RFC 3986 spells it) is a URL;
 *   - "/...", "./...", "../...", "~/...", ".", ".." and "~" are paths;
 *   - a bare word ("feed.xml", "example.com/rss") is a path when a file or
 *     folder of that name exists relative to the current directory, and
 *     otherwise a URL without its scheme (callers add "https://").
 * "file://..." is a URL: url_file_path() gives its path.
 */
bool url_is_path(const char *s);

#endif
