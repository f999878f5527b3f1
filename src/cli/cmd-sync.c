/*
 * cmd-sync.c: tidings --sync exchanges subscriptions, items, read and
 * starred state and the queued local changes with the sync server of the
 * config file. Progress on stderr when it is a terminal; a failure is one
 * line, "tidings: sync: wrong user or password", and exit 1; 0 otherwise.
 * Quiet from cron when all went well.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "conf.h"
#include "fetch.h"
#include "store.h"
#include "sync.h"
#include "text.h"

static void
progress(const struct sync_progress *p, void *arg)
{
	const bool *tty = arg;

	if (*tty)
		fprintf(stderr, "sync: %s\n", cli_inert(p->what));
}

/* For tests, TIDINGS_TIMEOUT_MS cuts every timeout (as --refresh does). */
static void
sync_limits(struct fetch_limits *l)
{
	const char *v = getenv("TIDINGS_TIMEOUT_MS");
	long ms;

	fetch_default_limits(l);
	if (v != NULL && (ms = strtol(v, NULL, 10)) > 0) {
		l->timeout_ms = ms;
		if (l->connect_timeout_ms > ms)
			l->connect_timeout_ms = ms;
		/* a stalled server is "too slow" long before that otherwise */
		if (l->low_speed_time * 1000 > ms)
			l->low_speed_time = ms / 1000 > 0 ? ms / 1000 : 1;
	}
}

/* The config's sync settings as the engine takes them; false with a
 * message when the config has none or the password cannot be had. */
static bool
sync_config(const struct conf *c, struct sync_config *sc, char **password)
{
	char *why;

	*password = NULL;
	if (sync_config_from(c, sc, &why) &&
	    conf_sync_password(c, password, &why)) {
		sc->password = *password;
		return true;
	}
	fprintf(stderr, "tidings: sync: %s\n", cli_inert(why));
	free(why);
	return false;
}

static int
sync_exec(struct cli_run *r)
{
	struct fetch_limits limits;
	struct sync_summary sum;
	struct sync_config sc;
	struct conf c;
	char *password, *error = NULL;
	bool tty = isatty(STDERR_FILENO) == 1, ok = false;
	size_t i;

	conf_load(&c, r->paths.config);
	for (i = 0; i < c.nerrors; i++)
		fprintf(stderr, "tidings: %s\n", cli_inert(c.errors[i]));
	if (sync_config(&c, &sc, &password)) {
		sync_limits(&limits);
		ok = sync_run(r->st, &sc, &limits, progress, &tty, &sum, &error);
		if (!ok)
			fprintf(stderr, "tidings: sync: %s\n", cli_inert(error));
		else if (tty)
			fprintf(stderr, "sync: %s, %s (%lld new), %lld changes "
			    "sent, %lld waiting, %lld requests; ratings: %lld "
			    "feeds read, %lld items rated\n",
			    cli_count(sum.feeds, "feed", "feeds"),
			    cli_count(sum.items, "item", "items"), sum.nnew,
			    sum.pushed, sum.pending, sum.requests,
			    sum.rating_feeds, sum.rated);
	}
	free_secret(password);
	free(error);
	conf_clear(&c);
	return ok ? 0 : 1;
}

static const struct cli_stage sync_stage = {
	.what = "sync with the server", .start = sync_exec,
};
static const struct cli_stage *const sync_stages[] = {
	&cli_stage_paths, &cli_stage_cache, &sync_stage, NULL,
};

const struct cli_mode cli_mode_sync = {
	.name = "sync",
	.option = CLI_O_SYNC,
	.accepts = 0,
	.min_args = 0,
	.max_args = 0,
	.help =
"      --sync       sync with the server of the config file (sync greader):\n"
"                   send queued changes, take its feeds, items, read and\n"
"                   starred state; exit 1 with one line saying why if it\n"
"                   failed\n",
	.stages = sync_stages,
};
