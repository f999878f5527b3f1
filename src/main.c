/*
 * main.c: options, paths and wiring. Every mode is a function here that
 * hands the parsed options to the modules that do the work.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "text.h"

#define EXIT_USAGE 2

enum mode {
	MODE_TUI,
	MODE_HELP,
	MODE_VERSION
};

struct options {
	enum mode mode;
	char **args;		/* operands left after the options */
	int nargs;
};

static const char usage_text[] =
"usage: tidings [OPTION]...\n"
"A terminal reader for RSS and Atom news feeds.\n"
"\n"
"  -h, --help       show this help and exit\n"
"  -V, --version    show the version and exit\n"
"\n"
"Files: $XDG_CONFIG_HOME/tidings/urls (subscriptions),\n"
"       $XDG_DATA_HOME/tidings/cache.db (the article cache).\n"
"See tidings(1).\n";

static const struct option long_options[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
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
	case MODE_TUI:
		fputs("tidings: the interactive reader is not built yet\n", stderr);
		return 1;
	}
	return 0;
}
