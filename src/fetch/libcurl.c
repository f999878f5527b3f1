/*
 * libcurl.c: libcurl loaded at run time, on the first transfer.
 *
 * dlopen() once, every function fetch.c uses resolved into one table,
 * then curl_global_init(). A missing library or symbol is no crash: it
 * is remembered as a message, and each transfer fails with it.
 */
#include "config.h"

#include <dlfcn.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fetch_private.h"
#include "text.h"

/* Each field of struct fetch_libcurl and the symbol that fills it. */
static const struct {
	const char *name;
	size_t offset;
} symbols[] = {
	{ "curl_global_init", offsetof(struct fetch_libcurl, global_init) },
	{ "curl_global_cleanup", offsetof(struct fetch_libcurl, global_cleanup) },
	{ "curl_easy_init", offsetof(struct fetch_libcurl, easy_init) },
	{ "curl_easy_cleanup", offsetof(struct fetch_libcurl, easy_cleanup) },
	{ "curl_easy_setopt", offsetof(struct fetch_libcurl, easy_setopt) },
	{ "curl_easy_perform", offsetof(struct fetch_libcurl, easy_perform) },
	{ "curl_easy_getinfo", offsetof(struct fetch_libcurl, easy_getinfo) },
	{ "curl_easy_header", offsetof(struct fetch_libcurl, easy_header) },
	{ "curl_easy_strerror", offsetof(struct fetch_libcurl, easy_strerror) },
	{ "curl_slist_append", offsetof(struct fetch_libcurl, slist_append) },
	{ "curl_slist_free_all", offsetof(struct fetch_libcurl, slist_free_all) },
	{ "curl_getdate", offsetof(struct fetch_libcurl, getdate) },
	{ "curl_multi_init", offsetof(struct fetch_libcurl, multi_init) },
	{ "curl_multi_setopt", offsetof(struct fetch_libcurl, multi_setopt) },
	{ "curl_multi_cleanup", offsetof(struct fetch_libcurl, multi_cleanup) },
	{ "curl_multi_add_handle", offsetof(struct fetch_libcurl, multi_add_handle) },
	{ "curl_multi_remove_handle", offsetof(struct fetch_libcurl, multi_remove_handle) },
	{ "curl_multi_poll", offsetof(struct fetch_libcurl, multi_poll) },
	{ "curl_multi_perform", offsetof(struct fetch_libcurl, multi_perform) },
	{ "curl_multi_info_read", offsetof(struct fetch_libcurl, multi_info_read) },
	{ "curl_easy_pause", offsetof(struct fetch_libcurl, easy_pause) },
};

/*
 * Debian's libcurl (OpenSSL) also pulls in GnuTLS through librtmp and
 * libldap, and GnuTLS initialises itself from a load-time constructor:
 * its priorities, p11-kit's module list, its RNG, about 850 KiB of pages
 * touched (issue #15's RSS breakdown) for a library tidings never uses
 * (PROTOCOLS has no rtmp or ldap; both call gnutls_global_init()
 * themselves before they would use it). The variable, read by that
 * constructor, turns the implicit initialisation off for our dlopen.
 */
#define GNUTLS_NO_INIT_ENV "GNUTLS_NO_IMPLICIT_INIT"

static struct fetch_libcurl table;	/* written by load() only */
static enum { UNTRIED, LOADED, FAILED } state;
static bool initialised;		/* curl_global_init done, no cleanup since */
static char error[256];

/* dlopen(FETCH_LIBCURL_SONAME) with GNUTLS_NO_INIT_ENV set for the call
 * only: the environment our children see is the one we were given. */
static void *
open_libcurl(void)
{
	const char *was = getenv(GNUTLS_NO_INIT_ENV);
	char *saved = was != NULL ? xstrdup(was) : NULL;
	void *lib;

	setenv(GNUTLS_NO_INIT_ENV, "1", 1);
	/* lazy: libcurl and its dozen libraries bind a function when it is
	 * first called, not all of them now (190 KiB fewer pages touched);
	 * the functions we call are resolved by load() anyway */
	lib = dlopen(FETCH_LIBCURL_SONAME, RTLD_LAZY | RTLD_LOCAL);
	if (saved != NULL)
		setenv(GNUTLS_NO_INIT_ENV, saved, 1);
	else
		unsetenv(GNUTLS_NO_INIT_ENV);
	free(saved);
	return lib;
}

/* dlopen and resolve every symbol; false with error[] set. */
static bool
load(void)
{
	void *lib, *sym;
	const char *why;
	size_t i;

	if ((lib = open_libcurl()) == NULL) {
		why = dlerror();
		snprintf(error, sizeof(error), "cannot load %s: %s",
		    FETCH_LIBCURL_SONAME, why != NULL ? why : "unknown error");
		return false;
	}
	for (i = 0; i < sizeof(symbols) / sizeof(symbols[0]); i++) {
		if ((sym = dlsym(lib, symbols[i].name)) == NULL) {
			why = dlerror();
			snprintf(error, sizeof(error), "cannot load %s: %s",
			    FETCH_LIBCURL_SONAME, why != NULL ? why : symbols[i].name);
			return false;	/* never dlclose: see fetch_libcurl() */
		}
		/* POSIX: a function pointer has the representation of a void * */
		memcpy((char *)&table + symbols[i].offset, &sym, sizeof(sym));
	}
	return true;
}

const struct fetch_libcurl *
fetch_libcurl(void)
{
	if (state == UNTRIED)
		state = load() ? LOADED : FAILED;
	if (state == FAILED)
		return NULL;
	if (!initialised) {
		if (table.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
			snprintf(error, sizeof(error), "cannot initialise libcurl");
			return NULL;
		}
		initialised = true;
	}
	return &table;
}

const char *
fetch_libcurl_error(void)
{
	return error[0] != '\0' ? error : "libcurl not loaded";
}

void
fetch_global_cleanup(void)
{
	if (!initialised)
		return;
	table.global_cleanup();
	initialised = false;
}
