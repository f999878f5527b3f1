/*
 * test_refresh: the non-blocking refresh API as the TUI uses it, against
 * the local test server. Run by tests/cli/refresh_api.sh as:
 * test_refresh BASE DIR (DIR: a scratch folder for the cache; the server
 * serves feed.xml, a copy of the CRM Daily sample).
 *
 * One fetch handle carries the refresh and a transfer of the caller's own
 * (refresh_claim must leave it alone); each feed is reported once with the
 * right outcome; a second refresh is all 304s (the server answers 304 only
 * to the stored ETag, so the refresh must send it); refresh_free() mid-way
 * cancels what is left.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "fetch.h"
#include "refresh.h"
#include "store.h"
#include "text.h"

#define NFEEDS 4

static const char *const paths[] = {
	"/etag-only/feed.xml",
	"/redirect/301?to=/etag-only/feed.xml",
	"/status/404",
	"/etag-only/feed.xml",	/* again: refreshed once */
	"/html-with-feed-link",
};
#define NPATHS (sizeof(paths) / sizeof(paths[0]))

/* What each distinct URL must give, by run (0: cold, 1: warm). */
static const struct expect {
	const char *path;
	enum refresh_outcome outcome[2];
	long long nnew[2];
	bool moved;
	const char *error;	/* substring, or NULL */
} expects[NFEEDS] = {
	{ "/etag-only/feed.xml", { REFRESH_UPDATED, REFRESH_NOT_MODIFIED }, { 5, 0 }, false, NULL },
	{ "/redirect/301?to=/etag-only/feed.xml", { REFRESH_UPDATED, REFRESH_NOT_MODIFIED }, { 5, 0 }, true, NULL },
	{ "/status/404", { REFRESH_FAILED, REFRESH_FAILED }, { 0, 0 }, false, "HTTP 404" },
	{ "/html-with-feed-link", { REFRESH_FAILED, REFRESH_FAILED }, { 0, 0 }, false, "" },
};

static const char *base;
static int run;	/* 0: cold, 1: warm */
static bool seen[NFEEDS];
static size_t last_done, foreign_seen;
static int foreign;	/* its address marks the caller's own transfer */

static void
on_progress(const struct refresh_progress *p, void *arg)
{
	size_t i, plen = strlen(base);

	(void)arg;
	CHECKF(p->done == last_done + 1 && p->total == NFEEDS,
	    "progress %zu/%zu after %zu", p->done, p->total, last_done);
	last_done = p->done;
	CHECKF(strncmp(p->url, base, plen) == 0, "url %s", p->url);
	for (i = 0; i < NFEEDS; i++)
		if (strcmp(p->url + plen, expects[i].path) == 0)
			break;
	if (i == NFEEDS) {
		CHECKF(false, "unexpected feed %s", p->url);
		return;
	}
	const struct expect *e = &expects[i];
	CHECKF(!seen[i], "%s reported twice", e->path);
	seen[i] = true;
	CHECKF(p->outcome == e->outcome[run], "%s: outcome %d, want %d", e->path,
	    (int)p->outcome, (int)e->outcome[run]);
	CHECKF(p->nnew == e->nnew[run], "%s: %lld new, want %lld", e->path,
	    p->nnew, e->nnew[run]);
	CHECKF((p->moved_to != NULL) == e->moved, "%s: moved_to %s", e->path,
	    p->moved_to != NULL ? p->moved_to : "(none)");
	if (e->moved && p->moved_to != NULL) {
		char *want = xasprintf("%s/etag-only/feed.xml", base);
		CHECKF(strcmp(p->moved_to, want) == 0, "moved to %s", p->moved_to);
		free(want);
	}
	if (e->error != NULL)
		CHECKF(p->error != NULL && p->error[0] != '\0' &&
		    strstr(p->error, e->error) != NULL, "%s: error '%s'", e->path,
		    p->error != NULL ? p->error : "(none)");
	else
		CHECKF(p->error == NULL, "%s: error '%s'", e->path, p->error);
	if (p->outcome != REFRESH_FAILED)
		CHECKF(p->title != NULL && strcmp(p->title, "CRM Daily") == 0,
		    "%s: title %s", e->path, p->title != NULL ? p->title : "(none)");
}

struct loop {
	struct refresh *r;
};

/* The caller's own done callback: the refresh first, then its own. */
static void
on_done(void *user, struct fetch_response *res, void *arg)
{
	struct loop *l = arg;

	if (refresh_claim(l->r, user, res))
		return;
	CHECKF(user == &foreign && res->result == FETCH_OK, "foreign transfer");
	foreign_seen++;
}

static void
one_run(struct store *st, struct fetch *f, const char *const *urls)
{
	struct refresh_summary sum;
	struct loop l;
	time_t start = time(NULL);
	char *own = xasprintf("%s/feed.xml", base);

	memset(seen, 0, sizeof(seen));
	last_done = 0;
	foreign_seen = 0;
	fetch_add(f, own, NULL, NULL, &foreign);
	l.r = refresh_start(st, f, urls, NPATHS, on_progress, NULL);
	while ((!refresh_done(l.r) || fetch_pending(f) > 0) &&
	    time(NULL) - start < 30) {
		fetch_wait(f, -1, 1000);
		fetch_step(f, on_done, &l);
	}
	CHECKF(refresh_done(l.r) && foreign_seen == 1, "not finished: %zu done, "
	    "foreign %zu", last_done, foreign_seen);
	refresh_summary(l.r, &sum);
	if (run == 0)
		CHECKF(sum.total == NFEEDS && sum.updated == 2 && sum.failed == 2 &&
		    sum.not_modified == 0 && sum.nnew == 10, "summary %zu %zu %zu "
		    "%zu %lld", sum.total, sum.updated, sum.not_modified,
		    sum.failed, sum.nnew);
	else
		CHECKF(sum.total == NFEEDS && sum.updated == 0 && sum.failed == 2 &&
		    sum.not_modified == 2 && sum.nnew == 0, "summary %zu %zu %zu "
		    "%zu %lld", sum.total, sum.updated, sum.not_modified,
		    sum.failed, sum.nnew);
	refresh_free(l.r);
	free(own);
}

/* refresh_free() before the end: the rest is cancelled, no more progress. */
static void
cancel_run(struct store *st, struct fetch *f)
{
	char *slow[3];
	struct refresh *r;
	size_t i;

	for (i = 0; i < 3; i++)
		slow[i] = xasprintf("%s/slow?seconds=%zu", base, 3 + i);
	last_done = 0;
	r = refresh_start(st, f, (const char *const *)slow, 3, on_progress, NULL);
	fetch_wait(f, -1, 100);
	refresh_step(r);
	refresh_free(r);
	CHECKF(fetch_pending(f) == 0 && last_done == 0, "refresh_free left %zu "
	    "transfers, reported %zu", fetch_pending(f), last_done);
	for (i = 0; i < 3; i++)
		free(slow[i]);
}

int
main(int argc, char **argv)
{
	const char *urls[NPATHS];
	struct store *st = NULL;
	struct fetch *f;
	char *db, *why = NULL;
	size_t i;

	if (argc != 3) {
		fprintf(stderr, "usage: test_refresh BASE DIR\n");
		return 2;
	}
	base = argv[1];
	db = xasprintf("%s/cache.db", argv[2]);
	if (store_open(db, &st, &why) != STORE_OK) {
		fprintf(stderr, "FAIL: store_open: %s\n", why);
		return 1;
	}
	for (i = 0; i < NPATHS; i++)
		urls[i] = xasprintf("%s%s", base, paths[i]);
	f = fetch_new(NULL);
	for (run = 0; run < 2; run++)
		one_run(st, f, urls);
	cancel_run(st, f);
	fetch_free(f);
	fetch_global_cleanup();
	for (i = 0; i < NPATHS; i++)
		free((char *)urls[i]);
	store_close(st);
	free(db);
	if (check_failures == 0)
		printf("ok: refresh API, cold and warm, shared handle, cancel\n");
	return check_finish();
}
