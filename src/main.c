/*
 * main.c: options, paths and wiring. Every mode is a function here that
 * hands the parsed options to the modules that do the work.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "conf.h"
#include "export.h"
#include "feed.h"
#include "fetch.h"
#include "html.h"
#include "url.h"
#include "readable.h"
#include "refresh.h"
#include "store.h"
#include "subs.h"
#include "text.h"
#include "ui.h"

#define EXIT_USAGE 2
#define INERT_SLOTS 4	/* inert() strings alive at once */

enum mode {
	MODE_TUI,
	MODE_HELP,
	MODE_VERSION,
	MODE_REFRESH,		/* --refresh */
	MODE_ADD,		/* --add URL [TAG...] */
	MODE_REMOVE,		/* --remove URL */
	MODE_LIST,		/* --list */
	MODE_IMPORT,		/* --import FILE.opml */
	MODE_EXPORT,
	MODE_READ
};

enum export_format {
	EXPORT_TEXT,
	EXPORT_JSON,
	EXPORT_OPML		/* the subscriptions, not articles */
};

/* Long options without a short form. */
enum {
	OPT_EXPORT = 256,
	OPT_REFRESH,
	OPT_ADD,
	OPT_REMOVE,
	OPT_LIST,
	OPT_IMPORT,
	OPT_UNREAD,
	OPT_FEED,
	OPT_WIDTH,
	OPT_READ,
	OPT_BASE_URL,
	OPT_FULL
};

struct options {
	enum mode mode;
	char **args;		/* operands left after the options */
	int nargs;
	enum export_format export_format;
	long width;		/* --width; 0 when not given */
	const char *url;	/* --add, --remove */
	const char *file;	/* --import */
	bool unread;		/* --export: unread articles only */
	const char *feed;	/* --export: one feed's articles only (--feed URL) */
	bool full;		/* --export: with the readable text of read pages */
	enum export_format read_format;	/* --read=text|json */
	const char *base_url;	/* --base-url */
};

static const char usage_text[] =
"usage: tidings [OPTION]...\n"
"A terminal reader for RSS and Atom news feeds.\n"
"\n"
"  -h, --help       show this help and exit\n"
"  -V, --version    show the version and exit\n"
"      --refresh    refresh every subscription into the cache; progress on\n"
"                   stderr when it is a terminal; exit 1 if any feed failed\n"
"      --export[=text|json] SOURCE...\n"
"                   print the articles of each SOURCE (a file, file:// or\n"
"                   http(s) URL) as a text digest or as JSON Lines\n"
"      --width N    wrap the text digest to N columns\n"
"      --export[=text|json] [--unread] [--feed URL] [--full]\n"
"                   with no SOURCE: print the cached articles; --full adds\n"
"                   the readable text of those whose page was fetched\n"
"      --export=opml\n"
"                   print the subscriptions as OPML 2.0\n"
"      --add URL [TAG...]\n"
"                   subscribe to URL (a feed, or a page naming its feed)\n"
"      --remove URL unsubscribe and drop URL's cached articles\n"
"      --list       list the subscriptions, tab-separated: URL, title,\n"
"                   tags, articles, unread, last refresh\n"
"      --import FILE.opml\n"
"                   subscribe to the feeds of an OPML file\n"
"      --read[=text|json] [--base-url URL] URL|FILE\n"
"                   print the readable version of one web page: its\n"
"                   article without navigation, ads and widgets\n"
"\n"
"Files: $XDG_CONFIG_HOME/tidings/urls (subscriptions),\n"
"       $XDG_DATA_HOME/tidings/cache.db (the article cache).\n"
"See tidings(1).\n";

static const struct option long_options[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ "refresh", no_argument, NULL, OPT_REFRESH },
	{ "export", optional_argument, NULL, OPT_EXPORT },
	{ "width", required_argument, NULL, OPT_WIDTH },
	{ "add", required_argument, NULL, OPT_ADD },
	{ "remove", required_argument, NULL, OPT_REMOVE },
	{ "list", no_argument, NULL, OPT_LIST },
	{ "import", required_argument, NULL, OPT_IMPORT },
	{ "unread", no_argument, NULL, OPT_UNREAD },
	{ "feed", required_argument, NULL, OPT_FEED },
	{ "full", no_argument, NULL, OPT_FULL },
	{ "read", optional_argument, NULL, OPT_READ },
	{ "base-url", required_argument, NULL, OPT_BASE_URL },
	{ NULL, 0, NULL, 0 }
};

/* The files tidings uses, resolved once from the XDG variables. */
struct paths {
	char *config_dir;	/* $XDG_CONFIG_HOME/tidings */
	char *data_dir;		/* $XDG_DATA_HOME/tidings */
	char *urls;		/* config_dir/urls */
	char *config;		/* config_dir/config */
	char *cache;		/* data_dir/cache.db */
};

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

static void
paths_init(struct paths *p)
{
	p->config_dir = xdg_dir("XDG_CONFIG_HOME", ".config");
	p->data_dir = xdg_dir("XDG_DATA_HOME", ".local/share");
	p->urls = xasprintf("%s/urls", p->config_dir);
	p->config = xasprintf("%s/config", p->config_dir);
	p->cache = xasprintf("%s/cache.db", p->data_dir);
}

static void
paths_free(struct paths *p)
{
	free(p->config_dir);
	free(p->data_dir);
	free(p->urls);
	free(p->config);
	free(p->cache);
}

/* s (a command-line argument, path, URL or network text) made inert for a
 * message on the terminal (text_sanitize_line): no control or escape byte.
 * The string is valid until INERT_SLOTS more are made. */
static const char *
inert(const char *s)
{
	static char *slot[INERT_SLOTS];
	static size_t next;
	char *t = text_sanitize_line(s != NULL ? s : "");

	free(slot[next]);
	slot[next] = t;
	next = (next + 1) % INERT_SLOTS;
	return t;
}

/* mkdir -p with mode 0700 for the folders created; 0, or -1 with a message. */
static int
make_dirs(const char *dir)
{
	char *p = xstrdup(dir), *s;
	int rc = 0;

	for (s = p + 1; rc == 0; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST) {
			fprintf(stderr, "tidings: cannot create %s: %s\n", inert(p),
			    strerror(errno));
			rc = -1;
		}
		*s = c;
		if (c == '\0')
			break;
	}
	free(p);
	return rc;
}

static void
usage(FILE *out)
{
	fputs(usage_text, out);
}

/* Parse argv into *o. Returns 0, or EXIT_USAGE after telling the user. */
static int
parse_options(int argc, char **argv, struct options *o)
{
	int c;

	memset(o, 0, sizeof(*o));
	o->mode = MODE_TUI;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":hV", long_options, NULL)) != -1) {
		switch (c) {
		case 'h':
			o->mode = MODE_HELP;
			break;
		case 'V':
			o->mode = MODE_VERSION;
			break;
		case OPT_REFRESH:
			o->mode = MODE_REFRESH;
			break;
		case OPT_EXPORT:
			o->mode = MODE_EXPORT;
			if (optarg == NULL || strcmp(optarg, "text") == 0)
				o->export_format = EXPORT_TEXT;
			else if (strcmp(optarg, "json") == 0)
				o->export_format = EXPORT_JSON;
			else if (strcmp(optarg, "opml") == 0)
				o->export_format = EXPORT_OPML;
			else {
				fprintf(stderr, "tidings: unknown export format '%s'\n",
				    inert(optarg));
				usage(stderr);
				return EXIT_USAGE;
			}
			break;
		case OPT_READ:
			o->mode = MODE_READ;
			if (optarg == NULL || strcmp(optarg, "text") == 0)
				o->read_format = EXPORT_TEXT;
			else if (strcmp(optarg, "json") == 0)
				o->read_format = EXPORT_JSON;
			else {
				fprintf(stderr, "tidings: unknown read format '%s'\n",
				    inert(optarg));
				usage(stderr);
				return EXIT_USAGE;
			}
			break;
		case OPT_BASE_URL:
			o->base_url = optarg;
			break;
		case OPT_ADD:
		case OPT_REMOVE:
			o->mode = c == OPT_ADD ? MODE_ADD : MODE_REMOVE;
			o->url = optarg;
			break;
		case OPT_LIST:
			o->mode = MODE_LIST;
			break;
		case OPT_IMPORT:
			o->mode = MODE_IMPORT;
			o->file = optarg;
			break;
		case OPT_UNREAD:
			o->unread = true;
			break;
		case OPT_FEED:
			o->feed = optarg;
			break;
		case OPT_FULL:
			o->full = true;
			break;
		case OPT_WIDTH: {
			char *end;

			errno = 0;
			o->width = strtol(optarg, &end, 10);
			if (errno != 0 || end == optarg || *end != '\0' ||
			    o->width < EXPORT_MIN_WIDTH || o->width > EXPORT_MAX_WIDTH) {
				fprintf(stderr, "tidings: --width wants a number from "
				    "%d to %d\n", EXPORT_MIN_WIDTH, EXPORT_MAX_WIDTH);
				usage(stderr);
				return EXIT_USAGE;
			}
			break;
		}
		case ':':
			fprintf(stderr, "tidings: option '%s' needs an argument\n",
			    inert(argv[optind - 1]));
			usage(stderr);
			return EXIT_USAGE;
		default:
			if (optopt != 0)
				fprintf(stderr, "tidings: unknown option '-%c'\n", optopt);
			else
				fprintf(stderr, "tidings: unknown option '%s'\n",
				    inert(argv[optind - 1]));
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	o->args = argv + optind;
	o->nargs = argc - optind;
	return 0;
}

/* ---- subscriptions and the cache: --add, --remove, --list, --import,
 * --export without SOURCE ------------------------------------------------ */

#define ADD_ACCEPT "application/rss+xml, application/atom+xml, " \
	"application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, " \
	"text/html;q=0.8, */*;q=0.5"

static int
load_subs(const struct paths *p, struct subs **s)
{
	enum subs_result r = subs_load(p->urls, s);

	if (r == SUBS_OK)
		return 0;
	fprintf(stderr, "tidings: %s: %s%s%s\n", inert(p->urls), subs_strerror(r),
	    r == SUBS_IO_ERROR ? ": " : "", r == SUBS_IO_ERROR ? strerror(errno) : "");
	return -1;
}

static int
save_subs(const struct paths *p, const struct subs *s)
{
	if (make_dirs(p->config_dir) != 0)
		return -1;
	if (subs_save(s, p->urls) == SUBS_OK)
		return 0;
	fprintf(stderr, "tidings: cannot write %s: %s\n", inert(p->urls), strerror(errno));
	return -1;
}

/* The cache, or NULL after telling the user why not. */
static struct store *
open_cache(const struct paths *p)
{
	struct store *st = NULL;
	char *why = NULL;

	if (store_open(p->cache, &st, &why) != STORE_OK) {
		fprintf(stderr, "tidings: %s\n", inert(why));
		free(why);
		return NULL;
	}
	return st;
}

/* GET url and parse it as a feed. true with *f (the caller's) when it is
 * one; *res is filled either way (the caller clears it). */
static bool
fetch_feed(const char *url, struct fetch_response *res, struct feed **f)
{
	struct fetch_request req = { .accept = ADD_ACCEPT };

	*f = NULL;
	if (fetch_get(url, &req, res) != FETCH_OK)
		return false;
	return feed_parse(tbuf_str(&res->body), res->body.len, res->final_url,
	    res->content_type, f, NULL) == FEED_OK;
}

/* A feed --add settled on. */
struct add_choice {
	char *url;
	struct feed *feed;
	struct fetch_response res;	/* its response: validators for the cache */
};

/* Try url as the feed; true (and *c filled) when it is one. */
static bool
try_feed(const char *url, struct add_choice *c)
{
	memset(c, 0, sizeof(*c));
	if (fetch_feed(url, &c->res, &c->feed)) {
		c->url = xstrdup(url);
		return true;
	}
	fetch_response_clear(&c->res);
	return false;
}

/* page (not a feed) was fetched from base: find the feed it names, else one
 * at a common path of the site. Lists the other feeds the page names. */
static bool
discover_feed(const struct fetch_response *page, struct add_choice *c)
{
	struct subs_found_list found;
	size_t i, j;
	bool ok = false;

	subs_find_feeds_in_html(tbuf_str(&page->body), page->body.len,
	    page->final_url, &found);
	for (i = 0; i < found.n && !ok; i++)
		ok = try_feed(found.v[i].url, c);
	if (ok && found.n > 1) {
		printf("the page also names:\n");
		for (j = 0; j < found.n; j++) {
			char *title = found.v[j].title != NULL ?
			    text_sanitize_line(found.v[j].title) : NULL;
			char *url = text_sanitize_line(found.v[j].url);

			if (j != i - 1)
				printf("  %s%s%s%s\n", url, title ? " (" : "",
				    title ? title : "", title ? ")" : "");
			free(title);
			free(url);
		}
	}
	subs_found_free(&found);
	for (i = 0; !ok && subs_common_feed_paths[i] != NULL; i++) {
		char *url = url_resolve(page->final_url, subs_common_feed_paths[i]);

		if (url != NULL)
			ok = try_feed(url, c);
		free(url);
	}
	return ok;
}

static int
mode_add(const struct options *o, const struct paths *p)
{
	struct fetch_response res = { 0 };
	struct add_choice c = { 0 };
	struct subs *s;
	struct store *st;
	enum subs_result r;
	char *shown;
	int rc = 1;

	if (load_subs(p, &s) != 0)
		return 1;
	if (subs_find(s, o->url) != NULL) {
		fprintf(stderr, "tidings: %s is subscribed already\n", inert(o->url));
		goto out;
	}
	if (fetch_feed(o->url, &res, &c.feed)) {
		c.url = xstrdup(o->url);
		c.res = res;
		memset(&res, 0, sizeof(res));
	} else if (res.result != FETCH_OK) {
		fprintf(stderr, "tidings: cannot fetch %s: %s\n", inert(o->url),
		    inert(res.message != NULL ? res.message : fetch_strerror(res.result)));
		goto out;
	} else if (!discover_feed(&res, &c)) {
		fprintf(stderr, "tidings: no feed found at %s\n", inert(o->url));
		goto out;
	}
	if (strcmp(c.url, o->url) != 0 && subs_find(s, c.url) != NULL) {
		fprintf(stderr, "tidings: %s is subscribed already (found at %s)\n",
		    inert(c.url), inert(o->url));
		goto out;
	}
	r = subs_add(s, c.url, (const char *const *)o->args, (size_t)o->nargs, NULL);
	if (r != SUBS_OK) {
		fprintf(stderr, "tidings: cannot add %s: %s\n", inert(c.url), subs_strerror(r));
		goto out;
	}
	if (save_subs(p, s) != 0)
		goto out;
	shown = text_sanitize_line(c.feed->title != NULL ? c.feed->title : "");
	printf("added %s%s%s%s (%zu articles)\n", c.url, shown[0] ? " \"" : "",
	    shown, shown[0] ? "\"" : "", c.feed->nitems);
	free(shown);
	if (c.res.moved && strcmp(c.res.final_url, c.url) != 0) {
		shown = text_sanitize_line(c.res.final_url);
		printf("note: it has moved permanently to %s\n", shown);
		free(shown);
	}
	rc = 0;
	/* Keep what was fetched, so the articles show before a refresh. */
	if ((st = open_cache(p)) != NULL) {
		if (store_save_feed(st, c.url, c.feed, c.res.etag,
		    c.res.last_modified, (int64_t)time(NULL), NULL) != STORE_OK)
			fprintf(stderr, "tidings: %s\n", inert(store_errmsg(st)));
		store_close(st);
	}
out:
	fetch_response_clear(&res);
	fetch_response_clear(&c.res);
	feed_free(c.feed);
	free(c.url);
	subs_free(s);
	return rc;
}

static int
mode_remove(const struct options *o, const struct paths *p)
{
	struct subs *s;
	struct store *st;
	int rc = 1;

	if (load_subs(p, &s) != 0)
		return 1;
	if (subs_remove(s, o->url) != SUBS_OK) {
		fprintf(stderr, "tidings: %s is not subscribed\n", inert(o->url));
		goto out;
	}
	if (save_subs(p, s) != 0)
		goto out;
	printf("removed %s\n", o->url);
	rc = 0;
	if ((st = open_cache(p)) != NULL) {
		enum store_result r = store_delete_feed(st, o->url);

		if (r != STORE_OK && r != STORE_NOT_FOUND)
			fprintf(stderr, "tidings: %s\n", inert(store_errmsg(st)));
		store_close(st);
	}
out:
	subs_free(s);
	return rc;
}

/* "updated, 3 new", "not modified", "failed: HTTP 404", "never" */
static char *
status_text(const struct store_feed *f)
{
	char *err, *s;

	switch (f->status) {
	case STORE_NEVER:
		return xstrdup("never refreshed");
	case STORE_UPDATED:
		return xasprintf("updated, %lld new", f->last_new);
	case STORE_NOT_MODIFIED:
		return xstrdup("not modified");
	case STORE_FAILED:
		err = text_sanitize_line(f->error != NULL ? f->error : "");
		s = xasprintf("failed: %s", err);
		free(err);
		return s;
	}
	return xstrdup("?");
}

/* One subscription a line, tab-separated: URL, title, tags (comma
 * separated), articles, unread, last refresh. */
static int
mode_list(const struct options *o, const struct paths *p)
{
	struct subs *s;
	struct store *st;
	size_t i, j;

	(void)o;
	if (load_subs(p, &s) != 0)
		return 1;
	for (i = 0; i < subs_nproblems(s); i++)
		fprintf(stderr, "tidings: %s: %s\n", inert(p->urls), inert(subs_problem(s, i)));
	st = open_cache(p);
	for (i = 0; i < subs_count(s); i++) {
		const struct subs_feed *f = subs_get(s, i);
		struct store_feed sf;
		bool cached = st != NULL && store_get_feed(st, f->url, &sf) == STORE_OK;
		char *url = text_sanitize_line(f->url);
		char *title = text_sanitize_line(f->title != NULL ? f->title :
		    cached && sf.title != NULL ? sf.title : "");
		char *status = cached ? status_text(&sf) : xstrdup("never refreshed");

		printf("%s\t%s\t", url, title);
		for (j = 0; j < f->ntags; j++) {
			char *tag = text_sanitize_line(f->tags[j]);

			printf("%s%s", j ? "," : "", tag);
			free(tag);
		}
		printf("\t%lld\t%lld\t%s\n", cached ? sf.nitems : 0,
		    cached ? sf.nunread : 0, status);
		free(url);
		free(title);
		free(status);
		if (cached)
			store_feed_clear(&sf);
	}
	store_close(st);
	subs_free(s);
	return st == NULL ? 1 : 0;
}

static int
mode_import(const struct options *o, const struct paths *p)
{
	struct subs_opml opml;
	struct subs *s;
	struct tbuf b;
	enum subs_result r;
	size_t i, added = 0, present = 0;
	FILE *in;
	char chunk[65536];
	size_t n;
	int rc = 1;

	if ((in = fopen(o->file, "rb")) == NULL) {
		fprintf(stderr, "tidings: cannot read %s: %s\n", inert(o->file),
		    strerror(errno));
		return 1;
	}
	tbuf_init(&b, SUBS_MAX_FILE);
	r = SUBS_OK;
	while (r == SUBS_OK && (n = fread(chunk, 1, sizeof(chunk), in)) > 0)
		if (!tbuf_add(&b, chunk, n))
			r = SUBS_TOO_LARGE;
	if (ferror(in))
		r = SUBS_IO_ERROR;
	fclose(in);
	if (r == SUBS_OK)
		r = subs_opml_parse(tbuf_str(&b), b.len, &opml);
	tbuf_free(&b);
	if (r != SUBS_OK) {
		fprintf(stderr, "tidings: %s: %s\n", inert(o->file), subs_strerror(r));
		return 1;
	}
	if (load_subs(p, &s) != 0) {
		subs_opml_free(&opml);
		return 1;
	}
	for (i = 0; i < opml.n; i++) {
		const struct subs_opml_feed *f = &opml.v[i];

		r = subs_add(s, f->url, (const char *const *)f->tags, f->ntags,
		    f->title);
		if (r == SUBS_OK)
			added++;
		else if (r == SUBS_DUPLICATE)
			present++;
		else {
			char *url = text_sanitize_line(f->url);
			fprintf(stderr, "tidings: skipped %s: %s\n", url,
			    subs_strerror(r));
			free(url);
		}
	}
	if (added == 0 || save_subs(p, s) == 0) {
		printf("imported %zu feeds from %s (%zu subscribed already)\n",
		    added, o->file, present);
		rc = 0;
	}
	subs_opml_free(&opml);
	subs_free(s);
	return rc;
}

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
export_opml(const struct paths *p)
{
	struct cached_title ct = { 0 };
	struct subs *s;
	bool ok;

	if (load_subs(p, &s) != 0)
		return 1;
	ct.st = open_cache(p);	/* titles only: go on without it */
	ok = subs_opml_write(s, cached_title, &ct, stdout);
	store_feed_clear(&ct.last);
	store_close(ct.st);
	subs_free(s);
	if (!ok) {
		fprintf(stderr, "tidings: cannot write the OPML: %s\n", strerror(errno));
		return 1;
	}
	return 0;
}

/* --export from the cache: one feed's fields for the export writers. */
struct cache_export {
	const struct options *o;
	struct export_options eo;
	struct feed feed;	/* only url, title and link are set */
	int64_t feed_id;	/* whose heading was printed last (text) */
};

static bool
export_cached_item(const struct store_item *it, void *arg)
{
	struct cache_export *ce = arg;
	struct export_state es = { it->read, it->user_rating,
	    ce->o->full ? it->readable : NULL, ce->o->full };

	ce->feed.url = it->feed_url;
	ce->feed.title = it->feed_title;
	ce->feed.link = it->feed_link;
	if (ce->o->export_format == EXPORT_JSON) {
		export_item_json(stdout, &ce->feed, &it->item, &es);
	} else {
		if (it->feed_id != ce->feed_id)
			export_feed_text(stdout, &ce->feed, &ce->eo);
		ce->feed_id = it->feed_id;
		export_item_text(stdout, &ce->feed, &it->item, &es, &ce->eo);
	}
	return !ferror(stdout);
}

static int
export_cache(const struct options *o, const struct paths *p)
{
	struct cache_export ce = { .o = o };
	struct store_query q = { .unread_only = o->unread,
	    .sort = STORE_SORT_FEED };
	struct store *st;
	enum store_result r = STORE_OK;
	int rc = 1;

	if ((st = open_cache(p)) == NULL)
		return 1;
	if (o->feed != NULL) {
		struct store_feed sf;

		r = store_get_feed(st, o->feed, &sf);
		if (r == STORE_NOT_FOUND)
			fprintf(stderr, "tidings: %s is not in the cache\n", inert(o->feed));
		q.feed_id = sf.id;
		store_feed_clear(&sf);
	}
	export_default_options(&ce.eo, stdout, o->width);
	if (r == STORE_OK)
		r = store_each_item(st, &q, export_cached_item, &ce);
	if (r != STORE_OK && r != STORE_NOT_FOUND)
		fprintf(stderr, "tidings: %s\n", inert(store_errmsg(st)));
	if (!export_finish(stdout))
		fprintf(stderr, "tidings: cannot write: %s\n", strerror(errno));
	else if (r == STORE_OK)
		rc = 0;
	store_close(st);
	return rc;
}

static int
mode_export(const struct options *o, const struct paths *p)
{
	return o->export_format == EXPORT_OPML ? export_opml(p) : export_cache(o, p);
}

static const struct {
	enum mode mode;
	int (*run)(const struct options *, const struct paths *);
} subs_modes[] = {
	{ MODE_ADD, mode_add },
	{ MODE_REMOVE, mode_remove },
	{ MODE_LIST, mode_list },
	{ MODE_IMPORT, mode_import },
	{ MODE_EXPORT, mode_export },
};

/* The modes that work on the subscriptions and the cache. */
static int
run_subs_mode(const struct options *o)
{
	struct paths p;
	size_t i;
	int rc = 1;

	paths_init(&p);
	for (i = 0; i < sizeof(subs_modes) / sizeof(subs_modes[0]); i++)
		if (subs_modes[i].mode == o->mode)
			rc = subs_modes[i].run(o, &p);
	paths_free(&p);
	return rc;
}

/* ---- --export SOURCE... ---------------------------------------------- */

/* What the items of one SOURCE are printed with. */
struct export_run {
	const struct options *o;
	struct export_options eo;
	bool heading_done;
};

static void
export_one_item(const struct feed *f, const struct feed_item *it, void *arg)
{
	struct export_run *x = arg;

	if (x->o->export_format == EXPORT_JSON) {
		export_item_json(stdout, f, it, NULL);
		return;
	}
	if (!x->heading_done) {
		export_feed_text(stdout, f, &x->eo);
		x->heading_done = true;
	}
	export_item_text(stdout, f, it, NULL, &x->eo);
}

/* A file:// URL's path, percent-decoded; NULL when it is not one. */
static char *
file_url_path(const char *url)
{
	const char *s;
	char *path, *d;

	if (strncasecmp(url, "file://", 7) != 0)
		return NULL;
	s = url + 7;
	if (strncasecmp(s, "localhost/", 10) == 0)
		s += 9;
	if (*s != '/')
		return NULL;
	path = d = xmalloc(strlen(s) + 1);
	for (; *s != '\0' && *s != '?' && *s != '#'; s++) {
		if (s[0] == '%' && isxdigit((unsigned char)s[1]) &&
		    isxdigit((unsigned char)s[2])) {
			char hex[3] = { s[1], s[2], '\0' };

			*d++ = (char)strtol(hex, NULL, 16);
			s += 2;
		} else {
			*d++ = *s;
		}
	}
	*d = '\0';
	return path;
}

/* Parse and print one SOURCE; 0, or 1 after naming what failed. */
static int
export_source(const char *source, struct export_run *x)
{
	enum feed_result r;
	struct feed *f = NULL;
	char *path = NULL;
	int line = 0;

	x->heading_done = false;
	if (strncasecmp(source, "http://", 7) == 0 ||
	    strncasecmp(source, "https://", 8) == 0) {
		struct fetch_response res;
		size_t i;

		if (fetch_get(source, NULL, &res) != FETCH_OK) {
			fprintf(stderr, "tidings: %s: %s\n", inert(source),
			    inert(res.message != NULL ? res.message :
			    fetch_strerror(res.result)));
			fetch_response_clear(&res);
			return 1;
		}
		r = feed_parse(tbuf_str(&res.body), res.body.len, source,
		    res.content_type, &f, &line);
		fetch_response_clear(&res);
		for (i = 0; r == FEED_OK && i < f->nitems; i++)
			export_one_item(f, &f->items[i], x);
	} else {
		path = file_url_path(source);
		r = feed_parse_file(path != NULL ? path : source, source,
		    export_one_item, x, &f, &line);
	}
	if (r != FEED_OK) {
		if (r == FEED_IO_ERROR)
			fprintf(stderr, "tidings: %s: %s: %s\n", inert(source),
			    feed_strerror(r), strerror(errno));
		else if (line > 0)
			fprintf(stderr, "tidings: %s: %s (line %d)\n", inert(source),
			    feed_strerror(r), line);
		else
			fprintf(stderr, "tidings: %s: %s\n", inert(source), feed_strerror(r));
		free(path);
		return 1;
	}
	if (f->warning != NULL)
		fprintf(stderr, "tidings: %s: %s\n", inert(source),
		    inert(f->warning));
	if (x->o->export_format == EXPORT_TEXT && !x->heading_done)
		export_feed_text(stdout, f, &x->eo);
	feed_free(f);
	free(path);
	return 0;
}

static int
run_export(const struct options *o)
{
	struct export_run x = { .o = o };
	int i, rc = 0;

	if (o->nargs == 0 || o->export_format == EXPORT_OPML)
		return run_subs_mode(o);
	if (o->full) {
		fprintf(stderr, "tidings: --full exports from the cache only: "
		    "a SOURCE has no article pages read yet\n");
		usage(stderr);
		return EXIT_USAGE;
	}
	export_default_options(&x.eo, stdout, o->width);
	for (i = 0; i < o->nargs; i++)
		rc |= export_source(o->args[i], &x);
	fetch_global_cleanup();
	if (!export_finish(stdout)) {
		fprintf(stderr, "tidings: cannot write the export: %s\n",
		    strerror(errno));
		return 1;
	}
	return rc;
}

/* ---- --read URL|FILE -------------------------------------------------- */

/* The bytes of the page at source (a file, file:// or http(s) URL) into
 * *page; for URLs also its Content-Type and final address. 0, or 1 after
 * naming what failed. */
static int
read_page(const char *source, struct tbuf *page, char **content_type,
    char **final_url)
{
	char *path;
	FILE *f;
	char buf[8192];
	size_t n;

	tbuf_init(page, (size_t)READABLE_MAX_INPUT + 1);
	if (strncasecmp(source, "http://", 7) == 0 ||
	    strncasecmp(source, "https://", 8) == 0) {
		struct fetch_response res;
		enum fetch_result fr;

		fr = fetch_get(source, NULL, &res);
		fetch_global_cleanup();
		if (fr != FETCH_OK) {
			fprintf(stderr, "tidings: %s: %s\n", inert(source),
			    inert(res.message != NULL ? res.message :
			    fetch_strerror(res.result)));
			fetch_response_clear(&res);
			return 1;
		}
		*page = res.body;
		tbuf_init(&res.body, 0);
		*content_type = res.content_type;
		res.content_type = NULL;
		*final_url = res.final_url;
		res.final_url = NULL;
		fetch_response_clear(&res);
		return 0;
	}
	path = file_url_path(source);
	if ((f = fopen(path != NULL ? path : source, "rb")) == NULL) {
		fprintf(stderr, "tidings: %s: %s\n", inert(source), strerror(errno));
		free(path);
		return 1;
	}
	free(path);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
		if (!tbuf_add(page, buf, n)) {
			fprintf(stderr, "tidings: %s: %s\n", inert(source),
			    readable_strerror(READABLE_TOO_LARGE));
			fclose(f);
			return 1;
		}
	}
	if (ferror(f)) {
		fprintf(stderr, "tidings: %s: %s\n", inert(source), strerror(errno));
		fclose(f);
		return 1;
	}
	fclose(f);
	return 0;
}

/* YYYY-MM-DDTHH:MM:SSZ (iso) or "YYYY-MM-DD HH:MM UTC"; false for none. */
static bool
read_date(int64_t t, bool iso, char *buf, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (t == READABLE_NO_DATE || gmtime_r(&tt, &tm) == NULL)
		return false;
	return strftime(buf, size, iso ? "%Y-%m-%dT%H:%M:%SZ" :
	    "%Y-%m-%d %H:%M UTC", &tm) > 0;
}

static void
read_print_json(const char *url, const struct readable_article *a)
{
	char *text = html_to_text(a->html, strlen(a->html));
	char date[32];
	size_t i;

	fputs("{\"url\": ", stdout);
	export_json_string(stdout, url);
	fputs(", \"title\": ", stdout);
	export_json_string(stdout, a->title);
	fputs(", \"author\": ", stdout);
	export_json_string(stdout, a->byline);
	fputs(", \"published\": ", stdout);
	export_json_string(stdout, read_date(a->published, true, date,
	    sizeof(date)) ? date : NULL);
	fputs(", \"text\": ", stdout);
	export_json_string(stdout, text);
	fputs(", \"links\": [", stdout);
	for (i = 0; i < a->nlinks; i++) {
		if (i > 0)
			fputs(", ", stdout);
		export_json_string(stdout, a->links[i]);
	}
	fputs("]}\n", stdout);
	free(text);
}

static void
read_print_text(const struct options *o, const char *url,
    const struct readable_article *a)
{
	struct export_options eo;
	struct html_options ho;
	struct html_doc doc;
	const char *head[3] = { a->title, a->byline, NULL };
	char date[32];
	size_t i;

	export_default_options(&eo, stdout, o->width);
	if (read_date(a->published, false, date, sizeof(date)))
		head[2] = date;
	for (i = 0; i < 3; i++) {
		char *line;

		if (head[i] == NULL || head[i][0] == '\0')
			continue;
		line = text_sanitize_line(head[i]);
		printf("%s\n", line);
		free(line);
	}
	putchar('\n');
	ho = (struct html_options){ eo.width, url, true, eo.ascii };
	html_render(a->html, strlen(a->html), &ho, &doc);
	for (i = 0; i < doc.nlines; i++) {
		char *line = html_line_text(&doc.lines[i]);

		printf("%s\n", line);
		free(line);
	}
	html_doc_free(&doc);
}

static int
run_read(const struct options *o)
{
	struct readable_article *a;
	struct tbuf page;
	char *content_type = NULL, *final_url = NULL;
	const char *url;
	enum readable_result r;
	int rc;

	if (o->nargs != 1) {
		fputs("tidings: --read needs one URL or FILE\n", stderr);
		usage(stderr);
		return EXIT_USAGE;
	}
	rc = read_page(o->args[0], &page, &content_type, &final_url);
	if (rc != 0) {
		tbuf_free(&page);
		return rc;
	}
	url = o->base_url != NULL ? o->base_url : final_url;
	r = readable_extract(tbuf_str(&page), page.len, url, content_type, &a);
	if (r != READABLE_OK) {
		fprintf(stderr, "tidings: %s: %s\n", inert(o->args[0]),
		    readable_strerror(r));
		rc = 1;
	} else {
		if (o->read_format == EXPORT_JSON)
			read_print_json(url, a);
		else
			read_print_text(o, url, a);
		readable_free(a);
		if (!export_finish(stdout)) {
			fprintf(stderr, "tidings: cannot write the article: %s\n",
			    strerror(errno));
			rc = 1;
		}
	}
	tbuf_free(&page);
	free(content_type);
	free(final_url);
	return rc;
}

/* ---- --refresh -------------------------------------------------------- */

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

struct refresh_view {
	bool tty;		/* stderr is a terminal: a line per feed */
	const struct subs *subs;
};

/* "[37/200] CRM Daily: 12 new" on a terminal; a failure always. */
static void
refresh_progress(const struct refresh_progress *p, void *arg)
{
	const struct refresh_view *v = arg;
	const struct subs_feed *sf = subs_find(v->subs, p->url);
	char *name = text_sanitize_line(sf != NULL && sf->title != NULL ?
	    sf->title : p->title != NULL ? p->title : p->url);
	char *url;

	if (v->tty) {
		fprintf(stderr, "[%zu/%zu] %s: ", p->done, p->total, name);
		switch (p->outcome) {
		case REFRESH_UPDATED:
			fprintf(stderr, "%lld new", p->nnew);
			break;
		case REFRESH_NOT_MODIFIED:
			fputs("not modified", stderr);
			break;
		case REFRESH_FAILED:
			fprintf(stderr, "failed: %s", inert(p->error));
			break;
		}
		if (p->moved_to != NULL)
			fprintf(stderr, " (moved permanently to %s)", inert(p->moved_to));
		fputc('\n', stderr);
	} else if (p->outcome == REFRESH_FAILED) {
		url = text_sanitize_line(p->url);
		fprintf(stderr, "tidings: %s: %s\n", url, inert(p->error));
		free(url);
	}
	free(name);
}

/* tidings --refresh: exit 0 when every feed refreshed, 1 when any failed. */
static int
run_refresh(const struct options *o)
{
	struct paths p;
	struct subs *subs = NULL;
	struct store *st = NULL;
	struct fetch_limits limits;
	struct refresh_summary sum;
	struct refresh_view view;
	const char **urls;
	enum subs_result sr;
	char *why = NULL;
	size_t i, n;
	bool ok;

	(void)o;
	paths_init(&p);
	if ((sr = subs_load(p.urls, &subs)) != SUBS_OK) {
		fprintf(stderr, "tidings: %s: %s\n", inert(p.urls), subs_strerror(sr));
		paths_free(&p);
		return 1;
	}
	if (make_dirs(p.data_dir) != 0 ||
	    store_open(p.cache, &st, &why) != STORE_OK) {
		if (why != NULL)
			fprintf(stderr, "tidings: %s\n", inert(why));
		free(why);
		subs_free(subs);
		paths_free(&p);
		return 1;
	}
	n = subs_count(subs);
	urls = n > 0 ? xcalloc(n, sizeof(*urls)) : NULL;
	for (i = 0; i < n; i++)
		urls[i] = subs_get(subs, i)->url;
	view.tty = isatty(STDERR_FILENO) == 1;
	view.subs = subs;
	store_set_retention(st, refresh_limits(&limits, p.config));
	ok = refresh_run(st, urls, n, &limits, refresh_progress, &view, &sum);
	fetch_global_cleanup();
	/* quiet from cron when all went well */
	if (view.tty || !ok)
		fprintf(stderr, "%zu feeds: %zu updated (%lld new articles), "
		    "%zu not modified, %zu failed\n", sum.total, sum.updated,
		    sum.nnew, sum.not_modified, sum.failed);
	free(urls);
	store_close(st);
	subs_free(subs);
	paths_free(&p);
	return ok ? 0 : 1;
}

/* The interactive reader on the user's files. */
static int
run_tui(void)
{
	struct paths p;
	struct ui_options uo;
	char *state;
	int rc;

	paths_init(&p);
	if (make_dirs(p.data_dir) != 0) {
		paths_free(&p);
		return 1;
	}
	state = xasprintf("%s/ui-state", p.data_dir);
	uo.urls = p.urls;
	uo.config = p.config;
	uo.cache = p.cache;
	uo.state = state;
	rc = ui_run(&uo);
	free(state);
	paths_free(&p);
	return rc;
}

int
main(int argc, char **argv)
{
	struct options o;
	int rc;

	setlocale(LC_ALL, "");
	if ((rc = parse_options(argc, argv, &o)) != 0)
		return rc;
	switch (o.mode) {
	case MODE_HELP:
		usage(stdout);
		return 0;
	case MODE_VERSION:
		printf("tidings %s\n", PACKAGE_VERSION);
		return 0;
	case MODE_ADD:
	case MODE_REMOVE:
	case MODE_LIST:
	case MODE_IMPORT:
		return run_subs_mode(&o);
	case MODE_REFRESH:
		return run_refresh(&o);
	case MODE_EXPORT:
		return run_export(&o);
	case MODE_READ:
		return run_read(&o);
	case MODE_TUI:
		return run_tui();
	}
	return 0;
}
