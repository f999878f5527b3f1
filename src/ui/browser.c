/*
 * browser.c: open a link in the user's browser: the config's `browser`
 * command, else $BROWSER split at blanks, else xdg-open, run with fork and
 * execvp and the URL as one argument, so no shell ever sees it. A leaf:
 * it calls nothing else in src/ui/ and says what went wrong in a buffer.
 */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>

#include "text.h"
#include "ui_private.h"

#define MAX_BROWSER_ARGS 32	/* words of $BROWSER */

/* Split a browser command into words at blanks (no shell, no quotes). */
static size_t
split_command(char *cmd, char **argv, size_t max)
{
	size_t n = 0;
	char *save = NULL;

	for (char *w = strtok_r(cmd, " \t", &save); w != NULL && n < max;
	    w = strtok_r(NULL, " \t", &save))
		argv[n++] = w;
	return n;
}

bool
ui_browser_open(char *const *browser, const char *url, char *why, size_t size)
{
	char *argv[MAX_BROWSER_ARGS + 2], *env_copy = NULL;
	const char *env = getenv("BROWSER");
	size_t n = 0;
	pid_t pid;
	int status = 0;

	if (url == NULL || url[0] == '\0') {
		snprintf(why, size, "No link.");
		return false;
	}
	if (strncasecmp(url, "http://", 7) != 0 && strncasecmp(url, "https://", 8) != 0) {
		char *u = text_sanitize_line(url);
		snprintf(why, size, "Only http and https links open in a browser: %s", u);
		free(u);
		return false;
	}
	if (browser != NULL) {
		while (browser[n] != NULL && n < MAX_BROWSER_ARGS) {
			argv[n] = browser[n];
			n++;
		}
	} else if (env != NULL && env[0] != '\0') {
		env_copy = xstrdup(env);
		n = split_command(env_copy, argv, MAX_BROWSER_ARGS);
	}
	if (n == 0)
		argv[n++] = (char *)"xdg-open";
	argv[n++] = (char *)url;	/* one argument, whatever it holds */
	argv[n] = NULL;

	def_prog_mode();
	endwin();
	/* As system() does: a C-c meant for a terminal browser must not
	 * end the reader too. */
	struct sigaction ign = { .sa_handler = SIG_IGN }, old_int, old_quit;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	if ((pid = fork()) == 0) {
		signal(SIGWINCH, SIG_DFL);
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		execvp(argv[0], argv);
		_exit(127);
	}
	if (pid > 0)
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			continue;
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	reset_prog_mode();
	clearok(curscr, TRUE);
	refresh();
	why[0] = '\0';
	if (pid < 0)
		snprintf(why, size, "Cannot start the browser: %s", strerror(errno));
	else if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		snprintf(why, size, "Cannot run %s (set BROWSER or 'browser' in "
		    "the config)", argv[0]);
	free(env_copy);
	return why[0] == '\0';
}
