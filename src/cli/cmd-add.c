/*
 * cmd-add.c: tidings --add URL|PATH [TAG...] subscribes to a feed, or to
 * the first working feed a page names that is not subscribed yet
 * (include/discover.h), with the tags given. The feed's items go into the
 * cache at once, from the same fetch. Says which feed it chose and lists
 * the others; exit 1 with what was and was not done when the cache could
 * not take the items.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "discover.h"
#include "feed.h"
#include "store.h"
#include "subs.h"

static bool
subscribed(const char *url, void *arg)
{
	return subs_find(arg, url) != NULL;
}

/* Why discovery found nothing to add; always 1. */
static int
no_candidate(const struct cli_run *r, const struct discover_outcome *o)
{
	const char *input = r->o->url;
	size_t i;

	switch (o->status) {
	case DISCOVER_FETCH_FAILED:
		fprintf(stderr, "tidings: cannot fetch %s: %s\n", cli_inert(input),
		    cli_inert(o->error));
		break;
	case DISCOVER_NO_FEED:
		fprintf(stderr, "tidings: no feed found at %s (%s; it names no "
		    "feed)\n", cli_inert(input), cli_inert(o->error));
		break;
	case DISCOVER_ALL_FAILED:
		fprintf(stderr, "tidings: %s: %s:\n", cli_inert(input),
		    discover_strerror(o->status));
		for (i = 0; i < o->n; i++)
			fprintf(stderr, "  %s: %s\n", cli_inert(o->v[i].url),
			    cli_inert(o->v[i].error));
		break;
	case DISCOVER_OK:	/* every working one is subscribed already */
		i = (size_t)discover_pick(o, NULL, NULL);
		if (o->is_feed)
			fprintf(stderr, "tidings: %s is subscribed already\n",
			    cli_inert(o->v[i].url));
		else
			fprintf(stderr, "tidings: %s is subscribed already "
			    "(found at %s)\n", cli_inert(o->v[i].url),
			    cli_inert(input));
		break;
	}
	return 1;
}

/* The page's other feeds, each with what became of it. */
static void
list_others(const struct cli_run *r, const struct discover_outcome *o,
    size_t chosen)
{
	size_t i;

	if (o->n < 2)
		return;
	printf("the page also names:\n");
	for (i = 0; i < o->n; i++) {
		const struct discover_candidate *c = &o->v[i];

		if (i == chosen)
			continue;
		printf("  %s", cli_inert(c->url));
		if (c->title != NULL)
			printf(" (%s)", cli_inert(c->title));
		if (!c->ok)
			printf(": %s", cli_inert(c->error));
		else if (subscribed(c->url, r->subs))
			printf(": subscribed already");
		putchar('\n');
	}
}

/* Put the chosen feed's items in the cache; 0, or 1 after saying that the
 * subscription stands but its articles wait for a refresh. */
static int
cache_items(const struct cli_run *r, const struct discover_candidate *c)
{
	struct store *st = cli_open_cache(r);
	enum store_result sr = STORE_OK;

	if (st != NULL)
		sr = store_save_feed(st, c->url, c->feed, c->etag,
		    c->last_modified, (int64_t)time(NULL), NULL);
	if (st != NULL && sr != STORE_OK)
		fprintf(stderr, "tidings: %s\n", cli_inert(store_errmsg(st)));
	store_close(st);
	if (st != NULL && sr == STORE_OK)
		return 0;
	fprintf(stderr, "tidings: %s is subscribed, but its articles were not "
	    "cached; they come with the next refresh\n", cli_inert(c->url));
	return 1;
}

static int
add_chosen(struct cli_run *r, const struct discover_outcome *o, size_t i)
{
	const struct discover_candidate *c = &o->v[i];
	enum subs_result sr;

	sr = subs_add(r->subs, c->url, (const char *const *)r->o->args,
	    (size_t)r->o->nargs, NULL);
	if (sr != SUBS_OK) {
		fprintf(stderr, "tidings: cannot add %s: %s\n", cli_inert(c->url),
		    subs_strerror(sr));
		return 1;
	}
	if (cli_save_subs(r) != 0)
		return 1;
	printf("added %s", cli_inert(c->url));
	if (c->title != NULL)
		printf(" \"%s\"", cli_inert(c->title));
	printf(" (%s)\n", cli_count((long long)c->nitems, "article", "articles"));
	if (c->moved_from != NULL)
		printf("note: %s moved permanently to %s; the new address is "
		    "subscribed\n", cli_inert(c->moved_from), cli_inert(c->url));
	if (c->feed != NULL && c->feed->warning != NULL)
		fprintf(stderr, "tidings: %s: warning: %s\n", cli_inert(c->url),
		    cli_inert(c->feed->warning));
	list_others(r, o, i);
	return cache_items(r, c);
}

static int
add_exec(struct cli_run *r)
{
	const char *input = r->o->url;
	struct discover *d;
	const struct discover_outcome *o;
	long i;
	int rc;

	if (subs_find(r->subs, input) != NULL) {
		fprintf(stderr, "tidings: %s is subscribed already\n", cli_inert(input));
		return 1;
	}
	d = discover_run(input, 0, NULL);
	o = discover_outcome(d);
	i = o->status == DISCOVER_OK ? discover_pick(o, subscribed, r->subs) : -1;
	rc = i < 0 ? no_candidate(r, o) : add_chosen(r, o, (size_t)i);
	discover_free(d);
	return rc;
}

static const struct cli_stage add_stage = {
	.what = "find and subscribe to the feed", .start = add_exec,
};
static const struct cli_stage *const add_stages[] = {
	&cli_stage_paths, &cli_stage_subs, &add_stage, NULL,
};

const struct cli_mode cli_mode_add = {
	.name = "add",
	.option = CLI_O_ADD,
	.accepts = 0,
	.min_args = 0,
	.max_args = -1,
	.help =
"      --add URL|FILE [TAG...]\n"
"                   subscribe to a feed, or to the first feed a page names\n"
"                   that is not subscribed yet (the others are listed)\n",
	.stages = add_stages,
};
