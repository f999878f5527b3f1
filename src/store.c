/*
 * store.c: the SQLite cache. See include/store.h for the contract.
 *
 * Layout: feeds(id, url UNIQUE, channel fields, validators, last result)
 * and items(id, feed_id -> feeds ON DELETE CASCADE, guid, the fields of a
 * struct feed_item, reader state). Categories and enclosures are JSON
 * arrays in a text column, read back with SQLite's json_each. An item's
 * fields are hashed (FNV-1a) so a refresh rewrites only items that changed.
 * Every value is bound; SQL text is only ever built from constant pieces.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "store.h"
#include "text.h"

#define SECONDS_PER_DAY 86400
/* SQLite's page cache per connection. The OS caches the file anyway; a
 * small cache keeps `--refresh` under its memory target (16 MiB peak) and
 * costs nothing measurable in listings of 100 000 items. */
#define STORE_CACHE_KIB 512
/* While another process holds the write lock, look again this often (plus
 * a little jitter). SQLite's own handler backs off to 100 ms sleeps and
 * then mostly wakes while a busy refresh holds the lock again: short polls
 * find the gaps between its transactions. */
#define STORE_BUSY_POLL_MS 2
#define STORE_BUSY_JITTER_MS 3

/*
 * Schema migrations: step i takes a cache from version i to i + 1. A new
 * release appends a step and bumps STORE_SCHEMA_VERSION; steps are never
 * edited once released.
 */
static const char *const migrations[STORE_SCHEMA_VERSION] = {
	/* 0 -> 1: the first release. */
	"CREATE TABLE feeds ("
	"  id INTEGER PRIMARY KEY,"
	"  url TEXT NOT NULL UNIQUE,"
	"  title TEXT, link TEXT, description TEXT, image TEXT,"
	"  etag TEXT, last_modified TEXT,"
	"  status INTEGER NOT NULL DEFAULT 0,"	/* enum store_status */
	"  error TEXT,"
	"  last_new INTEGER NOT NULL DEFAULT 0,"
	"  checked INTEGER, succeeded INTEGER,"
	"  added INTEGER NOT NULL"
	");"
	"CREATE TABLE items ("
	"  id INTEGER PRIMARY KEY,"
	"  feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,"
	"  guid TEXT NOT NULL,"
	"  title TEXT, link TEXT, author TEXT, comments TEXT,"
	"  published INTEGER, updated INTEGER,"
	"  sort_date INTEGER NOT NULL,"	/* published, else updated, else first_seen */
	"  summary TEXT, content TEXT,"
	"  categories TEXT, enclosures TEXT,"	/* JSON arrays */
	"  rating_average REAL, rating_min REAL, rating_max REAL,"
	"  rating_count INTEGER, stars REAL,"	/* stars: community rating on 0..5 */
	"  user_rating INTEGER CHECK (user_rating BETWEEN 1 AND 5),"
	"  read INTEGER NOT NULL DEFAULT 0,"
	"  readable TEXT, readable_fetched INTEGER,"
	"  first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL,"
	"  hash INTEGER NOT NULL,"
	"  UNIQUE (feed_id, guid)"
	");"
	"CREATE INDEX items_feed_date ON items(feed_id, sort_date);"
	"CREATE INDEX items_date ON items(sort_date);"
	"CREATE INDEX items_unread_feed_date ON items(feed_id, sort_date) WHERE read = 0;"
	"CREATE INDEX items_unread_date ON items(sort_date) WHERE read = 0;"
	"CREATE INDEX items_rated ON items(feed_id, user_rating) WHERE user_rating IS NOT NULL;",

	/*
	 * 1 -> 2: per-feed counters kept in the feeds row, so the feed list
	 * (the TUI's first screen) reads 500 rows instead of counting 100 000
	 * items. Triggers keep them right whatever writes the items (a
	 * refresh, the reader, retention, ON DELETE CASCADE); the step counts
	 * once for an existing cache. And indexes for the title order (both
	 * directions) and the rating order (best first; worst first still
	 * sorts: each index on every item costs every refresh), all feeds
	 * and one feed, so those listings read a page off an index instead
	 * of sorting every item. Their expressions must match the orders[]
	 * table exactly.
	 */
	"ALTER TABLE feeds ADD COLUMN nitems INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE feeds ADD COLUMN nunread INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE feeds ADD COLUMN nrated INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE feeds ADD COLUMN rating_sum INTEGER NOT NULL DEFAULT 0;"
	"UPDATE feeds SET"
	"  nitems = (SELECT count(*) FROM items WHERE feed_id = feeds.id),"
	"  nunread = (SELECT count(*) FROM items"
	"    WHERE feed_id = feeds.id AND read = 0),"
	"  nrated = (SELECT count(user_rating) FROM items"
	"    WHERE feed_id = feeds.id),"
	"  rating_sum = (SELECT coalesce(sum(user_rating), 0) FROM items"
	"    WHERE feed_id = feeds.id);"
	"CREATE TRIGGER items_count_insert AFTER INSERT ON items BEGIN"
	"  UPDATE feeds SET nitems = nitems + 1,"
	"    nunread = nunread + (NEW.read = 0),"
	"    nrated = nrated + (NEW.user_rating IS NOT NULL),"
	"    rating_sum = rating_sum + coalesce(NEW.user_rating, 0)"
	"  WHERE id = NEW.feed_id;"
	"END;"
	"CREATE TRIGGER items_count_delete AFTER DELETE ON items BEGIN"
	"  UPDATE feeds SET nitems = nitems - 1,"
	"    nunread = nunread - (OLD.read = 0),"
	"    nrated = nrated - (OLD.user_rating IS NOT NULL),"
	"    rating_sum = rating_sum - coalesce(OLD.user_rating, 0)"
	"  WHERE id = OLD.feed_id;"
	"END;"
	/* A refresh's update sets neither column: this does not fire then. */
	"CREATE TRIGGER items_count_update"
	"  AFTER UPDATE OF read, user_rating, feed_id ON items"
	"  WHEN OLD.read IS NOT NEW.read"
	"    OR OLD.user_rating IS NOT NEW.user_rating"
	"    OR OLD.feed_id IS NOT NEW.feed_id BEGIN"
	"  UPDATE feeds SET nitems = nitems - 1,"
	"    nunread = nunread - (OLD.read = 0),"
	"    nrated = nrated - (OLD.user_rating IS NOT NULL),"
	"    rating_sum = rating_sum - coalesce(OLD.user_rating, 0)"
	"  WHERE id = OLD.feed_id;"
	"  UPDATE feeds SET nitems = nitems + 1,"
	"    nunread = nunread + (NEW.read = 0),"
	"    nrated = nrated + (NEW.user_rating IS NOT NULL),"
	"    rating_sum = rating_sum + coalesce(NEW.user_rating, 0)"
	"  WHERE id = NEW.feed_id;"
	"END;"
	"DROP INDEX items_rated;"	/* only the counting subqueries used it */
	"CREATE INDEX items_title ON items(title COLLATE NOCASE, sort_date DESC);"
	"CREATE INDEX items_feed_title ON items(feed_id, title COLLATE NOCASE,"
	"  sort_date DESC);"
	"CREATE INDEX items_rating ON items(coalesce(user_rating, stars, -1),"
	"  sort_date);"
	"CREATE INDEX items_feed_rating ON items(feed_id,"
	"  coalesce(user_rating, stars, -1), sort_date);",

	/*
	 * 2 -> 3: the last successful refresh's warning (e.g. "more than
	 * 50000 items; the rest was left out"): --refresh shows it, and the
	 * feed list and the feed's error view can, long after the refresh.
	 */
	"ALTER TABLE feeds ADD COLUMN warning TEXT;",

	/*
	 * 3 -> 4: sync with a server (include/sync.h). Items get the reader's
	 * star, the server's item id (a 64-bit number in the Google Reader
	 * API) and its crawl time in microseconds (mark-all-read sends the
	 * newest one the reader saw). Feeds get the server's stream id
	 * ("feed/3") and its folders. sync_pending is the queue of the
	 * reader's changes to synced items, in the order made, each removed
	 * only once the server confirmed it; sync_state keeps the last
	 * sync's mark and the tokens.
	 */
	"ALTER TABLE items ADD COLUMN starred INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE items ADD COLUMN server_id INTEGER;"
	"ALTER TABLE items ADD COLUMN server_ts INTEGER;"
	"ALTER TABLE feeds ADD COLUMN server_id TEXT;"
	"ALTER TABLE feeds ADD COLUMN server_folders TEXT;"	/* JSON array */
	"ALTER TABLE feeds ADD COLUMN server_seen INTEGER;"	/* sync generation */
	"CREATE UNIQUE INDEX items_server_id ON items(server_id)"
	"  WHERE server_id IS NOT NULL;"
	"CREATE INDEX items_starred_date ON items(sort_date) WHERE starred = 1;"
	"CREATE TABLE sync_pending ("
	"  seq INTEGER PRIMARY KEY AUTOINCREMENT,"	/* the order made */
	"  kind INTEGER NOT NULL,"	/* enum store_change_kind */
	"  item_id INTEGER REFERENCES items(id) ON DELETE SET NULL,"
	"  item_sid INTEGER,"		/* the item's server id */
	"  stream TEXT,"		/* mark-all-read: the stream id */
	"  value INTEGER,"		/* rating; mark-all-read: the time (us) */
	"  made INTEGER NOT NULL"
	");"
	"CREATE INDEX sync_pending_item ON sync_pending(item_id);"
	"CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);",

	/*
	 * 4 -> 5: an item's insert and delete no longer touch its feed's
	 * counters by trigger, row by row: the writers that insert or delete
	 * items (a refresh, retention inside it, a sync's new items) add
	 * what they did once per feed (counters_add()), and deleting a feed
	 * takes its counters along. A cold refresh of 250 x 200 items ran
	 * one UPDATE of the feed row per item (issue #15). The update
	 * trigger stays: read marks and ratings change one row, or many
	 * rows of many feeds at once (mark all read, a sync's state sets),
	 * and it keeps those exact whoever writes them.
	 */
	"DROP TRIGGER items_count_insert; DROP TRIGGER items_count_delete;",

	/*
	 * 5 -> 6: the author's email address (feed_item.author_email), so
	 * an export from the cache has it. Items cached before get it when
	 * the feed next changes them (item_hash counts it only when set).
	 */
	"ALTER TABLE items ADD COLUMN author_email TEXT;",
};

/* Statements kept prepared for the life of the connection. */
enum sid {
	S_FEED_INSERT,
	S_FEED_ID,
	S_FEED_SAVE,
	S_FEED_DONE,
	S_FEED_COUNTERS_ADD,
	S_FEED_VALIDATORS,
	S_FEED_NOT_MODIFIED,
	S_FEED_FAILED,
	S_FEED_DELETE,
	S_FEED_RENAME,
	S_FEED_GET,
	S_FEED_LIST,
	S_ITEM_FIND,
	S_ITEM_INSERT,
	S_ITEM_UPDATE,
	S_ITEM_SEEN,
	S_ITEM_EXPIRE,
	S_ITEM_GET,
	S_ITEM_READ,
	S_ITEM_ALL_READ,
	S_ITEM_FEED_READ,
	S_ITEM_RATING,
	S_ITEM_READABLE,
	S_JSON_STRINGS,
	S_JSON_ENCLOSURES,
	S_COUNT
};

#define FEED_COLUMNS \
	"f.id, f.url, f.title, f.link, f.description, f.image, f.etag," \
	" f.last_modified, f.status, f.error, f.last_new, f.checked," \
	" f.succeeded, f.added, f.nitems, f.nunread," \
	" CASE WHEN f.nrated > 0 THEN CAST(f.rating_sum AS REAL) / f.nrated END," \
	" f.nrated, f.warning, f.server_folders"

#define HEADLINE_COLUMNS \
	"i.id, i.feed_id, f.title, i.title, i.link, i.author," \
	" coalesce(i.published, i.updated)," \
	" i.stars, i.rating_count, i.user_rating, i.read, i.starred"

#define ITEM_COLUMNS \
	"i.id, i.feed_id, f.url, f.title, f.link, i.guid, i.title, i.link," \
	" i.author, i.comments, i.published, i.updated, i.summary, i.content," \
	" i.categories, i.enclosures, i.rating_average, i.rating_min," \
	" i.rating_max, i.rating_count, i.read, i.user_rating, i.readable," \
	" i.readable_fetched, i.first_seen, i.last_seen, i.starred," \
	" i.author_email"

static const char *const statements[S_COUNT] = {
	[S_FEED_INSERT] =
	    "INSERT INTO feeds (url, added) VALUES (?1, ?2)"
	    " ON CONFLICT (url) DO NOTHING",
	[S_FEED_ID] = "SELECT id FROM feeds WHERE url = ?1",
	[S_FEED_SAVE] =
	    "UPDATE feeds SET title = ?2, link = ?3, description = ?4,"
	    " image = ?5, etag = ?6, last_modified = ?7, checked = ?8,"
	    " warning = ?9 WHERE id = ?1",
	[S_FEED_DONE] =
	    "UPDATE feeds SET status = 1, error = NULL, last_new = ?2,"
	    " succeeded = ?3 WHERE id = ?1",
	/* ?2 items and ?3 unread ones more (or fewer) in feed ?1 */
	[S_FEED_COUNTERS_ADD] =
	    "UPDATE feeds SET nitems = nitems + ?2, nunread = nunread + ?3"
	    " WHERE id = ?1",
	[S_FEED_VALIDATORS] =
	    "SELECT etag, last_modified FROM feeds WHERE url = ?1",
	[S_FEED_NOT_MODIFIED] =
	    "UPDATE feeds SET status = 2, error = NULL, last_new = 0,"
	    " checked = ?2, succeeded = ?2, etag = coalesce(?3, etag),"
	    " last_modified = coalesce(?4, last_modified) WHERE url = ?1",
	[S_FEED_FAILED] =
	    "UPDATE feeds SET status = 3, error = ?2, checked = ?3"
	    " WHERE url = ?1",
	[S_FEED_DELETE] = "DELETE FROM feeds WHERE url = ?1",
	[S_FEED_RENAME] = "UPDATE feeds SET url = ?2 WHERE url = ?1",
	[S_FEED_GET] = "SELECT " FEED_COLUMNS " FROM feeds f WHERE f.url = ?1",
	[S_FEED_LIST] = "SELECT " FEED_COLUMNS " FROM feeds f ORDER BY f.url",
	[S_ITEM_FIND] =
	    "SELECT id, hash FROM items WHERE feed_id = ?1 AND guid = ?2",
	[S_ITEM_INSERT] =
	    "INSERT INTO items (feed_id, guid, title, link, author, comments,"
	    " published, updated, sort_date, summary, content, categories,"
	    " enclosures, rating_average, rating_min, rating_max,"
	    " rating_count, stars, first_seen, last_seen, hash, author_email)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
	    " coalesce(?7, ?8, ?19), ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,"
	    " ?17, ?19, ?19, ?18, ?22)",
	[S_ITEM_UPDATE] =
	    "UPDATE items SET title = ?3, link = ?4, author = ?5,"
	    " comments = ?6, published = ?7, updated = ?8,"
	    " sort_date = coalesce(?7, ?8, first_seen), summary = ?9,"
	    " content = ?10, categories = ?11, enclosures = ?12,"
	    " rating_average = iif(?21, rating_average, ?13),"
	    " rating_min = iif(?21, rating_min, ?14),"
	    " rating_max = iif(?21, rating_max, ?15),"
	    " rating_count = iif(?21, rating_count, ?16),"
	    " stars = iif(?21, stars, ?17), hash = ?18, last_seen = ?19,"
	    " author_email = ?22 WHERE id = ?20",	/* ?21 true: keep the ratings (a synced item) */
	[S_ITEM_SEEN] = "UPDATE items SET last_seen = ?2 WHERE id = ?1",
	/* only read, unrated items: store_refresh_commit's counters_add()
	 * takes one from nitems per deleted row and nothing else */
	[S_ITEM_EXPIRE] =
	    "DELETE FROM items WHERE feed_id = ?1 AND read = 1"
	    " AND user_rating IS NULL AND starred = 0 AND last_seen < ?2",
	[S_ITEM_GET] =
	    "SELECT " ITEM_COLUMNS " FROM items i JOIN feeds f"
	    " ON f.id = i.feed_id WHERE i.id = ?1",
	[S_ITEM_READ] = "UPDATE items SET read = ?2 WHERE id = ?1",
	[S_ITEM_ALL_READ] = "UPDATE items SET read = 1 WHERE read = 0",
	[S_ITEM_FEED_READ] =
	    "UPDATE items SET read = 1 WHERE feed_id = ?1 AND read = 0",
	[S_ITEM_RATING] = "UPDATE items SET user_rating = ?2 WHERE id = ?1",
	[S_ITEM_READABLE] =
	    "UPDATE items SET readable = ?2, readable_fetched = ?3"
	    " WHERE id = ?1",
	[S_JSON_STRINGS] = "SELECT value FROM json_each(?1)",
	[S_JSON_ENCLOSURES] =
	    "SELECT json_extract(value, '$.url'),"
	    " json_extract(value, '$.type'), json_extract(value, '$.length')"
	    " FROM json_each(?1)"
};

/* Statements of the sync section (at the end of this file), kept apart
 * from the refresh's so the two grow without touching each other. */
enum sync_sid {
	SY_PENDING_ITEM,
	SY_PENDING_FEED,
	SY_PENDING_ALL,
	SY_PENDING_LIST,
	SY_PENDING_COUNT,
	SY_PENDING_DONE,
	SY_STATE_GET,
	SY_STATE_SET,
	SY_STATE_DELETE,
	SY_FEED_UPSERT,
	SY_FEED_BY_SID,
	SY_FEED_SID,
	SY_FEED_DROP,
	SY_ITEM_BY_SID,
	SY_ITEM_KNOWN,
	SY_ITEM_STATE,
	SY_ITEM_STARRED,
	SY_IDS_CLEAR,
	SY_IDS_ADD,
	SY_APPLY_UNREAD,
	SY_APPLY_STARRED,
	SY_RATED_CLEAR,
	SY_RATED_ADD,
	SY_APPLY_RATED,
	SY_RATING_BY_LINK,
	SY_RATING_BY_GUID,
	SY_RATINGS_DUE,
	SY_COUNT
};

/* The refresh in progress between store_refresh_begin and _commit. */
struct refresh {
	bool active;
	bool in_batch;		/* begun inside a batch: no transaction of its own */
	int64_t feed_id;
	int64_t now;
	long long nnew;
};

struct store {
	sqlite3 *db;
	char *path;
	char *err;		/* store_errmsg(); never NULL */
	unsigned retention_days;
	struct timespec busy_since;	/* when the current wait for a lock began */
	unsigned jitter;		/* rand_r() state for the busy polls */
	struct refresh refresh;
	bool batch;		/* store_batch_begin() ... store_batch_commit() */
	sqlite3_stmt *stmt[S_COUNT];
	sqlite3_stmt *sync_stmt[SY_COUNT];	/* the sync section's, below */
};

const char *
store_strerror(enum store_result r)
{
	switch (r) {
	case STORE_OK:
		return "success";
	case STORE_NOT_FOUND:
		return "no such feed or article in the cache";
	case STORE_DAMAGED:
		return "the cache file is damaged";
	case STORE_TOO_NEW:
		return "the cache was written by a newer tidings";
	case STORE_BUSY:
		return "the cache is locked by another tidings";
	case STORE_IO_ERROR:
		return "cannot read or write the cache file";
	case STORE_READ_ONLY:
		return "the cache file is read-only";
	case STORE_BAD_ARGUMENT:
		return "invalid argument";
	case STORE_ERROR:
		return "cache error";
	}
	return "unknown error";
}

const char *
store_errmsg(const struct store *st)
{
	return st->err;
}

static void
set_err(struct store *st, char *msg)
{
	free(st->err);
	st->err = msg;
}

/* Map an SQLite result code to ours. */
static enum store_result
map_rc(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK:
	case SQLITE_ROW:
	case SQLITE_DONE:
		return STORE_OK;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return STORE_DAMAGED;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return STORE_BUSY;
	case SQLITE_READONLY:
	case SQLITE_PERM:
		return STORE_READ_ONLY;
	case SQLITE_IOERR:
	case SQLITE_FULL:
	case SQLITE_CANTOPEN:
		return STORE_IO_ERROR;
	default:
		return STORE_ERROR;
	}
}

/* Record SQLite's failure rc on st and return our code for it. */
static enum store_result
fail(struct store *st, int rc)
{
	enum store_result r = map_rc(rc);
	const char *msg = sqlite3_errmsg(st->db);

	if (r == STORE_DAMAGED)
		set_err(st, xasprintf("%s is damaged: %s; move it away to "
		    "start a new cache", st->path, msg));
	else
		set_err(st, xasprintf("%s: %s", st->path, msg));
	return r == STORE_OK ? STORE_ERROR : r;
}

/* The cached statement id, reset and unbound; NULL after recording an
 * error in st. */
static sqlite3_stmt *
stmt(struct store *st, enum sid id)
{
	sqlite3_stmt *s = st->stmt[id];
	int rc;

	if (s == NULL) {
		rc = sqlite3_prepare_v3(st->db, statements[id], -1,
		    SQLITE_PREPARE_PERSISTENT, &s, NULL);
		if (rc != SQLITE_OK) {
			fail(st, rc);
			return NULL;
		}
		st->stmt[id] = s;
	}
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return s;
}

static void
bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v == NULL)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
}

static void
bind_time(sqlite3_stmt *s, int i, int64_t t)
{
	if (t == STORE_NO_TIME)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_int64(s, i, t);
}

static char *
col_str(sqlite3_stmt *s, int i)
{
	const unsigned char *v = sqlite3_column_text(s, i);

	return v == NULL ? NULL : xstrdup((const char *)v);
}

static int64_t
col_time(sqlite3_stmt *s, int i)
{
	if (sqlite3_column_type(s, i) == SQLITE_NULL)
		return STORE_NO_TIME;
	return sqlite3_column_int64(s, i);
}

/* Step a statement that returns no rows; STORE_OK or the recorded error. */
static enum store_result
run(struct store *st, sqlite3_stmt *s)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return fail(st, rc);
	return STORE_OK;
}

/* Run constant SQL (no values). */
static enum store_result
exec(struct store *st, const char *sql)
{
	int rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? STORE_OK : fail(st, rc);
}

/* ---- opening ------------------------------------------------------------- */

static long
ms_between(const struct timespec *a, const struct timespec *b)
{
	return (long)(b->tv_sec - a->tv_sec) * 1000 +
	    (long)(b->tv_nsec - a->tv_nsec) / 1000000;
}

/* SQLite's busy handler: poll for the lock every few milliseconds until
 * STORE_BUSY_TIMEOUT_MS have passed since the first try (0 gives up). */
static int
busy_wait(void *arg, int tries)
{
	struct store *st = arg;
	struct timespec now, pause;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (tries == 0)
		st->busy_since = now;
	else if (ms_between(&st->busy_since, &now) >= STORE_BUSY_TIMEOUT_MS)
		return 0;
	pause.tv_sec = 0;
	pause.tv_nsec = (STORE_BUSY_POLL_MS +
	    rand_r(&st->jitter) % (STORE_BUSY_JITTER_MS + 1)) * 1000000L;
	nanosleep(&pause, NULL);
	return 1;
}

/* Create the file 0600 if missing: SQLite would follow the umask. An
 * existing file is left to SQLite (which names what is wrong with it). */
static bool
create_private(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

	if (fd < 0)
		return errno == EEXIST;
	close(fd);
	return true;
}

static enum store_result
user_version(struct store *st, int *version)
{
	sqlite3_stmt *s;
	int rc = sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL);

	if (rc != SQLITE_OK)
		return fail(st, rc);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*version = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? STORE_OK : fail(st, rc);
}

/* Bring the schema to STORE_SCHEMA_VERSION in one transaction. */
static enum store_result
migrate(struct store *st)
{
	enum store_result r;
	int version, v;
	char sql[64];

	if ((r = user_version(st, &version)) != STORE_OK)
		return r;
	if (version == STORE_SCHEMA_VERSION)
		return STORE_OK;
	if (version < 0 || version > STORE_SCHEMA_VERSION)
		goto too_new;
	if ((r = exec(st, "BEGIN IMMEDIATE")) != STORE_OK)
		return r;
	/* Another process may have migrated while we waited for the lock. */
	if ((r = user_version(st, &version)) != STORE_OK)
		goto rollback;
	if (version < 0 || version > STORE_SCHEMA_VERSION) {
		exec(st, "ROLLBACK");
		goto too_new;
	}
	for (v = version; v < STORE_SCHEMA_VERSION; v++)
		if ((r = exec(st, migrations[v])) != STORE_OK)
			goto rollback;
	xsnprintf(sql, sizeof(sql), "PRAGMA user_version = %d",
	    STORE_SCHEMA_VERSION);
	if ((r = exec(st, sql)) != STORE_OK)
		goto rollback;
	return exec(st, "COMMIT");

rollback:
	sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	return r;
too_new:
	set_err(st, xasprintf("%s has schema version %d; this tidings knows "
	    "up to %d: use a newer tidings", st->path, version,
	    STORE_SCHEMA_VERSION));
	return STORE_TOO_NEW;
}

static enum store_result
setup(struct store *st)
{
	enum store_result r;
	sqlite3_stmt *s;
	char sql[128];
	int rc;

	if (!text_make_parent_dirs(st->path) || !create_private(st->path)) {
		set_err(st, xasprintf("cannot create %s: %s", st->path,
		    strerror(errno)));
		return errno == EACCES || errno == EROFS ? STORE_READ_ONLY :
		    STORE_IO_ERROR;
	}
	rc = sqlite3_open_v2(st->path, &st->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (st->db == NULL)
		fatalx("out of memory opening %s", st->path);
	if (rc != SQLITE_OK)
		return fail(st, rc);
	sqlite3_extended_result_codes(st->db, 1);
	st->jitter = (unsigned)getpid();
	sqlite3_busy_handler(st->db, busy_wait, st);
	/* journal_mode reads the header: a file that is no database fails
	 * here with SQLITE_NOTADB. */
	rc = sqlite3_prepare_v2(st->db, "PRAGMA journal_mode = WAL", -1, &s, NULL);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(s);
		sqlite3_finalize(s);
		if (rc == SQLITE_ROW)
			rc = SQLITE_OK;
	}
	if (rc != SQLITE_OK)
		return fail(st, rc);
	/* In WAL mode NORMAL syncs at checkpoints only: a crash or kill -9
	 * loses no committed transaction, a power cut at most the last ones,
	 * and the file is never corrupted. temp_store = MEMORY keeps the
	 * statement journals in memory: every item insert fires the counter
	 * triggers and so journals the pages it touches (a few), and past
	 * 64 KiB in a transaction SQLite moved them to a temporary file,
	 * which made 3/4 of a cold refresh's writes (issue #15 profile). */
	xsnprintf(sql, sizeof(sql), "PRAGMA foreign_keys = ON;"
	    "PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -%d",
	    STORE_CACHE_KIB);
	if ((r = exec(st, sql)) != STORE_OK)
		return r;
	if ((r = migrate(st)) != STORE_OK)
		return r;
	/* Touch the schema and both tables, so a damaged file shows now
	 * rather than in the middle of the first refresh. */
	return exec(st, "SELECT count(*) FROM feeds WHERE id = 0;"
	    "SELECT count(*) FROM items WHERE id = 0");
}

enum store_result
store_open(const char *path, struct store **out, char **why)
{
	struct store *st;
	enum store_result r;

	*out = NULL;
	if (why != NULL)
		*why = NULL;
	st = xcalloc(1, sizeof(*st));
	st->path = xstrdup(path);
	st->err = xstrdup("");
	if ((r = setup(st)) != STORE_OK) {
		if (why != NULL)
			*why = xstrdup(st->err);
		store_close(st);
		return r;
	}
	*out = st;
	return STORE_OK;
}

void
store_close(struct store *st)
{
	size_t i;

	if (st == NULL)
		return;
	if (st->refresh.active)
		store_refresh_abort(st);
	store_batch_commit(st);
	for (i = 0; i < S_COUNT; i++)
		sqlite3_finalize(st->stmt[i]);
	for (i = 0; i < SY_COUNT; i++)
		sqlite3_finalize(st->sync_stmt[i]);
	sqlite3_close(st->db);
	free(st->path);
	free(st->err);
	free(st);
}

void
store_set_retention(struct store *st, unsigned days)
{
	st->retention_days = days;
}

/* ---- feeds ------------------------------------------------------------- */

void
store_feed_clear(struct store_feed *f)
{
	free(f->url);
	free(f->title);
	free(f->link);
	free(f->description);
	free(f->image);
	free(f->etag);
	free(f->last_modified);
	free(f->error);
	free(f->warning);
	for (size_t i = 0; i < f->nfolders; i++)
		free(f->folders[i]);
	free(f->folders);
	memset(f, 0, sizeof(*f));
}

void
store_feeds_free(struct store_feeds *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		store_feed_clear(&l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

static enum store_result read_strings(struct store *st, const char *json,
    char ***v, size_t *n);

/* Fill f from a row of FEED_COLUMNS. */
static enum store_result
read_feed(struct store *st, sqlite3_stmt *s, struct store_feed *f)
{
	int status = sqlite3_column_int(s, 8);

	memset(f, 0, sizeof(*f));
	f->id = sqlite3_column_int64(s, 0);
	f->url = col_str(s, 1);
	f->title = col_str(s, 2);
	f->link = col_str(s, 3);
	f->description = col_str(s, 4);
	f->image = col_str(s, 5);
	f->etag = col_str(s, 6);
	f->last_modified = col_str(s, 7);
	f->status = status >= STORE_NEVER && status <= STORE_FAILED ?
	    (enum store_status)status : STORE_NEVER;
	f->error = col_str(s, 9);
	f->last_new = sqlite3_column_int64(s, 10);
	f->checked = col_time(s, 11);
	f->succeeded = col_time(s, 12);
	f->added = col_time(s, 13);
	f->nitems = sqlite3_column_int64(s, 14);
	f->nunread = sqlite3_column_int64(s, 15);
	f->user_rating = sqlite3_column_type(s, 16) == SQLITE_NULL ? -1.0 :
	    sqlite3_column_double(s, 16);
	f->nrated = sqlite3_column_int64(s, 17);
	f->warning = col_str(s, 18);
	/* A synced feed's folders: its tags in the reader. */
	return read_strings(st, (const char *)sqlite3_column_text(s, 19),
	    &f->folders, &f->nfolders);
}

enum store_result
store_list_feeds(struct store *st, struct store_feeds *out)
{
	sqlite3_stmt *s;
	size_t cap = 0;
	int rc;

	out->v = NULL;
	out->n = 0;
	if ((s = stmt(st, S_FEED_LIST)) == NULL)
		return STORE_ERROR;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (out->n == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			out->v = xreallocarray(out->v, cap, sizeof(*out->v));
		}
		if (read_feed(st, s, &out->v[out->n++]) != STORE_OK)
			break;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		store_feeds_free(out);
		return rc == SQLITE_ROW ? STORE_ERROR : fail(st, rc);
	}
	return STORE_OK;
}

enum store_result
store_get_feed(struct store *st, const char *url, struct store_feed *out)
{
	sqlite3_stmt *s;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((s = stmt(st, S_FEED_GET)) == NULL)
		return STORE_ERROR;
	bind_text(s, 1, url);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW && read_feed(st, s, out) != STORE_OK) {
		sqlite3_reset(s);
		store_feed_clear(out);
		return STORE_ERROR;
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return STORE_NOT_FOUND;
	return rc == SQLITE_ROW ? STORE_OK : fail(st, rc);
}

/* The id of url's row, created when missing. */
static enum store_result
feed_row(struct store *st, const char *url, int64_t now, int64_t *id)
{
	sqlite3_stmt *s;
	enum store_result r;
	int rc;

	if (url == NULL || url[0] == '\0') {
		set_err(st, xstrdup("empty feed URL"));
		return STORE_BAD_ARGUMENT;
	}
	if ((s = stmt(st, S_FEED_INSERT)) == NULL)
		return STORE_ERROR;
	bind_text(s, 1, url);
	sqlite3_bind_int64(s, 2, now);
	if ((r = run(st, s)) != STORE_OK)
		return r;
	if ((s = stmt(st, S_FEED_ID)) == NULL)
		return STORE_ERROR;
	bind_text(s, 1, url);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? STORE_OK : fail(st, rc);
}

enum store_result
store_add_feed(struct store *st, const char *url, int64_t now)
{
	int64_t id;

	return feed_row(st, url, now, &id);
}

enum store_result
store_feed_validators(struct store *st, const char *url, char **etag,
    char **last_modified)
{
	sqlite3_stmt *s;
	int rc;

	*etag = *last_modified = NULL;
	if ((s = stmt(st, S_FEED_VALIDATORS)) == NULL)
		return STORE_ERROR;
	bind_text(s, 1, url);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*etag = col_str(s, 0);
		*last_modified = col_str(s, 1);
	}
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : fail(st, rc);
}

/* ---- saving a refresh ----------------------------------------------------- */

/* JSON string literal of s into b. */
static bool
json_string(struct tbuf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p;
	bool ok = tbuf_addc(b, '"');

	for (p = (const unsigned char *)s; ok && *p != '\0'; p++) {
		if (*p == '"' || *p == '\\') {
			ok = tbuf_addc(b, '\\') && tbuf_addc(b, (char)*p);
		} else if (*p < 0x20) {
			char esc[6] = { '\\', 'u', '0', '0', hex[*p >> 4],
			    hex[*p & 15] };
			ok = tbuf_add(b, esc, sizeof(esc));
		} else {
			ok = tbuf_addc(b, (char)*p);
		}
	}
	return ok && tbuf_addc(b, '"');
}

/* The categories as a JSON array, or NULL when there are none. */
static char *
categories_json(const struct feed_item *it)
{
	struct tbuf b;
	size_t i;
	bool ok;

	if (it->ncategories == 0)
		return NULL;
	tbuf_init(&b, TEXT_MAX_STRING);
	ok = tbuf_addc(&b, '[');
	for (i = 0; ok && i < it->ncategories; i++)
		ok = (i == 0 || tbuf_addc(&b, ',')) &&
		    json_string(&b, it->categories[i] ? it->categories[i] : "");
	if (!ok || !tbuf_addc(&b, ']')) {
		tbuf_free(&b);
		return NULL;
	}
	return tbuf_take(&b);
}

/* The enclosures as a JSON array of {url, type, length}, or NULL. */
static char *
enclosures_json(const struct feed_item *it)
{
	struct tbuf b;
	size_t i;
	bool ok;

	if (it->nenclosures == 0)
		return NULL;
	tbuf_init(&b, TEXT_MAX_STRING);
	ok = tbuf_addc(&b, '[');
	for (i = 0; ok && i < it->nenclosures; i++) {
		const struct feed_enclosure *e = &it->enclosures[i];

		ok = (i == 0 || tbuf_addc(&b, ',')) &&
		    tbuf_adds(&b, "{\"url\":") &&
		    json_string(&b, e->url ? e->url : "") &&
		    tbuf_adds(&b, ",\"type\":") &&
		    (e->type ? json_string(&b, e->type) : tbuf_adds(&b, "null")) &&
		    tbuf_printf(&b, ",\"length\":%lld}", e->length);
	}
	if (!ok || !tbuf_addc(&b, ']')) {
		tbuf_free(&b);
		return NULL;
	}
	return tbuf_take(&b);
}

/* FNV-1a over the fields a refresh may change; a NUL separates them. */
static void
hash_add(uint64_t *h, const void *p, size_t n)
{
	const unsigned char *c = p;
	size_t i;

	for (i = 0; i < n; i++) {
		*h ^= c[i];
		*h *= 0x100000001b3ULL;
	}
}

static void
hash_str(uint64_t *h, const char *s)
{
	if (s == NULL)
		hash_add(h, "\1", 1);	/* NULL differs from "" */
	else
		hash_add(h, s, strlen(s) + 1);
}

static int64_t
item_hash(const struct feed_item *it, const char *cats, const char *encs)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	const struct feed_rating *r = &it->rating;

	hash_str(&h, it->title);
	hash_str(&h, it->link);
	hash_str(&h, it->author);
	if (it->author_email != NULL)	/* unset: the hash schema 5 kept */
		hash_str(&h, it->author_email);
	hash_str(&h, it->comments);
	hash_add(&h, &it->published, sizeof(it->published));
	hash_add(&h, &it->updated, sizeof(it->updated));
	hash_str(&h, it->summary);
	hash_str(&h, it->content);
	hash_str(&h, cats);
	hash_str(&h, encs);
	hash_add(&h, &r->present, sizeof(r->present));
	if (r->present) {
		hash_add(&h, &r->average, sizeof(r->average));
		hash_add(&h, &r->min, sizeof(r->min));
		hash_add(&h, &r->max, sizeof(r->max));
		hash_add(&h, &r->count, sizeof(r->count));
	}
	return (int64_t)h;
}

/* Bind ?3..?18 and ?22 of S_ITEM_INSERT/S_ITEM_UPDATE (the same numbering). */
static void
bind_item(sqlite3_stmt *s, const struct feed_item *it, const char *cats,
    const char *encs, int64_t hash)
{
	const struct feed_rating *r = &it->rating;

	bind_text(s, 3, it->title);
	bind_text(s, 4, it->link);
	bind_text(s, 5, it->author);
	bind_text(s, 22, it->author_email);
	bind_text(s, 6, it->comments);
	bind_time(s, 7, it->published);
	bind_time(s, 8, it->updated);
	bind_text(s, 9, it->summary);
	bind_text(s, 10, it->content);
	bind_text(s, 11, cats);
	bind_text(s, 12, encs);
	if (r->present) {
		double stars = feed_rating_stars(r);

		sqlite3_bind_double(s, 13, r->average);
		sqlite3_bind_double(s, 14, r->min);
		sqlite3_bind_double(s, 15, r->max);
		if (r->count >= 0)
			sqlite3_bind_int64(s, 16, r->count);
		if (stars >= 0)
			sqlite3_bind_double(s, 17, stars);
	}
	sqlite3_bind_int64(s, 18, hash);
}

/* Undo the feed begun by store_refresh_begin: its transaction, or inside
 * a batch the whole batch. A savepoint per feed would keep the others,
 * but it journals every page the feed touches (to a temporary file past
 * 64 KiB): the profile showed that costing more than the batch saves,
 * and a store error in the middle of a feed (disk full, I/O) dooms the
 * rest of the batch anyway. */
static void
undo_feed(struct store *st)
{
	st->batch = false;
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

enum store_result
store_refresh_begin(struct store *st, const char *url, const struct feed *f,
    const char *etag, const char *last_modified, int64_t now)
{
	sqlite3_stmt *s;
	enum store_result r;
	int64_t id;

	if (st->refresh.active) {
		set_err(st, xstrdup("a refresh is in progress already"));
		return STORE_BAD_ARGUMENT;
	}
	st->refresh.in_batch = store_batch_active(st);
	if (!st->refresh.in_batch && (r = exec(st, "BEGIN IMMEDIATE")) != STORE_OK)
		return r;
	if ((r = feed_row(st, url, now, &id)) != STORE_OK)
		goto rollback;
	if ((s = stmt(st, S_FEED_SAVE)) == NULL) {
		r = STORE_ERROR;
		goto rollback;
	}
	sqlite3_bind_int64(s, 1, id);
	bind_text(s, 2, f->title);
	bind_text(s, 3, f->link);
	bind_text(s, 4, f->description);
	bind_text(s, 5, f->image);
	bind_text(s, 6, etag);
	bind_text(s, 7, last_modified);
	sqlite3_bind_int64(s, 8, now);
	bind_text(s, 9, f->warning);
	if ((r = run(st, s)) != STORE_OK)
		goto rollback;
	st->refresh.active = true;
	st->refresh.feed_id = id;
	st->refresh.now = now;
	st->refresh.nnew = 0;
	return STORE_OK;

rollback:
	undo_feed(st);
	return r;
}

enum store_result
store_refresh_put(struct store *st, const struct feed_item *it)
{
	sqlite3_stmt *s;
	enum store_result r;
	char *cats, *encs;
	int64_t hash, id = 0, old = 0;
	int rc;

	if (!st->refresh.active) {
		set_err(st, xstrdup("no refresh in progress"));
		return STORE_BAD_ARGUMENT;
	}
	if (it->id == NULL || it->id[0] == '\0')
		return STORE_OK;	/* the feed module always gives one */
	if ((s = stmt(st, S_ITEM_FIND)) == NULL)
		return STORE_ERROR;
	sqlite3_bind_int64(s, 1, st->refresh.feed_id);
	bind_text(s, 2, it->id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		id = sqlite3_column_int64(s, 0);
		old = sqlite3_column_int64(s, 1);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return fail(st, rc);

	cats = categories_json(it);
	encs = enclosures_json(it);
	hash = item_hash(it, cats, encs);
	if (id != 0 && hash == old) {
		s = stmt(st, S_ITEM_SEEN);
		if (s != NULL) {
			sqlite3_bind_int64(s, 1, id);
			sqlite3_bind_int64(s, 2, st->refresh.now);
		}
	} else {
		s = stmt(st, id == 0 ? S_ITEM_INSERT : S_ITEM_UPDATE);
		if (s != NULL) {
			sqlite3_bind_int64(s, 1, st->refresh.feed_id);
			bind_text(s, 2, it->id);
			bind_item(s, it, cats, encs, hash);
			sqlite3_bind_int64(s, 19, st->refresh.now);
			if (id != 0)
				sqlite3_bind_int64(s, 20, id);
		}
	}
	r = s == NULL ? STORE_ERROR : run(st, s);
	if (r == STORE_OK && id == 0)
		st->refresh.nnew++;
	free(cats);
	free(encs);
	return r;
}

/*
 * Schema 5's counters: nitems += items, nunread += unread in feed_id's
 * row, for a writer that inserted or deleted items of it (no trigger
 * does since step 5). A new item is unread and unrated (S_ITEM_INSERT
 * sets neither), so its writer adds 1 and 1; an expired one is read and
 * unrated (S_ITEM_EXPIRE), -1 and 0. Ratings are never inserted or
 * deleted this way: nrated and rating_sum change by the update trigger.
 */
static enum store_result
counters_add(struct store *st, int64_t feed_id, long long items,
    long long unread)
{
	sqlite3_stmt *s;

	if (items == 0 && unread == 0)
		return STORE_OK;
	if ((s = stmt(st, S_FEED_COUNTERS_ADD)) == NULL)
		return STORE_ERROR;
	sqlite3_bind_int64(s, 1, feed_id);
	sqlite3_bind_int64(s, 2, items);
	sqlite3_bind_int64(s, 3, unread);
	return run(st, s);
}

enum store_result
store_refresh_commit(struct store *st, long long *nnew)
{
	struct refresh *rf = &st->refresh;
	sqlite3_stmt *s;
	enum store_result r;
	long long expired = 0;

	if (nnew != NULL)
		*nnew = 0;
	if (!rf->active) {
		set_err(st, xstrdup("no refresh in progress"));
		return STORE_BAD_ARGUMENT;
	}
	if (st->retention_days > 0) {
		if ((s = stmt(st, S_ITEM_EXPIRE)) == NULL)
			goto abort;
		sqlite3_bind_int64(s, 1, rf->feed_id);
		sqlite3_bind_int64(s, 2, rf->now -
		    (int64_t)st->retention_days * SECONDS_PER_DAY);
		if (run(st, s) != STORE_OK)
			goto abort;
		expired = sqlite3_changes(st->db);
	}
	if (counters_add(st, rf->feed_id, rf->nnew - expired, rf->nnew) !=
	    STORE_OK)
		goto abort;
	if ((s = stmt(st, S_FEED_DONE)) == NULL)
		goto abort;
	sqlite3_bind_int64(s, 1, rf->feed_id);
	sqlite3_bind_int64(s, 2, rf->nnew);
	sqlite3_bind_int64(s, 3, rf->now);
	if (run(st, s) != STORE_OK)
		goto abort;
	if (!rf->in_batch && (r = exec(st, "COMMIT")) != STORE_OK) {
		store_refresh_abort(st);
		return r;
	}
	rf->active = false;
	if (nnew != NULL)
		*nnew = rf->nnew;
	return STORE_OK;

abort:
	r = map_rc(sqlite3_errcode(st->db));
	store_refresh_abort(st);
	return r == STORE_OK ? STORE_ERROR : r;
}

void
store_refresh_abort(struct store *st)
{
	if (!st->refresh.active)
		return;
	st->refresh.active = false;
	undo_feed(st);
}

/* ---- batches of feeds ------------------------------------------------------ */

enum store_result
store_batch_begin(struct store *st)
{
	enum store_result r;

	if (st->batch || st->refresh.active) {
		set_err(st, xstrdup("a batch or refresh is in progress already"));
		return STORE_BAD_ARGUMENT;
	}
	if ((r = exec(st, "BEGIN IMMEDIATE")) == STORE_OK)
		st->batch = true;
	return r;
}

enum store_result
store_batch_commit(struct store *st)
{
	enum store_result r;

	if (st->refresh.active) {
		store_refresh_abort(st);	/* a feed half saved: the batch is lost */
		set_err(st, xstrdup("a feed was being saved: batch rolled back"));
		return STORE_ERROR;
	}
	if (!store_batch_active(st)) {
		st->batch = false;
		return STORE_OK;
	}
	st->batch = false;
	if ((r = exec(st, "COMMIT")) != STORE_OK)
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	return r;
}

bool
store_batch_active(const struct store *st)
{
	/* SQLite rolls a transaction back by itself on some errors (disk
	 * full, I/O): the batch is gone then too */
	return st->batch && !sqlite3_get_autocommit(st->db);
}

enum store_result
store_save_feed(struct store *st, const char *url, const struct feed *f,
    const char *etag, const char *last_modified, int64_t now,
    long long *nnew)
{
	enum store_result r;
	size_t i;

	if (nnew != NULL)
		*nnew = 0;
	r = store_refresh_begin(st, url, f, etag, last_modified, now);
	for (i = 0; r == STORE_OK && i < f->nitems; i++)
		r = store_refresh_put(st, &f->items[i]);
	if (r != STORE_OK) {
		store_refresh_abort(st);
		return r;
	}
	return store_refresh_commit(st, nnew);
}

/* Run S_FEED_NOT_MODIFIED or S_FEED_FAILED-like updates on url's row,
 * creating it first so a new subscription shows its first result. */
static enum store_result
feed_update(struct store *st, const char *url, int64_t now, sqlite3_stmt **s,
    enum sid id)
{
	enum store_result r;
	int64_t fid;

	if ((r = feed_row(st, url, now, &fid)) != STORE_OK)
		return r;
	if ((*s = stmt(st, id)) == NULL)
		return STORE_ERROR;
	bind_text(*s, 1, url);
	return STORE_OK;
}

enum store_result
store_feed_not_modified(struct store *st, const char *url, const char *etag,
    const char *last_modified, int64_t now)
{
	sqlite3_stmt *s;
	enum store_result r;

	if ((r = feed_update(st, url, now, &s, S_FEED_NOT_MODIFIED)) != STORE_OK)
		return r;
	sqlite3_bind_int64(s, 2, now);
	bind_text(s, 3, etag);
	bind_text(s, 4, last_modified);
	return run(st, s);
}

enum store_result
store_feed_failed(struct store *st, const char *url, const char *message,
    int64_t now)
{
	sqlite3_stmt *s;
	enum store_result r;

	if ((r = feed_update(st, url, now, &s, S_FEED_FAILED)) != STORE_OK)
		return r;
	bind_text(s, 2, message != NULL ? message : "failed");
	sqlite3_bind_int64(s, 3, now);
	return run(st, s);
}

enum store_result
store_delete_feed(struct store *st, const char *url)
{
	sqlite3_stmt *s;
	enum store_result r;

	if ((s = stmt(st, S_FEED_DELETE)) == NULL)
		return STORE_ERROR;
	bind_text(s, 1, url);
	if ((r = run(st, s)) != STORE_OK)
		return r;
	return sqlite3_changes(st->db) > 0 ? STORE_OK : STORE_NOT_FOUND;
}

enum store_result
store_rename_feed(struct store *st, const char *url, const char *new_url)
{
	sqlite3_stmt *s;
	int rc;

	if (new_url == NULL || new_url[0] == '\0') {
		set_err(st, xstrdup("empty feed URL"));
		return STORE_BAD_ARGUMENT;
	}
	if ((s = stmt(st, S_FEED_RENAME)) == NULL)
		return STORE_ERROR;
	bind_text(s, 1, url);
	bind_text(s, 2, new_url);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if ((rc & 0xff) == SQLITE_CONSTRAINT) {
		set_err(st, xasprintf("%s is in the cache already", new_url));
		return STORE_BAD_ARGUMENT;
	}
	if (rc != SQLITE_DONE)
		return fail(st, rc);
	return sqlite3_changes(st->db) > 0 ? STORE_OK : STORE_NOT_FOUND;
}

/* ---- listings ---------------------------------------------------------- */

/* ORDER BY clauses: natural order and reversed, each matching an index
 * (migration 1 -> 2; but the reversed rating order) so a page needs no
 * sort of every item. The rating key is the reader's own rating where
 * there is one, else the community's stars; unrated items come last
 * either way (-1 below any rating going down, 6 above any going up).
 * Equal titles go newest first (oldest first reversed): the title indexes
 * are scanned in one direction or the other. */
static const struct {
	const char *natural, *reversed;
} orders[] = {
	[STORE_SORT_DATE] = {
		"i.sort_date DESC, i.id DESC",
		"i.sort_date ASC, i.id ASC" },
	[STORE_SORT_RATING] = {
		"coalesce(i.user_rating, i.stars, -1) DESC, i.sort_date DESC",
		"coalesce(i.user_rating, i.stars, 6) ASC, i.sort_date DESC" },
	[STORE_SORT_TITLE] = {
		"i.title COLLATE NOCASE ASC, i.sort_date DESC",
		"i.title COLLATE NOCASE DESC, i.sort_date ASC" },
	[STORE_SORT_FEED] = {
		"coalesce(f.title, f.url) COLLATE NOCASE ASC, i.feed_id,"
		" i.sort_date DESC",
		"coalesce(f.title, f.url) COLLATE NOCASE DESC, i.feed_id,"
		" i.sort_date DESC" },
};

/* The LIKE pattern for a search: %text% with %, _ and \ escaped. */
static char *
like_pattern(const char *text)
{
	char *p = xmalloc(strlen(text) * 2 + 3), *o = p;

	*o++ = '%';
	for (; *text != '\0'; text++) {
		if (*text == '%' || *text == '_' || *text == '\\')
			*o++ = '\\';
		*o++ = *text;
	}
	*o++ = '%';
	*o = '\0';
	return p;
}

/* q's feed-id list as a JSON array ("[3,7]") for json_each: one bound
 * parameter however many feeds a tag names (a list of ? would meet
 * SQLite's limit on parameters). The caller frees it. */
static char *
feed_ids_json(const struct store_query *q)
{
	struct tbuf b;
	bool ok;

	tbuf_init(&b, TEXT_MAX_STRING);
	ok = tbuf_addc(&b, '[');
	for (size_t i = 0; ok && i < q->nfeed_ids; i++)
		ok = tbuf_printf(&b, "%s%lld", i > 0 ? "," : "",
		    (long long)q->feed_ids[i]);
	if (!ok || !tbuf_addc(&b, ']'))
		fatalx("store: feed-id list too long");
	return tbuf_take(&b);
}

/* Bind q's feed-id list to parameter i (the statement keeps a copy). */
static void
bind_feed_ids(sqlite3_stmt *s, int i, const struct store_query *q)
{
	char *json = feed_ids_json(q);

	sqlite3_bind_text(s, i, json, -1, SQLITE_TRANSIENT);
	free(json);
}

#define FEED_IDS_FILTER " IN (SELECT value FROM json_each(?5))"

/*
 * Prepare "<prefix>SELECT columns FROM items JOIN feeds WHERE <q's
 * filters> [ORDER BY ... LIMIT ? OFFSET ?]". Parameters: ?1 feed id, ?2
 * search pattern, ?3 limit, ?4 offset, ?5 the feed-id list. *pattern is
 * the caller's to free after the statement is done.
 */
static enum store_result
prepare_query_as(struct store *st, const char *prefix,
    const struct store_query *q, const char *columns, bool ordered,
    bool paged, sqlite3_stmt **out, char **pattern)
{
	struct tbuf sql;
	enum store_sort sort = q->sort;
	int rc;
	bool ok;

	*out = NULL;
	*pattern = NULL;
	if ((unsigned)sort >= sizeof(orders) / sizeof(orders[0]))
		sort = STORE_SORT_DATE;
	tbuf_init(&sql, 4096);
	ok = tbuf_printf(&sql, "%sSELECT %s FROM items i JOIN feeds f"
	    " ON f.id = i.feed_id WHERE 1", prefix, columns);
	if (q->feed_id != 0)
		ok = ok && tbuf_adds(&sql, " AND i.feed_id = ?1");
	if (q->feed_ids != NULL)
		ok = ok && tbuf_adds(&sql, " AND i.feed_id" FEED_IDS_FILTER);
	if (q->unread_only)
		ok = ok && tbuf_adds(&sql, " AND i.read = 0");
	if (q->starred_only)
		ok = ok && tbuf_adds(&sql, " AND i.starred = 1");
	if (q->search != NULL && q->search[0] != '\0') {
		ok = ok && tbuf_adds(&sql, " AND (i.title LIKE ?2 ESCAPE '\\'"
		    " OR i.author LIKE ?2 ESCAPE '\\'"
		    " OR i.summary LIKE ?2 ESCAPE '\\'"
		    " OR i.content LIKE ?2 ESCAPE '\\'"
		    " OR i.readable LIKE ?2 ESCAPE '\\')");
		*pattern = like_pattern(q->search);
	}
	if (ordered)
		ok = ok && tbuf_printf(&sql, " ORDER BY %s", q->reverse ?
		    orders[sort].reversed : orders[sort].natural);
	if (paged)
		ok = ok && tbuf_adds(&sql, " LIMIT ?3 OFFSET ?4");
	if (!ok)
		fatalx("store: query text too long");
	rc = sqlite3_prepare_v2(st->db, tbuf_str(&sql), -1, out, NULL);
	tbuf_free(&sql);
	if (rc != SQLITE_OK) {
		free(*pattern);
		*pattern = NULL;
		return fail(st, rc);
	}
	if (q->feed_id != 0)
		sqlite3_bind_int64(*out, 1, q->feed_id);
	if (*pattern != NULL)
		bind_text(*out, 2, *pattern);
	if (q->feed_ids != NULL)
		bind_feed_ids(*out, 5, q);
	if (paged) {
		size_t limit = q->limit == 0 || q->limit > STORE_MAX_PAGE ?
		    STORE_MAX_PAGE : q->limit;
		sqlite3_bind_int64(*out, 3, (sqlite3_int64)limit);
		sqlite3_bind_int64(*out, 4, q->offset > (size_t)INT64_MAX ?
		    INT64_MAX : (sqlite3_int64)q->offset);
	}
	return STORE_OK;
}

static enum store_result
prepare_query(struct store *st, const struct store_query *q,
    const char *columns, bool ordered, bool paged, sqlite3_stmt **out,
    char **pattern)
{
	return prepare_query_as(st, "", q, columns, ordered, paged, out,
	    pattern);
}

void
store_headlines_free(struct store_headlines *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].feed_title);
		free(l->v[i].title);
		free(l->v[i].link);
		free(l->v[i].author);
	}
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

enum store_result
store_list_items(struct store *st, const struct store_query *q,
    struct store_headlines *out)
{
	sqlite3_stmt *s;
	enum store_result r;
	char *pattern;
	size_t cap = 0;
	int rc;

	out->v = NULL;
	out->n = 0;
	r = prepare_query(st, q, HEADLINE_COLUMNS, true, true, &s, &pattern);
	if (r != STORE_OK)
		return r;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_headline *h;

		if (out->n == cap) {
			cap = cap == 0 ? 64 : cap * 2;
			out->v = xreallocarray(out->v, cap, sizeof(*out->v));
		}
		h = &out->v[out->n++];
		h->id = sqlite3_column_int64(s, 0);
		h->feed_id = sqlite3_column_int64(s, 1);
		h->feed_title = col_str(s, 2);
		h->title = col_str(s, 3);
		h->link = col_str(s, 4);
		h->author = col_str(s, 5);
		h->date = col_time(s, 6);
		h->stars = sqlite3_column_type(s, 7) == SQLITE_NULL ? -1.0 :
		    sqlite3_column_double(s, 7);
		h->rating_count = sqlite3_column_type(s, 8) == SQLITE_NULL ?
		    -1 : sqlite3_column_int64(s, 8);
		h->user_rating = sqlite3_column_int(s, 9);
		h->read = sqlite3_column_int(s, 10) != 0;
		h->starred = sqlite3_column_int(s, 11) != 0;
	}
	r = rc == SQLITE_DONE ? STORE_OK : fail(st, rc);
	sqlite3_finalize(s);
	free(pattern);
	if (r != STORE_OK)
		store_headlines_free(out);
	return r;
}

enum store_result
store_query_plan(struct store *st, const struct store_query *q, char **plan)
{
	sqlite3_stmt *s;
	enum store_result r;
	struct tbuf b;
	char *pattern;
	int rc;
	bool ok = true;

	*plan = NULL;
	r = prepare_query_as(st, "EXPLAIN QUERY PLAN ", q, HEADLINE_COLUMNS,
	    true, true, &s, &pattern);
	if (r != STORE_OK)
		return r;
	tbuf_init(&b, TEXT_MAX_STRING);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && ok) {
		const unsigned char *detail = sqlite3_column_text(s, 3);

		ok = tbuf_printf(&b, "%s\n", detail != NULL ?
		    (const char *)detail : "");
	}
	r = rc == SQLITE_DONE || rc == SQLITE_ROW ? STORE_OK : fail(st, rc);
	sqlite3_finalize(s);
	free(pattern);
	if (r == STORE_OK)
		*plan = tbuf_take(&b);
	else
		tbuf_free(&b);
	return r;
}

/* Without a search the feeds' counters have the count: 500 rows summed
 * instead of 100 000 items counted. */
static enum store_result
count_from_feeds(struct store *st, const struct store_query *q,
    long long *count)
{
	static const char *const sql[2][2] = {
		{ "SELECT coalesce(sum(nitems), 0) FROM feeds WHERE 1",
		  "SELECT coalesce(sum(nunread), 0) FROM feeds WHERE 1" },
		{ "SELECT nitems FROM feeds WHERE id = ?1",
		  "SELECT nunread FROM feeds WHERE id = ?1" },
	};
	sqlite3_stmt *s;
	char *text;
	int rc;

	text = xasprintf("%s%s", sql[q->feed_id != 0][q->unread_only],
	    q->feed_ids != NULL ? " AND id" FEED_IDS_FILTER : "");
	rc = sqlite3_prepare_v2(st->db, text, -1, &s, NULL);
	free(text);
	if (rc != SQLITE_OK)
		return fail(st, rc);
	if (q->feed_id != 0)
		sqlite3_bind_int64(s, 1, q->feed_id);
	if (q->feed_ids != NULL)
		bind_feed_ids(s, 5, q);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*count = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : fail(st, rc);
}

enum store_result
store_count_items(struct store *st, const struct store_query *q,
    long long *count)
{
	sqlite3_stmt *s;
	enum store_result r;
	char *pattern;
	int rc;

	*count = 0;
	/* the feeds keep no count of starred items (few: the index counts) */
	if ((q->search == NULL || q->search[0] == '\0') && !q->starred_only)
		return count_from_feeds(st, q, count);
	r = prepare_query(st, q, "count(*)", false, false, &s, &pattern);
	if (r != STORE_OK)
		return r;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*count = sqlite3_column_int64(s, 0);
	r = rc == SQLITE_ROW ? STORE_OK : fail(st, rc);
	sqlite3_finalize(s);
	free(pattern);
	return r;
}

/* ---- one item ------------------------------------------------------------ */

void
store_item_clear(struct store_item *it)
{
	free(it->feed_url);
	free(it->feed_title);
	free(it->feed_link);
	feed_item_clear(&it->item);
	free(it->readable);
	memset(it, 0, sizeof(*it));
}

/* Decode a JSON array of strings (a categories or server_folders column)
 * into *v, *n (appended to; the caller's). */
static enum store_result
read_strings(struct store *st, const char *json, char ***v, size_t *n)
{
	sqlite3_stmt *s;
	size_t cap = *n;
	int rc;

	if (json == NULL)
		return STORE_OK;
	if ((s = stmt(st, S_JSON_STRINGS)) == NULL)
		return STORE_ERROR;
	bind_text(s, 1, json);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap == 0 ? 4 : cap * 2;
			*v = xreallocarray(*v, cap, sizeof(**v));
		}
		(*v)[(*n)++] = col_str(s, 0);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? STORE_OK : fail(st, rc);
}

/* Decode the JSON categories column back into it. */
static enum store_result
read_categories(struct store *st, const char *json, struct feed_item *it)
{
	return read_strings(st, json, &it->categories, &it->ncategories);
}

static enum store_result
read_enclosures(struct store *st, const char *json, struct feed_item *it)
{
	sqlite3_stmt *s;
	size_t cap = 0;
	int rc;

	if (json == NULL)
		return STORE_OK;
	if ((s = stmt(st, S_JSON_ENCLOSURES)) == NULL)
		return STORE_ERROR;
	bind_text(s, 1, json);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct feed_enclosure *e;

		if (it->nenclosures == cap) {
			cap = cap == 0 ? 2 : cap * 2;
			it->enclosures = xreallocarray(it->enclosures, cap,
			    sizeof(*it->enclosures));
		}
		e = &it->enclosures[it->nenclosures++];
		e->url = col_str(s, 0);
		e->type = col_str(s, 1);
		e->length = sqlite3_column_type(s, 2) == SQLITE_NULL ? -1 :
		    sqlite3_column_int64(s, 2);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? STORE_OK : fail(st, rc);
}

/* Fill out from a row of ITEM_COLUMNS. */
static enum store_result
read_item(struct store *st, sqlite3_stmt *s, struct store_item *out)
{
	struct feed_item *it = &out->item;
	struct feed_rating *rt = &it->rating;
	enum store_result r;
	char *cats, *encs;

	memset(out, 0, sizeof(*out));
	out->id = sqlite3_column_int64(s, 0);
	out->feed_id = sqlite3_column_int64(s, 1);
	out->feed_url = col_str(s, 2);
	out->feed_title = col_str(s, 3);
	out->feed_link = col_str(s, 4);
	it->id = col_str(s, 5);
	it->title = col_str(s, 6);
	it->link = col_str(s, 7);
	it->author = col_str(s, 8);
	it->comments = col_str(s, 9);
	it->published = col_time(s, 10);
	it->updated = col_time(s, 11);
	it->summary = col_str(s, 12);
	it->content = col_str(s, 13);
	cats = col_str(s, 14);
	encs = col_str(s, 15);
	rt->present = sqlite3_column_type(s, 16) != SQLITE_NULL;
	rt->average = sqlite3_column_double(s, 16);
	rt->min = sqlite3_column_double(s, 17);
	rt->max = sqlite3_column_double(s, 18);
	rt->count = sqlite3_column_type(s, 19) == SQLITE_NULL ? -1 :
	    sqlite3_column_int64(s, 19);
	out->read = sqlite3_column_int(s, 20) != 0;
	out->user_rating = sqlite3_column_int(s, 21);
	out->readable = col_str(s, 22);
	out->readable_fetched = col_time(s, 23);
	out->first_seen = col_time(s, 24);
	out->last_seen = col_time(s, 25);
	out->starred = sqlite3_column_int(s, 26) != 0;
	it->author_email = col_str(s, 27);
	r = read_categories(st, cats, it);
	if (r == STORE_OK)
		r = read_enclosures(st, encs, it);
	free(cats);
	free(encs);
	if (r != STORE_OK)
		store_item_clear(out);
	return r;
}

enum store_result
store_get_item(struct store *st, int64_t id, struct store_item *out)
{
	sqlite3_stmt *s;
	enum store_result r;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((s = stmt(st, S_ITEM_GET)) == NULL)
		return STORE_ERROR;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		r = read_item(st, s, out);
	else
		r = rc == SQLITE_DONE ? STORE_NOT_FOUND : fail(st, rc);
	sqlite3_reset(s);
	return r;
}

enum store_result
store_each_item(struct store *st, const struct store_query *q,
    store_item_fn fn, void *arg)
{
	struct store_item it;
	sqlite3_stmt *s;
	enum store_result r;
	char *pattern;
	int rc;

	r = prepare_query(st, q, ITEM_COLUMNS, true, q->limit != 0, &s,
	    &pattern);
	if (r != STORE_OK)
		return r;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		bool more;

		if ((r = read_item(st, s, &it)) != STORE_OK)
			break;
		more = fn(&it, arg);
		store_item_clear(&it);
		if (!more)
			break;
	}
	if (r == STORE_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
		r = fail(st, rc);
	sqlite3_finalize(s);
	free(pattern);
	return r;
}

/* ---- what the reader does ------------------------------------------------ */

/*
 * Run s, a write the reader made (a read mark, a rating), with synchronous
 * = FULL: its commit syncs the WAL, so a power cut right after does not
 * undo it. Refresh batches stay NORMAL (synced at checkpoints): a lost
 * refresh is fetched again, a lost rating is not.
 */
static enum store_result
run_durable(struct store *st, sqlite3_stmt *s)
{
	enum store_result r;

	/* the reader's action is its own durable transaction, never a part
	 * of a refresh's batch */
	if ((r = store_batch_commit(st)) != STORE_OK)
		return r;
	if ((r = exec(st, "PRAGMA synchronous = FULL")) != STORE_OK)
		return r;
	r = run(st, s);
	/* a failure here leaves FULL on: slower, never less safe */
	exec(st, "PRAGMA synchronous = NORMAL");
	return r;
}

/* Run s (bound), then STORE_NOT_FOUND when it changed no row. */
static enum store_result
run_on_item(struct store *st, sqlite3_stmt *s)
{
	enum store_result r = run_durable(st, s);

	if (r == STORE_OK && sqlite3_changes(st->db) == 0)
		return STORE_NOT_FOUND;
	return r;
}

/* ---- the reader's changes to synced items ------------------------------- */

static const char *const sync_statements[SY_COUNT] = {
	/* ?1 item, ?2 kind, ?3 value, ?4 now: only for an item from a server */
	[SY_PENDING_ITEM] =
	    "INSERT INTO sync_pending (kind, item_id, item_sid, value, made)"
	    " SELECT ?2, id, server_id, ?3, ?4 FROM items"
	    " WHERE id = ?1 AND server_id IS NOT NULL",
	/* ?1 feed, ?2 now; the newest server time among its items */
	[SY_PENDING_FEED] =
	    "INSERT INTO sync_pending (kind, stream, value, made)"
	    " SELECT 6, server_id, (SELECT max(server_ts) FROM items"
	    "   WHERE feed_id = feeds.id), ?2 FROM feeds"
	    " WHERE id = ?1 AND server_id IS NOT NULL",
	/* ?1 unused (0), ?2 now; stream NULL: the whole reading list */
	[SY_PENDING_ALL] =
	    "INSERT INTO sync_pending (kind, stream, value, made)"
	    " SELECT 6, NULL, (SELECT max(server_ts) FROM items), ?2"
	    " WHERE ?1 = 0 AND EXISTS"
	    "  (SELECT 1 FROM feeds WHERE server_id IS NOT NULL)",
	[SY_PENDING_LIST] =
	    "SELECT seq, kind, coalesce(item_sid, 0), stream, value, made"
	    " FROM sync_pending ORDER BY seq LIMIT ?1",
	[SY_PENDING_COUNT] = "SELECT count(*) FROM sync_pending",
	[SY_PENDING_DONE] = "DELETE FROM sync_pending WHERE seq = ?1",
	[SY_STATE_GET] = "SELECT value FROM sync_state WHERE key = ?1",
	[SY_STATE_SET] =
	    "INSERT INTO sync_state (key, value) VALUES (?1, ?2)"
	    " ON CONFLICT (key) DO UPDATE SET value = ?2",
	[SY_STATE_DELETE] = "DELETE FROM sync_state WHERE key = ?1",
	/* ?1 url, ?2 sid, ?3 title, ?4 link, ?5 folders, ?6 now, ?7 generation */
	[SY_FEED_UPSERT] =
	    "INSERT INTO feeds (url, server_id, title, link, server_folders,"
	    " added, server_seen) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
	    " ON CONFLICT (url) DO UPDATE SET server_id = ?2,"
	    " title = coalesce(?3, title), link = coalesce(?4, link),"
	    " server_folders = ?5, server_seen = ?7 RETURNING id",
	[SY_FEED_BY_SID] = "SELECT id FROM feeds WHERE server_id = ?1",
	[SY_FEED_SID] = "SELECT server_id FROM feeds WHERE url = ?1",
	[SY_FEED_DROP] =
	    "DELETE FROM feeds WHERE server_id IS NOT NULL"
	    " AND coalesce(server_seen, 0) < ?1",
	[SY_ITEM_BY_SID] = "SELECT id, hash FROM items WHERE server_id = ?1",
	[SY_ITEM_KNOWN] =
	    "SELECT coalesce(server_ts, 0) FROM items WHERE server_id = ?1",
	/* ?1 row, ?2 sid, ?3 ts, ?4 read, ?5 starred, ?6 rating (-1: keep).
	 * A pending change of the reader's wins over the server's state. */
	[SY_ITEM_STATE] =
	    "UPDATE items SET server_id = ?2, server_ts = nullif(?3, 0),"
	    " read = CASE WHEN EXISTS (SELECT 1 FROM sync_pending p"
	    "   WHERE p.item_id = ?1 AND p.kind IN (1, 2)) THEN read ELSE ?4 END,"
	    " starred = CASE WHEN EXISTS (SELECT 1 FROM sync_pending p"
	    "   WHERE p.item_id = ?1 AND p.kind IN (3, 4)) THEN starred ELSE ?5 END,"
	    " user_rating = CASE WHEN ?6 < 0 OR EXISTS (SELECT 1 FROM"
	    "   sync_pending p WHERE p.item_id = ?1 AND p.kind = 5)"
	    "   THEN user_rating ELSE nullif(?6, 0) END"
	    " WHERE id = ?1",
	[SY_ITEM_STARRED] = "UPDATE items SET starred = ?2 WHERE id = ?1",
	[SY_IDS_CLEAR] = "DELETE FROM temp.sync_ids",
	[SY_IDS_ADD] = "INSERT OR IGNORE INTO temp.sync_ids (id) VALUES (?1)",
	[SY_APPLY_UNREAD] =
	    "UPDATE items SET read = (server_id NOT IN temp.sync_ids)"
	    " WHERE server_id IS NOT NULL"
	    " AND read IS NOT (server_id NOT IN temp.sync_ids)"
	    " AND NOT EXISTS (SELECT 1 FROM sync_pending p"
	    "   WHERE p.item_id = items.id AND p.kind IN (1, 2))",
	[SY_APPLY_STARRED] =
	    "UPDATE items SET starred = (server_id IN temp.sync_ids)"
	    " WHERE server_id IS NOT NULL"
	    " AND starred IS NOT (server_id IN temp.sync_ids)"
	    " AND NOT EXISTS (SELECT 1 FROM sync_pending p"
	    "   WHERE p.item_id = items.id AND p.kind IN (3, 4))",
	[SY_RATED_CLEAR] = "DELETE FROM temp.sync_rated",
	[SY_RATED_ADD] =
	    "INSERT OR REPLACE INTO temp.sync_rated (id, rating) VALUES (?1, ?2)",
	[SY_APPLY_RATED] =
	    "UPDATE items SET user_rating ="
	    " (SELECT rating FROM temp.sync_rated r WHERE r.id = items.server_id)"
	    " WHERE server_id IS NOT NULL AND user_rating IS NOT"
	    " (SELECT rating FROM temp.sync_rated r WHERE r.id = items.server_id)"
	    " AND NOT EXISTS (SELECT 1 FROM sync_pending p"
	    "   WHERE p.item_id = items.id AND p.kind = 5)",
	/* ?1 feed, ?2 the document item's link (or guid), ?3..?7 average,
	 * min, max, count, stars: the community rating of a synced item */
	[SY_RATING_BY_LINK] =
	    "UPDATE items SET rating_average = ?3, rating_min = ?4,"
	    " rating_max = ?5, rating_count = ?6, stars = ?7"
	    " WHERE feed_id = ?1 AND link = ?2 AND server_id IS NOT NULL",
	[SY_RATING_BY_GUID] =
	    "UPDATE items SET rating_average = ?3, rating_min = ?4,"
	    " rating_max = ?5, rating_count = ?6, stars = ?7"
	    " WHERE feed_id = ?1 AND (guid = ?2 OR link = ?2)"
	    " AND server_id IS NOT NULL",
	/* ?1 now, ?2 and ?3 the ages (s) after which a feed with and one
	 * without rated items is due; never read: due at once */
	[SY_RATINGS_DUE] =
	    "SELECT url FROM feeds f WHERE server_id IS NOT NULL"
	    " AND (checked IS NULL OR checked <= ?1 - CASE WHEN EXISTS"
	    "  (SELECT 1 FROM items WHERE feed_id = f.id"
	    "   AND rating_average IS NOT NULL) THEN ?2 ELSE ?3 END)"
	    " ORDER BY url",
};

/* As stmt(), for the sync section's statements. */
static sqlite3_stmt *
sync_stmt(struct store *st, enum sync_sid id)
{
	sqlite3_stmt *s = st->sync_stmt[id];
	int rc;

	if (s == NULL) {
		rc = sqlite3_prepare_v3(st->db, sync_statements[id], -1,
		    SQLITE_PREPARE_PERSISTENT, &s, NULL);
		if (rc != SQLITE_OK) {
			fail(st, rc);
			return NULL;
		}
		st->sync_stmt[id] = s;
	}
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return s;
}

/* A durable write transaction (see run_durable), synchronous = FULL set
 * before it begins. */
static enum store_result
durable_begin(struct store *st)
{
	enum store_result r;

	if ((r = exec(st, "PRAGMA synchronous = FULL")) != STORE_OK)
		return r;
	if ((r = exec(st, "BEGIN IMMEDIATE")) != STORE_OK)
		exec(st, "PRAGMA synchronous = NORMAL");
	return r;
}

/* Commit when r is STORE_OK, else roll back; returns r or the commit's
 * failure. */
static enum store_result
durable_end(struct store *st, enum store_result r)
{
	if (r == STORE_OK)
		r = exec(st, "COMMIT");
	if (r != STORE_OK)
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	exec(st, "PRAGMA synchronous = NORMAL");
	return r;
}

/*
 * Run s (bound: the reader's update of item id) and, when the item came
 * from a sync server, queue the change for it, in one durable
 * transaction. STORE_NOT_FOUND when s changed no row.
 */
static enum store_result
reader_change(struct store *st, sqlite3_stmt *s, enum store_change_kind kind,
    int64_t id, long long value)
{
	sqlite3_stmt *q;
	enum store_result r;

	if ((r = durable_begin(st)) != STORE_OK)
		return r;
	r = run(st, s);
	if (r == STORE_OK && sqlite3_changes(st->db) == 0)
		r = STORE_NOT_FOUND;
	if (r == STORE_OK) {
		if ((q = sync_stmt(st, SY_PENDING_ITEM)) == NULL)
			r = STORE_ERROR;
		else {
			sqlite3_bind_int64(q, 1, id);
			sqlite3_bind_int(q, 2, (int)kind);
			sqlite3_bind_int64(q, 3, value);
			sqlite3_bind_int64(q, 4, (int64_t)time(NULL));
			r = run(st, q);
		}
	}
	return durable_end(st, r);
}

enum store_result
store_set_read(struct store *st, int64_t id, bool read)
{
	sqlite3_stmt *s;

	if ((s = stmt(st, S_ITEM_READ)) == NULL)
		return STORE_ERROR;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int(s, 2, read ? 1 : 0);
	return reader_change(st, s, read ? STORE_CHANGE_READ :
	    STORE_CHANGE_UNREAD, id, 0);
}

enum store_result
store_set_starred(struct store *st, int64_t id, bool starred)
{
	sqlite3_stmt *s;

	if ((s = sync_stmt(st, SY_ITEM_STARRED)) == NULL)
		return STORE_ERROR;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int(s, 2, starred ? 1 : 0);
	return reader_change(st, s, starred ? STORE_CHANGE_STAR :
	    STORE_CHANGE_UNSTAR, id, 0);
}

enum store_result
store_mark_all_read(struct store *st, int64_t feed_id, long long *n)
{
	sqlite3_stmt *s, *q;
	enum store_result r;

	if (n != NULL)
		*n = 0;
	if ((s = stmt(st, feed_id == 0 ? S_ITEM_ALL_READ : S_ITEM_FEED_READ)) == NULL)
		return STORE_ERROR;
	if (feed_id != 0)
		sqlite3_bind_int64(s, 1, feed_id);
	if ((r = durable_begin(st)) != STORE_OK)
		return r;
	if ((r = run(st, s)) == STORE_OK && n != NULL)
		*n = sqlite3_changes(st->db);
	/* one change for the server: "all of this feed up to what I saw" */
	if (r == STORE_OK) {
		q = sync_stmt(st, feed_id == 0 ? SY_PENDING_ALL : SY_PENDING_FEED);
		if (q == NULL)
			r = STORE_ERROR;
		else {
			sqlite3_bind_int64(q, 1, feed_id);
			sqlite3_bind_int64(q, 2, (int64_t)time(NULL));
			r = run(st, q);
		}
	}
	return durable_end(st, r);
}

enum store_result
store_set_rating(struct store *st, int64_t id, int rating)
{
	sqlite3_stmt *s;

	if (rating < 0 || rating > STORE_MAX_RATING) {
		set_err(st, xasprintf("rating %d is not between 1 and %d",
		    rating, STORE_MAX_RATING));
		return STORE_BAD_ARGUMENT;
	}
	if ((s = stmt(st, S_ITEM_RATING)) == NULL)
		return STORE_ERROR;
	sqlite3_bind_int64(s, 1, id);
	if (rating > 0)
		sqlite3_bind_int(s, 2, rating);
	return reader_change(st, s, STORE_CHANGE_RATING, id, rating);
}

enum store_result
store_set_readable(struct store *st, int64_t id, const char *text, int64_t now)
{
	sqlite3_stmt *s;

	if ((s = stmt(st, S_ITEM_READABLE)) == NULL)
		return STORE_ERROR;
	sqlite3_bind_int64(s, 1, id);
	bind_text(s, 2, text);
	if (text != NULL)
		sqlite3_bind_int64(s, 3, now);
	return run_on_item(st, s);
}

/* ---- sync: the pending queue, the state, the server's feeds and items ---- */

void
store_changes_free(struct store_changes *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i].stream);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

enum store_result
store_pending_changes(struct store *st, size_t max, struct store_changes *out)
{
	sqlite3_stmt *s;
	size_t cap = 0;
	int rc;

	out->v = NULL;
	out->n = 0;
	if ((s = sync_stmt(st, SY_PENDING_LIST)) == NULL)
		return STORE_ERROR;
	sqlite3_bind_int64(s, 1, max == 0 || max > INT64_MAX ? -1 :
	    (sqlite3_int64)max);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_change *c;

		if (out->n == cap) {
			cap = cap == 0 ? 64 : cap * 2;
			out->v = xreallocarray(out->v, cap, sizeof(*out->v));
		}
		c = &out->v[out->n++];
		c->seq = sqlite3_column_int64(s, 0);
		c->kind = (enum store_change_kind)sqlite3_column_int(s, 1);
		c->item_sid = sqlite3_column_int64(s, 2);
		c->stream = col_str(s, 3);
		c->value = sqlite3_column_int64(s, 4);
		c->made = sqlite3_column_int64(s, 5);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		store_changes_free(out);
		return fail(st, rc);
	}
	return STORE_OK;
}

enum store_result
store_pending_count(struct store *st, long long *n)
{
	sqlite3_stmt *s;
	int rc;

	*n = 0;
	if ((s = sync_stmt(st, SY_PENDING_COUNT)) == NULL)
		return STORE_ERROR;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? STORE_OK : fail(st, rc);
}

enum store_result
store_changes_done(struct store *st, const int64_t *seq, size_t n)
{
	sqlite3_stmt *s;
	enum store_result r;
	size_t i;

	if ((r = durable_begin(st)) != STORE_OK)
		return r;
	for (i = 0; i < n && r == STORE_OK; i++) {
		if ((s = sync_stmt(st, SY_PENDING_DONE)) == NULL) {
			r = STORE_ERROR;
			break;
		}
		sqlite3_bind_int64(s, 1, seq[i]);
		r = run(st, s);
	}
	return durable_end(st, r);
}

enum store_result
store_sync_get(struct store *st, const char *key, char **value)
{
	sqlite3_stmt *s;
	int rc;

	*value = NULL;
	if ((s = sync_stmt(st, SY_STATE_GET)) == NULL)
		return STORE_ERROR;
	bind_text(s, 1, key);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*value = col_str(s, 0);
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : fail(st, rc);
}

enum store_result
store_sync_set(struct store *st, const char *key, const char *value)
{
	sqlite3_stmt *s;

	if ((s = sync_stmt(st, value == NULL ? SY_STATE_DELETE :
	    SY_STATE_SET)) == NULL)
		return STORE_ERROR;
	bind_text(s, 1, key);
	if (value != NULL)
		bind_text(s, 2, value);
	return run(st, s);
}

enum store_result
store_sync_feed(struct store *st, const char *url, const char *server_id,
    const char *title, const char *link, const char *folders_json,
    int64_t now, int64_t generation, int64_t *feed_id)
{
	sqlite3_stmt *s;
	int rc;

	*feed_id = 0;
	if (url == NULL || url[0] == '\0' || server_id == NULL) {
		set_err(st, xstrdup("a synced feed needs a URL and a server id"));
		return STORE_BAD_ARGUMENT;
	}
	if ((s = sync_stmt(st, SY_FEED_UPSERT)) == NULL)
		return STORE_ERROR;
	bind_text(s, 1, url);
	bind_text(s, 2, server_id);
	bind_text(s, 3, title);
	bind_text(s, 4, link);
	bind_text(s, 5, folders_json);
	sqlite3_bind_int64(s, 6, now);
	sqlite3_bind_int64(s, 7, generation);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*feed_id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? STORE_OK : fail(st, rc);
}

enum store_result
store_sync_drop_feeds(struct store *st, int64_t generation, long long *n)
{
	sqlite3_stmt *s;
	enum store_result r;

	if (n != NULL)
		*n = 0;
	if ((s = sync_stmt(st, SY_FEED_DROP)) == NULL)
		return STORE_ERROR;
	sqlite3_bind_int64(s, 1, generation);
	r = run(st, s);
	if (r == STORE_OK && n != NULL)
		*n = sqlite3_changes(st->db);
	return r;
}

enum store_result
store_sync_feed_sid(struct store *st, const char *url, char **server_id)
{
	sqlite3_stmt *s;
	int rc;

	*server_id = NULL;
	if ((s = sync_stmt(st, SY_FEED_SID)) == NULL)
		return STORE_ERROR;
	bind_text(s, 1, url);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*server_id = col_str(s, 0);
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : fail(st, rc);
}

enum store_result
store_sync_feed_id(struct store *st, const char *server_id, int64_t *feed_id)
{
	sqlite3_stmt *s;
	int rc;

	*feed_id = 0;
	if ((s = sync_stmt(st, SY_FEED_BY_SID)) == NULL)
		return STORE_ERROR;
	bind_text(s, 1, server_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*feed_id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : fail(st, rc);
}

/* The row of a server item: by its server id, else by (feed, guid); 0
 * when new. *hash receives the row's field hash. */
static enum store_result
sync_find_item(struct store *st, const struct store_sync_item *si,
    int64_t *id, int64_t *hash)
{
	sqlite3_stmt *s;
	int rc, pass;

	*id = 0;
	*hash = 0;
	for (pass = 0; pass < 2 && *id == 0; pass++) {
		s = pass == 0 ? sync_stmt(st, SY_ITEM_BY_SID) :
		    stmt(st, S_ITEM_FIND);
		if (s == NULL)
			return STORE_ERROR;
		if (pass == 0)
			sqlite3_bind_int64(s, 1, si->server_id);
		else {
			sqlite3_bind_int64(s, 1, si->feed_id);
			bind_text(s, 2, si->item->id);
		}
		rc = sqlite3_step(s);
		if (rc == SQLITE_ROW) {
			*id = sqlite3_column_int64(s, 0);
			*hash = sqlite3_column_int64(s, 1);
		}
		sqlite3_reset(s);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return fail(st, rc);
	}
	return STORE_OK;
}

/* Insert or update one server item's fields (as a refresh would), then
 * its server id and state. */
static enum store_result
sync_put_item(struct store *st, const struct store_sync_item *si, int64_t now,
    long long *nnew)
{
	const struct feed_item *it = si->item;
	sqlite3_stmt *s;
	enum store_result r;
	char *cats, *encs;
	int64_t id, old, hash;

	if (it->id == NULL || it->id[0] == '\0') {
		set_err(st, xstrdup("a synced item needs a guid"));
		return STORE_BAD_ARGUMENT;
	}
	if ((r = sync_find_item(st, si, &id, &old)) != STORE_OK)
		return r;
	cats = categories_json(it);
	encs = enclosures_json(it);
	hash = item_hash(it, cats, encs);
	r = STORE_OK;
	if (id == 0 || hash != old) {
		s = stmt(st, id == 0 ? S_ITEM_INSERT : S_ITEM_UPDATE);
		if (s == NULL)
			r = STORE_ERROR;
		else {
			sqlite3_bind_int64(s, 1, si->feed_id);
			bind_text(s, 2, it->id);
			bind_item(s, it, cats, encs, hash);
			sqlite3_bind_int64(s, 19, now);
			/* the server's items carry no community rating: the
			 * one read from the feed's own document stays */
			if (id != 0) {
				sqlite3_bind_int64(s, 20, id);
				sqlite3_bind_int(s, 21, !it->rating.present);
			}
			r = run(st, s);
		}
		if (r == STORE_OK && id == 0) {
			id = sqlite3_last_insert_rowid(st->db);
			(*nnew)++;
			/* before SY_ITEM_STATE: its read or rating is then a
			 * change the update trigger counts */
			r = counters_add(st, si->feed_id, 1, 1);
		}
	}
	free(cats);
	free(encs);
	if (r != STORE_OK)
		return r;
	if ((s = sync_stmt(st, SY_ITEM_STATE)) == NULL)
		return STORE_ERROR;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, si->server_id);
	sqlite3_bind_int64(s, 3, si->server_ts);
	sqlite3_bind_int(s, 4, si->read ? 1 : 0);
	sqlite3_bind_int(s, 5, si->starred ? 1 : 0);
	sqlite3_bind_int(s, 6, si->rating);
	return run(st, s);
}

enum store_result
store_sync_put_items(struct store *st, const struct store_sync_item *v,
    size_t n, int64_t now, long long *nnew)
{
	enum store_result r;
	long long count = 0;
	size_t i;

	if (nnew != NULL)
		*nnew = 0;
	if ((r = exec(st, "BEGIN IMMEDIATE")) != STORE_OK)
		return r;
	for (i = 0; i < n && r == STORE_OK; i++)
		r = sync_put_item(st, &v[i], now, &count);
	if (r == STORE_OK)
		r = exec(st, "COMMIT");
	if (r != STORE_OK) {
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		return r;
	}
	if (nnew != NULL)
		*nnew = count;
	return STORE_OK;
}

/*
 * Take one of the server's whole sets: ids[0..n) (each with values[i]
 * when values is not NULL) into a temporary table made by create, then
 * one apply statement, in one transaction. *changed (may be NULL)
 * receives the rows apply changed.
 */
static enum store_result
apply_server_set(struct store *st, const char *create, enum sync_sid clear,
    enum sync_sid add, enum sync_sid apply, const int64_t *ids,
    const int *values, size_t n, long long *changed)
{
	sqlite3_stmt *s;
	enum store_result r;
	size_t i;

	if (changed != NULL)
		*changed = 0;
	if ((r = exec(st, create)) != STORE_OK)
		return r;
	if ((r = exec(st, "BEGIN IMMEDIATE")) != STORE_OK)
		return r;
	r = (s = sync_stmt(st, clear)) == NULL ? STORE_ERROR : run(st, s);
	for (i = 0; i < n && r == STORE_OK; i++) {
		if ((s = sync_stmt(st, add)) == NULL) {
			r = STORE_ERROR;
			break;
		}
		sqlite3_bind_int64(s, 1, ids[i]);
		if (values != NULL)
			sqlite3_bind_int(s, 2, values[i]);
		r = run(st, s);
	}
	if (r == STORE_OK) {
		r = (s = sync_stmt(st, apply)) == NULL ? STORE_ERROR : run(st, s);
		if (r == STORE_OK && changed != NULL)
			*changed = sqlite3_changes(st->db);
	}
	if (r == STORE_OK)
		r = exec(st, "COMMIT");
	if (r != STORE_OK)
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	return r;
}

enum store_result
store_sync_set_states(struct store *st, enum store_change_kind which,
    const int64_t *ids, size_t n, long long *changed)
{
	if (changed != NULL)
		*changed = 0;
	if (which != STORE_CHANGE_UNREAD && which != STORE_CHANGE_STAR) {
		set_err(st, xstrdup("only unread and starred sets are kept"));
		return STORE_BAD_ARGUMENT;
	}
	return apply_server_set(st, "CREATE TEMP TABLE IF NOT EXISTS sync_ids"
	    " (id INTEGER PRIMARY KEY)", SY_IDS_CLEAR, SY_IDS_ADD,
	    which == STORE_CHANGE_UNREAD ? SY_APPLY_UNREAD : SY_APPLY_STARRED,
	    ids, NULL, n, changed);
}

/* Give the rating of document item it to the synced item of feed fid
 * with its link, else its guid; *n counts the items rated. */
static enum store_result
sync_put_rating(struct store *st, int64_t fid, const struct feed_item *it,
    long long *n)
{
	const struct feed_rating *rt = &it->rating;
	const char *key[2] = { it->link, it->id };
	double stars = feed_rating_stars(rt);
	enum store_result r;
	sqlite3_stmt *s;
	int pass;

	for (pass = 0; pass < 2; pass++) {
		if (key[pass] == NULL || key[pass][0] == '\0')
			continue;
		s = sync_stmt(st, pass == 0 ? SY_RATING_BY_LINK :
		    SY_RATING_BY_GUID);
		if (s == NULL)
			return STORE_ERROR;
		sqlite3_bind_int64(s, 1, fid);
		bind_text(s, 2, key[pass]);
		sqlite3_bind_double(s, 3, rt->average);
		sqlite3_bind_double(s, 4, rt->min);
		sqlite3_bind_double(s, 5, rt->max);
		if (rt->count >= 0)
			sqlite3_bind_int64(s, 6, rt->count);
		if (stars >= 0)
			sqlite3_bind_double(s, 7, stars);
		if ((r = run(st, s)) != STORE_OK)
			return r;
		if (sqlite3_changes(st->db) > 0) {
			*n += sqlite3_changes(st->db);
			break;
		}
	}
	return STORE_OK;
}

enum store_result
store_sync_put_ratings(struct store *st, const char *url, const struct feed *f,
    const char *etag, const char *last_modified, int64_t now,
    long long *nrated)
{
	bool own = !store_batch_active(st);	/* else: part of the batch */
	enum store_result r;
	long long n = 0;
	sqlite3_stmt *s;
	int64_t fid;
	size_t i;

	if (nrated != NULL)
		*nrated = 0;
	if (own && (r = exec(st, "BEGIN IMMEDIATE")) != STORE_OK)
		return r;
	r = feed_row(st, url, now, &fid);
	for (i = 0; r == STORE_OK && i < f->nitems; i++)
		if (f->items[i].rating.present)
			r = sync_put_rating(st, fid, &f->items[i], &n);
	/* read like a refresh: the validators for the next conditional GET
	 * (the row is there: feed_row above) */
	if (r == STORE_OK) {
		if ((s = stmt(st, S_FEED_NOT_MODIFIED)) == NULL)
			r = STORE_ERROR;
		else {
			bind_text(s, 1, url);
			sqlite3_bind_int64(s, 2, now);
			bind_text(s, 3, etag);
			bind_text(s, 4, last_modified);
			r = run(st, s);
		}
	}
	if (r == STORE_OK) {
		if ((s = stmt(st, S_FEED_DONE)) == NULL)
			r = STORE_ERROR;
		else {
			sqlite3_bind_int64(s, 1, fid);
			sqlite3_bind_int64(s, 2, 0);
			sqlite3_bind_int64(s, 3, now);
			r = run(st, s);
		}
	}
	if (own && r == STORE_OK)
		r = exec(st, "COMMIT");
	if (r != STORE_OK) {
		undo_feed(st);	/* inside a batch: the batch is lost too */
		return r;
	}
	if (nrated != NULL)
		*nrated = n;
	return STORE_OK;
}

enum store_result
store_sync_ratings_due(struct store *st, int64_t now, int64_t rated_every,
    int64_t unrated_every, struct text_lines *urls)
{
	sqlite3_stmt *s;
	int rc;

	memset(urls, 0, sizeof(*urls));
	if ((s = sync_stmt(st, SY_RATINGS_DUE)) == NULL)
		return STORE_ERROR;
	sqlite3_bind_int64(s, 1, now);
	sqlite3_bind_int64(s, 2, rated_every);
	sqlite3_bind_int64(s, 3, unrated_every);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		urls->line = xreallocarray(urls->line, urls->n + 1,
		    sizeof(*urls->line));
		urls->line[urls->n++] =
		    xstrdup((const char *)sqlite3_column_text(s, 0));
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		text_lines_free(urls);
		return fail(st, rc);
	}
	return STORE_OK;
}

enum store_result
store_sync_known_ids(struct store *st, const int64_t *ids, size_t n,
    bool *known, int64_t *newest_ts)
{
	sqlite3_stmt *s;
	size_t i;
	int rc;

	*newest_ts = 0;
	for (i = 0; i < n; i++) {
		if ((s = sync_stmt(st, SY_ITEM_KNOWN)) == NULL)
			return STORE_ERROR;
		sqlite3_bind_int64(s, 1, ids[i]);
		rc = sqlite3_step(s);
		known[i] = rc == SQLITE_ROW;
		if (known[i] && sqlite3_column_int64(s, 0) > *newest_ts)
			*newest_ts = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return fail(st, rc);
	}
	return STORE_OK;
}

enum store_result
store_sync_set_ratings(struct store *st, const int64_t *ids, const int *ratings,
    size_t n, long long *changed)
{
	size_t i;

	if (changed != NULL)
		*changed = 0;
	for (i = 0; i < n; i++)
		if (ratings[i] < 1 || ratings[i] > STORE_MAX_RATING) {
			set_err(st, xasprintf("rating %d is not between 1 and %d",
			    ratings[i], STORE_MAX_RATING));
			return STORE_BAD_ARGUMENT;
		}
	return apply_server_set(st, "CREATE TEMP TABLE IF NOT EXISTS sync_rated"
	    " (id INTEGER PRIMARY KEY, rating INTEGER NOT NULL)", SY_RATED_CLEAR,
	    SY_RATED_ADD, SY_APPLY_RATED, ids, ratings, n, changed);
}
