/*
 * cmd-remove.c: tidings --remove URL unsubscribes and drops URL's cached
 * articles.
 */
#include "config.h"

#include <stdio.h>

#include "cli.h"
#include "store.h"
#include "subs.h"

static int
remove_exec(struct cli_run *r)
{
	const char *url = r->o->url;
	struct store *st;

	if (subs_remove(r->subs, url) != SUBS_OK) {
		fprintf(stderr, "tidings: %s is not subscribed\n", cli_inert(url));
		return 1;
	}
	if (cli_save_subs(r) != 0)
		return 1;
	printf("removed %s\n", cli_inert(url));
	if ((st = cli_open_cache(r)) != NULL) {
		enum store_result sr = store_delete_feed(st, url);

		if (sr != STORE_OK && sr != STORE_NOT_FOUND)
			fprintf(stderr, "tidings: %s\n", cli_inert(store_errmsg(st)));
		store_close(st);
	}
	return 0;
}

static const struct cli_stage remove_stage = {
	.what = "unsubscribe", .start = remove_exec,
};
static const struct cli_stage *const remove_stages[] = {
	&cli_stage_paths, &cli_stage_subs, &remove_stage, NULL,
};

const struct cli_mode cli_mode_remove = {
	.name = "remove",
	.option = CLI_O_REMOVE,
	.accepts = 0,
	.min_args = 0,
	.max_args = 0,
	.help =
"      --remove URL unsubscribe and drop URL's cached articles\n",
	.stages = remove_stages,
};
