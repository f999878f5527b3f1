/*
 * fetch_private.h: what the files of src/fetch/ share and nothing outside
 * them needs. The public contract is include/fetch.h.
 *
 *   fetch.c    transfers: one blocking, or many on a multi handle
 *   libcurl.c  libcurl itself, loaded with dlopen on the first transfer
 *
 * The binary does not link libcurl: with its TLS, GSSAPI, LDAP, SSH and
 * compression libraries it costs every process several milliseconds of
 * dynamic loading, and most runs (--read FILE, --export FILE, --list, the
 * TUI until it fetches) never make a transfer. curl/curl.h still gives the
 * types and constants; the functions come through struct fetch_libcurl.
 */
#ifndef TIDINGS_FETCH_PRIVATE_H
#define TIDINGS_FETCH_PRIVATE_H

#include <time.h>

#include <curl/curl.h>

#include "fetch.h"

/* ---- libcurl.c -------------------------------------------------------- */

#define FETCH_LIBCURL_SONAME "libcurl.so.4"

/* The libcurl functions fetch.c calls, resolved with dlsym. */
struct fetch_libcurl {
	CURLcode (*global_init)(long flags);
	void (*global_cleanup)(void);
	CURL *(*easy_init)(void);
	void (*easy_cleanup)(CURL *e);
	CURLcode (*easy_setopt)(CURL *e, CURLoption opt, ...);
	CURLcode (*easy_perform)(CURL *e);
	CURLcode (*easy_getinfo)(CURL *e, CURLINFO info, ...);
	CURLHcode (*easy_header)(CURL *e, const char *name, size_t index,
	    unsigned int origin, int request, struct curl_header **h);
	const char *(*easy_strerror)(CURLcode code);
	struct curl_slist *(*slist_append)(struct curl_slist *l, const char *s);
	void (*slist_free_all)(struct curl_slist *l);
	time_t (*getdate)(const char *s, const time_t *unused);
	CURLM *(*multi_init)(void);
	CURLMcode (*multi_setopt)(CURLM *m, CURLMoption opt, ...);
	CURLMcode (*multi_cleanup)(CURLM *m);
	CURLMcode (*multi_add_handle)(CURLM *m, CURL *e);
	CURLMcode (*multi_remove_handle)(CURLM *m, CURL *e);
	CURLMcode (*multi_poll)(CURLM *m, struct curl_waitfd *extra,
	    unsigned int nextra, int timeout_ms, int *numfds);
	CURLMcode (*multi_perform)(CURLM *m, int *running);
	CURLMsg *(*multi_info_read)(CURLM *m, int *left);
	CURLcode (*easy_pause)(CURL *e, int bitmask);
};

/*
 * libcurl, ready for easy handles: loaded (once; it is never unloaded,
 * its atexit handlers must stay mapped) and curl_global_init'ed (again
 * after a fetch_global_cleanup()). NULL when it cannot be: then
 * fetch_libcurl_error() says why, e.g. "cannot load libcurl.so.4: ...",
 * and every later call fails the same way.
 */
const struct fetch_libcurl *fetch_libcurl(void);
/* Why fetch_libcurl() returned NULL; never NULL. */
const char *fetch_libcurl_error(void);

#endif
