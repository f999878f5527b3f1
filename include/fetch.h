/*
 * fetch: HTTP(S) and file:// transfers with libcurl. Knows nothing of what
 * the bytes mean (feed, readable) or where they go (store).
 *
 * Two ways in:
 * - fetch_get(): one blocking transfer, for `--export URL`, `--read URL`
 *   and `--add` discovery;
 * - a struct fetch: one curl multi handle carrying many transfers at once
 *   (at most max_parallel running, at most max_per_host to one host, the
 *   rest queued in order), driven from the caller's event loop with
 *   fetch_wait() and fetch_step(). No threads. Connections are kept alive
 *   and reused between the transfers of one struct fetch; HTTP/2 is used
 *   where a TLS server offers it.
 *
 * Every transfer ends with exactly one struct fetch_response: the body
 * (FETCH_OK), "not modified" (a 304 to the validators sent, or a file://
 * file older than them), or an error that names the HTTP status or curl's
 * message. Nothing from the network is trusted: the body is capped
 * (max_body, counted after decompression, so gzip bombs stop too),
 * redirects are capped and never leave http(s) for another scheme
 * (file://, ftp://...), and stalled or slow transfers time out.
 * Proxies come from the environment, as curl does by default.
 *
 * libcurl is not linked but loaded (dlopen) by the first transfer, so a
 * run that fetches nothing never pays for its libraries. When it cannot be
 * loaded, every transfer ends as FETCH_NETWORK with the message "cannot
 * load libcurl.so.4: " and the loader's reason; nothing else fails.
 */
#ifndef TIDINGS_FETCH_H
#define TIDINGS_FETCH_H

#include <stdbool.h>
#include <stddef.h>

#include "text.h"	/* struct tbuf is embedded in struct fetch_response */

/* ---- limits (the defaults of struct fetch_limits) --------------------- */

#define FETCH_MAX_BODY (64u << 20)	/* bytes of one (decoded) response; more is FETCH_TOO_LARGE */
#define FETCH_MAX_REDIRECTS 10		/* redirects followed; more is FETCH_TOO_MANY_REDIRECTS */
#define FETCH_CONNECT_TIMEOUT_MS 15000	/* to resolve and connect (and TLS) */
#define FETCH_TIMEOUT_MS 120000		/* the whole transfer, redirects included */
#define FETCH_LOW_SPEED_LIMIT 10	/* bytes per second... */
#define FETCH_LOW_SPEED_TIME 30		/* ...for this many seconds aborts as too slow */
#define FETCH_MAX_PARALLEL 16		/* transfers running at once in a struct fetch */
#define FETCH_MAX_PER_HOST 4		/* connections to one host */
#define FETCH_MAX_VALIDATOR 1024	/* bytes of an ETag or Last-Modified kept; longer are dropped */
#define FETCH_MAX_URL 8192		/* bytes of a URL accepted */
#define FETCH_MAX_HEADER 8192		/* bytes of a request header line a call may send */
#define FETCH_MAX_BUFFERED (1u << 20)	/* bytes of bodies the running transfers of
					 * one struct fetch hold together: past it all
					 * but the biggest pause until a step frees some.
					 * One feed ahead of the parser is enough to keep
					 * it busy; 2 MiB cost 600 KiB of peak RSS in a
					 * refresh for no speed (issue #15) */
#define FETCH_STEP_MS 50		/* one fetch_step() stops reporting after this
					 * long, so the caller's loop reads keys again */

/* Tests shorten the timeouts; the TUI may set max_parallel from the config.
 * Zero fields are not allowed: start from fetch_default_limits(). */
struct fetch_limits {
	size_t max_body;
	long max_redirects;
	long connect_timeout_ms;
	long timeout_ms;
	long low_speed_limit;		/* bytes per second */
	long low_speed_time;		/* seconds */
	unsigned max_parallel;
	unsigned max_per_host;
};
/* Fill *l with the FETCH_* defaults above. */
void fetch_default_limits(struct fetch_limits *l);

/* ---- results ---------------------------------------------------------- */

enum fetch_result {
	FETCH_OK,			/* 2xx (or a file read): body complete */
	FETCH_NOT_MODIFIED,		/* 304 to the validators sent: no body */
	FETCH_HTTP_ERROR,		/* the server answered 4xx/5xx (or another non-2xx): status says which */
	FETCH_TOO_LARGE,		/* the body passed max_body */
	FETCH_TOO_MANY_REDIRECTS,	/* more than max_redirects, or a loop */
	FETCH_BAD_REDIRECT,		/* a redirect to a scheme other than http(s), e.g. file:// */
	FETCH_BAD_URL,			/* not a valid http, https or file URL */
	FETCH_RESOLVE,			/* the host name could not be resolved */
	FETCH_CONNECT,			/* could not connect (refused, unreachable...) */
	FETCH_TLS,			/* TLS handshake or certificate failure */
	FETCH_TIMEOUT,			/* connect timeout, overall timeout or too slow */
	FETCH_NETWORK,			/* the transfer broke (reset, bad framing, bad encoding...) */
	FETCH_FILE,			/* a file:// URL that cannot be read */
	FETCH_BAD_RESPONSE		/* the server's answer is not HTTP (HTTP/0.9, garbage)
					 * or its headers pass curl's limit (CURL_MAX_HTTP_HEADER) */
};
/* A short phrase for r, e.g. "too many redirects". Never NULL. */
const char *fetch_strerror(enum fetch_result r);

/*
 * How one transfer ended. Every pointer is owned by the struct and freed by
 * fetch_response_clear(); a caller may take one over by setting it to NULL
 * (or, for the body, with tbuf_take()).
 */
struct fetch_response {
	enum fetch_result result;
	long status;		/* the last HTTP status (e.g. 200, 304, 404); 0 for file:// or none */
	struct tbuf body;	/* FETCH_OK: the decoded body (maybe empty); else empty */
	char *url;		/* the URL asked for */
	char *final_url;	/* after redirects; equals url when none (never NULL) */
	bool moved;		/* every redirect followed was permanent (301/308):
				 * final_url is the feed's new home. Nothing is rewritten here. */
	long redirects;		/* how many were followed */
	char *content_type;	/* Content-Type of the final response, else NULL */
	char *etag;		/* validators of the final response (also on a 304), else NULL */
	char *last_modified;
	char *message;		/* on error: a full phrase for the user, e.g. "HTTP 404 Not Found",
				 * "too slow: Operation too slow. Less than 10 bytes/sec transferred
				 * the last 30 seconds", "redirect to file:///etc/passwd refused";
				 * NULL on FETCH_OK and FETCH_NOT_MODIFIED */
};
/* Free everything in r and zero it; safe on a zeroed or cleared struct. */
void fetch_response_clear(struct fetch_response *r);

/* Validators to make a GET conditional; either may be NULL. For file://
 * URLs last_modified is compared with the file's time. */
struct fetch_validators {
	const char *etag;		/* sent as If-None-Match */
	const char *last_modified;	/* sent as If-Modified-Since */
};

/* ---- process setup ---------------------------------------------------- */

/* curl_global_cleanup, when a transfer loaded and initialised libcurl
 * (a later transfer initialises it again); call at exit. */
void fetch_global_cleanup(void);

/*
 * What an API call (sync) needs beyond a feed's GET; every field may be
 * zero. Everything is copied, and the form and header copies are wiped
 * when the transfer ends, as they may carry a password or a token.
 */
struct fetch_call {
	const char *form;	/* POST this application/x-www-form-urlencoded
				 * body; NULL: GET */
	const char *const *headers;	/* nheaders "Name: value" lines sent as
					 * they are (one with a control
					 * character is not sent) */
	size_t nheaders;
	bool no_redirects;	/* a 3xx is an answer, not followed: an
				 * Authorization header must not travel on */
	size_t max_body;	/* a lower cap than the limits' (0: theirs) */
};

/* ---- one blocking transfer ------------------------------------------- */

struct fetch_request {
	struct fetch_validators validators;	/* both NULL: unconditional */
	const struct fetch_limits *limits;	/* NULL: the defaults */
	const char *accept;	/* an Accept header value; NULL: curl's default */
	const struct fetch_call *call;	/* NULL: a plain GET */
};

/*
 * GET url (http, https or file) and wait for the end. req may be NULL.
 * *out is filled in every case (its result is also the return value) and
 * is the caller's: release it with fetch_response_clear().
 */
enum fetch_result fetch_get(const char *url, const struct fetch_request *req,
    struct fetch_response *out);

/* ---- many transfers on one multi handle ------------------------------- */

struct fetch;	/* fields live in src/fetch/fetch.c */

/* A new, empty multi handle with limits (NULL: the defaults; copied);
 * curl's own handle is made by the first transfer. Never fails (out of
 * memory is fatal). Release with fetch_free(). */
struct fetch *fetch_new(const struct fetch_limits *limits);
/* Abort every transfer still queued or running, without callbacks, and
 * release f. NULL does nothing. */
void fetch_free(struct fetch *f);

/*
 * Queue a GET of url; it starts as soon as fewer than max_parallel run.
 * v (may be NULL) is copied; accept as for fetch_request (copied; NULL:
 * curl's default). user comes back to the done callback unchanged. Never
 * fails: a bad URL is reported like any other failure by the next
 * fetch_step().
 */
void fetch_add(struct fetch *f, const char *url, const struct fetch_validators *v,
    const char *accept, void *user);

/* fetch_add() for an API call: a GET or POST of url as c says (c may be
 * NULL: a plain GET), with the same queueing, limits and report. */
void fetch_add_call(struct fetch *f, const char *url, const struct fetch_call *c,
    const char *accept, void *user);
/* Transfers added and not yet reported through a done callback. */
size_t fetch_pending(const struct fetch *f);

/*
 * Wait until curl has work to do, extra_fd (e.g. STDIN_FILENO; -1 for
 * none) is readable, a signal arrives, or timeout_ms passes (curl may
 * shorten it for its own timers). Returns true when extra_fd is readable.
 * With nothing pending it simply waits for extra_fd or the timeout.
 */
bool fetch_wait(struct fetch *f, int extra_fd, int timeout_ms);

/*
 * Move every transfer along without blocking and report each one that
 * finished: done(user, res, arg) once per transfer. res is freed after
 * done returns (done may take fields over, see struct fetch_response).
 * done may call fetch_add() (e.g. to follow up) but not fetch_step(),
 * fetch_wait() or fetch_free().
 */
typedef void (*fetch_done_fn)(void *user, struct fetch_response *res, void *arg);
void fetch_step(struct fetch *f, fetch_done_fn done, void *arg);
/* A step reports finished transfers for at most FETCH_STEP_MS (at least
 * one); the rest wait for the next step, and fetch_wait() does not sleep
 * while some do. */

/*
 * fn(arg) runs at the end of every fetch_step() on f, after its reports,
 * whoever called it (NULL: nothing runs). The refresh commits its batch
 * of saved feeds there, so no transaction stays open while the caller's
 * loop waits. One hook per fetch; setting another replaces it.
 */
void fetch_set_step_end(struct fetch *f, void (*fn)(void *arg), void *arg);

/* Drop every transfer queued or running with this user pointer, without a
 * callback (e.g. the reader left the page being fetched). Returns how many. */
size_t fetch_cancel(struct fetch *f, const void *user);

#endif
