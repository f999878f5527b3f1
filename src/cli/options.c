/*
 * options.c: argv -> struct cli, once, then checked against the table of
 * modes: one mode option at most, only the options that mode accepts, and
 * the number of operands it takes. Every usage error is two lines.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "export.h"
#include "text.h"

/* Every option: its name, whether it takes an argument, its bit. */
static const struct {
	const char *name;
	int has_arg;
	unsigned bit;
	int short_name;		/* 0: none */
} options[] = {
	{ "help", no_argument, CLI_O_HELP, 'h' },
	{ "version", no_argument, CLI_O_VERSION, 'V' },
	{ "refresh", no_argument, CLI_O_REFRESH, 0 },
	{ "export", optional_argument, CLI_O_EXPORT, 0 },
	{ "width", required_argument, CLI_O_WIDTH, 0 },
	{ "add", required_argument, CLI_O_ADD, 0 },
	{ "remove", required_argument, CLI_O_REMOVE, 0 },
	{ "list", no_argument, CLI_O_LIST, 0 },
	{ "import", required_argument, CLI_O_IMPORT, 0 },
	{ "unread", no_argument, CLI_O_UNREAD, 0 },
	{ "feed", required_argument, CLI_O_FEED, 0 },
	{ "full", no_argument, CLI_O_FULL, 0 },
	{ "read", optional_argument, CLI_O_READ, 0 },
	{ "base-url", required_argument, CLI_O_BASE_URL, 0 },
	{ "check-config", no_argument, CLI_O_CHECK_CONFIG, 0 },
	{ "sync", no_argument, CLI_O_SYNC, 0 },
	{ "starred", no_argument, CLI_O_STARRED, 0 },
};
#define NOPTIONS (sizeof(options) / sizeof(options[0]))
#define OPT_BASE 256	/* getopt values of long options: OPT_BASE + index */
#define MODE_NAMES_MAX 128	/* bytes of "--export or --read" in a message */

/* The modes, in the order --help lists them; the TUI is the default. */
static const struct cli_mode *const modes[] = {
	&cli_mode_ui, &cli_mode_refresh, &cli_mode_export, &cli_mode_add,
	&cli_mode_remove, &cli_mode_list, &cli_mode_import, &cli_mode_read,
	&cli_mode_check_config, &cli_mode_sync,
};
#define NMODES (sizeof(modes) / sizeof(modes[0]))

static const char usage_head[] =
"usage: tidings [OPTION]...\n"
"A terminal reader for RSS and Atom news feeds.\n"
"\n"
"  -h, --help       show this help and exit\n"
"  -V, --version    show the version and exit\n";
static const char usage_tail[] =
"\n"
"Files: $XDG_CONFIG_HOME/tidings/urls (subscriptions),\n"
"       $XDG_CONFIG_HOME/tidings/config (settings),\n"
"       $XDG_DATA_HOME/tidings/cache.db (the article cache).\n"
"See tidings(1).\n";

int
cli_usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("tidings: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'tidings --help'.\n", stderr);
	return CLI_EXIT_USAGE;
}

static void
usage(void)
{
	size_t i;

	fputs(usage_head, stdout);
	for (i = 0; i < NMODES; i++)
		fputs(modes[i]->help, stdout);
	fputs(usage_tail, stdout);
}

static const char *
option_name(unsigned bit)
{
	size_t i;

	for (i = 0; i < NOPTIONS; i++)
		if (options[i].bit == bit)
			return options[i].name;
	return "?";
}

/* "text", "json" (and "opml" when allowed) into *f; false when unknown. */
static bool
parse_format(const char *arg, bool opml, enum cli_format *f)
{
	if (arg == NULL || strcmp(arg, "text") == 0)
		*f = CLI_FORMAT_TEXT;
	else if (strcmp(arg, "json") == 0)
		*f = CLI_FORMAT_JSON;
	else if (opml && strcmp(arg, "opml") == 0)
		*f = CLI_FORMAT_OPML;
	else
		return false;
	return true;
}

/* One option's argument into o; 0 or CLI_EXIT_USAGE. */
static int
take_argument(unsigned bit, const char *arg, struct cli *o)
{
	char *end;

	switch (bit) {
	case CLI_O_EXPORT:
		if (!parse_format(arg, true, &o->export_format))
			return cli_usage_error("unknown export format '%s'",
			    cli_inert(arg));
		break;
	case CLI_O_READ:
		if (!parse_format(arg, false, &o->read_format))
			return cli_usage_error("unknown read format '%s'",
			    cli_inert(arg));
		break;
	case CLI_O_WIDTH:
		errno = 0;
		o->width = strtol(arg, &end, 10);
		if (errno != 0 || end == arg || *end != '\0' ||
		    o->width < EXPORT_MIN_WIDTH || o->width > EXPORT_MAX_WIDTH)
			return cli_usage_error("--width wants a number from %d to %d",
			    EXPORT_MIN_WIDTH, EXPORT_MAX_WIDTH);
		break;
	case CLI_O_ADD:
	case CLI_O_REMOVE:
		o->url = arg;
		break;
	case CLI_O_IMPORT:
		o->file = arg;
		break;
	case CLI_O_FEED:
		o->feed = arg;
		break;
	case CLI_O_BASE_URL:
		o->base_url = arg;
		break;
	case CLI_O_UNREAD:
		o->unread = true;
		break;
	case CLI_O_FULL:
		o->full = true;
		break;
	case CLI_O_STARRED:
		o->starred = true;
		break;
	}
	return 0;
}

/* The mode options given, in argv order, into first and second (0: none). */
static void
mode_options(const unsigned *order, size_t n, unsigned *first, unsigned *second)
{
	size_t i, j;

	*first = *second = 0;
	for (i = 0; i < n; i++)
		for (j = 0; j < NMODES; j++)
			if (modes[j]->option == order[i] && order[i] != *first) {
				if (*first == 0)
					*first = order[i];
				else if (*second == 0)
					*second = order[i];
			}
}

/* "--export or --read": the modes that accept bit. */
static void
modes_accepting(unsigned bit, char *buf, size_t size)
{
	size_t i, len = 0;
	int n = 0;

	buf[0] = '\0';
	for (i = 0; i < NMODES && len < size; i++)
		if (modes[i]->accepts & bit) {
			xsnprintf(buf + len, size - len, "%s--%s", n++ ? " or " : "",
			    modes[i]->name);
			len = strlen(buf);
		}
}

/* The mode's table row against what was given; 0 or CLI_EXIT_USAGE. */
static int
check(const struct cli *o, const unsigned *order, size_t norder)
{
	const struct cli_mode *m = o->mode;
	char who[MODE_NAMES_MAX];
	size_t i;

	for (i = 0; i < norder; i++) {
		if (order[i] == m->option || (m->accepts & order[i]))
			continue;
		if (m->option == 0) {
			modes_accepting(order[i], who, sizeof(who));
			return cli_usage_error("--%s works only with %s",
			    option_name(order[i]), who);
		}
		return cli_usage_error("--%s cannot be used with --%s",
		    option_name(order[i]), m->name);
	}
	if (o->nargs < m->min_args)
		return cli_usage_error("--%s needs %s", m->name, m->operands);
	if (m->max_args >= 0 && o->nargs > m->max_args) {
		const char *extra = cli_inert(o->args[m->max_args]);

		if (m->option == 0)
			return cli_usage_error("unexpected argument '%s' (to "
			    "subscribe to a feed: tidings --add URL)", extra);
		return cli_usage_error("unexpected argument '%s' after --%s",
		    extra, m->name);
	}
	return 0;
}

int
cli_parse(int argc, char **argv, struct cli *o)
{
	struct option longopts[NOPTIONS + 1];
	unsigned order[NOPTIONS], first, second;
	size_t norder = 0, i;
	int c, rc;

	memset(o, 0, sizeof(*o));
	memset(longopts, 0, sizeof(longopts));
	for (i = 0; i < NOPTIONS; i++) {
		longopts[i].name = options[i].name;
		longopts[i].has_arg = options[i].has_arg;
		longopts[i].val = OPT_BASE + (int)i;
	}
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":hV", longopts, NULL)) != -1) {
		unsigned bit = 0;

		for (i = 0; i < NOPTIONS; i++)
			if (c == OPT_BASE + (int)i || (c < OPT_BASE &&
			    c == options[i].short_name))
				bit = options[i].bit;
		if (c == ':')
			return cli_usage_error("option '%s' needs an argument",
			    cli_inert(argv[optind - 1]));
		if (bit == 0 && optopt != 0)
			return cli_usage_error("unknown option '-%c'", optopt);
		if (bit == 0)
			return cli_usage_error("unknown option '%s'",
			    cli_inert(argv[optind - 1]));
		if ((o->given & bit) && optarg != NULL)
			return cli_usage_error("--%s given twice", option_name(bit));
		if ((rc = take_argument(bit, optarg, o)) != 0)
			return rc;
		if ((o->given & bit) == 0)
			order[norder++] = bit;
		o->given |= bit;
	}
	o->args = argv + optind;
	o->nargs = argc - optind;
	if (o->given & CLI_O_HELP) {
		usage();
		return -1;
	}
	if (o->given & CLI_O_VERSION) {
		printf("tidings %s\n", PACKAGE_VERSION);
		return -1;
	}
	mode_options(order, norder, &first, &second);
	if (second != 0)
		return cli_usage_error("--%s and --%s cannot be combined",
		    option_name(first), option_name(second));
	o->mode = &cli_mode_ui;
	for (i = 0; i < NMODES; i++)
		if (first != 0 && modes[i]->option == first)
			o->mode = modes[i];
	return check(o, order, norder);
}

bool
cli_output_is_data(const struct cli *o)
{
	return (o->mode == &cli_mode_read && o->read_format == CLI_FORMAT_JSON) ||
	    (o->mode == &cli_mode_export && o->export_format != CLI_FORMAT_TEXT);
}
