/*
 * test_sync: the sync module without a server. The Google Reader backend
 * reads canned answers (the shapes FreshRSS sends, and broken ones); the
 * merge rule of the pending queue; the store's local-first queue and the
 * rule that a waiting local change wins; the config's sync settings and
 * the password sources.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "conf.h"
#include "store.h"
#include "sync.h"
#include "text.h"

static char tmpdir[] = "/tmp/test_sync.XXXXXX";

/* A successful answer with body. */
static void
answer(struct fetch_response *r, long status, const char *body)
{
	memset(r, 0, sizeof(*r));
	r->result = status >= 200 && status < 300 ? FETCH_OK : FETCH_HTTP_ERROR;
	r->status = status;
	tbuf_init(&r->body, 1u << 20);
	if (!tbuf_adds(&r->body, body))
		abort();
}

static void *
new_backend(void)
{
	struct sync_config c = {
		.kind = SYNC_GREADER, .url = "https://rss.example.org/api/greader.php/",
		.user = "alice", .password = "s3cret&=",
	};

	return sync_greader.new(&c);
}

static void
test_item_ids(void)
{
	int64_t id;

	CHECK(sync_parse_item_id("tag:google.com,2005:reader/item/000661eea42e01df", &id));
	CHECK(id == 0x000661eea42e01dfLL);
	CHECK(sync_parse_item_id("1796527444853215", &id) && id == 1796527444853215LL);
	/* the high bit set: the decimal form is negative, the same 64 bits */
	CHECK(sync_parse_item_id("tag:google.com,2005:reader/item/ffffffffffffffff", &id) &&
	    id == -1);
	CHECK(sync_parse_item_id("-1", &id) && id == -1);
	CHECK(!sync_parse_item_id("tag:google.com,2005:reader/item/12", &id));
	CHECK(!sync_parse_item_id("12x", &id));
	CHECK(!sync_parse_item_id("", &id));
	CHECK(!sync_parse_item_id(NULL, &id));
	CHECK(!sync_parse_item_id("99999999999999999999", &id));
}

/* The login: ClientLogin carries the password in the body only; a 401
 * is a wrong password; a kept token is tried without a request. */
static void
test_login(void)
{
	void *b = new_backend();
	struct sync_request next = { 0 };
	struct fetch_response r;
	enum sync_result res = SYNC_OK;
	char *err = NULL;

	CHECK(sync_greader.login(b, NULL, &next, &res, &err) == SYNC_STEP_MORE);
	CHECK_STR(next.url, "https://rss.example.org/api/greader.php/accounts/ClientLogin");
	CHECK(next.secret);
	CHECK(next.form != NULL && strstr(next.form, "Passwd=s3cret%26%3D") != NULL);
	CHECK(strstr(next.url, "s3cret") == NULL);
	sync_request_clear(&next);
	answer(&r, 200, "SID=alice/abc\nLSID=null\nAuth=alice/abc123\n");
	CHECK(sync_greader.login(b, &r, &next, &res, &err) == SYNC_STEP_DONE);
	fetch_response_clear(&r);
	CHECK_STR(sync_greader.token(b), "alice/abc123");
	sync_greader.free(b);

	b = new_backend();
	CHECK(sync_greader.login(b, NULL, &next, &res, &err) == SYNC_STEP_MORE);
	sync_request_clear(&next);
	answer(&r, 401, "Unauthorized!");
	CHECK(sync_greader.login(b, &r, &next, &res, &err) == SYNC_STEP_FAILED);
	fetch_response_clear(&r);
	CHECK(res == SYNC_AUTH);
	CHECK_STR(err, "wrong user or password");
	free(err);
	err = NULL;
	sync_greader.free(b);

	/* an HTML page, or no Auth line, where the login answer should be */
	static const char *const junk[] = {
		"<html><body>login</body></html>", "SID=x\nLSID=y\n",
		"Auth=<script>\n",
	};
	for (size_t i = 0; i < sizeof(junk) / sizeof(junk[0]); i++) {
		b = new_backend();
		CHECK(sync_greader.login(b, NULL, &next, &res, &err) ==
		    SYNC_STEP_MORE);
		sync_request_clear(&next);
		answer(&r, 200, junk[i]);
		CHECKF(sync_greader.login(b, &r, &next, &res, &err) ==
		    SYNC_STEP_FAILED && res == SYNC_BAD_RESPONSE, "junk %zu", i);
		fetch_response_clear(&r);
		free(err);
		err = NULL;
		sync_greader.free(b);
	}

	/* a kept token: no request at all */
	b = new_backend();
	sync_greader.set_token(b, "alice/kept");
	CHECK(sync_greader.login(b, NULL, &next, &res, &err) == SYNC_STEP_DONE);
	CHECK(next.url == NULL);
	sync_greader.free(b);
}

static const char stream_page[] =
    "{\"id\":\"user/-/state/com.google/reading-list\",\"updated\":1796527444,"
    "\"items\":[{\"id\":\"tag:google.com,2005:reader/item/000661eea42e01df\","
    "\"crawlTimeMsec\":\"1796527444853\",\"timestampUsec\":\"1796527444853215\","
    "\"published\":1796527282,\"title\":\"Big \\u001b[31mitem 1\","
    "\"canonical\":[{\"href\":\"http://example.org/big/1\"}],"
    "\"alternate\":[{\"href\":\"http://example.org/big/1\"}],"
    "\"categories\":[\"user/-/state/com.google/reading-list\","
    "\"user/-/label/Extra\",\"user/-/state/com.google/read\","
    "\"user/-/state/com.google/starred\",\"user/-/label/tidings-rating-4\"],"
    "\"origin\":{\"streamId\":\"feed/6\",\"htmlUrl\":\"http://example.org/big/\","
    "\"title\":\"Big\"},\"summary\":{\"content\":\"<p>Lorem</p>\"},\"author\":\"Bob\"},"
    "{\"id\":\"1796527444853214\",\"timestampUsec\":\"1796527444853214\","
    "\"title\":\"no link\",\"origin\":{\"streamId\":\"feed/6\"}},"
    "{\"id\":\"not an id\",\"origin\":{\"streamId\":\"feed/6\"}},"
    "{\"id\":\"1796527444853213\"}],"
    "\"continuation\":\"1796527444853212\"}";

/* The ids since a mark: one GET of stream/items/ids with ot in seconds
 * and the continuation; the answer's decimal ids and its continuation. */
static void
test_new_ids(void)
{
	void *b = new_backend();
	struct sync_request next = { 0 };
	struct sync_ids page = { 0 };
	struct fetch_response r;
	enum sync_result res = SYNC_OK;
	char *err = NULL;

	CHECK(sync_greader.item_ids(b, 1796527000123456LL, "123", NULL, &next,
	    &page, &res, &err) == SYNC_STEP_MORE);
	CHECK(next.form == NULL);
	CHECK(strstr(next.url, "/reader/api/0/stream/items/ids?output=json&n=")
	    != NULL);
	CHECK(strstr(next.url, "&s=user%2F-%2Fstate%2Fcom.google%2F"
	    "reading-list") != NULL);
	CHECK(strstr(next.url, "&ot=1796527000&") != NULL);
	CHECK(strstr(next.url, "&c=123") != NULL);
	CHECK(strstr(next.url, "xt=") == NULL);
	sync_request_clear(&next);
	/* the first sync: no ot */
	CHECK(sync_greader.item_ids(b, 0, NULL, NULL, &next, &page, &res,
	    &err) == SYNC_STEP_MORE);
	CHECK(strstr(next.url, "ot=") == NULL && strstr(next.url, "c=") == NULL);
	sync_request_clear(&next);
	answer(&r, 200, "{\"itemRefs\":[{\"id\":\"1796527444853215\"},"
	    "{\"id\":\"bad\"},{\"id\":\"1796527444853213\"}],"
	    "\"continuation\":\"1796527444853213\"}");
	CHECK(sync_greader.item_ids(b, 0, NULL, &r, &next, &page, &res, &err) ==
	    SYNC_STEP_DONE);
	CHECK(page.n == 2 && page.v[0] == 1796527444853215LL &&
	    page.v[1] == 1796527444853213LL);
	CHECK_STR(page.continuation, "1796527444853213");
	fetch_response_clear(&r);
	sync_ids_free(&page);
	sync_greader.free(b);
}

/* The rating labels the server has, from tag/list: only exact
 * tidings-rating-1..5 labels count; a rated set is one label's list. */
static void
test_rating_labels(void)
{
	void *b = new_backend();
	struct sync_request next = { 0 };
	struct fetch_response r;
	enum sync_result res = SYNC_OK;
	char *err = NULL;
	unsigned mask = 99;

	CHECK(sync_greader.rating_labels(b, NULL, &next, &mask, &res, &err) ==
	    SYNC_STEP_MORE);
	CHECK(strstr(next.url, "/reader/api/0/tag/list?output=json") != NULL);
	sync_request_clear(&next);
	answer(&r, 200, "{\"tags\":[{\"id\":\"user/-/state/com.google/starred\"},"
	    "{\"id\":\"user/-/label/tidings-rating-2\",\"type\":\"tag\"},"
	    "{\"id\":\"user/-/label/tidings-rating-5\",\"type\":\"tag\"},"
	    "{\"id\":\"user/-/label/tidings-rating-6\"},"
	    "{\"id\":\"user/-/label/tidings-rating-0\"},"
	    "{\"id\":\"user/-/label/tidings-rating-33\"},"
	    "{\"id\":\"user/-/label/tidings-rating-\"},{\"id\":7},"
	    "{\"id\":\"user/-/label/Tech\",\"type\":\"folder\"}]}");
	CHECK(sync_greader.rating_labels(b, &r, &next, &mask, &res, &err) ==
	    SYNC_STEP_DONE);
	CHECKF(mask == ((1u << 2) | (1u << 5)), "mask %#x", mask);
	fetch_response_clear(&r);
	answer(&r, 200, "{\"tags\":[]}");
	CHECK(sync_greader.rating_labels(b, &r, &next, &mask, &res, &err) ==
	    SYNC_STEP_DONE && mask == 0);
	fetch_response_clear(&r);
	answer(&r, 200, "<html>");
	CHECK(sync_greader.rating_labels(b, &r, &next, &mask, &res, &err) ==
	    SYNC_STEP_FAILED && res == SYNC_BAD_RESPONSE);
	free(err);
	err = NULL;
	fetch_response_clear(&r);
	CHECK(sync_greader.ids(b, SYNC_SET_RATED, 4, NULL, NULL, &next, NULL,
	    &res, &err) == SYNC_STEP_MORE);
	CHECK(strstr(next.url, "&s=user%2F-%2Flabel%2Ftidings-rating-4") != NULL);
	CHECK(strstr(next.url, "xt=") == NULL);
	sync_request_clear(&next);
	sync_greader.free(b);
}

static void
test_contents(void)
{
	void *b = new_backend();
	struct sync_request next = { 0 };
	struct sync_items page = { 0 };
	struct fetch_response r;
	enum sync_result res = SYNC_OK;
	char *err = NULL;
	int64_t ids[SYNC_CONTENTS_BATCH + 1];

	for (size_t k = 0; k <= SYNC_CONTENTS_BATCH; k++)
		ids[k] = 1796527444853215LL - (int64_t)k;
	/* a POST of the ids, one i= each, at most a batch */
	CHECK(sync_greader.contents(b, ids, SYNC_CONTENTS_BATCH + 1, NULL, &next,
	    &page, &res, &err) == SYNC_STEP_MORE);
	CHECK(strstr(next.url, "/reader/api/0/stream/items/contents?output=json")
	    != NULL);
	CHECK(next.form != NULL && strncmp(next.form, "i=1796527444853215&"
	    "i=1796527444853214&", 38) == 0);
	{
		size_t n = 0;
		const char *p;

		for (p = next.form; p != NULL && (p = strstr(p, "i=")) != NULL; p++)
			n++;
		CHECKF(n == SYNC_CONTENTS_BATCH, "%zu ids in one request", n);
	}
	sync_request_clear(&next);
	answer(&r, 200, stream_page);
	CHECK(sync_greader.contents(b, ids, 2, &r, &next, &page, &res, &err) ==
	    SYNC_STEP_DONE);
	fetch_response_clear(&r);
	CHECKF(page.n == 2, "%zu items (one without an id, one without a feed "
	    "are left out)", page.n);
	if (page.n == 2) {
		struct sync_item *a = &page.v[0], *c = &page.v[1];

		CHECK(a->id == 0x000661eea42e01dfLL);
		CHECK(a->ts_usec == 1796527444853215LL);
		CHECK_STR(a->feed, "feed/6");
		CHECK(a->read && a->starred && a->rating == 4);
		CHECK_STR(a->item.title, "Big item 1");	/* the escape is gone */
		CHECK_STR(a->item.link, "http://example.org/big/1");
		CHECK_STR(a->item.id, "http://example.org/big/1");
		CHECK_STR(a->item.summary, "<p>Lorem</p>");
		CHECK_STR(a->item.author, "Bob");
		CHECK(a->item.published == 1796527282);
		CHECK(!c->read && !c->starred && c->rating == 0);
		CHECK_STR(c->item.id, "greader:1796527444853214");
	}
	sync_items_free(&page);

	/* broken answers: each a bad response with words for the user */
	static const struct {
		const char *body, *words;
	} bad[] = {
		{ "{\"items\":[{\"id\":\"1\"", "truncated JSON" },
		{ "<!DOCTYPE html><html>down</html>", "HTML page" },
		{ "[1,2]", "not an object" },
		{ "{\"items\":3}", "no items" },
		{ "{} trailing", "not JSON" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		answer(&r, 200, bad[i].body);
		err = NULL;
		CHECKF(sync_greader.contents(b, ids, 1, &r, &next, &page, &res,
		    &err) == SYNC_STEP_FAILED, "case %zu", i);
		CHECKF(res == SYNC_BAD_RESPONSE && err != NULL &&
		    strstr(err, bad[i].words) != NULL, "case %zu: %s", i,
		    err != NULL ? err : "(null)");
		fetch_response_clear(&r);
		sync_items_free(&page);
		free(err);
	}
	/* nesting past the limit */
	{
		struct tbuf deep;

		tbuf_init(&deep, 4096);
		for (int i = 0; i < SYNC_MAX_JSON_DEPTH + 5; i++)
			if (!tbuf_adds(&deep, "{\"a\":"))
				abort();
		answer(&r, 200, tbuf_str(&deep));
		tbuf_free(&deep);
		err = NULL;
		CHECK(sync_greader.contents(b, ids, 1, &r, &next, &page, &res,
		    &err) == SYNC_STEP_FAILED);
		CHECK(err != NULL && strstr(err, "deeper") != NULL);
		fetch_response_clear(&r);
		free(err);
	}
	sync_greader.free(b);
}

static void
test_subscriptions(void)
{
	void *b = new_backend();
	struct sync_request next = { 0 };
	struct sync_feeds l = { 0 };
	struct fetch_response r;
	enum sync_result res = SYNC_OK;
	char *err = NULL;

	CHECK(sync_greader.subscriptions(b, NULL, &next, &l, &res, &err) ==
	    SYNC_STEP_MORE);
	CHECK(strstr(next.url, "subscription/list?output=json") != NULL);
	sync_request_clear(&next);
	answer(&r, 200, "{\"subscriptions\":[{\"id\":\"feed/2\",\"title\":\"Local "
	    "Atom Feed\",\"categories\":[{\"id\":\"user/-/label/Tech\",\"label\":"
	    "\"Tech\"},{\"id\":\"user/-/label/News\",\"label\":\"News\"}],"
	    "\"url\":\"http://127.0.0.1:8282/atom.xml\",\"htmlUrl\":"
	    "\"http://example.org/atom/\"},{\"id\":\"feed/3\",\"title\":\"no url\"},"
	    "{\"id\":\"feed/4\",\"url\":\"http://x/4.xml\",\"categories\":[]}]}");
	CHECK(sync_greader.subscriptions(b, &r, &next, &l, &res, &err) ==
	    SYNC_STEP_DONE);
	fetch_response_clear(&r);
	CHECKF(l.n == 2, "%zu feeds (the one without a URL is left out)", l.n);
	if (l.n == 2) {
		CHECK_STR(l.v[0].id, "feed/2");
		CHECK_STR(l.v[0].url, "http://127.0.0.1:8282/atom.xml");
		CHECK_STR(l.v[0].title, "Local Atom Feed");
		CHECK(l.v[0].nfolders == 2);
		CHECK_STR(l.v[0].folders[1], "News");
		CHECK(l.v[1].nfolders == 0 && l.v[1].title == NULL);
	}
	sync_feeds_free(&l);
	sync_greader.free(b);
}

/* The push: a run of one kind per request, the write token first. */
static void
test_push(void)
{
	void *b = new_backend();
	struct sync_request next = { 0 };
	struct fetch_response r;
	enum sync_result res = SYNC_OK;
	char *err = NULL;
	size_t used;
	static const char tok[] = "b3c65159d520f2a6f38b8a15a2adecad4c3b111cZZZZZZZZZZZZZZZZZ";
	struct store_change v[] = {
		{ .seq = 1, .kind = STORE_CHANGE_READ, .item_sid = 11 },
		{ .seq = 2, .kind = STORE_CHANGE_READ, .item_sid = 12 },
		{ .seq = 3, .kind = STORE_CHANGE_STAR, .item_sid = 11 },
		{ .seq = 4, .kind = STORE_CHANGE_MARK_ALL, .stream = "feed/3",
		  .value = 1796527444853215LL },
		{ .seq = 5, .kind = STORE_CHANGE_RATING, .item_sid = 13, .value = 2 },
	};

	sync_greader.set_token(b, "alice/kept");
	/* the first write asks for the write token first */
	CHECK(sync_greader.push(b, v, 5, &used, NULL, &next, &res, &err) ==
	    SYNC_STEP_MORE);
	CHECK(next.url != NULL && strstr(next.url, "/reader/api/0/token") != NULL);
	CHECK_STR(next.auth, "GoogleLogin auth=alice/kept");
	sync_request_clear(&next);
	answer(&r, 200, tok);
	CHECK(sync_greader.push(b, v, 5, &used, &r, &next, &res, &err) ==
	    SYNC_STEP_MORE);
	fetch_response_clear(&r);
	CHECK(used == 2);
	CHECK(strstr(next.url, "/edit-tag") != NULL);
	CHECK_STR(next.form, "T=b3c65159d520f2a6f38b8a15a2adecad4c3b111cZZZZZZZZZZZZZZZZZ"
	    "&i=11&i=12&a=user%2F-%2Fstate%2Fcom.google%2Fread");
	sync_request_clear(&next);
	answer(&r, 200, "OK");
	CHECK(sync_greader.push(b, v, 5, &used, &r, &next, &res, &err) ==
	    SYNC_STEP_DONE);
	fetch_response_clear(&r);

	CHECK(sync_greader.push(b, v + 3, 2, &used, NULL, &next, &res, &err) ==
	    SYNC_STEP_MORE);
	CHECK(used == 1 && strstr(next.url, "/mark-all-as-read") != NULL);
	CHECK(strstr(next.form, "&s=feed%2F3&ts=1796527444853215") != NULL);
	sync_request_clear(&next);

	/* a rating: five label steps, the new one added, the others removed */
	int adds = 0, removes = 0;
	enum sync_step st = sync_greader.push(b, v + 4, 1, &used, NULL, &next,
	    &res, &err);
	for (int i = 0; i < 10 && st == SYNC_STEP_MORE; i++) {
		adds += strstr(next.form, "a=user%2F-%2Flabel%2Ftidings-rating-2") != NULL;
		removes += strstr(next.form, "&r=user%2F-%2Flabel%2Ftidings-rating-") != NULL;
		sync_request_clear(&next);
		answer(&r, 200, "OK");
		st = sync_greader.push(b, v + 4, 1, &used, &r, &next, &res, &err);
		fetch_response_clear(&r);
	}
	CHECK(st == SYNC_STEP_DONE && adds == 1 && removes == 4);

	/* not confirmed */
	CHECK(sync_greader.push(b, v, 1, &used, NULL, &next, &res, &err) ==
	    SYNC_STEP_MORE);
	sync_request_clear(&next);
	answer(&r, 500, "boom");
	CHECK(sync_greader.push(b, v, 1, &used, &r, &next, &res, &err) ==
	    SYNC_STEP_FAILED);
	CHECK(res == SYNC_SERVER && err != NULL && strstr(err, "HTTP 500") != NULL);
	fetch_response_clear(&r);
	free(err);
	sync_greader.free(b);
}

/* The merge rule: the last change per (item, kind of change) wins. */
static void
test_merge(void)
{
	struct store_change v[] = {
		{ .seq = 1, .kind = STORE_CHANGE_READ, .item_sid = 5 },
		{ .seq = 2, .kind = STORE_CHANGE_STAR, .item_sid = 5 },
		{ .seq = 3, .kind = STORE_CHANGE_UNREAD, .item_sid = 5 },
		{ .seq = 4, .kind = STORE_CHANGE_READ, .item_sid = 6 },
		{ .seq = 5, .kind = STORE_CHANGE_MARK_ALL, .stream = "feed/1" },
		{ .seq = 6, .kind = STORE_CHANGE_RATING, .item_sid = 5, .value = 3 },
		{ .seq = 7, .kind = STORE_CHANGE_MARK_ALL, .stream = "feed/1" },
		{ .seq = 8, .kind = STORE_CHANGE_RATING, .item_sid = 5, .value = 1 },
		{ .seq = 9, .kind = STORE_CHANGE_UNSTAR, .item_sid = 5 },
	};
	bool keep[9];
	const bool want[9] = { false, false, true, true, true, false, true, true,
	    true };

	sync_merge_changes(v, 9, keep);
	for (size_t i = 0; i < 9; i++)
		CHECKF(keep[i] == want[i], "change %zu: keep %d", i + 1, keep[i]);
}

/* The store: a change to a synced item queues; the server's state does
 * not undo a change that still waits. */
static void
test_store_queue(void)
{
	char path[256];
	struct store *st;
	struct store_changes l;
	struct store_item it;
	struct feed_item fi = { 0 };
	struct store_sync_item si = { 0 };
	struct store_query q = { 0 };
	long long n;
	int64_t feed, local;
	char *why = NULL, *v;

	snprintf(path, sizeof(path), "%s/cache.db", tmpdir);
	if (store_open(path, &st, &why) != STORE_OK) {
		CHECKF(false, "store_open: %s", why);
		free(why);
		return;
	}
	CHECK(store_sync_feed(st, "http://x/feed.xml", "feed/1", "X", NULL,
	    "[\"Tech\"]", 1000, 1, &feed) == STORE_OK && feed > 0);
	fi.id = "http://x/1";
	fi.title = "one";
	fi.link = "http://x/1";
	fi.published = fi.updated = FEED_NO_DATE;
	fi.rating.count = -1;
	si.feed_id = feed;
	si.server_id = 77;
	si.server_ts = 1000000;
	si.item = &fi;
	si.rating = 0;
	CHECK(store_sync_put_items(st, &si, 1, 1000, &n) == STORE_OK && n == 1);
	/* ids first: which the cache holds, and the newest crawl time */
	{
		int64_t ask[3] = { 78, 77, 76 }, newest = -1;
		bool known[3] = { true, false, true };

		CHECK(store_sync_known_ids(st, ask, 3, known, &newest) == STORE_OK);
		CHECK(!known[0] && known[1] && !known[2]);
		CHECK(newest == 1000000);
		CHECK(store_sync_known_ids(st, ask, 1, known, &newest) == STORE_OK);
		CHECK(!known[0] && newest == 0);
	}
	/* a local feed's item: no queue */
	CHECK(store_add_feed(st, "http://local/feed.xml", 1000) == STORE_OK);

	q.starred_only = true;
	CHECK(store_count_items(st, &q, &n) == STORE_OK && n == 0);
	CHECK(store_get_item(st, 1, &it) == STORE_OK);
	local = it.id;
	store_item_clear(&it);
	CHECK(store_set_starred(st, local, true) == STORE_OK);
	CHECK(store_set_read(st, local, true) == STORE_OK);
	CHECK(store_set_rating(st, local, 3) == STORE_OK);
	CHECK(store_count_items(st, &q, &n) == STORE_OK && n == 1);
	CHECK(store_pending_count(st, &n) == STORE_OK && n == 3);

	/* the server still says unread, unstarred, unrated: the reader's
	 * waiting changes win */
	CHECK(store_sync_put_items(st, &si, 1, 1001, &n) == STORE_OK && n == 0);
	CHECK(store_sync_set_states(st, STORE_CHANGE_UNREAD, &si.server_id, 1,
	    NULL) == STORE_OK);
	CHECK(store_sync_set_states(st, STORE_CHANGE_STAR, NULL, 0, NULL) ==
	    STORE_OK);
	CHECK(store_get_item(st, local, &it) == STORE_OK);
	CHECK(it.read && it.starred && it.user_rating == 3);
	store_item_clear(&it);

	/* once confirmed the server's state applies again */
	CHECK(store_pending_changes(st, 0, &l) == STORE_OK && l.n == 3);
	if (l.n == 3) {
		int64_t seq[3] = { l.v[0].seq, l.v[1].seq, l.v[2].seq };

		CHECK(l.v[0].kind == STORE_CHANGE_STAR && l.v[0].item_sid == 77);
		CHECK(l.v[2].kind == STORE_CHANGE_RATING && l.v[2].value == 3);
		CHECK(store_changes_done(st, seq, 3) == STORE_OK);
	}
	store_changes_free(&l);
	CHECK(store_sync_set_states(st, STORE_CHANGE_UNREAD, &si.server_id, 1,
	    &n) == STORE_OK && n == 1);
	CHECK(store_get_item(st, local, &it) == STORE_OK);
	CHECK(!it.read && it.starred);
	store_item_clear(&it);

	/* mark-all-read of a synced feed: one change with the newest time */
	CHECK(store_mark_all_read(st, feed, NULL) == STORE_OK);
	CHECK(store_pending_changes(st, 0, &l) == STORE_OK && l.n == 1);
	if (l.n == 1) {
		CHECK(l.v[0].kind == STORE_CHANGE_MARK_ALL);
		CHECK_STR(l.v[0].stream, "feed/1");
		CHECK(l.v[0].value == 1000000);
	}
	store_changes_free(&l);

	/* the state keeps values; the next list drops what it did not name */
	CHECK(store_sync_set(st, "k", "v") == STORE_OK);
	CHECK(store_sync_get(st, "k", &v) == STORE_OK);
	CHECK_STR(v, "v");
	free(v);
	CHECK(store_sync_drop_feeds(st, 2, &n) == STORE_OK && n == 1);
	CHECK(store_count_items(st, &(struct store_query){ 0 }, &n) == STORE_OK &&
	    n == 0);
	store_close(st);
}

static void
test_conf(void)
{
	static const char good[] =
	    "sync greader\n"
	    "sync-url https://rss.example.org/api/greader.php\n"
	    "sync-user alice\n"
	    "sync-password-command echo hunter2 \"second word\"\n"
	    "sync-header \"AppId: 1000\"\n"
	    "sync-header \"AppKey: abc\"\n";
	struct conf c;
	char *pw, *why, path[256], line[512];
	FILE *f;

	conf_parse(&c, good, sizeof(good) - 1, "config");
	CHECKF(c.nerrors == 0, "%s", c.nerrors > 0 ? c.errors[0] : "");
	CHECK(c.sync == CONF_SYNC_GREADER && c.nsync_headers == 2);
	CHECK_STR(c.sync_headers[1], "AppKey: abc");
	CHECK(conf_sync_password(&c, &pw, &why));
	CHECK_STR(pw, "hunter2 second word");
	free(pw);
	conf_clear(&c);

	/* plain http to another host, no url, a bad header */
	static const char bad[] =
	    "sync greader\nsync-url http://rss.example.org/api\n"
	    "sync-header \"Bad Name: x\"\nsync-password-command false\n";
	conf_parse(&c, bad, sizeof(bad) - 1, "config");
	CHECK(c.nerrors == 3);	/* the header, no user, plain http */
	CHECK(c.nerrors == 3 && strstr(c.errors[2], "plain http") != NULL &&
	    strstr(c.errors[2], "config:2:") != NULL);
	CHECK(!conf_sync_password(&c, &pw, &why) && pw == NULL);
	CHECK(why != NULL && strstr(why, "failed") != NULL);
	free(why);
	conf_clear(&c);

	char *w;
	CHECK(conf_sync_url_ok("http://127.0.0.1:8281/api", false, &w));
	CHECK(conf_sync_url_ok("http://localhost/api", false, &w));
	CHECK(conf_sync_url_ok("http://[::1]:80/api", false, &w));
	CHECK(!conf_sync_url_ok("http://127.0.0.1.evil.org/api", false, &w));
	free(w);
	CHECK(!conf_sync_url_ok("https://u:pw@rss.example.org/", false, &w));
	free(w);
	CHECK(conf_sync_url_ok("http://rss.example.org/", true, &w));

	/* a password file others may read is refused; a private one is read */
	snprintf(path, sizeof(path), "%s/pw", tmpdir);
	if ((f = fopen(path, "w")) == NULL)
		abort();
	fputs("filepass\nsecond line\n", f);
	fclose(f);
	chmod(path, 0644);
	snprintf(line, sizeof(line), "sync greader\nsync-url https://x/\n"
	    "sync-user a\nsync-password-file %s\n", path);
	conf_parse(&c, line, strlen(line), "config");
	CHECK(c.nerrors == 1 && strstr(c.errors[0], "may be read by others") != NULL);
	CHECK(!conf_sync_password(&c, &pw, &why));
	CHECK(why != NULL && strstr(why, "chmod 600") != NULL);
	free(why);
	chmod(path, 0600);
	CHECK(conf_sync_password(&c, &pw, &why));
	CHECK_STR(pw, "filepass");
	free(pw);
	conf_clear(&c);
	unlink(path);
}

int
main(void)
{
	char cmd[64];

	if (mkdtemp(tmpdir) == NULL)
		return 99;
	test_item_ids();
	test_login();
	test_new_ids();
	test_contents();
	test_rating_labels();
	test_subscriptions();
	test_push();
	test_merge();
	test_store_queue();
	test_conf();
	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", tmpdir);
	return check_finish();
}
