/*
 * loop.c: start-up, the event loop and shut-down of the reader.
 *
 * One loop, no threads. Each turn: handle a resize or a termination signal
 * (their handlers only set flags), draw once if anything changed, wait in
 * fetch_wait() for the terminal or curl's sockets (at most
 * UI_WAIT_BUSY_MS while transfers run), move the transfers along, then
 * read every key waiting. Start-up reads only what the first screen shows:
 * the feed list with its counts.
 *
 * The top layer of src/ui/ (see ui_private.h): it owns the screens table
 * and hands each finished transfer to whoever holds its token.
 */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>
#include <langinfo.h>
#include <poll.h>

#include "discover.h"
#include "fetch.h"
#include "refresh.h"
#include "subs.h"
#include "sync.h"
#include "text.h"
#include "ui_private.h"

static volatile sig_atomic_t got_winch, got_term;

static void
on_winch(int sig)
{
	(void)sig;
	got_winch = 1;
}

static void
on_term(int sig)
{
	(void)sig;
	got_term = 1;
}

/* The restore hook for fatal(): the terminal comes back before the message. */
static void
restore_terminal(void)
{
	if (!isendwin())
		endwin();
}

/* Wait for the terminal alone, while nothing was ever fetched. */
static bool
wait_tty(int timeout_ms)
{
	struct pollfd pfd = { STDIN_FILENO, POLLIN, 0 };

	return poll(&pfd, 1, timeout_ms) > 0 && (pfd.revents & (POLLIN | POLLHUP)) != 0;
}

/* ---- drawing ------------------------------------------------------------- */

/* What the status line suggests on each screen when it has nothing to
 * say, with the keys in force: "?:help q:back Enter:open ...". */
static const struct {
	enum conf_action action;
	const char *what;
	unsigned screens;	/* 1 << enum ui_screen_id */
} hint_table[] = {
	{ CONF_ACT_HELP, "help", ~0u },
	{ CONF_ACT_BACK, "quit", 1u << UI_WELCOME | 1u << UI_FEEDS },
	{ CONF_ACT_BACK, "back", 1u << UI_ITEMS | 1u << UI_PAGER | 1u << UI_HELP |
	    1u << UI_TEXT },
	{ CONF_ACT_BACK, "cancel", 1u << UI_PICK },
	{ CONF_ACT_BACK, "go on", 1u << UI_ERRORS },
	{ CONF_ACT_OPEN, "subscribe", 1u << UI_PICK },
	{ CONF_ACT_OPEN, "sample", 1u << UI_WELCOME },
	{ CONF_ACT_ADD_FEED, "add", 1u << UI_WELCOME | 1u << UI_FEEDS },
	{ CONF_ACT_OPEN, "open", 1u << UI_FEEDS | 1u << UI_ITEMS },
	{ CONF_ACT_REFRESH_ALL, "refresh all", 1u << UI_FEEDS },
	{ CONF_ACT_SEARCH, "search", 1u << UI_FEEDS | 1u << UI_ITEMS },
	{ CONF_ACT_SORT, "sort", 1u << UI_ITEMS },
	{ CONF_ACT_TOGGLE_READ, "read/unread", 1u << UI_ITEMS | 1u << UI_PAGER },
	{ CONF_ACT_RATE_5, "rate", 1u << UI_ITEMS | 1u << UI_PAGER },
	{ CONF_ACT_OPEN_BROWSER, "browser", 1u << UI_ITEMS | 1u << UI_PAGER },
	{ CONF_ACT_OPEN_LINK, "link N", 1u << UI_PAGER },
	{ CONF_ACT_READABLE, "web page", 1u << UI_PAGER },
	{ CONF_ACT_NEXT_UNREAD, "next unread", 1u << UI_PAGER },
};

static void
hints(struct ui *ui, char *buf, size_t size)
{
	size_t len = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < sizeof(hint_table) / sizeof(hint_table[0]); i++) {
		char keys[64];
		int n;

		if (!(hint_table[i].screens & (1u << ui->screen)))
			continue;
		ui_keys_for(ui, hint_table[i].action, keys, sizeof(keys));
		keys[strcspn(keys, ",")] = '\0';
		if (keys[0] == '\0')
			continue;
		if (hint_table[i].action == CONF_ACT_REFRESH_ALL && ui_sync_on(ui))
			n = snprintf(buf + len, size - len, "%s%s:sync",
			    len ? "  " : "", keys);
		else if (hint_table[i].action == CONF_ACT_RATE_5) {
			char one[64];
			ui_keys_for(ui, CONF_ACT_RATE_1, one, sizeof(one));
			one[strcspn(one, ",")] = '\0';
			n = snprintf(buf + len, size - len, "%s%s-%s:%s",
			    len ? "  " : "", one, keys, hint_table[i].what);
		} else
			n = snprintf(buf + len, size - len, "%s%s:%s",
			    len ? "  " : "", keys, hint_table[i].what);
		if (n < 0 || (size_t)n >= size - len) {
			buf[len] = '\0';
			return;
		}
		len += (size_t)n;
	}
}

static void
draw_status(struct ui *ui)
{
	int y = ui->rows - 1, w = ui->cols;
	char right[64 + sizeof(ui->sync_what)] = "";

	if (ui->sync != NULL)
		snprintf(right, sizeof(right), " Syncing%s%s%s ",
		    ui->sync_what[0] != '\0' ? ": " : "", ui->sync_what,
		    ui->utf8 ? "\xE2\x80\xA6" : "...");
	else if (ui->refresh != NULL)
		snprintf(right, sizeof(right), " Refreshing %zu/%zu%s ",
		    ui->refresh_done_n, ui->refresh_total,
		    ui->utf8 ? "\xE2\x80\xA6" : "...");
	else if ((ui->discover != NULL && ui->screen != UI_PICK) ||
	    ui->readable_token != 0)
		snprintf(right, sizeof(right), " %s%s ",
		    ui->discover != NULL ? "Adding" : "Fetching the page",
		    ui->utf8 ? "\xE2\x80\xA6" : "...");
	if (right[0] != '\0' && (int)text_width(right) < w / 2) {
		int rw = (int)text_width(right);
		ui_put(ui, y, w - rw, rw, right, ui->attr[CONF_EL_STATUS] | A_BOLD);
		w -= rw;
	}
	if (ui->prompt.active) {
		int saved = ui->cols;
		ui->cols = w;
		ui_prompt_draw(ui, y);
		ui->cols = saved;
		return;
	}
	if (ui->message[0] != '\0')
		ui_put(ui, y, 0, w, ui->message, ui->message_error ?
		    ui->attr[CONF_EL_ERROR] : ui->attr[CONF_EL_STATUS]);
	else {
		char hint[256];
		hints(ui, hint, sizeof(hint));
		ui_put(ui, y, 0, w, hint, ui->attr[CONF_EL_STATUS]);
	}
}

static void
draw(struct ui *ui)
{
	const struct screen *s = ui->screens[ui->screen];
	char title[512];

	erase();
	if (ui->rows < UI_MIN_ROWS || ui->cols < UI_MIN_COLS) {
		ui_put(ui, 0, 0, ui->cols, "Terminal too small", A_NORMAL);
		refresh();
		ui->dirty = false;
		return;
	}
	if ((ui->screen == UI_FEEDS || ui->screen == UI_WELCOME) &&
	    ui->feeds_stale && (ui->refresh == NULL ||
	    ui_now_ms() - ui->feeds_loaded_ms >= UI_FEEDS_RELOAD_MS))
		ui_feeds_load(ui);
	s->draw(ui, 1, ui->rows - 2, ui->cols);
	/* The title after the body: it may say what the body loaded. */
	s->title(ui, title, sizeof(title));
	ui_put(ui, 0, 0, ui->cols, title, ui->attr[CONF_EL_TITLE]);
	curs_set(ui->prompt.active ? 1 : 0);
	draw_status(ui);
	refresh();
	ui->dirty = false;
}

/* Lay every screen out for the terminal's size and draw it all again.
 * ask: read the size from the terminal (after SIGWINCH or C-l) rather than
 * take ncurses' word for it (after its KEY_RESIZE, which resizeterm
 * queues itself). Only the asking path clears got_winch, and before it
 * asks: a SIGWINCH that comes while a queued KEY_RESIZE waits must not be
 * swallowed by it, or the screen stays at the size before the last one. */
static void
resize(struct ui *ui, bool ask)
{
	struct winsize ws;

	if (ask) {
		got_winch = 0;
		if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
		    ws.ws_col > 0 && (ws.ws_row != LINES || ws.ws_col != COLS))
			resizeterm(ws.ws_row, ws.ws_col);
	}
	ui->rows = LINES;
	ui->cols = COLS;
	for (int i = 0; i < UI_NSCREENS; i++)
		ui->screens[i]->layout(ui, ui->rows - 2, ui->cols);
	clearok(curscr, TRUE);
	ui->dirty = true;
}

/* A finished transfer goes to whoever holds its token: the refresh, the
 * sync, the feed being added, or the pager's readable view. */
static void
transfer_done(void *user, struct fetch_response *res, void *arg)
{
	struct ui *ui = arg;

	if (ui->refresh != NULL && refresh_claim(ui->refresh, user, res))
		return;
	if (sync_claim(ui->sync, user, res)) {
		ui->dirty = true;	/* its progress shows in the status line */
		return;
	}
	/* The discovery's own transfers: ui_add_check sees when it ends. */
	if ((ui->discover == NULL || !discover_claim(ui->discover, user, res)) &&
	    user == &ui->readable_token && ui->readable_token != 0)
		ui_pager_readable_done(ui, res);
	ui->dirty = true;
}

/* ---- input --------------------------------------------------------------- */

static void
mouse(struct ui *ui)
{
	const struct screen *s = ui->screens[ui->screen];
	MEVENT ev;

	if (getmouse(&ev) != OK || ui->prompt.active)
		return;
	if (ev.bstate & BUTTON4_PRESSED) {
		for (int i = 0; i < UI_MOUSE_WHEEL; i++)
			s->action(ui, CONF_ACT_UP);
	} else if (ev.bstate & BUTTON5_PRESSED) {
		for (int i = 0; i < UI_MOUSE_WHEEL; i++)
			s->action(ui, CONF_ACT_DOWN);
	} else if (ev.bstate & (BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED |
	    BUTTON1_PRESSED)) {
		if (s->click != NULL && ev.y >= 1 && ev.y < ui->rows - 1)
			s->click(ui, ev.y - 1, (ev.bstate & BUTTON1_DOUBLE_CLICKED) != 0);
	}
	ui->dirty = true;
}

static void
key(struct ui *ui, int k)
{
	const struct screen *s = ui->screens[ui->screen];
	enum conf_action a;

	ui->dirty = true;
	ui->key = k;
	if (ui->prompt.active) {
		ui_prompt_key(ui, k);
		return;
	}
	ui->message[0] = '\0';
	/* A key acts on the subscriptions as they are on disk now. */
	ui_subs_check(ui);
	if ((a = ui_key_action(ui, k)) == CONF_ACT_NONE) {
		char name[CONF_KEY_NAME_MAX], help[64];
		ui_keys_for(ui, CONF_ACT_HELP, help, sizeof(help));
		help[strcspn(help, ",")] = '\0';
		ui_message(ui, "Key %s does nothing here (%s: help).",
		    conf_key_name(k, name), help);
		return;
	}
	/* The undo of A lasts until the next other key. */
	if (a != CONF_ACT_MARK_ALL_READ && a != CONF_ACT_UNDO)
		ui_undo_clear(ui);
	if (!s->action(ui, a) && !ui_common_action(ui, a))
		ui_message(ui, "Not here: %s.", conf_action_name(a));
}

/* The terminal hung up or went away: poll says so without a signal. */
static bool
tty_gone(void)
{
	struct pollfd pfd = { STDIN_FILENO, POLLIN, 0 };

	return poll(&pfd, 1, 0) > 0 && (pfd.revents & (POLLHUP | POLLERR | POLLNVAL));
}

static void
read_keys(struct ui *ui)
{
	wint_t wch;
	int r, n = 0;

	while ((r = get_wch(&wch)) != ERR) {
		n++;
		if (r == KEY_CODE_YES && wch == KEY_MOUSE)
			mouse(ui);
		else if (r == KEY_CODE_YES && wch == KEY_RESIZE)
			resize(ui, false);
		else if (r == KEY_CODE_YES)
			key(ui, CONF_KEY_FUNC | (int)wch);
		else
			key(ui, (int)wch);
		if (ui->quit)
			return;
	}
	/* Readable but nothing to read: without this the loop would spin. */
	if (n == 0 && tty_gone())
		ui->quit = true;
}

/* ---- start and stop ------------------------------------------------------- */

static void
start_curses(struct ui *ui)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: the wait returns at once on a signal. */
	sa.sa_handler = on_winch;
	sigaction(SIGWINCH, &sa, NULL);
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);

	fatal_set_restore(restore_terminal);
	initscr();
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	mousemask(BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED |
	    BUTTON5_PRESSED, NULL);
	mouseinterval(UI_DOUBLE_CLICK_MS);
	ui_colors_init(ui);
	ui->rows = LINES;
	ui->cols = COLS;
}

static void
stop_curses(void)
{
	endwin();
	fatal_set_restore(NULL);
}

/* Tell the reader about the config's errors: all of them, on a screen of
 * their own before the first one (one status line cannot hold seven). */
static void
report_config(struct ui *ui)
{
	if (ui->conf.nerrors == 0)
		return;
	ui->errors_from = ui->screen;
	ui_switch(ui, UI_ERRORS);
}

static void
ui_free(struct ui *ui)
{
	refresh_free(ui->refresh);
	fetch_free(ui->fetch);
	ui_pager_free(ui);
	free(ui->text.title);
	free(ui->text.body);
	free(ui->readable_link);
	ui_items_free(ui);
	ui_feeds_free(ui);
	free(ui->tag_filter);
	free(ui->keys);
	ui_prompt_free(ui);
	sync_free(ui->sync);
	free_secret(ui->sync_password);
	free(ui->sync_error);
	free(ui->sync_edit_done);
	ui_add_clear(ui);
	ui_undo_clear(ui);
	for (size_t i = 0; i < ui->nmoved; i++)
		free(ui->moved[i]);
	free(ui->moved);
	subs_free(ui->subs);
	store_close(ui->st);
	conf_clear(&ui->conf);
}

/* The sync finished: say how it went (its error stays for E), and show
 * what it brought. */
static void
sync_finished(struct ui *ui)
{
	struct sync_summary sum;

	sync_summary(ui->sync, &sum);
	free(ui->sync_error);
	ui->sync_error = sum.result != SYNC_OK ?
	    ui_clean(sum.error != NULL ? sum.error : sync_strerror(sum.result)) :
	    NULL;
	sync_free(ui->sync);
	ui->sync = NULL;
	if (ui->sync_error != NULL)
		ui_error(ui, "Sync failed: %s (E on All articles: whole; "
		    "your changes wait for the next sync).", ui->sync_error);
	else
		ui_message(ui, "%s%sSynced %lld feed%s: %lld new, %lld change%s "
		    "sent%s.", ui->sync_edit_done != NULL ? ui->sync_edit_done : "",
		    ui->sync_edit_done != NULL ? ". " : "", sum.feeds,
		    sum.feeds == 1 ? "" : "s", sum.nnew, sum.pushed,
		    sum.pushed == 1 ? "" : "s", sum.rated > 0 ?
		    "; ratings read from the feeds" : "");
	free(ui->sync_edit_done);
	ui->sync_edit_done = NULL;
	ui->feeds_stale = ui->items.stale = true;
	ui->dirty = true;
}

/* Wait for the terminal and the transfers (the sync's too: they share
 * the one fetch handle) at most timeout ms; true when a key is waiting. */
static bool
wait_all(struct ui *ui, int timeout)
{
	if (ui->fetch != NULL)
		return fetch_wait(ui->fetch, STDIN_FILENO, timeout);
	return wait_tty(timeout);
}

static void
run(struct ui *ui)
{
	uint64_t next_auto = ui->conf.refresh_interval > 0 ?
	    ui_now_ms() + (uint64_t)ui->conf.refresh_interval * 60000 : 0;

	while (!ui->quit) {
		bool busy, tty;
		int timeout;

		if (got_term)
			break;
		if (got_winch || ui->redraw) {
			ui->redraw = false;
			resize(ui, true);
		}
		/* Each turn is a tick of at most UI_WAIT_IDLE_MS. */
		ui_subs_check(ui);
		if (ui->dirty) {
			draw(ui);
			if (ui->exit_after_draw)
				break;
		}
		busy = ui->fetch != NULL && fetch_pending(ui->fetch) > 0;
		timeout = busy || ui->sync != NULL ? UI_WAIT_BUSY_MS :
		    UI_WAIT_IDLE_MS;
		tty = wait_all(ui, timeout);
		if (busy)
			fetch_step(ui->fetch, transfer_done, ui);
		if (ui->sync != NULL && sync_done(ui->sync))
			sync_finished(ui);
		if (ui->refresh != NULL && refresh_done(ui->refresh)) {
			struct refresh_summary sum;
			refresh_summary(ui->refresh, &sum);
			refresh_free(ui->refresh);
			ui->refresh = NULL;
			if (!ui->prompt.active && ui->message[0] == '\0') {
				if (sum.failed > 0)
					ui_error(ui, "Refreshed %zu feed%s: %lld new, "
					    "%zu failed (E on a feed says why).",
					    sum.total, sum.total == 1 ? "" : "s",
					    sum.nnew, sum.failed);
				else
					ui_message(ui, "Refreshed %zu feed%s: %lld new.",
					    sum.total, sum.total == 1 ? "" : "s",
					    sum.nnew);
			}
			ui->feeds_stale = ui->items.stale = true;
			ui->dirty = true;
		}
		if (next_auto != 0 && ui_now_ms() >= next_auto) {
			if (ui->refresh == NULL && ui->sync == NULL)
				ui_refresh_start(ui, NULL);
			next_auto = ui_now_ms() +
			    (uint64_t)ui->conf.refresh_interval * 60000;
		}
		ui_add_check(ui);
		ui_ask_moved(ui);
		if (ui->feeds_stale && (ui->screen == UI_FEEDS ||
		    ui->screen == UI_WELCOME))
			ui->dirty = true;
		if (tty || got_winch)
			read_keys(ui);
	}
}

int
ui_run(const struct ui_options *opt)
{
	struct ui ui;
	enum store_result sr;
	enum subs_result ur;
	char *why = NULL;
	const char *ead = getenv("TIDINGS_EXIT_AFTER_DRAW");

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fputs("tidings: the reader needs a terminal; see --help for the "
		    "other modes\n", stderr);
		return 1;
	}
	memset(&ui, 0, sizeof(ui));
	ui.opt = opt;
	ui.exit_after_draw = ead != NULL && strcmp(ead, "1") == 0;
	conf_load(&ui.conf, opt->config);
	if ((sr = store_open(opt->cache, &ui.st, &why)) != STORE_OK) {
		fprintf(stderr, "tidings: %s\n", why != NULL ? why :
		    store_strerror(sr));
		free(why);
		conf_clear(&ui.conf);
		return 1;
	}
	/* Every refresh from here on drops what keep-read-days says. */
	store_set_retention(ui.st, ui.conf.keep_read_days);
	if ((ur = subs_load(opt->urls, &ui.subs)) != SUBS_OK) {
		fprintf(stderr, "tidings: %s: %s%s%s\n", opt->urls,
		    subs_strerror(ur), ur == SUBS_IO_ERROR ? ": " : "",
		    ur == SUBS_IO_ERROR ? strerror(errno) : "");
		store_close(ui.st);
		conf_clear(&ui.conf);
		return 1;
	}
	ui.utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	ui.show_read = ui.conf.show_read;
	ui.sort = STORE_SORT_DATE;
	ui_state_load(&ui);
	ui_keys_init(&ui);
	ui.screens[UI_WELCOME] = &ui_welcome_screen;
	ui.screens[UI_FEEDS] = &ui_feeds_screen;
	ui.screens[UI_ITEMS] = &ui_items_screen;
	ui.screens[UI_PAGER] = &ui_pager_screen;
	ui.screens[UI_HELP] = &ui_help_screen;
	ui.screens[UI_PICK] = &ui_pick_screen;
	ui.screens[UI_ERRORS] = &ui_errors_screen;
	ui.screens[UI_TEXT] = &ui_text_screen;

	/* Before the screen: a password command may ask on the terminal,
	 * and never freezes the loop later. The reader starts either way. */
	if (ui_sync_on(&ui) && !ui_sync_password(&ui, &why)) {
		ui.sync_error = ui_clean(why != NULL ? why : "no password");
		free(why);
	}
	start_curses(&ui);
	ui_feeds_load(&ui);
	/* With sync the feed list is the server's (whatever the urls file
	 * holds): a cache without the server's feeds yet syncs at once. */
	ui_switch(&ui, subs_count(ui.subs) > 0 || ui_sync_on(&ui) ?
	    UI_FEEDS : UI_WELCOME);
	if (ui.sync_error != NULL)
		ui_error(&ui, "Sync: %s (r tries again).", ui.sync_error);
	else if (ui_sync_on(&ui) && ui.nfeeds <= UI_FIRST_FEED)
		ui_refresh_start(&ui, NULL);
	report_config(&ui);
	run(&ui);
	stop_curses();
	bool fetched = ui.fetch != NULL;
	ui_free(&ui);
	if (fetched)
		fetch_global_cleanup();
	return 0;
}
