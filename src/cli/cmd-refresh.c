/*
 * cmd-refresh.c: tidings --refresh brings the cache up to date without the
 * reader. Progress on stderr when it is a terminal; every failure is named
 * by its URL (two feeds may share a title): "tidings: URL: reason". Exit
 * 0 when every feed refreshed, 1 when any failed.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "cli.h"
#include "conf.h"
#include "fetch.h"
#include "refresh.h"
#include "store.h"
#include "subs.h"
#include "text.h"

/* The transfer limits: max-parallel from the config file (its errors are
 * warnings here); for tests, TIDINGS_TIMEOUT_MS cuts every timeout.
 * Returns the config's keep-read-days. */
static unsigned
refresh_limits(struct fetch_limits *l, const char *config)
{
	const char *v = getenv("TIDINGS_TIMEOUT_MS");
	struct conf c;
	size_t i;
	long ms;
	unsigned keep_days;

	fetch_default_limits(l);
	conf_load(&c, config);
	for (i = 0; i < c.nerrors; i++)
		fprintf(stderr, "tidings: %s\n", c.errors[i]);
	l->max_parallel = c.max_parallel;
	keep_days = c.keep_read_days;
	conf_clear(&c);
	if (v != NULL && (ms = strtol(v, NULL, 10)) > 0) {
		l->timeout_ms = ms;
		if (l->connect_timeout_ms > ms)
			l->connect_timeout_ms = ms;
	}
	return keep_days;
}

/*
 * Requests from this size up get their own mapping, returned to the
 * system when freed. glibc raises its threshold (up to 32 MiB) each time
 * such a block is freed, so once the first feed body was freed the later
 * ones (one whole response each, up to FETCH_MAX_BODY) were carved from
 * the heap, whose touched pages stay in the RSS: 1.5 MiB of a 19 MiB
 * peak in the 250 x 200 build of tests/bench/build_50k.sh. Setting the
 * threshold fixes it at glibc's own starting value. A body then costs
 * page faults on a fresh mapping, a small price next to parsing it.
 */
#define REFRESH_MMAP_THRESHOLD (128 * 1024)

/* Keep the refresh's peak memory near what it holds (see above). */
static void
bound_heap(void)
{
#ifdef M_MMAP_THRESHOLD
	mallopt(M_MMAP_THRESHOLD, REFRESH_MMAP_THRESHOLD);
#endif
}

/* "[37/200] URL (CRM Daily): 12 new articles" per feed on a terminal; a
 * failure is always its own "tidings: URL: reason" line: the URL names
 * the feed, the title only helps the eye (two feeds may share one). */
static void
progress(const struct refresh_progress *p, void *arg)
{
	const bool *tty = arg;

	if (p->outcome == REFRESH_FAILED) {
		fprintf(stderr, "tidings: %s: %s\n", cli_inert(p->url),
		    cli_inert(p->error));
		return;
	}
	/* a feed read only in part (a cap hit, a broken document recovered)
	 * is named whether or not stderr is a terminal, as failures are */
	if (p->outcome == REFRESH_UPDATED && p->warning != NULL)
		fprintf(stderr, "tidings: %s: warning: %s\n", cli_inert(p->url),
		    cli_inert(p->warning));
	if (!*tty)
		return;
	fprintf(stderr, "[%zu/%zu] %s", p->done, p->total, cli_inert(p->url));
	if (p->title != NULL)
		fprintf(stderr, " (%s)", cli_inert(p->title));
	fputs(": ", stderr);
	if (p->outcome == REFRESH_UPDATED)
		fprintf(stderr, "%s", cli_count(p->nnew, "new article",
		    "new articles"));
	else
		fputs("not modified", stderr);
	if (p->moved_to != NULL)
		fprintf(stderr, " (moved permanently to %s)", cli_inert(p->moved_to));
	fputc('\n', stderr);
}

static int
refresh_exec(struct cli_run *r)
{
	struct fetch_limits limits;
	struct refresh_summary sum;
	const char **urls;
	size_t i, n = subs_count(r->subs);
	bool tty = isatty(STDERR_FILENO) == 1, ok;

	bound_heap();
	urls = n > 0 ? xcalloc(n, sizeof(*urls)) : NULL;
	for (i = 0; i < n; i++)
		urls[i] = subs_get(r->subs, i)->url;
	store_set_retention(r->st, refresh_limits(&limits, r->paths.config));
	ok = refresh_run(r->st, urls, n, &limits, progress, &tty, &sum);
	/* quiet from cron when all went well */
	if (tty || !ok)
		fprintf(stderr, "%s: %zu updated (%s), %zu not modified, "
		    "%zu failed\n", cli_count((long long)sum.total, "feed", "feeds"),
		    sum.updated, cli_count(sum.nnew, "new article", "new articles"),
		    sum.not_modified, sum.failed);
	free(urls);
	return ok ? 0 : 1;
}

static const struct cli_stage refresh_stage = {
	.what = "refresh every feed", .start = refresh_exec,
};
static const struct cli_stage *const refresh_stages[] = {
	&cli_stage_paths, &cli_stage_subs, &cli_stage_cache, &refresh_stage, NULL,
};

const struct cli_mode cli_mode_refresh = {
	.name = "refresh",
	.option = CLI_O_REFRESH,
	.accepts = 0,
	.min_args = 0,
	.max_args = 0,
	.help =
"      --refresh    refresh every subscription into the cache; progress on\n"
"                   stderr when it is a terminal; exit 1 if any feed failed,\n"
"                   each failure named as URL: reason\n",
	.stages = refresh_stages,
};
