/*
 * text: the leaf module every other module may include.
 *
 * - allocation that never fails (x-wrappers; on exhaustion the program
 *   restores the terminal through a hook and exits with a message);
 * - struct tbuf, a byte buffer that knows its limit and refuses to grow past it;
 * - UTF-8 validation and repair, legacy charset conversion with iconv;
 * - display width (wcwidth), truncation and padding to columns, word wrap;
 * - the sanitiser that stands between hostile bytes and the terminal.
 *
 * Strings are UTF-8 and NUL-terminated unless a length is passed with them.
 * Functions returning char * hand the caller a new string to free().
 */
#ifndef TIDINGS_TEXT_H
#define TIDINGS_TEXT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* The length of a string literal, counted by the compiler, never by hand:
 * strncasecmp(type, "text/html", STRLEN("text/html")). */
#define STRLEN(lit) (sizeof(lit "") - 1)

/* ---- allocation ------------------------------------------------------- */

/* Never return NULL. A zero size, or an nmemb * size that overflows, is a
 * bug and ends the program; so does running out of memory. */
void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
void *xreallocarray(void *p, size_t nmemb, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Overwrite the string s (a password, a token, a body holding one) with
 * zeros, then free() it; NULL does nothing. */
void free_secret(char *s);
/* Like asprintf; never fails. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
/* Like snprintf, but output that does not fit is a fatal bug, not a silent cut. */
int xsnprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Print "tidings: MSG" (plus strerror(errno) for fatal) and exit(1), after
 * calling the restore hook so the terminal is given back first. */
void fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
void fatalx(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
/* ui passes its endwin() wrapper; NULL removes the hook. */
void fatal_set_restore(void (*restore)(void));

/* ---- bounded buffer --------------------------------------------------- */

/* A growing byte buffer with a maximum fixed at init. ptr is always
 * NUL-terminated once anything was added (ptr may be NULL while empty: use
 * tbuf_str()). The buffer owns ptr; tbuf_take() hands it over. */
struct tbuf {
	char *ptr;
	size_t len, cap, max;
	size_t ready;	/* ptr[0..ready) is written or its pages asked for */
};

#define TEXT_MAX_STRING (64u << 20) /* default max for text built from feeds */

void tbuf_init(struct tbuf *b, size_t max);
/* false (and the buffer unchanged) when len + n would pass max. */
bool tbuf_add(struct tbuf *b, const void *p, size_t n) __attribute__((warn_unused_result));
bool tbuf_adds(struct tbuf *b, const char *s) __attribute__((warn_unused_result));
bool tbuf_addc(struct tbuf *b, char c) __attribute__((warn_unused_result));
bool tbuf_printf(struct tbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), warn_unused_result));
/* The contents as a string; "" when empty. Owned by the buffer. */
const char *tbuf_str(const struct tbuf *b);
/* Empty it, keeping the memory for reuse. */
void tbuf_clear(struct tbuf *b);
/* The caller owns the returned string (never NULL); the buffer is empty again. */
char *tbuf_take(struct tbuf *b);
void tbuf_free(struct tbuf *b);

/* ---- arena ------------------------------------------------------------ */

/*
 * Many small blocks freed all at once: gumbo's output, the readable view's
 * tree. A block is a bump of a pointer, a free is nothing, and blocks are
 * aligned to ARENA_ALIGN, not to max_align_t: most are 20 to 40 bytes, and
 * 16-byte rounding cost a fifth of the pages a page's parse touched (each
 * first touch is a page fault). No long double is ever kept in one.
 */
#define ARENA_ALIGN 8
#define ARENA_CHUNK (64u << 10)	/* a chunk's bytes unless the arena says */

struct arena_chunk;
struct arena {
	struct arena_chunk *head;	/* the chunk being filled */
	size_t chunk;			/* bytes per chunk; 0 is ARENA_CHUNK */
};

/* n bytes, uninitialised (arena_zalloc: zeroed), ARENA_ALIGN-aligned, for
 * as long as the arena; never NULL. A block over a quarter of a chunk gets
 * a chunk of its own, so the one being filled goes on being filled. */
void *arena_alloc(struct arena *a, size_t n);
void *arena_zalloc(struct arena *a, size_t n);
char *arena_strndup(struct arena *a, const char *s, size_t n);
/* Every block at once; the arena is empty again and can be reused. */
void arena_free(struct arena *a);

/* ---- UTF-8 ------------------------------------------------------------ */

#define TEXT_REPLACEMENT "\xEF\xBF\xBD" /* U+FFFD */

/* Decode one code point from s[0..n). Returns the bytes consumed (>= 1 when
 * n > 0) and stores the code point in *cp, or 0xFFFD for an invalid, overlong,
 * surrogate or truncated sequence (consuming one byte). Never reads past n. */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);
/* Encode cp (<= 0x10FFFF, not a surrogate; others become U+FFFD) into out[4];
 * returns the length. */
size_t utf8_encode(uint32_t cp, char out[4]);
/* true when s[0..n) is valid UTF-8 (no overlongs, no surrogates). */
bool utf8_valid(const char *s, size_t n);
/* A valid UTF-8 copy of s[0..n): every invalid sequence becomes U+FFFD, NUL
 * bytes are dropped. */
char *utf8_repair(const char *s, size_t n);

/* ---- charsets --------------------------------------------------------- */

enum text_result {
	TEXT_OK,
	TEXT_UNKNOWN_CHARSET,	/* iconv does not know the name */
	TEXT_TOO_LARGE		/* output would pass the given maximum */
};
const char *text_strerror(enum text_result r);

/* Convert s[0..n) from charset to UTF-8. Unconvertible bytes become U+FFFD
 * and conversion goes on; NUL bytes are dropped. "utf-8" (any spelling), NULL
 * or "" repairs instead of converting. Labels are read as browsers do:
 * ASCII and Latin-1 as windows-1252, gb2312/gbk as GB18030, Shift_JIS as
 * windows-31j. A name iconv does not know, or one that is not a plain
 * charset name ("latin1//TRANSLIT"), gives TEXT_UNKNOWN_CHARSET. On TEXT_OK
 * *out is the caller's; otherwise *out is NULL. */
enum text_result text_to_utf8(const char *s, size_t n, const char *charset,
    size_t max, char **out);
/* true when two charset names mean the same (case, '-' and '_' ignored). */
bool text_charset_is(const char *name, const char *canonical);
/* The one way a charset label is read out of text: the value after the
 * first name= in s[0..n) ("charset" in a Content-Type or a <meta>,
 * "encoding" in an XML declaration), quotes and blanks skipped, copied
 * into buf (at most size - 1 bytes of [A-Za-z0-9._:-]). false when name
 * is absent or has no value. */
bool text_find_label(const char *s, size_t n, const char *name, char *buf,
    size_t size);

/* ---- display width ---------------------------------------------------- */

/* Columns one code point takes: 0 for combining marks, ZWJ and other
 * zero-width characters, 2 for East Asian wide and emoji, 1 otherwise;
 * controls count as 0 (they never reach the screen). From built-in
 * Unicode tables, whatever the locale (they agree with glibc's wcwidth). */
int text_cp_width(uint32_t cp);
/* Columns a UTF-8 string takes on a terminal: the sum over its code points,
 * as curses counts (a ZWJ emoji sequence counts each emoji). */
size_t text_width(const char *s);
/* A copy of s cut to at most cols columns, never splitting a character;
 * when cut, the last column is an ellipsis ("…", or "." when ascii is
 * true), and a wide character that would straddle it becomes a space, so a
 * cut result is exactly cols wide. Combining marks stay with their base.
 * With pad, the result is padded with spaces to exactly cols. */
char *text_fit(const char *s, size_t cols, bool pad, bool ascii);

/* ---- wrapping --------------------------------------------------------- */

/* Whether the word s[0..n) is a URL, which wrapping never breaks (a broken
 * link in a mailed digest no longer works): "scheme://...", "www." or
 * "mailto:" at its start, after any opening punctuation. */
bool text_is_url_word(const char *s, size_t n);

/* Lines produced by text_wrap; owns each line and the array. */
struct text_lines {
	char **line;
	size_t n;
};
/* Wrap UTF-8 text to width columns, greedily, into *out (overwritten).
 * Existing newlines are kept (blank lines too; one final newline ends the
 * last line rather than adding an empty one); a word longer than the width
 * is broken between characters, except a URL (text_is_url_word), which
 * goes whole on a line of its own, past the width. The first output line starts with indent,
 * every later one with hang (counted in the width), e.g. "> " for quotes
 * or "   " under a "1. " list marker; hang NULL means indent, indent NULL
 * means "". Blanks at a break and at line ends are dropped, so a blank line
 * under "> " is ">". Every line takes at least one character, however
 * small the width. */
void text_wrap(const char *s, size_t width, const char *indent,
    const char *hang, struct text_lines *out);
void text_lines_free(struct text_lines *l);

/* ---- sanitising ------------------------------------------------------- */

#define TEXT_TAB_WIDTH 8

/* Make untrusted text safe for a terminal: repair UTF-8 (so a raw 0x9B
 * byte is U+FFFD, never a control); remove ESC and the whole sequence it
 * starts (CSI, OSC, DCS, APC, PM, SOS and two-byte escapes; an unterminated
 * string runs to the end of input), the C1 forms of those (U+009B CSI,
 * U+009D OSC...), every other C0/C1 control, NUL, DEL, and the bidi
 * embedding/override/isolate characters (U+202A..U+202E, U+2066..U+2069),
 * the U+200E/F and U+061C marks and U+FEFF are kept out as well. CR LF,
 * a lone CR, U+2028 and U+2029 are newlines. Newlines are kept when
 * keep_newlines is true, otherwise turned into spaces; tabs expand to the
 * next TEXT_TAB_WIDTH stop, counted in display columns. Always returns a
 * string (s may be NULL when n is 0). */
char *text_sanitize(const char *s, size_t n, bool keep_newlines);
/* The same for a one-line label: newlines and runs of whitespace become a
 * single space, leading and trailing whitespace removed. */
char *text_sanitize_line(const char *s);

/* Collapse runs of ASCII whitespace to one space and trim both ends, in
 * place; returns s. */
char *text_squeeze(char *s);

/* ---- dates ------------------------------------------------------------ */

/* t as an RFC 822 / HTTP date in GMT, "Sun, 06 Dec 2026 15:56:59 GMT",
 * in English whatever the locale (strftime's %a and %b are not): the form
 * Last-Modified and OPML's dateCreated use. NULL when t cannot be read. */
char *text_http_date(time_t t);

/* ---- files ------------------------------------------------------------ */

/* mkdir -p dir: every missing folder is made with mode 0700 (the cache and
 * subscriptions are private). false with errno set when one cannot be. */
bool text_make_dirs(const char *dir);
/* The same for the folder path lives in. */
bool text_make_parent_dirs(const char *path);

/*
 * Read the whole file at path into *out, which is tbuf_init'ed here with
 * max; the caller frees it with tbuf_free() in every case. false with
 * errno set when it cannot be opened or read (ENOENT for a missing file),
 * or with errno EFBIG when it holds more than max bytes; *out then keeps
 * what was read (the first max bytes when too large).
 */
bool text_read_file(const char *path, size_t max, struct tbuf *out);
/* The same for what is left to read of an open fd (not closed here). */
bool text_read_fd(int fd, size_t max, struct tbuf *out);

#endif
