/*
 * discover: a URL or a path -> the feeds it is or names. One behaviour for
 * the command line (--add, --export SOURCE, --read) and the TUI (`a`).
 * Knows nothing of storage or screens: which candidate to subscribe is the
 * caller's choice (discover_pick() helps).
 *
 * What it does with the input:
 * 1. fetch it (a path, as url_is_path() tells, is read as a file);
 * 2. a feed: that feed is the one candidate (via DISCOVER_VIA_INPUT);
 * 3. an HTML page: every feed its <head> names with <link rel="alternate"
 *    type="application/rss+xml|atom+xml|rdf+xml|feed+json"> (RSS, Atom and
 *    RDF first in document order, then JSON Feed; at most
 *    DISCOVER_MAX_FOUND), each fetched and parsed in parallel to check it
 *    and learn its title and item count; failed ones stay in the list with
 *    their error;
 * 4. a page that names none: discover_common_paths[] on the page's site,
 *    in parallel; only the ones that answer with a feed become candidates.
 * A permanent redirect (every hop 301/308) makes the target the
 * candidate's url and the asked URL its moved_from: subscribe the target.
 *
 * Non-blocking use (the TUI), on a fetch handle the caller owns and may
 * share with other transfers, exactly like refresh:
 *	d = discover_start(f, input, 0);
 *	loop: fetch_wait(f, STDIN_FILENO, ms);
 *	      fetch_step(f, on_done, app);  // on_done first offers each transfer
 *	                                    // to discover_claim(d, user, res)
 *	until discover_done(d); out = discover_outcome(d); ...; discover_free(d);
 * Blocking use (the command line): d = discover_run(input, flags, limits).
 *
 * Every string in the outcome that came from the network (title, error,
 * urls) is sanitised for a terminal (text_sanitize_line).
 */
#ifndef TIDINGS_DISCOVER_H
#define TIDINGS_DISCOVER_H

#include <stdbool.h>
#include <stddef.h>

#include "fetch.h"	/* struct fetch_response, struct fetch_limits */

struct feed;		/* include/feed.h */
struct discover;	/* fields live in src/discover.c */

#define DISCOVER_MAX_FOUND 64	/* feeds taken from one page's <link>s */

/* The Accept header sent for the input: feeds first, a page next. */
#define DISCOVER_ACCEPT "application/rss+xml, application/atom+xml, " \
	"application/rdf+xml, application/feed+json, application/xml;q=0.9, " \
	"text/xml;q=0.9, text/html;q=0.8, */*;q=0.5"

/* Paths tried on a site whose page names no feed, in order; NULL ends it. */
extern const char *const discover_common_paths[];

/* discover_start()/discover_run() flags. */
#define DISCOVER_INPUT_ONLY 0x1	/* fetch the input and say whether it is a
				 * feed; follow nothing (no candidates are
				 * fetched for a page: --read uses this) */

enum discover_status {
	DISCOVER_OK,		/* at least one candidate is ok (with
				 * DISCOVER_INPUT_ONLY: the input was fetched) */
	DISCOVER_FETCH_FAILED,	/* the input could not be fetched: error says why */
	DISCOVER_NO_FEED,	/* not a feed, names no feed, and no common path
				 * answers with one */
	DISCOVER_ALL_FAILED	/* the page names feeds, but none of them works
				 * (each candidate's error says why) */
};
/* A short phrase for s, e.g. "no feed found". Never NULL. */
const char *discover_strerror(enum discover_status s);

/* How a candidate was found. */
enum discover_via {
	DISCOVER_VIA_INPUT,	/* the input itself is the feed */
	DISCOVER_VIA_LINK,	/* named by the page's <link rel="alternate"> */
	DISCOVER_VIA_COMMON_PATH	/* one of discover_common_paths */
};

struct discover_candidate {
	char *url;		/* absolute; after a permanent redirect, the target */
	char *moved_from;	/* the URL a permanent redirect moved from, else NULL */
	char *title;		/* the feed's title, else the link's title
				 * attribute, else NULL */
	char *type;		/* the link's type (e.g. "application/atom+xml"),
				 * else the Content-Type served; may be NULL */
	enum discover_via via;
	bool ok;		/* fetched and parsed as a feed */
	char *error;		/* !ok: why, e.g. "HTTP 404 Not Found", "not a feed" */
	size_t nitems;		/* ok: items in the feed */
	struct feed *feed;	/* ok: the parsed feed, so the caller stores its
				 * items without fetching twice. Owned by the
				 * outcome; take it over by setting it to NULL */
	char *etag;		/* ok: the response's validators (for
				 * store_save_feed), else NULL */
	char *last_modified;
};

struct discover_outcome {
	enum discover_status status;	/* meaningful once discover_done() */
	char *input;		/* the input as given (a path stays a path) */
	char *url;		/* the URL fetched for it (a path's file:// URL) */
	char *final_url;	/* after redirects; NULL when the fetch failed */
	char *error;		/* DISCOVER_FETCH_FAILED: the fetch's message;
				 * else, when the input is not a feed, why not
				 * (e.g. "not a feed"); else NULL */
	bool is_feed;		/* the input is a feed: v[0] is it (VIA_INPUT) */
	struct tbuf page;	/* the input's bytes when it is not a feed (a
				 * page for --read), else empty */
	char *content_type;	/* the input's Content-Type, else NULL */
	struct discover_candidate *v;	/* in the order described above */
	size_t n;
};

/*
 * Start discovering input (a URL, a file:// URL or a path) on f, the
 * caller's, which must outlive d. flags: 0 or DISCOVER_INPUT_ONLY. Never
 * fails: a bad input ends as DISCOVER_FETCH_FAILED. Release with
 * discover_free().
 */
struct discover *discover_start(struct fetch *f, const char *input,
    unsigned flags);

/*
 * For a fetch_done_fn: when user is one of d's transfers, handle res and
 * return true (d may queue follow-up transfers on its fetch); otherwise
 * return false and leave res alone.
 */
bool discover_claim(struct discover *d, void *user, struct fetch_response *res);

/* fetch_step() on d's fetch handing every transfer to discover_claim():
 * only when that fetch carries nothing but this discovery. */
void discover_step(struct discover *d);

/* true once the outcome is complete. */
bool discover_done(const struct discover *d);

/* The outcome so far (complete once discover_done()). Owned by d and valid
 * until discover_free(); the caller may take candidates' feeds over. */
struct discover_outcome *discover_outcome(struct discover *d);

/* The first ok candidate for which taken(url, arg) is false (taken NULL:
 * the first ok one), else -1. The TUI preselects it; --add subscribes it. */
long discover_pick(const struct discover_outcome *o,
    bool (*taken)(const char *url, void *arg), void *arg);

/* Cancel d's transfers still queued or running and release d (and its
 * outcome, with every feed not taken over). NULL does nothing. */
void discover_free(struct discover *d);

/*
 * The blocking form for the command line: a fetch of its own with limits
 * (NULL: the defaults), run to the end. Returns a finished d; read it
 * with discover_outcome() and release it with discover_free().
 */
struct discover *discover_run(const char *input, unsigned flags,
    const struct fetch_limits *limits);

/*
 * The feeds an HTML page at base_url announces (step 3 above, without
 * fetching them), for tests and fuzzing: *out gets candidates with url,
 * title (the link's) and type set, via DISCOVER_VIA_LINK, ok false; *n
 * their count. Release with discover_candidates_free(). Never fails.
 */
void discover_find_in_html(const char *html, size_t n, const char *base_url,
    struct discover_candidate **out, size_t *nout);
void discover_candidates_free(struct discover_candidate *v, size_t n);

#endif
