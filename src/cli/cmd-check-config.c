/*
 * cmd-check-config.c: tidings --check-config prints every problem of the
 * config file as FILE:LINE: message and exits 1 when there is any.
 */
#include "config.h"

#include <stdio.h>

#include "cli.h"
#include "conf.h"

static int
check_config_exec(struct cli_run *r)
{
	struct conf c;
	size_t i;
	int rc;

	conf_load(&c, r->paths.config);
	for (i = 0; i < c.nerrors; i++)
		fprintf(stderr, "%s\n", cli_inert(c.errors[i]));
	if (c.nerrors_more > 0)
		fprintf(stderr, "tidings: %s: %s not shown\n",
		    cli_inert(r->paths.config),
		    cli_count((long long)c.nerrors_more, "more error", "more errors"));
	rc = c.nerrors > 0 ? 1 : 0;
	if (rc == 0)
		printf("%s: no problems\n", cli_inert(r->paths.config));
	conf_clear(&c);
	return rc;
}

static const struct cli_stage check_config_stage = { .what = "read the config file", .start = check_config_exec };
static const struct cli_stage *const check_config_stages[] = {
	&cli_stage_paths, &check_config_stage, NULL,
};

const struct cli_mode cli_mode_check_config = {
	.name = "check-config",
	.option = CLI_O_CHECK_CONFIG,
	.accepts = 0,
	.min_args = 0,
	.max_args = 0,
	.help =
"      --check-config\n"
"                   print every problem of the config file as\n"
"                   FILE:LINE: message; exit 1 when there is any\n",
	.stages = check_config_stages,
};
