/*
 * main.c: the stage runner. The command line is parsed once (cli_parse)
 * into the mode to run; a mode is a list of stages (include/cli.h), each
 * with an undo. They start in order; the first that fails stops the run,
 * and the ones already started are undone in reverse, so every way out
 * closes the cache and frees what was opened (newsraft's start-up table).
 */
#include "config.h"

#include <locale.h>
#include <stddef.h>

#include "cli.h"
#include "fetch.h"

/* Start m's stages in order; undo the started ones in reverse. Returns
 * the exit status: 0, or the failing stage's. */
static int
run(const struct cli_mode *m, struct cli_run *r)
{
	size_t started = 0;
	int rc = 0;

	while (m->stages[started] != NULL) {
		rc = m->stages[started]->start(r);
		if (rc != 0)
			break;
		started++;
	}
	while (started > 0) {
		started--;
		if (m->stages[started]->undo != NULL)
			m->stages[started]->undo(r);
	}
	return rc;
}

int
main(int argc, char **argv)
{
	struct cli o;
	struct cli_run r = { .o = &o };
	int rc;

	rc = cli_parse(argc, argv, &o);
	if (rc != 0)
		return rc < 0 ? 0 : rc;
	/* Data stays in the C locale; loading the user's locale files is
	 * a sixth of what starting a --read=json takes. */
	if (!cli_output_is_data(&o))
		setlocale(LC_ALL, "");
	rc = run(o.mode, &r);
	/* a mode that fetched loaded libcurl; one that did not pays nothing */
	fetch_global_cleanup();
	return rc;
}
