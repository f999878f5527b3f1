/*
 * stages.c: the stages and helpers several modes share: the XDG paths, the
 * urls file, the cache, and inert messages.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "store.h"
#include "subs.h"
#include "text.h"

/* Strings made by cli_inert() and cli_count(), reused in turn. */
static char *
slot(char *s)
{
	static char *slots[CLI_INERT_SLOTS];
	static size_t next;

	free(slots[next]);
	slots[next] = s;
	next = (next + 1) % CLI_INERT_SLOTS;
	return s;
}

const char *
cli_inert(const char *s)
{
	return slot(text_sanitize_line(s != NULL ? s : ""));
}

const char *
cli_count(long long n, const char *one, const char *many)
{
	return slot(xasprintf("%lld %s", n, n == 1 ? one : many));
}

/* $VAR/tidings when VAR is an absolute path (the XDG rule: relative values
 * are ignored), else $HOME/fallback/tidings. */
static char *
xdg_dir(const char *var, const char *fallback)
{
	const char *v = getenv(var), *home = getenv("HOME");

	if (v != NULL && v[0] == '/')
		return xasprintf("%s/tidings", v);
	if (home == NULL || home[0] == '\0')
		fatalx("neither $%s nor $HOME is set", var);
	return xasprintf("%s/%s/tidings", home, fallback);
}

static int
paths_start(struct cli_run *r)
{
	struct cli_paths *p = &r->paths;

	p->config_dir = xdg_dir("XDG_CONFIG_HOME", ".config");
	p->data_dir = xdg_dir("XDG_DATA_HOME", ".local/share");
	p->urls = xasprintf("%s/urls", p->config_dir);
	p->config = xasprintf("%s/config", p->config_dir);
	p->cache = xasprintf("%s/cache.db", p->data_dir);
	return 0;
}

static void
paths_undo(struct cli_run *r)
{
	struct cli_paths *p = &r->paths;

	free(p->config_dir);
	free(p->data_dir);
	free(p->urls);
	free(p->config);
	free(p->cache);
	memset(p, 0, sizeof(*p));
}

const struct cli_stage cli_stage_paths = {
	.what = "resolve the XDG paths", .start = paths_start, .undo = paths_undo,
};

static int
subs_start(struct cli_run *r)
{
	enum subs_result sr = subs_load(r->paths.urls, &r->subs);

	if (sr == SUBS_OK)
		return 0;
	fprintf(stderr, "tidings: %s: %s%s%s\n", cli_inert(r->paths.urls),
	    subs_strerror(sr), sr == SUBS_IO_ERROR ? ": " : "",
	    sr == SUBS_IO_ERROR ? strerror(errno) : "");
	return 1;
}

static void
subs_undo(struct cli_run *r)
{
	subs_free(r->subs);
	r->subs = NULL;
}

const struct cli_stage cli_stage_subs = {
	.what = "load the subscriptions", .start = subs_start, .undo = subs_undo,
};

struct store *
cli_open_cache(const struct cli_run *r)
{
	struct store *st = NULL;
	char *why = NULL;

	if (!text_make_dirs(r->paths.data_dir)) {
		fprintf(stderr, "tidings: cannot create %s: %s\n",
		    cli_inert(r->paths.data_dir), strerror(errno));
		return NULL;
	}
	if (store_open(r->paths.cache, &st, &why) != STORE_OK) {
		fprintf(stderr, "tidings: %s\n", cli_inert(why));
		free(why);
		return NULL;
	}
	return st;
}

static int
cache_start(struct cli_run *r)
{
	return (r->st = cli_open_cache(r)) != NULL ? 0 : 1;
}

static void
cache_undo(struct cli_run *r)
{
	store_close(r->st);
	r->st = NULL;
}

const struct cli_stage cli_stage_cache = {
	.what = "open the cache", .start = cache_start, .undo = cache_undo,
};

int
cli_save_subs(struct cli_run *r)
{
	if (!text_make_dirs(r->paths.config_dir)) {
		fprintf(stderr, "tidings: cannot create %s: %s\n",
		    cli_inert(r->paths.config_dir), strerror(errno));
		return 1;
	}
	enum subs_result sr = subs_save(r->subs, r->paths.urls);

	if (sr == SUBS_OK)
		return 0;
	/* the refusals say more than errno: "read-only", "dangling link" */
	fprintf(stderr, "tidings: cannot write %s: %s\n", cli_inert(r->paths.urls),
	    sr == SUBS_IO_ERROR ? strerror(errno) : subs_strerror(sr));
	return 1;
}
