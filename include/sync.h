/*
 * sync: keep the cache in step with a feed server (the Google Reader API
 * family first: FreshRSS, Miniflux, Inoreader, The Old Reader). Local
 * first: the store queues every change the reader makes to a synced item
 * (include/store.h, "sync"), and a sync
 *   1. logs in (the token is kept in the cache's sync state and tried
 *      first; refused, the login is done again once),
 *   2. sends the queued changes in the order made, removing each only once
 *      the server confirmed it (a failure stops the sync: nothing lost),
 *   3. takes the server's subscriptions as the feed list (folders as
 *      tags; feeds the server no longer lists are dropped from the cache;
 *      the urls file is never touched) -- but only when the list can have
 *      changed as far as tidings can know (see "what each request
 *      proves" below),
 *   4. asks for the ids of the items crawled since the last sync's mark
 *      (all of them the first time), page by page with the server's
 *      continuation, drops the ids the cache already holds, and fetches
 *      the contents of the rest in batches of SYNC_CONTENTS_BATCH, each
 *      batch stored as it comes (a sync cut short and run again does not
 *      download again what it saved), and
 *   5. takes the server's unread and starred sets, except where a change
 *      of the reader's still waits (the later, local change wins).
 * Only after all of it is the new mark saved, so a sync cut short (a
 * failure, kill -9) is simply done again by the next one. Then
 *   6. the ratings: the server's items carry no community ratings
 *      (media:starRating), so the feeds due (SYNC_RATINGS_EVERY) are
 *      fetched from their own URLs, conditionally and in parallel, as a
 *      refresh does (refresh_start_ratings), and each rating given to the
 *      synced item with the same link, else guid. A feed that fails there
 *      keeps its error under `E`; the sync still succeeded.
 * The reader's own 1-5 ratings travel as item labels (greader.c).
 *
 * What each request proves, so that a sync with nothing new costs three
 * requests (the ids since the mark, the unread set, the starred set; a
 * kept token needs no login):
 * - the ids since the mark name every item crawled since; an id the cache
 *   holds needs nothing more (its read and starred state come with the
 *   two sets), so no contents are asked for when nothing is new. The
 *   API's "ot" has whole seconds, so the mark's second is listed again
 *   (on FreshRSS a whole crawl shares one): newest first, a page the
 *   cache holds whole, none of it after the mark, ends the listing;
 * - the subscription list is the only answer that tells titles, folders
 *   and unsubscriptions, and nothing cheaper proves it unchanged. It is
 *   taken on the first sync (no "subscriptions_at" in the sync state),
 *   with every edit of ours (sync_start_edit), when the contents of a new
 *   item name a stream the cache does not know (another client
 *   subscribed; the list is taken and the items step runs again, the
 *   items already saved being known by then), and otherwise once
 *   SYNC_SUBSCRIPTIONS_EVERY seconds have passed since the last one (the
 *   time is kept in the sync state as "subscriptions_at"): a rename, a
 *   move or an unsubscription made by another client shows after at most
 *   that long, or at once with the next item of a new feed;
 * - the reader's own ratings (labels) come with an item's contents; a
 *   label another install changes on an item the cache already holds
 *   shows in no answer above, so whenever the subscription list is taken
 *   the sync also takes the label list and lists each tidings-rating-N
 *   label the server has (up to six requests), and takes those sets
 *   whole, as it does the unread and starred sets: a rating made
 *   elsewhere arrives within SYNC_SUBSCRIPTIONS_EVERY.
 *
 * A backend (src/sync/greader.c) knows one API: how to phrase each
 * operation as HTTP requests and read the answers. The engine
 * (src/sync/sync.c) runs the steps above on any backend, so a second API
 * (Miniflux's own, Nextcloud News) is one more file.
 *
 * Non-blocking use (the TUI), on a fetch handle the caller owns and may
 * share with refreshes and page loads, as refresh does:
 *	s = sync_start(st, &cfg, f, on_progress, app);
 *	loop: key = fetch_wait(f, STDIN_FILENO, ms);
 *	      fetch_step(f, on_done, app);  // on_done first offers each
 *	                                    // transfer to sync_claim(s, ...)
 *	      (or sync_step(s) when f carries only the sync)
 *	until sync_done(s); sync_summary(s, &sum); sync_free(s);
 * Blocking use (`tidings --sync`): sync_run(), on a fetch of its own.
 *
 * One request of a sync runs at a time, as a fetch API call (struct
 * fetch_call: a POST form, the Authorization and configured headers, no
 * redirects, answers capped at SYNC_MAX_BODY).
 * Nothing from the server reaches the terminal unsanitised: every text in
 * struct sync_progress and struct sync_summary went through
 * text_sanitize_line(). The password never appears in an error, a log or
 * the cache: only the server's token is kept.
 */
#ifndef TIDINGS_SYNC_H
#define TIDINGS_SYNC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "feed.h"	/* struct feed_item is embedded in struct sync_item */
#include "fetch.h"	/* struct fetch_limits, struct fetch_response */

struct store;		/* include/store.h */
struct store_change;	/* include/store.h */
struct store_sync_item;	/* include/store.h */

/* ---- limits ------------------------------------------------------------ */

#define SYNC_MAX_BODY (8u << 20)	/* bytes of one server answer; more fails (a
					 * batch of SYNC_CONTENTS_BATCH items is far less) */
#define SYNC_MAX_JSON_DEPTH 32		/* nesting of an answer's JSON */
#define SYNC_CONTENTS_BATCH 250		/* items whose contents one request
					 * asks for */
#define SYNC_MAX_PAGES 2000		/* pages of ids of one stream in one sync */
#define SYNC_MAX_IDS 200000		/* ids of the unread or starred set, and
					 * new items fetched by one sync (the
					 * rest come with the next) */
#define SYNC_IDS_PAGE 50000		/* ids of the unread or starred set asked
					 * for per page */
#define SYNC_NEW_IDS_PAGE 1000		/* ids since the mark asked for per
					 * page; a page the cache holds, all
					 * at or before the mark, is the last */
#define SYNC_SUBSCRIPTIONS_EVERY (10 * 60)	/* seconds after which a sync
					 * takes the subscription list again
					 * though nothing else asked for it */
#define SYNC_PUSH_BATCH 100		/* item ids per write request */
#define SYNC_MAX_HEADERS 8		/* sync-header lines */
#define SYNC_MAX_PASSWORD 1024		/* bytes of a password */
#define SYNC_MAX_TOKEN 1024		/* bytes of a token the server gives */
#define SYNC_MAX_FIELD 4096		/* bytes of a title, URL or folder name kept */
#define SYNC_MAX_TEXT (1u << 20)	/* bytes of one item's content kept */
#define SYNC_PASSWORD_TIMEOUT_MS 10000	/* sync-password-command may take this long */
#define SYNC_MAX_RATING_LABELS 5	/* tidings-rating-1..5 */
/* A synced feed's own document is read for its community ratings when
 * never read, then again this many seconds after the last read when its
 * items have ratings, and daily when they had none (it may start). */
#define SYNC_RATINGS_EVERY (15 * 60)
#define SYNC_RATINGS_UNRATED_EVERY (24 * 60 * 60)

/* ---- configuration (filled by conf, include/conf.h) --------------------- */

enum sync_kind {
	SYNC_NONE,	/* no sync: the urls file is the feed list */
	SYNC_GREADER	/* the Google Reader API */
};

struct sync_config {
	enum sync_kind kind;
	const char *url;	/* the API base, e.g. https://rss.example.org/api/greader.php */
	const char *user;
	const char *password;	/* the resolved password (conf_sync_password()) */
	const char *const *headers;	/* "Name: value" lines sent with every
					 * request (Inoreader's AppId/AppKey) */
	size_t nheaders;
	bool allow_plain_http;	/* http:// to a host other than loopback */
};

/* ---- results ----------------------------------------------------------- */

enum sync_result {
	SYNC_OK,
	SYNC_NOT_CONFIGURED,	/* no sync line, or sync-url/sync-user missing */
	SYNC_INSECURE,		/* http:// to a non-loopback host, not allowed */
	SYNC_AUTH,		/* the server refused the user or password */
	SYNC_NETWORK,		/* the server could not be reached or broke off */
	SYNC_TIMEOUT,		/* the server stalled past the timeouts */
	SYNC_SERVER,		/* the server answered with an HTTP error (5xx...) */
	SYNC_BAD_RESPONSE,	/* the answer is not what the API promises
				 * (not JSON, truncated, too large, too deep) */
	SYNC_STORE		/* the cache failed */
};
struct conf;	/* include/conf.h */
/*
 * Fill *sc from the config's sync settings, all but the password
 * (sc->password NULL: the caller reads it with conf_sync_password() when
 * it chooses, and wipes it). false with *why (the caller's) when sync is
 * not configured or a setting is unusable.
 */
bool sync_config_from(const struct conf *c, struct sync_config *sc,
    char **why);

/* A short phrase for r ("wrong user or password"); never NULL. */
const char *sync_strerror(enum sync_result r);

/* ---- the backend interface ---------------------------------------------- */

/* One HTTP request a backend wants made. Every pointer is the request's;
 * sync_request_clear() frees them. */
struct sync_request {
	char *url;
	char *form;		/* POST with this application/x-www-form-urlencoded
				 * body; NULL: GET */
	char *auth;		/* an Authorization header value, else NULL */
	bool secret;		/* the request carries the password: its URL and
				 * body never go into a message */
};
void sync_request_clear(struct sync_request *r);

/* The server's subscription list. */
struct sync_feed {
	char *id;		/* the server's stream id, e.g. "feed/3" */
	char *url;		/* the feed's own URL: the store's key */
	char *title, *link;	/* may be NULL */
	char **folders;		/* nfolders names ("Tech") */
	size_t nfolders;
};
struct sync_feeds {
	struct sync_feed *v;
	size_t n;
};
void sync_feeds_free(struct sync_feeds *l);

/* A batch of items; every string is the batch's. */
struct sync_item {
	int64_t id;		/* the server's item id */
	int64_t ts_usec;	/* crawl time, microseconds */
	char *feed;		/* the stream id of its feed */
	bool read, starred;
	int rating;		/* 1..5 from a tidings-rating-N label, else 0 */
	struct feed_item item;	/* the fields; item.id is the guid to match on */
};
struct sync_items {
	struct sync_item *v;
	size_t n;
};
void sync_items_free(struct sync_items *l);

/* A page of item ids (new since a mark, unread or starred). */
struct sync_ids {
	int64_t *v;
	size_t n;
	char *continuation;	/* NULL on the last page */
};
void sync_ids_free(struct sync_ids *l);

/*
 * How an operation goes: the engine calls its function with prev = NULL;
 * the backend fills *next and answers SYNC_STEP_MORE, or reads the answer
 * to its last request (prev, the whole response) and either asks for
 * another request the same way, or ends with SYNC_STEP_DONE (the outputs
 * are filled) or SYNC_STEP_FAILED (*err: a message for the user, already
 * free of the password; the caller frees it).
 */
enum sync_step { SYNC_STEP_MORE, SYNC_STEP_DONE, SYNC_STEP_FAILED };

/* The sets of items a sync takes whole from the server. */
enum sync_set { SYNC_SET_UNREAD, SYNC_SET_STARRED, SYNC_SET_RATED };

struct sync_backend {
	const char *name;	/* "greader" */
	/* b is the backend's state: made by new (from c, copied), freed by free */
	void *(*new)(const struct sync_config *c);
	void (*free)(void *b);
	/* The token saved by the last login, or NULL: skip the login when the
	 * cache keeps one (set_token), log in again on SYNC_AUTH. */
	const char *(*token)(void *b);
	void (*set_token)(void *b, const char *token);

	enum sync_step (*login)(void *b, const struct fetch_response *prev,
	    struct sync_request *next, enum sync_result *res, char **err);
	/* send changes[0..n): *used receives how many this request covers
	 * (the engine removes them once DONE) */
	enum sync_step (*push)(void *b, const struct store_change *changes,
	    size_t n, size_t *used, const struct fetch_response *prev,
	    struct sync_request *next, enum sync_result *res, char **err);
	enum sync_step (*subscriptions)(void *b, const struct fetch_response *prev,
	    struct sync_request *next, struct sync_feeds *out,
	    enum sync_result *res, char **err);
	/* one page of the ids of the items crawled after since_usec (0:
	 * all), newest first, from continuation (NULL: the first page) */
	enum sync_step (*item_ids)(void *b, int64_t since_usec,
	    const char *continuation, const struct fetch_response *prev,
	    struct sync_request *next, struct sync_ids *out,
	    enum sync_result *res, char **err);
	/* the items ids[0..n) (n <= SYNC_CONTENTS_BATCH) with their fields, in
	 * one request; an id the server no longer has is left out */
	enum sync_step (*contents)(void *b, const int64_t *ids, size_t n,
	    const struct fetch_response *prev, struct sync_request *next,
	    struct sync_items *out, enum sync_result *res, char **err);
	/* one page of the ids of a set: the unread, the starred, or the
	 * items labelled with the reader's rating (1..SYNC_MAX_RATING_LABELS) */
	enum sync_step (*ids)(void *b, enum sync_set set, int rating,
	    const char *continuation, const struct fetch_response *prev,
	    struct sync_request *next, struct sync_ids *out,
	    enum sync_result *res, char **err);
	/* which rating labels exist on the server: bit N of *mask for
	 * label N (1..SYNC_MAX_RATING_LABELS); only those are listed (the
	 * Google Reader API answers a list of an unknown label with every
	 * item) */
	enum sync_step (*rating_labels)(void *b, const struct fetch_response *prev,
	    struct sync_request *next, unsigned *mask, enum sync_result *res,
	    char **err);
	/* subscribe to url (title, folder may be NULL); unsubscribe the
	 * stream id; rename/move: title (NULL keeps), folder to add and to
	 * remove (NULL: none) */
	enum sync_step (*subscribe)(void *b, const char *url, const char *title,
	    const char *folder, const struct fetch_response *prev,
	    struct sync_request *next, enum sync_result *res, char **err);
	enum sync_step (*unsubscribe)(void *b, const char *id,
	    const struct fetch_response *prev, struct sync_request *next,
	    enum sync_result *res, char **err);
	enum sync_step (*edit)(void *b, const char *id, const char *title,
	    const char *add_folder, const char *remove_folder,
	    const struct fetch_response *prev, struct sync_request *next,
	    enum sync_result *res, char **err);
};

/* The Google Reader API (src/sync/greader.c). */
extern const struct sync_backend sync_greader;

/* The backend for kind; NULL for SYNC_NONE. */
const struct sync_backend *sync_backend_for(enum sync_kind kind);

/*
 * Check c (all but the password) before any transfer: SYNC_NOT_CONFIGURED or SYNC_INSECURE with
 * *why (the caller's) saying what to fix, e.g. "sync-url
 * http://rss.example.org/ is plain http to another host; use https or
 * set sync-allow-plain-http yes". SYNC_OK and *why NULL when usable.
 */
enum sync_result sync_check_config(const struct sync_config *c, char **why);

/* ---- the engine -------------------------------------------------------- */

enum sync_phase {
	SYNC_PHASE_LOGIN,
	SYNC_PHASE_EDIT,	/* sync_start_edit() only */
	SYNC_PHASE_PUSH,
	SYNC_PHASE_SUBSCRIPTIONS,
	SYNC_PHASE_ITEMS,
	SYNC_PHASE_UNREAD,
	SYNC_PHASE_STARRED,
	SYNC_PHASE_LABELS,	/* the reader's ratings, with the subscription list */
	SYNC_PHASE_RATINGS,	/* the feeds' own documents, for their ratings */
	SYNC_PHASE_DONE
};

/* Reported after every request that moved the sync on. Pointers are
 * valid during the call only. */
struct sync_progress {
	enum sync_phase phase;
	const char *what;	/* e.g. "sent 12 changes", "47 feeds",
				 * "items: 750 (3 new)"; sanitised */
};
typedef void (*sync_progress_fn)(const struct sync_progress *p, void *arg);

struct sync_summary {
	enum sync_result result;
	const char *error;	/* the failure, one line, sanitised (valid until
				 * sync_free), e.g. "wrong user or password";
				 * NULL on SYNC_OK */
	long long pushed;	/* changes the server confirmed */
	long long pending;	/* changes still waiting */
	long long feeds, feeds_dropped;
	long long items, nnew;	/* items listed since the mark; of them new
				 * to the cache */
	long long requests;	/* HTTP requests made to the server */
	long long rating_feeds;	/* feeds' own documents read for ratings */
	long long rated;	/* items that got a community rating from them */
};

struct sync;	/* fields live in src/sync/sync.c */

/*
 * Begin a sync of st with the server c names (copied; the password too,
 * wiped at sync_free), its requests queued on f (the caller's; it must
 * outlive the sync). progress may be NULL. Never fails: a bad config
 * ends the sync at once with its error (sync_done true). Release with
 * sync_free().
 */
struct sync *sync_start(struct store *st, const struct sync_config *c,
    struct fetch *f, sync_progress_fn progress, void *arg);
/* A change to the subscriptions, made on the server (with sync on, the
 * server's list is the feed list: `a`, `d`, `t` in the reader). */
enum sync_edit_kind {
	SYNC_EDIT_SUBSCRIBE,	/* url: the feed's URL (discovery done before) */
	SYNC_EDIT_UNSUBSCRIBE,	/* url: the feed as cached */
	SYNC_EDIT_RENAME	/* url as cached; title and/or folders */
};
struct sync_edit {
	enum sync_edit_kind kind;
	const char *url;
	const char *title;		/* NULL: keep (the server's) */
	const char *add_folder;		/* NULL: none */
	const char *remove_folder;	/* NULL: none */
};

/*
 * As sync_start(), but first make e on the server (after the login),
 * then sync as usual so the cache shows the result at once. e is copied.
 * The edit failing ends the sync with its error (e.g. "the server could
 * not subscribe: cURL error 22: ... 404"); a feed that is not synced is
 * SYNC_NOT_CONFIGURED.
 */
struct sync *sync_start_edit(struct store *st, const struct sync_config *c,
    struct fetch *f, const struct sync_edit *e, sync_progress_fn progress,
    void *arg);

/* For a caller whose fetch_done_fn sees other transfers too: when user is
 * s's transfer, take res (the next request may be queued on the fetch)
 * and return true; otherwise false, res left alone. s may be NULL. */
bool sync_claim(struct sync *s, void *user, struct fetch_response *res);
/* fetch_step() on s's fetch, every transfer handed to sync_claim(): only
 * when that fetch carries nothing but this sync. */
void sync_step(struct sync *s);
bool sync_done(const struct sync *s);
void sync_summary(const struct sync *s, struct sync_summary *out);
/* Abort what still runs (nothing queued is lost) and release s; NULL
 * does nothing. */
void sync_free(struct sync *s);

/* The blocking form for `tidings --sync`, on a fetch of its own with
 * limits (NULL: the defaults): true when the sync succeeded.
 * *sum (may be NULL) receives the counts; its error text is copied into
 * *error (the caller's; NULL on success) when error is not NULL. */
bool sync_run(struct store *st, const struct sync_config *c,
    const struct fetch_limits *limits, sync_progress_fn progress, void *arg,
    struct sync_summary *sum, char **error);
/* The same for sync_start_edit(). */
bool sync_run_edit(struct store *st, const struct sync_config *c,
    const struct fetch_limits *limits, const struct sync_edit *e,
    sync_progress_fn progress, void *arg, struct sync_summary *sum,
    char **error);

/* ---- helpers shared by the backends and the tests ----------------------- */

/* A Google Reader item id in either form ("tag:google.com,2005:reader/
 * item/000661eea42e01df" hex, or signed decimal "1796527444853215") as a
 * number; false when it is neither. */
bool sync_parse_item_id(const char *s, int64_t *out);

/*
 * The merge rule for the queue: of changes[0..n) (in the order made),
 * which are still worth sending. A read/unread pair on one item keeps only
 * the last; so does star/unstar, and a rating keeps the last value.
 * keep[i] is set true for each change to send; the others are confirmed
 * without a request. Mark-all-read changes are always kept.
 */
void sync_merge_changes(const struct store_change *changes, size_t n,
    bool *keep);

#endif
