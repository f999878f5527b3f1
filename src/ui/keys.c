/*
 * keys.c: the key bindings (a default table, then the config's bind
 * lines on top) and their lookup. Part of the core: help.c lists the same
 * bindings, so the help never disagrees with them.
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
	{ 'U', CONF_ACT_UNDO },
	{ '1', CONF_ACT_RATE_1 }, { '2', CONF_ACT_RATE_2 },
	{ '3', CONF_ACT_RATE_3 }, { '4', CONF_ACT_RATE_4 },
	{ '5', CONF_ACT_RATE_5 }, { '0', CONF_ACT_CLEAR_RATING },
	{ '*', CONF_ACT_TOGGLE_STAR },
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

/* Keys that go back but never quit: on the top screen they do nothing,
 * so dismissing a message with Esc cannot end the reader (newsboat does
 * the same); q quits there, Q anywhere. */
static const int back_only_keys[] = { 27, F(KEY_LEFT), 'h' };

bool
ui_key_back_only(int key)
{
	for (size_t i = 0; i < sizeof(back_only_keys) / sizeof(back_only_keys[0]); i++)
		if (back_only_keys[i] == key)
			return true;
	return false;
}

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
