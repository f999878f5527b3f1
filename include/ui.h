/*
 * ui: the interactive reader (ncursesw). A feed list, a headline list with
 * community ratings, an article pager and a help screen, driven by one
 * event loop that polls the terminal and curl's sockets together, so
 * refreshes run while the reader keeps reading. No threads.
 *
 * Knows nothing of how feeds are parsed or stored: it calls store, subs,
 * refresh and html. The files of the module live in src/ui/.
 */
#ifndef TIDINGS_UI_H
#define TIDINGS_UI_H

/* Where the reader's files are; main.c resolves them from the XDG
 * variables. The strings are the caller's and must outlive ui_run(). */
struct ui_options {
	const char *urls;	/* the subscriptions (newsboat's urls format) */
	const char *config;	/* the config file (tidings-config(5)); may be missing */
	const char *cache;	/* the SQLite cache */
	const char *state;	/* small UI state (the sort order) kept between runs */
};

/*
 * Run the reader on the terminal until the user quits. Returns the exit
 * status for main: 0, or 1 after printing why on stderr when the cache or
 * the subscriptions cannot be opened or stdin/stdout is not a terminal.
 *
 * Debug and benchmark aid: with TIDINGS_EXIT_AFTER_DRAW=1 in the
 * environment the reader exits (status 0) right after drawing its first
 * screen; tests/bench/startup_100k.sh times start-up with it.
 */
int ui_run(const struct ui_options *opt);

#endif
