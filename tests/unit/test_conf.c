/*
 * test_conf: the configuration file language. Each case is a config text
 * and what must come out of it; the first failing row is printed.
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "check.h"

static const struct {
	const char *name;
	int key;
} keys[] = {
	{ "j", 'j' },
	{ "?", '?' },
	{ "\xC3\xA9", 0xE9 },
	{ "C-d", 4 },
	{ "^L", 12 },
	{ "Enter", '\n' },
	{ "esc", 27 },
	{ "Space", ' ' },
	{ "PgDn", CONF_KEY_FUNC | KEY_NPAGE },
	{ "Home", CONF_KEY_FUNC | KEY_HOME },
	{ "F1", CONF_KEY_FUNC | KEY_F(1) },
	{ "F12", CONF_KEY_FUNC | KEY_F(12) },
	{ "F13", CONF_KEY_NONE },
	{ "jk", CONF_KEY_NONE },
	{ "", CONF_KEY_NONE },
	{ "C-1", CONF_KEY_NONE },
	{ "\x1b", CONF_KEY_NONE },
	{ "\xff", CONF_KEY_NONE },
};

/* One config text; want_errors lists the line numbers that must be named. */
static const struct {
	const char *text;
	const char *errors[4];	/* substrings of errors[0..], in order */
	unsigned interval, parallel;
	int show_read;
	const char *browser0, *browser1;
	int auto_readable;	/* 0 (the default) unless a case says */
	unsigned keep_days;	/* keep-read-days, 0 by default */
} cases[] = {
	{ "", { NULL }, 0, CONF_DEFAULT_PARALLEL, 1, NULL, NULL, 0, 0 },
	{ "# comment\n\n   \t\nrefresh-interval 30\nmax-parallel 4\nshow-read no\n",
	  { NULL }, 30, 4, 0, NULL, NULL, 0, 0 },
	{ "refresh-interval soon\nmax-parallel 0\nmax-parallel 999\n",
	  { "t:1: refresh-interval", "t:2: max-parallel", "t:3: max-parallel" },
	  0, CONF_DEFAULT_PARALLEL, 1, NULL, NULL, 0, 0 },
	{ "browser \"my browser\" --new-tab\r\n", { NULL }, 0,
	  CONF_DEFAULT_PARALLEL, 1, "my browser", "--new-tab", 0, 0 },
	{ "frobnicate yes\nshow-read maybe\nbrowser\n",
	  { "t:1: unknown setting 'frobnicate'", "t:2: usage: show-read",
	    "t:3: usage: browser" }, 0, CONF_DEFAULT_PARALLEL, 1, NULL, NULL, 0, 0 },
	{ "bind j\nbind zz down\nbind x fly\nbrowser \"open\n",
	  { "t:1: usage: bind", "t:2: unknown key 'zz'",
	    "t:3: unknown action 'fly'", "t:4: unterminated quote" },
	  0, CONF_DEFAULT_PARALLEL, 1, NULL, NULL, 0, 0 },
	{ "color bogus red blue\ncolor title red nocolor\ncolor title red blue shiny\n",
	  { "t:1: unknown element", "t:2: unknown color 'nocolor'",
	    "t:3: unknown attribute 'shiny'" }, 0, CONF_DEFAULT_PARALLEL, 1,
	  NULL, NULL, 0, 0 },
	/* Escape sequences in a bad line are not echoed into the message. */
	{ "\x1b]52;c;aGk=\x07oops\n", { "t:1: unknown setting 'oops'" }, 0,
	  CONF_DEFAULT_PARALLEL, 1, NULL, NULL, 0, 0 },
	{ "auto-readable yes\nkeep-read-days 30\n", { NULL }, 0,
	  CONF_DEFAULT_PARALLEL, 1, NULL, NULL, 1, 30 },
	/* later lines win; the bounds are kept */
	{ "auto-readable yes\nauto-readable no\nkeep-read-days 0\n"
	  "keep-read-days 36500\n", { NULL }, 0, CONF_DEFAULT_PARALLEL, 1,
	  NULL, NULL, 0, CONF_MAX_KEEP_DAYS },
	{ "auto-readable\nauto-readable maybe\nkeep-read-days -1\n"
	  "keep-read-days 36501\n",
	  { "t:1: usage: auto-readable yes|no", "t:2: usage: auto-readable",
	    "t:3: keep-read-days must be a number from 0 to 36500",
	    "t:4: keep-read-days" }, 0, CONF_DEFAULT_PARALLEL, 1, NULL, NULL,
	  0, 0 },
	{ "keep-read-days 7 days\nkeep-read-days 1e3\nkeep-read-days 12\n",
	  { "t:1: usage: keep-read-days DAYS", "t:2: keep-read-days" }, 0,
	  CONF_DEFAULT_PARALLEL, 1, NULL, NULL, 0, 12 },
};

static void
test_cases(void)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct conf c;
		size_t nwant = 0;

		conf_parse(&c, cases[i].text, strlen(cases[i].text), "t");
		while (nwant < 4 && cases[i].errors[nwant] != NULL)
			nwant++;
		CHECKF(c.nerrors == nwant, "case %zu: %zu errors, want %zu%s%s",
		    i, c.nerrors, nwant, c.nerrors ? ": " : "",
		    c.nerrors ? c.errors[0] : "");
		for (size_t e = 0; e < nwant && e < c.nerrors; e++)
			CHECKF(strstr(c.errors[e], cases[i].errors[e]) != NULL,
			    "case %zu: error '%s' lacks '%s'", i, c.errors[e],
			    cases[i].errors[e]);
		for (size_t e = 0; e < c.nerrors; e++)
			CHECKF(strchr(c.errors[e], '\x1b') == NULL,
			    "case %zu: raw ESC in a message", i);
		CHECKF(c.refresh_interval == cases[i].interval,
		    "case %zu: interval %u", i, c.refresh_interval);
		CHECKF(c.max_parallel == cases[i].parallel,
		    "case %zu: parallel %u", i, c.max_parallel);
		CHECKF(c.show_read == (cases[i].show_read != 0),
		    "case %zu: show_read", i);
		CHECKF(c.auto_readable == (cases[i].auto_readable != 0),
		    "case %zu: auto_readable", i);
		CHECKF(c.keep_read_days == cases[i].keep_days,
		    "case %zu: keep_read_days %u", i, c.keep_read_days);
		if (cases[i].browser0 == NULL)
			CHECKF(c.browser == NULL, "case %zu: browser set", i);
		else {
			CHECKF(c.browser != NULL && strcmp(c.browser[0],
			    cases[i].browser0) == 0 && c.browser[1] != NULL &&
			    strcmp(c.browser[1], cases[i].browser1) == 0 &&
			    c.browser[2] == NULL, "case %zu: browser argv", i);
		}
		conf_clear(&c);
	}
}

static void
test_keys(void)
{
	char buf[CONF_KEY_NAME_MAX];

	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		int k = conf_key_parse(keys[i].name);
		CHECKF(k == keys[i].key, "key '%s': %d, want %d", keys[i].name,
		    k, keys[i].key);
		/* A name printed back parses to the same key. */
		if (k != CONF_KEY_NONE)
			CHECKF(conf_key_parse(conf_key_name(k, buf)) == k,
			    "key '%s' prints as '%s'", keys[i].name, buf);
	}
}

static void
test_bindings_and_colors(void)
{
	static const char text[] =
	    "bind x quit\n"
	    "unbind q\n"
	    "bind C-d page-down\n"
	    "color selected black yellow bold reverse\n"
	    "color stars color208 default\n";
	struct conf c;

	conf_parse(&c, text, sizeof(text) - 1, "t");
	CHECKF(c.nerrors == 0, "bindings: %zu errors", c.nerrors);
	CHECKF(c.nbindings == 3, "bindings: %zu", c.nbindings);
	if (c.nbindings == 3) {
		CHECKF(c.bindings[0].key == 'x' &&
		    c.bindings[0].action == CONF_ACT_QUIT, "bind x quit");
		CHECKF(c.bindings[1].key == 'q' &&
		    c.bindings[1].action == CONF_ACT_NONE, "unbind q");
		CHECKF(c.bindings[2].key == 4 &&
		    c.bindings[2].action == CONF_ACT_PAGE_DOWN, "bind C-d");
	}
	CHECKF(c.colors[CONF_EL_SELECTED].set &&
	    c.colors[CONF_EL_SELECTED].fg == 0 &&
	    c.colors[CONF_EL_SELECTED].bg == 3 &&
	    c.colors[CONF_EL_SELECTED].attrs ==
	    (CONF_ATTR_BOLD | CONF_ATTR_REVERSE), "color selected");
	CHECKF(c.colors[CONF_EL_STARS].set && c.colors[CONF_EL_STARS].fg == 208 &&
	    c.colors[CONF_EL_STARS].bg == CONF_COLOR_DEFAULT, "color stars");
	CHECKF(!c.colors[CONF_EL_TITLE].set, "title not set");
	conf_clear(&c);

	/* Every action name round-trips. */
	for (int a = 1; a < CONF_ACT_COUNT; a++)
		CHECKF((int)conf_action_parse(conf_action_name(a)) == a,
		    "action %d '%s'", a, conf_action_name(a));
}

static void
test_missing_file(void)
{
	struct conf c;

	conf_load(&c, "/nonexistent/tidings/config");
	CHECKF(c.nerrors == 0, "missing file gives %zu errors", c.nerrors);
	CHECKF(c.show_read && c.max_parallel == CONF_DEFAULT_PARALLEL &&
	    !c.auto_readable && c.keep_read_days == 0,
	    "missing file: defaults");
	conf_clear(&c);
}

int
main(void)
{
	test_cases();
	test_keys();
	test_bindings_and_colors();
	test_missing_file();
	if (check_failures == 0)
		puts("test_conf: ok");
	return check_finish();
}
