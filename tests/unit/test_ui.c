/*
 * test_ui: the pieces of the screen that need no terminal: the star
 * ratings (UTF-8 and the ASCII fallback), list cursors and the tag list
 * line (both ways). Tables of cases; each failing row is printed.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/ui/ui_private.h"
#include "check.h"

static const struct {
	double stars;
	long long count;
	const char *utf8, *ascii;
} stars[] = {
	{ 4.5, 112, "★★★★½ 112  ", "****+ 112  " },
	{ 3, 41, "★★★☆☆ 41   ", "***.. 41   " },
	{ 4.74, 5, "★★★★½ 5    ", "****+ 5    " },
	{ 4.76, 5, "★★★★★ 5    ", "***** 5    " },
	{ 0, 0, "☆☆☆☆☆ 0    ", "..... 0    " },
	{ 0.2, 99999, "☆☆☆☆☆ 99999", "..... 99999" },
	{ 1.25, 123456, "★½☆☆☆ 123k ", "*+... 123k " },
	{ 5.7, 123456789, "★★★★★ 123M ", "***** 123M " },
	{ 2, -1, "★★☆☆☆      ", "**...      " },
	{ -1, 10, "", "" },
	{ NAN, 10, "", "" },
};

static const struct {
	size_t cur, top, n;
	int rows;
	enum conf_action a;
	size_t want_cur, want_top;
} moves[] = {
	{ 0, 0, 10, 5, CONF_ACT_DOWN, 1, 0 },
	{ 4, 0, 10, 5, CONF_ACT_DOWN, 5, 1 },
	{ 9, 5, 10, 5, CONF_ACT_DOWN, 9, 5 },
	{ 0, 0, 10, 5, CONF_ACT_UP, 0, 0 },
	{ 0, 0, 10, 5, CONF_ACT_PAGE_DOWN, 5, 5 },
	{ 7, 5, 10, 5, CONF_ACT_PAGE_DOWN, 9, 5 },
	{ 7, 5, 10, 5, CONF_ACT_PAGE_UP, 2, 0 },
	{ 3, 0, 10, 5, CONF_ACT_BOTTOM, 9, 5 },
	{ 9, 5, 10, 5, CONF_ACT_TOP, 0, 0 },
	{ 0, 0, 0, 5, CONF_ACT_DOWN, 0, 0 },
	{ 2, 0, 3, 5, CONF_ACT_PAGE_DOWN, 2, 0 },
	{ 5, 0, 10, 1, CONF_ACT_DOWN, 6, 6 },
};

/* Tags -> the line the list shows and the prompt edits, and back. */
static const struct {
	const char *tags[4];	/* NULL-terminated */
	const char *line;
} tag_lines[] = {
	{ { NULL }, "" },
	{ { "news", NULL }, "news" },
	{ { "news", "Nested Deeper", NULL }, "news \"Nested Deeper\"" },
	{ { "say \"hi\"", "a\\b", NULL }, "\"say \\\"hi\\\"\" \"a\\\\b\"" },
	{ { "tab\there", "x", NULL }, "\"tab\there\" x" },
};

/* Lines typed at the prompt -> tags. */
static const struct {
	const char *line;
	const char *tags[4];	/* NULL-terminated */
} tag_parses[] = {
	{ "  a   b ", { "a", "b", NULL } },
	{ "\"two words\" one", { "two words", "one", NULL } },
	{ "\"unclosed quote", { "unclosed quote", NULL } },
	{ "\"\" x", { "x", NULL } },
	{ "back\\slash", { "back\\slash", NULL } },
	{ "", { NULL } },
};

static void
check_tags(void)
{
	for (size_t i = 0; i < sizeof(tag_lines) / sizeof(tag_lines[0]); i++) {
		size_t n = 0, got_n;
		char *line, **got;

		while (tag_lines[i].tags[n] != NULL)
			n++;
		line = ui_tags_format(tag_lines[i].tags, n);
		CHECKF(strcmp(line, tag_lines[i].line) == 0,
		    "format row %zu: '%s', want '%s'", i, line, tag_lines[i].line);
		/* And back: the same tags. */
		got_n = ui_tags_parse(line, &got);
		CHECKF(got_n == n, "round trip row %zu: %zu tags, want %zu", i,
		    got_n, n);
		for (size_t k = 0; k < n && k < got_n; k++)
			CHECKF(strcmp(got[k], tag_lines[i].tags[k]) == 0,
			    "round trip row %zu tag %zu: '%s'", i, k, got[k]);
		ui_tags_free(got, got_n);
		free(line);
	}
	for (size_t i = 0; i < sizeof(tag_parses) / sizeof(tag_parses[0]); i++) {
		size_t n = 0, got_n;
		char **got;

		while (tag_parses[i].tags[n] != NULL)
			n++;
		got_n = ui_tags_parse(tag_parses[i].line, &got);
		CHECKF(got_n == n, "parse row %zu: %zu tags, want %zu", i, got_n, n);
		for (size_t k = 0; k < n && k < got_n; k++)
			CHECKF(strcmp(got[k], tag_parses[i].tags[k]) == 0,
			    "parse row %zu tag %zu: '%s', want '%s'", i, k, got[k],
			    tag_parses[i].tags[k]);
		ui_tags_free(got, got_n);
	}
}

int
main(void)
{
	char buf[UI_STARS_MAX];

	for (size_t i = 0; i < sizeof(stars) / sizeof(stars[0]); i++) {
		ui_stars_count(true, stars[i].stars, stars[i].count, buf);
		CHECKF(strcmp(buf, stars[i].utf8) == 0, "stars row %zu: '%s', "
		    "want '%s'", i, buf, stars[i].utf8);
		ui_stars_count(false, stars[i].stars, stars[i].count, buf);
		CHECKF(strcmp(buf, stars[i].ascii) == 0, "ascii stars row %zu: "
		    "'%s', want '%s'", i, buf, stars[i].ascii);
	}
	for (size_t i = 0; i < sizeof(moves) / sizeof(moves[0]); i++) {
		struct ui_cursor c = { moves[i].cur, moves[i].top };

		bool moved = ui_cursor_move(&c, moves[i].n, moves[i].rows,
		    moves[i].a);
		CHECKF(moved && c.cur == moves[i].want_cur &&
		    c.top == moves[i].want_top, "move row %zu: cur %zu top %zu, "
		    "want %zu %zu", i, c.cur, c.top, moves[i].want_cur,
		    moves[i].want_top);
	}
	check_tags();
	return check_finish();
}
