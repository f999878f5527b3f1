/*
 * prompt.c: questions on the status line. A line editor (Left/Right,
 * Home/End or C-a/C-e, Backspace, Delete, C-u, C-k, C-w; Enter accepts,
 * Esc or C-g cancels) and a yes/no question. The event loop keeps running
 * while a prompt is open: refreshes go on underneath.
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "ui_private.h"

#define KEY_CTRL(c) ((c) - 'a' + 1)
#define F(k) (CONF_KEY_FUNC | (k))

static void
start(struct ui *ui, const char *label, ui_prompt_fn done, char *arg)
{
	struct ui_prompt *p = &ui->prompt;
	char *clean = ui_clean(label);

	free(p->arg);
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

void
ui_prompt_line(struct ui *ui, const char *label, const char *initial,
    ui_prompt_fn done, char *arg)
{
	struct ui_prompt *p = &ui->prompt;

	start(ui, label, done, arg);
	if (initial != NULL) {
		size_t n = strlen(initial), i = 0;
		while (i < n && p->len < UI_PROMPT_MAX) {
			uint32_t cp;
			i += utf8_decode(initial + i, n - i, &cp);
			if (cp >= 0x20 && cp != 0x7F)
				p->buf[p->len++] = cp;
		}
		p->pos = p->len;
	}
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

void
ui_prompt_key(struct ui *ui, int key)
{
	struct ui_prompt *p = &ui->prompt;

	ui->dirty = true;
	if (p->yes_no) {
		finish(ui, key == 'y' || key == 'Y' ? "y" : "");
		return;
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
	ui_put_text(ui, y, x, room + 1, shown, ui->attr[CONF_EL_STATUS], true);
	free(shown);
	free(line);
	move(y, x + (int)cursor_col);
}
