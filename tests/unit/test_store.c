/*
 * test_store: the SQLite cache on a real file in a temporary folder.
 * Refreshes keep read state and ratings, changed items are updated in
 * place, vanished items stay, failures keep everything, listings sort and
 * page, counts add up, old and empty files migrate, damaged files are
 * reported and left alone, and two processes can write at once.
 */
#include "config.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "store.h"
#include "text.h"

static char tmpdir[] = "/tmp/test_store.XXXXXX";

/* CHECK that expr is STORE_OK, printing what it was instead. */
#define OK(expr) do { \
	enum store_result r_ = (expr); \
	CHECKF(r_ == STORE_OK, "%s -> %s", #expr, store_strerror(r_)); \
} while (0)

#define NOW 1700000000

/* ---- building feeds from tables ----------------------------------------- */

struct item_spec {
	const char *id, *title;
	int64_t published;
	double rating;		/* community average on 1..5; 0: none */
};

static struct feed *
make_feed(const char *title, const struct item_spec *spec, size_t n)
{
	struct feed *f = xcalloc(1, sizeof(*f));
	size_t i;

	f->title = xstrdup(title);
	f->link = xstrdup("https://example.org/");
	f->updated = FEED_NO_DATE;
	f->items = xcalloc(n + 1, sizeof(*f->items));
	f->nitems = n;
	for (i = 0; i < n; i++) {
		struct feed_item *it = &f->items[i];

		it->id = xstrdup(spec[i].id);
		it->title = xstrdup(spec[i].title);
		it->link = xasprintf("https://example.org/%s", spec[i].id);
		it->summary = xasprintf("<p>Summary of %s</p>", spec[i].title);
		it->published = spec[i].published;
		it->updated = FEED_NO_DATE;
		if (spec[i].rating > 0) {
			it->rating.present = true;
			it->rating.average = spec[i].rating;
			it->rating.min = 1;
			it->rating.max = 5;
			it->rating.count = 10;
		} else {
			it->rating.count = -1;
		}
	}
	return f;
}

static char *
path_in_tmp(const char *name)
{
	return xasprintf("%s/%s", tmpdir, name);
}

static struct store *
open_ok(const char *path)
{
	struct store *st = NULL;
	char *why = NULL;
	enum store_result r = store_open(path, &st, &why);

	if (r != STORE_OK) {
		fprintf(stderr, "store_open(%s): %s: %s\n", path,
		    store_strerror(r), why ? why : "");
		exit(1);
	}
	free(why);
	return st;
}

/* The id of the item with guid in feed url, or 0. */
static int64_t
item_id(struct store *st, const char *url, const char *guid)
{
	struct store_feed f;
	struct store_query q = { 0 };
	struct store_headlines l;
	int64_t id = 0;
	size_t i;

	if (store_get_feed(st, url, &f) != STORE_OK)
		return 0;
	q.feed_id = f.id;
	store_feed_clear(&f);
	if (store_list_items(st, &q, &l) != STORE_OK)
		return 0;
	for (i = 0; i < l.n; i++) {
		char *want = xasprintf("https://example.org/%s", guid);

		if (l.v[i].link != NULL && strcmp(l.v[i].link, want) == 0)
			id = l.v[i].id;
		free(want);
	}
	store_headlines_free(&l);
	return id;
}

/* ---- tests --------------------------------------------------------------- */

static void
test_open_creates(void)
{
	char *path = path_in_tmp("a/b/cache.db");
	char *dir = path_in_tmp("a/b");
	struct store *st = open_ok(path);
	struct stat sb;

	CHECK(stat(dir, &sb) == 0 && (sb.st_mode & 0777) == 0700);
	CHECK(stat(path, &sb) == 0 && (sb.st_mode & 0777) == 0600);
	store_close(st);
	/* Opening again is a no-op migration. */
	st = open_ok(path);
	store_close(st);
	store_close(NULL);
	free(path);
	free(dir);
}

static const struct item_spec first[] = {
	{ "a", "Alpha", NOW - 300, 4.5 },
	{ "b", "Bravo", NOW - 200, 0 },
	{ "c", "Charlie", NOW - 100, 2.0 },
};
static const struct item_spec second[] = {
	{ "a", "Alpha, corrected", NOW - 300, 4.5 },	/* changed */
	{ "b", "Bravo", NOW - 200, 0 },			/* same */
	{ "d", "Delta", NOW - 50, 0 },			/* new; c vanished */
};

static void
test_refresh_keeps_reader_state(void)
{
	char *path = path_in_tmp("refresh.db");
	const char *url = "https://example.org/feed.xml";
	struct store *st = open_ok(path);
	struct feed *f1 = make_feed("Example", first, 3);
	struct feed *f2 = make_feed("Example", second, 3);
	struct store_feed sf;
	struct store_item it;
	char *etag, *lm;
	long long nnew;
	int64_t a, b, c, d;

	OK(store_save_feed(st, url, f1, "\"v1\"", "Mon, 01 Jan 2024 00:00:00 GMT",
	    NOW, &nnew));
	CHECK(nnew == 3);
	a = item_id(st, url, "a");
	b = item_id(st, url, "b");
	c = item_id(st, url, "c");
	CHECK(a != 0 && b != 0 && c != 0);
	OK(store_set_read(st, a, true));
	OK(store_set_rating(st, b, 4));
	OK(store_set_readable(st, a, "The readable text", NOW + 1));
	{
		/* Search covers the readable text; ASCII case is ignored. */
		struct store_query sq = { .search = "READABLE text" };
		long long n;

		OK(store_count_items(st, &sq, &n));
		CHECK(n == 1);
	}

	OK(store_save_feed(st, url, f2, "\"v2\"", NULL, NOW + 3600, &nnew));
	CHECK(nnew == 1);
	CHECK(item_id(st, url, "a") == a);	/* updated in place */
	d = item_id(st, url, "d");
	CHECK(d != 0);
	CHECK(item_id(st, url, "c") == c);	/* vanished, kept */

	OK(store_get_item(st, a, &it));
	CHECK(it.item.title && strcmp(it.item.title, "Alpha, corrected") == 0);
	CHECK(it.read);
	CHECK(it.readable && strcmp(it.readable, "The readable text") == 0);
	CHECK(it.first_seen == NOW && it.last_seen == NOW + 3600);
	CHECK(it.item.rating.present && it.item.rating.average == 4.5);
	store_item_clear(&it);
	OK(store_get_item(st, b, &it));
	CHECK(it.user_rating == 4 && !it.read);
	store_item_clear(&it);
	OK(store_get_item(st, c, &it));
	CHECK(it.last_seen == NOW);
	store_item_clear(&it);

	OK(store_feed_validators(st, url, &etag, &lm));
	CHECK(etag && strcmp(etag, "\"v2\"") == 0);
	CHECK(lm == NULL);
	free(etag);
	free(lm);

	OK(store_get_feed(st, url, &sf));
	CHECK(sf.nitems == 4 && sf.nunread == 3);
	CHECK(sf.nrated == 1 && sf.user_rating == 4.0);
	CHECK(sf.status == STORE_UPDATED && sf.last_new == 1);
	CHECK(sf.title && strcmp(sf.title, "Example") == 0);
	store_feed_clear(&sf);

	/* A failure keeps items and validators and names the reason. */
	OK(store_feed_failed(st, url, "HTTP 500", NOW + 7200));
	OK(store_get_feed(st, url, &sf));
	CHECK(sf.status == STORE_FAILED && sf.nitems == 4);
	CHECK(sf.error && strcmp(sf.error, "HTTP 500") == 0);
	CHECK(sf.etag && strcmp(sf.etag, "\"v2\"") == 0);
	CHECK(sf.checked == NOW + 7200 && sf.succeeded == NOW + 3600);
	store_feed_clear(&sf);

	/* A 304 clears the error; new validators replace, NULL keeps. */
	OK(store_feed_not_modified(st, url, NULL, "Tue, 02 Jan 2024 00:00:00 GMT",
	    NOW + 9000));
	OK(store_get_feed(st, url, &sf));
	CHECK(sf.status == STORE_NOT_MODIFIED && sf.error == NULL);
	CHECK(sf.etag && strcmp(sf.etag, "\"v2\"") == 0);
	CHECK(sf.last_modified && strcmp(sf.last_modified,
	    "Tue, 02 Jan 2024 00:00:00 GMT") == 0);
	CHECK(sf.nitems == 4);
	store_feed_clear(&sf);

	/* A failure for a feed never fetched creates its row. */
	OK(store_feed_failed(st, "https://nowhere.invalid/", "could not resolve",
	    NOW));
	OK(store_get_feed(st, "https://nowhere.invalid/", &sf));
	CHECK(sf.status == STORE_FAILED && sf.nitems == 0);
	store_feed_clear(&sf);
	CHECK(store_get_feed(st, "https://unknown/", &sf) == STORE_NOT_FOUND);

	/* Ratings: out of range refused, 0 clears. */
	CHECK(store_set_rating(st, b, 6) == STORE_BAD_ARGUMENT);
	CHECK(store_set_rating(st, b, -1) == STORE_BAD_ARGUMENT);
	OK(store_set_rating(st, b, 0));
	OK(store_get_item(st, b, &it));
	CHECK(it.user_rating == 0);
	store_item_clear(&it);
	CHECK(store_set_read(st, 999999, true) == STORE_NOT_FOUND);

	/* Mark all read, then delete: the items go with the feed. */
	{
		long long n;
		OK(store_mark_all_read(st, 0, &n));
		CHECK(n == 3);
	}
	OK(store_delete_feed(st, url));
	CHECK(store_get_item(st, a, &it) == STORE_NOT_FOUND);
	CHECK(store_delete_feed(st, url) == STORE_NOT_FOUND);

	feed_free(f1);
	feed_free(f2);
	store_close(st);
	free(path);
}

/* Categories and enclosures survive the JSON columns, hostile bytes too. */
static void
test_lists_round_trip(void)
{
	char *path = path_in_tmp("lists.db");
	struct store *st = open_ok(path);
	static const struct item_spec one[] = { { "x", "X", NOW, 0 } };
	struct feed *f = make_feed("Lists", one, 1);
	struct feed_item *fi = &f->items[0];
	struct store_item it;
	int64_t id;

	fi->ncategories = 3;
	fi->categories = xcalloc(3, sizeof(char *));
	fi->categories[0] = xstrdup("Computing");
	fi->categories[1] = xstrdup("say \"hi\" \\ back");
	fi->categories[2] = xstrdup("tab\there\001ctl, ünïcode");
	fi->nenclosures = 2;
	fi->enclosures = xcalloc(2, sizeof(*fi->enclosures));
	fi->enclosures[0].url = xstrdup("https://example.org/a.mp3");
	fi->enclosures[0].type = xstrdup("audio/mpeg");
	fi->enclosures[0].length = 1234;
	fi->enclosures[1].url = xstrdup("https://example.org/b\"c");
	fi->enclosures[1].length = -1;
	fi->author = xstrdup("Robert'); DROP TABLE items;--");
	OK(store_save_feed(st, "file:///lists", f, NULL, NULL, NOW, NULL));
	id = item_id(st, "file:///lists", "x");
	OK(store_get_item(st, id, &it));
	CHECK(it.item.ncategories == 3);
	if (it.item.ncategories == 3) {
		CHECK(strcmp(it.item.categories[0], "Computing") == 0);
		CHECK(strcmp(it.item.categories[1], "say \"hi\" \\ back") == 0);
		CHECK(strcmp(it.item.categories[2], "tab\there\001ctl, ünïcode") == 0);
	}
	CHECK(it.item.nenclosures == 2);
	if (it.item.nenclosures == 2) {
		CHECK(strcmp(it.item.enclosures[0].url, "https://example.org/a.mp3") == 0);
		CHECK(strcmp(it.item.enclosures[0].type, "audio/mpeg") == 0);
		CHECK(it.item.enclosures[0].length == 1234);
		CHECK(strcmp(it.item.enclosures[1].url, "https://example.org/b\"c") == 0);
		CHECK(it.item.enclosures[1].type == NULL);
		CHECK(it.item.enclosures[1].length == -1);
	}
	CHECK(strcmp(it.item.author, "Robert'); DROP TABLE items;--") == 0);
	{
		/* Search covers the author. */
		struct store_query sq = { .search = "'); drop table" };
		long long n;

		OK(store_count_items(st, &sq, &n));
		CHECK(n == 1);
	}
	CHECK(strcmp(it.feed_url, "file:///lists") == 0);
	CHECK(it.item.updated == FEED_NO_DATE);
	store_item_clear(&it);
	feed_free(f);
	store_close(st);
	free(path);
}

/* 30 items, dates NOW-i*60, titles T00..T29, every third rated. */
static struct feed *
numbered_feed(size_t n)
{
	struct item_spec *spec = xcalloc(n, sizeof(*spec));
	struct feed *f;
	size_t i;

	for (i = 0; i < n; i++) {
		spec[i].id = xasprintf("n%02zu", i);
		spec[i].title = xasprintf("T%02zu%s", i, i == 7 ? " 100% _pure_" : "");
		spec[i].published = NOW - (int64_t)i * 60;
		spec[i].rating = i % 3 == 0 ? 1.0 + (double)(i % 5) : 0;
	}
	f = make_feed("Numbers", spec, n);
	for (i = 0; i < n; i++) {
		free((char *)spec[i].id);
		free((char *)spec[i].title);
	}
	free(spec);
	return f;
}

static const struct {
	enum store_sort sort;
	bool reverse, unread_only;
	size_t offset, limit;
	const char *search;
	const char *want;	/* titles' numbers, in order */
	long long count;	/* store_count_items */
} listings[] = {
	{ STORE_SORT_DATE, false, false, 0, 5, NULL, "00 01 02 03 04", 30 },
	{ STORE_SORT_DATE, false, false, 10, 3, NULL, "10 11 12", 30 },
	{ STORE_SORT_DATE, true, false, 0, 3, NULL, "29 28 27", 30 },
	{ STORE_SORT_DATE, false, false, 28, 5, NULL, "28 29", 30 },
	{ STORE_SORT_DATE, false, false, 40, 5, NULL, "", 30 },
	/* n01, n03 and n05 are read (below) */
	{ STORE_SORT_DATE, false, true, 0, 4, NULL, "00 02 04 06", 27 },
	{ STORE_SORT_TITLE, true, false, 0, 2, NULL, "29 28", 30 },
	{ STORE_SORT_TITLE, false, false, 0, 2, NULL, "00 01", 30 },
	/* rating: n06 has the user's 5, then stars 5 (n09 n24), 4 (n03 n18) */
	{ STORE_SORT_RATING, false, false, 0, 4, NULL, "06 09 24 03", 30 },
	{ STORE_SORT_DATE, false, false, 0, 0, "100%", "07", 1 },
	{ STORE_SORT_DATE, false, false, 0, 0, "_pure_", "07", 1 },
	{ STORE_SORT_DATE, false, false, 0, 0, "%", "07", 1 },
	{ STORE_SORT_DATE, false, false, 0, 0, "summary of t2", "20 21 22 23 24 25 26 27 28 29", 10 },
	{ STORE_SORT_DATE, false, true, 0, 0, "t0", "00 02 04 06 07 08 09", 7 },
};

static void
test_listing(void)
{
	char *path = path_in_tmp("listing.db");
	struct store *st = open_ok(path);
	struct feed *f = numbered_feed(30);
	struct store_feed sf;
	size_t i, j;

	OK(store_save_feed(st, "https://example.org/n", f, NULL, NULL, NOW, NULL));
	OK(store_set_read(st, item_id(st, "https://example.org/n", "n01"), true));
	OK(store_set_read(st, item_id(st, "https://example.org/n", "n03"), true));
	OK(store_set_read(st, item_id(st, "https://example.org/n", "n05"), true));
	OK(store_set_rating(st, item_id(st, "https://example.org/n", "n06"), 5));
	OK(store_get_feed(st, "https://example.org/n", &sf));
	for (i = 0; i < sizeof(listings) / sizeof(listings[0]); i++) {
		struct store_query q = {
			.feed_id = i % 2 ? sf.id : 0,
			.sort = listings[i].sort,
			.reverse = listings[i].reverse,
			.unread_only = listings[i].unread_only,
			.offset = listings[i].offset,
			.limit = listings[i].limit,
			.search = listings[i].search,
		};
		struct store_headlines l;
		struct tbuf got;
		long long count;

		OK(store_list_items(st, &q, &l));
		tbuf_init(&got, 4096);
		for (j = 0; j < l.n; j++)
			CHECK(tbuf_printf(&got, "%s%.2s", j ? " " : "",
			    l.v[j].title + 1));
		CHECKF(strcmp(tbuf_str(&got), listings[i].want) == 0,
		    "listing %zu: got '%s', want '%s'", i, tbuf_str(&got),
		    listings[i].want);
		OK(store_count_items(st, &q, &count));
		CHECKF(count == listings[i].count, "listing %zu: count %lld, want %lld",
		    i, count, listings[i].count);
		tbuf_free(&got);
		store_headlines_free(&l);
	}
	CHECK(sf.nitems == 30 && sf.nunread == 27);
	store_feed_clear(&sf);
	feed_free(f);
	store_close(st);
	free(path);
}

/* Retention: with days set, read unrated items gone from the feed long
 * enough are dropped; unread and rated ones never are. */
static void
test_retention(void)
{
	char *path = path_in_tmp("retention.db");
	const char *url = "https://example.org/r";
	struct store *st = open_ok(path);
	struct feed *f1 = make_feed("R", first, 3);	/* a b c */
	struct feed *f2 = make_feed("R", second, 3);	/* a b d */
	struct store_feed sf;
	int64_t day = 86400;

	OK(store_save_feed(st, url, f1, NULL, NULL, NOW, NULL));
	OK(store_save_feed(st, url, f2, NULL, NULL, NOW + 1, NULL));
	/* c vanished at NOW + 1; keep-forever default keeps it, read. */
	OK(store_set_read(st, item_id(st, url, "c"), true));
	OK(store_save_feed(st, url, f2, NULL, NULL, NOW + 30 * day, NULL));
	CHECK(item_id(st, url, "c") != 0);
	store_set_retention(st, 7);
	OK(store_save_feed(st, url, f2, NULL, NULL, NOW + 31 * day, NULL));
	CHECK(item_id(st, url, "c") == 0);	/* read, gone 31 days */
	OK(store_get_feed(st, url, &sf));
	CHECK(sf.nitems == 3);
	store_feed_clear(&sf);
	/* An unread vanished item stays forever. */
	OK(store_save_feed(st, url, f1, NULL, NULL, NOW + 32 * day, NULL));
	OK(store_save_feed(st, url, f2, NULL, NULL, NOW + 90 * day, NULL));
	CHECK(item_id(st, url, "c") != 0);
	/* A rated one too, read or not; once unrated, it goes. */
	OK(store_set_read(st, item_id(st, url, "c"), true));
	OK(store_set_rating(st, item_id(st, url, "c"), 3));
	OK(store_save_feed(st, url, f2, NULL, NULL, NOW + 200 * day, NULL));
	CHECKF(item_id(st, url, "c") != 0, "retention dropped a rated article");
	/* A starred one too; once unstarred, it goes. */
	OK(store_set_rating(st, item_id(st, url, "c"), 0));
	OK(store_set_starred(st, item_id(st, url, "c"), true));
	OK(store_save_feed(st, url, f2, NULL, NULL, NOW + 201 * day, NULL));
	CHECKF(item_id(st, url, "c") != 0, "retention dropped a starred article");
	OK(store_set_starred(st, item_id(st, url, "c"), false));
	OK(store_save_feed(st, url, f2, NULL, NULL, NOW + 202 * day, NULL));
	CHECK(item_id(st, url, "c") == 0);
	feed_free(f1);
	feed_free(f2);
	store_close(st);
	free(path);
}

/* An empty file, an old-version database and a newer one. */
static void
test_migrations(void)
{
	char *empty = path_in_tmp("empty.db"), *v0 = path_in_tmp("v0.db");
	char *newer = path_in_tmp("newer.db"), *why = NULL;
	struct store *st;
	sqlite3 *db;
	int fd;

	fd = open(empty, O_CREAT | O_WRONLY, 0600);
	CHECK(fd >= 0);
	close(fd);
	st = open_ok(empty);
	store_close(st);

	/* A database some other tool made, user_version 0: gets our tables
	 * next to its own. */
	CHECK(sqlite3_open(v0, &db) == SQLITE_OK);
	CHECK(sqlite3_exec(db, "CREATE TABLE other(x); INSERT INTO other VALUES (1)",
	    NULL, NULL, NULL) == SQLITE_OK);
	sqlite3_close(db);
	st = open_ok(v0);
	OK(store_add_feed(st, "https://example.org/", NOW));
	store_close(st);
	CHECK(sqlite3_open(v0, &db) == SQLITE_OK);
	{
		sqlite3_stmt *s;
		CHECK(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &s, NULL) == SQLITE_OK);
		CHECK(sqlite3_step(s) == SQLITE_ROW);
		CHECK(sqlite3_column_int(s, 0) == STORE_SCHEMA_VERSION);
		sqlite3_finalize(s);
		CHECK(sqlite3_prepare_v2(db, "SELECT count(*) FROM other", -1, &s, NULL) == SQLITE_OK);
		CHECK(sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int(s, 0) == 1);
		sqlite3_finalize(s);
	}
	CHECK(sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL) == SQLITE_OK);
	sqlite3_close(db);
	CHECK(store_open(v0, &st, &why) == STORE_TOO_NEW);
	CHECK(st == NULL);
	CHECK(why != NULL && strstr(why, "newer tidings") != NULL);
	free(why);
	free(empty);
	free(v0);
	free(newer);
}

/* ---- per-feed counters (schema 2) ---------------------------------------- */

/* Compare every feed's counters (store_list_feeds and store_get_feed) with
 * COUNT(*) over the items, through a second connection to the file. */
static void
check_counters(struct store *st, const char *path, const char *when)
{
	static const char sql[] =
	    "SELECT f.url, (SELECT count(*) FROM items WHERE feed_id = f.id),"
	    " (SELECT count(*) FROM items WHERE feed_id = f.id AND read = 0),"
	    " (SELECT count(*) FROM items WHERE feed_id = f.id"
	    "   AND user_rating IS NOT NULL),"
	    " (SELECT avg(user_rating) FROM items WHERE feed_id = f.id)"
	    " FROM feeds f ORDER BY f.url";
	struct store_feeds fl;
	sqlite3 *db;
	sqlite3_stmt *s;
	size_t i = 0;
	long long total = 0;

	OK(store_list_feeds(st, &fl));
	CHECK(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK);
	CHECK(sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK);
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *url = (const char *)sqlite3_column_text(s, 0);
		double avg = sqlite3_column_type(s, 4) == SQLITE_NULL ? -1.0 :
		    sqlite3_column_double(s, 4);
		struct store_feed one;

		if (i >= fl.n || strcmp(fl.v[i].url, url) != 0) {
			CHECKF(false, "%s: feed %s missing from the list", when,
			    url);
			break;
		}
		if (fl.v[i].nitems != sqlite3_column_int64(s, 1) ||
		    fl.v[i].nunread != sqlite3_column_int64(s, 2) ||
		    fl.v[i].nrated != sqlite3_column_int64(s, 3) ||
		    fl.v[i].user_rating != avg) {
			CHECKF(false, "%s: %s: counters %lld/%lld/%lld/%g,"
			    " COUNT(*) %lld/%lld/%lld/%g", when, url,
			    fl.v[i].nitems, fl.v[i].nunread, fl.v[i].nrated,
			    fl.v[i].user_rating, sqlite3_column_int64(s, 1),
			    sqlite3_column_int64(s, 2),
			    sqlite3_column_int64(s, 3), avg);
		}
		{
			/* store_count_items reads the counters too */
			struct store_query q = { .feed_id = fl.v[i].id };
			long long nall, nunread;

			OK(store_count_items(st, &q, &nall));
			q.unread_only = true;
			OK(store_count_items(st, &q, &nunread));
			CHECK(nall == sqlite3_column_int64(s, 1));
			CHECK(nunread == sqlite3_column_int64(s, 2));
			total += nall;
		}
		OK(store_get_feed(st, url, &one));
		CHECK(one.nitems == fl.v[i].nitems &&
		    one.nunread == fl.v[i].nunread &&
		    one.nrated == fl.v[i].nrated &&
		    one.user_rating == fl.v[i].user_rating);
		store_feed_clear(&one);
		i++;
	}
	CHECK(i == fl.n);
	sqlite3_finalize(s);
	{
		struct store_query q = { 0 };
		long long nall;

		OK(store_count_items(st, &q, &nall));
		CHECK(sqlite3_prepare_v2(db, "SELECT count(*) FROM items", -1,
		    &s, NULL) == SQLITE_OK);
		CHECK(sqlite3_step(s) == SQLITE_ROW &&
		    sqlite3_column_int64(s, 0) == nall && nall == total);
		sqlite3_finalize(s);
	}
	sqlite3_close(db);
	store_feeds_free(&fl);
}

/* A sync's writes: new items with the server's read, star and rating
 * (inserted, then their state set), the same items with other states,
 * the server's unread set, and a feed the server dropped. */
static void
sync_counters(struct store *st, const char *path)
{
	struct feed *f = numbered_feed(4);
	struct store_sync_item si[4];
	static const int64_t unread[] = { 102 };
	long long n;
	int64_t fid;
	size_t i;

	OK(store_sync_feed(st, "https://example.org/s", "feed/9", "S", NULL,
	    NULL, NOW, 1, &fid));
	memset(si, 0, sizeof(si));
	for (i = 0; i < 4; i++) {
		si[i].feed_id = fid;
		si[i].server_id = 100 + (int64_t)i;
		si[i].read = i % 2 == 0;	/* 100, 102 read */
		si[i].starred = i == 1;
		si[i].rating = i == 3 ? 4 : -1;
		si[i].item = &f->items[i];
	}
	OK(store_sync_put_items(st, si, 3, NOW, &n));
	CHECK(n == 3);
	check_counters(st, path, "synced, new");
	OK(store_sync_put_items(st, si, 4, NOW, &n));	/* 103 new, rated */
	CHECK(n == 1);
	check_counters(st, path, "synced, one more");
	si[0].read = false;
	si[3].rating = 0;
	OK(store_sync_put_items(st, si, 4, NOW + 60, &n));
	CHECK(n == 0);
	check_counters(st, path, "synced, states changed");
	OK(store_sync_set_states(st, STORE_CHANGE_UNREAD, unread, 1, &n));
	CHECK(n > 0);
	check_counters(st, path, "synced, unread set");
	OK(store_sync_drop_feeds(st, 2, &n));
	CHECK(n == 1);
	check_counters(st, path, "synced, dropped");
	feed_free(f);
}

/* Feeds saved in a batch add up as single ones do, and a batch rolled
 * back (a feed half saved at its commit) leaves the counters as before. */
static void
batch_counters(struct store *st, const char *path)
{
	struct feed *f = numbered_feed(7), *g = make_feed("B", first, 3);

	OK(store_batch_begin(st));
	OK(store_save_feed(st, "https://example.org/b1", f, NULL, NULL, NOW, NULL));
	OK(store_save_feed(st, "https://example.org/b2", g, NULL, NULL, NOW, NULL));
	OK(store_batch_commit(st));
	check_counters(st, path, "batch");
	OK(store_batch_begin(st));
	OK(store_save_feed(st, "https://example.org/b3", f, NULL, NULL, NOW, NULL));
	OK(store_refresh_begin(st, "https://example.org/b4", g, NULL, NULL, NOW));
	OK(store_refresh_put(st, &g->items[0]));
	CHECK(store_batch_commit(st) != STORE_OK);
	check_counters(st, path, "batch rolled back");
	feed_free(f);
	feed_free(g);
}

/* The counters follow every write path: refresh inserts and updates,
 * read and unread, mark all read (one feed, every feed), ratings set,
 * changed and cleared, retention, rename and delete, a refresh rolled
 * back, a sync's items and states, batches committed and rolled back. */
static void
test_counters(void)
{
	char *path = path_in_tmp("counters.db");
	const char *u1 = "https://example.org/c1", *u2 = "https://example.org/c2";
	struct store *st = open_ok(path);
	struct feed *f1 = make_feed("C", first, 3);	/* a b c */
	struct feed *f2 = make_feed("C", second, 3);	/* a' b d */
	struct feed *n = numbered_feed(30);
	struct store_feed sf;
	long long changed;
	int64_t a, b, c, x;

	check_counters(st, path, "empty");
	OK(store_add_feed(st, u1, NOW));
	check_counters(st, path, "added, no items");
	OK(store_save_feed(st, u1, f1, NULL, NULL, NOW, NULL));
	OK(store_save_feed(st, u2, n, NULL, NULL, NOW, NULL));
	check_counters(st, path, "inserted");
	a = item_id(st, u1, "a");
	b = item_id(st, u1, "b");
	c = item_id(st, u1, "c");
	x = item_id(st, u2, "n05");
	OK(store_set_read(st, a, true));
	OK(store_set_read(st, a, true));	/* no change */
	OK(store_set_read(st, x, true));
	check_counters(st, path, "read");
	OK(store_set_read(st, a, false));
	check_counters(st, path, "unread");
	OK(store_set_rating(st, a, 5));
	OK(store_set_rating(st, b, 2));
	OK(store_set_rating(st, x, 4));
	check_counters(st, path, "rated");
	OK(store_get_feed(st, u1, &sf));
	CHECK(sf.nrated == 2 && sf.user_rating == 3.5);
	store_feed_clear(&sf);
	OK(store_set_rating(st, a, 1));
	check_counters(st, path, "re-rated");
	OK(store_set_rating(st, b, 0));
	check_counters(st, path, "unrated");
	/* The refresh rewrites a (changed), keeps b, adds d; c stays. */
	OK(store_save_feed(st, u1, f2, NULL, NULL, NOW + 60, NULL));
	check_counters(st, path, "refreshed");
	OK(store_get_feed(st, u1, &sf));
	CHECK(sf.nitems == 4 && sf.nunread == 4 && sf.nrated == 1);
	store_feed_clear(&sf);
	OK(store_mark_all_read(st, 0, &changed));
	CHECK(changed > 0);
	check_counters(st, path, "all read");
	OK(store_set_read(st, b, false));
	OK(store_set_read(st, c, false));
	OK(store_get_feed(st, u1, &sf));
	OK(store_mark_all_read(st, sf.id, &changed));
	CHECK(changed == 2);
	CHECK(sf.nunread == 2);
	store_feed_clear(&sf);
	check_counters(st, path, "feed read");
	/* Retention deletes c (read, unrated, gone 30 days). */
	store_set_retention(st, 7);
	OK(store_save_feed(st, u1, f2, NULL, NULL, NOW + 30 * 86400, NULL));
	CHECK(item_id(st, u1, "c") == 0);
	check_counters(st, path, "expired");
	store_set_retention(st, 0);
	OK(store_rename_feed(st, u1, "https://example.org/c0"));
	check_counters(st, path, "renamed");
	OK(store_delete_feed(st, u2));
	check_counters(st, path, "deleted");
	OK(store_get_feed(st, "https://example.org/c0", &sf));
	CHECK(sf.nitems == 3 && sf.nrated == 1 && sf.user_rating == 1.0);
	store_feed_clear(&sf);
	/* A refresh rolled back leaves the counters as they were. */
	OK(store_refresh_begin(st, u2, n, NULL, NULL, NOW));
	OK(store_refresh_put(st, &n->items[0]));
	store_refresh_abort(st);
	check_counters(st, path, "aborted");
	sync_counters(st, path);
	batch_counters(st, path);
	feed_free(f1);
	feed_free(f2);
	feed_free(n);
	store_close(st);
	free(path);
}

/* A cache of the first release (schema 1, exactly as it created it) gets
 * its counters computed once by the migration, and its items indexes. */
static void
test_migrate_v1(void)
{
	static const char v1[] =
	    "CREATE TABLE feeds (id INTEGER PRIMARY KEY, url TEXT NOT NULL UNIQUE,"
	    "  title TEXT, link TEXT, description TEXT, image TEXT,"
	    "  etag TEXT, last_modified TEXT, status INTEGER NOT NULL DEFAULT 0,"
	    "  error TEXT, last_new INTEGER NOT NULL DEFAULT 0,"
	    "  checked INTEGER, succeeded INTEGER, added INTEGER NOT NULL);"
	    "CREATE TABLE items (id INTEGER PRIMARY KEY,"
	    "  feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,"
	    "  guid TEXT NOT NULL, title TEXT, link TEXT, author TEXT,"
	    "  comments TEXT, published INTEGER, updated INTEGER,"
	    "  sort_date INTEGER NOT NULL, summary TEXT, content TEXT,"
	    "  categories TEXT, enclosures TEXT, rating_average REAL,"
	    "  rating_min REAL, rating_max REAL, rating_count INTEGER,"
	    "  stars REAL,"
	    "  user_rating INTEGER CHECK (user_rating BETWEEN 1 AND 5),"
	    "  read INTEGER NOT NULL DEFAULT 0, readable TEXT,"
	    "  readable_fetched INTEGER, first_seen INTEGER NOT NULL,"
	    "  last_seen INTEGER NOT NULL, hash INTEGER NOT NULL,"
	    "  UNIQUE (feed_id, guid));"
	    "CREATE INDEX items_feed_date ON items(feed_id, sort_date);"
	    "CREATE INDEX items_date ON items(sort_date);"
	    "CREATE INDEX items_unread_feed_date ON items(feed_id, sort_date)"
	    "  WHERE read = 0;"
	    "CREATE INDEX items_unread_date ON items(sort_date) WHERE read = 0;"
	    "CREATE INDEX items_rated ON items(feed_id, user_rating)"
	    "  WHERE user_rating IS NOT NULL;"
	    "INSERT INTO feeds (id, url, added) VALUES (1, 'https://a/', 1),"
	    "  (2, 'https://b/', 1), (3, 'https://empty/', 1);"
	    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
	    "  WHERE i < 50)"
	    "INSERT INTO items (feed_id, guid, title, sort_date, first_seen,"
	    "  last_seen, hash, read, user_rating)"
	    "  SELECT 1 + i % 2, 'g' || i, 'T' || i, i, i, i, 0, i % 3 = 0,"
	    "  CASE WHEN i % 4 = 0 THEN 1 + i % 5 END FROM n;"
	    "PRAGMA user_version = 1;";
	char *path = path_in_tmp("v1.db");
	struct store *st;
	struct store_feed sf;
	struct feed *f;
	sqlite3 *db;

	CHECK(sqlite3_open(path, &db) == SQLITE_OK);
	CHECK(sqlite3_exec(db, v1, NULL, NULL, NULL) == SQLITE_OK);
	sqlite3_close(db);
	st = open_ok(path);
	check_counters(st, path, "migrated from 1");
	OK(store_get_feed(st, "https://a/", &sf));
	CHECK(sf.nitems == 25 && sf.nrated == 12);
	store_feed_clear(&sf);
	OK(store_get_feed(st, "https://empty/", &sf));
	CHECK(sf.nitems == 0 && sf.nunread == 0 && sf.user_rating < 0);
	store_feed_clear(&sf);
	/* The triggers came with the step. */
	OK(store_mark_all_read(st, 0, NULL));
	check_counters(st, path, "migrated, all read");
	/* Step 5 dropped two of them: a refresh adds its items itself. */
	f = numbered_feed(6);
	OK(store_save_feed(st, "https://a/", f, NULL, NULL, NOW, NULL));
	check_counters(st, path, "migrated, refreshed");
	feed_free(f);
	store_close(st);
	free(path);
}

/* ---- query plans ----------------------------------------------------------- */

/* Listings in the title and rating orders read a page off an index: no
 * sort of every item ("USE TEMP B-TREE FOR ORDER BY"), whatever the
 * filter. The reversed rating order is the one that still sorts. */
static const struct {
	enum store_sort sort;
	bool reverse, one_feed, unread_only;
	const char *index;	/* the plan names it */
} plans[] = {
	{ STORE_SORT_TITLE, false, false, false, "items_title" },
	{ STORE_SORT_TITLE, true, false, false, "items_title" },
	{ STORE_SORT_TITLE, false, false, true, "items_title" },
	{ STORE_SORT_TITLE, false, true, false, "items_feed_title" },
	{ STORE_SORT_TITLE, true, true, false, "items_feed_title" },
	{ STORE_SORT_TITLE, false, true, true, "items_feed_title" },
	{ STORE_SORT_RATING, false, false, false, "items_rating" },
	{ STORE_SORT_RATING, false, false, true, "items_rating" },
	{ STORE_SORT_RATING, false, true, false, "items_feed_rating" },
	{ STORE_SORT_RATING, false, true, true, "items_feed_rating" },
	{ STORE_SORT_DATE, false, false, false, "items_date" },
	{ STORE_SORT_DATE, true, false, false, "items_date" },
	{ STORE_SORT_DATE, false, true, false, "items_feed_date" },
};

static void
test_query_plans(void)
{
	char *path = path_in_tmp("plans.db");
	struct store *st = open_ok(path);
	struct feed *f = numbered_feed(30);
	size_t i;

	OK(store_save_feed(st, "https://example.org/p", f, NULL, NULL, NOW, NULL));
	for (i = 0; i < sizeof(plans) / sizeof(plans[0]); i++) {
		struct store_query q = {
			.feed_id = plans[i].one_feed ? 1 : 0,
			.sort = plans[i].sort,
			.reverse = plans[i].reverse,
			.unread_only = plans[i].unread_only,
			.limit = 50,
		};
		char *plan = NULL, *want = xasprintf("USING INDEX %s",
		    plans[i].index);

		OK(store_query_plan(st, &q, &plan));
		if (plan == NULL || strstr(plan, "TEMP B-TREE") != NULL ||
		    strstr(plan, want) == NULL) {
			CHECKF(false, "plan %zu: want %s and no sort, got:\n%s",
			    i, want, plan ? plan : "(none)");
		}
		free(plan);
		free(want);
	}
	feed_free(f);
	store_close(st);
	free(path);
}

/* Write n bytes of junk at offset into path. */
static void
scribble(const char *path, off_t offset, size_t n)
{
	char junk[4096];
	int fd = open(path, O_WRONLY);
	size_t i;

	for (i = 0; i < sizeof(junk); i++)
		junk[i] = (char)(i * 7 + 3);
	CHECK(fd >= 0);
	CHECK(n <= sizeof(junk));
	CHECK(pwrite(fd, junk, n, offset) == (ssize_t)n);
	close(fd);
}

static void
test_damaged(void)
{
	char *path = path_in_tmp("damaged.db"), *why = NULL;
	struct store *st = NULL;
	struct stat before, after;
	enum store_result r;
	int fd;

	/* Not a database at all. */
	fd = open(path, O_CREAT | O_WRONLY, 0600);
	CHECK(fd >= 0);
	close(fd);
	scribble(path, 0, 4096);
	CHECK(stat(path, &before) == 0);
	r = store_open(path, &st, &why);
	CHECK(r == STORE_DAMAGED);
	CHECK(st == NULL);
	CHECK(why && strstr(why, "is damaged") && strstr(why, "move it away"));
	CHECK(why && strstr(why, path) != NULL);
	free(why);
	why = NULL;
	CHECK(stat(path, &after) == 0 && after.st_size == before.st_size);
	CHECK(store_open(path, &st, &why) == STORE_DAMAGED);	/* still there */
	free(why);
	why = NULL;
	free(path);

	/* A real cache whose schema page was overwritten. */
	path = path_in_tmp("damaged2.db");
	st = open_ok(path);
	{
		struct feed *f = numbered_feed(30);
		OK(store_save_feed(st, "https://example.org/n", f, NULL, NULL, NOW, NULL));
		feed_free(f);
	}
	store_close(st);
	scribble(path, 100, 1000);	/* page 1 after the header: sqlite_schema */
	r = store_open(path, &st, &why);
	CHECK(r == STORE_DAMAGED);
	CHECK(why && strstr(why, "move it away"));
	free(why);
	free(path);
}

/* Two processes writing at once: a child saves feeds in transactions while
 * the parent rates and reads; both finish, nothing fails. */
static void
test_two_processes(void)
{
	char *path = path_in_tmp("shared.db");
	struct store *st = open_ok(path);
	struct feed *f = numbered_feed(30);
	struct store_feeds l;
	pid_t pid;
	int status, i;
	int64_t id;

	OK(store_save_feed(st, "https://example.org/n", f, NULL, NULL, NOW, NULL));
	id = item_id(st, "https://example.org/n", "n00");
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		struct store *cst = NULL;
		int bad = 0;

		if (store_open(path, &cst, NULL) != STORE_OK)
			_exit(2);
		for (i = 0; i < 100; i++) {
			char *url = xasprintf("https://example.org/c%d", i);
			if (store_save_feed(cst, url, f, NULL, NULL, NOW + i, NULL) != STORE_OK) {
				fprintf(stderr, "child: %s\n", store_errmsg(cst));
				bad++;
			}
			free(url);
		}
		store_close(cst);
		_exit(bad ? 1 : 0);
	}
	for (i = 0; i < 300; i++) {
		OK(store_set_rating(st, id, 1 + i % 5));
		OK(store_set_read(st, id, i % 2));
		if (i % 50 == 0) {
			OK(store_list_feeds(st, &l));
			store_feeds_free(&l);
		}
	}
	CHECK(waitpid(pid, &status, 0) == pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	OK(store_list_feeds(st, &l));
	CHECK(l.n == 101);
	store_feeds_free(&l);
	{
		struct store_item it;
		OK(store_get_item(st, id, &it));
		CHECK(it.user_rating == 5 && it.read);
		store_item_clear(&it);
	}

	/* A second connection sees a refresh only once it commits. */
	{
		struct store *st2 = open_ok(path);
		struct store_feed sf;
		static const struct item_spec one[] = { { "new", "New", NOW, 0 } };
		struct feed *g = make_feed("G", one, 1);
		long long nnew;

		OK(store_refresh_begin(st, "https://example.org/g", g, NULL, NULL, NOW));
		OK(store_refresh_put(st, &g->items[0]));
		CHECK(store_get_feed(st2, "https://example.org/g", &sf) == STORE_NOT_FOUND);
		OK(store_refresh_commit(st, &nnew));
		CHECK(nnew == 1);
		OK(store_get_feed(st2, "https://example.org/g", &sf));
		CHECK(sf.nitems == 1);
		store_feed_clear(&sf);
		/* An aborted refresh leaves nothing. */
		OK(store_refresh_begin(st, "https://example.org/h", g, NULL, NULL, NOW));
		store_refresh_abort(st);
		CHECK(store_get_feed(st2, "https://example.org/h", &sf) == STORE_NOT_FOUND);
		store_close(st2);
		feed_free(g);
	}
	feed_free(f);
	store_close(st);
	free(path);
}

static double
ms_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) * 1e3 +
	    (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

/* 100 000 items in 200 feeds: opening, the feed list with counts and the
 * first page of headlines must stay fast (the TUI's start). */
static void
test_big_cache(void)
{
	char *path = path_in_tmp("big.db");
	struct store *st = open_ok(path);
	struct store_feeds fl;
	struct store_headlines hl;
	struct store_query q = { .limit = 50 };
	struct timespec t0;
	struct feed *f = numbered_feed(500);
	double ms_fill, ms_start, ms_page;
	int i;
	size_t j;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < 200; i++) {
		char *url = xasprintf("https://example.org/big%d", i);
		for (j = 0; j < f->nitems; j++) {
			free(f->items[j].id);
			f->items[j].id = xasprintf("%d-%zu", i, j);
		}
		OK(store_save_feed(st, url, f, NULL, NULL, NOW, NULL));
		free(url);
	}
	ms_fill = ms_since(&t0);
	store_close(st);

	clock_gettime(CLOCK_MONOTONIC, &t0);
	st = open_ok(path);
	OK(store_list_feeds(st, &fl));
	q.unread_only = true;
	OK(store_list_items(st, &q, &hl));
	ms_start = ms_since(&t0);
	CHECK(fl.n == 200 && fl.v[0].nitems == 500 && hl.n == 50);
	store_feeds_free(&fl);
	store_headlines_free(&hl);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	q.feed_id = 100;
	q.offset = 400;
	OK(store_list_items(st, &q, &hl));
	ms_page = ms_since(&t0);
	CHECK(hl.n == 50);
	store_headlines_free(&hl);
	printf("big cache: 100000 items saved in %.0f ms; open + feed list + "
	    "first page %.1f ms; a later page %.1f ms\n", ms_fill, ms_start,
	    ms_page);
	/* Generous: sanitizer builds are several times slower. */
	CHECK(ms_start < 1000);
	feed_free(f);
	store_close(st);
	free(path);
}

/* A feed's warning (a cap it hit) is kept with the feed: a refresh that
 * brings one stores it, a 304 keeps it, a refresh without one clears it. */
static void
test_feed_warning(void)
{
	char *path = path_in_tmp("warning.db");
	const char *url = "https://example.org/big.xml";
	struct store *st = open_ok(path);
	struct feed *f = make_feed("Big", first, 3);
	struct store_feed sf;

	f->warning = xstrdup("more than 50000 items; the rest was left out");
	OK(store_save_feed(st, url, f, NULL, NULL, NOW, NULL));
	memset(&sf, 0, sizeof(sf));
	OK(store_get_feed(st, url, &sf));
	CHECK_STR(sf.warning, "more than 50000 items; the rest was left out");
	store_feed_clear(&sf);
	OK(store_feed_not_modified(st, url, NULL, NULL, NOW + 1));
	OK(store_feed_failed(st, url, "HTTP 503", NOW + 2));
	OK(store_get_feed(st, url, &sf));
	CHECK_STR(sf.warning, "more than 50000 items; the rest was left out");
	store_feed_clear(&sf);
	free(f->warning);
	f->warning = NULL;
	OK(store_save_feed(st, url, f, NULL, NULL, NOW + 3, NULL));
	OK(store_get_feed(st, url, &sf));
	CHECK(sf.warning == NULL);
	store_feed_clear(&sf);
	feed_free(f);
	store_close(st);
	free(path);
}

/*
 * Durability: this program's own fsync() and fdatasync() come before the C
 * library's for SQLite too, and count the calls, so the test sees which
 * writes reach the disk at once. A rating or a read mark must sync
 * (synchronous = FULL); a refresh batch need not (NORMAL: synced at
 * checkpoints), which is what keeps refreshes fast.
 */
static int nsyncs;

int
fsync(int fd)
{
	int (*real)(int) = (int (*)(int))dlsym(RTLD_NEXT, "fsync");

	nsyncs++;
	return real(fd);
}

int
fdatasync(int fd)
{
	int (*real)(int) = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");

	nsyncs++;
	return real(fd);
}

static void
test_durable_user_actions(void)
{
	char *path = path_in_tmp("durable.db");
	const char *url = "https://example.org/feed.xml";
	struct store *st;
	struct feed *f = make_feed("Durable", first, 3);
	int before;

	st = open_ok(path);

	before = nsyncs;
	OK(store_save_feed(st, url, f, NULL, NULL, NOW, NULL));
	CHECKF(nsyncs == before, "a refresh batch synced %d times (NORMAL needs none)",
	    nsyncs - before);
	before = nsyncs;
	OK(store_set_rating(st, item_id(st, url, "a"), 5));
	CHECKF(nsyncs > before, "a rating was committed without a sync");
	before = nsyncs;
	OK(store_set_read(st, item_id(st, url, "b"), true));
	CHECKF(nsyncs > before, "a read mark was committed without a sync");
	before = nsyncs;
	OK(store_mark_all_read(st, 0, NULL));
	CHECKF(nsyncs > before, "mark all read was committed without a sync");
	before = nsyncs;
	OK(store_save_feed(st, url, f, NULL, NULL, NOW + 1, NULL));
	CHECKF(nsyncs == before, "after a rating, a refresh batch synced %d times",
	    nsyncs - before);

	store_close(st);
	feed_free(f);
	free(path);
}

int
main(void)
{
	char *cmd;

	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	test_open_creates();
	test_refresh_keeps_reader_state();
	test_feed_warning();
	test_durable_user_actions();
	test_lists_round_trip();
	test_listing();
	test_retention();
	test_migrations();
	test_counters();
	test_migrate_v1();
	test_query_plans();
	test_damaged();
	test_two_processes();
	test_big_cache();
	cmd = xasprintf("rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", tmpdir);
	free(cmd);
	if (check_failures == 0)
		printf("test_store: all passed\n");
	return check_finish();
}
