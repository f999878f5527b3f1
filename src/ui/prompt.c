/*
 * prompt.c: questions on the status line. A line editor (Left/Right,
 * Home/End or C-a/C-e, Backspace, Delete, C-u, C-k, C-w; Enter accepts,
 * Esc or C-g cancels) and a yes/no question. The event loop keeps running
 * while a prompt is open: refreshes go on underneath.
 *
 * A line may start selected (the old value: typing replaces it, as in a
 * dialog's text field) and may offer choices: Tab completes what was typed
 * to the first choice it starts, Tab again to the next (Shift-Tab back),
 * as a shell's menu completion does; the choices are listed on the row
 * above the line, the one taken highlighted.
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text.h"
#include "ui_private.h"

#define KEY_CTRL(c) ((c) - 'a' + 1)
#define F(k) (CONF_KEY_FUNC | (k))

/* Forget the choices and the completion in progress. */
static void
forget_choices(struct ui_prompt *p)
{
	ui_tags_free(p->choices, p->nchoices);
	free(p->stem);
	p->choices = NULL;
	p->nchoices = 0;
	p->stem = NULL;
}

void
ui_prompt_free(struct ui *ui)
{
	forget_choices(&ui->prompt);
	free(ui->prompt.arg);
	ui->prompt.arg = NULL;
}

static void
start(struct ui *ui, const char *label, ui_prompt_fn done, char *arg)
{
	struct ui_prompt *p = &ui->prompt;
	char *clean = ui_clean(label);

	ui_prompt_free(ui);
	memset(p, 0, sizeof(*p));
	snprintf(p->label, sizeof(p->label), "%s", clean);
	/* ui_clean trims: keep the space after "URL:" */
	if (label[0] != '\0' && label[strlen(label) - 1] == ' ' &&
	    strlen(p->label) + 1 < sizeof(p->label))
		strcat(p->label, " ");
	free(clean);
	p->active = true;
	p->done = done;
	p->arg = arg;
	ui->message[0] = '\0';
	ui->dirty = true;
}

/* The line is s (UTF-8; controls dropped), the cursor at its end. */
static void
set_line(struct ui_prompt *p, const char *s)
{
	size_t n = strlen(s), i = 0;

	p->len = 0;
	while (i < n && p->len < UI_PROMPT_MAX) {
		uint32_t cp;
		i += utf8_decode(s + i, n - i, &cp);
		if (cp >= 0x20 && cp != 0x7F)
			p->buf[p->len++] = cp;
	}
	p->pos = p->len;
}

void
ui_prompt_line(struct ui *ui, const char *label, const char *initial,
    ui_prompt_fn done, char *arg)
{
	start(ui, label, done, arg);
	if (initial != NULL)
		set_line(&ui->prompt, initial);
}

void
ui_prompt_select_all(struct ui *ui)
{
	ui->prompt.selected = ui->prompt.len > 0;
}

void
ui_prompt_choices(struct ui *ui, char **choices, size_t n)
{
	forget_choices(&ui->prompt);
	ui->prompt.choices = choices;
	ui->prompt.nchoices = n;
}

void
ui_prompt_yes_no(struct ui *ui, const char *label, ui_prompt_fn done, char *arg)
{
	start(ui, label, done, arg);
	ui->prompt.yes_no = true;
}

/* End the prompt and call its owner with answer (NULL: cancelled). */
static void
finish(struct ui *ui, const char *answer)
{
	struct ui_prompt *p = &ui->prompt;
	ui_prompt_fn done = p->done;
	char *arg = p->arg;

	/* done may open another prompt: this one is over first. */
	p->active = false;
	p->arg = NULL;
	forget_choices(p);
	ui->dirty = true;
	done(ui, answer, arg);
	free(arg);
}

static char *
line_utf8(const struct ui_prompt *p)
{
	struct tbuf b;

	tbuf_init(&b, UI_PROMPT_MAX * 4 + 1);
	for (size_t i = 0; i < p->len; i++) {
		char enc[4];
		size_t n = utf8_encode(p->buf[i], enc);
		if (!tbuf_add(&b, enc, n))
			break;
	}
	return tbuf_take(&b);
}

static bool
is_space(uint32_t c)
{
	return c == ' ' || c == '\t';
}

/* Whether choice starts with stem, ASCII letters in either case (a tag
 * is typed as it is remembered, not as it is spelled). */
static bool
completes(const char *choice, const char *stem)
{
	return strncasecmp(choice, stem, strlen(stem)) == 0;
}

/* Tab (dir 1) or Shift-Tab (-1): the line becomes the next (previous)
 * choice that starts with what was typed before the first Tab. */
static void
complete(struct ui_prompt *p, int dir)
{
	size_t n = p->nchoices, from;

	if (n == 0)
		return;
	if (p->stem == NULL) {
		p->stem = p->selected ? xstrdup("") : line_utf8(p);
		from = dir > 0 ? n - 1 : 0;	/* the first step lands on the
						 * first (last) match */
	} else
		from = p->choice;
	for (size_t k = 1; k <= n; k++) {
		size_t i = dir > 0 ? (from + k) % n : (from + n - k) % n;
		if (completes(p->choices[i], p->stem)) {
			p->choice = i;
			set_line(p, p->choices[i]);
			p->selected = false;
			return;
		}
	}
}

/* A key that edits the selected line: the selection goes first (it is
 * the old value the new one replaces). */
static void
drop_selection(struct ui_prompt *p)
{
	p->len = p->pos = 0;
	p->selected = false;
}

void
ui_prompt_key(struct ui *ui, int key)
{
	struct ui_prompt *p = &ui->prompt;

	ui->dirty = true;
	if (p->yes_no) {
		finish(ui, key == 'y' || key == 'Y' ? "y" : "");
		return;
	}
	if (key == '\t' || key == F(KEY_BTAB)) {
		complete(p, key == '\t' ? 1 : -1);
		return;
	}
	/* Any other key ends a completion: the next Tab starts from what
	 * the line says then. */
	free(p->stem);
	p->stem = NULL;
	if (p->selected) {
		switch (key) {
		case '\n':
		case '\r':
		case F(KEY_ENTER):
		case 27:
		case KEY_CTRL('g'):
			break;	/* accept or cancel the value as it is */
		case F(KEY_BACKSPACE):
		case 127:
		case KEY_CTRL('h'):
		case F(KEY_DC):
		case KEY_CTRL('d'):
		case KEY_CTRL('u'):
		case KEY_CTRL('k'):
		case KEY_CTRL('w'):
			drop_selection(p);
			return;
		default:
			/* moving keeps the text; typing replaces it */
			if ((key & CONF_KEY_FUNC) || key < 0x20)
				p->selected = false;
			else
				drop_selection(p);
			break;
		}
	}
	switch (key) {
	case '\n':
	case '\r':
	case F(KEY_ENTER): {
		char *s = line_utf8(p);
		finish(ui, s);
		free(s);
		return;
	}
	case 27:
	case KEY_CTRL('g'):
		finish(ui, NULL);
		return;
	case F(KEY_LEFT):
	case KEY_CTRL('b'):
		if (p->pos > 0)
			p->pos--;
		return;
	case F(KEY_RIGHT):
	case KEY_CTRL('f'):
		if (p->pos < p->len)
			p->pos++;
		return;
	case F(KEY_HOME):
	case KEY_CTRL('a'):
		p->pos = 0;
		return;
	case F(KEY_END):
	case KEY_CTRL('e'):
		p->pos = p->len;
		return;
	case F(KEY_BACKSPACE):
	case 127:
	case KEY_CTRL('h'):
		if (p->pos == 0)
			return;
		memmove(p->buf + p->pos - 1, p->buf + p->pos,
		    (p->len - p->pos) * sizeof(*p->buf));
		p->pos--;
		p->len--;
		return;
	case F(KEY_DC):
	case KEY_CTRL('d'):
		if (p->pos == p->len)
			return;
		memmove(p->buf + p->pos, p->buf + p->pos + 1,
		    (p->len - p->pos - 1) * sizeof(*p->buf));
		p->len--;
		return;
	case KEY_CTRL('u'):
		memmove(p->buf, p->buf + p->pos, (p->len - p->pos) * sizeof(*p->buf));
		p->len -= p->pos;
		p->pos = 0;
		return;
	case KEY_CTRL('k'):
		p->len = p->pos;
		return;
	case KEY_CTRL('w'): {
		size_t from = p->pos;
		while (from > 0 && is_space(p->buf[from - 1]))
			from--;
		while (from > 0 && !is_space(p->buf[from - 1]))
			from--;
		memmove(p->buf + from, p->buf + p->pos,
		    (p->len - p->pos) * sizeof(*p->buf));
		p->len -= p->pos - from;
		p->pos = from;
		return;
	}
	default:
		break;
	}
	/* A printable character (function keys and controls are ignored). */
	if ((key & CONF_KEY_FUNC) || key < 0x20 || key == 0x7F ||
	    (key >= 0x80 && key < 0xA0) || key > 0x10FFFF ||
	    text_cp_width((uint32_t)key) == 0 || p->len >= UI_PROMPT_MAX)
		return;
	memmove(p->buf + p->pos + 1, p->buf + p->pos,
	    (p->len - p->pos) * sizeof(*p->buf));
	p->buf[p->pos++] = (uint32_t)key;
	p->len++;
}

/* The choices on row y, in the form the tags prompt takes ("two words"
 * quoted), the one Tab took highlighted; as many as fit. */
static void
draw_choices(struct ui *ui, int y)
{
	struct ui_prompt *p = &ui->prompt;
	int x;

	x = ui_put_text(ui, y, 0, ui->cols, "Tab: ", ui->attr[CONF_EL_STATUS],
	    false);
	for (size_t i = 0; i < p->nchoices && x < ui->cols; i++) {
		char *one = ui_tags_format((const char *const *)&p->choices[i], 1);
		bool taken = p->stem != NULL && i == p->choice;
		x += ui_put_text(ui, y, x, ui->cols - x, one, taken ?
		    ui->attr[CONF_EL_SELECTED] : ui->attr[CONF_EL_STATUS], false);
		if (x < ui->cols)
			x += ui_put_text(ui, y, x, ui->cols - x, " ",
			    ui->attr[CONF_EL_STATUS], false);
		free(one);
	}
	if (x < ui->cols)
		ui_put_text(ui, y, x, ui->cols - x, "", ui->attr[CONF_EL_STATUS],
		    true);
}

void
ui_prompt_draw(struct ui *ui, int y)
{
	struct ui_prompt *p = &ui->prompt;
	int lw = (int)text_width(p->label), room, x;
	size_t from = 0, cursor_col = 0;
	char *line, *shown;

	/* A question takes the line; an editor leaves room to type. */
	if (p->yes_no && lw > ui->cols - 1)
		lw = ui->cols - 1;
	else if (!p->yes_no && lw > ui->cols / 2)
		lw = ui->cols / 2;
	x = ui_put_text(ui, y, 0, lw, p->label, ui->attr[CONF_EL_STATUS], true);
	room = ui->cols - x - 1;
	if (room < 1)
		return;
	/* Scroll the line so the cursor stays visible. */
	for (;;) {
		size_t w = 0;
		for (size_t i = from; i < p->pos; i++)
			w += (size_t)text_cp_width(p->buf[i]);
		if (w < (size_t)room || from >= p->pos) {
			cursor_col = w;
			break;
		}
		from++;
	}
	struct ui_prompt view = *p;
	memmove(view.buf, p->buf + from, (p->len - from) * sizeof(*p->buf));
	view.len = p->len - from;
	line = line_utf8(&view);
	shown = text_sanitize(line, strlen(line), false);
	if (p->selected) {
		int w = ui_put_text(ui, y, x, room + 1, shown,
		    ui->attr[CONF_EL_SELECTED], false);
		ui_put_text(ui, y, x + w, room + 1 - w, "",
		    ui->attr[CONF_EL_STATUS], true);
	} else
		ui_put_text(ui, y, x, room + 1, shown, ui->attr[CONF_EL_STATUS],
		    true);
	free(shown);
	free(line);
	if (p->nchoices > 0 && y > 1)
		draw_choices(ui, y - 1);
	move(y, x + (int)cursor_col);
}
