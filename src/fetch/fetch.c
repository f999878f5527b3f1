/*
 * fetch.c: HTTP(S) and file:// transfers with libcurl, one at a time
 * (fetch_get) or many on one multi handle (struct fetch).
 *
 * libcurl is reached through the table of libcurl.c (lc), loaded by the
 * first transfer; a struct fetch makes its multi handle only then too.
 * When libcurl cannot be loaded, each transfer fails with that reason.
 *
 * A transfer is a struct transfer; curl points back to it through
 * CURLOPT_PRIVATE. Its write callback stops the download at max_body,
 * its header callback notes each response's status line (to tell a
 * permanent redirect chain from a temporary one, and for the reason
 * phrase of an error). When it ends, finish() turns curl's code, the
 * status and the headers into one struct fetch_response.
 *
 * The multi handle never holds more than max_parallel transfers; the rest
 * wait in a FIFO of our own, so a transfer's timeouts start when it really
 * starts, not while it queues behind others to the same host.
 */
#include "config.h"

#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "fetch_private.h"
#include "text.h"

#define USER_AGENT "tidings/" PACKAGE_VERSION
#define PROTOCOLS "http,https,file"	/* what a URL we are given may use */
#define REDIR_PROTOCOLS "http,https"	/* what a redirect may lead to */
#define MAX_REASON 64			/* bytes of an HTTP reason phrase kept */
/*
 * Bytes curl reads from a connection at a time (its default is 16 KiB).
 * It bounds two things per transfer: the receive buffer every easy handle
 * holds, and what a transfer paused by FETCH_MAX_BUFFERED keeps, which is
 * one read *decoded*: a gzipped 16 KiB becomes 100 KiB and more of XML.
 * With 4 KiB the 250 x 200 build of tests/bench/build_50k.sh peaks
 * 460 KiB lower at the same CPU time; a read is still a whole page.
 */
#define RECV_BUFFER 4096L

struct transfer {
	CURL *easy;
	void *user;
	char *url;
	char *etag_in, *last_modified_in, *accept;	/* copies; may be NULL */
	char *form;		/* a POST body (struct fetch_call), else NULL */
	char **call_headers;	/* ncall_headers lines of a fetch_call */
	size_t ncall_headers;
	bool no_redirects;
	struct curl_slist *headers;
	struct tbuf body;
	size_t dropped;		/* bytes of an error page read and thrown away */
	size_t max_body;
	bool too_large;
	bool is_file;
	long permanent, temporary;	/* redirect status lines seen */
	long status;		/* of the last status line */
	char reason[MAX_REASON];
	CURLcode setup;		/* CURLE_OK, or why it could not even start */
	bool no_libcurl;	/* it could not start because libcurl did not load */
	char curl_msg[CURL_ERROR_SIZE];
	struct fetch *f;	/* the multi transfer's owner; NULL for fetch_get */
	bool paused;		/* on_body paused it (FETCH_MAX_BUFFERED) */
	struct transfer *next;
};

struct fetch {
	CURLM *multi;		/* NULL until the first transfer starts */
	struct fetch_limits limits;
	struct transfer *queue, *queue_tail;	/* waiting to start, in order */
	struct transfer *running;		/* in the multi handle */
	struct transfer *failed;		/* could not start: reported next step */
	size_t nrunning, npending;
	size_t buffered;	/* body bytes the running transfers hold */
	bool backlog;		/* the last step left finished transfers unreported */
	void (*step_end)(void *arg);	/* fetch_set_step_end() */
	void *step_end_arg;
};

/* curl's codes in our terms; anything else is FETCH_NETWORK. */
static const struct {
	CURLcode code;
	enum fetch_result result;
} curl_results[] = {
	{ CURLE_UNSUPPORTED_PROTOCOL, FETCH_BAD_URL },
	{ CURLE_URL_MALFORMAT, FETCH_BAD_URL },
	{ CURLE_COULDNT_RESOLVE_HOST, FETCH_RESOLVE },
	{ CURLE_COULDNT_RESOLVE_PROXY, FETCH_RESOLVE },
	{ CURLE_COULDNT_CONNECT, FETCH_CONNECT },
	{ CURLE_OPERATION_TIMEDOUT, FETCH_TIMEOUT },
	{ CURLE_TOO_MANY_REDIRECTS, FETCH_TOO_MANY_REDIRECTS },
	{ CURLE_FILESIZE_EXCEEDED, FETCH_TOO_LARGE },
	{ CURLE_FILE_COULDNT_READ_FILE, FETCH_FILE },
	{ CURLE_READ_ERROR, FETCH_FILE },
	{ CURLE_SSL_CONNECT_ERROR, FETCH_TLS },
	{ CURLE_PEER_FAILED_VERIFICATION, FETCH_TLS },
	{ CURLE_SSL_CERTPROBLEM, FETCH_TLS },
	{ CURLE_SSL_CIPHER, FETCH_TLS },
	{ CURLE_SSL_CACERT_BADFILE, FETCH_TLS },
	{ CURLE_SSL_ISSUER_ERROR, FETCH_TLS },
	{ CURLE_SSL_PINNEDPUBKEYNOTMATCH, FETCH_TLS },
	{ CURLE_SSL_INVALIDCERTSTATUS, FETCH_TLS },
	{ CURLE_USE_SSL_FAILED, FETCH_TLS },
	{ CURLE_WEIRD_SERVER_REPLY, FETCH_BAD_RESPONSE },
};

const char *
fetch_strerror(enum fetch_result r)
{
	switch (r) {
	case FETCH_OK:
		return "ok";
	case FETCH_NOT_MODIFIED:
		return "not modified";
	case FETCH_HTTP_ERROR:
		return "HTTP error";
	case FETCH_TOO_LARGE:
		return "response too large";
	case FETCH_TOO_MANY_REDIRECTS:
		return "too many redirects";
	case FETCH_BAD_REDIRECT:
		return "redirect to another scheme refused";
	case FETCH_BAD_URL:
		return "not an http, https or file URL";
	case FETCH_RESOLVE:
		return "host not found";
	case FETCH_CONNECT:
		return "cannot connect";
	case FETCH_TLS:
		return "TLS failure";
	case FETCH_TIMEOUT:
		return "timed out";
	case FETCH_NETWORK:
		return "transfer failed";
	case FETCH_FILE:
		return "cannot read the file";
	case FETCH_BAD_RESPONSE:
		return "invalid response from the server";
	}
	return "unknown fetch result";
}

void
fetch_default_limits(struct fetch_limits *l)
{
	l->max_body = FETCH_MAX_BODY;
	l->max_redirects = FETCH_MAX_REDIRECTS;
	l->connect_timeout_ms = FETCH_CONNECT_TIMEOUT_MS;
	l->timeout_ms = FETCH_TIMEOUT_MS;
	l->low_speed_limit = FETCH_LOW_SPEED_LIMIT;
	l->low_speed_time = FETCH_LOW_SPEED_TIME;
	l->max_parallel = FETCH_MAX_PARALLEL;
	l->max_per_host = FETCH_MAX_PER_HOST;
}

void
fetch_response_clear(struct fetch_response *r)
{
	tbuf_free(&r->body);
	free(r->url);
	free(r->final_url);
	free(r->content_type);
	free(r->etag);
	free(r->last_modified);
	free(r->message);
	memset(r, 0, sizeof(*r));
}

/* ---- one transfer ----------------------------------------------------- */

/* libcurl's functions; set by the first transfer that loads it, never
 * unset, so every curl handle (and slist) implies it. */
static const struct fetch_libcurl *lc;

/* curl_easy_setopt, one wrapper per argument type it may take. */
static CURLcode
setopt_long(CURL *e, CURLoption opt, long v)
{
	return lc->easy_setopt(e, opt, v);
}

static CURLcode
setopt_ptr(CURL *e, CURLoption opt, const void *v)
{
	return lc->easy_setopt(e, opt, v);
}

static CURLcode
setopt_off(CURL *e, CURLoption opt, curl_off_t v)
{
	return lc->easy_setopt(e, opt, v);
}

static CURLcode
setopt_fn(CURL *e, CURLoption opt, curl_write_callback fn)
{
	return lc->easy_setopt(e, opt, fn);
}

static bool
is_file_url(const char *url)
{
	return strncasecmp(url, "file:", 5) == 0;
}

/* A header value we may keep and send back: short, no controls. */
static bool
header_value_ok(const char *v)
{
	size_t n = strlen(v);

	if (n == 0 || n > FETCH_MAX_VALIDATOR)
		return false;
	for (; *v != '\0'; v++)
		if ((unsigned char)*v < 0x20 || *v == 0x7f)
			return false;
	return true;
}

/* A whole header line we may send: "Name: value", no controls. */
static bool
header_line_ok(const char *h)
{
	const char *colon = strchr(h, ':');

	if (colon == NULL || colon == h || strlen(h) > FETCH_MAX_HEADER)
		return false;
	for (; *h != '\0'; h++)
		if (((unsigned char)*h < 0x20 && *h != '\t') || *h == 0x7f)
			return false;
	return true;
}

static char *
copy_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

/* The running transfer of f holding the most body bytes: the one that may
 * always grow, so that a fetch over FETCH_MAX_BUFFERED still moves. */
static const struct transfer *
biggest(const struct fetch *f)
{
	const struct transfer *t, *big = f->running;

	for (t = f->running; t != NULL; t = t->next)
		if (t->body.len > big->body.len)
			big = t;
	return big;
}

/* Whether n more body bytes for t keep its fetch within FETCH_MAX_BUFFERED
 * (always for fetch_get's single transfer, and for file://, which curl
 * cannot pause: a local file is read at once anyway). The bound is what makes a
 * refresh's peak memory independent of how many big feeds arrive at once:
 * 16 transfers each holding a 1.5 MB feed would be 24 MB. */
static bool
may_grow(const struct transfer *t, size_t n)
{
	return t->f == NULL || t->is_file ||
	    t->f->buffered + n <= FETCH_MAX_BUFFERED ||
	    biggest(t->f) == t;
}

/* Body bytes. An error page (status >= 300) is read and dropped, within the
 * same cap; returning less than n makes curl end with CURLE_WRITE_ERROR.
 * Past FETCH_MAX_BUFFERED the transfer pauses (curl keeps the bytes and
 * hands them again once resume_paused() lets it go on). */
static size_t
on_body(char *p, size_t size, size_t n, void *arg)
{
	struct transfer *t = arg;
	size_t before;

	n *= size;
	if (!may_grow(t, n)) {
		t->paused = true;
		return CURL_WRITEFUNC_PAUSE;
	}
	if (!t->is_file && t->status >= 300) {
		if (n > t->max_body - t->dropped) {
			t->too_large = true;
			return 0;
		}
		t->dropped += n;
		return n;
	}
	before = t->body.cap;
	if (!tbuf_add(&t->body, p, n)) {
		t->too_large = true;
		return 0;
	}
	if (t->f != NULL)	/* what the buffer holds: it grows by doubling */
		t->f->buffered += t->body.cap - before;
	return n;
}

/* Header lines: remember each status line ("HTTP/1.1 301 Moved", "HTTP/2 200"). */
static size_t
on_header(char *p, size_t size, size_t n, void *arg)
{
	struct transfer *t = arg;
	size_t len = n * size, i, j;
	long status = 0;

	if (len < 12 || strncmp(p, "HTTP/", 5) != 0)
		return len;
	for (i = 5; i < len && p[i] != ' '; i++)
		;
	for (j = 0, i++; i < len && j < 3 && p[i] >= '0' && p[i] <= '9'; i++, j++)
		status = status * 10 + (p[i] - '0');
	if (j != 3 || status < 200)	/* 1xx interim answers do not count */
		return len;
	t->status = status;
	if (status == 301 || status == 308)
		t->permanent++;
	else if (status >= 300 && status < 400 && status != 304)
		t->temporary++;
	/* the reason phrase: printable ASCII only */
	for (j = 0; i < len && p[i] == ' '; i++)
		;
	for (; i < len && j + 1 < sizeof(t->reason); i++) {
		if (p[i] == '\r' || p[i] == '\n')
			break;
		t->reason[j++] = p[i] >= 0x20 && p[i] < 0x7f ? p[i] : '?';
	}
	t->reason[j] = '\0';
	return len;
}

static struct transfer *
transfer_new(const char *url, const struct fetch_validators *v,
    const char *accept, void *user, size_t max_body)
{
	struct transfer *t = xcalloc(1, sizeof(*t));

	t->url = xstrdup(url);
	t->user = user;
	if (v != NULL) {
		t->etag_in = copy_or_null(v->etag);
		t->last_modified_in = copy_or_null(v->last_modified);
	}
	t->accept = copy_or_null(accept);
	t->max_body = max_body;
	tbuf_init(&t->body, max_body);
	t->is_file = is_file_url(url);
	return t;
}

/* Copy what c asks for into t (c may be NULL). */
static void
transfer_call(struct transfer *t, const struct fetch_call *c)
{
	size_t i;

	if (c == NULL)
		return;
	t->form = copy_or_null(c->form);
	t->call_headers = xcalloc(c->nheaders + 1, sizeof(*t->call_headers));
	for (i = 0; i < c->nheaders; i++)
		t->call_headers[i] = xstrdup(c->headers[i]);
	t->ncall_headers = c->nheaders;
	t->no_redirects = c->no_redirects;
	if (c->max_body > 0 && c->max_body < t->max_body) {
		t->max_body = c->max_body;
		tbuf_free(&t->body);
		tbuf_init(&t->body, t->max_body);
	}
}

static void
transfer_free(struct transfer *t)
{
	if (t == NULL)
		return;
	if (t->easy != NULL)
		lc->easy_cleanup(t->easy);
	if (t->headers != NULL)
		lc->slist_free_all(t->headers);
	tbuf_free(&t->body);
	free(t->url);
	free(t->etag_in);
	free(t->last_modified_in);
	free(t->accept);
	free_secret(t->form);
	for (size_t i = 0; i < t->ncall_headers; i++)
		free_secret(t->call_headers[i]);
	free(t->call_headers);
	free(t);
}

static void
add_header(struct transfer *t, const char *name, const char *value)
{
	struct curl_slist *l;
	char *h;

	if (value == NULL || !header_value_ok(value))
		return;
	h = xasprintf("%s: %s", name, value);
	if ((l = lc->slist_append(t->headers, h)) == NULL)
		fatalx("out of memory");
	t->headers = l;
	free(h);
}

/* The POST body, the call's own headers and its redirect rule. */
static void
add_call(struct transfer *t)
{
	struct curl_slist *l;
	size_t i;

	if (t->form != NULL) {
		setopt_off(t->easy, CURLOPT_POSTFIELDSIZE_LARGE,
		    (curl_off_t)strlen(t->form));
		setopt_ptr(t->easy, CURLOPT_POSTFIELDS, t->form);
	}
	for (i = 0; i < t->ncall_headers; i++) {
		if (!header_line_ok(t->call_headers[i]))
			continue;
		if ((l = lc->slist_append(t->headers, t->call_headers[i])) == NULL)
			fatalx("out of memory");
		t->headers = l;
	}
	if (t->no_redirects)
		setopt_long(t->easy, CURLOPT_FOLLOWLOCATION, 0L);
}

/* Make t->easy ready to run. false (with t->setup) when it cannot start. */
static bool
transfer_setup(struct transfer *t, const struct fetch_limits *l)
{
	const struct fetch_libcurl *lib;
	CURL *e;

	/* every time: it initialises libcurl again after fetch_global_cleanup */
	if ((lib = fetch_libcurl()) == NULL) {
		t->setup = CURLE_FAILED_INIT;
		t->no_libcurl = true;
		return false;
	}
	lc = lib;
	if (strlen(t->url) > FETCH_MAX_URL) {
		t->setup = CURLE_URL_MALFORMAT;
		return false;
	}
	if ((e = t->easy = lc->easy_init()) == NULL)
		fatalx("cannot create a curl handle");
	setopt_ptr(e, CURLOPT_PRIVATE, t);
	setopt_ptr(e, CURLOPT_ERRORBUFFER, t->curl_msg);
	setopt_long(e, CURLOPT_NOSIGNAL, 1L);
	setopt_fn(e, CURLOPT_WRITEFUNCTION, on_body);
	setopt_ptr(e, CURLOPT_WRITEDATA, t);
	setopt_fn(e, CURLOPT_HEADERFUNCTION, on_header);
	setopt_ptr(e, CURLOPT_HEADERDATA, t);
	setopt_ptr(e, CURLOPT_USERAGENT, USER_AGENT);
	setopt_ptr(e, CURLOPT_ACCEPT_ENCODING, "");
	setopt_long(e, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_2TLS);
	setopt_long(e, CURLOPT_FOLLOWLOCATION, 1L);
	setopt_long(e, CURLOPT_MAXREDIRS, l->max_redirects);
	setopt_long(e, CURLOPT_CONNECTTIMEOUT_MS, l->connect_timeout_ms);
	setopt_long(e, CURLOPT_TIMEOUT_MS, l->timeout_ms);
	setopt_long(e, CURLOPT_LOW_SPEED_LIMIT, l->low_speed_limit);
	setopt_long(e, CURLOPT_LOW_SPEED_TIME, l->low_speed_time);
	setopt_off(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)l->max_body);
	setopt_long(e, CURLOPT_FILETIME, 1L);
	setopt_long(e, CURLOPT_BUFFERSIZE, RECV_BUFFER);
	if (setopt_ptr(e, CURLOPT_PROTOCOLS_STR, PROTOCOLS) != CURLE_OK ||
	    setopt_ptr(e, CURLOPT_REDIR_PROTOCOLS_STR, REDIR_PROTOCOLS) != CURLE_OK)
		fatalx("libcurl lacks http, https or file support");
	if ((t->setup = setopt_ptr(e, CURLOPT_URL, t->url)) != CURLE_OK)
		return false;

	if (t->accept != NULL)
		add_header(t, "Accept", t->accept);
	if (t->is_file) {
		/* curl compares the file's time itself */
		time_t when = t->last_modified_in != NULL ?
		    lc->getdate(t->last_modified_in, NULL) : -1;
		if (when > 0) {
			setopt_long(e, CURLOPT_TIMECONDITION, CURL_TIMECOND_IFMODSINCE);
			setopt_off(e, CURLOPT_TIMEVALUE_LARGE, when);
		}
	} else {
		/* sent back exactly as the server gave them */
		add_header(t, "If-None-Match", t->etag_in);
		add_header(t, "If-Modified-Since", t->last_modified_in);
	}
	add_call(t);
	if (t->headers != NULL)
		setopt_ptr(e, CURLOPT_HTTPHEADER, t->headers);
	return true;
}

/* A response header of the last request, copied when it is sane. */
static char *
last_header(CURL *e, const char *name)
{
	struct curl_header *h;

	if (lc->easy_header(e, name, 0, CURLH_HEADER, -1, &h) != CURLHE_OK)
		return NULL;
	return header_value_ok(h->value) ? xstrdup(h->value) : NULL;
}

static enum fetch_result
classify_curl(CURLcode code)
{
	size_t i;

	for (i = 0; i < sizeof(curl_results) / sizeof(curl_results[0]); i++)
		if (curl_results[i].code == code)
			return curl_results[i].result;
	return FETCH_NETWORK;
}

/* Set out->message to a sanitised "FMT..." (the text may quote a hostile URL). */
static void
set_message(struct fetch_response *out, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
set_message(struct fetch_response *out, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	free(out->message);
	out->message = text_sanitize_line(s);
	free(s);
}

/* The curl failure of t in words: our phrase, then curl's detail. */
static void
curl_message(struct fetch_response *out, const struct transfer *t, CURLcode code)
{
	const char *detail = t->curl_msg[0] != '\0' ? t->curl_msg :
	    lc->easy_strerror(code);

	set_message(out, "%s: %s", fetch_strerror(out->result), detail);
}

/* What curl knows of the response, whatever the outcome. */
static void
response_info(struct transfer *t, struct fetch_response *out)
{
	char *s = NULL;

	out->url = t->url;
	t->url = NULL;
	if (t->easy != NULL) {
		lc->easy_getinfo(t->easy, CURLINFO_EFFECTIVE_URL, &s);
		lc->easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &out->status);
		lc->easy_getinfo(t->easy, CURLINFO_REDIRECT_COUNT, &out->redirects);
	}
	out->final_url = xstrdup(s != NULL ? s : out->url);
	if (t->easy == NULL || t->setup != CURLE_OK)
		return;
	s = NULL;
	lc->easy_getinfo(t->easy, CURLINFO_CONTENT_TYPE, &s);
	if (s != NULL && header_value_ok(s))
		out->content_type = xstrdup(s);
	if (!t->is_file) {
		out->etag = last_header(t->easy, "ETag");
		out->last_modified = last_header(t->easy, "Last-Modified");
	}
}

/* Whether url is http:// or https:// (any case). */
static bool
is_http(const char *url)
{
	return strncasecmp(url, "http://", 7) == 0 ||
	    strncasecmp(url, "https://", 8) == 0;
}

/* A transfer curl could not complete (code != CURLE_OK), in our terms. */
static void
transfer_failed(const struct transfer *t, CURLcode code, struct fetch_response *out)
{
	if (t->no_libcurl) {
		out->result = FETCH_NETWORK;
		set_message(out, "%s", fetch_libcurl_error());
	} else if (t->setup != CURLE_OK) {
		out->result = FETCH_BAD_URL;
		curl_message(out, t, t->setup);
	} else if (code == CURLE_WRITE_ERROR && t->too_large) {
		out->result = FETCH_TOO_LARGE;
		set_message(out, "%s: more than %zu bytes", fetch_strerror(out->result),
		    t->max_body);
	} else if (code == CURLE_UNSUPPORTED_PROTOCOL && out->status >= 300 &&
	    out->status < 400) {
		/* curl stopped at the redirect: the effective URL is its target */
		out->result = FETCH_BAD_REDIRECT;
		set_message(out, "redirect to %s refused", out->final_url);
	} else if (code == CURLE_UNSUPPORTED_PROTOCOL && is_http(out->final_url)) {
		/* http(s) is always allowed: curl met an answer that is no HTTP
		 * (it calls a missing status line "HTTP/0.9") */
		out->result = FETCH_BAD_RESPONSE;
		curl_message(out, t, code);
	} else if (code == CURLE_OUT_OF_MEMORY) {
		/* libcurl 7.x reports headers past CURL_MAX_HTTP_HEADER as out
		 * of memory, without a message; a real out-of-memory in curl is
		 * far rarer (and ours is fatal anyway) */
		out->result = FETCH_BAD_RESPONSE;
		set_message(out, "%s: headers too large", fetch_strerror(out->result));
	} else {
		out->result = classify_curl(code);
		curl_message(out, t, code);
	}
}

/* A completed transfer: a body, "not modified", or an HTTP error status. */
static void
transfer_done(const struct transfer *t, struct fetch_response *out)
{
	curl_off_t when = -1;
	long unmet = 0;

	if (t->is_file) {
		lc->easy_getinfo(t->easy, CURLINFO_CONDITION_UNMET, &unmet);
		lc->easy_getinfo(t->easy, CURLINFO_FILETIME_T, &when);
		if (when >= 0)
			out->last_modified = text_http_date((time_t)when);
		out->result = unmet != 0 ? FETCH_NOT_MODIFIED : FETCH_OK;
	} else if (out->status == 304) {
		out->result = FETCH_NOT_MODIFIED;
	} else if (out->status >= 200 && out->status < 300) {
		out->result = FETCH_OK;
	} else {
		out->result = FETCH_HTTP_ERROR;
		if (t->reason[0] != '\0' && t->status == out->status)
			set_message(out, "HTTP %ld %s", out->status, t->reason);
		else
			set_message(out, "HTTP %ld", out->status);
		return;
	}
	/* only a redirect that led somewhere is worth reporting */
	out->moved = out->redirects > 0 && t->temporary == 0 &&
	    t->permanent >= out->redirects;
}

/* Turn the end of t (curl said code) into *out. On FETCH_OK t's body moves
 * to out. */
static void
finish(struct transfer *t, CURLcode code, struct fetch_response *out)
{
	memset(out, 0, sizeof(*out));
	tbuf_init(&out->body, t->max_body);
	response_info(t, out);
	if (t->setup != CURLE_OK || code != CURLE_OK)
		transfer_failed(t, code, out);
	else
		transfer_done(t, out);
	if (out->result == FETCH_OK) {
		tbuf_free(&out->body);
		out->body = t->body;
		tbuf_init(&t->body, t->max_body);
	}
}

enum fetch_result
fetch_get(const char *url, const struct fetch_request *req,
    struct fetch_response *out)
{
	struct fetch_limits dflt;
	const struct fetch_limits *l;
	struct transfer *t;
	CURLcode code = CURLE_OK;

	fetch_default_limits(&dflt);
	l = req != NULL && req->limits != NULL ? req->limits : &dflt;
	t = transfer_new(url, req != NULL ? &req->validators : NULL,
	    req != NULL ? req->accept : NULL, NULL, l->max_body);
	transfer_call(t, req != NULL ? req->call : NULL);
	if (transfer_setup(t, l))
		code = lc->easy_perform(t->easy);
	finish(t, code, out);
	transfer_free(t);
	return out->result;
}

/* ---- the multi handle ------------------------------------------------- */

struct fetch *
fetch_new(const struct fetch_limits *limits)
{
	struct fetch *f = xcalloc(1, sizeof(*f));

	if (limits != NULL)
		f->limits = *limits;
	else
		fetch_default_limits(&f->limits);
	return f;
}

/* f's multi handle, made by the first transfer that starts (libcurl is
 * loaded by then). */
static CURLM *
multi(struct fetch *f)
{
	if (f->multi != NULL)
		return f->multi;
	if ((f->multi = lc->multi_init()) == NULL)
		fatalx("cannot create a curl multi handle");
	lc->multi_setopt(f->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS,
	    (long)f->limits.max_parallel);
	lc->multi_setopt(f->multi, CURLMOPT_MAX_HOST_CONNECTIONS,
	    (long)f->limits.max_per_host);
	lc->multi_setopt(f->multi, CURLMOPT_PIPELINING, (long)CURLPIPE_MULTIPLEX);
	return f->multi;
}

static void
free_list(struct fetch *f, struct transfer *t, bool in_multi)
{
	struct transfer *next;

	for (; t != NULL; t = next) {
		next = t->next;
		if (in_multi)
			lc->multi_remove_handle(f->multi, t->easy);
		transfer_free(t);
	}
}

void
fetch_free(struct fetch *f)
{
	if (f == NULL)
		return;
	free_list(f, f->running, true);
	free_list(f, f->queue, false);
	free_list(f, f->failed, false);
	if (f->multi != NULL)
		lc->multi_cleanup(f->multi);
	free(f);
}

/* Move queued transfers into the multi handle while there is room. */
static void
start_queued(struct fetch *f)
{
	struct transfer *t;

	while (f->queue != NULL && f->nrunning < f->limits.max_parallel) {
		t = f->queue;
		if ((f->queue = t->next) == NULL)
			f->queue_tail = NULL;
		if (transfer_setup(t, &f->limits) &&
		    lc->multi_add_handle(multi(f), t->easy) == CURLM_OK) {
			t->next = f->running;
			f->running = t;
			f->nrunning++;
		} else {
			if (t->setup == CURLE_OK)
				t->setup = CURLE_FAILED_INIT;
			t->next = f->failed;
			f->failed = t;
		}
	}
}

/* Queue t and start what there is room for. */
static void
enqueue(struct fetch *f, struct transfer *t)
{
	t->f = f;
	if (f->queue_tail != NULL)
		f->queue_tail->next = t;
	else
		f->queue = t;
	f->queue_tail = t;
	f->npending++;
	start_queued(f);
}

void
fetch_add(struct fetch *f, const char *url, const struct fetch_validators *v,
    const char *accept, void *user)
{
	enqueue(f, transfer_new(url, v, accept, user, f->limits.max_body));
}

void
fetch_add_call(struct fetch *f, const char *url, const struct fetch_call *c,
    const char *accept, void *user)
{
	struct transfer *t = transfer_new(url, NULL, accept, user, f->limits.max_body);

	transfer_call(t, c);
	enqueue(f, t);
}

size_t
fetch_pending(const struct fetch *f)
{
	return f->npending;
}

/* fetch_wait before any transfer started: the extra fd alone. */
static bool
wait_fd(int fd, int timeout_ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	if (poll(&p, fd >= 0 ? 1 : 0, timeout_ms) <= 0)
		return false;
	return (p.revents & POLLIN) != 0;
}

bool
fetch_wait(struct fetch *f, int extra_fd, int timeout_ms)
{
	struct curl_waitfd w = { 0 };
	int numfds = 0;

	if (f->failed != NULL || f->backlog)
		timeout_ms = 0;		/* something to report already */
	if (f->multi == NULL)
		return wait_fd(extra_fd, timeout_ms);
	w.fd = extra_fd;
	w.events = CURL_WAIT_POLLIN;
	if (lc->multi_poll(f->multi, extra_fd >= 0 ? &w : NULL,
	    extra_fd >= 0 ? 1 : 0, timeout_ms, &numfds) != CURLM_OK)
		return false;
	return extra_fd >= 0 && (w.revents & CURL_WAIT_POLLIN) != 0;
}

static void
report(struct fetch *f, struct transfer *t, CURLcode code, fetch_done_fn done,
    void *arg)
{
	struct fetch_response res;

	f->buffered -= t->body.cap;	/* the body leaves the fetch */
	finish(t, code, &res);
	f->npending--;
	done(t->user, &res, arg);
	fetch_response_clear(&res);
	transfer_free(t);
}

/* Unlink t from the running list. */
static void
unlink_running(struct fetch *f, struct transfer *t)
{
	struct transfer **pp;

	for (pp = &f->running; *pp != NULL; pp = &(*pp)->next)
		if (*pp == t) {
			*pp = t->next;
			f->nrunning--;
			return;
		}
}

/* Let paused transfers go on while the fetch is under FETCH_MAX_BUFFERED,
 * and the biggest one in any case. */
static void
resume_paused(struct fetch *f)
{
	struct transfer *t;

	for (t = f->running; t != NULL; t = t->next)
		if (t->paused && (f->buffered < FETCH_MAX_BUFFERED ||
		    t == biggest(f))) {
			t->paused = false;
			lc->easy_pause(t->easy, CURLPAUSE_CONT);
		}
}

void
fetch_set_step_end(struct fetch *f, void (*fn)(void *arg), void *arg)
{
	f->step_end = fn;
	f->step_end_arg = arg;
}

static long
ms_since(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long)(now.tv_sec - start->tv_sec) * 1000 +
	    (long)(now.tv_nsec - start->tv_nsec) / 1000000;
}

/* Report the finished transfers curl has, until FETCH_STEP_MS have gone
 * by: whatever is left stays in curl's queue for the next step (backlog).
 * true when one was reported. */
static bool
report_finished(struct fetch *f, fetch_done_fn done, void *arg,
    const struct timespec *start)
{
	struct transfer *t;
	CURLMsg *m;
	CURLcode code;
	int left;
	bool any = false;

	while (!(f->backlog = any && ms_since(start) >= FETCH_STEP_MS) &&
	    (m = lc->multi_info_read(f->multi, &left)) != NULL) {
		if (m->msg != CURLMSG_DONE)
			continue;
		code = m->data.result;
		t = NULL;
		lc->easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&t);
		lc->multi_remove_handle(f->multi, m->easy_handle);
		unlink_running(f, t);
		report(f, t, code, done, arg);
		start_queued(f);
		any = true;
	}
	return any;
}

void
fetch_step(struct fetch *f, fetch_done_fn done, void *arg)
{
	struct transfer *t;
	struct timespec start;
	int running = 0;
	bool again = true;

	clock_gettime(CLOCK_MONOTONIC, &start);
	while (again) {
		again = false;
		while ((t = f->failed) != NULL) {
			f->failed = t->next;
			report(f, t, t->setup, done, arg);
		}
		if (f->multi == NULL)
			break;		/* nothing ever started */
		lc->multi_perform(f->multi, &running);
		/* after one that finished, let the new ones start now */
		again = report_finished(f, done, arg, &start) && !f->backlog;
	}
	if (f->multi != NULL)
		resume_paused(f);
	if (f->step_end != NULL)
		f->step_end(f->step_end_arg);
}

size_t
fetch_cancel(struct fetch *f, const void *user)
{
	struct transfer **lists[] = { &f->queue, &f->running, &f->failed };
	struct transfer **pp, *t;
	size_t i, n = 0;

	for (i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
		for (pp = lists[i]; (t = *pp) != NULL; ) {
			if (t->user != user) {
				pp = &t->next;
				continue;
			}
			*pp = t->next;
			if (lists[i] == &f->running) {
				lc->multi_remove_handle(f->multi, t->easy);
				f->nrunning--;
				f->buffered -= t->body.cap;
			}
			f->npending--;
			transfer_free(t);
			n++;
		}
	}
	f->queue_tail = NULL;
	for (t = f->queue; t != NULL; t = t->next)
		f->queue_tail = t;
	start_queued(f);
	return n;
}
