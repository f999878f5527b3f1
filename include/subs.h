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
 * (query:, exec:, filter:) are kept byte for byte and listed by
 * subs_get_all() with their kind, but are not subscriptions tidings
 * fetches. Any other line whose first word is not a URL (scheme://, no
 * blanks or controls) is kept, not used, and reported by subs_problem().
 *
 * Every line tidings does not change is written back byte for byte:
 * comments, blank lines, order, CRLF endings, a missing final newline.
 *
 * Several programs may edit the file at once (two readers, a reader and
 * `tidings --add` from a script, a text editor). So a struct subs records
 * the edits made to it since it was loaded or saved, and subs_save()
 * applies those edits to the file as it is at that moment, under a lock,
 * never writing back a stale copy; subs_stale() tells when the file
 * changed under a struct subs, so that a long-lived reader reloads it.
 */
#ifndef TIDINGS_SUBS_H
#define TIDINGS_SUBS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>


#define SUBS_MAX_FILE (16u << 20)	/* bytes of a urls or OPML file */
#define SUBS_MAX_LINE (64u << 10)	/* bytes of one line of the urls file */
#define SUBS_MAX_TAGS 256		/* tags kept per subscription */
#define SUBS_MAX_DEPTH 64		/* OPML outline nesting followed */
#define SUBS_PROBLEM_COLS 60		/* columns of a line quoted in a problem */
#define SUBS_LOCK_SUFFIX ".lock"	/* the lock file: the urls path + this */
#define SUBS_LOCK_WAIT_MS 5000		/* longest wait for another writer */

enum subs_result {
	SUBS_OK,
	SUBS_IO_ERROR,		/* reading or writing the file failed (errno kept) */
	SUBS_TOO_LARGE,		/* past SUBS_MAX_FILE or SUBS_MAX_LINE */
	SUBS_DUPLICATE,		/* subs_add: that URL is subscribed already */
	SUBS_NOT_FOUND,		/* subs_remove/subs_rename: no such URL */
	SUBS_BAD_URL,		/* empty, or contains blanks or controls */
	SUBS_BAD_OPML,		/* not well-formed XML, or not OPML */
	SUBS_READ_ONLY,		/* subs_save: the file's mode (0444) or owner
				 * forbids writing it: left alone (errno EACCES) */
	SUBS_DANGLING,		/* subs_save: the path is a symbolic link to a
				 * missing file: left alone (errno ENOENT) */
	SUBS_BUSY		/* subs_save: another program held the lock for
				 * SUBS_LOCK_WAIT_MS (errno EWOULDBLOCK) */
};
const char *subs_strerror(enum subs_result r);

/* What a subscription line is. Only SUBS_KIND_URL lines are fetched;
 * the others are newsboat's kinds, which tidings keeps but does not run
 * yet (a list should show them as "not supported", not hide them). */
enum subs_kind {
	SUBS_KIND_URL,		/* a feed at a URL */
	SUBS_KIND_QUERY,	/* "query:Name:expression": a virtual feed */
	SUBS_KIND_EXEC,		/* "exec:command": a feed a program prints */
	SUBS_KIND_FILTER	/* "filter:command:url": a URL through a program */
};

/* One subscription. Strings are owned by the struct subs it came from. */
struct subs_feed {
	const char *url;	/* for the other kinds: the whole first token,
				 * e.g. "query:Unread:unread = \"yes\"" */
	const char *title;	/* from a "~Title" tag, else NULL (for a query:
				 * line, else its Name) */
	const char *const *tags;	/* without the ~title tag */
	size_t ntags;
	enum subs_kind kind;
	bool supported;		/* kind == SUBS_KIND_URL: tidings fetches it */
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

/* Subscriptions tidings fetches (SUBS_KIND_URL) in file order; index <
 * subs_count(s). The pointer stays valid until s changes (any edit, and
 * subs_save()). */
size_t subs_count(const struct subs *s);
const struct subs_feed *subs_get(const struct subs *s, size_t index);
/* Every subscription line in file order, newsboat's query:, exec: and
 * filter: ones included (kind and supported tell them apart); index <
 * subs_count_all(s). Valid as subs_get()'s. */
size_t subs_count_all(const struct subs *s);
const struct subs_feed *subs_get_all(const struct subs *s, size_t index);
/* Lines of the file that are not usable ("line 3: not a feed URL,
 * ignored: not a url at all"), sanitised for the terminal and cut to
 * SUBS_PROBLEM_COLS; index < subs_nproblems(s). Owned by s, valid until s
 * changes. */
size_t subs_nproblems(const struct subs *s);
const char *subs_problem(const struct subs *s, size_t index);

/* The subscription (SUBS_KIND_URL) with exactly this URL, else NULL. */
const struct subs_feed *subs_find(const struct subs *s, const char *url);

/*
 * The edits below change s at once and are recorded in s; nothing is
 * written until subs_save(), which applies the recorded edits again to the
 * file as it is then.
 *
 * Append a subscription line for url with tags[0..ntags) and, when title is
 * not NULL, a "~title" tag. SUBS_DUPLICATE when url is there already,
 * SUBS_BAD_URL when it is empty or holds blanks or control characters.
 * (An OPML import is one subs_add() per feed.)
 */
enum subs_result subs_add(struct subs *s, const char *url,
    const char *const *tags, size_t ntags, const char *title);
/* Drop url's line. SUBS_NOT_FOUND when there is none. Removing a feed
 * added to s since the last save just forgets that add. */
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

/*
 * Save the edits made to s since it was loaded or last saved:
 *  1. take an advisory lock (flock) on path + SUBS_LOCK_SUFFIX, waiting at
 *     most SUBS_LOCK_WAIT_MS for another writer (SUBS_BUSY);
 *  2. read the file as it is now and apply the recorded edits to it, in
 *     order. An edit that no longer applies is skipped, not an error: an
 *     add of a URL someone else added meanwhile, a removal or edit of a
 *     line someone else removed, a rename onto a URL already there;
 *  3. write a temporary file beside it, fsync, rename over the file;
 *     release the lock, then fsync the folder.
 * A symlinked urls file stays a symlink: its target is rewritten. The
 * file keeps its mode. Refused, with the file left alone: a file whose
 * mode or owner forbids writing (SUBS_READ_ONLY, also as root), a symlink
 * to a missing file (SUBS_DANGLING). SUBS_IO_ERROR (errno kept) leaves the
 * file as it was. Missing folders are made (0700).
 *
 * On SUBS_OK s holds the file as written (other programs' changes
 * included; every subs_get() pointer is invalid) and has no pending
 * edits. On error s is unchanged, its edits still pending for a later
 * save. s from subs_parse() (not read from a file) is written whole the
 * first time, as it is.
 */
enum subs_result subs_save(struct subs *s, const char *path);
/*
 * true when the file s was last read from or written to (by subs_load or
 * subs_save) is no longer the one s holds: another program replaced,
 * edited, created or removed it (device, inode, size or mtime with
 * nanoseconds differ). A reader calls it on each tick or keypress and
 * reloads (subs_load) when it says so. false for s from subs_parse().
 */
bool subs_stale(const struct subs *s);
/* The whole of s as text (the file as s holds it); the caller frees it. */
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

#endif
