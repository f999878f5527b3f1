/*
 * test_store_query: a store_query's feed-id list (the feeds a tag filter
 * shows) limits every listing and count: store_list_items,
 * store_count_items (from the feeds' counters and, with a search, from
 * the items) and store_each_item; an empty list matches nothing; no list
 * means every feed.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "store.h"
#include "text.h"

#define NOW 1700000000
#define NFEEDS 3
#define ITEMS_PER_FEED 4	/* feed k's items: "k-0".."k-3" */

static char tmpdir[] = "/tmp/test_store_query.XXXXXX";

/* Feed k (0-based) with ITEMS_PER_FEED items titled "Story k-i". */
static struct feed *
make_feed(int k)
{
	struct feed *f = xcalloc(1, sizeof(*f));

	f->title = xasprintf("Feed %d", k);
	f->updated = FEED_NO_DATE;
	f->items = xcalloc(ITEMS_PER_FEED, sizeof(*f->items));
	f->nitems = ITEMS_PER_FEED;
	for (int i = 0; i < ITEMS_PER_FEED; i++) {
		struct feed_item *it = &f->items[i];

		it->id = xasprintf("%d-%d", k, i);
		it->title = xasprintf("Story %d-%d", k, i);
		it->published = NOW - 60 * (k * ITEMS_PER_FEED + i);
		it->updated = FEED_NO_DATE;
		it->rating.count = -1;
	}
	return f;
}

struct counter {
	long long n;
	int64_t bad_feed;	/* an item from a feed not asked for, else 0 */
	const int64_t *want;
	size_t nwant;
};

static bool
count_item(const struct store_item *it, void *arg)
{
	struct counter *c = arg;
	bool listed = false;

	for (size_t i = 0; i < c->nwant; i++)
		listed = listed || it->feed_id == c->want[i];
	if (!listed)
		c->bad_feed = it->feed_id;
	c->n++;
	return true;
}

/* List, count and walk q; every way must give want items, all of them
 * from q's feeds. */
static void
check_query(struct store *st, struct store_query q, long long want,
    const char *what)
{
	struct store_headlines l = { NULL, 0 };
	struct counter c = { 0, 0, q.feed_ids, q.nfeed_ids };
	long long count = -1;

	CHECKF(store_list_items(st, &q, &l) == STORE_OK, "%s: list: %s", what,
	    store_errmsg(st));
	CHECKF((long long)l.n == want, "%s: listed %zu, want %lld", what, l.n,
	    want);
	for (size_t i = 0; q.feed_ids != NULL && i < l.n; i++) {
		bool listed = false;
		for (size_t j = 0; j < q.nfeed_ids; j++)
			listed = listed || l.v[i].feed_id == q.feed_ids[j];
		CHECKF(listed, "%s: listed an item of feed %lld", what,
		    (long long)l.v[i].feed_id);
	}
	store_headlines_free(&l);
	CHECKF(store_count_items(st, &q, &count) == STORE_OK, "%s: count: %s",
	    what, store_errmsg(st));
	CHECKF(count == want, "%s: counted %lld, want %lld", what, count, want);
	CHECKF(store_each_item(st, &q, count_item, &c) == STORE_OK,
	    "%s: each: %s", what, store_errmsg(st));
	CHECKF(c.n == want, "%s: walked %lld, want %lld", what, c.n, want);
	CHECKF(q.feed_ids == NULL || c.bad_feed == 0,
	    "%s: walked an item of feed %lld", what, (long long)c.bad_feed);
}

int
main(void)
{
	struct store *st = NULL;
	int64_t ids[NFEEDS], none[1] = { 0 };
	char *path;

	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	path = xasprintf("%s/cache.db", tmpdir);
	if (store_open(path, &st, NULL) != STORE_OK) {
		fprintf(stderr, "store_open %s failed\n", path);
		return 1;
	}
	for (int k = 0; k < NFEEDS; k++) {
		struct feed *f = make_feed(k);
		struct store_feed sf;
		char *url = xasprintf("https://example.org/%d.xml", k);

		CHECK(store_save_feed(st, url, f, NULL, NULL, NOW, NULL) == STORE_OK);
		CHECK(store_get_feed(st, url, &sf) == STORE_OK);
		ids[k] = sf.id;
		store_feed_clear(&sf);
		feed_free(f);
		free(url);
	}
	/* One item of feed 0 and one of feed 2 read. */
	{
		struct store_query q = { .feed_ids = &ids[0], .nfeed_ids = 1 };
		struct store_headlines l = { NULL, 0 };
		CHECK(store_list_items(st, &q, &l) == STORE_OK && l.n > 0);
		if (l.n > 0)
			CHECK(store_set_read(st, l.v[0].id, true) == STORE_OK);
		store_headlines_free(&l);
		q.feed_ids = &ids[2];
		CHECK(store_list_items(st, &q, &l) == STORE_OK && l.n > 0);
		if (l.n > 0)
			CHECK(store_set_read(st, l.v[0].id, true) == STORE_OK);
		store_headlines_free(&l);
	}

	check_query(st, (struct store_query){ 0 }, NFEEDS * ITEMS_PER_FEED,
	    "no list");
	check_query(st, (struct store_query){ .feed_ids = ids, .nfeed_ids = 2 },
	    2 * ITEMS_PER_FEED, "feeds 0 and 1");
	check_query(st, (struct store_query){ .feed_ids = ids, .nfeed_ids = 2,
	    .unread_only = true }, 2 * ITEMS_PER_FEED - 1, "unread of 0 and 1");
	check_query(st, (struct store_query){ .feed_ids = &ids[1],
	    .nfeed_ids = 2, .sort = STORE_SORT_FEED }, 2 * ITEMS_PER_FEED,
	    "feeds 1 and 2 by feed");
	check_query(st, (struct store_query){ .feed_ids = ids, .nfeed_ids = 2,
	    .search = "story 2-" }, 0, "search outside the list");
	check_query(st, (struct store_query){ .feed_ids = &ids[1],
	    .nfeed_ids = 2, .search = "story 2-" }, ITEMS_PER_FEED,
	    "search inside the list");
	check_query(st, (struct store_query){ .feed_ids = none, .nfeed_ids = 0 },
	    0, "empty list");
	check_query(st, (struct store_query){ .feed_id = ids[0],
	    .feed_ids = &ids[1], .nfeed_ids = 1 }, 0, "feed not in the list");
	/* The paged listing honours the list too. */
	{
		struct store_query q = { .feed_ids = &ids[2], .nfeed_ids = 1,
		    .offset = 1, .limit = 2 };
		struct store_headlines l = { NULL, 0 };
		CHECK(store_list_items(st, &q, &l) == STORE_OK);
		CHECKF(l.n == 2, "paged: %zu rows", l.n);
		for (size_t i = 0; i < l.n; i++)
			CHECK(l.v[i].feed_id == ids[2]);
		store_headlines_free(&l);
	}

	store_close(st);
	unlink(path);
	{
		char *wal = xasprintf("%s-wal", path), *shm = xasprintf("%s-shm", path);
		unlink(wal);
		unlink(shm);
		free(wal);
		free(shm);
	}
	rmdir(tmpdir);
	free(path);
	return check_finish();
}
