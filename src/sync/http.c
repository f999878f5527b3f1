/*
 * http.c: the sync engine's transfers. A sync needs what fetch does not
 * offer yet: POST bodies and an Authorization header. So the engine runs
 * its requests here, one at a time, on a curl multi handle of its own,
 * with libcurl as fetch loads it (fetch_libcurl()) and fetch's limits and
 * result codes. When fetch gains requests with a method, a body and
 * headers, this file goes and the engine's transfers join the caller's
 * struct fetch.
 *
 * Redirects are not followed: the Authorization header must not go to
 * another host, and an API that moved is a configuration to fix.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../fetch/fetch_private.h"
#include "sync_private.h"
#include "text.h"

#define USER_AGENT "tidings/" PACKAGE_VERSION
#define PROTOCOLS "http,https"

struct sync_http {
	const struct fetch_libcurl *lc;
	CURLM *multi;
	CURL *easy;		/* the running request, else NULL */
	struct fetch_limits limits;
	char **headers;		/* the config's lines */
	size_t nheaders;
	struct curl_slist *slist;	/* this request's headers */
	char *url, *form;	/* this request's */
	struct tbuf body;
	bool too_large;
	CURLcode setup;		/* why it could not start, else CURLE_OK */
	char curl_msg[CURL_ERROR_SIZE];
};

struct sync_http *
sync_http_new(const struct fetch_limits *l, const char *const *headers,
    size_t n)
{
	struct sync_http *h = xcalloc(1, sizeof(*h));
	size_t i;

	if (l != NULL)
		h->limits = *l;
	else
		fetch_default_limits(&h->limits);
	if (h->limits.max_body > SYNC_MAX_BODY)
		h->limits.max_body = SYNC_MAX_BODY;
	h->headers = xcalloc(n + 1, sizeof(*h->headers));
	for (i = 0; i < n; i++)
		h->headers[i] = xstrdup(headers[i]);
	h->nheaders = n;
	return h;
}

/* Drop the running request, if any. */
static void
request_end(struct sync_http *h)
{
	if (h->easy != NULL) {
		h->lc->multi_remove_handle(h->multi, h->easy);
		h->lc->easy_cleanup(h->easy);
		h->easy = NULL;
	}
	if (h->slist != NULL)
		h->lc->slist_free_all(h->slist);
	h->slist = NULL;
	free(h->url);
	h->url = NULL;
	if (h->form != NULL) {
		explicit_bzero(h->form, strlen(h->form));	/* may hold the password */
		free(h->form);
	}
	h->form = NULL;
	tbuf_free(&h->body);
}

void
sync_http_free(struct sync_http *h)
{
	size_t i;

	if (h == NULL)
		return;
	request_end(h);
	if (h->multi != NULL)
		h->lc->multi_cleanup(h->multi);
	for (i = 0; i < h->nheaders; i++)
		free(h->headers[i]);
	free(h->headers);
	free(h);
}

bool
sync_http_busy(const struct sync_http *h)
{
	return h->url != NULL;
}

static size_t
on_body(char *p, size_t size, size_t n, void *arg)
{
	struct sync_http *h = arg;

	if (!tbuf_add(&h->body, p, size * n)) {
		h->too_large = true;
		return 0;	/* curl ends the transfer: CURLE_WRITE_ERROR */
	}
	return size * n;
}

static void
add_header(struct sync_http *h, const char *line)
{
	struct curl_slist *l = h->lc->slist_append(h->slist, line);

	if (l == NULL)
		fatalx("out of memory adding a header");
	h->slist = l;
}

/* Make the easy handle; false (h->setup) when it cannot start. */
static bool
request_setup(struct sync_http *h, const char *auth)
{
	const struct fetch_limits *l = &h->limits;
	CURL *e;
	char *line;
	size_t i;

	if ((h->lc = fetch_libcurl()) == NULL) {
		h->setup = CURLE_FAILED_INIT;
		return false;
	}
	if (h->multi == NULL && (h->multi = h->lc->multi_init()) == NULL)
		fatalx("cannot create a curl multi handle");
	if ((e = h->easy = h->lc->easy_init()) == NULL)
		fatalx("cannot create a curl handle");
	h->lc->easy_setopt(e, CURLOPT_ERRORBUFFER, h->curl_msg);
	h->lc->easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	h->lc->easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
	h->lc->easy_setopt(e, CURLOPT_WRITEDATA, h);
	h->lc->easy_setopt(e, CURLOPT_USERAGENT, USER_AGENT);
	h->lc->easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
	h->lc->easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, l->connect_timeout_ms);
	h->lc->easy_setopt(e, CURLOPT_TIMEOUT_MS, l->timeout_ms);
	h->lc->easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, l->low_speed_limit);
	h->lc->easy_setopt(e, CURLOPT_LOW_SPEED_TIME, l->low_speed_time);
	h->lc->easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)l->max_body);
	if (h->lc->easy_setopt(e, CURLOPT_PROTOCOLS_STR, PROTOCOLS) != CURLE_OK)
		fatalx("libcurl lacks http or https support");
	if (h->form != NULL) {
		h->lc->easy_setopt(e, CURLOPT_POSTFIELDS, h->form);
		h->lc->easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE,
		    (curl_off_t)strlen(h->form));
	}
	for (i = 0; i < h->nheaders; i++)
		add_header(h, h->headers[i]);
	if (auth != NULL) {
		line = xasprintf("Authorization: %s", auth);
		add_header(h, line);
		explicit_bzero(line, strlen(line));
		free(line);
	}
	if (h->slist != NULL)
		h->lc->easy_setopt(e, CURLOPT_HTTPHEADER, h->slist);
	if ((h->setup = h->lc->easy_setopt(e, CURLOPT_URL, h->url)) != CURLE_OK)
		return false;
	if (h->lc->multi_add_handle(h->multi, e) != CURLM_OK)
		fatalx("cannot add a curl handle");
	return true;
}

void
sync_http_start(struct sync_http *h, const struct sync_request *req)
{
	request_end(h);
	h->url = xstrdup(req->url);
	h->form = req->form != NULL ? xstrdup(req->form) : NULL;
	h->too_large = false;
	h->setup = CURLE_OK;
	h->curl_msg[0] = '\0';
	tbuf_init(&h->body, h->limits.max_body);
	(void)request_setup(h, req->auth);
}

bool
sync_http_wait(struct sync_http *h, int extra_fd, int timeout_ms)
{
	struct curl_waitfd w = { .fd = extra_fd, .events = CURL_WAIT_POLLIN };
	int n;

	if (h->easy == NULL || h->multi == NULL) {
		/* nothing runs: the next step reports at once */
		return false;
	}
	if (h->lc->multi_poll(h->multi, extra_fd >= 0 ? &w : NULL,
	    extra_fd >= 0 ? 1 : 0, timeout_ms, &n) != CURLM_OK)
		return false;
	return extra_fd >= 0 && (w.revents & CURL_WAIT_POLLIN) != 0;
}

static void __attribute__((format(printf, 2, 3)))
set_message(struct fetch_response *out, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	out->message = text_sanitize_line(s);
	free(s);
}

/* curl's code in fetch's terms. */
static enum fetch_result
classify(CURLcode code)
{
	switch (code) {
	case CURLE_UNSUPPORTED_PROTOCOL:
	case CURLE_URL_MALFORMAT:
		return FETCH_BAD_URL;
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
		return FETCH_RESOLVE;
	case CURLE_COULDNT_CONNECT:
		return FETCH_CONNECT;
	case CURLE_OPERATION_TIMEDOUT:
		return FETCH_TIMEOUT;
	case CURLE_FILESIZE_EXCEEDED:
		return FETCH_TOO_LARGE;
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_PEER_FAILED_VERIFICATION:
		return FETCH_TLS;
	case CURLE_WEIRD_SERVER_REPLY:
		return FETCH_BAD_RESPONSE;
	default:
		return FETCH_NETWORK;
	}
}

/* The end of the request (curl said code) into *out. */
static void
finish(struct sync_http *h, CURLcode code, struct fetch_response *out)
{
	memset(out, 0, sizeof(*out));
	out->url = xstrdup(h->url);
	out->final_url = xstrdup(h->url);
	if (h->easy != NULL)
		h->lc->easy_getinfo(h->easy, CURLINFO_RESPONSE_CODE, &out->status);
	if (h->setup != CURLE_OK || h->lc == NULL) {
		out->result = h->lc == NULL ? FETCH_NETWORK : FETCH_BAD_URL;
		set_message(out, "%s", h->lc == NULL ? fetch_libcurl_error() :
		    "not a valid http(s) URL");
	} else if (code == CURLE_WRITE_ERROR && h->too_large) {
		out->result = FETCH_TOO_LARGE;
		set_message(out, "%s: more than %zu bytes",
		    fetch_strerror(out->result), h->limits.max_body);
	} else if (code != CURLE_OK) {
		out->result = classify(code);
		/* curl's text names the host at most, never the body */
		set_message(out, "%s: %s", fetch_strerror(out->result),
		    h->curl_msg[0] != '\0' ? h->curl_msg :
		    h->lc->easy_strerror(code));
	} else if (out->status >= 200 && out->status < 300) {
		out->result = FETCH_OK;
		out->body = h->body;
		memset(&h->body, 0, sizeof(h->body));
	} else {
		out->result = FETCH_HTTP_ERROR;
		set_message(out, "HTTP %ld", out->status);
	}
	request_end(h);
}

bool
sync_http_step(struct sync_http *h, struct fetch_response *out)
{
	CURLMsg *m;
	int running, left;

	if (h->url == NULL)
		return false;
	if (h->easy == NULL || h->setup != CURLE_OK) {
		finish(h, CURLE_FAILED_INIT, out);
		return true;
	}
	h->lc->multi_perform(h->multi, &running);
	while ((m = h->lc->multi_info_read(h->multi, &left)) != NULL)
		if (m->msg == CURLMSG_DONE && m->easy_handle == h->easy) {
			finish(h, m->data.result, out);
			return true;
		}
	return false;
}
