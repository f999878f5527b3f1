/*
 * conf: the configuration file, read once at start-up into a struct conf.
 * The contract is in include/conf.h; the language is documented in
 * man/tidings-config.5.
 */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "conf.h"
#include "text.h"

#define MAX_WORDS 16		/* words on one line; more is an error */

static const char *const action_names[CONF_ACT_COUNT] = {
	[CONF_ACT_NONE] = "none",
	[CONF_ACT_DOWN] = "down",
	[CONF_ACT_UP] = "up",
	[CONF_ACT_PAGE_DOWN] = "page-down",
	[CONF_ACT_PAGE_UP] = "page-up",
	[CONF_ACT_TOP] = "top",
	[CONF_ACT_BOTTOM] = "bottom",
	[CONF_ACT_OPEN] = "open",
	[CONF_ACT_BACK] = "back",
	[CONF_ACT_QUIT] = "quit",
	[CONF_ACT_REFRESH] = "refresh",
	[CONF_ACT_REFRESH_ALL] = "refresh-all",
	[CONF_ACT_NEXT_UNREAD] = "next-unread",
	[CONF_ACT_PREV_UNREAD] = "prev-unread",
	[CONF_ACT_TOGGLE_READ] = "toggle-read",
	[CONF_ACT_MARK_ALL_READ] = "mark-all-read",
	[CONF_ACT_UNDO] = "undo",
	[CONF_ACT_RATE_1] = "rate-1",
	[CONF_ACT_RATE_2] = "rate-2",
	[CONF_ACT_RATE_3] = "rate-3",
	[CONF_ACT_RATE_4] = "rate-4",
	[CONF_ACT_RATE_5] = "rate-5",
	[CONF_ACT_CLEAR_RATING] = "clear-rating",
	[CONF_ACT_TOGGLE_STAR] = "toggle-star",
	[CONF_ACT_SORT] = "sort",
	[CONF_ACT_REVERSE_SORT] = "reverse-sort",
	[CONF_ACT_SEARCH] = "search",
	[CONF_ACT_OPEN_BROWSER] = "open-in-browser",
	[CONF_ACT_OPEN_LINK] = "open-link",
	[CONF_ACT_READABLE] = "readable",
	[CONF_ACT_ADD_FEED] = "add-feed",
	[CONF_ACT_DELETE_FEED] = "delete-feed",
	[CONF_ACT_EDIT_FEED] = "edit-feed",
	[CONF_ACT_FILTER_TAG] = "filter-tag",
	[CONF_ACT_SHOW_ERROR] = "show-error",
	[CONF_ACT_TOGGLE_UNREAD_ONLY] = "toggle-unread-only",
	[CONF_ACT_LOAD_SAMPLE] = "load-sample",
	[CONF_ACT_REDRAW] = "redraw",
	[CONF_ACT_HELP] = "help",
};

static const char *const element_names[CONF_EL_COUNT] = {
	[CONF_EL_NORMAL] = "normal",
	[CONF_EL_TITLE] = "title",
	[CONF_EL_STATUS] = "status",
	[CONF_EL_SELECTED] = "selected",
	[CONF_EL_UNREAD] = "unread",
	[CONF_EL_STARS] = "stars",
	[CONF_EL_RATING] = "rating",
	[CONF_EL_ERROR] = "error",
	[CONF_EL_HEADER] = "header",
	[CONF_EL_HEADING] = "heading",
	[CONF_EL_QUOTE] = "quote",
	[CONF_EL_LINK] = "link",
};

/* Named keys; conf_key_name() prints the first name of a key. */
static const struct {
	const char *name;
	int key;
} key_names[] = {
	{ "Enter", '\n' },
	{ "Return", '\r' },
	{ "Esc", 27 },
	{ "Space", ' ' },
	{ "Tab", '\t' },
	{ "Backspace", CONF_KEY_FUNC | KEY_BACKSPACE },
	{ "Up", CONF_KEY_FUNC | KEY_UP },
	{ "Down", CONF_KEY_FUNC | KEY_DOWN },
	{ "Left", CONF_KEY_FUNC | KEY_LEFT },
	{ "Right", CONF_KEY_FUNC | KEY_RIGHT },
	{ "PgUp", CONF_KEY_FUNC | KEY_PPAGE },
	{ "PgDn", CONF_KEY_FUNC | KEY_NPAGE },
	{ "Home", CONF_KEY_FUNC | KEY_HOME },
	{ "End", CONF_KEY_FUNC | KEY_END },
	{ "Insert", CONF_KEY_FUNC | KEY_IC },
	{ "Delete", CONF_KEY_FUNC | KEY_DC },
	{ "Enter", CONF_KEY_FUNC | KEY_ENTER },
};

static const struct {
	const char *name;
	short color;
} color_names[] = {
	{ "default", CONF_COLOR_DEFAULT },
	{ "black", 0 }, { "red", 1 }, { "green", 2 }, { "yellow", 3 },
	{ "blue", 4 }, { "magenta", 5 }, { "cyan", 6 }, { "white", 7 },
};

static const struct {
	const char *name;
	unsigned attr;
} attr_names[] = {
	{ "bold", CONF_ATTR_BOLD }, { "underline", CONF_ATTR_UNDERLINE },
	{ "reverse", CONF_ATTR_REVERSE }, { "dim", CONF_ATTR_DIM },
	{ "italic", CONF_ATTR_ITALIC }, { "blink", CONF_ATTR_BLINK },
	{ "standout", CONF_ATTR_STANDOUT },
};

const char *
conf_action_name(enum conf_action a)
{
	if ((unsigned)a >= CONF_ACT_COUNT)
		return "none";
	return action_names[a];
}

enum conf_action
conf_action_parse(const char *name)
{
	for (size_t i = 1; i < CONF_ACT_COUNT; i++)
		if (strcmp(action_names[i], name) == 0)
			return (enum conf_action)i;
	return CONF_ACT_NONE;
}

const char *
conf_element_name(enum conf_element e)
{
	if ((unsigned)e >= CONF_EL_COUNT)
		return "?";
	return element_names[e];
}

int
conf_key_parse(const char *name)
{
	size_t n = strlen(name);
	uint32_t cp;

	if (n == 0)
		return CONF_KEY_NONE;
	for (size_t i = 0; i < sizeof(key_names) / sizeof(key_names[0]); i++)
		if (strcasecmp(key_names[i].name, name) == 0)
			return key_names[i].key;
	/* C-x and ^x: control keys. */
	if ((n == 3 && (name[0] == 'C' || name[0] == 'c') && name[1] == '-') ||
	    (n == 2 && name[0] == '^')) {
		char c = name[n - 1];
		if (c >= 'a' && c <= 'z')
			return c - 'a' + 1;
		if (c >= 'A' && c <= 'Z')
			return c - 'A' + 1;
		return CONF_KEY_NONE;
	}
	if ((name[0] == 'F' || name[0] == 'f') && n >= 2 && n <= 3 &&
	    strspn(name + 1, "0123456789") == n - 1) {
		int k = atoi(name + 1);
		if (k >= 1 && k <= 12)
			return CONF_KEY_FUNC | KEY_F(k);
		return CONF_KEY_NONE;
	}
	/* Exactly one printable character. */
	if (utf8_decode(name, n, &cp) != n || cp == 0xFFFD || cp < 0x21 ||
	    (cp >= 0x7F && cp < 0xA0))
		return CONF_KEY_NONE;
	return (int)cp;
}

char *
conf_key_name(int key, char *buf)
{
	for (size_t i = 0; i < sizeof(key_names) / sizeof(key_names[0]); i++)
		if (key_names[i].key == key) {
			xsnprintf(buf, CONF_KEY_NAME_MAX, "%s", key_names[i].name);
			return buf;
		}
	if (key >= 1 && key <= 26) {
		xsnprintf(buf, CONF_KEY_NAME_MAX, "C-%c", 'a' + key - 1);
		return buf;
	}
	if (key & CONF_KEY_FUNC) {
		int code = key & ~CONF_KEY_FUNC;
		if (code >= KEY_F(1) && code <= KEY_F(12))
			xsnprintf(buf, CONF_KEY_NAME_MAX, "F%d", code - KEY_F0);
		else
			xsnprintf(buf, CONF_KEY_NAME_MAX, "key-%d", code);
		return buf;
	}
	if (key > 0x20 && key <= 0x10FFFF) {
		size_t len = utf8_encode((uint32_t)key, buf);
		buf[len] = '\0';
		return buf;
	}
	xsnprintf(buf, CONF_KEY_NAME_MAX, "key-%d", key);
	return buf;
}

/* Free a NULL-terminated argv; NULL does nothing. */
static void
free_argv(char **v)
{
	if (v == NULL)
		return;
	for (char **a = v; *a != NULL; a++)
		free(*a);
	free(v);
}

void
conf_init(struct conf *c)
{
	memset(c, 0, sizeof(*c));
	c->max_parallel = CONF_DEFAULT_PARALLEL;
	c->show_read = true;
	c->goto_next_feed = true;
}

void
conf_clear(struct conf *c)
{
	free(c->bindings);
	free_argv(c->browser);
	for (size_t i = 0; i < c->nerrors; i++)
		free(c->errors[i]);
	free(c->errors);
	free(c->sync_url);
	free(c->sync_user);
	free_argv(c->sync_password_command);
	free(c->sync_password_file);
	for (size_t i = 0; i < c->nsync_headers; i++)
		free(c->sync_headers[i]);
	free(c->sync_headers);
	memset(c, 0, sizeof(*c));
}

/* The state of one parse: where we are, for the messages. */
struct parser {
	struct conf *c;
	const char *name;
	unsigned line;
	unsigned sync_line, url_line, file_line;	/* for check_sync() */
};

static void __attribute__((format(printf, 2, 3)))
error(struct parser *p, const char *fmt, ...)
{
	struct conf *c = p->c;
	va_list ap;
	char msg[256];

	if (c->nerrors >= CONF_MAX_ERRORS) {
		c->nerrors_more++;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);	/* a cut message is fine */
	va_end(ap);
	c->errors = xreallocarray(c->errors, c->nerrors + 1, sizeof(*c->errors));
	c->errors[c->nerrors++] = xasprintf("%s:%u: %s", p->name, p->line, msg);
}

/*
 * Split line (modified in place) into words, honouring "..." quotes with
 * \" and \\ escapes. Returns the number of words, or -1 with a message.
 */
static int
split_words(struct parser *p, char *line, char **w)
{
	int n = 0;
	char *s = line, *o;

	for (;;) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '\0' || *s == '#')
			return n;
		if (n == MAX_WORDS) {
			error(p, "too many words");
			return -1;
		}
		w[n++] = o = s;
		if (*s == '"') {
			s++;
			while (*s != '"') {
				if (*s == '\0') {
					error(p, "unterminated quote");
					return -1;
				}
				if (*s == '\\' && (s[1] == '"' || s[1] == '\\'))
					s++;
				*o++ = *s++;
			}
			s++;
			if (*s != '\0' && *s != ' ' && *s != '\t') {
				error(p, "text after a closing quote");
				return -1;
			}
		} else {
			while (*s != '\0' && *s != ' ' && *s != '\t')
				*o++ = *s++;
		}
		if (*s != '\0')
			s++;
		*o = '\0';
	}
}

/* A whole number in lo..hi; false (with a message) otherwise. */
static bool
parse_number(struct parser *p, const char *what, const char *s,
    unsigned long lo, unsigned long hi, unsigned *out)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (s[0] < '0' || s[0] > '9' || *end != '\0' || errno != 0 ||
	    v < lo || v > hi) {
		error(p, "%s must be a number from %lu to %lu, not '%s'", what,
		    lo, hi, s);
		return false;
	}
	*out = (unsigned)v;
	return true;
}

static bool
parse_color(struct parser *p, const char *s, short *out)
{
	for (size_t i = 0; i < sizeof(color_names) / sizeof(color_names[0]); i++)
		if (strcasecmp(color_names[i].name, s) == 0) {
			*out = color_names[i].color;
			return true;
		}
	if (strncasecmp(s, "color", 5) == 0) {
		unsigned v;
		if (parse_number(p, "a color number", s + 5, 0, 255, &v)) {
			*out = (short)v;
			return true;
		}
		return false;
	}
	error(p, "unknown color '%s' (black, red, green, yellow, blue, "
	    "magenta, cyan, white, default or color0..color255)", s);
	return false;
}

static void
add_binding(struct parser *p, int key, enum conf_action a)
{
	struct conf *c = p->c;

	if (c->nbindings >= CONF_MAX_BINDINGS) {
		error(p, "too many bind lines (at most %d)", CONF_MAX_BINDINGS);
		return;
	}
	c->bindings = xreallocarray(c->bindings, c->nbindings + 1,
	    sizeof(*c->bindings));
	c->bindings[c->nbindings].key = key;
	c->bindings[c->nbindings].action = a;
	c->nbindings++;
}

/* One handler per setting; w[0] is the setting's name, n >= 1. */
typedef void (*setting_fn)(struct parser *, char **w, int n);

static void
set_bind(struct parser *p, char **w, int n)
{
	int key;
	enum conf_action a;

	if (n != 3) {
		error(p, "usage: bind KEY ACTION");
		return;
	}
	if ((key = conf_key_parse(w[1])) == CONF_KEY_NONE) {
		error(p, "unknown key '%s'", w[1]);
		return;
	}
	if ((a = conf_action_parse(w[2])) == CONF_ACT_NONE &&
	    strcmp(w[2], "none") != 0) {
		error(p, "unknown action '%s'", w[2]);
		return;
	}
	add_binding(p, key, a);
}

static void
set_unbind(struct parser *p, char **w, int n)
{
	int key;

	if (n != 2) {
		error(p, "usage: unbind KEY");
		return;
	}
	if ((key = conf_key_parse(w[1])) == CONF_KEY_NONE) {
		error(p, "unknown key '%s'", w[1]);
		return;
	}
	add_binding(p, key, CONF_ACT_NONE);
}

static void
set_color(struct parser *p, char **w, int n)
{
	struct conf_color col = { .set = true };
	size_t el;

	if (n < 4) {
		error(p, "usage: color ELEMENT FG BG [ATTR...]");
		return;
	}
	for (el = 0; el < CONF_EL_COUNT; el++)
		if (strcmp(element_names[el], w[1]) == 0)
			break;
	if (el == CONF_EL_COUNT) {
		error(p, "unknown element '%s'", w[1]);
		return;
	}
	if (!parse_color(p, w[2], &col.fg) || !parse_color(p, w[3], &col.bg))
		return;
	for (int i = 4; i < n; i++) {
		size_t k;
		for (k = 0; k < sizeof(attr_names) / sizeof(attr_names[0]); k++)
			if (strcmp(attr_names[k].name, w[i]) == 0)
				break;
		if (k == sizeof(attr_names) / sizeof(attr_names[0])) {
			error(p, "unknown attribute '%s'", w[i]);
			return;
		}
		col.attrs |= attr_names[k].attr;
	}
	p->c->colors[el] = col;
}

/* A NULL-terminated copy of w[0..n). */
static char **
copy_argv(char **w, int n)
{
	char **v = xcalloc((size_t)n + 1, sizeof(*v));

	for (int i = 0; i < n; i++)
		v[i] = xstrdup(w[i]);
	return v;
}

static void
set_browser(struct parser *p, char **w, int n)
{
	struct conf *c = p->c;

	if (n < 2) {
		error(p, "usage: browser COMMAND [ARGUMENT...]");
		return;
	}
	free_argv(c->browser);
	c->browser = copy_argv(w + 1, n - 1);
}

static void
set_interval(struct parser *p, char **w, int n)
{
	if (n != 2) {
		error(p, "usage: refresh-interval MINUTES");
		return;
	}
	(void)parse_number(p, "refresh-interval", w[1], 0, CONF_MAX_INTERVAL,
	    &p->c->refresh_interval);
}

static void
set_parallel(struct parser *p, char **w, int n)
{
	if (n != 2) {
		error(p, "usage: max-parallel N");
		return;
	}
	(void)parse_number(p, "max-parallel", w[1], 1, CONF_MAX_PARALLEL,
	    &p->c->max_parallel);
}

/* NAME yes|no into *out; a usage error otherwise. */
static void
set_flag(struct parser *p, char **w, int n, bool *out)
{
	if (n == 2 && strcmp(w[1], "yes") == 0)
		*out = true;
	else if (n == 2 && strcmp(w[1], "no") == 0)
		*out = false;
	else
		error(p, "usage: %s yes|no", w[0]);
}

static void
set_show_read(struct parser *p, char **w, int n)
{
	set_flag(p, w, n, &p->c->show_read);
}

static void
set_auto_readable(struct parser *p, char **w, int n)
{
	set_flag(p, w, n, &p->c->auto_readable);
}

static void
set_goto_next_feed(struct parser *p, char **w, int n)
{
	set_flag(p, w, n, &p->c->goto_next_feed);
}

static void
set_keep_read_days(struct parser *p, char **w, int n)
{
	if (n != 2) {
		error(p, "usage: keep-read-days DAYS");
		return;
	}
	(void)parse_number(p, "keep-read-days", w[1], 0, CONF_MAX_KEEP_DAYS,
	    &p->c->keep_read_days);
}

/* ---- sync settings ------------------------------------------------------ */

/* NAME VALUE into *out (replacing an earlier line's). */
static void
set_string(struct parser *p, char **w, int n, char **out)
{
	if (n != 2 || w[1][0] == '\0') {
		error(p, "usage: %s VALUE", w[0]);
		return;
	}
	free(*out);
	*out = xstrdup(w[1]);
}

static void
set_sync(struct parser *p, char **w, int n)
{
	if (n == 2 && strcmp(w[1], "greader") == 0) {
		p->c->sync = CONF_SYNC_GREADER;
		p->sync_line = p->line;
	} else if (n == 2 && strcmp(w[1], "none") == 0)
		p->c->sync = CONF_SYNC_NONE;
	else
		error(p, "usage: sync greader|none");
}

static void
set_sync_url(struct parser *p, char **w, int n)
{
	set_string(p, w, n, &p->c->sync_url);
	p->url_line = p->line;
}

static void
set_sync_user(struct parser *p, char **w, int n)
{
	set_string(p, w, n, &p->c->sync_user);
}

static void
set_sync_password_command(struct parser *p, char **w, int n)
{
	if (n < 2) {
		error(p, "usage: sync-password-command COMMAND [ARGUMENT...]");
		return;
	}
	free_argv(p->c->sync_password_command);
	p->c->sync_password_command = copy_argv(w + 1, n - 1);
}

static void
set_sync_password_file(struct parser *p, char **w, int n)
{
	set_string(p, w, n, &p->c->sync_password_file);
	p->file_line = p->line;
}

static void
set_sync_allow_plain_http(struct parser *p, char **w, int n)
{
	set_flag(p, w, n, &p->c->sync_allow_plain_http);
}

/* "Name: value": a token name, no control characters (conf_parse has
 * sanitised the line), so it cannot split into two headers. */
static void
set_sync_header(struct parser *p, char **w, int n)
{
	struct conf *c = p->c;
	const char *colon;

	if (n != 2 || (colon = strchr(w[1], ':')) == NULL || colon == w[1] ||
	    strspn(w[1], "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789-_") != (size_t)(colon - w[1])) {
		error(p, "usage: sync-header \"Name: value\"");
		return;
	}
	if (strncasecmp(w[1], "Authorization:", 14) == 0) {
		error(p, "sync-header cannot set Authorization (the login does)");
		return;
	}
	if (c->nsync_headers >= CONF_MAX_SYNC_HEADERS) {
		error(p, "too many sync-header lines (at most %d)",
		    CONF_MAX_SYNC_HEADERS);
		return;
	}
	c->sync_headers = xreallocarray(c->sync_headers, c->nsync_headers + 1,
	    sizeof(*c->sync_headers));
	c->sync_headers[c->nsync_headers++] = xstrdup(w[1]);
}

/* Whether host (up to its end: '/', ':', '?', '#' or NUL) is loopback. */
static bool
host_is_loopback(const char *host)
{
	size_t len = strcspn(host, "/?#");
	const char *at = memchr(host, '@', len);

	if (at != NULL)
		return false;	/* userinfo: refused by the caller anyway */
	if (strncmp(host, "[::1]", 5) == 0)
		return len == 5 || host[5] == ':';
	len = strcspn(host, ":/?#");
	if (len == 9 && strncasecmp(host, "localhost", 9) == 0)
		return true;
	return strncmp(host, "127.", 4) == 0 &&
	    strspn(host, "0123456789.") == len;
}

bool
conf_sync_url_ok(const char *url, bool allow_plain_http, char **why)
{
	const char *host;

	*why = NULL;
	if (strncasecmp(url, "https://", 8) == 0)
		host = url + 8;
	else if (strncasecmp(url, "http://", 7) == 0)
		host = url + 7;
	else {
		*why = xasprintf("sync-url %s is not an http(s) URL", url);
		return false;
	}
	if (memchr(host, '@', strcspn(host, "/?#")) != NULL) {
		*why = xstrdup("sync-url must not hold a user or password; "
		    "use sync-user and sync-password-command");
		return false;
	}
	if (host == url + 7 && !allow_plain_http && !host_is_loopback(host)) {
		*why = xasprintf("sync-url %s is plain http to another host: the "
		    "password would travel in clear; use https, or set "
		    "sync-allow-plain-http yes", url);
		return false;
	}
	return true;
}

/* After the last line: a sync line needs its url, user and a password
 * source, and the url must be safe; the file must be private. */
static void
check_sync(struct parser *p)
{
	struct conf *c = p->c;
	struct stat sb;
	char *why;

	if (c->sync == CONF_SYNC_NONE)
		return;
	p->line = p->sync_line;
	if (c->sync_url == NULL)
		error(p, "sync greader needs sync-url");
	if (c->sync_user == NULL)
		error(p, "sync greader needs sync-user");
	if (c->sync_password_command == NULL && c->sync_password_file == NULL)
		error(p, "sync greader needs sync-password-command or "
		    "sync-password-file");
	if (c->sync_url != NULL &&
	    !conf_sync_url_ok(c->sync_url, c->sync_allow_plain_http, &why)) {
		p->line = p->url_line;
		error(p, "%s", why);
		free(why);
	}
	if (c->sync_password_command == NULL && c->sync_password_file != NULL) {
		p->line = p->file_line;
		if (stat(c->sync_password_file, &sb) != 0)
			error(p, "sync-password-file %s: %s",
			    c->sync_password_file, strerror(errno));
		else if ((sb.st_mode & (S_IRWXG | S_IRWXO)) != 0)
			error(p, "sync-password-file %s may be read by others "
			    "(mode %03o): chmod 600 it", c->sync_password_file,
			    (unsigned)(sb.st_mode & 0777));
	}
}

static const struct {
	const char *name;
	setting_fn fn;
} settings[] = {
	{ "sync", set_sync },
	{ "sync-url", set_sync_url },
	{ "sync-user", set_sync_user },
	{ "sync-password-command", set_sync_password_command },
	{ "sync-password-file", set_sync_password_file },
	{ "sync-allow-plain-http", set_sync_allow_plain_http },
	{ "sync-header", set_sync_header },
	{ "bind", set_bind },
	{ "unbind", set_unbind },
	{ "color", set_color },
	{ "browser", set_browser },
	{ "refresh-interval", set_interval },
	{ "max-parallel", set_parallel },
	{ "show-read", set_show_read },
	{ "auto-readable", set_auto_readable },
	{ "goto-next-feed", set_goto_next_feed },
	{ "keep-read-days", set_keep_read_days },
};

static void
parse_line(struct parser *p, char *line)
{
	char *w[MAX_WORDS];
	int n;

	if ((n = split_words(p, line, w)) <= 0)
		return;
	for (size_t i = 0; i < sizeof(settings) / sizeof(settings[0]); i++)
		if (strcmp(settings[i].name, w[0]) == 0) {
			settings[i].fn(p, w, n);
			return;
		}
	error(p, "unknown setting '%s'", w[0]);
}

void
conf_parse(struct conf *c, const char *data, size_t n, const char *name)
{
	struct parser p = { c, name, 0, 0, 0, 0 };
	size_t i = 0;

	conf_init(c);
	while (i < n) {
		size_t end = i;
		char *line, *clean;

		while (end < n && data[end] != '\n')
			end++;
		p.line++;
		line = xstrndup(data + i, end - i);
		/* xstrndup stops at a NUL byte: look at the end of what it copied */
		if (line[0] != '\0' && line[strlen(line) - 1] == '\r')
			line[strlen(line) - 1] = '\0';
		/* Words may be shown in messages: keep them valid and inert. */
		clean = text_sanitize(line, strlen(line), false);
		parse_line(&p, clean);
		free(clean);
		free(line);
		i = end + 1;
	}
	check_sync(&p);
}

void
conf_load(struct conf *c, const char *path)
{
	struct tbuf b;
	bool ok = text_read_file(path, CONF_MAX_FILE, &b);
	int err = errno;

	if (!ok && err != EFBIG) {
		conf_init(c);
		if (err != ENOENT) {
			struct parser p = { c, path, 0, 0, 0, 0 };
			error(&p, "cannot read: %s", strerror(err));
		}
		tbuf_free(&b);
		return;
	}
	conf_parse(c, tbuf_str(&b), b.len, path);
	tbuf_free(&b);
	if (!ok) {
		struct parser p = { c, path, 0, 0, 0, 0 };
		error(&p, "file larger than 1 MiB: the rest is ignored");
	}
}

/* ---- the sync password ---------------------------------------------------- */

static long
ms_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long)(t.tv_sec - t0->tv_sec) * 1000 +
	    (t.tv_nsec - t0->tv_nsec) / 1000000;
}

/* The first line of b (at most CONF_MAX_PASSWORD bytes, not empty) as a
 * new string; NULL when there is none. */
static char *
first_line(const char *b, size_t n)
{
	size_t len = 0;

	while (len < n && b[len] != '\n' && b[len] != '\r' && b[len] != '\0')
		len++;
	if (len == 0 || len > CONF_MAX_PASSWORD)
		return NULL;
	return xstrndup(b, len);
}

/* Read fd until EOF, max bytes or the deadline; false on a timeout. */
static bool
read_until(int fd, char *buf, size_t max, size_t *n, const struct timespec *t0)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	ssize_t got;
	long left;

	*n = 0;
	while (*n < max) {
		if ((left = CONF_PASSWORD_TIMEOUT_MS - ms_since(t0)) <= 0)
			return false;
		if (poll(&pfd, 1, (int)left) < 0) {
			if (errno == EINTR)
				continue;
			return true;
		}
		if (pfd.revents == 0)
			continue;
		got = read(fd, buf + *n, max - *n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		*n += (size_t)got;
		if (memchr(buf, '\n', *n) != NULL)
			break;	/* the first line is all we take */
	}
	return true;
}

static bool
password_from_command(char *const *argv, char **password, char **why)
{
	char buf[CONF_MAX_PASSWORD + 2];
	struct timespec t0;
	int fds[2], status;
	size_t n;
	pid_t pid;
	bool in_time;

	if (pipe(fds) != 0) {
		*why = xasprintf("sync-password-command: %s", strerror(errno));
		return false;
	}
	fflush(NULL);
	if ((pid = fork()) < 0) {
		*why = xasprintf("sync-password-command: %s", strerror(errno));
		close(fds[0]);
		close(fds[1]);
		return false;
	}
	if (pid == 0) {
		close(fds[0]);
		if (dup2(fds[1], STDOUT_FILENO) < 0)
			_exit(127);
		close(fds[1]);
		execvp(argv[0], argv);
		_exit(127);
	}
	close(fds[1]);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	in_time = read_until(fds[0], buf, sizeof(buf), &n, &t0);
	close(fds[0]);
	if (!in_time)
		kill(pid, SIGKILL);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	*password = in_time ? first_line(buf, n) : NULL;
	explicit_bzero(buf, sizeof(buf));
	if (!in_time)
		*why = xasprintf("sync-password-command: %s took longer than %d s",
		    argv[0], CONF_PASSWORD_TIMEOUT_MS / 1000);
	else if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		*why = xasprintf("sync-password-command: cannot run %s", argv[0]);
	else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		*why = xasprintf("sync-password-command: %s failed (status %d)",
		    argv[0], WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	else if (*password == NULL)
		*why = xasprintf("sync-password-command: %s printed no password "
		    "line (or one longer than %d bytes)", argv[0],
		    CONF_MAX_PASSWORD);
	else
		return true;
	free_secret(*password);
	*password = NULL;
	return false;
}

static bool
password_from_file(const char *path, char **password, char **why)
{
	char buf[CONF_MAX_PASSWORD + 2];
	struct stat sb;
	ssize_t got;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY)) < 0) {
		*why = xasprintf("sync-password-file %s: %s", path,
		    strerror(errno));
		return false;
	}
	if (fstat(fd, &sb) != 0) {
		*why = xasprintf("sync-password-file %s: %s", path,
		    strerror(errno));
		close(fd);
		return false;
	}
	if ((sb.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
		*why = xasprintf("sync-password-file %s may be read by others "
		    "(mode %03o): chmod 600 it", path,
		    (unsigned)(sb.st_mode & 0777));
		close(fd);
		return false;
	}
	got = read(fd, buf, sizeof(buf));
	close(fd);
	*password = got > 0 ? first_line(buf, (size_t)got) : NULL;
	explicit_bzero(buf, sizeof(buf));
	if (*password == NULL) {
		*why = xasprintf("sync-password-file %s holds no password line "
		    "(or one longer than %d bytes)", path, CONF_MAX_PASSWORD);
		return false;
	}
	return true;
}

bool
conf_sync_password(const struct conf *c, char **password, char **why)
{
	*password = NULL;
	*why = NULL;
	if (c->sync_password_command != NULL)
		return password_from_command(c->sync_password_command,
		    password, why);
	if (c->sync_password_file != NULL)
		return password_from_file(c->sync_password_file, password, why);
	*why = xstrdup("no sync-password-command or sync-password-file");
	return false;
}
