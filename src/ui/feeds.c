/*
 * feeds.c: the feed list screen: the subscriptions in the urls file's
 * order, joined with what the cache knows of each (counts, the reader's
 * average rating, the last error), with an "All articles" row on top and
 * a filter by tag. The rows and the selection live in selection.c.
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "ui_private.h"

#define COUNTS_WIDTH 11		/* "unread/total", right-aligned */

static void
feeds_layout(struct ui *ui, int rows, int cols)
{
	(void)cols;
	if (ui->feeds_stale)
		ui_feeds_load(ui);
	else	/* u in the headline list changes show_read too */
		ui_feeds_refilter(ui);
	ui_cursor_fit(&ui->sel.feed, ui->nshown, rows);
}

static void
draw_row(struct ui *ui, const struct ui_feed_row *r, int y, int cols,
    bool selected)
{
	char counts[48], stars[UI_STARS_MAX], line[64];
	unsigned base = selected ? ui->attr[CONF_EL_SELECTED] :
	    r->nunread > 0 ? ui->attr[CONF_EL_UNREAD] : ui->attr[CONF_EL_NORMAL];
	int x = 0, w;

	if (r->unsupported != NULL) {
		/* Dim, without counts: there is nothing to read in it. */
		ui_put(ui, y, 0, cols, "", base);
		x = cols >= 40 ? 2 + COUNTS_WIDTH + 1 + 6 : 2;
		ui_put(ui, y, x, cols - x, r->title, selected ? base :
		    ui->attr[CONF_EL_NORMAL] | A_DIM);
		return;
	}
	ui_put(ui, y, x, 2, r->error != NULL ? "E" : "",
	    selected ? base : ui->attr[CONF_EL_ERROR]);
	x += 2;
	snprintf(counts, sizeof(counts), "%lld/%lld", r->nunread, r->nitems);
	w = (int)strlen(counts) < COUNTS_WIDTH ? COUNTS_WIDTH - (int)strlen(counts) : 0;
	snprintf(line, sizeof(line), "%*s%s ", w, "", counts);
	if (cols >= 40) {
		x += ui_put(ui, y, x, COUNTS_WIDTH + 1, line, base);
		ui_stars(ui->utf8, r->user_rating, stars);
		x += ui_put(ui, y, x, 6, stars,
		    selected ? base : ui->attr[CONF_EL_RATING]);
	}
	if (r->tags[0] != '\0' && cols - x > 30) {
		char *t = xasprintf("%s  (%s)", r->title, r->tags);
		ui_put(ui, y, x, cols - x, t, base);
		free(t);
	} else
		ui_put(ui, y, x, cols - x, r->title, base);
}

/* The feeds shown that tidings runs: not "All articles" or "Starred",
 * not the lines it does not support (they are no feeds to read yet). */
static size_t
count_feeds_shown(const struct ui *ui)
{
	size_t n = 0;

	for (size_t i = 0; i < ui->nshown; i++) {
		const struct ui_feed_row *r = &ui->feeds[ui->shown[i]];
		n += r->url != NULL && r->unsupported == NULL;
	}
	return n;
}

/* Whether any subscription's row is shown (one not run counts too). */
static bool
any_feed_shown(const struct ui *ui)
{
	for (size_t i = 0; i < ui->nshown; i++)
		if (ui->feeds[ui->shown[i]].url != NULL)
			return true;
	return false;
}

static void
feeds_draw(struct ui *ui, int top, int rows, int cols)
{
	struct ui_cursor *c = &ui->sel.feed;

	ui_cursor_fit(c, ui->nshown, rows);
	for (int i = 0; i < rows && c->top + (size_t)i < ui->nshown; i++) {
		size_t idx = c->top + (size_t)i;
		draw_row(ui, &ui->feeds[ui->shown[idx]], top + i, cols,
		    idx == c->cur);
	}
	if (!any_feed_shown(ui) && rows > 2)
		ui_put(ui, top + 2, 2, cols - 2, ui->tag_filter != NULL ?
		    "No feed has this tag." : !ui->show_read ?
		    "No feed has unread articles (u shows them all)." :
		    ui_sync_on(ui) ? "No feeds from the server yet: "
		    "R syncs with it." : "No subscriptions.",
		    ui->attr[CONF_EL_NORMAL]);
}

static void
open_current(struct ui *ui)
{
	struct ui_feed_row *r = ui_feeds_current(ui);

	if (r == NULL)
		return;
	if (r == &ui->feeds[UI_ROW_STARRED]) {
		ui_items_open_starred(ui);
		return;
	}
	if (r->url != NULL && r->id == 0) {
		ui_message(ui, "No articles yet: press r to refresh it.");
		return;
	}
	ui_items_open(ui, r->url != NULL ? r->id : 0, r->title, NULL);
}

/* The tag as typed, or in the quoted form the list shows ("Nested
 * Deeper" with its quotes is the tag Nested Deeper); "" clears. */
static void
tag_filter_answer(struct ui *ui, const char *answer, const char *arg)
{
	char **tags;
	size_t n;

	(void)arg;
	if (answer == NULL)
		return;
	if (answer[strspn(answer, " ")] == '"') {
		n = ui_tags_parse(answer, &tags);
		ui_feeds_set_tag_filter(ui, n == 1 ? tags[0] : answer);
		ui_tags_free(tags, n);
	} else
		ui_feeds_set_tag_filter(ui, answer);
}

/* T: the old tag selected (typing replaces it), the tags there are to
 * pick with Tab. */
static void
ask_tag_filter(struct ui *ui)
{
	char **tags;
	size_t n = ui_feeds_all_tags(ui, &tags);

	ui_prompt_line(ui, n > 0 ? "Show feeds tagged (Tab: tags, empty: all): " :
	    "Show feeds tagged (empty: all): ", ui->tag_filter,
	    tag_filter_answer, NULL);
	ui_prompt_select_all(ui);
	ui_prompt_choices(ui, tags, n);
}

/* Whether a does not touch the feed under the cursor (moving, the whole
 * list, other screens), so it also works on an unsupported line. */
static bool
action_leaves_row(enum conf_action a)
{
	switch (a) {
	case CONF_ACT_BACK:
	case CONF_ACT_QUIT:
	case CONF_ACT_REFRESH_ALL:
	case CONF_ACT_NEXT_UNREAD:
	case CONF_ACT_PREV_UNREAD:
	case CONF_ACT_SORT:
	case CONF_ACT_REVERSE_SORT:
	case CONF_ACT_SEARCH:
	case CONF_ACT_ADD_FEED:
	case CONF_ACT_FILTER_TAG:
	case CONF_ACT_TOGGLE_UNREAD_ONLY:
	case CONF_ACT_LOAD_SAMPLE:
	case CONF_ACT_REDRAW:
	case CONF_ACT_HELP:
		return true;
	default:
		return false;
	}
}

static bool
feeds_action(struct ui *ui, enum conf_action a)
{
	struct ui_feed_row *r = ui_feeds_current(ui);

	if (ui_cursor_move(&ui->sel.feed, ui->nshown, ui->rows - 2, a))
		return true;
	if (r != NULL && r->unsupported != NULL && !action_leaves_row(a)) {
		ui_message(ui, "tidings does not run newsboat's %s lines yet: "
		    "edit it in the urls file.", r->unsupported);
		return true;
	}
	switch (a) {
	case CONF_ACT_OPEN:
		open_current(ui);
		return true;
	case CONF_ACT_BACK:
		if (ui->tag_filter != NULL) {
			ui_feeds_set_tag_filter(ui, "");
			return true;
		}
		/* The top screen: only q (not Esc, Left, h) quits. */
		if (!ui_key_back_only(ui->key))
			ui->quit = true;
		return true;
	case CONF_ACT_FILTER_TAG:
		ask_tag_filter(ui);
		return true;
	case CONF_ACT_TOGGLE_UNREAD_ONLY:
		ui->show_read = !ui->show_read;
		ui->items.stale = true;
		ui_feeds_refilter(ui);
		ui_message(ui, ui->show_read ? "Showing every feed and article." :
		    "Showing feeds and articles with unread ones only.");
		return true;
	case CONF_ACT_SHOW_ERROR:
		if (r == NULL || r->url == NULL)
			return false;	/* All articles: every failed feed */
		if (r->error != NULL)
			ui_text_show(ui, r->title, r->error);
		else
			ui_message(ui, "The last refresh of this feed did not fail.");
		return true;
	case CONF_ACT_NEXT_UNREAD:
	case CONF_ACT_PREV_UNREAD:
		for (size_t i = ui->sel.feed.cur; ; ) {
			const struct ui_feed_row *f;
			if (a == CONF_ACT_NEXT_UNREAD ? i + 1 >= ui->nshown : i == 0)
				break;
			i = a == CONF_ACT_NEXT_UNREAD ? i + 1 : i - 1;
			f = &ui->feeds[ui->shown[i]];
			/* feeds only: not All articles, not Starred */
			if (f->url != NULL && f->nunread > 0) {
				ui->sel.feed.cur = i;
				ui_cursor_fit(&ui->sel.feed, ui->nshown, ui->rows - 2);
				return true;
			}
		}
		ui_message(ui, "No more feeds with unread articles.");
		return true;
	default:
		return false;
	}
}

static void
feeds_click(struct ui *ui, int row, bool twice)
{
	size_t idx = ui->sel.feed.top + (size_t)row;

	if (idx >= ui->nshown)
		return;
	ui->sel.feed.cur = idx;
	if (twice)
		open_current(ui);
}

static void
feeds_title(struct ui *ui, char *buf, size_t size)
{
	if (ui->tag_filter != NULL)
		snprintf(buf, size, "tidings %s - Feeds tagged %s (%zu)",
		    PACKAGE_VERSION, ui->tag_filter, count_feeds_shown(ui));
	else
		snprintf(buf, size, "tidings %s - Feeds (%zu)", PACKAGE_VERSION,
		    count_feeds_shown(ui));
}

const struct screen ui_feeds_screen = {
	"feeds", feeds_layout, feeds_draw, feeds_action, feeds_click, feeds_title
};
