/*
 * cmd-list.c: tidings --list prints one subscription a line, tab-separated:
 * URL, title, tags (comma separated), articles, unread, last refresh.
 * With none it says so on stderr and exits 0. newsboat's query:, exec:
 * and filter: lines, which tidings keeps but does not run, get a line of
 * their own whose status says "not supported".
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "store.h"
#include "subs.h"
#include "text.h"

/* "updated, 3 new", "not modified", "failed: HTTP 404", "never refreshed" */
static char *
status_only(const struct store_feed *f)
{
	switch (f->status) {
	case STORE_NEVER:
		return xstrdup("never refreshed");
	case STORE_UPDATED:
		return xasprintf("updated, %lld new", f->last_new);
	case STORE_NOT_MODIFIED:
		return xstrdup("not modified");
	case STORE_FAILED:
		return xasprintf("failed: %s", cli_inert(f->error));
	}
	return xstrdup("?");
}

/* The status, and the feed's warning when its last refresh left one. */
static char *
status_text(const struct store_feed *f)
{
	char *s, *w;

	if (f->status == STORE_FAILED || f->warning == NULL)
		return status_only(f);
	/* a feed read only in part (a cap, a repair) says so */
	s = status_only(f);
	w = xasprintf("%s; warning: %s", s, cli_inert(f->warning));
	free(s);
	return w;
}

/* "not supported (query feed)" for a line tidings does not run, else NULL */
static char *
unsupported_text(const struct subs_feed *f)
{
	switch (f->kind) {
	case SUBS_KIND_URL:
		return NULL;
	case SUBS_KIND_QUERY:
		return xstrdup("not supported (query feed)");
	case SUBS_KIND_EXEC:
		return xstrdup("not supported (exec feed)");
	case SUBS_KIND_FILTER:
		return xstrdup("not supported (filter feed)");
	}
	return xstrdup("not supported");
}

static void
print_feed(const struct subs_feed *f, struct store *st)
{
	struct store_feed sf;
	char *status = unsupported_text(f);
	bool cached = status == NULL && st != NULL &&
	    store_get_feed(st, f->url, &sf) == STORE_OK;

	if (status == NULL)
		status = cached ? status_text(&sf) : xstrdup("never refreshed");
	size_t j;

	printf("%s\t", cli_inert(f->url));
	printf("%s\t", cli_inert(f->title != NULL ? f->title :
	    cached && sf.title != NULL ? sf.title : ""));
	for (j = 0; j < f->ntags; j++)
		printf("%s%s", j ? "," : "", cli_inert(f->tags[j]));
	printf("\t%lld\t%lld\t%s\n", cached ? sf.nitems : 0,
	    cached ? sf.nunread : 0, status);
	free(status);
	if (cached)
		store_feed_clear(&sf);
}

static int
list_exec(struct cli_run *r)
{
	struct store *st;
	size_t i;

	for (i = 0; i < subs_nproblems(r->subs); i++)
		fprintf(stderr, "tidings: %s: %s\n", cli_inert(r->paths.urls),
		    cli_inert(subs_problem(r->subs, i)));
	if (subs_count_all(r->subs) == 0) {
		fprintf(stderr, "tidings: no subscriptions in %s (add one with "
		    "tidings --add URL)\n", cli_inert(r->paths.urls));
		return 0;
	}
	st = cli_open_cache(r);
	for (i = 0; i < subs_count_all(r->subs); i++)
		print_feed(subs_get_all(r->subs, i), st);
	store_close(st);
	return st == NULL ? 1 : 0;
}

static const struct cli_stage list_stage = {
	.what = "list the subscriptions", .start = list_exec,
};
static const struct cli_stage *const list_stages[] = {
	&cli_stage_paths, &cli_stage_subs, &list_stage, NULL,
};

const struct cli_mode cli_mode_list = {
	.name = "list",
	.option = CLI_O_LIST,
	.accepts = 0,
	.min_args = 0,
	.max_args = 0,
	.help =
"      --list       list the subscriptions, tab-separated: URL, title,\n"
"                   tags, articles, unread, last refresh\n",
	.stages = list_stages,
};
