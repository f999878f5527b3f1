/*
 * input.c: the byte stream mxml reads.
 *
 * mxml is strict and knows only UTF-8 and UTF-16: a bare '&', an HTML
 * entity nobody declared, a stray control byte or one invalid UTF-8
 * sequence ends its parse. Feeds have all of these. So the document goes
 * through two stages before mxml sees it, chunk by chunk, in linear time
 * and bounded memory:
 *
 *   decode   source bytes -> UTF-8 (text_to_utf8 for other charsets);
 *   repair   a small lexer that knows tags, attributes, comments, CDATA,
 *            declarations and processing instructions, and rewrites:
 *            HTML named entities -> numeric references, bare '&' -> &amp;,
 *            bare '<' -> &lt;, invalid UTF-8 -> U+FFFD, control bytes
 *            and junk before the first tag dropped; the XML declaration
 *            (its encoding label is no longer true), DOCTYPE and
 *            processing instructions left out; the entities the DOCTYPE
 *            declares (dtd.c) expanded where they are referenced. Newlines are always kept,
 *            so mxml's line numbers are those of the source.
 *
 * The result reaches mxml through a stdio stream (fopencookie), which
 * mxml reads a byte at a time through getc: three calls a byte, the most
 * of the XML pass. So the character data, most of a feed's bytes, goes
 * round it: each run of text or CDATA is kept here, decoded, and mxml
 * reads one placeholder byte for it (with its newlines, for its line
 * numbers); the SAX callback takes the runs back in order with
 * feed_input_next_run(). mxml still sees every tag and attribute.
 */
#include "config.h"

#include <errno.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "feed_private.h"
#include "text.h"

#define INPUT_SNIFF (256u << 10)	/* bytes read first; the encoding is decided on them */
#define INPUT_CHUNK (64u << 10)		/* source bytes decoded at a time */
#define INPUT_OUT (64u << 10)		/* repaired bytes buffered for mxml */
#define INPUT_LOOKAHEAD 48		/* bytes the lexer may need to decide */
#define ENTITY_MAX 32			/* longest entity name */
#define DECL_SNIFF 1024			/* where the XML declaration must be */
#define TAG_NAME_MAX 64			/* bytes of an element name kept to match end tags */
#define TAG_SCAN_MAX 512		/* an end tag longer than this is left as it is */
#define TAG_MATCH_DEPTH 32		/* open elements searched for an end tag's start */
#define TEXT_SPLIT (64u << 10)		/* text or CDATA bytes mxml holds as one node */
#define ESC_SEQ_MAX 32			/* bytes after an ESC dropped with it; fits INPUT_LOOKAHEAD */
#define INPUT_RUNS (256u << 10)		/* bytes of text and CDATA runs mxml has not taken yet */
/* The most one step of the lexer adds to a run: a declared entity. */
#define RUN_STEP_MAX (FEED_DTD_VALUE_MAX + INPUT_LOOKAHEAD * 2)

/* A declared entity's escaped value (at most 6 bytes for each of its
 * FEED_DTD_VALUE_MAX) is emitted whole: it must fit an empty out. */
_Static_assert(FEED_DTD_VALUE_MAX * 6 + INPUT_LOOKAHEAD * 2 < INPUT_OUT,
    "a declared entity's value does not fit the output buffer");
/* A run is cut at TEXT_SPLIT: one open run and a step must fit, or the
 * lexer could wait for mxml to take a run it has not finished. */
_Static_assert(TEXT_SPLIT + RUN_STEP_MAX * 2 < INPUT_RUNS,
    "a run does not fit the run buffer");
_Static_assert(FEED_DTD_NAME_MAX <= ENTITY_MAX,
    "the lexer reads entity names shorter than those declared");

enum lex_state {
	LEX_PROLOG,	/* before the first tag: junk is skipped */
	LEX_TEXT,
	LEX_TAG,	/* inside <...> outside quotes */
	LEX_ATTR_DQ,	/* in a "value" */
	LEX_ATTR_SQ,	/* in a 'value' */
	LEX_COMMENT,
	LEX_CDATA,
	LEX_DECL,	/* <!DOCTYPE ...>, left out */
	LEX_PI		/* <?...?>, left out */
};

/* How the source becomes UTF-8. */
enum decode_mode {
	DECODE_UTF8,	/* as it is; the lexer repairs invalid bytes */
	DECODE_CHUNKS,	/* text_to_utf8 one chunk at a time (single-byte, UTF-16) */
	DECODE_WHOLE	/* text_to_utf8 on the whole document (multi-byte) */
};

struct feed_input {
	/* the source: memory, or a file descriptor read into raw */
	const char *mem;
	size_t memlen, mempos;
	int fd;
	char *raw;
	size_t rawlen, rawpos;
	bool src_eof;
	size_t total;			/* source bytes read */
	enum feed_result error;

	enum decode_mode mode;
	char charset[48];
	size_t unit;			/* 2 for UTF-16: chunks keep whole units */
	char *whole;			/* DECODE_WHOLE: the converted document */

	/* decoded UTF-8 waiting for the lexer: in dec, or for a document in
	 * memory that is UTF-8 already, where it is (decview) */
	char *dec;
	const char *decview;
	size_t declen, decpos, deccap;
	bool dec_eof;

	/* the lexer */
	enum lex_state st;
	int depth;			/* '[' nesting inside a DOCTYPE */
	char quote;			/* quote open inside a DOCTYPE */
	bool saw_markup;
	int line;
	int held_newlines;		/* of the prolog, written inside the root tag */
	/* open elements, to mend end tags that do not match */
	char (*open)[TAG_NAME_MAX];
	int nopen;
	bool tag_pushed;		/* the tag being read was pushed on open */
	bool tag_slash;			/* the last byte kept of that tag is '/' */
	size_t run;			/* bytes of text or CDATA since the last markup */
	/* the DOCTYPE and the entities it declares */
	struct tbuf decl;		/* the declaration being read */
	bool decl_cut;			/* it was longer than FEED_DTD_DECL_MAX */
	struct feed_dtd *dtd;		/* NULL until a DOCTYPE was read */
	size_t expanded;		/* bytes of entity values expanded */

	/* repaired bytes for mxml */
	char *out;
	size_t outlen, outpos;
	/* Character data diverted from mxml: NUL-terminated runs in document
	 * order, from runhead (the next one mxml reports) to runslen; the
	 * last one is still growing when run_open (from run_start). */
	char *runs;
	size_t runslen, runhead, run_start;
	bool run_open;

	bool stopped;
	char *warning;
	int warnline;
	FILE *fp;
};

/* Character classes for the lexer's fast path. */
enum {
	C_PLAIN = 0,	/* copied as it is in every state */
	C_SPECIAL = 1,	/* the lexer looks at it */
};

static unsigned char byte_class[256];

static void
init_classes(void)
{
	static bool done;
	int c;

	if (done)
		return;
	for (c = 0; c < 256; c++) {
		byte_class[c] = C_PLAIN;
		if (c < 0x20 || c >= 0x80 || strchr("&<>\"'-]?", c) != NULL)
			byte_class[c] = C_SPECIAL;
	}
	byte_class[0] = C_SPECIAL;
	done = true;
}

static void
warn(struct feed_input *in, const char *msg, const char *arg, size_t n)
{
	char *w;

	if (in->warning != NULL)
		return;
	/* arg is a piece of the document, maybe cut mid-character. */
	w = arg != NULL ? xasprintf("%s%.*s", msg, (int)n, arg) : xstrdup(msg);
	in->warning = utf8_repair(w, strlen(w));
	free(w);
	in->warnline = in->line;
}

/* ---- reading the source ------------------------------------------------ */

/* Read more of the file into raw (after what is left). */
static void
fill_raw(struct feed_input *in)
{
	ssize_t r;

	if (in->mem != NULL || in->src_eof)
		return;
	if (in->rawpos > 0) {
		memmove(in->raw, in->raw + in->rawpos, in->rawlen - in->rawpos);
		in->rawlen -= in->rawpos;
		in->rawpos = 0;
	}
	while (in->rawlen < INPUT_SNIFF) {
		r = read(in->fd, in->raw + in->rawlen, INPUT_SNIFF - in->rawlen);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			in->error = FEED_IO_ERROR;
			in->src_eof = true;
			return;
		}
		if (r == 0) {
			in->src_eof = true;
			return;
		}
		in->rawlen += (size_t)r;
		in->total += (size_t)r;
		if (in->total > FEED_MAX_DOCUMENT) {
			in->error = FEED_TOO_LARGE;
			in->src_eof = true;
			return;
		}
		if (in->rawlen >= INPUT_CHUNK)
			return;
	}
}

/* Up to max source bytes not yet decoded: *p and the count. */
static size_t
source_peek(struct feed_input *in, const char **p, size_t max)
{
	size_t n;

	if (in->mem != NULL) {
		*p = in->mem + in->mempos;
		n = in->memlen - in->mempos;
	} else {
		if (in->rawlen - in->rawpos < max)
			fill_raw(in);
		*p = in->raw + in->rawpos;
		n = in->rawlen - in->rawpos;
	}
	return n < max ? n : max;
}

static void
source_skip(struct feed_input *in, size_t n)
{
	if (in->mem != NULL)
		in->mempos += n;
	else
		in->rawpos += n;
}

static bool
source_done(struct feed_input *in)
{
	if (in->mem != NULL)
		return in->mempos >= in->memlen;
	return in->rawpos >= in->rawlen && in->src_eof;
}

/* ---- choosing the encoding --------------------------------------------- */

/* The encoding label of an XML declaration in the first bytes. */
static bool
declared_charset(const char *s, size_t n, char *buf, size_t size)
{
	const char *decl, *end;

	if (n > DECL_SNIFF)
		n = DECL_SNIFF;
	decl = memmem(s, n, "<?xml", STRLEN("<?xml"));
	if (decl == NULL)
		return false;
	end = memmem(decl, n - (size_t)(decl - s), "?>", STRLEN("?>"));
	if (end == NULL)
		end = s + n;
	return text_find_label(decl, (size_t)(end - decl), "encoding", buf, size);
}

/* Whether s[0..n) is UTF-8 with at least one multi-byte character
 * (*utf8), and whether it has any valid multi-byte sequence at all
 * (*some). A sequence cut at the end of a sample does not count. */
static void
sniff_utf8(const char *s, size_t n, bool sample, bool *utf8, bool *some)
{
	size_t i = 0, len;
	uint32_t cp;
	bool bad = false, multi = false;

	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		len = utf8_decode(s + i, n - i, &cp);
		if (cp == 0xFFFD && !(len == 3 && memcmp(s + i, TEXT_REPLACEMENT, 3) == 0)) {
			if (sample && n - i < 4)
				break;
			bad = true;
		} else {
			multi = true;
		}
		i += len;
	}
	*utf8 = !bad && multi;
	*some = multi;
}

static bool
is_utf8_label(const char *label)
{
	return text_charset_is(label, "utf-8") || text_charset_is(label, "utf8");
}

static bool
is_utf16_label(const char *label)
{
	return strncasecmp(label, "utf-16", STRLEN("utf-16")) == 0 ||
	    strncasecmp(label, "utf16", STRLEN("utf16")) == 0 ||
	    strncasecmp(label, "ucs-2", STRLEN("ucs-2")) == 0 ||
	    strncasecmp(label, "unicode", STRLEN("unicode")) == 0;
}

/* Charsets whose characters are one byte: safe to convert in any chunks. */
static bool
is_single_byte(const char *label)
{
	static const char *const prefixes[] = {
		"iso-8859", "iso8859", "iso_8859", "latin", "l1", "windows-125",
		"cp125", "cp-125", "x-cp125", "koi8", "us-ascii", "ascii",
		"ansi_x3.4", "mac", "x-mac", "ibm", "cp8", "tis-620",
	};
	size_t i;

	for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
		if (strncasecmp(label, prefixes[i], strlen(prefixes[i])) == 0)
			return true;
	}
	return false;
}

static void
use_charset(struct feed_input *in, const char *name, enum decode_mode mode)
{
	xsnprintf(in->charset, sizeof(in->charset), "%s", name);
	in->mode = mode;
}

/*
 * Decide how to read the document from its first bytes: BOM, then the
 * XML declaration, then the HTTP charset, else UTF-8. Labels lie, so the
 * bytes get the last word: an ASCII-compatible label on bytes that are
 * valid UTF-8 with non-ASCII characters means UTF-8 (no Latin-1 text is
 * also valid UTF-8 by chance), and "UTF-8" (or nothing) on bytes with no
 * valid multi-byte sequence at all means windows-1252. ISO-8859-1 is read
 * as windows-1252, its superset, as browsers do.
 */
static enum feed_result
choose_encoding(struct feed_input *in, const char *content_type)
{
	const unsigned char *s;
	const char *p;
	char label[40];
	size_t n;
	bool utf8, some, have;

	n = source_peek(in, &p, INPUT_SNIFF);
	s = (const unsigned char *)p;
	if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
		source_skip(in, 3);
		use_charset(in, "utf-8", DECODE_UTF8);
		return FEED_OK;
	}
	if (n >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF))) {
		use_charset(in, s[0] == 0xFF ? "utf-16le" : "utf-16be", DECODE_CHUNKS);
		in->unit = 2;
		source_skip(in, 2);
		return FEED_OK;
	}
	if (n >= 4 && s[0] == '<' && s[1] == 0 && s[2] != 0 && s[3] == 0) {
		use_charset(in, "utf-16le", DECODE_CHUNKS);
		in->unit = 2;
		return FEED_OK;
	}
	if (n >= 4 && s[0] == 0 && s[1] == '<' && s[2] == 0 && s[3] != 0) {
		use_charset(in, "utf-16be", DECODE_CHUNKS);
		in->unit = 2;
		return FEED_OK;
	}
	have = declared_charset(p, n, label, sizeof(label));
	if (!have && content_type != NULL)
		have = text_find_label(content_type, strlen(content_type), "charset",
		    label, sizeof(label));
	sniff_utf8(p, n, in->mem == NULL && !source_done(in), &utf8, &some);
	if (!have || is_utf8_label(label) || is_utf16_label(label)) {
		/* UTF-16 without a BOM or NULs is an ASCII-compatible lie. */
		if (!some) {
			size_t i;

			for (i = 0; i < n && s[i] < 0x80; i++)
				;
			if (i < n) {
				warn(in, "not UTF-8; read as windows-1252", NULL, 0);
				use_charset(in, "windows-1252", DECODE_CHUNKS);
				return FEED_OK;
			}
		}
		use_charset(in, "utf-8", DECODE_UTF8);
		return FEED_OK;
	}
	if (utf8) {
		if (!text_charset_is(label, "us-ascii"))
			warn(in, "labelled ", label, strlen(label));
		use_charset(in, "utf-8", DECODE_UTF8);
		return FEED_OK;
	}
	if (text_charset_is(label, "iso-8859-1") || text_charset_is(label, "latin1") ||
	    text_charset_is(label, "us-ascii") || text_charset_is(label, "iso8859-1")) {
		use_charset(in, "windows-1252", DECODE_CHUNKS);
		return FEED_OK;
	}
	use_charset(in, label, is_single_byte(label) ? DECODE_CHUNKS : DECODE_WHOLE);
	return FEED_OK;
}

/* ---- decoding ----------------------------------------------------------- */

static void
dec_reserve(struct feed_input *in, size_t n)
{
	if (in->decpos > 0) {
		memmove(in->dec, in->dec + in->decpos, in->declen - in->decpos);
		in->declen -= in->decpos;
		in->decpos = 0;
	}
	if (in->declen + n > in->deccap) {
		in->deccap = in->declen + n;
		in->dec = xrealloc(in->dec, in->deccap);
	}
}

static void
dec_add(struct feed_input *in, const char *p, size_t n)
{
	if (n == 0)
		return;
	dec_reserve(in, n);
	memcpy(in->dec + in->declen, p, n);
	in->declen += n;
}

/* Convert p[0..n) with text_to_utf8 and queue it for the lexer. */
static bool
convert(struct feed_input *in, const char *p, size_t n)
{
	char *u;

	if (text_to_utf8(p, n, in->charset, FEED_MAX_DOCUMENT * 3, &u) != TEXT_OK)
		return false;
	dec_add(in, u, strlen(u));
	free(u);
	return true;
}

/* Decode the next chunk of the source; false at the end. */
static bool
decode_more(struct feed_input *in)
{
	const char *p;
	size_t n;

	if (in->stopped || in->dec_eof)
		return false;
	n = source_peek(in, &p, INPUT_CHUNK);
	if (n == 0) {
		in->dec_eof = true;
		return false;
	}
	switch (in->mode) {
	case DECODE_UTF8:
		if (in->mem != NULL && in->declen == 0) {
			/* The lexer reads it in place: a copy of the whole
			 * document was a tenth of the time of the pass. */
			n = in->memlen - in->mempos;
			in->decview = p;
			in->declen = n;
			break;
		}
		dec_add(in, p, n);
		break;
	case DECODE_CHUNKS:
		if (in->unit == 2) {
			n &= ~(size_t)1;
			if (n == 0) {
				in->dec_eof = true;	/* one odd byte left */
				return false;
			}
			/* Keep a high surrogate with its pair. */
			if (n > 2 && !source_done(in)) {
				const unsigned char *u = (const unsigned char *)p + n - 2;
				unsigned hi = text_charset_is(in->charset, "utf-16le") ?
				    u[1] : u[0];

				if (hi >= 0xD8 && hi <= 0xDB)
					n -= 2;
			}
		}
		if (!convert(in, p, n)) {
			in->error = FEED_BAD_ENCODING;
			in->dec_eof = true;
			return false;
		}
		break;
	case DECODE_WHOLE:
		/* input_start() made the converted text the source, UTF-8
		 * in memory: read in place. */
		n = in->memlen - in->mempos;
		in->decview = p;
		in->declen = n;
		break;
	}
	source_skip(in, n);
	return true;
}

/* ---- the repair lexer --------------------------------------------------- */

static void
out_add(struct feed_input *in, const char *p, size_t n)
{
	memcpy(in->out + in->outlen, p, n);
	in->outlen += n;
}

/* Markup for mxml: it ends the text or CDATA run being read. */
static void
emit(struct feed_input *in, const char *p, size_t n)
{
	if (in->run_open) {
		in->runs[in->runslen++] = '\0';
		in->run_open = false;
	}
	out_add(in, p, n);
}

/* Start a run. mxml reports a text run only when it has read some text:
 * it gets one placeholder byte for it. A CDATA section is reported even
 * when empty, so its run starts with its markup. */
static void
run_begin(struct feed_input *in, bool cdata)
{
	in->run_open = true;
	in->run_start = in->runslen;
	if (!cdata)
		out_add(in, "x", 1);
}

/* Character data p[0..n), decoded, to the run being read. */
static void
run_add(struct feed_input *in, const char *p, size_t n)
{
	if (!in->run_open)
		run_begin(in, false);
	memcpy(in->runs + in->runslen, p, n);
	in->runslen += n;
}

/* A newline of the source in character data: mxml reads it too, so that
 * its line numbers stay those of the source. */
static void
run_newline(struct feed_input *in)
{
	run_add(in, "\n", 1);
	out_add(in, "\n", 1);
}

static bool
in_run(const struct feed_input *in)
{
	return in->st == LEX_TEXT || in->st == LEX_CDATA;
}

/* Bytes of the document as they are: to the run in text and CDATA, to
 * mxml in tags, attribute values and comments. */
static void
emit_text(struct feed_input *in, const char *p, size_t n)
{
	if (!in_run(in))
		out_add(in, p, n);
	else if (n == 1 && p[0] == '\n')
		run_newline(in);
	else
		run_add(in, p, n);
}

/* An escaped value (a declared entity's: & < > " ' as XML's named
 * references) decoded into the run. */
static void
run_add_escaped(struct feed_input *in, const char *v, size_t n)
{
	static const struct { const char *ref; char c; } refs[] = {
		{ "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' },
		{ "&quot;", '"' }, { "&apos;", '\'' },
	};
	const char *end = v + n, *amp;
	size_t i;

	while (v < end && (amp = memchr(v, '&', (size_t)(end - v))) != NULL) {
		run_add(in, v, (size_t)(amp - v));
		v = amp;
		for (i = 0; i < sizeof(refs) / sizeof(refs[0]); i++) {
			size_t len = strlen(refs[i].ref);

			if ((size_t)(end - v) >= len && memcmp(v, refs[i].ref, len) == 0) {
				run_add(in, &refs[i].c, 1);
				v += len;
				break;
			}
		}
		if (i == sizeof(refs) / sizeof(refs[0]))
			run_add(in, v++, 1);
	}
	if (v < end)
		run_add(in, v, (size_t)(end - v));
}

static bool
is_name_start(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	    c == ':' || c >= 0x80;
}

static bool
is_alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

/* Emit a numeric reference for cp, in decimal: never longer than the
 * hexadecimal form, and mxml reads every byte of it one at a time.
 * Written by hand: snprintf was a cost of its own in feeds of escaped
 * HTML, where every '<' is a reference. */
static void
emit_ref(struct feed_input *in, uint32_t cp)
{
	char buf[16], digits[10];
	size_t n = 0, k = 0;

	do
		digits[k++] = (char)('0' + cp % 10);
	while ((cp /= 10) != 0);
	buf[n++] = '&';
	buf[n++] = '#';
	while (k > 0)
		buf[n++] = digits[--k];
	buf[n++] = ';';
	out_add(in, buf, n);
}

/* The character cp, from a reference or a repair: decoded into a run,
 * a numeric reference in an attribute value. */
static void
emit_char(struct feed_input *in, uint32_t cp)
{
	char buf[4];

	if (in_run(in))
		run_add(in, buf, utf8_encode(cp, buf));
	else
		emit_ref(in, cp);
}

/*
 * A control character is dropped; when it is ESC, the rest of the escape
 * sequence it starts goes with it, or "\x1b[41mEvil" would reach the
 * screen as "[41mEvil" (the sanitiser downstream never sees the ESC).
 * s[0..avail) follows the ESC. Returns the bytes of the sequence's rest
 * (0 for none), or -1 when more input is needed to find its end. The
 * sequence never swallows markup: it ends before '<' or '&', and after
 * ESC_SEQ_MAX bytes.
 */
static ssize_t
escape_rest(const char *s, size_t avail, bool at_end)
{
	size_t i, max = avail < ESC_SEQ_MAX ? avail : ESC_SEQ_MAX;
	unsigned char c;

	if (avail == 0)
		return at_end ? 0 : -1;
	c = (unsigned char)s[0];
	if (c == '[') {
		/* CSI: parameters and intermediates, then one final byte */
		for (i = 1; i < max; i++) {
			c = (unsigned char)s[i];
			if (c == '<' || c == '&' || c < 0x20 || c > 0x7E)
				return (ssize_t)i;
			if (c >= 0x40)
				return (ssize_t)i + 1;
		}
	} else if (c == ']' || c == 'P' || c == '_' || c == '^' || c == 'X') {
		/* OSC, DCS, APC, PM, SOS: a string up to BEL or ESC '\' */
		for (i = 1; i < max; i++) {
			c = (unsigned char)s[i];
			if (c == '<' || c == '&' || c == '\n')
				return (ssize_t)i;
			if (c == 0x07)
				return (ssize_t)i + 1;
			if (c == 0x1B)
				return (ssize_t)i + (i + 1 < avail && s[i + 1] == '\\' ? 2 : 1);
		}
	} else if (c >= 0x20 && c <= 0x7E && c != '<' && c != '&') {
		/* two-byte escapes, after any intermediates */
		for (i = 0; i < max && (unsigned char)s[i] >= 0x20 &&
		    (unsigned char)s[i] <= 0x2F; i++)
			;
		if (i < max)
			return (ssize_t)i + ((unsigned char)s[i] > 0x2F &&
			    (unsigned char)s[i] <= 0x7E && s[i] != '<' && s[i] != '&');
	} else {
		return 0;
	}
	return max == avail && !at_end ? -1 : (ssize_t)max;
}

/* A dropped control character at s[0] and, for ESC, its sequence: the
 * bytes consumed, or 0 when more input is needed. */
static size_t
lex_control(struct feed_input *in, const char *s, size_t avail, bool at_end)
{
	ssize_t rest = 0;

	if (s[0] == 0x1B && (rest = escape_rest(s + 1, avail - 1, at_end)) < 0)
		return 0;
	warn(in, "control character", NULL, 0);
	return 1 + (size_t)rest;
}

/*
 * The code point of XML's own entities (lt, gt, amp, quot, apos), or -1.
 * They reach mxml as numeric references: mxml looks a name up in its
 * table of HTML entities with strcmp, a number it reads at once, and feeds
 * of escaped HTML are full of &lt; and &gt;.
 */
static int32_t
xml_entity(const char *s, size_t n)
{
	if (n == 2 && s[1] == 't' && (s[0] == 'l' || s[0] == 'g'))
		return s[0] == 'l' ? '<' : '>';
	if (n == 3 && memcmp(s, "amp", STRLEN("amp")) == 0)
		return '&';
	if (n == 4 && memcmp(s, "quot", STRLEN("quot")) == 0)
		return '"';
	if (n == 4 && memcmp(s, "apos", STRLEN("apos")) == 0)
		return '\'';
	return -1;
}

static bool
is_entity_char(unsigned char c)
{
	return is_alnum(c) || c == '_' || c == '-' || c == '.' || c == ':';
}

/*
 * The reference to a declared entity at s[0..end] ("&name;"): its value,
 * while the document's expansion stays under FEED_DTD_EXPANSION_MAX;
 * past it the reference is left as text. Returns the bytes consumed, or 0
 * when out has no room for the value yet (it fits an empty one).
 */
static size_t
lex_declared(struct feed_input *in, const char *s, size_t end)
{
	size_t plain;
	const char *v = feed_dtd_lookup(in->dtd, s + 1, end - 1, &plain);
	size_t n = strlen(v);

	if (in->expanded + plain > FEED_DTD_EXPANSION_MAX) {
		warn(in, "entities expanded past their limit; left as text: &", s + 1, end);
		emit_char(in, '&');
		return 1;
	}
	if (in->outlen + n + INPUT_LOOKAHEAD * 2 > INPUT_OUT)
		return 0;
	in->expanded += plain;
	if (in_run(in))
		run_add_escaped(in, v, n);
	else
		out_add(in, v, n);
	return end + 1;
}

/* The DOCTYPE's '>': the entities it declares are read (those of the
 * first one before the root only). */
static void
end_decl(struct feed_input *in)
{
	const char *w;

	if (in->dtd != NULL || in->saw_markup || in->decl.len < STRLEN("DOCTYPE") ||
	    memcmp(tbuf_str(&in->decl), "DOCTYPE", STRLEN("DOCTYPE")) != 0)
		return;
	in->dtd = feed_dtd_parse(tbuf_str(&in->decl), in->decl.len);
	if ((w = feed_dtd_warning(in->dtd)) != NULL)
		warn(in, w, NULL, 0);
	if (in->decl_cut)
		warn(in, "DOCTYPE too long: the entities past its start left out", NULL, 0);
	tbuf_clear(&in->decl);
}

/*
 * The '&' at s[0] (avail bytes there, at_end when no more will come).
 * Emits its repaired form; returns the bytes consumed, or 0 when more
 * input is needed to decide.
 */
static size_t
lex_ampersand(struct feed_input *in, const char *s, size_t avail, bool at_end)
{
	size_t i = 1, plain;
	int32_t v;

	if (avail < 2 && !at_end)
		return 0;
	if (avail >= 2 && s[1] == '#') {
		bool hex = avail >= 3 && (s[2] == 'x' || s[2] == 'X');
		unsigned long n = 0;
		size_t start;

		i = hex ? 3 : 2;
		start = i;
		for (; i < avail && i < ENTITY_MAX; i++) {
			unsigned char c = (unsigned char)s[i];
			unsigned d;

			if (c >= '0' && c <= '9')
				d = c - '0';
			else if (hex && ((c | 0x20) >= 'a' && (c | 0x20) <= 'f'))
				d = (c | 0x20) - 'a' + 10;
			else
				break;
			if (n < 0x110000)
				n = n * (hex ? 16 : 10) + d;
		}
		if (i == avail && !at_end)
			return 0;
		if (i == start) {
			emit_char(in, '&');
			warn(in, "bare &", NULL, 0);
			return 1;
		}
		if (n == 0x1B) {
			/* an escaped ESC: dropped with its sequence, as a raw one */
			size_t len = i < avail && s[i] == ';' ? i + 1 : i;
			ssize_t rest = escape_rest(s + len, avail - len, at_end);

			if (rest < 0)
				return 0;
			warn(in, "control character", NULL, 0);
			return len + (size_t)rest;
		}
		if (n == 0 || n > 0x10FFFF || (n >= 0xD800 && n <= 0xDFFF) ||
		    (n < 0x20 && n != '\t' && n != '\n' && n != '\r') ||
		    n == 0xFFFE || n == 0xFFFF)
			n = 0xFFFD;
		emit_char(in, feed_entity_fix_c1((uint32_t)n));
		return i < avail && s[i] == ';' ? i + 1 : i;
	}
	for (; i < avail && i <= ENTITY_MAX && is_entity_char((unsigned char)s[i]); i++)
		;
	if (i == avail && !at_end)
		return 0;
	if (i > 1 && i < avail && s[i] == ';') {
		if ((v = xml_entity(s + 1, i - 1)) >= 0) {
			emit_char(in, (uint32_t)v);
			return i + 1;
		}
		if (in->dtd != NULL && feed_dtd_lookup(in->dtd, s + 1, i - 1, &plain) != NULL)
			return lex_declared(in, s, i);
		if ((v = feed_entity_lookup(s + 1, i - 1)) >= 0) {
			emit_char(in, (uint32_t)v);
			return i + 1;
		}
		warn(in, "undefined entity &", s + 1, i);
		emit_char(in, '&');
		return 1;
	}
	warn(in, "bare &", NULL, 0);
	emit_char(in, '&');
	return 1;
}

static bool
is_tag_end(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '/' ||
	    c == '>';
}

static void
count_lines(struct feed_input *in, const char *s, size_t n)
{
	const char *end = s + n;

	while ((s = memchr(s, '\n', (size_t)(end - s))) != NULL) {
		in->line++;
		s++;
	}
}

/*
 * The end tag at s[0] ("</"). mxml gives up on an end tag that does not
 * match; feeds have them ("<logo>...</link>"). One that closes an element
 * further up closes the ones between first; one that closes nothing open
 * is dropped.
 */
static size_t
lex_end_tag(struct feed_input *in, const char *s, size_t avail, bool at_end)
{
	size_t max = avail < TAG_SCAN_MAX ? avail : TAG_SCAN_MAX, gt, i, n;
	char name[TAG_NAME_MAX];
	int k;

	for (gt = 2; gt < max && s[gt] != '>' && s[gt] != '<'; gt++)
		;
	if (gt == max && max == avail && !at_end)
		return 0;
	if (gt == max || s[gt] != '>') {
		/* Too long or not closed: let mxml judge it. */
		in->saw_markup = true;
		in->st = LEX_TAG;
		in->tag_pushed = false;
		in->tag_slash = false;
		emit(in, "<", 1);
		return 1;
	}
	for (i = 2; i < gt && !is_tag_end((unsigned char)s[i]); i++)
		;
	n = i - 2 < TAG_NAME_MAX - 1 ? i - 2 : TAG_NAME_MAX - 1;
	memcpy(name, s + 2, n);
	name[n] = '\0';
	for (k = in->nopen - 1; k >= 0 && k >= in->nopen - TAG_MATCH_DEPTH; k--) {
		if (strcmp(in->open[k], name) == 0)
			break;
	}
	if (k < in->nopen - TAG_MATCH_DEPTH)
		k = -1;
	if (k < 0 && in->nopen > 0) {
		warn(in, "end tag without a start: </", name, n);
		count_lines(in, s, gt);
		return gt + 1;
	}
	if (k >= 0 && k < in->nopen - 1)
		warn(in, "unclosed element <", in->open[in->nopen - 1],
		    strlen(in->open[in->nopen - 1]));
	while (k >= 0 && in->nopen - 1 > k &&
	    in->outlen + TAG_NAME_MAX + INPUT_LOOKAHEAD * 2 < INPUT_OUT) {
		in->nopen--;
		emit(in, "</", STRLEN("</"));
		emit(in, in->open[in->nopen], strlen(in->open[in->nopen]));
		emit(in, ">", 1);
	}
	/*
	 * Out is full: the rest next time. Nothing about this end tag may be
	 * recorded before that (it is read again from its '<'), or its own
	 * start would be popped now and found missing then.
	 */
	if (k >= 0 && in->nopen - 1 > k)
		return 0;
	if (in->outlen + gt + 1 + INPUT_LOOKAHEAD > INPUT_OUT)
		return 0;
	if (k >= 0)
		in->nopen = k;
	count_lines(in, s, gt);
	emit(in, s, gt + 1);
	in->st = LEX_TEXT;
	return gt + 1;
}

/* The '<' at s[0] in text: what it opens. Returns bytes consumed, or 0
 * when more input is needed. */
static size_t
lex_open(struct feed_input *in, const char *s, size_t avail, bool at_end)
{
	if (avail < 9 && !at_end)
		return 0;
	if (avail >= 2 && s[1] == '/')
		return lex_end_tag(in, s, avail, at_end);
	if (avail >= 2 && is_name_start((unsigned char)s[1])) {
		size_t i, max = avail < TAG_SCAN_MAX ? avail : TAG_SCAN_MAX;

		for (i = 1; i < max && !is_tag_end((unsigned char)s[i]); i++)
			;
		if (i == max && max == avail && !at_end)
			return 0;
		in->saw_markup = true;
		in->st = LEX_TAG;
		in->tag_pushed = false;
		in->tag_slash = false;
		if (in->nopen < FEED_MAX_DEPTH) {
			size_t n = i - 1 < TAG_NAME_MAX - 1 ? i - 1 : TAG_NAME_MAX - 1;

			memcpy(in->open[in->nopen], s + 1, n);
			in->open[in->nopen][n] = '\0';
			in->nopen++;
			in->tag_pushed = true;
		}
		emit(in, "<", 1);
		return 1;
	}
	if (avail >= 4 && memcmp(s, "<!--", STRLEN("<!--")) == 0) {
		in->st = LEX_COMMENT;
		emit(in, s, 4);
		return 4;
	}
	if (avail >= 9 && memcmp(s, "<![CDATA[", STRLEN("<![CDATA[")) == 0) {
		in->st = LEX_CDATA;
		emit(in, s, 9);
		run_begin(in, true);
		return 9;
	}
	if (avail >= 2 && s[1] == '!') {
		in->st = LEX_DECL;
		in->depth = 0;
		in->quote = 0;
		tbuf_clear(&in->decl);
		in->decl_cut = false;
		return 2;
	}
	if (avail >= 2 && s[1] == '?') {
		in->st = LEX_PI;
		return 2;
	}
	if (in->st == LEX_PROLOG)
		return 1;
	warn(in, "bare <", NULL, 0);
	emit_char(in, '<');
	return 1;
}

/* A byte >= 0x80: copy a valid UTF-8 sequence, replace an invalid one. */
static size_t
lex_utf8(struct feed_input *in, const char *s, size_t avail, bool at_end,
    bool keep)
{
	unsigned char c = (unsigned char)s[0];
	size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
	uint32_t cp;
	size_t len;

	if (avail < need && !at_end)
		return 0;
	len = utf8_decode(s, avail, &cp);
	if (cp == 0xFFFD && !(len == 3 && memcmp(s, TEXT_REPLACEMENT, 3) == 0))
		warn(in, "invalid UTF-8", NULL, 0);
	if (!keep)
		return len;
	if (cp == 0xFFFD || cp == 0xFFFE || cp == 0xFFFF)
		emit_text(in, TEXT_REPLACEMENT, 3);
	else
		emit_text(in, s, len);
	return len;
}

/* Forget the runs mxml has taken: all but the one still growing, once
 * out has been read to its end. */
static void
runs_compact(struct feed_input *in)
{
	size_t from = in->runhead;

	if (from == 0)
		return;
	memmove(in->runs, in->runs + from, in->runslen - from);
	in->runslen -= from;
	if (in->run_open)
		in->run_start -= from;
	in->runhead = 0;
}

/*
 * Run the lexer over the decoded bytes into out, until out is nearly
 * full or more input is needed. Returns false when it could not move.
 */
static bool
lex(struct feed_input *in)
{
	const char *s;
	size_t avail = in->declen - in->decpos, i = 0, n;
	bool at_end = in->dec_eof;
	size_t start_out = in->outlen, start = in->decpos;

	if (avail == 0)
		return false;
	s = (in->decview != NULL ? in->decview : in->dec) + in->decpos;
	runs_compact(in);

	while (i < avail && in->outlen + INPUT_LOOKAHEAD * 2 < INPUT_OUT) {
		unsigned char c = (unsigned char)s[i];
		size_t run;

		/*
		 * Cut long text or CDATA runs with an empty comment or by
		 * closing and reopening the CDATA: the text read is the same,
		 * and memory stays bounded however long the run (the run
		 * buffer here, mxml's node of a run's newlines).
		 */
		if (in->run >= TEXT_SPLIT ||
		    (in->run_open && in->runslen - in->run_start >= TEXT_SPLIT)) {
			if (in->st == LEX_TEXT) {
				emit(in, "<!-- -->", STRLEN("<!-- -->"));
			} else if (in->st == LEX_CDATA) {
				emit(in, "]]><![CDATA[", STRLEN("]]><![CDATA["));
				run_begin(in, true);
			}
			in->run = 0;
			continue;
		}
		/* Until mxml takes the runs it has been handed. */
		if (in->runslen + RUN_STEP_MAX >= INPUT_RUNS)
			break;
		/* Fast path: a run of ordinary bytes is copied at once. */
		if (byte_class[c] == C_PLAIN && in->st != LEX_PROLOG &&
		    in->st != LEX_DECL && in->st != LEX_PI) {
			size_t room = in_run(in) ?
			    INPUT_RUNS - RUN_STEP_MAX - in->runslen :
			    INPUT_OUT - INPUT_LOOKAHEAD * 2 - in->outlen;
			/* the bound computed once: this loop sees most bytes */
			size_t lim = avail - i < room ? avail : i + room;

			for (run = i + 1; run < lim &&
			    byte_class[(unsigned char)s[run]] == C_PLAIN; run++)
				;
			emit_text(in, s + i, run - i);
			if (in->st == LEX_TAG)
				in->tag_slash = s[run - 1] == '/';
			if (in->st == LEX_TEXT || in->st == LEX_CDATA)
				in->run += run - i;
			i = run;
			continue;
		}
		if (c == '\n')
			in->line++;
		n = 1;
		switch (in->st) {
		case LEX_PROLOG:
			if (c == '<')
				n = lex_open(in, s + i, avail - i, at_end);
			else if (c == '\n')
				in->held_newlines++;
			else if (c >= 0x80)
				n = lex_utf8(in, s + i, avail - i, at_end, false);
			break;
		case LEX_TEXT:
		case LEX_ATTR_DQ:
		case LEX_ATTR_SQ:
			if (c == '&') {
				n = lex_ampersand(in, s + i, avail - i, at_end);
			} else if (c == '<') {
				if (in->st == LEX_TEXT) {
					n = lex_open(in, s + i, avail - i, at_end);
				} else {
					emit(in, "&lt;", STRLEN("&lt;"));
				}
			} else if (c >= 0x80) {
				n = lex_utf8(in, s + i, avail - i, at_end, true);
			} else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
				n = lex_control(in, s + i, avail - i, at_end);
			} else {
				if ((c == '"' && in->st == LEX_ATTR_DQ) ||
				    (c == '\'' && in->st == LEX_ATTR_SQ))
					in->st = LEX_TAG;
				emit_text(in, s + i, 1);
			}
			break;
		case LEX_TAG:
			if (c >= 0x80) {
				n = lex_utf8(in, s + i, avail - i, at_end, true);
				break;
			}
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
				n = lex_control(in, s + i, avail - i, at_end);
				break;
			}
			/* mxml wants '<' first: the prolog's lines are kept
			 * as blanks after the root element's name. */
			while (in->held_newlines > 0 && (c == ' ' || c == '\t' ||
			    c == '\n' || c == '\r' || c == '>' || c == '/') &&
			    in->outlen + INPUT_LOOKAHEAD * 2 < INPUT_OUT) {
				emit(in, "\n", 1);
				in->held_newlines--;
			}
			if (c == '"')
				in->st = LEX_ATTR_DQ;
			else if (c == '\'')
				in->st = LEX_ATTR_SQ;
			else if (c == '>') {
				in->st = LEX_TEXT;
				/* <tag/> closes itself. The '/' is asked of the
				 * lexer, not of out: out may have been handed
				 * to mxml between the two bytes. */
				if (in->tag_pushed && in->tag_slash)
					in->nopen--;
				in->tag_pushed = false;
			}
			in->tag_slash = c == '/';
			emit(in, s + i, 1);
			break;
		case LEX_COMMENT:
		case LEX_CDATA:
			if (c >= 0x80) {
				n = lex_utf8(in, s + i, avail - i, at_end, true);
				break;
			}
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
				n = lex_control(in, s + i, avail - i, at_end);
				break;
			}
			if (in->st == LEX_COMMENT && c == '-') {
				if (avail - i < 3 && !at_end) {
					n = 0;
					break;
				}
				if (avail - i >= 3 && s[i + 1] == '-' && s[i + 2] == '>') {
					emit(in, "-->", STRLEN("-->"));
					in->st = LEX_TEXT;
					n = 3;
					break;
				}
			} else if (in->st == LEX_CDATA && c == ']') {
				if (avail - i < 3 && !at_end) {
					n = 0;
					break;
				}
				if (avail - i >= 3 && s[i + 1] == ']' && s[i + 2] == '>') {
					emit(in, "]]>", STRLEN("]]>"));
					in->st = LEX_TEXT;
					n = 3;
					break;
				}
			}
			emit_text(in, s + i, 1);
			break;
		case LEX_DECL:
			if (!in->saw_markup && in->dtd == NULL &&
			    !tbuf_add(&in->decl, s + i, 1))
				in->decl_cut = true;
			if (c == '\n' && !in->saw_markup)
				in->held_newlines++;
			else if (c == '\n')
				run_newline(in);	/* text for mxml, as before */
			else if (in->quote != 0) {
				if (c == (unsigned char)in->quote)
					in->quote = 0;
			} else if (c == '"' || c == '\'')
				in->quote = (char)c;
			else if (c == '[')
				in->depth++;
			else if (c == ']' && in->depth > 0)
				in->depth--;
			else if (c == '>' && in->depth == 0) {
				end_decl(in);
				in->st = in->saw_markup ? LEX_TEXT : LEX_PROLOG;
			}
			break;
		case LEX_PI:
			if (c == '\n' && !in->saw_markup)
				in->held_newlines++;
			else if (c == '\n')
				run_newline(in);	/* text for mxml, as before */
			else if (c == '?') {
				if (avail - i < 2 && !at_end) {
					n = 0;
					break;
				}
				if (avail - i >= 2 && s[i + 1] == '>') {
					in->st = in->saw_markup ? LEX_TEXT : LEX_PROLOG;
					n = 2;
				}
			}
			break;
		}
		if (n == 0) {
			if (c == '\n')
				in->line--;
			break;
		}
		if (in->st == LEX_TEXT || in->st == LEX_CDATA)
			in->run += n;
		else
			in->run = 0;
		i += n;
	}
	in->decpos += i;
	return in->outlen > start_out || in->decpos > start;
}

/* Out holds repaired bytes not yet handed over: true; false at the
 * end of the document (or once stopped). */
static bool
fill_out(struct feed_input *in)
{
	while (in->outpos >= in->outlen) {
		if (in->stopped)
			return false;
		in->outpos = in->outlen = 0;
		if (!lex(in)) {
			if (in->declen - in->decpos > 0 && in->dec_eof) {
				/* Nothing more can be decided: drop the rest. */
				in->decpos = in->declen;
				continue;
			}
			if (!decode_more(in) && in->declen == in->decpos)
				return false;
		}
	}
	return true;
}

/* fopencookie's read: hand mxml the next repaired bytes. */
static ssize_t
stream_read(void *cookie, char *buf, size_t size)
{
	struct feed_input *in = cookie;
	size_t n;

	if (!fill_out(in))
		return 0;
	n = in->outlen - in->outpos;
	if (n > size)
		n = size;
	memcpy(buf, in->out + in->outpos, n);
	in->outpos += n;
	return (ssize_t)n;
}

static enum feed_result
input_start(struct feed_input *in, const char *content_type)
{
	static const cookie_io_functions_t io = { .read = stream_read };
	enum feed_result r;

	init_classes();
	in->line = 1;
	in->st = LEX_PROLOG;
	in->out = xmalloc(INPUT_OUT);
	in->runs = xmalloc(INPUT_RUNS);
	in->open = xreallocarray(NULL, FEED_MAX_DEPTH, sizeof(*in->open));
	tbuf_init(&in->decl, FEED_DTD_DECL_MAX);
	if ((r = choose_encoding(in, content_type)) != FEED_OK)
		return r;
	if (in->error != FEED_OK)
		return in->error;
	if (in->mode == DECODE_WHOLE) {
		struct tbuf b;
		const char *p;
		size_t n;
		char *u;

		tbuf_init(&b, FEED_MAX_DOCUMENT);
		while ((n = source_peek(in, &p, INPUT_CHUNK)) > 0) {
			if (!tbuf_add(&b, p, n))
				return FEED_TOO_LARGE;
			source_skip(in, n);
		}
		if (in->error != FEED_OK) {
			tbuf_free(&b);
			return in->error;
		}
		if (text_to_utf8(tbuf_str(&b), b.len, in->charset,
		    FEED_MAX_DOCUMENT * 3, &u) != TEXT_OK) {
			tbuf_free(&b);
			return FEED_BAD_ENCODING;
		}
		tbuf_free(&b);
		/* From here the converted text is the source. */
		in->whole = u;
		in->mem = u;
		in->memlen = strlen(u);
		in->mempos = 0;
	} else if (in->mode == DECODE_CHUNKS) {
		char *u;

		if (text_to_utf8("", 0, in->charset, 16, &u) != TEXT_OK)
			return FEED_BAD_ENCODING;
		free(u);
	}
	in->fp = fopencookie(in, "r", io);
	if (in->fp == NULL)
		fatal("fopencookie");
	/* mxml reads a byte at a time with getc: no locking (no threads). */
	__fsetlocking(in->fp, FSETLOCKING_BYCALLER);
	return FEED_OK;
}

enum feed_result
feed_input_mem(const char *data, size_t n, const char *content_type,
    struct feed_input **out)
{
	struct feed_input *in = xcalloc(1, sizeof(*in));
	enum feed_result r;

	*out = NULL;
	in->mem = data;
	in->memlen = n;
	in->fd = -1;
	if (n > FEED_MAX_DOCUMENT) {
		feed_input_free(in);
		return FEED_TOO_LARGE;
	}
	if ((r = input_start(in, content_type)) != FEED_OK) {
		feed_input_free(in);
		return r;
	}
	*out = in;
	return FEED_OK;
}

enum feed_result
feed_input_fd(int fd, const char *head, size_t n, const char *content_type,
    struct feed_input **out)
{
	struct feed_input *in = xcalloc(1, sizeof(*in));
	enum feed_result r;

	*out = NULL;
	in->fd = fd;
	in->raw = xmalloc(INPUT_SNIFF);
	if (n > INPUT_SNIFF)
		fatalx("feed_input_fd: a head of %zu bytes", n);
	memcpy(in->raw, head, n);
	in->rawlen = in->total = n;
	if ((r = input_start(in, content_type)) != FEED_OK) {
		feed_input_free(in);
		return r;
	}
	*out = in;
	return FEED_OK;
}

FILE *
feed_input_stream(struct feed_input *in)
{
	return in->fp;
}

void
feed_input_stop(struct feed_input *in)
{
	in->stopped = true;
}

enum feed_result
feed_input_error(const struct feed_input *in)
{
	return in->error;
}

const char *
feed_input_warning(const struct feed_input *in, int *line)
{
	if (line != NULL)
		*line = in->warnline;
	return in->warning;
}

const char *
feed_input_next_run(struct feed_input *in)
{
	size_t end = in->run_open ? in->run_start : in->runslen;
	const char *r;

	if (in->runhead >= end)
		return "";
	r = in->runs + in->runhead;
	in->runhead += strlen(r) + 1;
	return r;
}

bool
feed_input_saw_markup(const struct feed_input *in)
{
	return in->saw_markup;
}

size_t
feed_input_bytes(const struct feed_input *in)
{
	return in->mem != NULL ? in->mempos : in->total;
}

void
feed_input_free(struct feed_input *in)
{
	if (in == NULL)
		return;
	if (in->fp != NULL)
		fclose(in->fp);
	free(in->raw);
	free(in->whole);
	free(in->dec);
	free(in->out);
	free(in->runs);
	free(in->open);
	tbuf_free(&in->decl);
	feed_dtd_free(in->dtd);
	free(in->warning);
	free(in);
}
