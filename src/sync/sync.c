/*
 * sync.c: the engine. Runs the steps of include/sync.h on a backend, one
 * request at a time: each answer goes back to the backend operation that
 * asked for it, which asks for the next request or ends; the engine then
 * stores what came back and goes on to the next phase. Every store write
 * is its own short transaction, and the sync's mark (what the next sync
 * asks the server for) is saved only at the very end: a sync cut short at
 * any point leaves a cache the next sync completes.
 */
#include "config.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "conf.h"
#include "store.h"
#include "sync_private.h"
#include "text.h"

/* Keys of the store's sync state. */
#define KEY_ACCOUNT "account"		/* "URL USER" the state below belongs to */
#define KEY_AUTH "auth"			/* the backend's login token */
#define KEY_SINCE "since_usec"		/* newest crawl time seen */
#define KEY_GENERATION "generation"	/* counts syncs, for dropped feeds */

#define MAX_PROGRESS 160	/* bytes of one progress text */
#define WAIT_SLICE_MS 1000	/* sync_run's longest wait between steps */

/* A feed of the subscription list: its stream id and its row. */
struct feed_map {
	char *id;
	int64_t row;
};

struct sync {
	struct store *st;
	const struct sync_backend *be;
	void *b;
	struct sync_http *http;
	sync_progress_fn progress;
	void *arg;
	enum sync_phase phase;
	bool done;
	struct sync_summary sum;
	char *error;
	char *account;
	int64_t generation;
	/* push */
	struct store_changes changes;	/* every pending change */
	struct store_change *send;	/* the ones to send, in order */
	size_t nsend, at, used;
	/* subscriptions and items */
	struct feed_map *feeds;
	size_t nfeeds, last_feed;
	int64_t since, newest;
	char *continuation;
	size_t pages;
	/* unread and starred sets */
	int64_t *ids;
	size_t nids;
};

const char *
sync_strerror(enum sync_result r)
{
	switch (r) {
	case SYNC_OK:
		return "ok";
	case SYNC_NOT_CONFIGURED:
		return "no sync server configured";
	case SYNC_INSECURE:
		return "refused to send the password over plain http";
	case SYNC_AUTH:
		return "wrong user or password";
	case SYNC_NETWORK:
		return "cannot reach the server";
	case SYNC_TIMEOUT:
		return "the server did not answer in time";
	case SYNC_SERVER:
		return "the server failed";
	case SYNC_BAD_RESPONSE:
		return "the server's answer makes no sense";
	case SYNC_STORE:
		return "the cache failed";
	}
	return "unknown sync result";
}

/* ---- the lists of include/sync.h ------------------------------------------ */

void
sync_request_clear(struct sync_request *r)
{
	free(r->url);
	if (r->form != NULL) {
		explicit_bzero(r->form, strlen(r->form));
		free(r->form);
	}
	if (r->auth != NULL) {
		explicit_bzero(r->auth, strlen(r->auth));
		free(r->auth);
	}
	memset(r, 0, sizeof(*r));
}

void
sync_feed_clear(struct sync_feed *f)
{
	size_t i;

	free(f->id);
	free(f->url);
	free(f->title);
	free(f->link);
	for (i = 0; i < f->nfolders; i++)
		free(f->folders[i]);
	free(f->folders);
	memset(f, 0, sizeof(*f));
}

void
sync_feeds_free(struct sync_feeds *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		sync_feed_clear(&l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

void
sync_item_clear(struct sync_item *it)
{
	free(it->feed);
	feed_item_clear(&it->item);
	memset(it, 0, sizeof(*it));
}

void
sync_items_free(struct sync_items *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		sync_item_clear(&l->v[i]);
	free(l->v);
	free(l->continuation);
	memset(l, 0, sizeof(*l));
}

void
sync_ids_free(struct sync_ids *l)
{
	free(l->v);
	free(l->continuation);
	memset(l, 0, sizeof(*l));
}

const struct sync_backend *
sync_backend_for(enum sync_kind kind)
{
	switch (kind) {
	case SYNC_NONE:
		return NULL;
	case SYNC_GREADER:
		return &sync_greader;
	}
	return NULL;
}

enum sync_result
sync_check_config(const struct sync_config *c, char **why)
{
	*why = NULL;
	if (sync_backend_for(c->kind) == NULL) {
		*why = xstrdup("no sync line in the config file");
		return SYNC_NOT_CONFIGURED;
	}
	if (c->url == NULL || c->url[0] == '\0' || c->user == NULL ||
	    c->user[0] == '\0') {
		*why = xstrdup("sync needs sync-url, sync-user and a password "
		    "(sync-password-command or sync-password-file)");
		return SYNC_NOT_CONFIGURED;
	}
	if (!conf_sync_url_ok(c->url, c->allow_plain_http, why))
		return SYNC_INSECURE;
	return SYNC_OK;
}

/* ---- the merge rule --------------------------------------------------------- */

/* Which changes replace each other: read/unread, star/unstar, rating. */
static int
change_class(enum store_change_kind k)
{
	switch (k) {
	case STORE_CHANGE_READ:
	case STORE_CHANGE_UNREAD:
		return 0;
	case STORE_CHANGE_STAR:
	case STORE_CHANGE_UNSTAR:
		return 1;
	case STORE_CHANGE_RATING:
		return 2;
	case STORE_CHANGE_MARK_ALL:
		return 3;
	}
	return 3;
}

static const struct store_change *merge_base;	/* for cmp_change only */

/* By class, then item, then the order made. */
static int
cmp_change(const void *a, const void *b)
{
	const struct store_change *x = &merge_base[*(const size_t *)a];
	const struct store_change *y = &merge_base[*(const size_t *)b];
	int cx = change_class(x->kind), cy = change_class(y->kind);

	if (cx != cy)
		return cx < cy ? -1 : 1;
	if (x->item_sid != y->item_sid)
		return x->item_sid < y->item_sid ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void
sync_merge_changes(const struct store_change *changes, size_t n, bool *keep)
{
	size_t *order, i;

	if (n == 0)
		return;
	order = xreallocarray(NULL, n, sizeof(*order));
	for (i = 0; i < n; i++)
		order[i] = i;
	merge_base = changes;
	qsort(order, n, sizeof(*order), cmp_change);
	merge_base = NULL;
	for (i = 0; i < n; i++) {
		const struct store_change *c = &changes[order[i]];
		const struct store_change *d = i + 1 < n ?
		    &changes[order[i + 1]] : NULL;

		/* the last of its (class, item) group wins */
		keep[order[i]] = c->kind == STORE_CHANGE_MARK_ALL || d == NULL ||
		    change_class(d->kind) != change_class(c->kind) ||
		    d->item_sid != c->item_sid;
	}
	free(order);
}

bool
sync_parse_item_id(const char *s, int64_t *out)
{
	static const char prefix[] = "tag:google.com,2005:reader/item/";
	unsigned long long v = 0;
	const char *p;
	char *end;
	long long d;

	if (s == NULL || s[0] == '\0')
		return false;
	if (strncmp(s, prefix, sizeof(prefix) - 1) == 0) {
		p = s + sizeof(prefix) - 1;
		if (strlen(p) != 16 || strspn(p, "0123456789abcdefABCDEF") != 16)
			return false;
		v = strtoull(p, NULL, 16);
		*out = (int64_t)v;	/* the 64 bits, as the decimal form gives them */
		return true;
	}
	if (strspn(s + (s[0] == '-'), "0123456789") != strlen(s + (s[0] == '-')))
		return false;
	d = strtoll(s, &end, 10);
	if (*end != '\0' || (d == LLONG_MAX || d == LLONG_MIN))
		return false;
	*out = (int64_t)d;
	return true;
}

/* ---- the engine --------------------------------------------------------------- */

static void advance(struct sync *s, const struct fetch_response *prev);

static void __attribute__((format(printf, 2, 3)))
report(struct sync *s, const char *fmt, ...)
{
	struct sync_progress p = { .phase = s->phase };
	char buf[MAX_PROGRESS], *clean;
	va_list ap;

	if (s->progress == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);	/* a cut progress text is fine */
	va_end(ap);
	clean = text_sanitize_line(buf);
	p.what = clean;
	s->progress(&p, s->arg);
	free(clean);
}

/* End the sync with r; msg (taken over; NULL: r's phrase) is the error. */
static void
finish(struct sync *s, enum sync_result r, char *msg)
{
	long long pending;

	s->done = true;
	s->phase = SYNC_PHASE_DONE;
	s->sum.result = r;
	if (r != SYNC_OK) {
		free(s->error);
		s->error = text_sanitize_line(msg != NULL ? msg : sync_strerror(r));
	}
	free(msg);
	if (store_pending_count(s->st, &pending) == STORE_OK)
		s->sum.pending = pending;
	if (r == SYNC_AUTH)
		(void)store_sync_set(s->st, KEY_AUTH, NULL);
}

/* A store failure ends the sync with the store's words. */
static void
store_failed(struct sync *s, const char *what)
{
	finish(s, SYNC_STORE, xasprintf("cache: %s: %s", what,
	    store_errmsg(s->st)));
}

/* A counter kept as text in the sync state; 0 when absent. */
static int64_t
state_number(struct sync *s, const char *key)
{
	char *v = NULL;
	long long n = 0;

	if (store_sync_get(s->st, key, &v) == STORE_OK && v != NULL)
		n = strtoll(v, NULL, 10);
	free(v);
	return (int64_t)n;
}

static bool
set_state_number(struct sync *s, const char *key, int64_t n)
{
	char buf[32];

	xsnprintf(buf, sizeof(buf), "%lld", (long long)n);
	return store_sync_set(s->st, key, buf) == STORE_OK;
}

/* Load the state; a different account starts over (the mark and the token
 * were another server's or user's). */
static bool
load_state(struct sync *s, const struct sync_config *c)
{
	char *account = NULL, *auth = NULL;

	s->account = xasprintf("%s %s", c->url, c->user);
	if (store_sync_get(s->st, KEY_ACCOUNT, &account) != STORE_OK)
		return false;
	if (account == NULL || strcmp(account, s->account) != 0) {
		if (store_sync_set(s->st, KEY_AUTH, NULL) != STORE_OK ||
		    store_sync_set(s->st, KEY_SINCE, NULL) != STORE_OK ||
		    store_sync_set(s->st, KEY_ACCOUNT, s->account) != STORE_OK) {
			free(account);
			return false;
		}
	}
	free(account);
	if (store_sync_get(s->st, KEY_AUTH, &auth) != STORE_OK)
		return false;
	s->be->set_token(s->b, auth);
	if (auth != NULL)
		explicit_bzero(auth, strlen(auth));
	free(auth);
	s->since = state_number(s, KEY_SINCE);
	s->generation = state_number(s, KEY_GENERATION) + 1;
	return set_state_number(s, KEY_GENERATION, s->generation);
}

struct sync *
sync_start(struct store *st, const struct sync_config *c,
    const struct fetch_limits *limits, sync_progress_fn progress, void *arg)
{
	struct sync *s = xcalloc(1, sizeof(*s));
	enum sync_result r;
	char *why;

	s->st = st;
	s->progress = progress;
	s->arg = arg;
	s->phase = SYNC_PHASE_LOGIN;
	if ((r = sync_check_config(c, &why)) != SYNC_OK) {
		finish(s, r, why);
		return s;
	}
	if (c->password == NULL) {
		finish(s, SYNC_NOT_CONFIGURED, xstrdup("no sync password"));
		return s;
	}
	s->be = sync_backend_for(c->kind);
	s->b = s->be->new(c);
	s->http = sync_http_new(limits, c->headers, c->nheaders);
	if (!load_state(s, c)) {
		store_failed(s, "sync state");
		return s;
	}
	advance(s, NULL);
	return s;
}

/* ---- each phase: what to do with an operation that ended ------------------ */

/* The pending changes, merged: superseded ones are dropped at once (the
 * later change that replaces them still waits). */
static bool
push_prepare(struct sync *s)
{
	struct store_changes *l = &s->changes;
	int64_t *drop;
	bool *keep;
	size_t i, ndrop = 0;
	enum store_result r;

	if (store_pending_changes(s->st, 0, l) != STORE_OK)
		return false;
	keep = xcalloc(l->n + 1, sizeof(*keep));
	drop = xcalloc(l->n + 1, sizeof(*drop));
	sync_merge_changes(l->v, l->n, keep);
	s->send = xcalloc(l->n + 1, sizeof(*s->send));
	for (i = 0; i < l->n; i++) {
		if (keep[i])
			s->send[s->nsend++] = l->v[i];	/* shares stream with l */
		else
			drop[ndrop++] = l->v[i].seq;
	}
	r = ndrop > 0 ? store_changes_done(s->st, drop, ndrop) : STORE_OK;
	free(keep);
	free(drop);
	return r == STORE_OK;
}

static void
push_done(struct sync *s)
{
	int64_t *seq = xcalloc(s->used + 1, sizeof(*seq));
	size_t i;
	enum store_result r;

	for (i = 0; i < s->used; i++)
		seq[i] = s->send[s->at + i].seq;
	r = store_changes_done(s->st, seq, s->used);
	free(seq);
	if (r != STORE_OK) {
		store_failed(s, "confirmed changes");
		return;
	}
	s->at += s->used;
	s->sum.pushed += (long long)s->used;
	report(s, "sent %lld of %zu changes", s->sum.pushed, s->nsend);
}

/* The folders of f as a JSON array (the store's form). */
static char *
folders_json(const struct sync_feed *f)
{
	json_object *a = json_object_new_array();
	char *out;
	size_t i;

	for (i = 0; i < f->nfolders; i++)
		json_object_array_add(a, json_object_new_string(f->folders[i]));
	out = xstrdup(json_object_to_json_string_ext(a, JSON_C_TO_STRING_PLAIN));
	json_object_put(a);
	return out;
}

static void
subscriptions_done(struct sync *s, struct sync_feeds *l)
{
	long long dropped = 0;
	int64_t now = (int64_t)time(NULL);
	size_t i;

	s->feeds = xcalloc(l->n + 1, sizeof(*s->feeds));
	for (i = 0; i < l->n; i++) {
		const struct sync_feed *f = &l->v[i];
		char *folders = folders_json(f);
		int64_t row;
		enum store_result r;

		r = store_sync_feed(s->st, f->url, f->id, f->title, f->link,
		    folders, now, s->generation, &row);
		free(folders);
		if (r != STORE_OK) {
			store_failed(s, "a synced feed");
			return;
		}
		s->feeds[s->nfeeds].id = xstrdup(f->id);
		s->feeds[s->nfeeds++].row = row;
	}
	if (store_sync_drop_feeds(s->st, s->generation, &dropped) != STORE_OK) {
		store_failed(s, "feeds gone from the server");
		return;
	}
	s->sum.feeds = (long long)s->nfeeds;
	s->sum.feeds_dropped = dropped;
	report(s, "%zu feeds (%lld dropped)", s->nfeeds, dropped);
}

/* The row of the feed with stream id id; 0 when the list did not name it. */
static int64_t
feed_row(struct sync *s, const char *id)
{
	size_t i;

	if (s->last_feed < s->nfeeds && strcmp(s->feeds[s->last_feed].id, id) == 0)
		return s->feeds[s->last_feed].row;
	for (i = 0; i < s->nfeeds; i++)
		if (strcmp(s->feeds[i].id, id) == 0) {
			s->last_feed = i;
			return s->feeds[i].row;
		}
	return 0;
}

/* Store one page; false when the last page is done. */
static bool
items_done(struct sync *s, struct sync_items *page)
{
	struct store_sync_item *v = xcalloc(page->n + 1, sizeof(*v));
	size_t i, n = 0;
	long long nnew = 0;
	enum store_result r;

	for (i = 0; i < page->n; i++) {
		const struct sync_item *it = &page->v[i];
		int64_t row = feed_row(s, it->feed);

		if (row == 0)
			continue;	/* a feed the list did not name */
		v[n].feed_id = row;
		v[n].server_id = it->id;
		v[n].server_ts = it->ts_usec;
		v[n].read = it->read;
		v[n].starred = it->starred;
		v[n].rating = it->rating;
		v[n].item = &it->item;
		n++;
		if (it->ts_usec > s->newest)
			s->newest = it->ts_usec;
	}
	r = store_sync_put_items(s->st, v, n, (int64_t)time(NULL), &nnew);
	free(v);
	if (r != STORE_OK) {
		store_failed(s, "synced items");
		return false;
	}
	s->sum.items += (long long)page->n;
	s->sum.nnew += nnew;
	s->pages++;
	report(s, "items: %lld (%lld new)", s->sum.items, s->sum.nnew);
	free(s->continuation);
	s->continuation = page->continuation;
	page->continuation = NULL;
	if (page->n == 0 || s->continuation == NULL)
		return false;
	if (s->pages >= SYNC_MAX_PAGES) {
		/* the rest comes with the next sync: the mark stays put */
		s->newest = 0;
		return false;
	}
	return true;
}

/* Collect one page of ids; false when the set is complete. */
static bool
ids_done(struct sync *s, struct sync_ids *page)
{
	size_t room = SYNC_MAX_IDS - s->nids, n = page->n < room ? page->n : room;

	s->ids = xreallocarray(s->ids, s->nids + n + 1, sizeof(*s->ids));
	memcpy(s->ids + s->nids, page->v, n * sizeof(*s->ids));
	s->nids += n;
	free(s->continuation);
	s->continuation = page->continuation;
	page->continuation = NULL;
	return s->continuation != NULL && page->n > 0 && s->nids < SYNC_MAX_IDS;
}

/* Apply the complete unread or starred set. */
static bool
states_done(struct sync *s, bool starred)
{
	long long changed = 0;

	if (store_sync_set_states(s->st, starred ? STORE_CHANGE_STAR :
	    STORE_CHANGE_UNREAD, s->ids, s->nids, &changed) != STORE_OK) {
		store_failed(s, starred ? "starred items" : "read state");
		return false;
	}
	report(s, "%s: %zu on the server, %lld changed here",
	    starred ? "starred" : "unread", s->nids, changed);
	free(s->ids);
	s->ids = NULL;
	s->nids = 0;
	return true;
}

/* Everything went through: keep the mark and the token. */
static void
all_done(struct sync *s)
{
	const char *token = s->be->token(s->b);
	int64_t since = s->newest > s->since ? s->newest : s->since;

	if ((token != NULL && store_sync_set(s->st, KEY_AUTH, token) != STORE_OK) ||
	    (s->newest != 0 && !set_state_number(s, KEY_SINCE, since))) {
		store_failed(s, "sync state");
		return;
	}
	finish(s, SYNC_OK, NULL);
}

/* Call the current phase's operation with prev (NULL: a fresh start). */
static enum sync_step
call_phase(struct sync *s, const struct fetch_response *prev,
    struct sync_request *next, enum sync_result *res, char **err,
    bool *more_pages)
{
	struct sync_feeds feeds = { 0 };
	struct sync_items items = { 0 };
	struct sync_ids ids = { 0 };
	enum sync_step st = SYNC_STEP_DONE;
	bool starred = s->phase == SYNC_PHASE_STARRED;

	*more_pages = false;
	switch (s->phase) {
	case SYNC_PHASE_LOGIN:
		st = s->be->login(s->b, prev, next, res, err);
		break;
	case SYNC_PHASE_PUSH:
		st = s->be->push(s->b, s->send + s->at, s->nsend - s->at,
		    &s->used, prev, next, res, err);
		if (st == SYNC_STEP_DONE && s->used > 0) {
			push_done(s);
			*more_pages = !s->done && s->at < s->nsend;
		}
		break;
	case SYNC_PHASE_SUBSCRIPTIONS:
		st = s->be->subscriptions(s->b, prev, next, &feeds, res, err);
		if (st == SYNC_STEP_DONE)
			subscriptions_done(s, &feeds);
		sync_feeds_free(&feeds);
		break;
	case SYNC_PHASE_ITEMS:
		st = s->be->items(s->b, s->since, s->continuation, prev, next,
		    &items, res, err);
		if (st == SYNC_STEP_DONE)
			*more_pages = items_done(s, &items);
		sync_items_free(&items);
		break;
	case SYNC_PHASE_UNREAD:
	case SYNC_PHASE_STARRED:
		st = s->be->ids(s->b, starred, s->continuation, prev, next,
		    &ids, res, err);
		if (st == SYNC_STEP_DONE && !(*more_pages = ids_done(s, &ids)))
			(void)states_done(s, starred);	/* a failure ends s */
		sync_ids_free(&ids);
		break;
	case SYNC_PHASE_DONE:
		break;
	}
	return st;
}

/* The phase after s->phase (its operation ended). */
static void
next_phase(struct sync *s)
{
	free(s->continuation);
	s->continuation = NULL;
	switch (s->phase) {
	case SYNC_PHASE_LOGIN:
		report(s, "logged in");
		s->phase = SYNC_PHASE_PUSH;
		if (!push_prepare(s))
			store_failed(s, "pending changes");
		break;
	case SYNC_PHASE_PUSH:
		s->phase = SYNC_PHASE_SUBSCRIPTIONS;
		break;
	case SYNC_PHASE_SUBSCRIPTIONS:
		s->phase = SYNC_PHASE_ITEMS;
		break;
	case SYNC_PHASE_ITEMS:
		s->phase = SYNC_PHASE_UNREAD;
		break;
	case SYNC_PHASE_UNREAD:
		s->phase = SYNC_PHASE_STARRED;
		break;
	case SYNC_PHASE_STARRED:
	case SYNC_PHASE_DONE:
		all_done(s);
		break;
	}
}

/*
 * Hand prev (the answer to the last request; NULL at a phase's start) to
 * the current operation, and go on until a request is on its way or the
 * sync ended.
 */
static void
advance(struct sync *s, const struct fetch_response *prev)
{
	struct sync_request next;
	enum sync_result res;
	enum sync_step st;
	char *err;
	bool more;

	while (!s->done) {
		memset(&next, 0, sizeof(next));
		res = SYNC_OK;
		err = NULL;
		st = call_phase(s, prev, &next, &res, &err, &more);
		prev = NULL;
		if (st == SYNC_STEP_MORE) {
			s->sum.requests++;
			sync_http_start(s->http, &next);
			sync_request_clear(&next);
			return;
		}
		sync_request_clear(&next);
		if (st == SYNC_STEP_FAILED) {
			finish(s, res != SYNC_OK ? res : SYNC_BAD_RESPONSE, err);
			return;
		}
		free(err);
		if (!s->done && !more)
			next_phase(s);
	}
}

bool
sync_wait(struct sync *s, int extra_fd, int timeout_ms)
{
	if (s->done || s->http == NULL)
		return false;
	return sync_http_wait(s->http, extra_fd, timeout_ms);
}

void
sync_step(struct sync *s)
{
	struct fetch_response res;

	if (s->done || s->http == NULL)
		return;
	if (sync_http_step(s->http, &res)) {
		advance(s, &res);
		fetch_response_clear(&res);
	}
}

bool
sync_done(const struct sync *s)
{
	return s->done;
}

void
sync_summary(const struct sync *s, struct sync_summary *out)
{
	*out = s->sum;
	out->error = s->error;
}

void
sync_free(struct sync *s)
{
	size_t i;

	if (s == NULL)
		return;
	if (s->be != NULL)
		s->be->free(s->b);
	sync_http_free(s->http);
	store_changes_free(&s->changes);
	free(s->send);
	for (i = 0; i < s->nfeeds; i++)
		free(s->feeds[i].id);
	free(s->feeds);
	free(s->continuation);
	free(s->ids);
	free(s->error);
	free(s->account);
	free(s);
}

bool
sync_run(struct store *st, const struct sync_config *c,
    const struct fetch_limits *limits, sync_progress_fn progress, void *arg,
    struct sync_summary *sum, char **error)
{
	struct sync *s = sync_start(st, c, limits, progress, arg);
	struct sync_summary out;
	bool ok;

	while (!sync_done(s)) {
		(void)sync_wait(s, -1, WAIT_SLICE_MS);
		sync_step(s);
	}
	sync_summary(s, &out);
	ok = out.result == SYNC_OK;
	if (error != NULL)
		*error = out.error != NULL ? xstrdup(out.error) : NULL;
	if (sum != NULL) {
		*sum = out;
		sum->error = NULL;	/* freed with s */
	}
	sync_free(s);
	return ok;
}
