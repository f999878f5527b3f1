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
#include "refresh.h"
#include "store.h"
#include "sync_private.h"
#include "text.h"

/* Keys of the store's sync state. */
#define KEY_ACCOUNT "account"		/* "URL USER" the state below belongs to */
#define KEY_AUTH "auth"			/* the backend's login token */
#define KEY_SINCE "since_usec"		/* newest crawl time seen */
#define KEY_GENERATION "generation"	/* counts syncs, for dropped feeds */
#define KEY_SUBS_AT "subscriptions_at"	/* when the list was last taken (s) */
#define KEY_FEEDS "feeds"		/* how many feeds that list named */

#define MAX_PROGRESS 160	/* bytes of one progress text */
#define WAIT_SLICE_MS 1000	/* sync_run's longest wait between steps */

/* A feed of the subscription list, or one the cache was asked about: its
 * stream id and its row (0: the cache does not know the stream). */
struct feed_map {
	char *id;
	int64_t row;
};

struct sync {
	struct store *st;
	const struct sync_backend *be;
	void *b;
	struct fetch *fetch;	/* the caller's, or own_fetch */
	struct fetch *own_fetch;	/* sync_run()'s, else NULL */
	char **headers;		/* the config's header lines, copied */
	size_t nheaders;
	bool busy;		/* one of our requests is on fetch */
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
	int64_t *superseded;		/* seqs a later change replaces */
	size_t nsuperseded;
	/* subscriptions and items */
	struct feed_map *feeds;
	size_t nfeeds, last_feed;
	bool subs_taken;	/* this sync took the subscription list */
	bool subs_wanted;	/* an item named a stream the cache lacks */
	int64_t since, newest;
	bool cut;		/* more new items than one sync takes: the
				 * mark stays, the rest come next time */
	char *continuation;
	size_t pages;
	int64_t *fresh;		/* ids of the items to fetch, newest first */
	size_t nfresh, fresh_at;
	bool ids_complete;	/* every page of new ids is in */
	/* unread and starred sets; the rated sets, label 1..5, each id's
	 * rating in rated[] */
	int64_t *ids;
	size_t nids;
	int label;		/* 0: the label list first */
	unsigned labels;	/* the rating labels the server has (bit N) */
	int *rated;
	/* a kept login token the server refused: logged in again, once,
	 * then back to the phase that met the refusal */
	bool token_kept, relogged;
	enum sync_phase resume;
	/* sync_start_edit(): the edit, its strings copies */
	bool has_edit;
	struct sync_edit edit;
	char *edit_sid;		/* the feed's stream id (unsubscribe, rename) */
	/* ratings: the feeds' own documents, on the same fetch */
	struct refresh *ratings;
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
	free_secret(r->form);
	free_secret(r->auth);
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
		*why = xstrdup("sync needs sync-url and sync-user");
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
		    store_sync_set(s->st, KEY_SUBS_AT, NULL) != STORE_OK ||
		    store_sync_set(s->st, KEY_ACCOUNT, s->account) != STORE_OK) {
			free(account);
			return false;
		}
	}
	free(account);
	if (store_sync_get(s->st, KEY_AUTH, &auth) != STORE_OK)
		return false;
	s->be->set_token(s->b, auth);
	s->token_kept = auth != NULL;
	free_secret(auth);
	s->since = state_number(s, KEY_SINCE);
	s->generation = state_number(s, KEY_GENERATION) + 1;
	return set_state_number(s, KEY_GENERATION, s->generation);
}

/* Copy e into s, with the stream id of the feed it names. */
static bool
set_edit(struct sync *s, const struct sync_edit *e)
{
	s->has_edit = true;
	s->edit.kind = e->kind;
	s->edit.url = xstrdup(e->url != NULL ? e->url : "");
	s->edit.title = e->title != NULL ? xstrdup(e->title) : NULL;
	s->edit.add_folder = e->add_folder != NULL ? xstrdup(e->add_folder) : NULL;
	s->edit.remove_folder = e->remove_folder != NULL ?
	    xstrdup(e->remove_folder) : NULL;
	if (e->kind == SYNC_EDIT_SUBSCRIBE)
		return true;
	if (store_sync_feed_sid(s->st, s->edit.url, &s->edit_sid) != STORE_OK) {
		store_failed(s, "the feed's server id");
		return false;
	}
	if (s->edit_sid == NULL) {
		finish(s, SYNC_NOT_CONFIGURED, xasprintf("%s is not a feed of the "
		    "sync server", s->edit.url));
		return false;
	}
	return true;
}

bool
sync_config_from(const struct conf *c, struct sync_config *sc, char **why)
{
	memset(sc, 0, sizeof(*sc));
	*why = NULL;
	if (c->sync == CONF_SYNC_NONE) {
		*why = xstrdup("no sync server configured (sync greader, "
		    "sync-url, sync-user; see tidings-config(5))");
		return false;
	}
	sc->kind = SYNC_GREADER;
	sc->url = c->sync_url;
	sc->user = c->sync_user;
	sc->headers = (const char *const *)c->sync_headers;
	sc->nheaders = c->nsync_headers;
	sc->allow_plain_http = c->sync_allow_plain_http;
	return sync_check_config(sc, why) == SYNC_OK;
}

static void start(struct sync *s, const struct sync_config *c);

/* A new sync on f (the caller's; NULL: one of its own with limits). */
static struct sync *
sync_new(struct store *st, struct fetch *f, const struct fetch_limits *limits,
    sync_progress_fn progress, void *arg)
{
	struct sync *s = xcalloc(1, sizeof(*s));

	s->st = st;
	s->progress = progress;
	s->arg = arg;
	if (f == NULL)
		f = s->own_fetch = fetch_new(limits);
	s->fetch = f;
	return s;
}

struct sync *
sync_start(struct store *st, const struct sync_config *c, struct fetch *f,
    sync_progress_fn progress, void *arg)
{
	struct sync *s = sync_new(st, f, NULL, progress, arg);

	start(s, c);
	return s;
}

struct sync *
sync_start_edit(struct store *st, const struct sync_config *c, struct fetch *f,
    const struct sync_edit *e, sync_progress_fn progress, void *arg)
{
	struct sync *s = sync_new(st, f, NULL, progress, arg);

	if (set_edit(s, e))
		start(s, c);
	return s;
}

/* Check the config, load the state and send the first request. */
static void
start(struct sync *s, const struct sync_config *c)
{
	size_t i;

	enum sync_result r;
	char *why;

	s->phase = SYNC_PHASE_LOGIN;
	if ((r = sync_check_config(c, &why)) != SYNC_OK) {
		finish(s, r, why);
		return;
	}
	if (c->password == NULL) {
		finish(s, SYNC_NOT_CONFIGURED, xstrdup("no sync password"));
		return;
	}
	s->be = sync_backend_for(c->kind);
	s->b = s->be->new(c);
	s->headers = xcalloc(c->nheaders + 1, sizeof(*s->headers));
	for (i = 0; i < c->nheaders; i++)
		s->headers[i] = xstrdup(c->headers[i]);
	s->nheaders = c->nheaders;
	if (!load_state(s, c)) {
		store_failed(s, "sync state");
		return;
	}
	advance(s, NULL);
}

/* ---- each phase: what to do with an operation that ended ------------------ */

/* The pending changes, merged: the ones a later change replaces are
 * not sent, and go once every other was confirmed (push_finish). */
static bool
push_prepare(struct sync *s)
{
	struct store_changes *l = &s->changes;
	bool *keep;
	size_t i;

	if (store_pending_changes(s->st, 0, l) != STORE_OK)
		return false;
	keep = xcalloc(l->n + 1, sizeof(*keep));
	sync_merge_changes(l->v, l->n, keep);
	s->send = xcalloc(l->n + 1, sizeof(*s->send));
	s->superseded = xcalloc(l->n + 1, sizeof(*s->superseded));
	for (i = 0; i < l->n; i++) {
		if (keep[i])
			s->send[s->nsend++] = l->v[i];	/* shares stream with l */
		else
			s->superseded[s->nsuperseded++] = l->v[i].seq;
	}
	free(keep);
	return true;
}

/* Every change sent and confirmed: the replaced ones go too. */
static bool
push_finish(struct sync *s)
{
	return s->nsuperseded == 0 || store_changes_done(s->st, s->superseded,
	    s->nsuperseded) == STORE_OK;
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

/* Forget the stream-to-row map (a new list replaces it). */
static void
feed_map_clear(struct sync *s)
{
	size_t i;

	for (i = 0; i < s->nfeeds; i++)
		free(s->feeds[i].id);
	free(s->feeds);
	s->feeds = NULL;
	s->nfeeds = s->last_feed = 0;
}

static void
subscriptions_done(struct sync *s, struct sync_feeds *l)
{
	long long dropped = 0;
	int64_t now = (int64_t)time(NULL);
	size_t i;

	feed_map_clear(s);
	s->subs_taken = true;
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
	if (!set_state_number(s, KEY_SUBS_AT, now) ||
	    !set_state_number(s, KEY_FEEDS, (int64_t)s->nfeeds)) {
		store_failed(s, "sync state");
		return;
	}
	s->sum.feeds = (long long)s->nfeeds;
	s->sum.feeds_dropped = dropped;
	report(s, "%zu feeds (%lld dropped)", s->nfeeds, dropped);
}

/*
 * Whether the subscription list is to be taken (include/sync.h, "what
 * each request proves"): with an edit of ours, the first time, and once
 * SYNC_SUBSCRIPTIONS_EVERY passed since the last (or the clock went back).
 * The third reason, an item of an unknown stream, comes after the items.
 */
static bool
subscriptions_due(struct sync *s)
{
	int64_t at = state_number(s, KEY_SUBS_AT), now = (int64_t)time(NULL);

	return s->has_edit || at <= 0 || now < at ||
	    now - at >= SYNC_SUBSCRIPTIONS_EVERY;
}

/* The row of the feed with stream id id; 0 when neither this sync's list
 * nor the cache knows it (a store failure ends s). */
static int64_t
feed_row(struct sync *s, const char *id)
{
	int64_t row = 0;
	size_t i;

	if (s->last_feed < s->nfeeds && strcmp(s->feeds[s->last_feed].id, id) == 0)
		return s->feeds[s->last_feed].row;
	for (i = 0; i < s->nfeeds; i++)
		if (strcmp(s->feeds[i].id, id) == 0) {
			s->last_feed = i;
			return s->feeds[i].row;
		}
	/* the list was not taken this time: the cache's feeds, remembered
	 * (an unknown stream too, as 0) so each is asked for once */
	if (!s->subs_taken && store_sync_feed_id(s->st, id, &row) != STORE_OK) {
		store_failed(s, "a synced feed");
		return 0;
	}
	s->feeds = xreallocarray(s->feeds, s->nfeeds + 1, sizeof(*s->feeds));
	s->feeds[s->nfeeds].id = xstrdup(id);
	s->feeds[s->nfeeds].row = row;
	s->last_feed = s->nfeeds++;
	return row;
}

/* One page of the ids crawled since the mark: keep those the cache lacks
 * (up to SYNC_MAX_IDS). true while more is to be asked for: another page,
 * or (the ids complete) the first batch of contents. */
static bool
new_ids_done(struct sync *s, struct sync_ids *page)
{
	bool *known = xcalloc(page->n + 1, sizeof(*known)), more, older;
	int64_t newest;
	size_t i, nknown = 0;

	if (store_sync_known_ids(s->st, page->v, page->n, known, &newest) !=
	    STORE_OK) {
		free(known);
		store_failed(s, "known items");
		return false;
	}
	/* an item saved by a sync cut short still moves the mark */
	if (newest > s->newest)
		s->newest = newest;
	s->fresh = xreallocarray(s->fresh, s->nfresh + page->n + 1,
	    sizeof(*s->fresh));
	for (i = 0; i < page->n && !s->cut; i++) {
		if (known[i]) {
			nknown++;
			continue;
		}
		if (s->nfresh >= SYNC_MAX_IDS)
			s->cut = true;
		else
			s->fresh[s->nfresh++] = page->v[i];
	}
	free(known);
	s->sum.items += (long long)page->n;
	s->pages++;
	free(s->continuation);
	s->continuation = page->continuation;
	page->continuation = NULL;
	/* newest first, and "ot" has whole seconds: the mark's second comes
	 * again, a whole crawl's worth on FreshRSS. A page the cache holds
	 * entirely, all of it at or before the mark, means the rest is older
	 * still, saved by the sync that set the mark. */
	older = nknown == page->n && newest > 0 && newest <= s->since;
	more = !s->cut && !older && page->n > 0 && s->continuation != NULL;
	if (more && s->pages >= SYNC_MAX_PAGES) {
		s->cut = true;
		more = false;
	}
	report(s, "items: %lld since the last sync, %zu to fetch",
	    s->sum.items, s->nfresh);
	if (!more)
		s->ids_complete = true;
	return more || s->nfresh > 0;
}

/* Store one batch of contents (asked: how many ids it asked for); true
 * while batches remain. */
static bool
contents_done(struct sync *s, struct sync_items *page, size_t asked)
{
	struct store_sync_item *v = xcalloc(page->n + 1, sizeof(*v));
	size_t i, n = 0;
	long long nnew = 0;
	enum store_result r;

	for (i = 0; i < page->n && !s->done; i++) {
		const struct sync_item *it = &page->v[i];
		int64_t row = feed_row(s, it->feed);

		if (row == 0) {
			/* another client subscribed: take the list, then
			 * this step again (unless this sync took it) */
			s->subs_wanted = !s->subs_taken;
			continue;
		}
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
	r = s->done ? STORE_OK : store_sync_put_items(s->st, v, n,
	    (int64_t)time(NULL), &nnew);
	free(v);
	if (s->done)
		return false;
	if (r != STORE_OK) {
		store_failed(s, "synced items");
		return false;
	}
	s->sum.nnew += nnew;
	s->fresh_at += asked;
	report(s, "items: %zu of %zu fetched (%lld new)", s->fresh_at,
	    s->nfresh, s->sum.nnew);
	return s->fresh_at < s->nfresh;
}

/* The items step: the pages of new ids, then their contents in batches. */
static enum sync_step
items_step(struct sync *s, const struct fetch_response *prev,
    struct sync_request *next, enum sync_result *res, char **err, bool *more)
{
	struct sync_items items = { 0 };
	struct sync_ids ids = { 0 };
	enum sync_step st;
	size_t n = s->nfresh - s->fresh_at;

	if (!s->ids_complete) {
		st = s->be->item_ids(s->b, s->since, s->continuation, prev, next,
		    &ids, res, err);
		if (st == SYNC_STEP_DONE)
			*more = new_ids_done(s, &ids);
		sync_ids_free(&ids);
		return st;
	}
	if (n == 0)
		return SYNC_STEP_DONE;
	if (n > SYNC_CONTENTS_BATCH)
		n = SYNC_CONTENTS_BATCH;
	st = s->be->contents(s->b, s->fresh + s->fresh_at, n, prev, next,
	    &items, res, err);
	if (st == SYNC_STEP_DONE)
		*more = contents_done(s, &items, n);
	sync_items_free(&items);
	return st;
}

/* Back to the start of the items step (after the list was taken). */
static void
items_reset(struct sync *s)
{
	free(s->fresh);
	s->fresh = NULL;
	s->nfresh = s->fresh_at = s->pages = 0;
	s->ids_complete = s->cut = false;
	s->sum.items = 0;
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

/* Move s->label to the next rating label the server has; false when
 * there is none left. */
static bool
next_label(struct sync *s)
{
	while (++s->label <= SYNC_MAX_RATING_LABELS)
		if (s->labels & (1u << s->label))
			return true;
	return false;
}

/* One page of the items labelled with rating s->label; false when the
 * last label's set is complete. */
static bool
rated_done(struct sync *s, struct sync_ids *page)
{
	size_t from = s->nids;
	bool more = ids_done(s, page);

	s->rated = xreallocarray(s->rated, s->nids + 1, sizeof(*s->rated));
	while (from < s->nids)
		s->rated[from++] = s->label;
	if (more)
		return true;
	free(s->continuation);
	s->continuation = NULL;
	return next_label(s);
}

/* Apply the reader's ratings as the server's labels have them. */
static void
labels_done(struct sync *s)
{
	long long changed = 0;

	if (store_sync_set_ratings(s->st, s->ids, s->rated, s->nids,
	    &changed) != STORE_OK) {
		store_failed(s, "your ratings");
		return;
	}
	report(s, "your ratings: %zu on the server, %lld changed here",
	    s->nids, changed);
	free(s->ids);
	free(s->rated);
	s->ids = NULL;
	s->rated = NULL;
	s->nids = 0;
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

/* Everything went through: keep the mark and the token. false when the
 * sync ended on a store failure. */
static bool
all_done(struct sync *s)
{
	const char *token = s->be->token(s->b);
	int64_t since = s->newest > s->since ? s->newest : s->since;

	if ((token != NULL && store_sync_set(s->st, KEY_AUTH, token) != STORE_OK) ||
	    (s->newest != 0 && !s->cut &&
	    !set_state_number(s, KEY_SINCE, since))) {
		store_failed(s, "sync state");
		return false;
	}
	return true;
}

/* One feed's document read for ratings (refresh's progress). */
static void
rating_progress(const struct refresh_progress *p, void *arg)
{
	struct sync *s = arg;

	s->sum.rating_feeds++;
	if (p->outcome == REFRESH_UPDATED)
		s->sum.rated += p->nnew;
	report(s, "ratings: %zu/%zu feeds, %lld items rated", p->done, p->total,
	    s->sum.rated);
	/* the refresh is freed by sync_free, never inside its own call */
	if (p->done == p->total)
		finish(s, SYNC_OK, NULL);
}

/* Step 6: read the due feeds' own documents for their ratings; the sync
 * ends when the last one is in (or at once when none is due). */
static void
ratings_start(struct sync *s)
{
	struct text_lines due;

	if (store_sync_ratings_due(s->st, (int64_t)time(NULL), SYNC_RATINGS_EVERY,
	    SYNC_RATINGS_UNRATED_EVERY, &due) != STORE_OK) {
		store_failed(s, "feeds due for ratings");
		return;
	}
	if (due.n == 0)
		finish(s, SYNC_OK, NULL);
	else
		s->ratings = refresh_start_ratings(s->st, s->fetch,
		    (const char *const *)due.line, due.n, rating_progress, s);
	text_lines_free(&due);
}

/* The edit's operation on the backend. */
static enum sync_step
call_edit(struct sync *s, const struct fetch_response *prev,
    struct sync_request *next, enum sync_result *res, char **err)
{
	const struct sync_edit *e = &s->edit;
	enum sync_step st = SYNC_STEP_DONE;

	switch (e->kind) {
	case SYNC_EDIT_SUBSCRIBE:
		st = s->be->subscribe(s->b, e->url, e->title, e->add_folder,
		    prev, next, res, err);
		break;
	case SYNC_EDIT_UNSUBSCRIBE:
		st = s->be->unsubscribe(s->b, s->edit_sid, prev, next, res, err);
		break;
	case SYNC_EDIT_RENAME:
		st = s->be->edit(s->b, s->edit_sid, e->title, e->add_folder,
		    e->remove_folder, prev, next, res, err);
		break;
	}
	if (st == SYNC_STEP_DONE)
		report(s, "%s %s", e->kind == SYNC_EDIT_SUBSCRIBE ? "subscribed to" :
		    e->kind == SYNC_EDIT_UNSUBSCRIBE ? "unsubscribed from" :
		    "changed", e->url);
	return st;
}

/* Call the current phase's operation with prev (NULL: a fresh start). */
static enum sync_step
call_phase(struct sync *s, const struct fetch_response *prev,
    struct sync_request *next, enum sync_result *res, char **err,
    bool *more_pages)
{
	struct sync_feeds feeds = { 0 };
	struct sync_ids ids = { 0 };
	enum sync_step st = SYNC_STEP_DONE;
	bool starred = s->phase == SYNC_PHASE_STARRED;

	*more_pages = false;
	switch (s->phase) {
	case SYNC_PHASE_LOGIN:
		st = s->be->login(s->b, prev, next, res, err);
		break;
	case SYNC_PHASE_EDIT:
		st = call_edit(s, prev, next, res, err);
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
		st = items_step(s, prev, next, res, err, more_pages);
		break;
	case SYNC_PHASE_UNREAD:
	case SYNC_PHASE_STARRED:
		st = s->be->ids(s->b, starred ? SYNC_SET_STARRED :
		    SYNC_SET_UNREAD, 0, s->continuation, prev, next, &ids, res,
		    err);
		if (st == SYNC_STEP_DONE && !(*more_pages = ids_done(s, &ids)))
			(void)states_done(s, starred);	/* a failure ends s */
		sync_ids_free(&ids);
		break;
	case SYNC_PHASE_LABELS:
		if (s->label == 0) {
			st = s->be->rating_labels(s->b, prev, next, &s->labels,
			    res, err);
			if (st == SYNC_STEP_DONE && !(*more_pages = next_label(s)))
				labels_done(s);	/* none: every rating goes */
			break;
		}
		st = s->be->ids(s->b, SYNC_SET_RATED, s->label, s->continuation,
		    prev, next, &ids, res, err);
		if (st == SYNC_STEP_DONE && !(*more_pages = rated_done(s, &ids)))
			labels_done(s);	/* a failure ends s */
		sync_ids_free(&ids);
		break;
	case SYNC_PHASE_RATINGS:	/* no request of the backend's */
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
		if (s->relogged && s->resume != SYNC_PHASE_LOGIN) {
			s->phase = s->resume;	/* its request goes again */
			break;
		}
		if (s->has_edit) {
			s->phase = SYNC_PHASE_EDIT;
			break;
		}
		/* FALLTHROUGH */
	case SYNC_PHASE_EDIT:
		s->phase = SYNC_PHASE_PUSH;
		if (!push_prepare(s))
			store_failed(s, "pending changes");
		break;
	case SYNC_PHASE_PUSH:
		if (!push_finish(s)) {
			store_failed(s, "replaced changes");
			break;
		}
		if (subscriptions_due(s)) {
			s->phase = SYNC_PHASE_SUBSCRIPTIONS;
			break;
		}
		/* the list as the last sync took it */
		s->sum.feeds = (long long)state_number(s, KEY_FEEDS);
		s->phase = SYNC_PHASE_ITEMS;
		break;
	case SYNC_PHASE_SUBSCRIPTIONS:
		s->phase = SYNC_PHASE_ITEMS;
		break;
	case SYNC_PHASE_ITEMS:
		if (s->subs_wanted && !s->subs_taken) {
			report(s, "a feed new to the cache: taking the "
			    "subscription list");
			items_reset(s);
			s->phase = SYNC_PHASE_SUBSCRIPTIONS;
			break;
		}
		s->phase = SYNC_PHASE_UNREAD;
		break;
	case SYNC_PHASE_UNREAD:
		s->phase = SYNC_PHASE_STARRED;
		break;
	case SYNC_PHASE_STARRED:
		/* a label another install changed on a cached item shows in
		 * no other answer: the five lists, as often as the
		 * subscription list (include/sync.h) */
		if (s->subs_taken) {
			s->phase = SYNC_PHASE_LABELS;
			s->label = 0;
			break;
		}
		/* FALLTHROUGH */
	case SYNC_PHASE_LABELS:
		if (all_done(s)) {
			s->phase = SYNC_PHASE_RATINGS;
			ratings_start(s);
		}
		break;
	case SYNC_PHASE_RATINGS:	/* ends in rating_progress */
	case SYNC_PHASE_DONE:
		break;
	}
}

/*
 * Put req on the fetch: the config's header lines and the request's
 * Authorization go with it, redirects are not followed (the header must
 * not travel to another host; an API that moved is a setting to fix),
 * and the answer is capped at SYNC_MAX_BODY. fetch wipes its copies of
 * the form and the headers, which may hold the password or the token.
 */
static void
send_request(struct sync *s, const struct sync_request *req)
{
	const char **lines = xcalloc(s->nheaders + 2, sizeof(*lines));
	char *auth = NULL;
	struct fetch_call call = { .form = req->form, .headers = lines,
	    .no_redirects = true, .max_body = SYNC_MAX_BODY };
	size_t i;

	for (i = 0; i < s->nheaders; i++)
		lines[i] = s->headers[i];
	if (req->auth != NULL)
		lines[i++] = auth = xasprintf("Authorization: %s", req->auth);
	call.nheaders = i;
	fetch_add_call(s->fetch, req->url, &call, NULL, s);
	s->busy = true;
	free_secret(auth);
	free(lines);
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
			send_request(s, &next);
			sync_request_clear(&next);
			return;
		}
		sync_request_clear(&next);
		if (st == SYNC_STEP_FAILED && res == SYNC_AUTH && s->token_kept &&
		    !s->relogged && s->phase != SYNC_PHASE_LOGIN) {
			/* the kept token expired (or the password changed) */
			free(err);
			s->relogged = true;
			s->resume = s->phase;
			s->phase = SYNC_PHASE_LOGIN;
			s->be->set_token(s->b, NULL);
			continue;
		}
		if (st == SYNC_STEP_FAILED) {
			finish(s, res != SYNC_OK ? res : SYNC_BAD_RESPONSE, err);
			return;
		}
		free(err);
		if (s->phase == SYNC_PHASE_RATINGS)
			return;	/* its transfers come through sync_claim */
		if (!s->done && !more)
			next_phase(s);
	}
}

bool
sync_claim(struct sync *s, void *user, struct fetch_response *res)
{
	if (s != NULL && s->ratings != NULL &&
	    refresh_claim(s->ratings, user, res))
		return true;
	if (s == NULL || user != s)
		return false;
	s->busy = false;
	if (!s->done)
		advance(s, res);
	return true;
}

static void
claim_all(void *user, struct fetch_response *res, void *arg)
{
	(void)sync_claim(arg, user, res);
}

void
sync_step(struct sync *s)
{
	fetch_step(s->fetch, claim_all, s);
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
	if (s->busy)
		(void)fetch_cancel(s->fetch, s);
	refresh_free(s->ratings);
	fetch_free(s->own_fetch);
	for (i = 0; i < s->nheaders; i++)
		free(s->headers[i]);
	free(s->headers);
	store_changes_free(&s->changes);
	free(s->send);
	free(s->superseded);
	feed_map_clear(s);
	free(s->fresh);
	free(s->continuation);
	free(s->ids);
	free(s->rated);
	free(s->error);
	free(s->account);
	free((char *)s->edit.url);
	free((char *)s->edit.title);
	free((char *)s->edit.add_folder);
	free((char *)s->edit.remove_folder);
	free(s->edit_sid);
	free(s);
}

/* Run s to its end (blocking) and release it. */
static bool
run_to_end(struct sync *s, struct sync_summary *sum, char **error)
{
	struct sync_summary out;
	bool ok;

	while (!sync_done(s)) {
		(void)fetch_wait(s->fetch, -1, WAIT_SLICE_MS);
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

bool
sync_run(struct store *st, const struct sync_config *c,
    const struct fetch_limits *limits, sync_progress_fn progress, void *arg,
    struct sync_summary *sum, char **error)
{
	struct sync *s = sync_new(st, NULL, limits, progress, arg);

	start(s, c);
	return run_to_end(s, sum, error);
}

bool
sync_run_edit(struct store *st, const struct sync_config *c,
    const struct fetch_limits *limits, const struct sync_edit *e,
    sync_progress_fn progress, void *arg, struct sync_summary *sum,
    char **error)
{
	struct sync *s = sync_new(st, NULL, limits, progress, arg);

	if (set_edit(s, e))
		start(s, c);
	return run_to_end(s, sum, error);
}
