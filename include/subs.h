/*
 * subs: the subscription list ($XDG_CONFIG_HOME/tidings/urls) and OPML
 * import/export. Knows nothing of the network.
 *
 * The urls file uses newsboat's format, one subscription a line:
 *
 *	https://example.org/feed.xml news "tech news" "~My title"
 *
 * a URL, then tags separated by blanks; a tag with blanks is quoted ("...",
 * with \" and \\ inside); a tag starting with ~ renames the feed. Lines
 * starting with # are comments. Lines of other kinds newsboat knows
 * (query:, exec:, filter: ...) are kept but are not subscriptions here.
 * Any other line whose first word is not a URL (scheme://, no blanks or
 * controls) is kept, not used, and reported by subs_problem().
 *
 * Every line tidings does not change is written back byte for byte:
 * comments, blank lines, order, CRLF endings, a missing final newline.
 * subs_save() replaces the file atomically (temporary file in the same
 * folder, fsync, rename, fsync of the folder).
 */
#ifndef TIDINGS_SUBS_H
#define TIDINGS_SUBS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "discover.h"	/* the discovery names kept below */

#define SUBS_MAX_FILE (16u << 20)	/* bytes of a urls or OPML file */
#define SUBS_MAX_LINE (64u << 10)	/* bytes of one line of the urls file */
#define SUBS_MAX_TAGS 256		/* tags kept per subscription */
#define SUBS_MAX_DEPTH 64		/* OPML outline nesting followed */
#define SUBS_PROBLEM_COLS 60		/* columns of a line quoted in a problem */

enum subs_result {
	SUBS_OK,
	SUBS_IO_ERROR,		/* reading or writing the file failed (errno kept) */
	SUBS_TOO_LARGE,		/* past SUBS_MAX_FILE or SUBS_MAX_LINE */
	SUBS_DUPLICATE,		/* subs_add: that URL is subscribed already */
	SUBS_NOT_FOUND,		/* subs_remove/subs_rename: no such URL */
	SUBS_BAD_URL,		/* empty, or contains blanks or controls */
	SUBS_BAD_OPML		/* not well-formed XML, or not OPML */
};
const char *subs_strerror(enum subs_result r);

/* One subscription. Strings are owned by the struct subs it came from. */
struct subs_feed {
	const char *url;
	const char *title;	/* from a "~Title" tag, else NULL */
	const char *const *tags;	/* without the ~title tag */
	size_t ntags;
};

struct subs;	/* fields live in src/subs.c */

/*
 * Read the urls file at path. A missing file gives an empty list (the file
 * is created by the first subs_save()). On SUBS_OK *out is the caller's,
 * release it with subs_free(); on error *out is NULL and errno says more
 * for SUBS_IO_ERROR.
 */
enum subs_result subs_load(const char *path, struct subs **out);
/* The same from bytes in memory (for tests and fuzzing). */
enum subs_result subs_parse(const char *data, size_t n, struct subs **out);
void subs_free(struct subs *s);

/* Subscriptions in file order; index < subs_count(s). The pointer stays
 * valid until s changes. */
size_t subs_count(const struct subs *s);
const struct subs_feed *subs_get(const struct subs *s, size_t index);
/* Lines of the file that are not usable ("line 3: not a feed URL,
 * ignored: not a url at all"), sanitised for the terminal and cut to
 * SUBS_PROBLEM_COLS; index < subs_nproblems(s). Owned by s, valid until s
 * changes. */
size_t subs_nproblems(const struct subs *s);
const char *subs_problem(const struct subs *s, size_t index);

/* The subscription with exactly this URL, else NULL. */
const struct subs_feed *subs_find(const struct subs *s, const char *url);

/*
 * Append a subscription line for url with tags[0..ntags) and, when title is
 * not NULL, a "~title" tag. SUBS_DUPLICATE when url is there already,
 * SUBS_BAD_URL when it is empty or holds blanks or control characters.
 * Nothing is written until subs_save().
 */
enum subs_result subs_add(struct subs *s, const char *url,
    const char *const *tags, size_t ntags, const char *title);
/* Drop url's line. SUBS_NOT_FOUND when there is none. */
enum subs_result subs_remove(struct subs *s, const char *url);
/* Replace url by new_url on its line, keeping its tags. */
enum subs_result subs_rename(struct subs *s, const char *url, const char *new_url);

/*
 * Edit url's line in place: it keeps its position in the file and its
 * ending, and every other line stays byte for byte. subs_set_title sets
 * the "~title" tag (NULL or "": none, the feed's own title shows) and
 * keeps the tags as they are written; subs_set_tags replaces the tags with
 * tags[0..ntags) (empty ones and ones starting with ~ are skipped; ones
 * with blanks are quoted, as newsboat writes them) and keeps the title.
 * A # comment at the end of the line stays. SUBS_NOT_FOUND when url has
 * no line, SUBS_TOO_LARGE past SUBS_MAX_LINE (nothing changed then).
 * Nothing is written until subs_save().
 */
enum subs_result subs_set_title(struct subs *s, const char *url,
    const char *title);
enum subs_result subs_set_tags(struct subs *s, const char *url,
    const char *const *tags, size_t ntags);

/* Write s to path atomically. SUBS_IO_ERROR (errno kept) leaves the old
 * file as it was. */
enum subs_result subs_save(const struct subs *s, const char *path);
/* The whole file as it would be saved; the caller frees it. */
char *subs_format(const struct subs *s, size_t *len);

/* ---- OPML ---------------------------------------------------------------- */

/* Feeds read from an OPML document; owns everything in it. */
struct subs_opml_feed {
	char *url;		/* xmlUrl */
	char *title;		/* title, else text; may be NULL */
	char **tags;		/* the titles of the enclosing outlines, outermost
				 * first, then the category attribute's entries */
	size_t ntags;
};
struct subs_opml {
	struct subs_opml_feed *v;
	size_t n;
};
void subs_opml_free(struct subs_opml *o);

/*
 * Parse an OPML document (any version, UTF-8 or a declared legacy
 * encoding) from data[0..n): every outline with an xmlUrl, in document
 * order. Only the SUBS_MAX_DEPTH nearest enclosing outlines give tags. On
 * SUBS_OK *out is the caller's (subs_opml_free); on error it is empty.
 */
enum subs_result subs_opml_parse(const char *data, size_t n, struct subs_opml *out);

/*
 * Write s as OPML 2.0 to out: one outline per subscription with type, text,
 * title, xmlUrl and, for tags, a category attribute ("tag1,tag2"). A
 * tagged feed sits in a folder outline named after its first tag (the way
 * most readers file feeds); folders come where their first feed was. The
 * title is the ~title, else title_of(url, arg) when title_of is given and
 * returns non-NULL (a string the caller keeps), else the URL. Returns false
 * when writing failed.
 */
typedef const char *(*subs_title_fn)(const char *url, void *arg);
bool subs_opml_write(const struct subs *s, subs_title_fn title_of, void *arg,
    FILE *out);

/* ---- discovery: moved to include/discover.h ------------------------------ */

/* Kept only until test_subs.c, fuzz_subs.c and ui/actions.c use
 * discover_find_in_html() and discover_common_paths; then deleted. */
#define SUBS_MAX_FOUND DISCOVER_MAX_FOUND
#define subs_common_feed_paths discover_common_paths
struct subs_found {
	char *url;		/* absolute */
	char *title;		/* the link's title attribute; may be NULL */
	char *type;		/* e.g. "application/rss+xml" */
};
struct subs_found_list {
	struct subs_found *v;
	size_t n;
};
void subs_found_free(struct subs_found_list *l);
/* discover_find_in_html() in the old shape. */
void subs_find_feeds_in_html(const char *html, size_t n, const char *base_url,
    struct subs_found_list *out);

#endif
