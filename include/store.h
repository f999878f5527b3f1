/*
 * store: the SQLite cache ($XDG_DATA_HOME/tidings/cache.db). Feeds with their
 * HTTP validators and last refresh result; items with everything a feed
 * document said about them plus what the reader did (read flag, own rating)
 * and the readable text fetched later. Knows nothing of parsing or the UI.
 *
 * - One connection per struct store; no threads. WAL journal, foreign keys
 *   on, a busy timeout (STORE_BUSY_TIMEOUT_MS) so the TUI and a cron
 *   `--refresh` can work at the same time; every write is a short
 *   transaction.
 * - The schema version lives in PRAGMA user_version; store_open() migrates
 *   any older cache forward, step by step, in one transaction.
 * - A feed's refresh is one transaction (or one part of a batch of feeds
 *   that commits whole, see store_batch_begin): items are matched by (feed, id);
 *   new ones are inserted, changed ones updated in place, and the read flag
 *   and user rating are never touched by a refresh. Items that leave the
 *   feed document stay (see store_set_retention()). A failed refresh keeps
 *   everything cached.
 * - A damaged cache file is reported (STORE_DAMAGED), never wiped.
 *
 * Strings in and out are UTF-8. Every char * handed out is the caller's
 * (free() it, or use the matching _clear or _free function for structs).
 * Times are seconds since 1970 UTC, STORE_NO_TIME when unknown.
 * Functions return STORE_OK or an error; on error outputs are left empty
 * (NULL / zero) and store_errmsg() says more.
 */
#ifndef TIDINGS_STORE_H
#define TIDINGS_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "feed.h"

#define STORE_NO_TIME FEED_NO_DATE
#define STORE_BUSY_TIMEOUT_MS 5000	/* wait this long for another process's lock */
#define STORE_SCHEMA_VERSION 6		/* the version this build writes */
#define STORE_MAX_PAGE 10000		/* most headlines one store_list_items() returns */
#define STORE_MAX_RATING 5		/* user ratings are 1..STORE_MAX_RATING */

enum store_result {
	STORE_OK,
	STORE_NOT_FOUND,	/* no such feed or item */
	STORE_DAMAGED,		/* not a database, or a corrupt one: never wiped */
	STORE_TOO_NEW,		/* written by a newer tidings (schema version) */
	STORE_BUSY,		/* another process held the lock past the timeout */
	STORE_IO_ERROR,		/* cannot create the folder or file, disk full... */
	STORE_READ_ONLY,	/* the file or folder is not writable */
	STORE_BAD_ARGUMENT,	/* e.g. a rating outside 1..5, an empty URL */
	STORE_ERROR		/* any other SQLite failure; see store_errmsg() */
};
const char *store_strerror(enum store_result r);

struct store;	/* fields live in src/store.c */

/*
 * Open (creating it and its missing parent folders, mode 0700) the cache at
 * path and bring its schema up to date. On STORE_OK *out is the caller's;
 * release it with store_close(). On error *out is NULL and, when why is
 * not NULL, *why is a full sentence for the user (the caller frees it), e.g.
 * "/home/u/.local/share/tidings/cache.db is damaged: file is not a
 * database; move it away to start a new cache".
 */
enum store_result store_open(const char *path, struct store **out, char **why);
/* Close the connection; NULL does nothing. */
void store_close(struct store *st);
/* The detail of the last failure on st ("" when none); owned by st, valid
 * until the next call on st. */
const char *store_errmsg(const struct store *st);

/*
 * Retention of items that have left their feed's document: 0 (the default)
 * keeps every item forever. days > 0 lets each refresh of a feed delete its
 * items that are read, carry no user rating, and have been absent from the
 * document for more than days days. Unread, rated or starred items are
 * never deleted.
 */
void store_set_retention(struct store *st, unsigned days);

/* ---- feeds ------------------------------------------------------------ */

enum store_status {
	STORE_NEVER,		/* never refreshed */
	STORE_UPDATED,		/* last refresh parsed the document */
	STORE_NOT_MODIFIED,	/* last refresh was a 304 (or unchanged file) */
	STORE_FAILED		/* last refresh failed; error says why */
};

struct store_feed {
	int64_t id;
	char *url;		/* as subscribed: the key */
	char *title, *link, *description, *image;	/* from the document; may be NULL */
	char *etag, *last_modified;	/* HTTP validators; may be NULL */
	enum store_status status;
	char *error;		/* the last failure's message, else NULL */
	long long last_new;	/* items new in the last successful refresh */
	int64_t checked;	/* last refresh attempt */
	int64_t succeeded;	/* last refresh that did not fail */
	int64_t added;		/* first seen by the store */
	long long nitems, nunread;
	double user_rating;	/* the reader's average rating of its items; < 0 none */
	long long nrated;	/* items the reader rated */
	char *warning;		/* the last successful refresh's feed warning (feed->warning,
				 * e.g. "more than 50000 items; the rest was left out"), kept
				 * while the feed is unchanged or failing; else NULL.
				 * Unsanitised: pass it through text_sanitize_line() to show it */
	char **folders;		/* a synced feed's server folders (its tags with
				 * sync on), nfolders of them; unsanitised */
	size_t nfolders;
};
void store_feed_clear(struct store_feed *f);

struct store_feeds {
	struct store_feed *v;
	size_t n;
};
void store_feeds_free(struct store_feeds *l);

/* Every feed in the cache with its counts, ordered by URL. *out is the
 * caller's (store_feeds_free). */
enum store_result store_list_feeds(struct store *st, struct store_feeds *out);
/* One feed by URL (with counts); STORE_NOT_FOUND when not cached. *out is
 * the caller's (store_feed_clear). */
enum store_result store_get_feed(struct store *st, const char *url,
    struct store_feed *out);

/* Add a feed row for url if there is none (e.g. on --add), so it shows up
 * before its first refresh. */
enum store_result store_add_feed(struct store *st, const char *url, int64_t now);

/*
 * The validators to send for url's next request. *etag and *last_modified
 * are the caller's, NULL when there is none (and both NULL, with STORE_OK,
 * for a feed not cached yet).
 */
enum store_result store_feed_validators(struct store *st, const char *url,
    char **etag, char **last_modified);

/*
 * Save one successful refresh of url in ONE transaction (creating the feed
 * row if needed): channel fields, the validators of the response (NULL
 * clears them) and every item of f. *nnew (may be NULL) receives the
 * number of items that were not cached before. On error nothing is
 * changed.
 */
enum store_result store_save_feed(struct store *st, const char *url,
    const struct feed *f, const char *etag, const char *last_modified,
    int64_t now, long long *nnew);

/*
 * The same in steps, for a streaming parse (feed_parse_file): begin takes
 * the write lock and saves the channel fields of f (its items are ignored);
 * put saves one item; commit applies retention, records the result and
 * ends the transaction; abort rolls everything back. Between begin and
 * commit/abort no other store function may be called on st.
 */
enum store_result store_refresh_begin(struct store *st, const char *url,
    const struct feed *f, const char *etag, const char *last_modified,
    int64_t now);
enum store_result store_refresh_put(struct store *st, const struct feed_item *it);
enum store_result store_refresh_commit(struct store *st, long long *nnew);
void store_refresh_abort(struct store *st);

/*
 * A batch: one transaction around the refreshes of several feeds, so the
 * pages they share are written once per batch instead of once per feed.
 * It commits whole or not at all: a crash or kill -9 before
 * store_batch_commit() leaves every feed of the batch as it was before.
 * Inside it store_save_feed (or store_refresh_begin .. commit),
 * store_feed_not_modified() and store_feed_failed() add to the batch; a
 * store error in the middle of saving a feed (or store_refresh_abort())
 * rolls the WHOLE batch back: store_batch_active() turns false and the
 * feeds saved in it earlier are lost (report them failed). The reader's
 * own changes (store_set_read, _rating, _readable, store_mark_all_read)
 * commit an open batch first and stay durable transactions of their own.
 * Keep a batch short: it holds the write lock other processes wait for.
 * begin: STORE_BAD_ARGUMENT when a batch or a refresh is open already.
 * commit: STORE_OK when no batch is open; a feed still between begin and
 * commit makes it roll back; on error the whole batch is rolled back.
 */
enum store_result store_batch_begin(struct store *st);
enum store_result store_batch_commit(struct store *st);
bool store_batch_active(const struct store *st);

/* The server answered 304 (or the file did not change): note the time and
 * the status, keep everything. Validators given non-NULL replace the
 * stored ones (servers may send new ones with a 304). */
enum store_result store_feed_not_modified(struct store *st, const char *url,
    const char *etag, const char *last_modified, int64_t now);
/* The refresh failed with message (e.g. "HTTP 404", "not a feed"): record
 * it; cached items and validators are kept. */
enum store_result store_feed_failed(struct store *st, const char *url,
    const char *message, int64_t now);

/* Forget url and all its items. STORE_NOT_FOUND when not cached. */
enum store_result store_delete_feed(struct store *st, const char *url);
/* Move url's row (and items, read state, ratings) to new_url, e.g. after a
 * permanent redirect the user accepted. STORE_BAD_ARGUMENT when new_url is
 * cached already. */
enum store_result store_rename_feed(struct store *st, const char *url,
    const char *new_url);

/* ---- item listings ---------------------------------------------------- */

enum store_sort {
	STORE_SORT_DATE,	/* published, else updated, else first seen; newest first */
	STORE_SORT_RATING,	/* user rating, then community stars; best first */
	STORE_SORT_TITLE,	/* A..Z (case-insensitive ASCII), then newest first */
	STORE_SORT_FEED		/* by feed title, then newest first */
};

struct store_query {
	int64_t feed_id;	/* 0: every feed */
	bool unread_only;
	bool starred_only;	/* only items the reader starred */
	enum store_sort sort;
	bool reverse;		/* reverse the sort's natural order (unrated
				 * items stay last in the rating order) */
	const char *search;	/* NULL/"": all; else a case-insensitive substring
				 * of title, author, summary, content or readable text */
	const int64_t *feed_ids;	/* NULL: no such filter; else only the
				 * nfeed_ids feeds listed (none: no item), e.g.
				 * the feeds a tag filter shows; the caller's */
	size_t nfeed_ids;
	size_t offset, limit;	/* paging; limit 0 means STORE_MAX_PAGE */
};

/* One line of a list: enough to draw it, not the body. */
struct store_headline {
	int64_t id, feed_id;
	char *feed_title;	/* may be NULL */
	char *title, *link, *author;	/* may be NULL */
	int64_t date;		/* published, else updated; STORE_NO_TIME when the
				 * item has no date (lists sort it by first seen,
				 * but show no date, as the article does) */
	double stars;		/* community rating on 0..5; < 0 none */
	long long rating_count;	/* -1 when not given */
	int user_rating;	/* 0 none, else 1..5 */
	bool read;
	bool starred;
};

struct store_headlines {
	struct store_headline *v;
	size_t n;
};
void store_headlines_free(struct store_headlines *l);

/* One page of items matching q. Uses indexes: cheap even for 100 000
 * items. *out is the caller's (store_headlines_free). */
enum store_result store_list_items(struct store *st, const struct store_query *q,
    struct store_headlines *out);
/* SQLite's plan for store_list_items(q): one line per step (e.g. "SCAN i
 * USING INDEX items_title"), so tests can check a listing uses an index
 * and sorts nothing ("USE TEMP B-TREE FOR ORDER BY"). *plan is the
 * caller's. */
enum store_result store_query_plan(struct store *st, const struct store_query *q,
    char **plan);
/* How many items match q (offset and limit ignored); without a search
 * it reads the feeds' counters, not the items. */
enum store_result store_count_items(struct store *st, const struct store_query *q,
    long long *count);

/* ---- one item ---------------------------------------------------------- */

struct store_item {
	int64_t id, feed_id;
	char *feed_url, *feed_title, *feed_link;	/* feed_title/link may be NULL */
	struct feed_item item;	/* as the feed document last gave it */
	bool read;
	int user_rating;	/* 0 none, else 1..5 */
	char *readable;		/* the readable text fetched later, else NULL */
	int64_t readable_fetched;
	int64_t first_seen, last_seen;	/* last_seen: last refresh it was in */
	bool starred;
};
void store_item_clear(struct store_item *it);

/* The item with rowid id, with its whole body. STORE_NOT_FOUND when there
 * is none. *out is the caller's (store_item_clear). */
enum store_result store_get_item(struct store *st, int64_t id, struct store_item *out);

/*
 * Walk every item matching q (sort and paging honoured; limit 0 means all)
 * with its whole body, one at a time: memory stays proportional to one
 * item. The item passed is freed after fn returns; fn returns false to
 * stop early. For exports.
 */
typedef bool (*store_item_fn)(const struct store_item *it, void *arg);
enum store_result store_each_item(struct store *st, const struct store_query *q,
    store_item_fn fn, void *arg);

/* ---- what the reader does ------------------------------------------------ */

/*
 * Local-first sync: on an item that came from a sync server (it has a
 * server id) store_set_read, store_set_starred and store_set_rating also
 * queue a pending change (see "sync" below) in the same transaction, and
 * store_mark_all_read of a synced feed queues one mark-all-read; callers
 * do nothing more. Without sync nothing is queued.
 */
enum store_result store_set_read(struct store *st, int64_t id, bool read);
enum store_result store_set_starred(struct store *st, int64_t id, bool starred);
/* Mark every item of feed_id (0: of every feed) read; *n (may be NULL)
 * receives how many changed. */
enum store_result store_mark_all_read(struct store *st, int64_t feed_id, long long *n);
/* rating 1..5, or 0 to clear it; anything else is STORE_BAD_ARGUMENT. */
enum store_result store_set_rating(struct store *st, int64_t id, int rating);
/* Keep the readable text of item id (NULL forgets it) fetched at now. */
enum store_result store_set_readable(struct store *st, int64_t id,
    const char *text, int64_t now);

/* ---- sync (driven by src/sync/; the UI needs none of it) --------------- */

/* A queued change of the reader's, to send to the server. */
enum store_change_kind {
	STORE_CHANGE_READ = 1,	/* the values are stored: never renumber */
	STORE_CHANGE_UNREAD = 2,
	STORE_CHANGE_STAR = 3,
	STORE_CHANGE_UNSTAR = 4,
	STORE_CHANGE_RATING = 5,	/* value: 0 (cleared) or 1..5 */
	STORE_CHANGE_MARK_ALL = 6	/* stream, value: newest server time seen (us) */
};

struct store_change {
	int64_t seq;		/* order made; the key for store_changes_done() */
	enum store_change_kind kind;
	int64_t item_sid;	/* the item's server id (0 for MARK_ALL) */
	char *stream;		/* MARK_ALL: "feed/3" or the reading list; else NULL */
	long long value;
	int64_t made;		/* when the reader made it */
};
struct store_changes {
	struct store_change *v;
	size_t n;
};
void store_changes_free(struct store_changes *l);

/* The oldest max (0: all) pending changes, in the order made. *out is the
 * caller's (store_changes_free). */
enum store_result store_pending_changes(struct store *st, size_t max,
    struct store_changes *out);
/* How many changes wait for the server. */
enum store_result store_pending_count(struct store *st, long long *n);
/* The server confirmed these: remove them (one transaction). */
enum store_result store_changes_done(struct store *st, const int64_t *seq,
    size_t n);

/* A value kept between syncs (the last sync's mark, tokens); *value is the
 * caller's, NULL (with STORE_OK) when never set. set with NULL deletes. */
enum store_result store_sync_get(struct store *st, const char *key, char **value);
enum store_result store_sync_set(struct store *st, const char *key,
    const char *value);

/*
 * The server lists url (its stream id server_id, e.g. "feed/3"; title,
 * link and folders_json, a JSON array of folder names, may be NULL): make
 * or update its feed row, keeping the items, and note the sync's
 * generation (a number that grows with every sync, for
 * store_sync_drop_feeds). *feed_id receives the row id.
 */
enum store_result store_sync_feed(struct store *st, const char *url,
    const char *server_id, const char *title, const char *link,
    const char *folders_json, int64_t now, int64_t generation,
    int64_t *feed_id);
/* Every synced feed (a server id) that the latest subscription list
 * did not name (store_sync_feed called with a generation below this one)
 * is deleted with its items; *n (may be NULL) receives how many. */
enum store_result store_sync_drop_feeds(struct store *st, int64_t generation,
    long long *n);
/* The server's stream id of the feed cached as url; *server_id (the
 * caller's) NULL when the feed is not synced or not cached. */
enum store_result store_sync_feed_sid(struct store *st, const char *url,
    char **server_id);
/* The row id of the feed the server calls server_id; 0 when none. */
enum store_result store_sync_feed_id(struct store *st, const char *server_id,
    int64_t *feed_id);

/* One item as the server gives it. */
struct store_sync_item {
	int64_t feed_id;	/* its feed's row (store_sync_feed) */
	int64_t server_id;	/* the server's id of the item */
	int64_t server_ts;	/* its crawl time in microseconds; 0 unknown */
	bool read, starred;
	int rating;		/* the reader's rating kept on the server: 1..5,
				 * 0 none, -1 the server does not say */
	const struct feed_item *item;	/* the fields; item->id is the guid */
};

/*
 * Save items from the server in ONE transaction. An item is matched by
 * its server id, else by (feed, guid), and inserted or updated; the
 * server's read/starred/rating replace the local ones unless a pending
 * change of the reader's on that item says otherwise (the reader's later
 * change wins; it is sent on the next sync). *nnew (may be NULL) receives
 * how many were new.
 */
enum store_result store_sync_put_items(struct store *st,
    const struct store_sync_item *v, size_t n, int64_t now, long long *nnew);

/*
 * The server's whole set of unread (which = STORE_CHANGE_UNREAD) or
 * starred (STORE_CHANGE_STAR) item ids: every synced item in ids[0..n)
 * becomes unread/starred, every other synced item read/unstarred, except
 * items with a pending change of that kind. One transaction. *changed
 * (may be NULL) receives how many items changed.
 */
enum store_result store_sync_set_states(struct store *st,
    enum store_change_kind which, const int64_t *ids, size_t n,
    long long *changed);
/*
 * The reader's ratings as the server keeps them (labels): every synced
 * item in ids[0..n) gets ratings[i] (1..5; an id twice: the last), every
 * other synced item none, except items with a pending rating change.
 * One transaction. *changed (may be NULL) receives how many changed.
 */
enum store_result store_sync_set_ratings(struct store *st, const int64_t *ids,
    const int *ratings, size_t n, long long *changed);

/*
 * Which of the server's item ids[0..n) the cache already holds: known[i]
 * (n of them, the caller's) set true for each; *newest_ts receives the
 * newest crawl time (microseconds) among the known ones, 0 if none. For
 * the sync's "ids first, then only the missing contents".
 */
enum store_result store_sync_known_ids(struct store *st, const int64_t *ids,
    size_t n, bool *known, int64_t *newest_ts);
/*
 * The community ratings of a synced feed, read from the feed's own
 * document f (the server's items carry none; include/sync.h "ratings"):
 * each item of f with a rating gives it to the synced item of the feed
 * cached as url with the same link, else whose guid or link is the
 * item's guid. Nothing else of f is kept: the items, titles and states
 * stay the server's. Records the read as a refresh does (validators,
 * checked, status). One transaction, or a part of the open batch
 * (store_batch_begin; an error loses the batch). *nrated (may be NULL)
 * receives how many cached items got a rating.
 */
enum store_result store_sync_put_ratings(struct store *st, const char *url,
    const struct feed *f, const char *etag, const char *last_modified,
    int64_t now, long long *nrated);
/*
 * The URLs of the synced feeds whose document is due to be read for
 * ratings at now: never read, else last read rated_every seconds ago
 * when some of its items have a rating, unrated_every when none has.
 * *urls is the caller's (text_lines_free), ordered by URL.
 */
struct text_lines;	/* include/text.h */
enum store_result store_sync_ratings_due(struct store *st, int64_t now,
    int64_t rated_every, int64_t unrated_every, struct text_lines *urls);

#endif
