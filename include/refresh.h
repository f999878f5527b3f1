/*
 * refresh: bring the cache up to date with a list of subscriptions. The
 * wiring between fetch (the transfers), feed (parsing) and store (the
 * cache) that both `tidings --refresh` and the TUI use.
 *
 * Every URL is queued on one struct fetch with the validators the store
 * kept; each finished transfer is handled in the same turn:
 * - 304 (or an unchanged file://): store_feed_not_modified(), nothing parsed;
 * - 2xx: feed_parse(), then store_save_feed();
 * - any failure (HTTP status, network, too large, not a feed...):
 *   store_feed_failed() with the reason; cached items stay.
 * The feeds finished in one fetch_step() are saved as one store batch,
 * committed at the end of that step (fetch_set_step_end, which
 * refresh_start installs on f and refresh_free removes) and only then
 * reported to progress: a batch is never open while the loop waits, and
 * a crash leaves each feed wholly old or wholly new.
 * One feed's failure never stops the others. A permanent redirect is
 * reported (progress.moved_to); the subscription is not rewritten here.
 *
 * Non-blocking use (the TUI), with a fetch handle the caller owns and may
 * share with other transfers:
 *	r = refresh_start(st, f, urls, n, on_progress, app);
 *	loop: key = fetch_wait(f, STDIN_FILENO, ms);
 *	      fetch_step(f, on_done, app);   // on_done first offers each
 *	                                     // transfer to refresh_claim(r, ...)
 *	      (or refresh_step(r) when f carries only the refresh)
 *	until refresh_done(r); refresh_summary(r, &sum); refresh_free(r);
 * Blocking use (`--refresh`): refresh_run().
 */
#ifndef TIDINGS_REFRESH_H
#define TIDINGS_REFRESH_H

#include <stdbool.h>
#include <stddef.h>

#include "fetch.h"

struct store;	/* include/store.h */
struct refresh;	/* fields live in src/refresh.c */

/* The Accept header sent for feeds. */
#define REFRESH_ACCEPT "application/rss+xml, application/atom+xml, " \
	"application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8"

enum refresh_outcome {
	REFRESH_UPDATED,	/* parsed and saved; nnew items were not cached before */
	REFRESH_NOT_MODIFIED,	/* 304: nothing parsed, nothing changed */
	REFRESH_FAILED		/* error says why; the cached items stay */
};

/* One finished feed, as passed to the progress callback. Every pointer is
 * valid only during the call; title, error and moved_to come from the
 * network but are already sanitised for a terminal. */
struct refresh_progress {
	size_t done, total;	/* done counts this feed: 1..total */
	const char *url;	/* as subscribed */
	const char *title;	/* the feed's title (new or cached), else NULL */
	enum refresh_outcome outcome;
	long long nnew;		/* REFRESH_UPDATED: new items */
	const char *error;	/* REFRESH_FAILED: e.g. "HTTP 404 Not Found",
				 * "not a feed", "cache: database is locked" */
	const char *moved_to;	/* a permanent redirect's target, else NULL */
	const char *warning;	/* REFRESH_UPDATED, REFRESH_NOT_MODIFIED: the feed's
				 * warning (a cap hit: "more than 50000 items; the
				 * rest was left out"), as store_feed.warning keeps
				 * it; else NULL. Sanitised */
};
typedef void (*refresh_progress_fn)(const struct refresh_progress *p, void *arg);

struct refresh_summary {
	size_t total, updated, not_modified, failed;
	long long nnew;		/* new items over all feeds */
};

/*
 * Queue every URL of urls[0..n) on f (the caller's; it must outlive the
 * refresh), with the validators st keeps. progress (may be NULL) is called
 * once per finished feed with arg. A URL given twice is refreshed and
 * counted once. Never fails; release with refresh_free(). urls are copied.
 */
struct refresh *refresh_start(struct store *st, struct fetch *f,
    const char *const *urls, size_t n, refresh_progress_fn progress, void *arg);

/*
 * The same for feeds synced from a server (include/sync.h): their items
 * are the server's, which carries no community ratings, so each document
 * is read only for those (store_sync_put_ratings); REFRESH_UPDATED's
 * nnew counts the cached items that got a rating. 304s and failures are
 * recorded as a refresh records them.
 */
struct refresh *refresh_start_ratings(struct store *st, struct fetch *f,
    const char *const *urls, size_t n, refresh_progress_fn progress, void *arg);

/*
 * For a caller whose fetch_done_fn sees other transfers too: when user is
 * one of r's transfers, handle res (parse, store, progress) and return
 * true; otherwise return false and leave res alone.
 */
bool refresh_claim(struct refresh *r, void *user, struct fetch_response *res);

/* fetch_step() on r's fetch with a callback that hands every transfer to
 * refresh_claim(): only when that fetch carries nothing but this refresh. */
void refresh_step(struct refresh *r);

/* true once every feed has been reported. */
bool refresh_done(const struct refresh *r);
/* The counts so far. */
void refresh_summary(const struct refresh *r, struct refresh_summary *out);

/* Cancel the transfers of r still queued or running (no more progress)
 * and release it; NULL does nothing. */
void refresh_free(struct refresh *r);

/*
 * The blocking form for `tidings --refresh`: a fetch of its own with limits
 * (NULL: the defaults), run to the end. *sum (may be NULL) receives the
 * counts. Returns true when every feed succeeded (updated or not
 * modified).
 */
bool refresh_run(struct store *st, const char *const *urls, size_t n,
    const struct fetch_limits *limits, refresh_progress_fn progress, void *arg,
    struct refresh_summary *sum);

#endif
