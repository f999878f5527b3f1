/*
 * cli: the command line as a table of modes (tmux's cmd-*.c). argv is
 * parsed once into a struct cli (src/cli/options.c) and checked against
 * the mode it selects: which options it accepts and how many operands.
 * Each mode lives in src/cli/cmd-<mode>.c and exports one const struct
 * cli_mode; main.c runs its stages in order and undoes the ones that
 * started, in reverse, whatever happens (newsraft's start-up table).
 *
 * Exit statuses: 0 done, 1 failed (said on stderr), CLI_EXIT_USAGE for a
 * usage error, which is two lines on stderr:
 *	tidings: --add and --list cannot be combined
 *	Try 'tidings --help'.
 */
#ifndef TIDINGS_CLI_H
#define TIDINGS_CLI_H

#include <stdbool.h>
#include <stdio.h>

#define CLI_EXIT_USAGE 2
#define CLI_INERT_SLOTS 4	/* cli_inert() strings alive at once */

/* Every option, as a bit of struct cli's given and cli_mode's accepts. */
enum cli_option {
	CLI_O_HELP = 1u << 0,
	CLI_O_VERSION = 1u << 1,
	CLI_O_REFRESH = 1u << 2,
	CLI_O_EXPORT = 1u << 3,
	CLI_O_WIDTH = 1u << 4,
	CLI_O_ADD = 1u << 5,
	CLI_O_REMOVE = 1u << 6,
	CLI_O_LIST = 1u << 7,
	CLI_O_IMPORT = 1u << 8,
	CLI_O_UNREAD = 1u << 9,
	CLI_O_FEED = 1u << 10,
	CLI_O_FULL = 1u << 11,
	CLI_O_READ = 1u << 12,
	CLI_O_BASE_URL = 1u << 13,
	CLI_O_CHECK_CONFIG = 1u << 14,
	CLI_O_SYNC = 1u << 15,
	CLI_O_STARRED = 1u << 16
};

enum cli_format {
	CLI_FORMAT_TEXT,
	CLI_FORMAT_JSON,
	CLI_FORMAT_OPML		/* --export=opml: the subscriptions */
};

struct cli_mode;

/* argv parsed. Strings point into argv. */
struct cli {
	const struct cli_mode *mode;
	unsigned given;		/* CLI_O_* of every option given */
	char **args;		/* operands left after the options */
	int nargs;
	enum cli_format export_format, read_format;
	long width;		/* --width; 0 when not given */
	const char *url;	/* --add, --remove */
	const char *file;	/* --import */
	const char *feed;	/* --export --feed URL */
	const char *base_url;	/* --read --base-url URL */
	bool unread, full;
	bool starred;		/* --export --starred */
};

/* The files tidings uses, from the XDG variables. */
struct cli_paths {
	char *config_dir;	/* $XDG_CONFIG_HOME/tidings */
	char *data_dir;		/* $XDG_DATA_HOME/tidings */
	char *urls;		/* config_dir/urls */
	char *config;		/* config_dir/config */
	char *cache;		/* data_dir/cache.db */
};

struct subs;
struct store;

/* What the stages of one run share; each stage sets what it opens and its
 * undo releases it. */
struct cli_run {
	const struct cli *o;
	struct cli_paths paths;
	struct subs *subs;	/* cli_stage_subs */
	struct store *st;	/* cli_stage_cache */
};

struct cli_stage {
	const char *what;	/* "open the cache": for a reader of the table */
	/* 0 to go on, else the exit status after telling the user why */
	int (*start)(struct cli_run *r);
	void (*undo)(struct cli_run *r);	/* NULL: nothing to undo */
};

struct cli_mode {
	const char *name;	/* the option without "--" ("add"); "" for the TUI */
	unsigned option;	/* the CLI_O_* that selects it; 0 for the TUI */
	unsigned accepts;	/* the other CLI_O_* allowed with it */
	int min_args, max_args;	/* operands; max_args < 0: any number */
	const char *operands;	/* what they are, for "--read needs one URL or
				 * FILE"; NULL when it takes none */
	const char *help;	/* its lines of --help */
	const struct cli_stage *const *stages;	/* run in order; NULL ends it */
};

extern const struct cli_mode cli_mode_ui, cli_mode_refresh, cli_mode_export,
    cli_mode_add, cli_mode_remove, cli_mode_list, cli_mode_import,
    cli_mode_read, cli_mode_check_config, cli_mode_sync;

/* ---- src/cli/options.c ------------------------------------------------- */

/*
 * Parse argv into *o and check it against its mode's table row. 0 when
 * the mode should run; CLI_EXIT_USAGE after the two-line error; -1 when
 * --help or --version was answered on stdout (exit 0).
 */
int cli_parse(int argc, char **argv, struct cli *o);

/* Whether the run writes data for a program (--read=json, --export=json or
 * opml), which is the same in every locale, rather than text for a person
 * (the reader, the digest), which takes the locale's charset and names. */
bool cli_output_is_data(const struct cli *o);

/* "tidings: " fmt "\nTry 'tidings --help'.\n" on stderr; returns
 * CLI_EXIT_USAGE. */
int cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* ---- src/cli/stages.c: what several modes share ------------------------ */

extern const struct cli_stage cli_stage_paths;	/* resolve the XDG paths */
extern const struct cli_stage cli_stage_subs;	/* load the urls file */
extern const struct cli_stage cli_stage_cache;	/* open (create) the cache */

/* s (an argument, path, URL or network text) made inert for a message
 * (text_sanitize_line); valid until CLI_INERT_SLOTS more are made. */
const char *cli_inert(const char *s);
/* "1 article", "2 articles": n and the right form of the noun. Valid
 * until CLI_INERT_SLOTS more cli_inert/cli_count strings are made. */
const char *cli_count(long long n, const char *one, const char *many);
/* Save r->subs to the urls file; 0, or 1 after telling the user. */
int cli_save_subs(struct cli_run *r);
/* The cache, or NULL after telling the user why not (data folder made). */
struct store *cli_open_cache(const struct cli_run *r);

#endif
