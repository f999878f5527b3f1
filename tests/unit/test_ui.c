/*
 * test_ui: the pieces of the screen that need no terminal: the star
 * ratings (UTF-8 and the ASCII fallback) and list cursors. A table of
 * cases; the first failing row is printed.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../../src/ui/ui_private.h"

static int failures;

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

int
main(void)
{
	char buf[UI_STARS_MAX];

	for (size_t i = 0; i < sizeof(stars) / sizeof(stars[0]); i++) {
		ui_stars_count(true, stars[i].stars, stars[i].count, buf);
		if (strcmp(buf, stars[i].utf8) != 0) {
			fprintf(stderr, "stars row %zu: '%s', want '%s'\n", i, buf,
			    stars[i].utf8);
			failures++;
		}
		ui_stars_count(false, stars[i].stars, stars[i].count, buf);
		if (strcmp(buf, stars[i].ascii) != 0) {
			fprintf(stderr, "ascii stars row %zu: '%s', want '%s'\n", i,
			    buf, stars[i].ascii);
			failures++;
		}
	}
	for (size_t i = 0; i < sizeof(moves) / sizeof(moves[0]); i++) {
		struct ui_cursor c = { moves[i].cur, moves[i].top };

		if (!ui_cursor_move(&c, moves[i].n, moves[i].rows, moves[i].a) ||
		    c.cur != moves[i].want_cur || c.top != moves[i].want_top) {
			fprintf(stderr, "move row %zu: cur %zu top %zu, want %zu %zu\n",
			    i, c.cur, c.top, moves[i].want_cur, moves[i].want_top);
			failures++;
		}
	}
	if (failures != 0)
		return 1;
	puts("test_ui: ok");
	return 0;
}
