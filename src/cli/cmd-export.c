/*
 * cmd-export.c: tidings --export[=text|json|opml]. Three sources:
 * - SOURCE... (files or URLs), read directly, touching neither cache nor
 *   subscriptions; a SOURCE that is a page exports the feed it names
 *   (include/discover.h), said on stderr;
 * - no SOURCE: the cached articles (--unread, --starred, --feed URL,
 *   --full);
 * - opml: the subscriptions.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "conf.h"
#include "discover.h"
#include "export.h"
#include "feed.h"
#include "store.h"
#include "subs.h"
#include "text.h"
#include "url.h"

/* ---- opml ------------------------------------------------------------------ */

/* subs_title_fn: the cached title of url; the string lives until the next
 * call. */
struct cached_title {
	struct store *st;
	struct store_feed last;
};

static const char *
cached_title(const char *url, void *arg)
{
	struct cached_title *ct = arg;

	store_feed_clear(&ct->last);
	if (ct->st == NULL || store_get_feed(ct->st, url, &ct->last) != STORE_OK)
		return NULL;
	return ct->last.title;
}

static int
export_opml(struct cli_run *r)
{
	struct cached_title ct = { 0 };
	bool ok;
	int rc;

	if ((rc = cli_stage_subs.start(r)) != 0)
		return rc;
	ct.st = cli_open_cache(r);	/* titles only: go on without it */
	ok = subs_opml_write(r->subs, cached_title, &ct, stdout);
	store_feed_clear(&ct.last);
	store_close(ct.st);
	cli_stage_subs.undo(r);
	if (!ok) {
		fprintf(stderr, "tidings: cannot write the OPML: %s\n", strerror(errno));
		return 1;
	}
	return 0;
}

/* ---- the cache -------------------------------------------------------------- */

/* One feed's fields for the export writers. */
struct cache_export {
	const struct cli *o;
	struct export_options eo;
	struct feed feed;	/* only url, title and link are set */
	int64_t feed_id;	/* whose heading was printed last (text) */
	bool has_starred;	/* JSON says whether each item is starred */
};

static bool
export_cached_item(const struct store_item *it, void *arg)
{
	struct cache_export *ce = arg;
	struct export_state es = { it->read, it->user_rating,
	    ce->o->full ? it->readable : NULL, ce->o->full, it->starred,
	    ce->has_starred };

	ce->feed.url = it->feed_url;
	ce->feed.title = it->feed_title;
	ce->feed.link = it->feed_link;
	if (ce->o->export_format == CLI_FORMAT_JSON) {
		export_item_json(stdout, &ce->feed, &it->item, &es);
	} else {
		if (it->feed_id != ce->feed_id)
			export_feed_text(stdout, &ce->feed, &ce->eo);
		ce->feed_id = it->feed_id;
		export_item_text(stdout, &ce->feed, &it->item, &es, &ce->eo);
	}
	return !ferror(stdout);
}

/* Whether the config file sets up a sync server: starred then is a state
 * every item has (DESIGN.md, JSON Lines). Its errors are --check-config's
 * to report, not an export's. */
static bool
sync_configured(const struct cli_run *r)
{
	struct conf c;
	bool on;

	conf_load(&c, r->paths.config);
	on = c.sync != CONF_SYNC_NONE;
	conf_clear(&c);
	return on;
}

static int
export_cache(struct cli_run *r)
{
	const struct cli *o = r->o;
	struct cache_export ce = { .o = o,
	    .has_starred = o->starred || sync_configured(r) };
	struct store_query q = { .unread_only = o->unread,
	    .starred_only = o->starred, .sort = STORE_SORT_FEED };
	struct store *st;
	enum store_result sr = STORE_OK;
	int rc = 1;

	if ((st = cli_open_cache(r)) == NULL)
		return 1;
	if (o->feed != NULL) {
		struct store_feed sf;

		sr = store_get_feed(st, o->feed, &sf);
		if (sr == STORE_NOT_FOUND)
			fprintf(stderr, "tidings: %s is not in the cache\n",
			    cli_inert(o->feed));
		q.feed_id = sf.id;
		store_feed_clear(&sf);
	}
	export_default_options(&ce.eo, stdout, o->width);
	if (sr == STORE_OK)
		sr = store_each_item(st, &q, export_cached_item, &ce);
	if (sr != STORE_OK && sr != STORE_NOT_FOUND)
		fprintf(stderr, "tidings: %s\n", cli_inert(store_errmsg(st)));
	if (!export_finish(stdout))
		fprintf(stderr, "tidings: cannot write: %s\n", strerror(errno));
	else if (sr == STORE_OK)
		rc = 0;
	store_close(st);
	return rc;
}

/* ---- SOURCE... ---------------------------------------------------------------- */

/* What the items of one SOURCE are printed with. */
struct export_run {
	const struct cli *o;
	struct export_options eo;
	bool heading_done;
};

static void
export_one_item(const struct feed *f, const struct feed_item *it, void *arg)
{
	struct export_run *x = arg;

	if (x->o->export_format == CLI_FORMAT_JSON) {
		export_item_json(stdout, f, it, NULL);
		return;
	}
	if (!x->heading_done) {
		export_feed_text(stdout, f, &x->eo);
		x->heading_done = true;
	}
	export_item_text(stdout, f, it, NULL, &x->eo);
}

/* The feed's warning, and the heading of a feed without items. */
static void
export_end(const char *source, const struct feed *f, struct export_run *x)
{
	if (f->warning != NULL)
		fprintf(stderr, "tidings: %s: %s\n", cli_inert(source),
		    cli_inert(f->warning));
	if (x->o->export_format == CLI_FORMAT_TEXT && !x->heading_done)
		export_feed_text(stdout, f, &x->eo);
}

/* source through discovery: a feed, or the first working feed a page
 * names. 0, or 1 after naming what failed, except for a source that is
 * no feed and names none when quiet_none (the caller says it better). */
static int
export_discovered(const char *source, struct export_run *x, bool quiet_none)
{
	struct discover *d = discover_run(source, 0, NULL);
	struct discover_outcome *o = discover_outcome(d);
	const struct discover_candidate *c;
	long i = discover_pick(o, NULL, NULL);
	size_t j;

	if (i < 0) {
		if (!quiet_none || o->status != DISCOVER_NO_FEED)
			fprintf(stderr, "tidings: %s: %s\n", cli_inert(source),
			    cli_inert(o->error != NULL ? o->error :
			    discover_strerror(o->status)));
		discover_free(d);
		return 1;
	}
	c = &o->v[i];
	if (!o->is_feed)
		fprintf(stderr, "tidings: %s is a page; exporting the feed it "
		    "names, %s\n", cli_inert(source), cli_inert(c->url));
	else {
		/* feed_url is the SOURCE as given (DESIGN.md) */
		free(c->feed->url);
		c->feed->url = xstrdup(source);
	}
	for (j = 0; j < c->feed->nitems; j++)
		export_one_item(c->feed, &c->feed->items[j], x);
	export_end(source, c->feed, x);
	discover_free(d);
	return 0;
}

static void
feed_error(const char *source, enum feed_result fr, int line)
{
	if (fr == FEED_IO_ERROR)
		fprintf(stderr, "tidings: %s: %s: %s\n", cli_inert(source),
		    feed_strerror(fr), strerror(errno));
	else if (line > 0)
		fprintf(stderr, "tidings: %s: %s (line %d)\n", cli_inert(source),
		    feed_strerror(fr), line);
	else
		fprintf(stderr, "tidings: %s: %s\n", cli_inert(source),
		    feed_strerror(fr));
}

/* A file is streamed item by item (a big feed never sits in memory); one
 * that is a page goes through discovery like a URL. */
static int
export_file(const char *source, const char *path, struct export_run *x)
{
	struct feed *f = NULL;
	enum feed_result fr;
	int line = 0;

	fr = feed_parse_file(path, source, export_one_item, x, &f, &line);
	if (fr == FEED_OK) {
		export_end(source, f, x);
		feed_free(f);
		return 0;
	}
	if (fr == FEED_NOT_A_FEED && !x->heading_done &&
	    export_discovered(source, x, true) == 0)
		return 0;
	feed_error(source, fr, line);
	return 1;
}

static int
export_source(const char *source, struct export_run *x)
{
	char *path = url_is_path(source) ? xstrdup(source) : url_file_path(source);
	int rc;

	x->heading_done = false;
	rc = path != NULL ? export_file(source, path, x) :
	    export_discovered(source, x, false);
	free(path);
	return rc;
}

static int
export_sources(struct cli_run *r)
{
	struct export_run x = { .o = r->o };
	int i, rc = 0;

	if (r->o->full)
		return cli_usage_error("--full exports from the cache only: a "
		    "SOURCE has no article pages read yet");
	if (r->o->starred)
		return cli_usage_error("--starred exports from the cache only: "
		    "nothing of a SOURCE is starred");
	export_default_options(&x.eo, stdout, r->o->width);
	for (i = 0; i < r->o->nargs; i++)
		rc |= export_source(r->o->args[i], &x);
	if (!export_finish(stdout)) {
		fprintf(stderr, "tidings: cannot write the export: %s\n",
		    strerror(errno));
		return 1;
	}
	return rc;
}

static int
export_exec(struct cli_run *r)
{
	if (r->o->export_format == CLI_FORMAT_OPML && r->o->starred)
		return cli_usage_error("--starred exports articles, not the "
		    "subscriptions");
	if (r->o->export_format == CLI_FORMAT_OPML)
		return export_opml(r);
	return r->o->nargs > 0 ? export_sources(r) : export_cache(r);
}

static const struct cli_stage export_stage = {
	.what = "export", .start = export_exec,
};
static const struct cli_stage *const export_stages[] = {
	&cli_stage_paths, &export_stage, NULL,
};

const struct cli_mode cli_mode_export = {
	.name = "export",
	.option = CLI_O_EXPORT,
	.accepts = CLI_O_WIDTH | CLI_O_UNREAD | CLI_O_FEED | CLI_O_FULL |
	    CLI_O_STARRED,
	.min_args = 0,
	.max_args = -1,
	.help =
"      --export[=text|json] SOURCE...\n"
"                   print the articles of each SOURCE (a file, file:// or\n"
"                   http(s) URL; a page exports the feed it names) as a\n"
"                   text digest or as JSON Lines\n"
"      --width N    wrap the text digest to N columns\n"
"      --export[=text|json] [--unread] [--starred] [--feed URL] [--full]\n"
"                   with no SOURCE: print the cached articles (--starred:\n"
"                   the ones starred with *); --full adds the readable\n"
"                   text of those whose page was fetched\n"
"      --export=opml\n"
"                   print the subscriptions as OPML 2.0\n",
	.stages = export_stages,
};
