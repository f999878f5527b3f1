/*
 * ui_private.h: what the files of src/ui/ share. Nothing here leaves the
 * ui module; include/ui.h is the way in.
 *
 * The shape (neomutt's index/pager split): a feed list, a headline list and
 * an article pager read one struct ui_selection; a help screen lists the
 * bindings in force. Key presses and finished transfers only change state
 * and mark the screen dirty; loop.c draws once per turn.
 *
 * All state lives in one struct ui (the only mutable global of the program
 * is the SIGWINCH/SIGTERM flags in loop.c). Every string from a feed is
 * sanitised (text_sanitize_line) before it is kept for display.
 */
#ifndef TIDINGS_UI_PRIVATE_H
#define TIDINGS_UI_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "conf.h"
#include "fetch.h"
#include "html.h"
#include "store.h"
#include "ui.h"

struct discover;
struct fetch;
struct refresh;
struct subs;
struct sync;
struct ui;

#define UI_WAIT_BUSY_MS 50	/* poll timeout while transfers run */
#define UI_WAIT_IDLE_MS 1000	/* poll timeout otherwise (keys still wake it) */
#define UI_FEEDS_RELOAD_MS 700	/* reload counts at most this often while refreshing */
#define UI_CHUNK_MIN 128	/* headlines fetched from the store at once */
#define UI_PROMPT_MAX 2048	/* code points in a prompt's line */
#define UI_MOUSE_WHEEL 3	/* lines per wheel step */
#define UI_DOUBLE_CLICK_MS 400	/* two clicks this close are a double click
				 * (GTK's default; ncurses' 166 ms misses
				 * them over a slow ssh or a loaded tmux) */
#define UI_MIN_COLS 20		/* below this, only a "too small" note */
#define UI_MIN_ROWS 4
#define UI_MAX_MOVED 64	/* redirects waiting to be asked about */
#define UI_UNDO_MAX STORE_MAX_PAGE	/* articles one A can undo */
#define UI_ACCEPT_HTML "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"

enum ui_screen_id {
	UI_WELCOME,		/* no subscriptions yet */
	UI_FEEDS,
	UI_ITEMS,
	UI_PAGER,
	UI_HELP,
	UI_PICK,		/* the feeds a page names, to subscribe one */
	UI_ERRORS,		/* the config's errors, at start-up */
	UI_TEXT,		/* a text read whole: a message, the failed feeds */
	UI_NSCREENS
};

/* A screen: how it lays out, draws and handles an action. rows/cols are
 * the body between the title bar and the status line. */
struct screen {
	const char *name;
	void (*layout)(struct ui *ui, int rows, int cols);
	void (*draw)(struct ui *ui, int top, int rows, int cols);
	/* true when the action was handled here */
	bool (*action)(struct ui *ui, enum conf_action a);
	/* a click on body row (0-based); double: open it */
	void (*click)(struct ui *ui, int row, bool twice);
	/* the title bar text (sanitised) into the caller's buffer */
	void (*title)(struct ui *ui, char *buf, size_t size);
};

/* The rows on top of the feed list, before the subscriptions. */
#define UI_ROW_ALL 0		/* "All articles" */
#define UI_ROW_STARRED 1	/* "Starred": shown while an article is */
#define UI_FIRST_FEED 2		/* the first subscription's row */

/* One line of the feed list. Strings are sanitised copies. */
struct ui_feed_row {
	char *url;		/* NULL for "All articles" and "Starred" */
	char *title;		/* display title: ~title, feed title, else URL */
	char *tags;		/* 'tag1 "tag two"' (ui_tags_format), or "" */
	char **tagv;		/* the tags one by one (sanitised) */
	size_t ntags;
	int64_t id;		/* store id; 0 when never cached */
	long long nitems, nunread;
	double user_rating;	/* < 0 none */
	long long nrated;	/* articles the reader rated */
	char *error;		/* the last refresh's failure, else NULL */
	const char *unsupported;	/* "query", "exec", "filter": a newsboat
				 * line tidings keeps but does not run yet
				 * (never opened, never refreshed); else NULL */
};

/* A list cursor: the selected row and the first row shown. */
struct ui_cursor {
	size_t cur, top;
};

/* The headline list: a query and a window ("chunk") of its rows. */
struct ui_items {
	struct store_query q;
	char *search;		/* owned copy behind q.search */
	char *tag;		/* the tag filter it obeys (a list of every
				 * feed), else NULL */
	int64_t *feed_ids;	/* owned array behind q.feed_ids: the feeds
				 * tagged tag, read again on each reload */
	char *title;		/* what the list shows, sanitised */
	long long count;	/* rows matching q */
	struct store_headlines chunk;
	size_t chunk_off;
	bool stale;		/* count and chunk must be reloaded */
};

/* The pager: one article, its header and its body rendered at width. */
struct ui_pager {
	int64_t id;
	struct store_item it;
	bool loaded;
	int width;		/* columns the body was rendered for; 0: not yet */
	struct html_doc doc;
	char **header;		/* "Label: value" lines, sanitised */
	unsigned char *header_el;	/* conf_element of each header value */
	size_t nheader;
	size_t top;		/* first line shown */
	bool show_readable;	/* the body is it.readable, not the feed's text */
	unsigned gen;		/* the selection's open_gen it was loaded for */
};

/* The selection the list and the pager share. */
struct ui_selection {
	struct ui_cursor feed;	/* row in the feed list (0: All articles);
				 * the list's feed is ui->items.q.feed_id */
	struct ui_cursor item;	/* row in the headline list */
	int64_t item_id;
	unsigned open_gen;	/* bumped by ui_sel_open_item: the pager loads
				 * item_id when its own gen differs */
};

/* A prompt on the status line: a line editor or a yes/no question. */
/* answer is NULL when cancelled; arg is what the asker passed (may be NULL). */
typedef void (*ui_prompt_fn)(struct ui *ui, const char *answer, const char *arg);
struct ui_prompt {
	bool active;
	bool yes_no;		/* one key: y answers "y", anything else "" */
	char label[256];	/* sanitised */
	uint32_t buf[UI_PROMPT_MAX];
	size_t len, pos;
	ui_prompt_fn done;	/* called with the line, or NULL when cancelled */
	char *arg;		/* the owner's, freed when the prompt ends */
	bool selected;		/* the whole line (the old value) is selected:
				 * typing replaces it, a movement keeps it */
	char **choices;		/* what Tab completes to (sanitised), shown
				 * above the line; NULL: none. Owned */
	size_t nchoices;
	char *stem;		/* the text Tab completes (owned), while Tab
				 * cycles through its matches; else NULL */
	size_t choice;		/* the match shown while cycling */
};

struct ui {
	const struct ui_options *opt;
	struct conf conf;
	struct store *st;
	struct subs *subs;
	struct fetch *fetch;	/* NULL until the first transfer (ui_fetch) */
	struct refresh *refresh;	/* the refresh running, else NULL */
	struct sync *sync;		/* the sync running (r, R and the
					 * refresh interval with a sync server
					 * configured), else NULL */
	char sync_what[128];		/* its last step, for the status line */
	char *sync_error;		/* the last sync's failure (E), else NULL */
	char *sync_password;		/* read once (ui_sync_password), wiped at exit */
	char *sync_edit_done;		/* what the running sync's edit (a, d, t
					 * with sync) did, said when it ends
					 * well ("Subscribed to ..."); else NULL */
	bool refresh_all;		/* it covers every subscription */
	size_t refresh_done_n, refresh_total, refresh_failed;
	uint64_t feeds_loaded_ms;	/* when the feed list was last read */
	struct discover *discover;	/* the feed being added (a), else NULL */
	char **add_tags;		/* ...with the tags typed after its URL */
	size_t nadd_tags;
	struct ui_cursor pick;		/* the pick list of the feeds a page names */
	enum ui_screen_id pick_from;	/* where `a` was pressed */
	int readable_token;		/* non-zero while an article's page is
					 * fetched for the readable view */
	int64_t readable_id;		/* ...for this item */
	char *readable_link;		/* ...whose page is at this URL, when the
					 * bytes come from the sample's own copy
					 * (the base of its links); else NULL */
	char **moved;			/* "URL\nNEW_URL": permanent redirects seen
					 * by a refresh, to ask about one by one */
	size_t nmoved;

	bool utf8;		/* locale is UTF-8: stars and ellipses in UTF-8 */
	bool quit;
	bool dirty;
	int key;		/* the key being handled (conf.h's numbering) */
	bool redraw;		/* C-l: read the size again and draw it all */
	int64_t *undo;		/* the articles the last A marked read, while
				 * A again may undo it; else NULL */
	size_t nundo;
	bool exit_after_draw;	/* TIDINGS_EXIT_AFTER_DRAW: bench aid */
	int rows, cols;
	unsigned attr[CONF_EL_COUNT];	/* curses attributes per element */

	/* key -> action: the defaults, then the config's bind lines */
	struct ui_keymap { int key; enum conf_action action; } *keys;
	size_t nkeys;

	enum ui_screen_id screen, help_from;
	const struct screen *screens[UI_NSCREENS];

	struct ui_feed_row *feeds;	/* [UI_ROW_ALL]: the sums of the feeds
					 * the tag filter shows; [UI_ROW_STARRED]
					 * their starred articles; then the
					 * subscriptions from UI_FIRST_FEED */
	size_t nfeeds;
	size_t *shown;		/* rows of feeds shown (tag filter, and unread
				 * only when !show_read): indexes */
	size_t nshown;
	char *tag_filter;	/* NULL: all */
	bool feeds_stale;

	struct ui_items items;
	struct ui_pager pager;
	struct ui_selection sel;
	enum store_sort sort;
	bool show_read;

	struct ui_cursor help;
	struct ui_cursor errors;	/* the config errors screen */
	enum ui_screen_id errors_from;	/* ...goes on to this screen */
	struct ui_prompt prompt;
	char message[512];	/* status line text, sanitised */
	bool message_error;
	char last_message[512];	/* the last one, kept past the next key for E */
	struct ui_text {	/* what the text screen shows */
		char *title, *body;	/* sanitised lines, '\n' between */
		size_t top;
		enum ui_screen_id from;
	} text;
};

/*
 * The files, by layer. A file calls only functions of files on lower
 * layers (tests/tui/layers.sh checks it with nm); a screen reaches another
 * only through the selection and ui_switch().
 *   1 draw.c browser.c tags.c   leaves: drawing text, opening a link,
 *                          a tag list as one line
 *   2 prompt.c             the status line's questions
 *   3 core.c keys.c        message, screen switch, fetch handle, state,
 *                          key lookup
 *   4 selection.c          the state the screens share (feeds, headlines,
 *                          the article asked for)
 *   5 feeds.c welcome.c items.c pager.c help.c pick.c errors.c
 *                          textview.c
 *                          the screens
 *   6 actions.c            what the keys do across screens
 *   7 loop.c               start-up, the event loop, transfers by token
 */

/* ---- draw.c (1) ---------------------------------------------------------- */
void ui_colors_init(struct ui *ui);
/* Draw sanitised UTF-8 s at (y, x) in exactly width columns (padded, cut
 * with an ellipsis). Returns the columns used (width). */
int ui_put(struct ui *ui, int y, int x, int width, const char *s, unsigned attr);
/* The same without padding; returns the columns drawn. */
int ui_put_text(struct ui *ui, int y, int x, int width, const char *s,
    unsigned attr, bool pad);
/* "★★★★½" (or "****+") for stars in 0..5 into buf (16 bytes or more);
 * "" when stars < 0.
 * Always 5 columns wide when not empty. */
#define UI_STARS_MAX 48
char *ui_stars(bool utf8, double stars, char *buf);
/* stars plus the count right-aligned in 5 columns: "★★★★½   112". */
char *ui_stars_count(bool utf8, double stars, long long count, char *buf);
/* A date as "YYYY-MM-DD" in local time, or blanks. */
void ui_date(int64_t t, char buf[11]);
/* A new sanitised one-line copy of s (NULL gives ""). */
char *ui_clean(const char *s);
/* Move c over n rows shown rows at a time for a movement action; false
 * when a is not one. */
bool ui_cursor_move(struct ui_cursor *c, size_t n, int rows, enum conf_action a);
/* Scroll a text of n lines shown page at a time from *top by a (down, up,
 * page down/up, top, bottom); false when a is no scrolling. */
bool ui_scroll(size_t *top, size_t n, size_t page, enum conf_action a);
/* Keep c->cur inside 0..n-1 and on screen. */
void ui_cursor_fit(struct ui_cursor *c, size_t n, int rows);

/* ---- browser.c (1) ------------------------------------------------------- */
/* Open url (http or https only) with browser (the config's argv, may be
 * NULL), else $BROWSER, else xdg-open; waits for it with the terminal
 * given back. false with the reason in why (sanitised) when it failed. */
bool ui_browser_open(char *const *browser, const char *url, char *why,
    size_t size);

/* ---- tags.c (1) ---------------------------------------------------------- */
/* tags[0..n) as one line: blank-separated, a tag with blanks, quotes or
 * backslashes in double quotes with \" and \\ (newsboat's form). The
 * caller frees it. */
char *ui_tags_format(const char *const *tags, size_t n);
/* The tags of such a line (at most SUBS_MAX_TAGS; empty ones dropped) into
 * *out, the caller's (ui_tags_free); returns their count. */
size_t ui_tags_parse(const char *line, char ***out);
void ui_tags_free(char **tags, size_t n);

/* ---- prompt.c (2) -------------------------------------------------------- */
/* Ask for a line (initial text may be NULL); done gets it, or NULL. arg is
 * handed over and freed when the prompt ends. */
void ui_prompt_line(struct ui *ui, const char *label, const char *initial,
    ui_prompt_fn done, char *arg);
void ui_prompt_yes_no(struct ui *ui, const char *label, ui_prompt_fn done,
    char *arg);
/* Select the whole line: the first key that types replaces it. */
void ui_prompt_select_all(struct ui *ui);
/* Offer choices[0..n) (the prompt takes them and frees them): Tab
 * completes the line to the next one starting with what was typed,
 * Shift-Tab to the one before; they are listed above the line. */
void ui_prompt_choices(struct ui *ui, char **choices, size_t n);
/* Free what an open prompt holds (at exit). */
void ui_prompt_free(struct ui *ui);
/* A key while the prompt is active. key as in conf.h. */
void ui_prompt_key(struct ui *ui, int key);
void ui_prompt_draw(struct ui *ui, int y);

/* ---- core.c (3) ---------------------------------------------------------- */
uint64_t ui_now_ms(void);
/* The fetch handle, started on first use: curl's start-up (TLS libraries)
 * costs tens of milliseconds that the first screen does not need. */
struct fetch *ui_fetch(struct ui *ui);
/* The status line says this until the next key (formatted, then sanitised). */
void ui_message(struct ui *ui, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Show body (lines split by '\n', each sanitised here) whole on the text
 * screen, until back; title and body are copied. */
void ui_text_show(struct ui *ui, const char *title, const char *body);
void ui_error(struct ui *ui, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Show screen to: its layout runs (and loads what it shows). */
void ui_switch(struct ui *ui, enum ui_screen_id to);
/* The sort order's word ("date", "rating"...). */
const char *ui_sort_name(enum store_sort s);
/* Read the sort from the state file (a missing file is no error); save it. */
void ui_state_load(struct ui *ui);
void ui_state_save(struct ui *ui);
/* Open url in the browser (browser.c); a failure is the status line's. */
void ui_open_url(struct ui *ui, const char *url);
/* The bundled NewsFactor sample: its feed files, the folder it is
 * installed in (NULL when it is not), and the file:// URL of the page it
 * bundles for an item's link (the caller frees it; NULL when none). */
#define UI_SAMPLE_NFEEDS 2
#define UI_SAMPLE_PAGES_MAX 4096	/* bytes of the sample's pages file */
extern const char *const ui_sample_feeds[UI_SAMPLE_NFEEDS];
const char *ui_sample_dir(void);
char *ui_sample_page(const char *link);
/* Whether the config names a sync server: the feed list is the server's. */
bool ui_sync_on(const struct ui *ui);
bool ui_sync_password(struct ui *ui, char **why);
/* url is in the feed list: the urls file's, or with sync the server's (as
 * the last sync cached it). */
bool ui_subscribed(const struct ui *ui, const char *url);
/* The feed list's row of url (any tag filter aside), else NULL. */
struct ui_feed_row *ui_feed_row_of(const struct ui *ui, const char *url);

/* ---- keys.c (3) ---------------------------------------------------------- */
void ui_keys_init(struct ui *ui);
enum conf_action ui_key_action(const struct ui *ui, int key);
/* Whether key, bound to back, only goes back: Esc, Left and h never quit. */
bool ui_key_back_only(int key);
/* The keys bound to a, joined ("j, Down") into buf. */
void ui_keys_for(const struct ui *ui, enum conf_action a, char *buf, size_t size);

/* ---- selection.c (4) ----------------------------------------------------- */
/* Read the feed list again (subscriptions and the cache's counts),
 * keeping the selected feed by URL. */
void ui_feeds_load(struct ui *ui);
void ui_feeds_free(struct ui *ui);
/* The row under the cursor, or NULL. */
struct ui_feed_row *ui_feeds_current(struct ui *ui);
/* Apply the filters again (the tag, unread only when !show_read), the
 * cursor on the same feed or, when it is hidden now, the nearest shown. */
void ui_feeds_refilter(struct ui *ui);
/* Show only the feeds tagged tag ("": all); the cursor goes to the top.
 * "All articles" counts, lists and marks only those feeds then. */
void ui_feeds_set_tag_filter(struct ui *ui, const char *tag);
/* Whether feed row i (not 0) passes the tag filter. */
bool ui_feed_tagged(const struct ui *ui, size_t i);
/* The store ids of the feeds tagged tag (those cached) into *out, the
 * caller's to free; returns their count. */
size_t ui_feeds_tagged_ids(const struct ui *ui, const char *tag,
    int64_t **out);
/* Every tag of the subscriptions, sorted, each once, into *out (the
 * caller's: ui_tags_free); returns their count. */
size_t ui_feeds_all_tags(const struct ui *ui, char ***out);
/* Read the urls file again when another program changed it (subs_stale). */
void ui_subs_check(struct ui *ui);
/* Forget the undo of the last mark-all-read (any key but A does). */
void ui_undo_clear(struct ui *ui);
/* Forget the feed being added: its discovery and tags. */
void ui_add_clear(struct ui *ui);
/* Show the headlines of feed_id (0: all; with a tag filter, all of the
 * feeds it shows) or of a search (not NULL; within the tag filter). */
void ui_items_open(struct ui *ui, int64_t feed_id, const char *title,
    const char *search);
/* Show the starred articles of every feed (within the tag filter). */
void ui_items_open_starred(struct ui *ui);
void ui_items_free(struct ui *ui);
/* Read the count again and forget the window (after a change). */
void ui_items_reload(struct ui *ui);
/* Make rows [first, first + n) of the list readable in ui->items.chunk
 * (as far as they exist). */
void ui_items_window(struct ui *ui, size_t first, size_t n);
/* The headline at row (loading it), or NULL past the end. */
const struct store_headline *ui_items_row(struct ui *ui, size_t row);
/* Move to the next (dir 1) or previous (-1) unread headline; false if none. */
bool ui_items_next_unread(struct ui *ui, int dir);
/* At the end of a feed's headlines: open the next feed with unread
 * articles on its first unread one (goto-next-feed); false if none. */
bool ui_items_next_feed(struct ui *ui);
/* Ask for article id: the pager shows it. */
void ui_sel_open_item(struct ui *ui, int64_t id);

/* ---- the screens (5): feeds.c welcome.c items.c pager.c help.c pick.c
 * errors.c textview.c ------------------------------------------------------ */
extern const struct screen ui_feeds_screen, ui_welcome_screen, ui_items_screen,
    ui_pager_screen, ui_help_screen, ui_pick_screen, ui_errors_screen,
    ui_text_screen;
void ui_pager_free(struct ui *ui);
/* The page fetched for the readable view arrived (or failed). */
void ui_pager_readable_done(struct ui *ui, struct fetch_response *res);

/* ---- actions.c (6) ------------------------------------------------------- */
/* The actions every screen shares (refresh, rate, add, browser...);
 * true when handled. */
bool ui_common_action(struct ui *ui, enum conf_action a);
/* Refresh url (NULL: all); with a sync server configured, sync instead
 * (the server's whole state, whatever url). */
void ui_refresh_start(struct ui *ui, const char *url);
/* The discovery of the feed being added (a) finished: subscribe a feed,
 * or show the pick list of the feeds a page names. */
void ui_add_check(struct ui *ui);
/* Ask about the next permanent redirect a refresh saw, if any. */
void ui_ask_moved(struct ui *ui);

#endif
