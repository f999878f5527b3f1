/*
 * textview.c: the text screen: a text read whole, wrapped to the window and
 * scrolled, e.g. a status message cut with "…" or every failed feed with
 * its reason (E). core.c's ui_text_show fills it; back returns.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "text.h"
#include "ui_private.h"

/* The body wrapped to cols; continuation lines indented. */
static void
wrap_body(const struct ui *ui, int cols, struct text_lines *out)
{
	text_wrap(ui->text.body != NULL ? ui->text.body : "",
	    cols > 1 ? (size_t)cols - 1 : 1, NULL, "  ", out);
}

static void
text_layout(struct ui *ui, int rows, int cols)
{
	(void)ui; (void)rows; (void)cols;
}

static void
text_draw(struct ui *ui, int top, int rows, int cols)
{
	struct text_lines tl = { NULL, 0 };

	wrap_body(ui, cols, &tl);
	if (ui->text.top >= tl.n)
		ui->text.top = tl.n > 0 ? tl.n - 1 : 0;
	for (int r = 0; r < rows && ui->text.top + (size_t)r < tl.n; r++)
		ui_put(ui, top + r, 0, cols, tl.line[ui->text.top + (size_t)r],
		    ui->attr[CONF_EL_NORMAL]);
	text_lines_free(&tl);
}

static bool
text_action(struct ui *ui, enum conf_action a)
{
	struct text_lines tl = { NULL, 0 };
	size_t page = ui->rows > 3 ? (size_t)ui->rows - 3 : 1, n;

	wrap_body(ui, ui->cols, &tl);
	n = tl.n;
	text_lines_free(&tl);
	if (ui_scroll(&ui->text.top, n, page, a))
		return true;
	switch (a) {
	case CONF_ACT_BACK:
	case CONF_ACT_SHOW_ERROR:
		ui_switch(ui, ui->text.from);
		return true;
	default:
		return false;
	}
}

static void
text_title(struct ui *ui, char *buf, size_t size)
{
	snprintf(buf, size, "%s", ui->text.title != NULL ? ui->text.title : "");
}

const struct screen ui_text_screen = {
	"text", text_layout, text_draw, text_action, NULL, text_title
};
