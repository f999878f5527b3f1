/*
 * errors.c: the configuration's errors, shown at start-up when the config
 * file has any: every "FILE:LINE: message" conf collected, one a line, in
 * a list that scrolls, then how many more there were past its cap. A
 * status line holds one error; a file with seven bad lines needs seven.
 * Back, q or Enter goes on to the screen the reader would have seen.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "text.h"
#include "ui_private.h"

/* The lines: the errors, then "(and N more errors)" when some were
 * counted past CONF_MAX_ERRORS but not kept. */
static size_t
error_rows(const struct ui *ui)
{
	return ui->conf.nerrors + (ui->conf.nerrors_more > 0);
}

static void
errors_layout(struct ui *ui, int rows, int cols)
{
	(void)cols;
	ui_cursor_fit(&ui->errors, error_rows(ui), rows);
}

static void
errors_draw(struct ui *ui, int top, int rows, int cols)
{
	struct ui_cursor *c = &ui->errors;
	size_t n = error_rows(ui);

	ui_cursor_fit(c, n, rows);
	for (int i = 0; i < rows && c->top + (size_t)i < n; i++) {
		size_t idx = c->top + (size_t)i;
		unsigned attr = idx == c->cur ? ui->attr[CONF_EL_SELECTED] :
		    ui->attr[CONF_EL_NORMAL];
		char *line = idx < ui->conf.nerrors ?
		    ui_clean(ui->conf.errors[idx]) :
		    xasprintf("(and %zu more errors)", ui->conf.nerrors_more);

		ui_put(ui, top + i, 0, cols, line, attr);
		free(line);
	}
}

static bool
errors_action(struct ui *ui, enum conf_action a)
{
	if (ui_cursor_move(&ui->errors, error_rows(ui), ui->rows - 2, a))
		return true;
	switch (a) {
	case CONF_ACT_BACK:
	case CONF_ACT_OPEN:
		ui_switch(ui, ui->errors_from);
		return true;
	default:
		return false;
	}
}

static void
errors_title(struct ui *ui, char *buf, size_t size)
{
	size_t n = ui->conf.nerrors + ui->conf.nerrors_more;

	snprintf(buf, size, "Configuration: %zu error%s (q or Enter: go on)",
	    n, n == 1 ? "" : "s");
}

const struct screen ui_errors_screen = {
	"errors", errors_layout, errors_draw, errors_action, NULL, errors_title
};
