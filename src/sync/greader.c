/*
 * greader.c: the Google Reader API (FreshRSS's /api/greader.php, Miniflux,
 * Inoreader, The Old Reader, BazQux). Each operation of struct
 * sync_backend is a small state machine: it phrases a request, reads the
 * answer, and asks for the next request or ends.
 *
 * What the servers do (checked against FreshRSS 1.25, see
 * ../shared/servers/freshrss/NOTES.md):
 * - accounts/ClientLogin (POST Email, Passwd) answers "Auth=TOKEN" lines;
 *   every later call sends "Authorization: GoogleLogin auth=TOKEN". The
 *   token is kept in the cache between syncs, never the password.
 * - writes carry T, from reader/api/0/token, asked for before the first
 *   write of a sync (a sync with nothing to send never asks); a wrong T
 *   is 401.
 * - lists need output=json; item ids come as "tag:google.com,2005:reader/
 *   item/<16 hex>" in contents and as signed decimal in items/ids.
 * - mark-all-as-read's ts is compared with crawl times in microseconds.
 * - the reader's own ratings travel as item labels
 *   user/-/label/tidings-rating-N (N = 1..5): one label per rated item.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "sync_private.h"
#include "text.h"
#include "url.h"

#define API_PREFIX "/reader/api/0/"
#define STATE_READ "user/-/state/com.google/read"
#define STATE_STARRED "user/-/state/com.google/starred"
#define STREAM_ALL "user/-/state/com.google/reading-list"
#define LABEL_PREFIX "user/-/label/"
#define RATING_LABEL LABEL_PREFIX "tidings-rating-"
#define ITEM_ID_PREFIX "tag:google.com,2005:reader/item/"
#define MAX_FORM (256u << 10)	/* bytes of one request body */
#define MAX_URL 8192		/* bytes of one request URL */
#define USEC_PER_SEC 1000000LL

/* Which request the backend is waiting for. */
enum wait {
	W_NONE,
	W_CLIENT_LOGIN,
	W_TOKEN,
	W_OTHER		/* the operation's only (or current) request */
};

struct greader {
	char *base;		/* the API base, without a trailing '/' */
	char *user, *password;
	char *auth;		/* "GoogleLogin auth=..." value's token, else NULL */
	char *write_token;	/* T */
	enum wait wait;
	int rating_step;	/* push of ratings: the label 1..5 being sent */
	char *added_stream;	/* subscribe: quickadd's stream id */
};

/* ---- small helpers -------------------------------------------------------- */

/* Append key=value to a form body, percent-encoded. */
static void
form_add(struct tbuf *b, const char *key, const char *value)
{
	bool ok = true;

	if (b->len > 0)
		ok = tbuf_addc(b, '&');
	ok = ok && tbuf_adds(b, key) && tbuf_addc(b, '=') &&
	    url_encode(b, value, "");
	if (!ok)
		fatalx("sync: request body past %u bytes", MAX_FORM);
}

/* A GET of base + path (+ query, already encoded) with the auth header. */
static void
get(struct greader *g, struct sync_request *next, const char *path,
    const char *query)
{
	memset(next, 0, sizeof(*next));
	next->url = xasprintf("%s%s%s%s", g->base, path,
	    query != NULL ? "?" : "", query != NULL ? query : "");
	if (strlen(next->url) > MAX_URL)
		fatalx("sync: request URL past %u bytes", MAX_URL);
	if (g->auth != NULL)
		next->auth = xasprintf("GoogleLogin auth=%s", g->auth);
	g->wait = W_OTHER;
}

/* A POST of form (taken over) to base + path with the auth header. */
static void
post(struct greader *g, struct sync_request *next, const char *path,
    struct tbuf *form)
{
	get(g, next, path, NULL);
	next->form = tbuf_take(form);
}

/* A form body with T (the write token) first. */
static void
form_start(struct greader *g, struct tbuf *b)
{
	tbuf_init(b, MAX_FORM);
	if (g->write_token != NULL)
		form_add(b, "T", g->write_token);
}

/*
 * Whether prev is a usable answer to "what" (e.g. "the subscription
 * list"); else *res and *err say why. 401/403 is SYNC_AUTH.
 */
static bool
answer_ok(const struct fetch_response *prev, const char *what,
    enum sync_result *res, char **err)
{
	switch (prev->result) {
	case FETCH_OK:
		return true;
	case FETCH_HTTP_ERROR:
		if (prev->status == 401 || prev->status == 403) {
			*res = SYNC_AUTH;
			*err = xasprintf("the server refused the login (HTTP %ld "
			    "to %s)", prev->status, what);
		} else {
			*res = SYNC_SERVER;
			*err = xasprintf("the server answered HTTP %ld to %s",
			    prev->status, what);
		}
		return false;
	case FETCH_TIMEOUT:
		*res = SYNC_TIMEOUT;
		break;
	case FETCH_TOO_LARGE:
	case FETCH_BAD_RESPONSE:
		*res = SYNC_BAD_RESPONSE;
		break;
	default:
		*res = SYNC_NETWORK;
		break;
	}
	*err = xasprintf("%s (%s)", prev->message != NULL ? prev->message :
	    fetch_strerror(prev->result), what);
	return false;
}

/* answer_ok(), and a body that is no HTML page (for the plain-text
 * answers: the token, "OK"). */
static bool
answer_text(const struct fetch_response *prev, const char *what,
    enum sync_result *res, char **err)
{
	if (!answer_ok(prev, what, res, err))
		return false;
	if (prev->body.ptr != NULL &&
	    sync_looks_like_html(prev->body.ptr, prev->body.len)) {
		*res = SYNC_BAD_RESPONSE;
		*err = xasprintf("bad answer to %s: an HTML page", what);
		return false;
	}
	return true;
}

/* prev's body as a JSON object, or NULL with *res and *err. */
static json_object *
answer_json(const struct fetch_response *prev, const char *what,
    enum sync_result *res, char **err)
{
	json_object *o;
	char *why;

	if (!answer_ok(prev, what, res, err))
		return NULL;
	if ((o = sync_json_parse(prev->body.ptr != NULL ? prev->body.ptr : "",
	    prev->body.len, &why)) == NULL) {
		*res = SYNC_BAD_RESPONSE;
		*err = xasprintf("bad answer to %s: %s", what, why);
		free(why);
	}
	return o;
}

/* A plain "OK" answer to a write. */
static enum sync_step
answer_written(const struct fetch_response *prev, const char *what,
    enum sync_result *res, char **err)
{
	const char *b = prev->body.ptr != NULL ? prev->body.ptr : "";

	if (!answer_text(prev, what, res, err))
		return SYNC_STEP_FAILED;
	if (strncmp(b, "OK", 2) != 0) {
		*res = SYNC_BAD_RESPONSE;
		*err = xasprintf("the server did not confirm %s", what);
		return SYNC_STEP_FAILED;
	}
	return SYNC_STEP_DONE;
}

/* ---- state ------------------------------------------------------------ */

static void *
greader_new(const struct sync_config *c)
{
	struct greader *g = xcalloc(1, sizeof(*g));
	size_t n;

	g->base = xstrdup(c->url != NULL ? c->url : "");
	n = strlen(g->base);
	while (n > 0 && g->base[n - 1] == '/')
		g->base[--n] = '\0';
	g->user = xstrdup(c->user != NULL ? c->user : "");
	g->password = xstrdup(c->password != NULL ? c->password : "");
	return g;
}

static void
greader_free(void *b)
{
	struct greader *g = b;

	if (g == NULL)
		return;
	free(g->base);
	free(g->user);
	free_secret(g->password);
	free_secret(g->auth);
	free_secret(g->write_token);
	free(g->added_stream);
	free(g);
}

static const char *
greader_token(void *b)
{
	return ((struct greader *)b)->auth;
}

static void
greader_set_token(void *b, const char *token)
{
	struct greader *g = b;

	free_secret(g->auth);
	g->auth = token != NULL ? xstrdup(token) : NULL;
	free_secret(g->write_token);	/* it went with the old login */
	g->write_token = NULL;
}

/* ---- login ------------------------------------------------------------ */

static void
client_login(struct greader *g, struct sync_request *next)
{
	struct tbuf form;

	tbuf_init(&form, MAX_FORM);
	form_add(&form, "Email", g->user);
	form_add(&form, "Passwd", g->password);
	free_secret(g->auth);
	g->auth = NULL;
	post(g, next, "/accounts/ClientLogin", &form);
	next->secret = true;
	g->wait = W_CLIENT_LOGIN;
}

/* A token: letters, digits and "-_./=+" up to the end of the line, at
 * most SYNC_MAX_TOKEN bytes; NULL when it is anything else. */
static char *
token_of(const char *s, size_t n)
{
	static const char ok[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789-_./=+";
	size_t len = 0;

	while (len < n && s[len] != '\0' && strchr(ok, s[len]) != NULL)
		len++;
	if (len == 0 || len > SYNC_MAX_TOKEN ||
	    (len < n && s[len] != '\n' && s[len] != '\r'))
		return NULL;
	return xstrndup(s, len);
}

/* The Auth= line of a ClientLogin answer. */
static char *
auth_of(const struct tbuf *body)
{
	const char *p = body->ptr;

	while (p != NULL && p < body->ptr + body->len) {
		if (strncmp(p, "Auth=", 5) == 0)
			return token_of(p + 5, (size_t)(body->ptr + body->len -
			    p - 5));
		if ((p = memchr(p, '\n', (size_t)(body->ptr + body->len - p))) != NULL)
			p++;
	}
	return NULL;
}

static enum sync_step
greader_login(void *b, const struct fetch_response *prev,
    struct sync_request *next, enum sync_result *res, char **err)
{
	struct greader *g = b;

	if (prev == NULL) {
		/* a kept token is tried as it is: a 401 to the first call
		 * brings the engine back here without it */
		if (g->auth != NULL)
			return SYNC_STEP_DONE;
		client_login(g, next);
		return SYNC_STEP_MORE;
	}
	if (prev->result == FETCH_HTTP_ERROR && (prev->status == 401 ||
	    prev->status == 403 || prev->status == 400)) {
		*res = SYNC_AUTH;
		*err = xstrdup(sync_strerror(SYNC_AUTH));
		return SYNC_STEP_FAILED;
	}
	if (!answer_text(prev, "the login", res, err))
		return SYNC_STEP_FAILED;
	if ((g->auth = auth_of(&prev->body)) == NULL) {
		*res = SYNC_BAD_RESPONSE;
		*err = xstrdup("the login answer holds no Auth token "
		    "(is sync-url the API's address?)");
		return SYNC_STEP_FAILED;
	}
	return SYNC_STEP_DONE;
}

/*
 * Writes carry T, asked for once, before the first write of a sync. For
 * a write operation called with *prev: true when it may go on (*prev is
 * NULL again once the token came); false when *st is what to return (the
 * token request, or its failure).
 */
static bool
write_ready(struct greader *g, const struct fetch_response **prev,
    struct sync_request *next, enum sync_step *st, enum sync_result *res,
    char **err)
{
	if (*prev == NULL && g->write_token == NULL) {
		get(g, next, API_PREFIX "token", NULL);
		g->wait = W_TOKEN;
		*st = SYNC_STEP_MORE;
		return false;
	}
	if (*prev == NULL || g->wait != W_TOKEN)
		return true;
	g->wait = W_OTHER;
	if (!answer_text(*prev, "the token request", res, err)) {
		*st = SYNC_STEP_FAILED;
		return false;
	}
	g->write_token = token_of((*prev)->body.ptr != NULL ?
	    (*prev)->body.ptr : "", (*prev)->body.len);
	if (g->write_token == NULL) {
		*res = SYNC_BAD_RESPONSE;
		*err = xstrdup("the server gave no write token");
		*st = SYNC_STEP_FAILED;
		return false;
	}
	*prev = NULL;
	return true;
}

/* ---- push ---------------------------------------------------------------- */

static void
form_add_item(struct tbuf *b, int64_t id)
{
	char buf[32];

	xsnprintf(buf, sizeof(buf), "%" PRId64, id);
	form_add(b, "i", buf);
}

/* How many changes from v[0] on have v[0]'s kind (and rating value). */
static size_t
run_length(const struct store_change *v, size_t n)
{
	size_t i = 1;

	if (v[0].kind == STORE_CHANGE_MARK_ALL)
		return 1;
	while (i < n && i < SYNC_PUSH_BATCH && v[i].kind == v[0].kind &&
	    (v[0].kind != STORE_CHANGE_RATING || v[i].value == v[0].value))
		i++;
	return i;
}

/* mark-all-as-read of a stream up to the newest crawl time seen. */
static void
push_mark_all(struct greader *g, const struct store_change *c,
    struct sync_request *next)
{
	struct tbuf form;
	char ts[32];

	form_start(g, &form);
	form_add(&form, "s", c->stream != NULL ? c->stream : STREAM_ALL);
	/* microseconds (NOTES.md gotcha 8); without a server time, when
	 * the reader did it */
	xsnprintf(ts, sizeof(ts), "%lld", c->value > 0 ? c->value :
	    (long long)c->made * USEC_PER_SEC);
	form_add(&form, "ts", ts);
	post(g, next, API_PREFIX "mark-all-as-read", &form);
}

/* One edit-tag for the run: a= or r= the state, or (ratings) one label
 * step of five: add label N, remove every other. */
static void
push_edit_tag(struct greader *g, const struct store_change *v, size_t n,
    struct sync_request *next)
{
	struct tbuf form;
	char label[64];
	size_t i;

	form_start(g, &form);
	for (i = 0; i < n; i++)
		form_add_item(&form, v[i].item_sid);
	switch (v[0].kind) {
	case STORE_CHANGE_READ:
		form_add(&form, "a", STATE_READ);
		break;
	case STORE_CHANGE_UNREAD:
		form_add(&form, "r", STATE_READ);
		break;
	case STORE_CHANGE_STAR:
		form_add(&form, "a", STATE_STARRED);
		break;
	case STORE_CHANGE_UNSTAR:
		form_add(&form, "r", STATE_STARRED);
		break;
	case STORE_CHANGE_RATING:
	case STORE_CHANGE_MARK_ALL:
		xsnprintf(label, sizeof(label), RATING_LABEL "%d", g->rating_step);
		form_add(&form, g->rating_step == v[0].value ? "a" : "r", label);
		break;
	}
	post(g, next, API_PREFIX "edit-tag", &form);
}

static enum sync_step
greader_push(void *b, const struct store_change *v, size_t n, size_t *used,
    const struct fetch_response *prev, struct sync_request *next,
    enum sync_result *res, char **err)
{
	struct greader *g = b;
	enum sync_step st;

	*used = n == 0 ? 0 : run_length(v, n);
	if (n == 0)
		return SYNC_STEP_DONE;
	if (!write_ready(g, &prev, next, &st, res, err))
		return st;
	if (prev == NULL)
		g->rating_step = 1;
	else {
		st = answer_written(prev, v[0].kind == STORE_CHANGE_MARK_ALL ?
		    "mark-all-as-read" : "edit-tag", res, err);
		if (st != SYNC_STEP_DONE || v[0].kind != STORE_CHANGE_RATING ||
		    g->rating_step >= SYNC_MAX_RATING_LABELS)
			return st;
		g->rating_step++;
	}
	if (v[0].kind == STORE_CHANGE_MARK_ALL)
		push_mark_all(g, &v[0], next);
	else
		push_edit_tag(g, v, *used, next);
	return SYNC_STEP_MORE;
}

/* ---- subscriptions ------------------------------------------------------ */

static void
parse_feed(json_object *o, struct sync_feed *f)
{
	json_object *cats = sync_json_array(o, "categories");
	size_t i, n = cats != NULL ? json_object_array_length(cats) : 0;

	memset(f, 0, sizeof(*f));
	f->id = sync_json_text(sync_json_str(o, "id"), SYNC_MAX_FIELD);
	f->url = sync_json_text(sync_json_str(o, "url"), SYNC_MAX_FIELD);
	f->title = sync_json_text(sync_json_str(o, "title"), SYNC_MAX_FIELD);
	f->link = sync_json_text(sync_json_str(o, "htmlUrl"), SYNC_MAX_FIELD);
	for (i = 0; i < n; i++) {
		const char *label = sync_json_str(json_object_array_get_idx(cats,
		    i), "label");

		if (label == NULL || label[0] == '\0')
			continue;
		f->folders = xreallocarray(f->folders, f->nfolders + 1,
		    sizeof(*f->folders));
		f->folders[f->nfolders++] = sync_json_text(label, SYNC_MAX_FIELD);
	}
}

static enum sync_step
greader_subscriptions(void *b, const struct fetch_response *prev,
    struct sync_request *next, struct sync_feeds *out,
    enum sync_result *res, char **err)
{
	struct greader *g = b;
	json_object *root, *subs;
	size_t i, n;

	if (prev == NULL) {
		get(g, next, API_PREFIX "subscription/list", "output=json");
		return SYNC_STEP_MORE;
	}
	if ((root = answer_json(prev, "the subscription list", res, err)) == NULL)
		return SYNC_STEP_FAILED;
	if ((subs = sync_json_array(root, "subscriptions")) == NULL) {
		json_object_put(root);
		*res = SYNC_BAD_RESPONSE;
		*err = xstrdup("bad answer to the subscription list: no "
		    "subscriptions");
		return SYNC_STEP_FAILED;
	}
	n = json_object_array_length(subs);
	out->v = xcalloc(n + 1, sizeof(*out->v));
	out->n = 0;
	for (i = 0; i < n; i++) {
		struct sync_feed *f = &out->v[out->n];

		parse_feed(json_object_array_get_idx(subs, i), f);
		if (f->id == NULL || f->url == NULL || f->id[0] == '\0' ||
		    f->url[0] == '\0')
			sync_feed_clear(f);	/* unusable: skipped */
		else
			out->n++;
	}
	json_object_put(root);
	return SYNC_STEP_DONE;
}

/* ---- items -------------------------------------------------------------- */

/* A decimal string member as a number; 0 when absent or bad. */
static int64_t
number_of(json_object *o, const char *key)
{
	const char *s = sync_json_str(o, key);
	char *end;
	long long v;

	if (s == NULL) {
		json_object *n;

		if (json_object_object_get_ex(o, key, &n) &&
		    json_object_is_type(n, json_type_int))
			return json_object_get_int64(n);
		return 0;
	}
	errno = 0;
	v = strtoll(s, &end, 10);
	return errno == 0 && *end == '\0' && end != s ? (int64_t)v : 0;
}

/* The first href of an array of {href} objects (canonical, alternate). */
static char *
href_of(json_object *o, const char *key)
{
	json_object *a = sync_json_array(o, key);

	if (a == NULL || json_object_array_length(a) == 0)
		return NULL;
	return sync_json_text(sync_json_str(json_object_array_get_idx(a, 0),
	    "href"), SYNC_MAX_FIELD);
}

/* An HTML field ({"content": "..."}), valid UTF-8, cut at SYNC_MAX_TEXT. */
static char *
html_of(json_object *o, const char *key)
{
	json_object *v;
	const char *s;
	size_t n;

	if (!json_object_object_get_ex(o, key, &v) ||
	    (s = sync_json_str(v, "content")) == NULL || s[0] == '\0')
		return NULL;
	n = strlen(s);
	if (n > SYNC_MAX_TEXT)
		n = SYNC_MAX_TEXT;
	return utf8_repair(s, n);
}

/* The states and the rating label among an item's categories. */
static void
states_of(json_object *o, struct sync_item *it)
{
	json_object *cats = sync_json_array(o, "categories");
	size_t i, n = cats != NULL ? json_object_array_length(cats) : 0;
	size_t lp = strlen(RATING_LABEL);

	for (i = 0; i < n; i++) {
		json_object *c = json_object_array_get_idx(cats, i);
		const char *s;

		if (!json_object_is_type(c, json_type_string))
			continue;
		s = json_object_get_string(c);
		if (strcmp(s, STATE_READ) == 0)
			it->read = true;
		else if (strcmp(s, STATE_STARRED) == 0)
			it->starred = true;
		else if (strncmp(s, RATING_LABEL, lp) == 0 && s[lp] >= '1' &&
		    s[lp] <= '0' + SYNC_MAX_RATING_LABELS && s[lp + 1] == '\0')
			it->rating = s[lp] - '0';
	}
}

/* One item of a stream; false when it lacks an id or a feed. */
static bool
parse_item(json_object *o, struct sync_item *it)
{
	json_object *origin;
	int64_t published;
	char buf[64];

	memset(it, 0, sizeof(*it));
	it->item.published = it->item.updated = FEED_NO_DATE;
	it->item.duration = -1;
	it->item.rating.count = -1;
	if (!sync_parse_item_id(sync_json_str(o, "id"), &it->id))
		return false;
	if (json_object_object_get_ex(o, "origin", &origin))
		it->feed = sync_json_text(sync_json_str(origin, "streamId"),
		    SYNC_MAX_FIELD);
	if (it->feed == NULL)
		return false;
	it->ts_usec = number_of(o, "timestampUsec");
	if ((published = number_of(o, "published")) > 0)
		it->item.published = published;
	if ((published = number_of(o, "updated")) > 0)
		it->item.updated = published;
	it->item.title = sync_json_text(sync_json_str(o, "title"), SYNC_MAX_FIELD);
	it->item.link = href_of(o, "canonical");
	if (it->item.link == NULL)
		it->item.link = href_of(o, "alternate");
	it->item.author = sync_json_text(sync_json_str(o, "author"),
	    SYNC_MAX_FIELD);
	it->item.summary = html_of(o, "summary");
	it->item.content = html_of(o, "content");
	/* the guid to match a cached item on: the link, as the feed module
	 * falls back to; else the server's id */
	xsnprintf(buf, sizeof(buf), "greader:%" PRId64, it->id);
	it->item.id = xstrdup(it->item.link != NULL ? it->item.link : buf);
	states_of(o, it);
	return true;
}

/* The start of a list's query: output=json&n=N. */
static void
page_query(struct tbuf *q, int n)
{
	char num[32];

	tbuf_init(q, MAX_URL);
	form_add(q, "output", "json");
	xsnprintf(num, sizeof(num), "%d", n);
	form_add(q, "n", num);
}

/* Read an answer of items (stream/items/contents) into *out. */
static enum sync_step
items_answer(const struct fetch_response *prev, struct sync_items *out,
    enum sync_result *res, char **err)
{
	json_object *root, *items;
	size_t i, n;

	if ((root = answer_json(prev, "the items' contents", res, err)) == NULL)
		return SYNC_STEP_FAILED;
	if ((items = sync_json_array(root, "items")) == NULL) {
		json_object_put(root);
		*res = SYNC_BAD_RESPONSE;
		*err = xstrdup("bad answer to the items' contents: no items");
		return SYNC_STEP_FAILED;
	}
	n = json_object_array_length(items);
	out->v = xcalloc(n + 1, sizeof(*out->v));
	out->n = 0;
	for (i = 0; i < n; i++) {
		if (parse_item(json_object_array_get_idx(items, i),
		    &out->v[out->n]))
			out->n++;
		else
			sync_item_clear(&out->v[out->n]);
	}
	json_object_put(root);
	return SYNC_STEP_DONE;
}

/* A GET of one page of n ids of stream/items/ids: the stream s, its
 * filter xt (NULL: none), crawled after since_usec (0: any time). */
static void
ids_request(struct greader *g, const char *stream, const char *xt,
    int64_t since_usec, int n, const char *continuation,
    struct sync_request *next)
{
	struct tbuf q;
	char num[32];

	page_query(&q, n);
	form_add(&q, "s", stream);
	if (xt != NULL)
		form_add(&q, "xt", xt);
	if (since_usec > 0) {
		/* ot is in seconds: the mark's second is asked again */
		xsnprintf(num, sizeof(num), "%lld",
		    (long long)(since_usec / USEC_PER_SEC));
		form_add(&q, "ot", num);
	}
	if (continuation != NULL)
		form_add(&q, "c", continuation);
	get(g, next, API_PREFIX "stream/items/ids", tbuf_str(&q));
	tbuf_free(&q);
}

/* Read an answer of stream/items/ids (what: for the messages). */
static enum sync_step
ids_answer(const struct fetch_response *prev, const char *what,
    struct sync_ids *out, enum sync_result *res, char **err)
{
	json_object *root, *refs;
	size_t i, n;

	if ((root = answer_json(prev, what, res, err)) == NULL)
		return SYNC_STEP_FAILED;
	refs = sync_json_array(root, "itemRefs");
	n = refs != NULL ? json_object_array_length(refs) : 0;
	out->v = xcalloc(n + 1, sizeof(*out->v));
	out->n = 0;
	for (i = 0; i < n; i++)
		if (sync_parse_item_id(sync_json_str(json_object_array_get_idx(
		    refs, i), "id"), &out->v[out->n]))
			out->n++;
	out->continuation = n == 0 ? NULL : sync_json_text(sync_json_str(root,
	    "continuation"), SYNC_MAX_TOKEN);
	json_object_put(root);
	return SYNC_STEP_DONE;
}

static enum sync_step
greader_item_ids(void *b, int64_t since_usec, const char *continuation,
    const struct fetch_response *prev, struct sync_request *next,
    struct sync_ids *out, enum sync_result *res, char **err)
{
	if (prev == NULL) {
		ids_request(b, STREAM_ALL, NULL, since_usec, SYNC_NEW_IDS_PAGE,
		    continuation, next);
		return SYNC_STEP_MORE;
	}
	return ids_answer(prev, "the new item ids", out, res, err);
}

static enum sync_step
greader_contents(void *b, const int64_t *ids, size_t n,
    const struct fetch_response *prev, struct sync_request *next,
    struct sync_items *out, enum sync_result *res, char **err)
{
	struct tbuf form;
	size_t i;

	if (prev != NULL)
		return items_answer(prev, out, res, err);
	/* POST only (FreshRSS answers a GET with 400); no T: a read */
	tbuf_init(&form, MAX_FORM);
	for (i = 0; i < n && i < SYNC_CONTENTS_BATCH; i++)
		form_add_item(&form, ids[i]);
	post(b, next, API_PREFIX "stream/items/contents?output=json", &form);
	return SYNC_STEP_MORE;
}

static enum sync_step
greader_ids(void *b, enum sync_set set, int rating, const char *continuation,
    const struct fetch_response *prev, struct sync_request *next,
    struct sync_ids *out, enum sync_result *res, char **err)
{
	char label[64];

	if (prev != NULL)
		return ids_answer(prev, set == SYNC_SET_STARRED ? "the starred ids" :
		    set == SYNC_SET_UNREAD ? "the unread ids" : "the rated ids",
		    out, res, err);
	switch (set) {
	case SYNC_SET_UNREAD:
		ids_request(b, STREAM_ALL, STATE_READ, 0, SYNC_IDS_PAGE,
		    continuation, next);
		break;
	case SYNC_SET_STARRED:
		ids_request(b, STATE_STARRED, NULL, 0, SYNC_IDS_PAGE,
		    continuation, next);
		break;
	case SYNC_SET_RATED:
		xsnprintf(label, sizeof(label), RATING_LABEL "%d", rating);
		ids_request(b, label, NULL, 0, SYNC_IDS_PAGE, continuation, next);
		break;
	}
	return SYNC_STEP_MORE;
}

/* The rating labels among tag/list's tags ("user/-/label/tidings-rating-4"). */
static enum sync_step
greader_rating_labels(void *b, const struct fetch_response *prev,
    struct sync_request *next, unsigned *mask, enum sync_result *res,
    char **err)
{
	const size_t plen = strlen(RATING_LABEL);
	json_object *root, *tags;
	const char *id;
	size_t i, n;

	if (prev == NULL) {
		get(b, next, API_PREFIX "tag/list", "output=json");
		return SYNC_STEP_MORE;
	}
	if ((root = answer_json(prev, "the label list", res, err)) == NULL)
		return SYNC_STEP_FAILED;
	*mask = 0;
	tags = sync_json_array(root, "tags");
	n = tags != NULL ? json_object_array_length(tags) : 0;
	for (i = 0; i < n; i++) {
		id = sync_json_str(json_object_array_get_idx(tags, i), "id");
		if (id != NULL && strncmp(id, RATING_LABEL, plen) == 0 &&
		    id[plen] >= '1' && id[plen] <= '0' + SYNC_MAX_RATING_LABELS &&
		    id[plen + 1] == '\0')
			*mask |= 1u << (id[plen] - '0');
	}
	json_object_put(root);
	return SYNC_STEP_DONE;
}

/* ---- subscribe, unsubscribe, edit --------------------------------------- */

static void
edit_request(struct greader *g, const char *action, const char *id,
    const char *title, const char *add_folder, const char *remove_folder,
    struct sync_request *next)
{
	struct tbuf form;
	char *label;

	form_start(g, &form);
	form_add(&form, "ac", action);
	form_add(&form, "s", id);
	if (title != NULL)
		form_add(&form, "t", title);
	if (add_folder != NULL) {
		label = xasprintf(LABEL_PREFIX "%s", add_folder);
		form_add(&form, "a", label);
		free(label);
	}
	if (remove_folder != NULL) {
		label = xasprintf(LABEL_PREFIX "%s", remove_folder);
		form_add(&form, "r", label);
		free(label);
	}
	post(g, next, API_PREFIX "subscription/edit", &form);
}

static enum sync_step
greader_subscribe(void *b, const char *url, const char *title,
    const char *folder, const struct fetch_response *prev,
    struct sync_request *next, enum sync_result *res, char **err)
{
	struct greader *g = b;
	json_object *root;
	struct tbuf form;
	const char *error;
	enum sync_step st;

	if (!write_ready(g, &prev, next, &st, res, err))
		return st;
	if (prev == NULL) {
		free(g->added_stream);
		g->added_stream = NULL;
		form_start(g, &form);
		form_add(&form, "quickadd", url);
		post(g, next, API_PREFIX "subscription/quickadd", &form);
		return SYNC_STEP_MORE;
	}
	if (g->added_stream != NULL)	/* the answer to the edit */
		return answer_written(prev, "the subscription's title and "
		    "folder", res, err);
	if ((root = answer_json(prev, "the subscription", res, err)) == NULL)
		return SYNC_STEP_FAILED;
	if ((error = sync_json_str(root, "error")) != NULL ||
	    sync_json_str(root, "streamId") == NULL) {
		char *clean = sync_json_text(error != NULL ? error :
		    "no stream id", SYNC_MAX_FIELD);

		*res = SYNC_SERVER;
		*err = xasprintf("the server could not subscribe: %s", clean);
		free(clean);
		json_object_put(root);
		return SYNC_STEP_FAILED;
	}
	g->added_stream = xstrdup(sync_json_str(root, "streamId"));
	json_object_put(root);
	if (title == NULL && folder == NULL)
		return SYNC_STEP_DONE;
	edit_request(g, "edit", g->added_stream, title, folder, NULL, next);
	return SYNC_STEP_MORE;
}

static enum sync_step
greader_unsubscribe(void *b, const char *id, const struct fetch_response *prev,
    struct sync_request *next, enum sync_result *res, char **err)
{
	enum sync_step st;

	if (!write_ready(b, &prev, next, &st, res, err))
		return st;
	if (prev == NULL) {
		edit_request(b, "unsubscribe", id, NULL, NULL, NULL, next);
		return SYNC_STEP_MORE;
	}
	return answer_written(prev, "the unsubscription", res, err);
}

static enum sync_step
greader_edit(void *b, const char *id, const char *title,
    const char *add_folder, const char *remove_folder,
    const struct fetch_response *prev, struct sync_request *next,
    enum sync_result *res, char **err)
{
	enum sync_step st;

	if (!write_ready(b, &prev, next, &st, res, err))
		return st;
	if (prev == NULL) {
		edit_request(b, "edit", id, title, add_folder, remove_folder,
		    next);
		return SYNC_STEP_MORE;
	}
	return answer_written(prev, "the subscription edit", res, err);
}

const struct sync_backend sync_greader = {
	.name = "greader",
	.new = greader_new,
	.free = greader_free,
	.token = greader_token,
	.set_token = greader_set_token,
	.login = greader_login,
	.push = greader_push,
	.subscriptions = greader_subscriptions,
	.item_ids = greader_item_ids,
	.contents = greader_contents,
	.ids = greader_ids,
	.rating_labels = greader_rating_labels,
	.subscribe = greader_subscribe,
	.unsubscribe = greader_unsubscribe,
	.edit = greader_edit,
};
