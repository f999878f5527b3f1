/*
 * help.c: the help screen, generated from the bindings in force (one row
 * per action that has a key), so it never disagrees with them.
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "ui_private.h"

/* What each action does, for the help screen; where a key acts
 * differently on the feed list, the row says so. A row with its action's
 * name fits 80 columns (56 cells after the keys). */
static const char *const action_help[CONF_ACT_COUNT] = {
	[CONF_ACT_NONE] = "nothing",
	[CONF_ACT_DOWN] = "next line",
	[CONF_ACT_UP] = "previous line",
	[CONF_ACT_PAGE_DOWN] = "next page (an article's end: next unread)",
	[CONF_ACT_PAGE_UP] = "previous page",
	[CONF_ACT_TOP] = "first line",
	[CONF_ACT_BOTTOM] = "last line",
	[CONF_ACT_OPEN] = "open the feed or article",
	[CONF_ACT_BACK] = "back (feed list: only q quits)",
	[CONF_ACT_QUIT] = "quit",
	[CONF_ACT_REFRESH] = "refresh the feed (All articles: every feed)",
	[CONF_ACT_REFRESH_ALL] = "refresh every feed",
	[CONF_ACT_NEXT_UNREAD] = "next unread article or feed",
	[CONF_ACT_PREV_UNREAD] = "previous unread article or feed",
	[CONF_ACT_TOGGLE_READ] = "mark read / unread",
	[CONF_ACT_MARK_ALL_READ] = "mark the (selected) feed read",
	[CONF_ACT_UNDO] = "undo the mark-all-read just done",
	[CONF_ACT_RATE_1] = "rate the article 1 star",
	[CONF_ACT_RATE_2] = "rate the article 2 stars",
	[CONF_ACT_RATE_3] = "rate the article 3 stars",
	[CONF_ACT_RATE_4] = "rate the article 4 stars",
	[CONF_ACT_RATE_5] = "rate the article 5 stars",
	[CONF_ACT_CLEAR_RATING] = "clear your rating",
	[CONF_ACT_TOGGLE_STAR] = "star the article / unstar it",
	[CONF_ACT_SORT] = "sort by date, rating, title or feed",
	[CONF_ACT_REVERSE_SORT] = "reverse the sort",
	[CONF_ACT_SEARCH] = "search titles and text (in the tag filter)",
	[CONF_ACT_OPEN_BROWSER] = "open the article in the browser",
	[CONF_ACT_OPEN_LINK] = "open link number N of the article",
	[CONF_ACT_READABLE] = "whole article from its web page / feed text",
	[CONF_ACT_ADD_FEED] = "add a feed: URL, site or file, then tags",
	[CONF_ACT_DELETE_FEED] = "delete the feed",
	[CONF_ACT_EDIT_FEED] = "edit the feed's title and tags",
	[CONF_ACT_FILTER_TAG] = "show the feeds with a tag (Tab: tags)",
	[CONF_ACT_SHOW_ERROR] = "feed's error, failed feeds, last message",
	[CONF_ACT_TOGGLE_UNREAD_ONLY] = "hide read articles and feeds / all",
	[CONF_ACT_LOAD_SAMPLE] = "subscribe to the NewsFactor sample feeds",
	[CONF_ACT_REDRAW] = "read the terminal's size, redraw everything",
	[CONF_ACT_HELP] = "this help",
};

/* With a sync server the keys that change the feed list or fetch act on
 * the server (include/sync.h); their rows say so. */
static const char *
describe(const struct ui *ui, enum conf_action a)
{
	if (ui_sync_on(ui))
		switch (a) {
		case CONF_ACT_REFRESH:
		case CONF_ACT_REFRESH_ALL:
			return "sync with the server";
		case CONF_ACT_MARK_ALL_READ:
			return "mark the feed read (on the server)";
		case CONF_ACT_ADD_FEED:
			return "subscribe on the server (URL or site)";
		case CONF_ACT_DELETE_FEED:
			return "unsubscribe on the server";
		case CONF_ACT_EDIT_FEED:
			return "rename, move to folders, on the server";
		default:
			break;
		}
	return action_help[a];
}

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
		snprintf(line, sizeof(line), " %s (%s)", describe(ui, a),
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

	if (ui_scroll(&ui->help.top, n, page, a))
		return true;
	switch (a) {
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
