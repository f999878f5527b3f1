/*
 * keys.c: the key bindings (a default table, then the config's bind
 * lines on top) and the help screen, which is generated from the
 * bindings in force, so it never disagrees with them.
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "ui_private.h"

#define F(k) (CONF_KEY_FUNC | (k))

/* The default bindings; man/tidings.1 (KEYS) lists the same. */
static const struct ui_keymap default_keys[] = {
	{ 'j', CONF_ACT_DOWN }, { F(KEY_DOWN), CONF_ACT_DOWN },
	{ 'k', CONF_ACT_UP }, { F(KEY_UP), CONF_ACT_UP },
	{ F(KEY_NPAGE), CONF_ACT_PAGE_DOWN }, { ' ', CONF_ACT_PAGE_DOWN },
	{ F(KEY_PPAGE), CONF_ACT_PAGE_UP }, { 'b', CONF_ACT_PAGE_UP },
	{ 'g', CONF_ACT_TOP }, { F(KEY_HOME), CONF_ACT_TOP },
	{ 'G', CONF_ACT_BOTTOM }, { F(KEY_END), CONF_ACT_BOTTOM },
	{ '\n', CONF_ACT_OPEN }, { '\r', CONF_ACT_OPEN },
	{ F(KEY_ENTER), CONF_ACT_OPEN }, { 'l', CONF_ACT_OPEN },
	{ F(KEY_RIGHT), CONF_ACT_OPEN },
	{ 'q', CONF_ACT_BACK }, { 'h', CONF_ACT_BACK }, { 27, CONF_ACT_BACK },
	{ F(KEY_LEFT), CONF_ACT_BACK },
	{ 'Q', CONF_ACT_QUIT },
	{ 'r', CONF_ACT_REFRESH }, { 'R', CONF_ACT_REFRESH_ALL },
	{ 'n', CONF_ACT_NEXT_UNREAD }, { 'N', CONF_ACT_PREV_UNREAD },
	{ 'm', CONF_ACT_TOGGLE_READ }, { 'A', CONF_ACT_MARK_ALL_READ },
	{ '1', CONF_ACT_RATE_1 }, { '2', CONF_ACT_RATE_2 },
	{ '3', CONF_ACT_RATE_3 }, { '4', CONF_ACT_RATE_4 },
	{ '5', CONF_ACT_RATE_5 }, { '0', CONF_ACT_CLEAR_RATING },
	{ 's', CONF_ACT_SORT }, { 'S', CONF_ACT_REVERSE_SORT },
	{ '/', CONF_ACT_SEARCH },
	{ 'o', CONF_ACT_OPEN_BROWSER }, { 'f', CONF_ACT_OPEN_LINK },
	{ 'v', CONF_ACT_READABLE },
	{ 'a', CONF_ACT_ADD_FEED }, { 'd', CONF_ACT_DELETE_FEED },
	{ 't', CONF_ACT_EDIT_FEED }, { 'T', CONF_ACT_FILTER_TAG },
	{ 'E', CONF_ACT_SHOW_ERROR }, { 'u', CONF_ACT_TOGGLE_UNREAD_ONLY },
	{ 'L', CONF_ACT_LOAD_SAMPLE },
	{ 12, CONF_ACT_REDRAW }, { '?', CONF_ACT_HELP }, { F(KEY_F(1)), CONF_ACT_HELP },
};

/* What each action does, for the help screen. */
static const char *const action_help[CONF_ACT_COUNT] = {
	[CONF_ACT_NONE] = "nothing",
	[CONF_ACT_DOWN] = "next line",
	[CONF_ACT_UP] = "previous line",
	[CONF_ACT_PAGE_DOWN] = "next page",
	[CONF_ACT_PAGE_UP] = "previous page",
	[CONF_ACT_TOP] = "first line",
	[CONF_ACT_BOTTOM] = "last line",
	[CONF_ACT_OPEN] = "open the feed or article",
	[CONF_ACT_BACK] = "back (quits on the feed list)",
	[CONF_ACT_QUIT] = "quit",
	[CONF_ACT_REFRESH] = "refresh the feed",
	[CONF_ACT_REFRESH_ALL] = "refresh every feed",
	[CONF_ACT_NEXT_UNREAD] = "next unread article",
	[CONF_ACT_PREV_UNREAD] = "previous unread article",
	[CONF_ACT_TOGGLE_READ] = "mark read / unread",
	[CONF_ACT_MARK_ALL_READ] = "mark every article of the feed read",
	[CONF_ACT_RATE_1] = "rate the article 1 star",
	[CONF_ACT_RATE_2] = "rate the article 2 stars",
	[CONF_ACT_RATE_3] = "rate the article 3 stars",
	[CONF_ACT_RATE_4] = "rate the article 4 stars",
	[CONF_ACT_RATE_5] = "rate the article 5 stars",
	[CONF_ACT_CLEAR_RATING] = "clear your rating",
	[CONF_ACT_SORT] = "sort by date, rating, title or feed",
	[CONF_ACT_REVERSE_SORT] = "reverse the sort",
	[CONF_ACT_SEARCH] = "search titles and text of every feed",
	[CONF_ACT_OPEN_BROWSER] = "open the article in the browser",
	[CONF_ACT_OPEN_LINK] = "open link number N of the article",
	[CONF_ACT_READABLE] = "the whole article from its web page, or the feed's text",
	[CONF_ACT_ADD_FEED] = "add a feed (a feed's or a site's URL)",
	[CONF_ACT_DELETE_FEED] = "delete the feed",
	[CONF_ACT_EDIT_FEED] = "edit the feed's title and tags",
	[CONF_ACT_FILTER_TAG] = "show only the feeds with a tag",
	[CONF_ACT_SHOW_ERROR] = "show the feed's last refresh error",
	[CONF_ACT_TOGGLE_UNREAD_ONLY] = "show unread articles only / all",
	[CONF_ACT_LOAD_SAMPLE] = "subscribe to the NewsFactor sample feeds",
	[CONF_ACT_REDRAW] = "redraw the screen",
	[CONF_ACT_HELP] = "this help",
};

static void
bind_key(struct ui *ui, int key, enum conf_action a)
{
	for (size_t i = 0; i < ui->nkeys; i++)
		if (ui->keys[i].key == key) {
			ui->keys[i].action = a;
			return;
		}
	ui->keys = xreallocarray(ui->keys, ui->nkeys + 1, sizeof(*ui->keys));
	ui->keys[ui->nkeys].key = key;
	ui->keys[ui->nkeys].action = a;
	ui->nkeys++;
}

void
ui_keys_init(struct ui *ui)
{
	for (size_t i = 0; i < sizeof(default_keys) / sizeof(default_keys[0]); i++)
		bind_key(ui, default_keys[i].key, default_keys[i].action);
	for (size_t i = 0; i < ui->conf.nbindings; i++)
		bind_key(ui, ui->conf.bindings[i].key, ui->conf.bindings[i].action);
}

enum conf_action
ui_key_action(const struct ui *ui, int key)
{
	for (size_t i = 0; i < ui->nkeys; i++)
		if (ui->keys[i].key == key)
			return ui->keys[i].action;
	return CONF_ACT_NONE;
}

void
ui_keys_for(const struct ui *ui, enum conf_action a, char *buf, size_t size)
{
	size_t len = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < ui->nkeys; i++) {
		char name[CONF_KEY_NAME_MAX];
		int n;

		if (ui->keys[i].action != a || ui->keys[i].key == '\r' ||
		    ui->keys[i].key == F(KEY_ENTER))
			continue;	/* Enter says it for all three */
		n = snprintf(buf + len, size - len, "%s%s", len ? ", " : "",
		    conf_key_name(ui->keys[i].key, name));
		if (n < 0 || (size_t)n >= size - len) {
			buf[len] = '\0';
			return;
		}
		len += (size_t)n;
	}
}

/* ---- the help screen ---------------------------------------------------- */

/* Help rows: one per action that has a key, in the actions' order. */
static size_t
help_rows(const struct ui *ui, enum conf_action *rows)
{
	size_t n = 0;

	for (int a = 1; a < CONF_ACT_COUNT; a++)
		for (size_t i = 0; i < ui->nkeys; i++)
			if (ui->keys[i].action == (enum conf_action)a) {
				rows[n++] = (enum conf_action)a;
				break;
			}
	return n;
}

static void
help_layout(struct ui *ui, int rows, int cols)
{
	enum conf_action list[CONF_ACT_COUNT];
	size_t n = help_rows(ui, list);

	(void)cols;
	/* After a resize, no empty rows below the last binding. */
	if (rows > 0 && ui->help.top + (size_t)rows > n)
		ui->help.top = n > (size_t)rows ? n - (size_t)rows : 0;
}

static void
help_draw(struct ui *ui, int top, int rows, int cols)
{
	enum conf_action list[CONF_ACT_COUNT];
	size_t n = help_rows(ui, list);
	int keyw = cols / 3 < 24 ? cols / 3 : 24;

	if (ui->help.top >= n)
		ui->help.top = n > 0 ? n - 1 : 0;
	for (int r = 0; r < rows && ui->help.top + (size_t)r < n; r++) {
		enum conf_action a = list[ui->help.top + (size_t)r];
		char keys[128], line[256];

		ui_keys_for(ui, a, keys, sizeof(keys));
		ui_put(ui, top + r, 0, keyw, keys, ui->attr[CONF_EL_HEADER]);
		snprintf(line, sizeof(line), " %s (%s)", action_help[a],
		    conf_action_name(a));
		ui_put(ui, top + r, keyw, cols - keyw, line, ui->attr[CONF_EL_NORMAL]);
	}
}

static bool
help_action(struct ui *ui, enum conf_action a)
{
	enum conf_action list[CONF_ACT_COUNT];
	size_t n = help_rows(ui, list);
	size_t page = ui->rows > 3 ? (size_t)ui->rows - 3 : 1;

	switch (a) {
	case CONF_ACT_DOWN:
	case CONF_ACT_PAGE_DOWN:
		ui->help.top += a == CONF_ACT_DOWN ? 1 : page;
		if (ui->help.top + page > n)
			ui->help.top = n > page ? n - page : 0;
		return true;
	case CONF_ACT_UP:
	case CONF_ACT_PAGE_UP: {
		size_t step = a == CONF_ACT_UP ? 1 : page;
		ui->help.top = ui->help.top > step ? ui->help.top - step : 0;
		return true;
	}
	case CONF_ACT_TOP:
		ui->help.top = 0;
		return true;
	case CONF_ACT_BOTTOM:
		ui->help.top = n > page ? n - page : 0;
		return true;
	case CONF_ACT_BACK:
	case CONF_ACT_HELP:
		ui_switch(ui, ui->help_from);
		return true;
	default:
		return false;
	}
}

static void
help_title(struct ui *ui, char *buf, size_t size)
{
	(void)ui;
	snprintf(buf, size, "Help: the keys in force");
}

const struct screen ui_help_screen = {
	"help", help_layout, help_draw, help_action, NULL, help_title
};
