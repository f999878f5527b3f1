/*
 * conf: the configuration file ($XDG_CONFIG_HOME/tidings/config), read
 * once at start-up. One setting a line; blank lines and lines starting
 * with # are ignored; words are separated by blanks and may be quoted
 * ("..." with \" and \\ inside):
 *
 *	bind KEY ACTION			e.g. bind C-d page-down, bind x quit
 *	unbind KEY
 *	color ELEMENT FG BG [ATTR...]	e.g. color selected black yellow bold
 *	browser CMD [ARG...]		the URL is added as one more argument
 *	refresh-interval MINUTES	0 (the default): no automatic refresh
 *	max-parallel N			transfers at once, 1..CONF_MAX_PARALLEL
 *	show-read yes|no		list read articles too (default yes)
 *	auto-readable yes|no		fetch the page of a teaser (default no)
 *	goto-next-feed yes|no		n and Space go on to the next feed with
 *					unread articles (default yes)
 *	keep-read-days N		drop read articles gone from their feed
 *					N days ago (default 0: keep all)
 *	sync greader			sync with a Google Reader API server
 *	sync-url URL			its API base (https://, or http:// to
 *					loopback unless sync-allow-plain-http yes)
 *	sync-user NAME
 *	sync-password-command CMD [ARG...]	run without a shell; the
 *					first line of its output is the password
 *	sync-password-file PATH		its first line; refused when group or
 *					others may read the file
 *	sync-allow-plain-http yes|no	(default no)
 *	sync-header "Name: value"	sent with every sync request (repeatable)
 *
 * Named include/conf.h, not config.h, because config.h is autoconf's.
 *
 * A bad line never stops the program: conf_load() keeps the defaults for
 * it and records "FILE:LINE: message" in the struct's errors, which the UI
 * shows. Documented in tidings-config(5). Knows nothing of the screen
 * beyond ncurses' key codes.
 */
#ifndef TIDINGS_CONF_H
#define TIDINGS_CONF_H

#include <stdbool.h>
#include <stddef.h>

#define CONF_MAX_FILE (1u << 20)	/* bytes of the config file read */
#define CONF_MAX_ERRORS 32		/* error messages kept */
#define CONF_MAX_BINDINGS 512		/* bind/unbind lines kept */
#define CONF_MAX_PARALLEL 64		/* ceiling for max-parallel */
#define CONF_DEFAULT_PARALLEL 16
#define CONF_MAX_INTERVAL (7 * 24 * 60)	/* minutes: one week */
#define CONF_MAX_KEEP_DAYS 36500	/* keep-read-days ceiling: a century */
#define CONF_MAX_SYNC_HEADERS 8		/* sync-header lines kept */
#define CONF_MAX_PASSWORD 1024		/* bytes of a sync password */
#define CONF_PASSWORD_TIMEOUT_MS 10000	/* sync-password-command may take this long */

/*
 * A key: a Unicode code point for a character key, or CONF_KEY_FUNC plus
 * ncurses' KEY_* code for a function key (get_wch's KEY_CODE_YES case).
 * The two ranges never meet: code points stop at 0x10FFFF.
 */
#define CONF_KEY_FUNC 0x1000000
#define CONF_KEY_NONE (-1)

/* What a key can do. The names (conf_action_name) are the config's words. */
enum conf_action {
	CONF_ACT_NONE,		/* unbound */
	CONF_ACT_DOWN,
	CONF_ACT_UP,
	CONF_ACT_PAGE_DOWN,
	CONF_ACT_PAGE_UP,
	CONF_ACT_TOP,
	CONF_ACT_BOTTOM,
	CONF_ACT_OPEN,
	CONF_ACT_BACK,
	CONF_ACT_QUIT,
	CONF_ACT_REFRESH,
	CONF_ACT_REFRESH_ALL,
	CONF_ACT_NEXT_UNREAD,
	CONF_ACT_PREV_UNREAD,
	CONF_ACT_TOGGLE_READ,
	CONF_ACT_MARK_ALL_READ,
	CONF_ACT_UNDO,		/* the last mark-all-read, right after it */
	CONF_ACT_RATE_1,
	CONF_ACT_RATE_2,
	CONF_ACT_RATE_3,
	CONF_ACT_RATE_4,
	CONF_ACT_RATE_5,
	CONF_ACT_CLEAR_RATING,
	CONF_ACT_TOGGLE_STAR,	/* star the article, or unstar it */
	CONF_ACT_SORT,
	CONF_ACT_REVERSE_SORT,
	CONF_ACT_SEARCH,
	CONF_ACT_OPEN_BROWSER,
	CONF_ACT_OPEN_LINK,
	CONF_ACT_READABLE,
	CONF_ACT_ADD_FEED,
	CONF_ACT_DELETE_FEED,
	CONF_ACT_EDIT_FEED,
	CONF_ACT_FILTER_TAG,
	CONF_ACT_SHOW_ERROR,
	CONF_ACT_TOGGLE_UNREAD_ONLY,
	CONF_ACT_LOAD_SAMPLE,
	CONF_ACT_REDRAW,
	CONF_ACT_HELP,
	CONF_ACT_COUNT		/* not an action: the number of them */
};

/* The config word for a (e.g. "page-down"); never NULL for a valid action. */
const char *conf_action_name(enum conf_action a);
/* CONF_ACT_NONE when name is no action. */
enum conf_action conf_action_parse(const char *name);

/* Key names: a character ("j", "?", "é"), C-x / ^x for control keys,
 * Enter, Esc, Space, Tab, Backspace, Up, Down, Left, Right, PgUp, PgDn,
 * Home, End, Insert, Delete, F1..F12. Returns CONF_KEY_NONE when unknown. */
int conf_key_parse(const char *name);
/* The name of key into buf (at least CONF_KEY_NAME_MAX bytes); returns buf. */
#define CONF_KEY_NAME_MAX 16
char *conf_key_name(int key, char *buf);

/* Elements of the screen a color line may set. */
enum conf_element {
	CONF_EL_NORMAL,		/* text everywhere */
	CONF_EL_TITLE,		/* the title bar */
	CONF_EL_STATUS,		/* the status line */
	CONF_EL_SELECTED,	/* the line under the cursor */
	CONF_EL_UNREAD,		/* unread articles and feeds with unread ones */
	CONF_EL_STARS,		/* community ratings */
	CONF_EL_RATING,		/* the reader's own rating */
	CONF_EL_ERROR,		/* a feed's refresh error mark, error messages */
	CONF_EL_HEADER,		/* the pager's header fields */
	CONF_EL_HEADING,	/* headings in an article */
	CONF_EL_QUOTE,		/* quoted text */
	CONF_EL_LINK,		/* link references */
	CONF_EL_COUNT
};
const char *conf_element_name(enum conf_element e);

/* A color is -1 (the terminal's default), 0..7 (black, red, green, yellow,
 * blue, magenta, cyan, white) or colorN (0..255). attrs are CONF_ATTR_*. */
enum {
	CONF_ATTR_BOLD = 1 << 0,
	CONF_ATTR_UNDERLINE = 1 << 1,
	CONF_ATTR_REVERSE = 1 << 2,
	CONF_ATTR_DIM = 1 << 3,
	CONF_ATTR_ITALIC = 1 << 4,
	CONF_ATTR_BLINK = 1 << 5,
	CONF_ATTR_STANDOUT = 1 << 6
};
#define CONF_COLOR_DEFAULT (-1)
struct conf_color {
	bool set;		/* a color line named this element */
	short fg, bg;
	unsigned attrs;
};

/* One bind or unbind line, in file order (later lines win). */
struct conf_binding {
	int key;
	enum conf_action action;	/* CONF_ACT_NONE for unbind */
};

struct conf {
	struct conf_binding *bindings;
	size_t nbindings;
	struct conf_color colors[CONF_EL_COUNT];
	char **browser;		/* argv without the URL, NULL-terminated;
				 * NULL when not set */
	unsigned refresh_interval;	/* minutes; 0 off */
	unsigned max_parallel;
	bool show_read;
	bool auto_readable;	/* the pager fetches a teaser's page itself */
	bool goto_next_feed;	/* n/Space at a feed's end: the next feed's unread */
	unsigned keep_read_days;	/* store_set_retention(); 0 keeps all */
	/* sync (include/sync.h); every field NULL/false without a sync line.
	 * The password itself is never kept here: conf_sync_password(). */
	enum conf_sync { CONF_SYNC_NONE, CONF_SYNC_GREADER } sync;
	char *sync_url, *sync_user;
	char **sync_password_command;	/* argv, NULL-terminated */
	char *sync_password_file;
	bool sync_allow_plain_http;
	char **sync_headers;	/* "Name: value", nsync_headers of them */
	size_t nsync_headers;
	char **errors;		/* "FILE:LINE: message", nerrors of them */
	size_t nerrors;
	size_t nerrors_more;	/* errors past CONF_MAX_ERRORS: counted, not kept */
};

/* The defaults: no bindings or colors, no browser, no automatic refresh,
 * CONF_DEFAULT_PARALLEL, show-read yes, auto-readable no, goto-next-feed yes, keep-read-days 0. */
void conf_init(struct conf *c);
/*
 * Read path into c (initialised here). A missing file is not an error.
 * Never fails: every problem becomes an entry of c->errors and the line's
 * setting keeps its default. Release with conf_clear().
 */
void conf_load(struct conf *c, const char *path);
/* The same from data[0..n); name is used in error messages. */
void conf_parse(struct conf *c, const char *data, size_t n, const char *name);
/* Free everything c holds; c can be conf_init'ed again. */
void conf_clear(struct conf *c);

/*
 * Whether url may carry a sync password: https://, or http:// to a
 * loopback host (localhost, 127.0.0.0/8, ::1), or any http:// when
 * allow_plain_http. false with *why (the caller's) saying what to do.
 */
bool conf_sync_url_ok(const char *url, bool allow_plain_http, char **why);

/*
 * The sync password: the first line of sync-password-command's output
 * (run with fork and execvp, no shell, stdin and stderr inherited so an
 * agent may ask; at most CONF_MAX_PASSWORD bytes and
 * CONF_PASSWORD_TIMEOUT_MS), else of sync-password-file (refused when
 * group or others may read it). On success *password is the caller's
 * (wipe and free it). On failure *why (the caller's) is a sentence that
 * never contains the password, e.g. "sync-password-command: pass
 * exited with status 1".
 */
bool conf_sync_password(const struct conf *c, char **password, char **why);

#endif
