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
#include <string.h>

#include "fetch_private.h"

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

static struct fetch_libcurl table;	/* written by load() only */
static enum { UNTRIED, LOADED, FAILED } state;
static bool initialised;		/* curl_global_init done, no cleanup since */
static char error[256];

/* dlopen and resolve every symbol; false with error[] set. */
static bool
load(void)
{
	void *lib, *sym;
	const char *why;
	size_t i;

	if ((lib = dlopen(FETCH_LIBCURL_SONAME, RTLD_NOW | RTLD_LOCAL)) == NULL) {
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
