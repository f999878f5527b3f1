/*
 * pick.c: the pick list `a` shows for a page: every feed the page names
 * (discover.h), the first one not subscribed yet preselected, the ones
 * subscribed already and the ones that failed marked. Enter (an action:
 * actions.c subscribes) takes the feed under the cursor; q goes back
 * without adding anything.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "discover.h"
#include "subs.h"
#include "ui_private.h"

#define PICK_MARK_WIDTH 13	/* "subscribed  " / "failed      " */

static size_t
count(struct ui *ui)
{
	return ui->discover != NULL ? discover_outcome(ui->discover)->n : 0;
}

static void
pick_layout(struct ui *ui, int rows, int cols)
{
	(void)cols;
	ui_cursor_fit(&ui->pick, count(ui), rows);
}

static void
draw_row(struct ui *ui, const struct discover_candidate *c, int y, int cols,
    bool selected)
{
	unsigned base = selected ? ui->attr[CONF_EL_SELECTED] :
	    ui->attr[CONF_EL_NORMAL];
	const char *mark = !c->ok ? "failed" :
	    ui_subscribed(ui, c->url) ? "subscribed" : "";
	char *line;
	int x = 0;

	x += ui_put(ui, y, x, PICK_MARK_WIDTH, mark, selected ? base :
	    !c->ok ? ui->attr[CONF_EL_ERROR] : ui->attr[CONF_EL_RATING]);
	/* The outcome's strings are sanitised by discover already. */
	if (c->ok)
		line = xasprintf("%s  %s (%zu article%s)", c->title != NULL ?
		    c->title : "(untitled)", c->url, c->nitems,
		    c->nitems == 1 ? "" : "s");
	else
		line = xasprintf("%s: %s", c->url, c->error != NULL ?
		    c->error : "not a feed");
	ui_put(ui, y, x, cols - x, line, base);
	free(line);
}

static void
pick_draw(struct ui *ui, int top, int rows, int cols)
{
	struct discover_outcome *o;
	struct ui_cursor *c = &ui->pick;

	if (ui->discover == NULL)
		return;
	o = discover_outcome(ui->discover);
	ui_cursor_fit(c, o->n, rows);
	for (int i = 0; i < rows && c->top + (size_t)i < o->n; i++) {
		size_t idx = c->top + (size_t)i;
		draw_row(ui, &o->v[idx], top + i, cols, idx == c->cur);
	}
}

static bool
pick_action(struct ui *ui, enum conf_action a)
{
	if (ui_cursor_move(&ui->pick, count(ui), ui->rows - 2, a))
		return true;
	switch (a) {
	case CONF_ACT_BACK:
		ui_add_clear(ui);
		ui_message(ui, "Nothing added.");
		ui_switch(ui, ui->pick_from);
		return true;
	default:
		return false;	/* Enter is the actions' (subscribing) */
	}
}

static void
pick_click(struct ui *ui, int row, bool twice)
{
	size_t idx = ui->pick.top + (size_t)row;

	(void)twice;
	if (idx < count(ui))
		ui->pick.cur = idx;
}

static void
pick_title(struct ui *ui, char *buf, size_t size)
{
	const struct discover_outcome *o = ui->discover != NULL ?
	    discover_outcome(ui->discover) : NULL;

	if (o == NULL)
		snprintf(buf, size, "Feeds");
	else
		snprintf(buf, size, "Feeds named by %s (%zu)", o->final_url != NULL ?
		    o->final_url : o->url, o->n);
}

const struct screen ui_pick_screen = {
	"pick", pick_layout, pick_draw, pick_action, pick_click, pick_title
};
