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
#include <unistd.h>

#include "export.h"
#include "feed.h"
#include "fetch.h"
#include "text.h"

#define EXIT_USAGE 2

enum mode {
	MODE_TUI,
	MODE_HELP,
	MODE_VERSION,
	MODE_EXPORT
};

enum export_format {
	EXPORT_TEXT,
	EXPORT_JSON
};

/* Long options without a short form. */
enum {
	OPT_EXPORT = 256,
	OPT_WIDTH
};

struct options {
	enum mode mode;
	char **args;		/* operands left after the options */
	int nargs;
	enum export_format export_format;
	long width;		/* --width; 0 when not given */
};

static const char usage_text[] =
"usage: tidings [OPTION]...\n"
"A terminal reader for RSS and Atom news feeds.\n"
"\n"
"  -h, --help       show this help and exit\n"
"  -V, --version    show the version and exit\n"
"      --export[=text|json] SOURCE...\n"
"                   print the articles of each SOURCE (a file, file:// or\n"
"                   http(s) URL) as a text digest or as JSON Lines\n"
"      --width N    wrap the text digest to N columns\n"
"\n"
"Files: $XDG_CONFIG_HOME/tidings/urls (subscriptions),\n"
"       $XDG_DATA_HOME/tidings/cache.db (the article cache).\n"
"See tidings(1).\n";

static const struct option long_options[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ "export", optional_argument, NULL, OPT_EXPORT },
	{ "width", required_argument, NULL, OPT_WIDTH },
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
			fprintf(stderr, "tidings: cannot create %s: %s\n", p,
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
		case OPT_EXPORT:
			o->mode = MODE_EXPORT;
			if (optarg == NULL || strcmp(optarg, "text") == 0)
				o->export_format = EXPORT_TEXT;
			else if (strcmp(optarg, "json") == 0)
				o->export_format = EXPORT_JSON;
			else {
				fprintf(stderr, "tidings: unknown export format '%s'\n",
				    optarg);
				usage(stderr);
				return EXIT_USAGE;
			}
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
			    argv[optind - 1]);
			usage(stderr);
			return EXIT_USAGE;
		default:
			if (optopt != 0)
				fprintf(stderr, "tidings: unknown option '-%c'\n", optopt);
			else
				fprintf(stderr, "tidings: unknown option '%s'\n",
				    argv[optind - 1]);
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	o->args = argv + optind;
	o->nargs = argc - optind;
	return 0;
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
			fprintf(stderr, "tidings: %s: %s\n", source,
			    res.message != NULL ? res.message :
			    fetch_strerror(res.result));
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
			fprintf(stderr, "tidings: %s: %s: %s\n", source,
			    feed_strerror(r), strerror(errno));
		else if (line > 0)
			fprintf(stderr, "tidings: %s: %s (line %d)\n", source,
			    feed_strerror(r), line);
		else
			fprintf(stderr, "tidings: %s: %s\n", source, feed_strerror(r));
		free(path);
		return 1;
	}
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

	if (o->nargs == 0) {
		/* Exporting the cache (no SOURCE) comes with the cache. */
		fputs("tidings: --export needs a SOURCE (a file or URL)\n", stderr);
		usage(stderr);
		return EXIT_USAGE;
	}
	export_default_options(&x.eo, stdout, o->width);
	fetch_global_init();
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
	case MODE_EXPORT:
		return run_export(&o);
	case MODE_TUI:
		fputs("tidings: the interactive reader is not built yet\n", stderr);
		return 1;
	}
	return 0;
}
