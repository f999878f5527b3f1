/*
 * cmd-ui.c: `tidings` with no mode option: the interactive reader on the
 * user's files.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "text.h"
#include "ui.h"

static int
ui_exec(struct cli_run *r)
{
	struct ui_options uo;
	char *state;
	int rc;

	if (!text_make_dirs(r->paths.data_dir)) {
		fprintf(stderr, "tidings: cannot create %s: %s\n",
		    cli_inert(r->paths.data_dir), strerror(errno));
		return 1;
	}
	state = xasprintf("%s/ui-state", r->paths.data_dir);
	uo.urls = r->paths.urls;
	uo.config = r->paths.config;
	uo.cache = r->paths.cache;
	uo.state = state;
	rc = ui_run(&uo);
	free(state);
	return rc;
}

static const struct cli_stage ui_stage = { .what = "run the reader", .start = ui_exec };
static const struct cli_stage *const ui_stages[] = {
	&cli_stage_paths, &ui_stage, NULL,
};

const struct cli_mode cli_mode_ui = {
	.name = "",
	.option = 0,
	.accepts = 0,
	.min_args = 0,
	.max_args = 0,
	.help = "",
	.stages = ui_stages,
};
