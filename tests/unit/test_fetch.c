/*
 * test_fetch: fetch against the local test server (tests/server.py).
 * Run by tests/cli/fetch.sh as: test_fetch BASE ROOT, where BASE is
 * http://127.0.0.1:PORT and ROOT the folder it serves (holding feed.xml).
 * Every case runs twice: through fetch_get() and, all at once, through one
 * multi handle with a small max_parallel (so the queue is exercised too).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "fetch.h"
#include "text.h"

#define SHORT_TIMEOUT_MS 2000	/* the limits the slow cases run with */

enum validators { V_NONE, V_ETAG, V_DATE, V_WRONG, V_OLD_DATE };

/* L_SHORT: timeouts cut to SHORT_TIMEOUT_MS and the body cap to 1 MiB;
 * L_CRAWL: the default timeouts, but a body under 10 bytes/s for 1 s aborts */
enum limits { L_DEFAULT, L_SHORT, L_CRAWL };
#define NLIMITS 3

static const struct fetch_case {
	const char *path;	/* after BASE, or a file:// URL when it starts with "file:" */
	enum validators v;
	enum limits limits;
	enum fetch_result want;
	long status;		/* -1: not checked */
	long body_len;		/* -1: not checked; -2: the length of feed.xml */
	bool moved;
	const char *in_message;	/* a substring of the message, or NULL */
} cases[] = {
	{ "/feed.xml", V_NONE, L_DEFAULT, FETCH_OK, 200, -2, false, NULL },
	{ "/etag/feed.xml", V_NONE, L_DEFAULT, FETCH_OK, 200, -2, false, NULL },
	{ "/etag/feed.xml", V_ETAG, L_DEFAULT, FETCH_NOT_MODIFIED, 304, 0, false, NULL },
	{ "/etag/feed.xml", V_DATE, L_DEFAULT, FETCH_NOT_MODIFIED, 304, 0, false, NULL },
	{ "/etag/feed.xml", V_WRONG, L_DEFAULT, FETCH_OK, 200, -2, false, NULL },
	{ "/gzip/feed.xml", V_NONE, L_DEFAULT, FETCH_OK, 200, -2, false, NULL },
	{ "/chunked/feed.xml", V_NONE, L_DEFAULT, FETCH_OK, 200, -2, false, NULL },
	{ "/empty", V_NONE, L_DEFAULT, FETCH_OK, 200, 0, false, NULL },
	{ "/redirect/301?to=/feed.xml", V_NONE, L_DEFAULT, FETCH_OK, 200, -2, true, NULL },
	{ "/redirect/308?to=/etag/feed.xml", V_ETAG, L_DEFAULT, FETCH_NOT_MODIFIED, 304, 0, true, NULL },
	{ "/redirect/302?to=/feed.xml", V_NONE, L_DEFAULT, FETCH_OK, 200, -2, false, NULL },
	{ "/redirect/307?to=/redirect/301?to=/feed.xml", V_NONE, L_DEFAULT, FETCH_OK, 200, -2, false, NULL },
	{ "/redirect-chain/10?to=/feed.xml&code=301", V_NONE, L_DEFAULT, FETCH_OK, 200, -2, true, NULL },
	{ "/redirect-chain/11?to=/feed.xml", V_NONE, L_DEFAULT, FETCH_TOO_MANY_REDIRECTS, -1, 0, false, "redirects" },
	{ "/redirect-loop", V_NONE, L_DEFAULT, FETCH_TOO_MANY_REDIRECTS, 302, 0, false, "redirects" },
	{ "/to-file", V_NONE, L_DEFAULT, FETCH_BAD_REDIRECT, 302, 0, false, "file:///etc/passwd" },
	{ "/redirect/302?to=ftp://127.0.0.1/x", V_NONE, L_DEFAULT, FETCH_BAD_REDIRECT, 302, 0, false, "ftp:" },
	{ "/status/404", V_NONE, L_DEFAULT, FETCH_HTTP_ERROR, 404, 0, false, "HTTP 404 Not Found" },
	{ "/status/500", V_NONE, L_DEFAULT, FETCH_HTTP_ERROR, 500, 0, false, "HTTP 500" },
	{ "/status/410", V_ETAG, L_DEFAULT, FETCH_HTTP_ERROR, 410, 0, false, "HTTP 410" },
	{ "/nothing-here.xml", V_NONE, L_DEFAULT, FETCH_HTTP_ERROR, 404, 0, false, "404" },
	{ "/reset", V_NONE, L_DEFAULT, FETCH_NETWORK, 200, 0, false, "reset" },
	{ "/http09", V_NONE, L_DEFAULT, FETCH_BAD_RESPONSE, -1, 0, false, "invalid response" },
	{ "/garbage", V_NONE, L_DEFAULT, FETCH_BAD_RESPONSE, -1, 0, false, "invalid response" },
	{ "/huge-header", V_NONE, L_DEFAULT, FETCH_BAD_RESPONSE, -1, 0, false, "headers too large" },
	{ "/etag-only/feed.xml", V_ETAG, L_DEFAULT, FETCH_NOT_MODIFIED, 304, 0, false, NULL },
	{ "/etag-only/feed.xml", V_DATE, L_DEFAULT, FETCH_OK, 200, -2, false, NULL },
	{ "/slow?seconds=6", V_NONE, L_SHORT, FETCH_TIMEOUT, 200, 0, false, "timed out" },
	{ "/slow?seconds=8&bare=1", V_NONE, L_CRAWL, FETCH_TIMEOUT, 200, 0, false, "too slow" },
	{ "/huge?mb=3", V_NONE, L_SHORT, FETCH_TOO_LARGE, 200, 0, false, "too large" },
	{ "/huge?mb=3&length=1", V_NONE, L_SHORT, FETCH_TOO_LARGE, 200, 0, false, "too large" },
	{ "/gzip-bomb?mb=8", V_NONE, L_SHORT, FETCH_TOO_LARGE, 200, 0, false, "too large" },
	{ "/huge?mb=1", V_NONE, L_DEFAULT, FETCH_OK, 200, 1 << 20, false, NULL },
	{ "file:feed.xml", V_NONE, L_DEFAULT, FETCH_OK, 0, -2, false, NULL },
	{ "file:feed.xml", V_DATE, L_DEFAULT, FETCH_NOT_MODIFIED, 0, 0, false, NULL },
	{ "file:feed.xml", V_OLD_DATE, L_DEFAULT, FETCH_OK, 0, -2, false, NULL },
	{ "file:missing.xml", V_NONE, L_DEFAULT, FETCH_FILE, 0, 0, false, "missing.xml" },
	{ "gopher://127.0.0.1/", V_NONE, L_DEFAULT, FETCH_BAD_URL, 0, 0, false, NULL },
	{ "http://[::1", V_NONE, L_DEFAULT, FETCH_BAD_URL, 0, 0, false, NULL },
	{ "http://127.0.0.1:1/", V_NONE, L_DEFAULT, FETCH_CONNECT, 0, 0, false, NULL },
};
#define NCASES (sizeof(cases) / sizeof(cases[0]))

static const char *base, *root;
static char *etag, *last_modified;	/* of /etag/feed.xml, from the first GET */
static long feed_len;

static char *
case_url(const struct fetch_case *c)
{
	if (strncmp(c->path, "file:", 5) == 0 && c->path[5] != '/')
		return xasprintf("file://%s/%s", root, c->path + 5);
	if (c->path[0] == '/')
		return xasprintf("%s%s", base, c->path);
	return xstrdup(c->path);
}

static struct fetch_validators
case_validators(const struct fetch_case *c)
{
	struct fetch_validators v = { NULL, NULL };

	switch (c->v) {
	case V_NONE:
		break;
	case V_ETAG:
		v.etag = etag;
		break;
	case V_DATE:
		v.last_modified = last_modified;
		break;
	case V_WRONG:
		v.etag = "\"not-the-etag\"";
		break;
	case V_OLD_DATE:
		v.last_modified = "Sat, 01 Jan 2000 00:00:00 GMT";
		break;
	}
	return v;
}

static void
case_limits(const struct fetch_case *c, struct fetch_limits *l)
{
	fetch_default_limits(l);
	switch (c->limits) {
	case L_DEFAULT:
		break;
	case L_SHORT:
		l->timeout_ms = SHORT_TIMEOUT_MS;
		l->connect_timeout_ms = SHORT_TIMEOUT_MS;
		l->max_body = 1u << 20;
		break;
	case L_CRAWL:
		l->low_speed_time = 1;
		break;
	}
}

/* Compare one response with its case; print the row that failed. */
static void
check(const char *how, size_t i, const struct fetch_response *r)
{
	const struct fetch_case *c = &cases[i];
	long want_len = c->body_len == -2 ? feed_len : c->body_len;
	bool ok = true;

	if (r->result != c->want)
		ok = false;
	if (c->status >= 0 && r->status != c->status)
		ok = false;
	if (want_len >= 0 && (long)r->body.len != want_len)
		ok = false;
	if (r->moved != c->moved)
		ok = false;
	if (c->in_message != NULL && (r->message == NULL ||
	    strstr(r->message, c->in_message) == NULL))
		ok = false;
	if ((r->result == FETCH_OK || r->result == FETCH_NOT_MODIFIED) !=
	    (r->message == NULL))
		ok = false;
	if (r->url == NULL || r->final_url == NULL)
		ok = false;
	CHECKF(ok, "%s case %zu %s: got %s status %ld len %zu "
		    "moved %d message '%s'; want %s status %ld len %ld moved %d "
		    "message with '%s'", how, i, c->path,
		    fetch_strerror(r->result), r->status, r->body.len, r->moved,
		    r->message != NULL ? r->message : "", fetch_strerror(c->want),
		    c->status, want_len, c->moved,
		    c->in_message != NULL ? c->in_message : "");
}

static void
learn_validators(void)
{
	struct fetch_response r = { 0 };
	char *url = xasprintf("%s/etag/feed.xml", base);

	if (fetch_get(url, NULL, &r) != FETCH_OK || r.etag == NULL ||
	    r.last_modified == NULL) {
		fprintf(stderr, "FAIL: no validators from %s\n", url);
		exit(1);
	}
	etag = r.etag;
	last_modified = r.last_modified;
	r.etag = r.last_modified = NULL;
	feed_len = (long)r.body.len;
	fetch_response_clear(&r);
	free(url);
}

static void
run_blocking(void)
{
	size_t i;

	for (i = 0; i < NCASES; i++) {
		struct fetch_response r = { 0 };
		struct fetch_limits l;
		struct fetch_request req = { { NULL, NULL }, NULL, NULL, NULL };
		char *url = case_url(&cases[i]);

		case_limits(&cases[i], &l);
		req.validators = case_validators(&cases[i]);
		req.limits = &l;
		CHECKF(fetch_get(url, &req, &r) == r.result, "fetch_get returned another result");
		check("fetch_get", i, &r);
		fetch_response_clear(&r);
		free(url);
	}
}

struct multi_run {
	bool seen[NCASES];
	size_t reported;
};

static void
on_done(void *user, struct fetch_response *res, void *arg)
{
	struct multi_run *m = arg;
	size_t i = (size_t)((const struct fetch_case *)user - cases);

	if (i >= NCASES || m->seen[i]) {
		CHECKF(false, "multi reported case %zu twice", i);
		return;
	}
	m->seen[i] = true;
	m->reported++;
	check("multi", i, res);
}

/* The cases with the same limits on one handle; max_parallel 3 makes most
 * of them queue. */
static void
run_multi(enum limits limits)
{
	struct multi_run m;
	struct fetch_limits l;
	struct fetch *f;
	size_t i, want = 0;
	time_t start = time(NULL);

	memset(&m, 0, sizeof(m));
	for (i = 0; i < NCASES && cases[i].limits != limits; i++)
		;
	case_limits(&cases[i < NCASES ? i : 0], &l);
	l.max_parallel = 3;
	l.max_per_host = 2;
	f = fetch_new(&l);
	for (i = 0; i < NCASES; i++) {
		if (cases[i].limits != limits)
			continue;
		struct fetch_validators v = case_validators(&cases[i]);
		char *url = case_url(&cases[i]);
		fetch_add(f, url, &v, NULL, (void *)&cases[i]);
		free(url);
		want++;
	}
	while (fetch_pending(f) > 0 && time(NULL) - start < 60) {
		fetch_wait(f, -1, 1000);
		fetch_step(f, on_done, &m);
	}
	CHECKF(!(m.reported != want || fetch_pending(f) != 0), "multi reported %zu of %zu", m.reported, want);
	fetch_free(f);
}

/* The "connections" count from the server's /stats (a new connection each). */
static long
server_connections(void)
{
	struct fetch_response r = { 0 };
	char *url = xasprintf("%s/stats", base);
	const char *p;
	long n = -1;

	if (fetch_get(url, NULL, &r) == FETCH_OK &&
	    (p = strstr(tbuf_str(&r.body), "\"connections\": ")) != NULL)
		n = strtol(p + 15, NULL, 10);
	fetch_response_clear(&r);
	free(url);
	if (n < 0) {
		fprintf(stderr, "FAIL: no connection count from %s/stats\n", base);
		exit(1);
	}
	return n;
}

static void
on_done_quiet(void *user, struct fetch_response *res, void *arg)
{
	size_t *ok = arg;

	(void)user;
	if (res->result == FETCH_OK && res->body.len == (size_t)feed_len)
		(*ok)++;
}

/* Thirty transfers to one host on a multi handle with max_per_host 2 use
 * at most two connections (kept alive and reused); the request headers
 * name tidings and accept compressed bodies. */
static void
run_keepalive(void)
{
	struct fetch_limits l;
	struct fetch_response r = { 0 };
	struct fetch *f;
	char *url = xasprintf("%s/etag/feed.xml", base);
	char *echo = xasprintf("%s/echo-headers", base);
	long before, after;
	size_t i, ok = 0;

	fetch_default_limits(&l);
	l.max_per_host = 2;
	before = server_connections();
	f = fetch_new(&l);
	for (i = 0; i < 30; i++)
		fetch_add(f, url, NULL, NULL, NULL);
	while (fetch_pending(f) > 0) {
		fetch_wait(f, -1, 1000);
		fetch_step(f, on_done_quiet, &ok);
	}
	fetch_free(f);
	after = server_connections();
	/* the second /stats request is a connection of its own */
	CHECKF(!(ok != 30 || after - before > 3), "keep-alive: %zu of 30 ok over %ld connections",
		    ok, after - before - 1);
	CHECKF(!(fetch_get(echo, NULL, &r) != FETCH_OK ||
	    strstr(tbuf_str(&r.body), "User-Agent: tidings/" PACKAGE_VERSION) == NULL ||
	    strstr(tbuf_str(&r.body), "gzip") == NULL), "request headers: %s", tbuf_str(&r.body));
	fetch_response_clear(&r);
	free(url);
	free(echo);
}

/* An API call (struct fetch_call): its form goes as a POST body, its
 * header lines are sent (one with a control character is not), a 3xx is
 * an answer when redirects are off, and its max_body caps the answer; the
 * same through fetch_get() and a multi handle. */
static void
on_done_keep(void *user, struct fetch_response *res, void *arg)
{
	struct fetch_response *out = arg;

	(void)user;
	*out = *res;
	memset(res, 0, sizeof(*res));	/* taken over */
}

static void
call_both(const char *url, const struct fetch_call *c, struct fetch_response out[2])
{
	struct fetch_request req = { .call = c };
	struct fetch *f = fetch_new(NULL);

	(void)fetch_get(url, &req, &out[0]);
	fetch_add_call(f, url, c, NULL, NULL);
	while (fetch_pending(f) > 0) {
		fetch_wait(f, -1, 1000);
		fetch_step(f, on_done_keep, &out[1]);
	}
	fetch_free(f);
}

static void
run_call(void)
{
	static const char *const headers[] = {
		"Authorization: GoogleLogin auth=secret-token",
		"AppId: 1000",
		"X-Bad: one\r\nX-Injected: two",
	};
	struct fetch_call c = { .form = "Email=alice&Passwd=p%26w", .headers = headers,
	    .nheaders = 3 };
	struct fetch_response r[2];
	char *echo = xasprintf("%s/echo-post", base);
	char *redir = xasprintf("%s/redirect/302?to=/feed.xml", base);
	char *big = xasprintf("%s/huge?mb=1", base);
	int i;

	memset(r, 0, sizeof(r));
	call_both(echo, &c, r);
	for (i = 0; i < 2; i++) {
		const char *b = tbuf_str(&r[i].body);

		CHECKF(r[i].result == FETCH_OK && strncmp(b, "POST\n", 5) == 0,
		    "call %d: not a POST: %s", i, b);
		CHECKF(strstr(b, "Authorization: GoogleLogin auth=secret-token") != NULL &&
		    strstr(b, "AppId: 1000") != NULL, "call %d: headers not sent: %s", i, b);
		CHECKF(strstr(b, "X-Injected") == NULL && strstr(b, "X-Bad") == NULL,
		    "call %d: a header with CR LF was sent: %s", i, b);
		CHECKF(strstr(b, "application/x-www-form-urlencoded") != NULL &&
		    strstr(b, "Email=alice&Passwd=p%26w") != NULL, "call %d: no form: %s", i, b);
		fetch_response_clear(&r[i]);
	}
	c = (struct fetch_call){ .no_redirects = true };
	call_both(redir, &c, r);
	for (i = 0; i < 2; i++) {
		CHECKF(r[i].status == 302 && r[i].redirects == 0 && r[i].result != FETCH_OK,
		    "call %d: a redirect was followed (status %ld, result %d)", i,
		    r[i].status, (int)r[i].result);
		fetch_response_clear(&r[i]);
	}
	c = (struct fetch_call){ .max_body = 1000 };
	call_both(big, &c, r);
	for (i = 0; i < 2; i++) {
		CHECKF(r[i].result == FETCH_TOO_LARGE, "call %d: max_body not applied (%d)",
		    i, (int)r[i].result);
		fetch_response_clear(&r[i]);
	}
	free(echo);
	free(redir);
	free(big);
}

/* fetch_wait: the extra fd wakes it; without work it sleeps the timeout. */
static void
run_wait(void)
{
	struct fetch *f = fetch_new(NULL);
	struct timespec a, b;
	int p[2];
	long ms;

	if (pipe(p) != 0) {
		perror("pipe");
		exit(1);
	}
	clock_gettime(CLOCK_MONOTONIC, &a);
	CHECKF(!fetch_wait(f, p[0], 200), "fetch_wait saw an empty pipe readable");
	clock_gettime(CLOCK_MONOTONIC, &b);
	ms = (b.tv_sec - a.tv_sec) * 1000 + (b.tv_nsec - a.tv_nsec) / 1000000;
	CHECKF(ms >= 150, "fetch_wait returned after %ld ms, not 200", ms);
	CHECKF(!(write(p[1], "k", 1) != 1 || !fetch_wait(f, p[0], 5000)), "fetch_wait missed a readable fd");
	close(p[0]);
	close(p[1]);
	fetch_free(f);
}

/* fetch_cancel drops queued and running transfers without a callback. */
static void
run_cancel(void)
{
	struct fetch_limits l;
	struct fetch *f;
	struct multi_run m;
	char *slow = xasprintf("%s/slow?seconds=3", base);
	char *fast = xasprintf("%s/feed.xml", base);
	int other;
	size_t i, n;

	memset(&m, 0, sizeof(m));
	fetch_default_limits(&l);
	l.max_parallel = 2;
	f = fetch_new(&l);
	for (i = 0; i < 4; i++)
		fetch_add(f, slow, NULL, NULL, &other);
	fetch_add(f, fast, NULL, NULL, (void *)&cases[0]);
	n = fetch_cancel(f, &other);
	while (fetch_pending(f) > 0) {
		fetch_wait(f, -1, 1000);
		fetch_step(f, on_done, &m);
	}
	CHECKF(!(n != 4 || m.reported != 1 || !m.seen[0]), "fetch_cancel dropped %zu, reported %zu", n,
		    m.reported);
	/* freeing with transfers running must not leak or report */
	fetch_add(f, slow, NULL, NULL, &other);
	fetch_step(f, on_done, &m);
	fetch_free(f);
	free(slow);
	free(fast);
}

int
main(int argc, char **argv)
{
	int l;

	if (argc != 3) {
		fprintf(stderr, "usage: test_fetch BASE ROOT\n");
		return 2;
	}
	base = argv[1];
	root = argv[2];
	learn_validators();
	run_blocking();
	for (l = 0; l < NLIMITS; l++)
		run_multi((enum limits)l);
	run_wait();
	run_cancel();
	run_keepalive();
	run_call();
	free(etag);
	free(last_modified);
	fetch_global_cleanup();
	if (check_failures == 0)
		printf("ok: %zu cases, blocking and multi\n", NCASES);
	return check_finish();
}
