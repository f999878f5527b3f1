/*
 * text: allocation that never fails, bounded buffers, UTF-8, charset
 * conversion, display width, truncation, wrapping, and the sanitiser that
 * keeps hostile bytes away from the terminal. The contract is in
 * include/text.h.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "text.h"

/* For buffers that only a bug could fill: the address space runs out first. */
#define UNBOUNDED (SIZE_MAX / 2)
#define TBUF_MIN 64
#define TBUF_POPULATE (64u << 10)	/* buffers this big are populated ahead */

/* ---- fatal errors and allocation ------------------------------------- */

static void (*restore_hook)(void);

static void __attribute__((format(printf, 2, 0), noreturn))
die(int errnum, const char *fmt, va_list ap)
{
	void (*hook)(void) = restore_hook;

	/* A failure inside the hook must not come back here for ever. */
	restore_hook = NULL;
	if (hook != NULL)
		hook();
	fputs("tidings: ", stderr);
	vfprintf(stderr, fmt, ap);
	if (errnum != 0)
		fprintf(stderr, ": %s", strerror(errnum));
	fputc('\n', stderr);
	exit(1);
}

void
fatal(const char *fmt, ...)
{
	int errnum = errno;
	va_list ap;

	va_start(ap, fmt);
	die(errnum, fmt, ap);
}

void
fatalx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	die(0, fmt, ap);
}

void
fatal_set_restore(void (*restore)(void))
{
	restore_hook = restore;
}

void *
xmalloc(size_t n)
{
	void *p;

	if (n == 0)
		fatalx("xmalloc: zero size");
	if ((p = malloc(n)) == NULL)
		fatal("xmalloc: allocating %zu bytes", n);
	return p;
}

void *
xcalloc(size_t nmemb, size_t size)
{
	void *p;

	if (nmemb == 0 || size == 0)
		fatalx("xcalloc: zero size");
	if (nmemb > SIZE_MAX / size)
		fatalx("xcalloc: %zu * %zu bytes overflows", nmemb, size);
	if ((p = calloc(nmemb, size)) == NULL)
		fatal("xcalloc: allocating %zu * %zu bytes", nmemb, size);
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	void *np;

	if (n == 0)
		fatalx("xrealloc: zero size");
	if ((np = realloc(p, n)) == NULL)
		fatal("xrealloc: allocating %zu bytes", n);
	return np;
}

void *
xreallocarray(void *p, size_t nmemb, size_t size)
{
	if (nmemb == 0 || size == 0)
		fatalx("xreallocarray: zero size");
	if (nmemb > SIZE_MAX / size)
		fatalx("xreallocarray: %zu * %zu bytes overflows", nmemb, size);
	return xrealloc(p, nmemb * size);
}

char *
xstrdup(const char *s)
{
	if (s == NULL)
		fatalx("xstrdup: NULL string");
	return xstrndup(s, strlen(s));
}

void
free_secret(char *s)
{
	if (s != NULL)
		explicit_bzero(s, strlen(s));
	free(s);
}

char *
xstrndup(const char *s, size_t n)
{
	const char *end;
	char *p;

	if (s == NULL)
		fatalx("xstrndup: NULL string");
	if ((end = memchr(s, '\0', n)) != NULL)
		n = (size_t)(end - s);
	if (n == SIZE_MAX)
		fatalx("xstrndup: string too long");
	p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	va_list copy;
	char *s;
	int r;

	va_copy(copy, ap);
	r = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (r < 0)
		fatal("xvasprintf");
	s = xmalloc((size_t)r + 1);
	vsnprintf(s, (size_t)r + 1, fmt, ap);
	return s;
}

int
xsnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int r;

	if (size == 0)
		fatalx("xsnprintf: zero size");
	va_start(ap, fmt);
	r = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	if (r < 0)
		fatal("xsnprintf");
	if ((size_t)r >= size)
		fatalx("xsnprintf: %d bytes do not fit in %zu", r, size);
	return r;
}

/* ---- bounded buffer --------------------------------------------------- */

void
tbuf_init(struct tbuf *b, size_t max)
{
	b->ptr = NULL;
	b->len = 0;
	b->cap = 0;
	b->max = max;
	b->ready = 0;
}

/*
 * Fresh memory that is about to be written, asked for in one go
 * (MADV_POPULATE_WRITE, Linux 5.14): the first touch of each fresh page is
 * otherwise a fault of its own, about 10 us on a virtual machine, and one
 * request for 16 pages costs half of their 16 faults. Only the whole pages
 * inside p[0..n) are asked for. A kernel that does not know the advice
 * refuses it once and is not asked again.
 */
static void
populate(void *p, size_t n)
{
#ifdef MADV_POPULATE_WRITE
	static bool refused;	/* the kernel's answer holds for the process */
	long size = sysconf(_SC_PAGESIZE);
	uintptr_t page = size > 0 ? (uintptr_t)size : 0, from, to;

	if (refused || page == 0 || (page & (page - 1)) != 0 || n < page)
		return;
	from = ((uintptr_t)p + page - 1) & ~(page - 1);
	to = ((uintptr_t)p + n) & ~(page - 1);
	if (to > from && madvise((void *)from, to - from, MADV_POPULATE_WRITE) != 0 &&
	    errno == EINVAL)
		refused = true;
#else
	(void)p, (void)n;
#endif
}

/* What is written in order (a big tbuf, an arena chunk) has its pages
 * asked for POPULATE_AHEAD bytes ahead of the writes, not all at once: a
 * buffer may stay half empty, and what is asked for is resident. base has
 * size bytes, base[0..*ready) is asked for already, need bytes are about
 * to be written. */
#define POPULATE_AHEAD (64u << 10)

static void
populate_ahead(char *base, size_t *ready, size_t need, size_t size)
{
	size_t upto;

	if (need <= *ready)
		return;
	upto = size > POPULATE_AHEAD && need < size - POPULATE_AHEAD ?
	    need + POPULATE_AHEAD : size;
	populate(base + *ready, upto - *ready);
	*ready = upto;
}

/* Whether n more bytes (and the NUL after them) stay within the maximum. */
static bool
buf_fits(const struct tbuf *b, size_t n)
{
	return n <= b->max - b->len && b->len + n < SIZE_MAX;
}

static void
buf_grow(struct tbuf *b, size_t need)
{
	size_t cap, limit;

	limit = b->max < SIZE_MAX ? b->max + 1 : SIZE_MAX;
	cap = b->cap != 0 ? b->cap : TBUF_MIN;
	while (cap < need && cap <= SIZE_MAX / 2)
		cap *= 2;
	if (cap < need)
		cap = need;
	if (cap > limit)
		cap = limit;
	b->ptr = xrealloc(b->ptr, cap);
	b->cap = cap;
	b->ready = b->len;
}

/* Make room for need bytes, the NUL included; need has passed buf_fits. */
static void
buf_reserve(struct tbuf *b, size_t need)
{
	if (need > b->cap)
		buf_grow(b, need);
	if (b->cap >= TBUF_POPULATE)	/* a big buffer is filled in order */
		populate_ahead(b->ptr, &b->ready, need, b->cap);
}

bool
tbuf_add(struct tbuf *b, const void *p, size_t n)
{
	if (!buf_fits(b, n))
		return false;
	buf_reserve(b, b->len + n + 1);
	if (n != 0)
		memcpy(b->ptr + b->len, p, n);
	b->len += n;
	b->ptr[b->len] = '\0';
	return true;
}

bool
tbuf_adds(struct tbuf *b, const char *s)
{
	return tbuf_add(b, s, strlen(s));
}

bool
tbuf_addc(struct tbuf *b, char c)
{
	return tbuf_add(b, &c, 1);
}

bool
tbuf_printf(struct tbuf *b, const char *fmt, ...)
{
	va_list ap;
	size_t n;
	int r;

	va_start(ap, fmt);
	r = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (r < 0 || !buf_fits(b, (size_t)r))
		return false;
	n = (size_t)r;
	buf_reserve(b, b->len + n + 1);
	va_start(ap, fmt);
	vsnprintf(b->ptr + b->len, n + 1, fmt, ap);
	va_end(ap);
	b->len += n;
	return true;
}

const char *
tbuf_str(const struct tbuf *b)
{
	return b->ptr != NULL ? b->ptr : "";
}

void
tbuf_clear(struct tbuf *b)
{
	b->len = 0;
	if (b->ptr != NULL)
		b->ptr[0] = '\0';
}

char *
tbuf_take(struct tbuf *b)
{
	char *p = b->ptr;

	if (p == NULL)
		p = xstrdup("");
	b->ptr = NULL;
	b->len = 0;
	b->cap = 0;
	b->ready = 0;
	return p;
}

void
tbuf_free(struct tbuf *b)
{
	if (b == NULL)
		return;
	free(b->ptr);
	b->ptr = NULL;
	b->len = 0;
	b->cap = 0;
	b->ready = 0;
}

/* ---- dates ------------------------------------------------------------ */

char *
text_http_date(time_t t)
{
	static const char days[7][4] = {
		"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"
	};
	static const char months[12][4] = {
		"Jan", "Feb", "Mar", "Apr", "May", "Jun",
		"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
	};
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL)
		return NULL;
	return xasprintf("%s, %02d %s %04d %02d:%02d:%02d GMT", days[tm.tm_wday],
	    tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour,
	    tm.tm_min, tm.tm_sec);
}

/* ---- arena ------------------------------------------------------------ */

struct arena_chunk {
	struct arena_chunk *next;
	size_t used, size;
	size_t ready;	/* data[0..ready) was populated (or its pages asked for) */
	/* the blocks; the header is a multiple of ARENA_ALIGN, so they are too */
	char data[];
};

_Static_assert(sizeof(struct arena_chunk) % ARENA_ALIGN == 0 &&
    _Alignof(void *) <= ARENA_ALIGN && _Alignof(double) <= ARENA_ALIGN &&
    _Alignof(uint64_t) <= ARENA_ALIGN, "arena blocks are aligned for what they hold");

void *
arena_alloc(struct arena *a, size_t n)
{
	struct arena_chunk *c = a->head;
	size_t per = a->chunk != 0 ? a->chunk : ARENA_CHUNK;
	size_t need = n == 0 ? ARENA_ALIGN : (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	void *p;

	if (n > SIZE_MAX / 2)
		fatalx("arena: a block of %zu bytes", n);
	if (c == NULL || c->size - c->used < need) {
		size_t size = need > per / 4 ? need : per;
		struct arena_chunk *fresh = xmalloc(sizeof(*fresh) + size);

		fresh->used = 0;
		fresh->size = size;
		fresh->ready = 0;
		if (size == need && c != NULL) {	/* big: keep filling c */
			fresh->next = c->next;
			c->next = fresh;
		} else {
			fresh->next = c;
			a->head = fresh;
		}
		c = fresh;
	}
	p = c->data + c->used;
	c->used += need;
	populate_ahead(c->data, &c->ready, c->used, c->size);
	return p;
}

void *
arena_zalloc(struct arena *a, size_t n)
{
	return memset(arena_alloc(a, n), 0, n);
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void
arena_free(struct arena *a)
{
	struct arena_chunk *c, *next;

	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	a->head = NULL;
}

/* For buffers made with UNBOUNDED, where running out is a bug. */
static void
put(struct tbuf *b, const void *p, size_t n)
{
	if (!tbuf_add(b, p, n))
		fatalx("text: buffer of %zu bytes overflows", b->len);
}

static void
put_spaces(struct tbuf *b, size_t n)
{
	while (n-- > 0)
		put(b, " ", 1);
}

/* ---- UTF-8 ------------------------------------------------------------ */

size_t
utf8_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t c, min;
	size_t len, i;

	*cp = 0xFFFD;
	if (n == 0)
		return 0;
	c = u[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		c &= 0x1F;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		c &= 0x0F;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		c &= 0x07;
		min = 0x10000;
	} else
		return 1;
	if (n < len)
		return 1;
	for (i = 1; i < len; i++) {
		if ((u[i] & 0xC0) != 0x80)
			return 1;
		c = c << 6 | (u[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 1;
	*cp = c;
	return len;
}

/* utf8_decode that also tells a broken sequence from an encoded U+FFFD. */
static size_t
decode(const char *s, size_t n, uint32_t *cp, bool *bad)
{
	size_t len = utf8_decode(s, n, cp);

	*bad = *cp == 0xFFFD && len == 1;
	return len;
}

size_t
utf8_encode(uint32_t cp, char out[4])
{
	unsigned char *u = (unsigned char *)out;

	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	if (cp < 0x80) {
		u[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		u[0] = (unsigned char)(0xC0 | cp >> 6);
		u[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		u[0] = (unsigned char)(0xE0 | cp >> 12);
		u[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
		u[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	u[0] = (unsigned char)(0xF0 | cp >> 18);
	u[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
	u[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
	u[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Whether any of the 8 bytes at s has its high bit set (not ASCII). */
static bool
ascii_word_high(const char *s)
{
	uint64_t w;

	memcpy(&w, s, sizeof(w));
	return (w & 0x8080808080808080ULL) != 0;
}

bool
utf8_valid(const char *s, size_t n)
{
	size_t i, len;
	uint32_t cp;
	bool bad;

	for (i = 0; i < n; i += len) {
		/* ASCII, most of any page, a word at a time */
		while (i + sizeof(uint64_t) <= n && !ascii_word_high(s + i))
			i += sizeof(uint64_t);
		if (i == n)
			break;
		len = decode(s + i, n - i, &cp, &bad);
		if (bad)
			return false;
	}
	return true;
}

/* Append the repaired s[0..n) to b, copying valid runs whole. */
static bool
repair_into(struct tbuf *b, const char *s, size_t n)
{
	size_t i = 0, run = 0, len;
	uint32_t cp;
	bool bad;

	while (i < n) {
		len = decode(s + i, n - i, &cp, &bad);
		if (!bad && cp != 0) {
			i += len;
			continue;
		}
		if (!tbuf_add(b, s + run, i - run))
			return false;
		if (bad && !tbuf_add(b, TEXT_REPLACEMENT, sizeof(TEXT_REPLACEMENT) - 1))
			return false;
		i += len;
		run = i;
	}
	return tbuf_add(b, s + run, n - run);
}

char *
utf8_repair(const char *s, size_t n)
{
	struct tbuf b;

	tbuf_init(&b, UNBOUNDED);
	if (!repair_into(&b, s, n))
		fatalx("utf8_repair: %zu bytes overflow", n);
	return tbuf_take(&b);
}

/* ---- charsets --------------------------------------------------------- */

#define CHARSET_NAME_MAX 64

const char *
text_strerror(enum text_result r)
{
	switch (r) {
	case TEXT_OK:
		return "no error";
	case TEXT_UNKNOWN_CHARSET:
		return "unknown character set";
	case TEXT_TOO_LARGE:
		return "text too large";
	}
	return "unknown error";
}

/* Labels found in feeds, and what to ask iconv for. As browsers do
 * (WHATWG Encoding), ASCII and Latin-1 labels mean windows-1252, and the
 * Chinese, Japanese and Korean labels mean their supersets. */
static const struct {
	const char *label;
	const char *iconv;
} charset_aliases[] = {
	{ "utf-8", "UTF-8" },
	{ "utf8", "UTF-8" },
	{ "unicode-1-1-utf-8", "UTF-8" },
	{ "x-unicode20utf8", "UTF-8" },
	{ "us-ascii", "WINDOWS-1252" },
	{ "ascii", "WINDOWS-1252" },
	{ "ansi_x3.4-1968", "WINDOWS-1252" },
	{ "iso646-us", "WINDOWS-1252" },
	{ "iso-8859-1", "WINDOWS-1252" },
	{ "iso8859-1", "WINDOWS-1252" },
	{ "latin1", "WINDOWS-1252" },
	{ "l1", "WINDOWS-1252" },
	{ "cp819", "WINDOWS-1252" },
	{ "ibm819", "WINDOWS-1252" },
	{ "iso-ir-100", "WINDOWS-1252" },
	{ "cp1252", "WINDOWS-1252" },
	{ "x-cp1252", "WINDOWS-1252" },
	{ "iso_8859-1", "WINDOWS-1252" },
	{ "iso-8859-9", "WINDOWS-1254" },
	{ "iso8859-9", "WINDOWS-1254" },
	{ "latin5", "WINDOWS-1254" },
	{ "l5", "WINDOWS-1254" },
	{ "shift_jis", "CP932" },
	{ "shift-jis", "CP932" },
	{ "sjis", "CP932" },
	{ "x-sjis", "CP932" },
	{ "ms_kanji", "CP932" },
	{ "csshiftjis", "CP932" },
	{ "windows-31j", "CP932" },
	{ "x-euc-jp", "EUC-JP" },
	{ "gb2312", "GB18030" },
	{ "gbk", "GB18030" },
	{ "x-gbk", "GB18030" },
	{ "cp936", "GB18030" },
	{ "euc-cn", "GB18030" },
	{ "csgb2312", "GB18030" },
	{ "chinese", "GB18030" },
	{ "iso-ir-58", "GB18030" },
	{ "big5", "BIG5-HKSCS" },
	{ "x-x-big5", "BIG5-HKSCS" },
	{ "cn-big5", "BIG5-HKSCS" },
	{ "csbig5", "BIG5-HKSCS" },
	{ "euc-kr", "CP949" },
	{ "ks_c_5601-1987", "CP949" },
	{ "korean", "CP949" },
	{ "windows-949", "CP949" },
	{ "tis-620", "CP874" },
	{ "iso-8859-11", "CP874" },
	{ "windows-874", "CP874" },
	{ "macintosh", "MACINTOSH" },
	{ "mac", "MACINTOSH" },
	{ "x-mac-roman", "MACINTOSH" },
	{ "x-mac-cyrillic", "MAC-CYRILLIC" },
	{ "x-user-defined", "WINDOWS-1252" },
};

/* name without case, '-' and '_', e.g. "ISO_8859-1" -> "iso88591" */
static void
charset_key(const char *name, char *key, size_t size)
{
	size_t n = 0;

	for (; *name != '\0' && n + 1 < size; name++) {
		if (*name == '-' || *name == '_')
			continue;
		key[n++] = (*name >= 'A' && *name <= 'Z') ? (char)(*name + 32) : *name;
	}
	key[n] = '\0';
}

bool
text_charset_is(const char *name, const char *canonical)
{
	char a[CHARSET_NAME_MAX], b[CHARSET_NAME_MAX];

	if (name == NULL || canonical == NULL)
		return false;
	if (strlen(name) >= sizeof(a) || strlen(canonical) >= sizeof(b))
		return false;
	charset_key(name, a, sizeof(a));
	charset_key(canonical, b, sizeof(b));
	return strcmp(a, b) == 0;
}

/* Copy a label from a feed or header into name, without blanks and quotes.
 * Anything that is not a plain charset name (iconv would read "//" as
 * options, for one) is refused. */
static bool
charset_clean(const char *label, char *name, size_t size)
{
	const char *end;
	size_t n, i;

	while (*label == ' ' || *label == '\t' || *label == '"' || *label == '\'')
		label++;
	end = label + strlen(label);
	while (end > label && (end[-1] == ' ' || end[-1] == '\t' ||
	    end[-1] == '"' || end[-1] == '\''))
		end--;
	n = (size_t)(end - label);
	if (n == 0 || n >= size)
		return false;
	for (i = 0; i < n; i++) {
		char c = label[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("-_.:+()", c) != NULL))
			return false;
		name[i] = c;
	}
	name[n] = '\0';
	return true;
}

static const char *
charset_alias(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(charset_aliases) / sizeof(charset_aliases[0]); i++) {
		if (text_charset_is(name, charset_aliases[i].label))
			return charset_aliases[i].iconv;
	}
	return name;
}

bool
text_find_label(const char *s, size_t n, const char *name, char *buf,
    size_t size)
{
	size_t len = strlen(name), i, j, k;

	for (i = 0; i + len < n; i++) {
		if (strncasecmp(s + i, name, len) != 0)
			continue;
		k = i + len;
		while (k < n && (s[k] == ' ' || s[k] == '\t' || s[k] == '\r' ||
		    s[k] == '\n'))
			k++;
		if (k >= n || s[k] != '=')
			continue;	/* "charsets", "encoding" in a text */
		k++;
		while (k < n && (s[k] == ' ' || s[k] == '\t' || s[k] == '\r' ||
		    s[k] == '\n'))
			k++;
		if (k < n && (s[k] == '"' || s[k] == '\''))
			k++;
		for (i = k, j = 0; i < n && j + 1 < size; i++, j++) {
			char c = s[i];

			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			    (c >= '0' && c <= '9') || c == '-' || c == '_' ||
			    c == '.' || c == ':'))
				break;
			buf[j] = c;
		}
		buf[j] = '\0';
		return j > 0;
	}
	return false;
}

/* Bytes to skip past an invalid input unit: 2 or 4 for UTF-16/32. */
static size_t
charset_unit(const char *name)
{
	static const struct {
		const char *prefix;
		size_t unit;
	} units[] = {
		{ "utf16", 2 }, { "ucs2", 2 }, { "unicode", 2 },
		{ "utf32", 4 }, { "ucs4", 4 },
	};
	char key[CHARSET_NAME_MAX];
	size_t i;

	charset_key(name, key, sizeof(key));
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (strncmp(key, units[i].prefix, strlen(units[i].prefix)) == 0)
			return units[i].unit;
	}
	return 1;
}

/* Append p[0..n) to b without its NUL bytes. */
static bool
add_without_nul(struct tbuf *b, const char *p, size_t n)
{
	const char *nul;

	while ((nul = memchr(p, '\0', n)) != NULL) {
		if (!tbuf_add(b, p, (size_t)(nul - p)))
			return false;
		n -= (size_t)(nul - p) + 1;
		p = nul + 1;
	}
	return tbuf_add(b, p, n);
}

static bool
convert(iconv_t cd, const char *s, size_t n, size_t unit, struct tbuf *b)
{
	char out[4096], *in = (char *)s, *op;
	size_t inleft = n, outleft, r, skip;
	int e;

	for (;;) {
		op = out;
		outleft = sizeof(out);
		if (inleft > 0)
			r = iconv(cd, &in, &inleft, &op, &outleft);
		else
			r = iconv(cd, NULL, NULL, &op, &outleft);
		e = errno;
		if (!add_without_nul(b, out, (size_t)(op - out)))
			return false;
		if (r != (size_t)-1 && inleft == 0)
			return true;
		if (r != (size_t)-1 || e == E2BIG)
			continue;
		/* EILSEQ or EINVAL: the unit becomes U+FFFD and we go on. */
		if (inleft == 0)
			return true;
		if (!tbuf_add(b, TEXT_REPLACEMENT, sizeof(TEXT_REPLACEMENT) - 1))
			return false;
		skip = unit < inleft ? unit : inleft;
		in += skip;
		inleft -= skip;
	}
}

/* iconv for name: its alias first, then the name as given, then with '_'
 * spelt '-' (glibc knows "KOI8-R" but not "koi8_r"). */
static iconv_t
charset_open(const char *name, size_t *unit)
{
	char dashed[CHARSET_NAME_MAX], *p;
	const char *tries[3];
	iconv_t cd;
	size_t i;

	xsnprintf(dashed, sizeof(dashed), "%s", name);
	for (p = dashed; *p != '\0'; p++) {
		if (*p == '_')
			*p = '-';
	}
	tries[0] = charset_alias(name);
	tries[1] = name;
	tries[2] = dashed;
	for (i = 0; i < sizeof(tries) / sizeof(tries[0]); i++) {
		if ((cd = iconv_open("UTF-8", tries[i])) != (iconv_t)-1) {
			*unit = charset_unit(tries[i]);
			return cd;
		}
	}
	return (iconv_t)-1;
}

enum text_result
text_to_utf8(const char *s, size_t n, const char *charset, size_t max,
    char **out)
{
	char name[CHARSET_NAME_MAX];
	struct tbuf b;
	size_t unit;
	iconv_t cd;
	bool ok;

	*out = NULL;
	if (charset == NULL || *charset == '\0')
		charset = "utf-8";
	if (!charset_clean(charset, name, sizeof(name)))
		return TEXT_UNKNOWN_CHARSET;
	tbuf_init(&b, max);
	if (strcmp(charset_alias(name), "UTF-8") == 0)
		ok = repair_into(&b, s, n);
	else {
		if ((cd = charset_open(name, &unit)) == (iconv_t)-1)
			return TEXT_UNKNOWN_CHARSET;
		ok = convert(cd, s, n, unit, &b);
		iconv_close(cd);
	}
	if (!ok) {
		tbuf_free(&b);
		return TEXT_TOO_LARGE;
	}
	*out = tbuf_take(&b);
	return TEXT_OK;
}

/* ---- display width ---------------------------------------------------- */

struct cp_range {
	uint32_t first, last;
};

/*
 * Generated from the Unicode 14.0 character database (the version of
 * glibc 2.36, whose wcwidth() these tables agree with for every code
 * point, so that text laid out here lines up with what curses draws).
 * zero_width: general categories Mn, Me and Cf, but not U+00AD and the
 * prepended concatenation marks, which terminals show; and the conjoining
 * Hangul vowels and finals. wide: East_Asian_Width W and F, U+3248..324F,
 * the Yijing hexagrams, and the unassigned parts of the CJK and emoji
 * blocks. Unassigned code points between two ranges were folded in to keep
 * the tables short.
 */
static const struct cp_range zero_width[] = {
	{ 0x0300, 0x036F }, { 0x0483, 0x0489 }, { 0x0591, 0x05BD }, { 0x05BF, 0x05BF },
	{ 0x05C1, 0x05C2 }, { 0x05C4, 0x05C5 }, { 0x05C7, 0x05C7 }, { 0x0610, 0x061A },
	{ 0x061C, 0x061C }, { 0x064B, 0x065F }, { 0x0670, 0x0670 }, { 0x06D6, 0x06DC },
	{ 0x06DF, 0x06E4 }, { 0x06E7, 0x06E8 }, { 0x06EA, 0x06ED }, { 0x0711, 0x0711 },
	{ 0x0730, 0x074A }, { 0x07A6, 0x07B0 }, { 0x07EB, 0x07F3 }, { 0x07FD, 0x07FD },
	{ 0x0816, 0x0819 }, { 0x081B, 0x0823 }, { 0x0825, 0x0827 }, { 0x0829, 0x082D },
	{ 0x0859, 0x085B }, { 0x0898, 0x089F }, { 0x08CA, 0x08E1 }, { 0x08E3, 0x0902 },
	{ 0x093A, 0x093A }, { 0x093C, 0x093C }, { 0x0941, 0x0948 }, { 0x094D, 0x094D },
	{ 0x0951, 0x0957 }, { 0x0962, 0x0963 }, { 0x0981, 0x0981 }, { 0x09BC, 0x09BC },
	{ 0x09C1, 0x09C4 }, { 0x09CD, 0x09CD }, { 0x09E2, 0x09E3 }, { 0x09FE, 0x0A02 },
	{ 0x0A3C, 0x0A3C }, { 0x0A41, 0x0A51 }, { 0x0A70, 0x0A71 }, { 0x0A75, 0x0A75 },
	{ 0x0A81, 0x0A82 }, { 0x0ABC, 0x0ABC }, { 0x0AC1, 0x0AC8 }, { 0x0ACD, 0x0ACD },
	{ 0x0AE2, 0x0AE3 }, { 0x0AFA, 0x0B01 }, { 0x0B3C, 0x0B3C }, { 0x0B3F, 0x0B3F },
	{ 0x0B41, 0x0B44 }, { 0x0B4D, 0x0B56 }, { 0x0B62, 0x0B63 }, { 0x0B82, 0x0B82 },
	{ 0x0BC0, 0x0BC0 }, { 0x0BCD, 0x0BCD }, { 0x0C00, 0x0C00 }, { 0x0C04, 0x0C04 },
	{ 0x0C3C, 0x0C3C }, { 0x0C3E, 0x0C40 }, { 0x0C46, 0x0C56 }, { 0x0C62, 0x0C63 },
	{ 0x0C81, 0x0C81 }, { 0x0CBC, 0x0CBC }, { 0x0CBF, 0x0CBF }, { 0x0CC6, 0x0CC6 },
	{ 0x0CCC, 0x0CCD }, { 0x0CE2, 0x0CE3 }, { 0x0D00, 0x0D01 }, { 0x0D3B, 0x0D3C },
	{ 0x0D41, 0x0D44 }, { 0x0D4D, 0x0D4D }, { 0x0D62, 0x0D63 }, { 0x0D81, 0x0D81 },
	{ 0x0DCA, 0x0DCA }, { 0x0DD2, 0x0DD6 }, { 0x0E31, 0x0E31 }, { 0x0E34, 0x0E3A },
	{ 0x0E47, 0x0E4E }, { 0x0EB1, 0x0EB1 }, { 0x0EB4, 0x0EBC }, { 0x0EC8, 0x0ECD },
	{ 0x0F18, 0x0F19 }, { 0x0F35, 0x0F35 }, { 0x0F37, 0x0F37 }, { 0x0F39, 0x0F39 },
	{ 0x0F71, 0x0F7E }, { 0x0F80, 0x0F84 }, { 0x0F86, 0x0F87 }, { 0x0F8D, 0x0FBC },
	{ 0x0FC6, 0x0FC6 }, { 0x102D, 0x1030 }, { 0x1032, 0x1037 }, { 0x1039, 0x103A },
	{ 0x103D, 0x103E }, { 0x1058, 0x1059 }, { 0x105E, 0x1060 }, { 0x1071, 0x1074 },
	{ 0x1082, 0x1082 }, { 0x1085, 0x1086 }, { 0x108D, 0x108D }, { 0x109D, 0x109D },
	{ 0x1160, 0x11FF }, { 0x135D, 0x135F }, { 0x1712, 0x1714 }, { 0x1732, 0x1733 },
	{ 0x1752, 0x1753 }, { 0x1772, 0x1773 }, { 0x17B4, 0x17B5 }, { 0x17B7, 0x17BD },
	{ 0x17C6, 0x17C6 }, { 0x17C9, 0x17D3 }, { 0x17DD, 0x17DD }, { 0x180B, 0x180F },
	{ 0x1885, 0x1886 }, { 0x18A9, 0x18A9 }, { 0x1920, 0x1922 }, { 0x1927, 0x1928 },
	{ 0x1932, 0x1932 }, { 0x1939, 0x193B }, { 0x1A17, 0x1A18 }, { 0x1A1B, 0x1A1B },
	{ 0x1A56, 0x1A56 }, { 0x1A58, 0x1A60 }, { 0x1A62, 0x1A62 }, { 0x1A65, 0x1A6C },
	{ 0x1A73, 0x1A7F }, { 0x1AB0, 0x1B03 }, { 0x1B34, 0x1B34 }, { 0x1B36, 0x1B3A },
	{ 0x1B3C, 0x1B3C }, { 0x1B42, 0x1B42 }, { 0x1B6B, 0x1B73 }, { 0x1B80, 0x1B81 },
	{ 0x1BA2, 0x1BA5 }, { 0x1BA8, 0x1BA9 }, { 0x1BAB, 0x1BAD }, { 0x1BE6, 0x1BE6 },
	{ 0x1BE8, 0x1BE9 }, { 0x1BED, 0x1BED }, { 0x1BEF, 0x1BF1 }, { 0x1C2C, 0x1C33 },
	{ 0x1C36, 0x1C37 }, { 0x1CD0, 0x1CD2 }, { 0x1CD4, 0x1CE0 }, { 0x1CE2, 0x1CE8 },
	{ 0x1CED, 0x1CED }, { 0x1CF4, 0x1CF4 }, { 0x1CF8, 0x1CF9 }, { 0x1DC0, 0x1DFF },
	{ 0x200B, 0x200F }, { 0x202A, 0x202E }, { 0x2060, 0x206F }, { 0x20D0, 0x20F0 },
	{ 0x2CEF, 0x2CF1 }, { 0x2D7F, 0x2D7F }, { 0x2DE0, 0x2DFF }, { 0x302A, 0x302D },
	{ 0x3099, 0x309A }, { 0xA66F, 0xA672 }, { 0xA674, 0xA67D }, { 0xA69E, 0xA69F },
	{ 0xA6F0, 0xA6F1 }, { 0xA802, 0xA802 }, { 0xA806, 0xA806 }, { 0xA80B, 0xA80B },
	{ 0xA825, 0xA826 }, { 0xA82C, 0xA82C }, { 0xA8C4, 0xA8C5 }, { 0xA8E0, 0xA8F1 },
	{ 0xA8FF, 0xA8FF }, { 0xA926, 0xA92D }, { 0xA947, 0xA951 }, { 0xA980, 0xA982 },
	{ 0xA9B3, 0xA9B3 }, { 0xA9B6, 0xA9B9 }, { 0xA9BC, 0xA9BD }, { 0xA9E5, 0xA9E5 },
	{ 0xAA29, 0xAA2E }, { 0xAA31, 0xAA32 }, { 0xAA35, 0xAA36 }, { 0xAA43, 0xAA43 },
	{ 0xAA4C, 0xAA4C }, { 0xAA7C, 0xAA7C }, { 0xAAB0, 0xAAB0 }, { 0xAAB2, 0xAAB4 },
	{ 0xAAB7, 0xAAB8 }, { 0xAABE, 0xAABF }, { 0xAAC1, 0xAAC1 }, { 0xAAEC, 0xAAED },
	{ 0xAAF6, 0xAAF6 }, { 0xABE5, 0xABE5 }, { 0xABE8, 0xABE8 }, { 0xABED, 0xABED },
	{ 0xD7B0, 0xD7FF }, { 0xFB1E, 0xFB1E }, { 0xFE00, 0xFE0F }, { 0xFE20, 0xFE2F },
	{ 0xFEFF, 0xFEFF }, { 0xFFF9, 0xFFFB }, { 0x101FD, 0x101FD }, { 0x102E0, 0x102E0 },
	{ 0x10376, 0x1037A }, { 0x10A01, 0x10A0F }, { 0x10A38, 0x10A3F }, { 0x10AE5, 0x10AE6 },
	{ 0x10D24, 0x10D27 }, { 0x10EAB, 0x10EAC }, { 0x10F46, 0x10F50 }, { 0x10F82, 0x10F85 },
	{ 0x11001, 0x11001 }, { 0x11038, 0x11046 }, { 0x11070, 0x11070 }, { 0x11073, 0x11074 },
	{ 0x1107F, 0x11081 }, { 0x110B3, 0x110B6 }, { 0x110B9, 0x110BA }, { 0x110C2, 0x110C2 },
	{ 0x11100, 0x11102 }, { 0x11127, 0x1112B }, { 0x1112D, 0x11134 }, { 0x11173, 0x11173 },
	{ 0x11180, 0x11181 }, { 0x111B6, 0x111BE }, { 0x111C9, 0x111CC }, { 0x111CF, 0x111CF },
	{ 0x1122F, 0x11231 }, { 0x11234, 0x11234 }, { 0x11236, 0x11237 }, { 0x1123E, 0x1123E },
	{ 0x112DF, 0x112DF }, { 0x112E3, 0x112EA }, { 0x11300, 0x11301 }, { 0x1133B, 0x1133C },
	{ 0x11340, 0x11340 }, { 0x11366, 0x11374 }, { 0x11438, 0x1143F }, { 0x11442, 0x11444 },
	{ 0x11446, 0x11446 }, { 0x1145E, 0x1145E }, { 0x114B3, 0x114B8 }, { 0x114BA, 0x114BA },
	{ 0x114BF, 0x114C0 }, { 0x114C2, 0x114C3 }, { 0x115B2, 0x115B5 }, { 0x115BC, 0x115BD },
	{ 0x115BF, 0x115C0 }, { 0x115DC, 0x115DD }, { 0x11633, 0x1163A }, { 0x1163D, 0x1163D },
	{ 0x1163F, 0x11640 }, { 0x116AB, 0x116AB }, { 0x116AD, 0x116AD }, { 0x116B0, 0x116B5 },
	{ 0x116B7, 0x116B7 }, { 0x1171D, 0x1171F }, { 0x11722, 0x11725 }, { 0x11727, 0x1172B },
	{ 0x1182F, 0x11837 }, { 0x11839, 0x1183A }, { 0x1193B, 0x1193C }, { 0x1193E, 0x1193E },
	{ 0x11943, 0x11943 }, { 0x119D4, 0x119DB }, { 0x119E0, 0x119E0 }, { 0x11A01, 0x11A0A },
	{ 0x11A33, 0x11A38 }, { 0x11A3B, 0x11A3E }, { 0x11A47, 0x11A47 }, { 0x11A51, 0x11A56 },
	{ 0x11A59, 0x11A5B }, { 0x11A8A, 0x11A96 }, { 0x11A98, 0x11A99 }, { 0x11C30, 0x11C3D },
	{ 0x11C3F, 0x11C3F }, { 0x11C92, 0x11CA7 }, { 0x11CAA, 0x11CB0 }, { 0x11CB2, 0x11CB3 },
	{ 0x11CB5, 0x11CB6 }, { 0x11D31, 0x11D45 }, { 0x11D47, 0x11D47 }, { 0x11D90, 0x11D91 },
	{ 0x11D95, 0x11D95 }, { 0x11D97, 0x11D97 }, { 0x11EF3, 0x11EF4 }, { 0x13430, 0x13438 },
	{ 0x16AF0, 0x16AF4 }, { 0x16B30, 0x16B36 }, { 0x16F4F, 0x16F4F }, { 0x16F8F, 0x16F92 },
	{ 0x16FE4, 0x16FE4 }, { 0x1BC9D, 0x1BC9E }, { 0x1BCA0, 0x1BCA3 }, { 0x1CF00, 0x1CF46 },
	{ 0x1D167, 0x1D169 }, { 0x1D173, 0x1D182 }, { 0x1D185, 0x1D18B }, { 0x1D1AA, 0x1D1AD },
	{ 0x1D242, 0x1D244 }, { 0x1DA00, 0x1DA36 }, { 0x1DA3B, 0x1DA6C }, { 0x1DA75, 0x1DA75 },
	{ 0x1DA84, 0x1DA84 }, { 0x1DA9B, 0x1DAAF }, { 0x1E000, 0x1E02A }, { 0x1E130, 0x1E136 },
	{ 0x1E2AE, 0x1E2AE }, { 0x1E2EC, 0x1E2EF }, { 0x1E8D0, 0x1E8D6 }, { 0x1E944, 0x1E94A },
	{ 0xE0001, 0xE01EF },
};

static const struct cp_range wide[] = {
	{ 0x1100, 0x115F }, { 0x231A, 0x231B }, { 0x2329, 0x232A }, { 0x23E9, 0x23EC },
	{ 0x23F0, 0x23F0 }, { 0x23F3, 0x23F3 }, { 0x25FD, 0x25FE }, { 0x2614, 0x2615 },
	{ 0x2648, 0x2653 }, { 0x267F, 0x267F }, { 0x2693, 0x2693 }, { 0x26A1, 0x26A1 },
	{ 0x26AA, 0x26AB }, { 0x26BD, 0x26BE }, { 0x26C4, 0x26C5 }, { 0x26CE, 0x26CE },
	{ 0x26D4, 0x26D4 }, { 0x26EA, 0x26EA }, { 0x26F2, 0x26F3 }, { 0x26F5, 0x26F5 },
	{ 0x26FA, 0x26FA }, { 0x26FD, 0x26FD }, { 0x2705, 0x2705 }, { 0x270A, 0x270B },
	{ 0x2728, 0x2728 }, { 0x274C, 0x274C }, { 0x274E, 0x274E }, { 0x2753, 0x2755 },
	{ 0x2757, 0x2757 }, { 0x2795, 0x2797 }, { 0x27B0, 0x27B0 }, { 0x27BF, 0x27BF },
	{ 0x2B1B, 0x2B1C }, { 0x2B50, 0x2B50 }, { 0x2B55, 0x2B55 }, { 0x2E80, 0x3029 },
	{ 0x302E, 0x303E }, { 0x3041, 0x3096 }, { 0x309B, 0xA4C6 }, { 0xA960, 0xA97C },
	{ 0xAC00, 0xD7A3 }, { 0xF900, 0xFAFF }, { 0xFE10, 0xFE19 }, { 0xFE30, 0xFE6B },
	{ 0xFF01, 0xFF60 }, { 0xFFE0, 0xFFE6 }, { 0x16FE0, 0x16FE3 }, { 0x16FF0, 0x18D08 },
	{ 0x1AFF0, 0x1B2FB }, { 0x1F004, 0x1F004 }, { 0x1F0CF, 0x1F0CF }, { 0x1F18E, 0x1F18E },
	{ 0x1F191, 0x1F19A }, { 0x1F200, 0x1F320 }, { 0x1F32D, 0x1F335 }, { 0x1F337, 0x1F37C },
	{ 0x1F37E, 0x1F393 }, { 0x1F3A0, 0x1F3CA }, { 0x1F3CF, 0x1F3D3 }, { 0x1F3E0, 0x1F3F0 },
	{ 0x1F3F4, 0x1F3F4 }, { 0x1F3F8, 0x1F43E }, { 0x1F440, 0x1F440 }, { 0x1F442, 0x1F4FC },
	{ 0x1F4FF, 0x1F53D }, { 0x1F54B, 0x1F54E }, { 0x1F550, 0x1F567 }, { 0x1F57A, 0x1F57A },
	{ 0x1F595, 0x1F596 }, { 0x1F5A4, 0x1F5A4 }, { 0x1F5FB, 0x1F64F }, { 0x1F680, 0x1F6C5 },
	{ 0x1F6CC, 0x1F6CC }, { 0x1F6D0, 0x1F6D2 }, { 0x1F6D5, 0x1F6DF }, { 0x1F6EB, 0x1F6EC },
	{ 0x1F6F4, 0x1F6FC }, { 0x1F7E0, 0x1F7F0 }, { 0x1F90C, 0x1F93A }, { 0x1F93C, 0x1F945 },
	{ 0x1F947, 0x1F9FF }, { 0x1FA54, 0x1FA5F }, { 0x1FA6E, 0x1FAFF }, { 0x20000, 0x3FFFD },
};


static int
range_cmp(const void *key, const void *elem)
{
	uint32_t cp = *(const uint32_t *)key;
	const struct cp_range *r = elem;

	if (cp < r->first)
		return -1;
	return cp > r->last;
}

static bool
in_ranges(uint32_t cp, const struct cp_range *t, size_t n)
{
	if (cp < t[0].first || cp > t[n - 1].last)
		return false;
	return bsearch(&cp, t, n, sizeof(*t), range_cmp) != NULL;
}

#define IN_TABLE(cp, t) in_ranges((cp), (t), sizeof(t) / sizeof((t)[0]))

int
text_cp_width(uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
		return 0;
	if (cp < 0x300)
		return 1;
	if (IN_TABLE(cp, zero_width))
		return 0;
	if (IN_TABLE(cp, wide))
		return 2;
	return 1;
}

size_t
text_width(const char *s)
{
	size_t n = strlen(s), i, len, w = 0;
	uint32_t cp;

	for (i = 0; i < n; i += len) {
		len = utf8_decode(s + i, n - i, &cp);
		w += (size_t)text_cp_width(cp);
	}
	return w;
}

/* Append one decoded character: its bytes, or U+FFFD when broken. */
static void
put_char(struct tbuf *b, const char *s, size_t len, bool bad)
{
	if (bad)
		put(b, TEXT_REPLACEMENT, sizeof(TEXT_REPLACEMENT) - 1);
	else
		put(b, s, len);
}

char *
text_fit(const char *s, size_t cols, bool pad, bool ascii)
{
	size_t n = strlen(s), i, len, w, used = 0, limit;
	struct tbuf b;
	uint32_t cp;
	bool bad, cut;

	if (cols == 0)
		return xstrdup("");
	cut = text_width(s) > cols;
	limit = cut ? cols - 1 : cols;
	tbuf_init(&b, UNBOUNDED);
	for (i = 0; i < n; i += len) {
		len = decode(s + i, n - i, &cp, &bad);
		w = (size_t)text_cp_width(cp);
		if (used + w > limit)
			break;
		put_char(&b, s + i, len, bad);
		used += w;
	}
	if (cut) {
		/* A wide character cut in half leaves a blank before the "…". */
		put_spaces(&b, limit - used);
		put(&b, ascii ? "." : "\xE2\x80\xA6", ascii ? 1 : 3);
		used = cols;
	}
	if (pad)
		put_spaces(&b, cols - used);
	return tbuf_take(&b);
}

/* ---- wrapping --------------------------------------------------------- */

struct wrap {
	struct text_lines *out;
	size_t alloc;
	struct tbuf line;
	size_t width;
	size_t col;		/* columns in line, prefix included */
	size_t start;		/* where the text after the prefix begins */
	const char *indent, *hang;
	bool first;
};

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static void
line_begin(struct wrap *w)
{
	const char *prefix = w->first ? w->indent : w->hang;

	w->first = false;
	tbuf_clear(&w->line);
	put(&w->line, prefix, strlen(prefix));
	w->col = text_width(prefix);
	w->start = w->line.len;
}

/* Store the line without trailing blanks; a line with nothing after its
 * prefix loses the prefix's trailing blanks too ("> " gives ">"). */
static void
line_end(struct wrap *w)
{
	struct text_lines *out = w->out;
	size_t len = w->line.len;

	while (len > 0 && is_blank(w->line.ptr[len - 1]))
		len--;
	if (out->n == w->alloc) {
		w->alloc = w->alloc != 0 ? w->alloc * 2 : 16;
		out->line = xreallocarray(out->line, w->alloc, sizeof(*out->line));
	}
	out->line[out->n++] = xstrndup(tbuf_str(&w->line), len);
}

static void
line_break(struct wrap *w)
{
	line_end(w);
	line_begin(w);
}

static bool
line_empty(const struct wrap *w)
{
	return w->line.len == w->start;
}

static size_t
span_width(const char *s, size_t n)
{
	size_t i, len, width = 0;
	uint32_t cp;

	for (i = 0; i < n; i += len) {
		len = utf8_decode(s + i, n - i, &cp);
		width += (size_t)text_cp_width(cp);
	}
	return width;
}

/* A word too long for a line of its own goes in character by character;
 * every line takes at least one, so a tiny width still makes progress. */
static void
wrap_long_word(struct wrap *w, const char *s, size_t n)
{
	size_t i, len, cw;
	uint32_t cp;
	bool bad;

	for (i = 0; i < n; i += len) {
		len = decode(s + i, n - i, &cp, &bad);
		cw = (size_t)text_cp_width(cp);
		if (cw > 0 && !line_empty(w) && w->col + cw > w->width)
			line_break(w);
		put_char(&w->line, s + i, len, bad);
		w->col += cw;
	}
}

/* Whether the word s[0..n) is a URL, which wrapping must never break (a
 * broken link in a mailed digest no longer works): "scheme://...",
 * "www." or "mailto:" at its start, after any opening punctuation. */
bool
text_is_url_word(const char *s, size_t n)
{
	static const char *const starts[] = { "www.", "mailto:" };
	size_t i;

	while (n > 0 && strchr("([<\"'", *s) != NULL)
		s++, n--;
	for (i = 0; i < sizeof(starts) / sizeof(starts[0]); i++)
		if (n > strlen(starts[i]) &&
		    strncasecmp(s, starts[i], strlen(starts[i])) == 0)
			return true;
	for (i = 0; i < n && (isalnum((unsigned char)s[i]) || s[i] == '+' ||
	    s[i] == '-' || s[i] == '.'); i++)
		;
	return i > 0 && isalpha((unsigned char)s[0]) && n - i > STRLEN("://") &&
	    strncmp(s + i, "://", STRLEN("://")) == 0;
}

static void
wrap_word(struct wrap *w, const char *s, size_t n, size_t blanks)
{
	size_t ww = span_width(s, n);

	if (!line_empty(w) && w->col + blanks + ww > w->width) {
		line_break(w);
		blanks = 0;
	}
	if (line_empty(w)) {
		/* Leading blanks of a paragraph stay, unless they fill the line. */
		if (w->col + blanks >= w->width)
			blanks = 0;
	}
	put_spaces(&w->line, blanks);
	w->col += blanks;
	if (w->col + ww <= w->width || text_is_url_word(s, n)) {
		/* a URL is never broken: it runs past the width alone */
		put(&w->line, s, n);
		w->col += ww;
	} else
		wrap_long_word(w, s, n);
}

static void
wrap_paragraph(struct wrap *w, const char *s, size_t n)
{
	size_t i = 0, j, blanks;

	line_begin(w);
	while (i < n) {
		for (j = i; j < n && is_blank(s[j]); j++)
			;
		blanks = j - i;
		if (j == n)
			break;
		for (i = j; j < n && !is_blank(s[j]); j++)
			;
		wrap_word(w, s + i, j - i, blanks);
		i = j;
	}
	line_end(w);
}

void
text_wrap(const char *s, size_t width, const char *indent, const char *hang,
    struct text_lines *out)
{
	struct wrap w;
	const char *nl;
	size_t n;

	out->line = NULL;
	out->n = 0;
	memset(&w, 0, sizeof(w));
	w.out = out;
	w.width = width;
	w.indent = indent != NULL ? indent : "";
	w.hang = hang != NULL ? hang : w.indent;
	w.first = true;
	tbuf_init(&w.line, UNBOUNDED);
	while (*s != '\0') {
		nl = strchr(s, '\n');
		n = nl != NULL ? (size_t)(nl - s) : strlen(s);
		wrap_paragraph(&w, s, n);
		s += n;
		if (*s == '\n')
			s++;
	}
	tbuf_free(&w.line);
}

void
text_lines_free(struct text_lines *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->n; i++)
		free(l->line[i]);
	free(l->line);
	l->line = NULL;
	l->n = 0;
}

/* ---- sanitising ------------------------------------------------------- */

/* Characters that never reach the terminal: C0 and C1 controls (newline and
 * tab are handled before), DEL, bidi marks, embeddings, overrides and
 * isolates, and the byte order mark. */
static const struct cp_range unsafe[] = {
	{ 0x0000, 0x001F }, { 0x007F, 0x009F }, { 0x061C, 0x061C },
	{ 0x200E, 0x200F }, { 0x202A, 0x202E }, { 0x2066, 0x2069 },
	{ 0xFEFF, 0xFEFF },
};

enum seq {
	SEQ_NONE,
	SEQ_CSI,	/* parameters, intermediates, one final byte */
	SEQ_OSC,	/* a string ended by ST or BEL */
	SEQ_STRING	/* DCS, SOS, PM, APC: a string ended by ST */
};

/* The C1 controls that open a sequence; ESC + (c1 - 0x40) is the 7-bit form. */
static const struct {
	uint32_t c1;
	enum seq seq;
} c1_seqs[] = {
	{ 0x90, SEQ_STRING },	/* DCS, ESC P */
	{ 0x98, SEQ_STRING },	/* SOS, ESC X */
	{ 0x9B, SEQ_CSI },	/* CSI, ESC [ */
	{ 0x9D, SEQ_OSC },	/* OSC, ESC ] */
	{ 0x9E, SEQ_STRING },	/* PM, ESC ^ */
	{ 0x9F, SEQ_STRING },	/* APC, ESC _ */
};

#define C0_BEL 0x07
#define C0_CAN 0x18
#define C0_SUB 0x1A
#define C0_ESC 0x1B
#define C1_ST 0x9C

static enum seq
c1_seq(uint32_t cp)
{
	size_t i;

	for (i = 0; i < sizeof(c1_seqs) / sizeof(c1_seqs[0]); i++) {
		if (c1_seqs[i].c1 == cp)
			return c1_seqs[i].seq;
	}
	return SEQ_NONE;
}

static size_t
skip_csi(const char *s, size_t n, size_t i)
{
	while (i < n && (unsigned char)s[i] >= 0x20 && (unsigned char)s[i] <= 0x3F)
		i++;
	if (i < n && (unsigned char)s[i] >= 0x40 && (unsigned char)s[i] <= 0x7E)
		i++;
	return i;
}

/* Skip a control string up to and including its terminator: ST (ESC \ or
 * U+009C), or BEL for OSC. CAN and SUB cancel it; another ESC ends it and
 * starts the next sequence. Unterminated, it runs to the end of input. */
static size_t
skip_string(const char *s, size_t n, size_t i, bool bel)
{
	size_t len;
	uint32_t cp;
	bool bad;

	for (; i < n; i += len) {
		len = decode(s + i, n - i, &cp, &bad);
		if (cp == C0_ESC)
			return (i + 1 < n && s[i + 1] == '\\') ? i + 2 : i;
		if (cp == C1_ST || (bel && cp == C0_BEL) || cp == C0_CAN ||
		    cp == C0_SUB)
			return i + len;
	}
	return n;
}

static size_t
skip_seq(const char *s, size_t n, size_t i, enum seq seq)
{
	switch (seq) {
	case SEQ_NONE:
		break;
	case SEQ_CSI:
		return skip_csi(s, n, i);
	case SEQ_OSC:
		return skip_string(s, n, i, true);
	case SEQ_STRING:
		return skip_string(s, n, i, false);
	}
	return i;
}

/* s[i] follows an ESC: skip what the terminal would take as its sequence. */
static size_t
skip_escape(const char *s, size_t n, size_t i)
{
	unsigned char c;

	if (i >= n)
		return n;
	c = (unsigned char)s[i];
	if (c >= 0x40 && c <= 0x5F && c1_seq(c + 0x40u) != SEQ_NONE)
		return skip_seq(s, n, i + 1, c1_seq(c + 0x40u));
	while (i < n && (unsigned char)s[i] >= 0x20 && (unsigned char)s[i] <= 0x2F)
		i++;
	if (i < n && (unsigned char)s[i] >= 0x30 && (unsigned char)s[i] <= 0x7E)
		i++;
	return i;
}

struct sanitize {
	struct tbuf b;
	size_t col;		/* display columns since the last newline */
	bool keep_newlines;
};

static void
san_newline(struct sanitize *st)
{
	if (st->keep_newlines) {
		put(&st->b, "\n", 1);
		st->col = 0;
	} else {
		put(&st->b, " ", 1);
		st->col++;
	}
}

static void
san_tab(struct sanitize *st)
{
	size_t n = TEXT_TAB_WIDTH - st->col % TEXT_TAB_WIDTH;

	put_spaces(&st->b, n);
	st->col += n;
}

/* Handle the character at s[i]; returns where to go on. */
static size_t
san_char(struct sanitize *st, const char *s, size_t n, size_t i)
{
	uint32_t cp;
	size_t len;
	bool bad;

	len = decode(s + i, n - i, &cp, &bad);
	if (bad) {
		put(&st->b, TEXT_REPLACEMENT, sizeof(TEXT_REPLACEMENT) - 1);
		st->col++;
	} else if (cp == C0_ESC)
		return skip_escape(s, n, i + 1);
	else if (c1_seq(cp) != SEQ_NONE)
		return skip_seq(s, n, i + len, c1_seq(cp));
	else if (cp == '\r') {
		/* CR LF is one newline; a lone CR (old Mac text) is one too. */
		if (i + 1 >= n || s[i + 1] != '\n')
			san_newline(st);
	} else if (cp == '\n' || cp == 0x2028 || cp == 0x2029)
		san_newline(st);
	else if (cp == '\t')
		san_tab(st);
	else if (!IN_TABLE(cp, unsafe)) {
		put(&st->b, s + i, len);
		st->col += (size_t)text_cp_width(cp);
	}
	return i + len;
}

char *
text_sanitize(const char *s, size_t n, bool keep_newlines)
{
	struct sanitize st;
	size_t i = 0;

	tbuf_init(&st.b, UNBOUNDED);
	st.col = 0;
	st.keep_newlines = keep_newlines;
	if (s == NULL)
		n = 0;
	while (i < n)
		i = san_char(&st, s, n, i);
	return tbuf_take(&st.b);
}

char *
text_sanitize_line(const char *s)
{
	char *t;

	t = text_sanitize(s, s != NULL ? strlen(s) : 0, false);
	return text_squeeze(t);
}

static bool
is_ascii_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	    c == '\f';
}

char *
text_squeeze(char *s)
{
	char *r, *w = s;
	bool space = false;

	for (r = s; *r != '\0'; r++) {
		if (is_ascii_space(*r)) {
			space = w != s;
			continue;
		}
		if (space)
			*w++ = ' ';
		space = false;
		*w++ = *r;
	}
	*w = '\0';
	return s;
}

/* ---- files ------------------------------------------------------------ */

#define READ_CHUNK 65536	/* bytes read() asks for at once */

bool
text_make_dirs(const char *dir)
{
	char *p = xstrdup(dir), *c;
	bool ok = true;

	for (c = p + 1; ok; c++) {
		char save = *c;

		if (save != '/' && save != '\0')
			continue;
		*c = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST)
			ok = false;
		*c = save;
		if (save == '\0')
			break;
	}
	free(p);
	return ok;
}

bool
text_make_parent_dirs(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir;
	bool ok;

	if (slash == NULL || slash == path)
		return true;	/* the current folder or / */
	dir = xstrndup(path, (size_t)(slash - path));
	ok = text_make_dirs(dir);
	free(dir);
	return ok;
}

/* What is left to read of fd when it is a regular file, else 0. */
static size_t
file_left(int fd)
{
	struct stat st;
	off_t at;

	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
	    (at = lseek(fd, 0, SEEK_CUR)) < 0 || at >= st.st_size)
		return 0;
	return (uint64_t)(st.st_size - at) < SIZE_MAX ? (size_t)(st.st_size - at) : 0;
}

bool
text_read_fd(int fd, size_t max, struct tbuf *out)
{
	char chunk[READ_CHUNK];
	size_t expect = file_left(fd);
	ssize_t got;
	int saved = 0;
	bool ok = true;

	tbuf_init(out, max);
	/* A file's bytes go straight into one allocation of its size: a page
	 * read through a chunk and a doubling buffer was copied twice, and
	 * each copy touched fresh pages. */
	if (expect > max)
		expect = max;
	if (expect > 0) {	/* exactly its size: not the next power of two */
		out->ptr = xmalloc(expect + 1);
		out->cap = out->ready = expect + 1;
		populate(out->ptr, out->cap);
	}
	while (out->len < expect) {
		got = read(fd, out->ptr + out->len, expect - out->len);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;	/* the loop below says why, or that it ended */
		out->len += (size_t)got;
		out->ptr[out->len] = '\0';
	}
	/* the rest (a pipe, or a file that grew): through a chunk */
	while (ok && (got = read(fd, chunk, sizeof(chunk))) != 0) {
		size_t n = (size_t)got;

		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			saved = errno;
			ok = false;
			break;
		}
		if (n > max - out->len) {
			/* keep the first max bytes for a caller that goes on */
			n = max - out->len;
			saved = EFBIG;
			ok = false;
		}
		if (!tbuf_add(out, chunk, n)) {
			saved = EFBIG;
			ok = false;
		}
	}
	errno = saved;
	return ok;
}

bool
text_read_file(const char *path, size_t max, struct tbuf *out)
{
	bool ok;
	int fd, saved;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		saved = errno;
		tbuf_init(out, max);
		errno = saved;
		return false;
	}
	ok = text_read_fd(fd, max, out);
	saved = errno;
	close(fd);
	errno = saved;
	return ok;
}
