/*
 * refresh.c: fetch every subscription on one multi handle, and for each
 * finished transfer parse (feed) and save (store) in the same turn. A
 * struct job per URL is the user pointer of its transfer; refresh_claim()
 * recognises its own jobs by address.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "feed.h"
#include "fetch.h"
#include "refresh.h"
#include "store.h"
#include "text.h"

#define RUN_POLL_MS 1000	/* refresh_run's longest sleep between steps */
/* Feeds saved in one transaction at most (store_batch_begin): a batch
 * also ends with every fetch_step(), so it never stays open while the
 * loop waits, and one step reports for FETCH_STEP_MS at most. */
#define REFRESH_BATCH_FEEDS 64

/* What one finished job tells the progress callback; strings sanitised. */
struct outcome {
	enum refresh_outcome outcome;
	long long nnew;
	char *title, *error, *moved_to, *warning;	/* sanitised */
};

struct job {
	char *url;
	bool finished;
	struct outcome o;	/* kept until its batch commits */
};

struct refresh {
	struct store *st;
	struct fetch *f;
	struct job *jobs;	/* one per distinct URL */
	size_t njobs;
	size_t done;
	refresh_progress_fn progress;
	void *arg;
	struct refresh_summary sum;
	struct job *batch[REFRESH_BATCH_FEEDS];	/* saved, not yet committed */
	size_t nbatch;
	bool batched;		/* the batch is a store batch (else: the lock was busy,
				 * each feed was its own transaction) */
	bool ratings;		/* refresh_start_ratings: only the ratings are kept */
};

static void batch_flush(void *arg);

static bool
seen_before(const char *const *urls, size_t i)
{
	size_t j;

	for (j = 0; j < i; j++)
		if (strcmp(urls[j], urls[i]) == 0)
			return true;
	return false;
}

static struct refresh *
start(struct store *st, struct fetch *f, const char *const *urls, size_t n,
    bool ratings, refresh_progress_fn progress, void *arg)
{
	struct refresh *r = xcalloc(1, sizeof(*r));
	size_t i;

	r->st = st;
	r->ratings = ratings;
	r->f = f;
	r->progress = progress;
	r->arg = arg;
	r->jobs = n > 0 ? xcalloc(n, sizeof(*r->jobs)) : NULL;
	/* distinct URLs only; quadratic, but n is a subscription list and
	 * the comparison is cheap next to one transfer */
	for (i = 0; i < n; i++)
		if (!seen_before(urls, i))
			r->jobs[r->njobs++].url = xstrdup(urls[i]);
	r->sum.total = r->njobs;
	for (i = 0; i < r->njobs; i++) {
		struct fetch_validators v = { NULL, NULL };
		char *etag = NULL, *lm = NULL;

		/* without validators (a cache error) the GET is merely unconditional */
		if (store_feed_validators(st, r->jobs[i].url, &etag, &lm) == STORE_OK) {
			v.etag = etag;
			v.last_modified = lm;
		}
		fetch_add(f, r->jobs[i].url, &v, REFRESH_ACCEPT, &r->jobs[i]);
		free(etag);
		free(lm);
	}
	fetch_set_step_end(f, batch_flush, r);
	return r;
}

struct refresh *
refresh_start(struct store *st, struct fetch *f, const char *const *urls,
    size_t n, refresh_progress_fn progress, void *arg)
{
	return start(st, f, urls, n, false, progress, arg);
}

struct refresh *
refresh_start_ratings(struct store *st, struct fetch *f,
    const char *const *urls, size_t n, refresh_progress_fn progress, void *arg)
{
	return start(st, f, urls, n, true, progress, arg);
}

static char *
sanitized_or_null(const char *s)
{
	return s != NULL && s[0] != '\0' ? text_sanitize_line(s) : NULL;
}

/* The cached title of url into o, for a feed that was not parsed this
 * time, and its stored warning too when it is unchanged (with_warning). */
static void
cached_feed(struct store *st, const char *url, bool with_warning,
    struct outcome *o)
{
	struct store_feed sf;

	memset(&sf, 0, sizeof(sf));
	if (store_get_feed(st, url, &sf) == STORE_OK) {
		o->title = sanitized_or_null(sf.title);
		if (with_warning)
			o->warning = sanitized_or_null(sf.warning);
	}
	store_feed_clear(&sf);
}

/* Record a failure with message, keeping the cache; fills o. */
static void
failed(struct refresh *r, const struct job *j, const char *message,
    struct outcome *o)
{
	o->outcome = REFRESH_FAILED;
	o->error = sanitized_or_null(message);
	if (o->error == NULL)
		o->error = xstrdup("failed");
	/* if even this cannot be written, the error still reaches the user */
	store_feed_failed(r->st, j->url, o->error, time(NULL));
	cached_feed(r->st, j->url, false, o);
}

/* A cache error sr recorded as j's failure, in the cache's words. */
static void
cache_failed(struct refresh *r, const struct job *j, enum store_result sr,
    struct outcome *o)
{
	char *msg = xasprintf("cache: %s: %s", store_strerror(sr),
	    store_errmsg(r->st));

	failed(r, j, msg, o);
	free(msg);
}

/* A 2xx: parse the body and save feed and items in one transaction. */
static void
save(struct refresh *r, const struct job *j, struct fetch_response *res,
    struct outcome *o)
{
	struct feed *feed = NULL;
	enum feed_result fr;
	enum store_result sr;
	int line = 0;
	char *msg;

	fr = feed_parse(tbuf_str(&res->body), res->body.len, res->final_url,
	    res->content_type, &feed, &line);
	tbuf_free(&res->body);		/* parsed: the bytes are not needed */
	if (fr != FEED_OK) {
		msg = line > 0 ? xasprintf("%s (line %d)", feed_strerror(fr), line) :
		    xstrdup(feed_strerror(fr));
		failed(r, j, msg, o);
		free(msg);
		return;
	}
	if (r->ratings)
		sr = store_sync_put_ratings(r->st, j->url, feed, res->etag,
		    res->last_modified, time(NULL), &o->nnew);
	else
		sr = store_save_feed(r->st, j->url, feed, res->etag,
		    res->last_modified, time(NULL), &o->nnew);
	if (sr != STORE_OK)
		cache_failed(r, j, sr, o);
	else {
		o->outcome = REFRESH_UPDATED;
		o->title = sanitized_or_null(feed->title);
		o->warning = sanitized_or_null(feed->warning);
	}
	feed_free(feed);
}

static void
outcome_clear(struct outcome *o)
{
	free(o->title);
	free(o->warning);
	free(o->error);
	free(o->moved_to);
	memset(o, 0, sizeof(*o));
}

/* Count j's outcome and tell the progress callback; frees the outcome. */
static void
report(struct refresh *r, struct job *j)
{
	struct refresh_progress p;
	struct outcome *o = &j->o;

	r->done++;
	switch (o->outcome) {
	case REFRESH_UPDATED:
		r->sum.updated++;
		r->sum.nnew += o->nnew;
		break;
	case REFRESH_NOT_MODIFIED:
		r->sum.not_modified++;
		break;
	case REFRESH_FAILED:
		r->sum.failed++;
		break;
	}
	if (r->progress != NULL) {
		memset(&p, 0, sizeof(p));
		p.done = r->done;
		p.total = r->njobs;
		p.url = j->url;
		p.title = o->title;
		p.outcome = o->outcome;
		p.nnew = o->nnew;
		p.error = o->error;
		p.moved_to = o->moved_to;
		p.warning = o->warning;
		r->progress(&p, r->arg);
	}
	outcome_clear(o);
}

/*
 * Report the feeds of the batch that ended with sr: only what is
 * committed is announced. When the batch was rolled back (sr is the
 * error) each of its feeds is reported, and recorded outside any batch,
 * as failed with the cache's reason.
 */
static void
batch_end(struct refresh *r, enum store_result sr)
{
	char *msg = NULL;
	size_t i;

	if (sr != STORE_OK)
		msg = xasprintf("cache: %s: %s", store_strerror(sr),
		    store_errmsg(r->st));
	for (i = 0; i < r->nbatch; i++) {
		struct job *j = r->batch[i];

		if (msg != NULL) {
			outcome_clear(&j->o);
			failed(r, j, msg, &j->o);
		}
		report(r, j);
	}
	r->nbatch = 0;
	free(msg);
}

/* The step-end hook of r's fetch: commit and report the batch. */
static void
batch_flush(void *arg)
{
	struct refresh *r = arg;

	batch_end(r, store_batch_commit(r->st));
}

static void
handle(struct refresh *r, struct job *j, struct fetch_response *res)
{
	struct outcome *o = &j->o;
	enum store_result sr;

	/* without a batch (the lock is busy) each feed is its own transaction */
	if (r->nbatch == 0)
		r->batched = store_batch_begin(r->st) == STORE_OK;
	memset(o, 0, sizeof(*o));
	switch (res->result) {
	case FETCH_OK:
		save(r, j, res, o);
		break;
	case FETCH_NOT_MODIFIED:
		sr = store_feed_not_modified(r->st, j->url, res->etag,
		    res->last_modified, time(NULL));
		if (sr != STORE_OK)
			cache_failed(r, j, sr, o);
		else {
			o->outcome = REFRESH_NOT_MODIFIED;
			cached_feed(r->st, j->url, true, o);
		}
		break;
	case FETCH_HTTP_ERROR:
	case FETCH_TOO_LARGE:
	case FETCH_TOO_MANY_REDIRECTS:
	case FETCH_BAD_REDIRECT:
	case FETCH_BAD_URL:
	case FETCH_RESOLVE:
	case FETCH_CONNECT:
	case FETCH_TLS:
	case FETCH_TIMEOUT:
	case FETCH_NETWORK:
	case FETCH_FILE:
	case FETCH_BAD_RESPONSE:
		failed(r, j, res->message != NULL ? res->message :
		    fetch_strerror(res->result), o);
		break;
	}
	if (o->outcome != REFRESH_FAILED && res->moved)
		o->moved_to = sanitized_or_null(res->final_url);

	j->finished = true;
	/* a store error inside the batch rolled it back: the feeds saved in
	 * it before this one are lost */
	if (r->batched && !store_batch_active(r->st) && r->nbatch > 0)
		batch_end(r, STORE_ERROR);
	r->batch[r->nbatch++] = j;
	if (r->nbatch == REFRESH_BATCH_FEEDS)
		batch_flush(r);
}

bool
refresh_claim(struct refresh *r, void *user, struct fetch_response *res)
{
	uintptr_t u = (uintptr_t)user, lo = (uintptr_t)r->jobs,
	    hi = (uintptr_t)(r->jobs + r->njobs);
	struct job *j;

	if (r->njobs == 0 || u < lo || u >= hi)
		return false;
	j = user;
	if (j->finished)
		return true;	/* cannot happen: fetch reports once */
	handle(r, j, res);
	return true;
}

static void
on_done(void *user, struct fetch_response *res, void *arg)
{
	refresh_claim(arg, user, res);
}

void
refresh_step(struct refresh *r)
{
	fetch_step(r->f, on_done, r);
}

bool
refresh_done(const struct refresh *r)
{
	return r->done == r->njobs;
}

void
refresh_summary(const struct refresh *r, struct refresh_summary *out)
{
	*out = r->sum;
}

void
refresh_free(struct refresh *r)
{
	size_t i;

	if (r == NULL)
		return;
	batch_flush(r);
	fetch_set_step_end(r->f, NULL, NULL);
	for (i = 0; i < r->njobs; i++) {
		if (!r->jobs[i].finished)
			fetch_cancel(r->f, &r->jobs[i]);
		free(r->jobs[i].url);
	}
	free(r->jobs);
	free(r);
}

bool
refresh_run(struct store *st, const char *const *urls, size_t n,
    const struct fetch_limits *limits, refresh_progress_fn progress, void *arg,
    struct refresh_summary *sum)
{
	struct fetch *f = fetch_new(limits);
	struct refresh *r = refresh_start(st, f, urls, n, progress, arg);
	struct refresh_summary s;

	refresh_step(r);
	while (!refresh_done(r)) {
		fetch_wait(f, -1, RUN_POLL_MS);
		refresh_step(r);
	}
	refresh_summary(r, &s);
	refresh_free(r);
	fetch_free(f);
	if (sum != NULL)
		*sum = s;
	return s.failed == 0;
}
