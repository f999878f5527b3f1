/*
 * items.c: the headline list screen: one feed, every feed, or a search.
 * The query, its window of rows and the selected headline live in
 * selection.c; Enter asks it for the article, which the pager shows.
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "ui_private.h"

/* ---- the screen ----------------------------------------------------------- */

static void
items_layout(struct ui *ui, int rows, int cols)
{
	(void)cols;
	if (!ui->items.stale)
		ui_cursor_fit(&ui->sel.item, (size_t)ui->items.count, rows);
}

/* The columns of a headline row, in cells (0: not shown). */
enum {
	COL_FLAG = 2,		/* "N" for unread */
	COL_FLAG_STARRED = 3,	/* "N*" when a row shown is starred */
	COL_DATE = 11,		/* 2024-01-31 and a blank */
	COL_STARS = 12,		/* community rating */
	COL_OWN = 4,		/* the user's own rating, "[5]" */
	COL_FEED_WIDE = 20,	/* feed title in a list of several feeds */
	COL_FEED_NARROW = 14,
	COLS_FEED_WIDE = 100,	/* window widths for those feed titles */
	COLS_FEED_NARROW = 70,
	COLS_STARS_MIN = 36,	/* below this no community rating column */
	COLS_ALL = 60,		/* from here every column fits: none gives way */
	TITLE_MIN = 20		/* cells the title keeps before the date goes */
};

struct row_layout {
	int flag, date, stars, own, feed;
};

/* Which columns the visible rows get. Below COLS_ALL columns give way by
 * use: a rating column empty on every visible row goes first (16 blank
 * cells say nothing), then the date, so the title keeps TITLE_MIN. */
static struct row_layout
layout_rows(const struct ui_items *it, size_t first, int rows, int cols,
    bool show_feed)
{
	struct row_layout l = { COL_FLAG, 0, 0, 0, 0 };
	bool any_stars = false, any_own = false, any_starred = false;

	for (int i = 0; i < rows; i++) {
		size_t row = first + (size_t)i;
		const struct store_headline *h;

		if (row < it->chunk_off || row >= it->chunk_off + it->chunk.n)
			break;
		h = &it->chunk.v[row - it->chunk_off];
		any_stars = any_stars || h->stars >= 0;
		any_own = any_own || h->user_rating > 0;
		any_starred = any_starred || h->starred;
	}
	/* The star mark takes a cell only where a starred row is shown. */
	if (any_starred)
		l.flag = COL_FLAG_STARRED;
	if (cols >= COLS_STARS_MIN && (any_stars || cols >= COLS_ALL))
		l.stars = COL_STARS;
	if (any_own || cols >= COLS_ALL)
		l.own = COL_OWN;
	if (cols >= COLS_ALL ||
	    cols - l.flag - l.stars - l.own - COL_DATE >= TITLE_MIN)
		l.date = COL_DATE;
	if (show_feed)
		l.feed = cols >= COLS_FEED_WIDE ? COL_FEED_WIDE :
		    cols >= COLS_FEED_NARROW ? COL_FEED_NARROW : 0;
	return l;
}

static void
draw_row(struct ui *ui, const struct store_headline *h, int y, int cols,
    bool selected, const struct row_layout *l)
{
	unsigned base = selected ? ui->attr[CONF_EL_SELECTED] :
	    !h->read ? ui->attr[CONF_EL_UNREAD] : ui->attr[CONF_EL_NORMAL];
	char date[11], stars[UI_STARS_MAX], own[16];
	int x = 0;

	x += ui_put(ui, y, x, l->flag, h->starred ? (h->read ? " *" : "N*") :
	    h->read ? "" : "N", base);
	if (l->date > 0) {
		ui_date(h->date, date);
		x += ui_put(ui, y, x, l->date, date, base);
	}
	if (l->stars > 0) {
		ui_stars_count(ui->utf8, h->stars, h->rating_count, stars);
		x += ui_put(ui, y, x, l->stars, stars,
		    selected ? base : ui->attr[CONF_EL_STARS]);
	}
	if (l->own > 0) {
		if (h->user_rating > 0)
			snprintf(own, sizeof(own), "[%d]", h->user_rating);
		else
			own[0] = '\0';
		x += ui_put(ui, y, x, l->own, own,
		    selected ? base : ui->attr[CONF_EL_RATING]);
	}
	if (l->feed > 0) {
		char *ft = ui_clean(h->feed_title);
		x += ui_put(ui, y, x, l->feed - 1, ft, base);
		x += ui_put(ui, y, x, 1, "", base);
		free(ft);
	}
	char *title = ui_clean(h->title != NULL && h->title[0] != '\0' ?
	    h->title : "(untitled)");
	ui_put(ui, y, x, cols - x, title, base);
	free(title);
}

static void
items_draw(struct ui *ui, int top, int rows, int cols)
{
	struct ui_items *it = &ui->items;
	struct ui_cursor *c = &ui->sel.item;
	struct row_layout l;

	if (it->stale)
		ui_items_reload(ui);
	ui_cursor_fit(c, (size_t)it->count, rows);
	ui_items_window(ui, c->top, (size_t)rows);
	l = layout_rows(it, c->top, rows, cols, it->q.feed_id == 0);
	for (int i = 0; i < rows; i++) {
		size_t row = c->top + (size_t)i;
		const struct store_headline *h;

		if (row < it->chunk_off || row >= it->chunk_off + it->chunk.n)
			break;
		h = &it->chunk.v[row - it->chunk_off];
		if (row == c->cur)
			ui->sel.item_id = h->id;
		draw_row(ui, h, top + i, cols, row == c->cur, &l);
	}
	if (it->count == 0 && rows > 1)
		ui_put(ui, top + 1, 2, cols - 2, it->q.search != NULL ?
		    "Nothing matches." : it->q.unread_only ?
		    "No unread articles." : "No articles.",
		    ui->attr[CONF_EL_NORMAL]);
}

/* The selection follows the cursor by id (see keep_selection). */
static void
sync_id(struct ui *ui)
{
	const struct store_headline *h = ui_items_row(ui, ui->sel.item.cur);

	ui->sel.item_id = h != NULL ? h->id : 0;
}

static void
open_current(struct ui *ui)
{
	const struct store_headline *h = ui_items_row(ui, ui->sel.item.cur);

	if (h == NULL)
		return;
	ui_sel_open_item(ui, h->id);
}

static bool
items_action(struct ui *ui, enum conf_action a)
{
	struct ui_items *it = &ui->items;
	const struct store_headline *h;

	if (it->stale)
		ui_items_reload(ui);
	if (ui_cursor_move(&ui->sel.item, (size_t)it->count, ui->rows - 2, a)) {
		sync_id(ui);
		return true;
	}
	switch (a) {
	case CONF_ACT_OPEN:
		open_current(ui);
		return true;
	case CONF_ACT_BACK:
		/* Counts are read again only if something changed them. */
		ui_switch(ui, UI_FEEDS);
		return true;
	case CONF_ACT_NEXT_UNREAD:
	case CONF_ACT_PREV_UNREAD:
		if (!ui_items_next_unread(ui, a == CONF_ACT_NEXT_UNREAD ? 1 : -1) &&
		    (a != CONF_ACT_NEXT_UNREAD || !ui_items_next_feed(ui)))
			ui_message(ui, "No more unread articles.");
		return true;
	case CONF_ACT_TOGGLE_READ:
		if ((h = ui_items_row(ui, ui->sel.item.cur)) == NULL)
			return true;
		if (store_set_read(ui->st, h->id, !h->read) != STORE_OK)
			ui_error(ui, "cache: %s", store_errmsg(ui->st));
		/* Move on, as mutt does, so a run of m marks a run of lines. */
		if (ui->sel.item.cur + 1 < (size_t)it->count)
			ui->sel.item.cur++;
		sync_id(ui);
		it->stale = true;
		ui->feeds_stale = true;
		return true;
	case CONF_ACT_SORT:
		ui->sort = ui->sort == STORE_SORT_FEED ? STORE_SORT_DATE :
		    (enum store_sort)(ui->sort + 1);
		it->stale = true;
		ui->sel.item.cur = ui->sel.item.top = 0;
		ui->sel.item_id = 0;
		ui_state_save(ui);
		ui_message(ui, "Sorted by %s.", ui_sort_name(ui->sort));
		return true;
	case CONF_ACT_REVERSE_SORT:
		it->q.reverse = !it->q.reverse;
		it->stale = true;
		ui->sel.item.cur = ui->sel.item.top = 0;
		ui->sel.item_id = 0;
		return true;
	case CONF_ACT_TOGGLE_UNREAD_ONLY:
		ui->show_read = !ui->show_read;
		it->stale = true;
		ui->sel.item.cur = ui->sel.item.top = 0;
		ui->sel.item_id = 0;
		ui_message(ui, ui->show_read ? "Showing every article." :
		    "Showing unread articles only.");
		return true;
	default:
		return false;
	}
}

static void
items_click(struct ui *ui, int row, bool twice)
{
	size_t idx = ui->sel.item.top + (size_t)row;

	if (idx >= (size_t)ui->items.count)
		return;
	ui->sel.item.cur = idx;
	sync_id(ui);
	if (twice)
		open_current(ui);
}

static void
items_title(struct ui *ui, char *buf, size_t size)
{
	struct ui_items *it = &ui->items;

	if (it->stale)
		ui_items_reload(ui);
	snprintf(buf, size, "%s%s - %lld article%s%s - sort: %s%s",
	    it->q.search != NULL ? "Search: " : "", it->title, it->count,
	    it->count == 1 ? "" : "s", it->q.unread_only ? " unread" : "",
	    ui_sort_name(ui->sort), it->q.reverse ? " (reversed)" : "");
}

const struct screen ui_items_screen = {
	"items", items_layout, items_draw, items_action, items_click, items_title
};
