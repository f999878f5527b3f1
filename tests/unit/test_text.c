/*
 * Unit tests for src/text.c: tables of cases, one line per group ("ok" or
 * "FAIL"), the failing rows (check.h) followed by their bytes escaped.
 * Exits non-zero when any case fails.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "text.h"
#include "check.h"

#define R TEXT_REPLACEMENT
#define NITEMS(a) (sizeof(a) / sizeof((a)[0]))
/* A literal and its length, NUL bytes inside included. */
#define L(s) s, sizeof(s) - 1

/* Print s[0..n) with everything outside printable ASCII escaped. */
static void
show(const char *label, const char *s, size_t n)
{
	size_t i;

	fprintf(stderr, "    %s \"", label);
	if (s == NULL) {
		fputs("(null)\"\n", stderr);
		return;
	}
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\\' || c == '"')
			fprintf(stderr, "\\%c", c);
		else if (c >= 0x20 && c < 0x7F)
			fputc(c, stderr);
		else
			fprintf(stderr, "\\x%02X", c);
	}
	fputs("\"\n", stderr);
}

static void
shows(const char *label, const char *s)
{
	show(label, s, s != NULL ? strlen(s) : 0);
}

/* An exact-size heap copy, so that ASan sees any read past n. */
static char *
exact(const char *s, size_t n)
{
	char *p = malloc(n != 0 ? n : 1);

	if (p == NULL)
		abort();
	memcpy(p, s, n);
	return p;
}

static bool
same(const char *got, const char *want)
{
	return got != NULL && want != NULL && strcmp(got, want) == 0;
}

/* ---- UTF-8 ------------------------------------------------------------ */

static const struct {
	const char *in;
	size_t n;
	uint32_t cp;
	size_t len;
} decode_cases[] = {
	{ L("A"), 0x41, 1 },
	{ L("\xC3\xA9"), 0xE9, 2 },
	{ L("\xE6\x97\xA5"), 0x65E5, 3 },
	{ L("\xF0\x9F\x98\x80"), 0x1F600, 4 },
	{ L("\xEF\xBF\xBD"), 0xFFFD, 3 },
	{ L("\xED\x9F\xBF"), 0xD7FF, 3 },
	{ L("\xF4\x8F\xBF\xBF"), 0x10FFFF, 4 },
	{ L("\xC0\x80"), 0xFFFD, 1 },		/* overlong NUL */
	{ L("\xC1\xBF"), 0xFFFD, 1 },		/* overlong */
	{ L("\xE0\x80\xAF"), 0xFFFD, 1 },	/* overlong '/' */
	{ L("\xE0\x9F\xBF"), 0xFFFD, 1 },	/* overlong */
	{ L("\xF0\x80\x80\xAF"), 0xFFFD, 1 },	/* overlong '/' */
	{ L("\xF0\x8F\xBF\xBF"), 0xFFFD, 1 },	/* overlong */
	{ L("\xED\xA0\x80"), 0xFFFD, 1 },	/* surrogate D800 */
	{ L("\xED\xBF\xBF"), 0xFFFD, 1 },	/* surrogate DFFF */
	{ L("\xF4\x90\x80\x80"), 0xFFFD, 1 },	/* 0x110000 */
	{ L("\xF5\x80\x80\x80"), 0xFFFD, 1 },
	{ L("\xF8\x88\x80\x80\x80"), 0xFFFD, 1 },
	{ L("\xFF"), 0xFFFD, 1 },
	{ L("\x80"), 0xFFFD, 1 },		/* lone continuation */
	{ L("\xC3\x28"), 0xFFFD, 1 },		/* bad continuation */
	{ L("\xE6\x97"), 0xFFFD, 1 },		/* truncated at the end */
	{ L("\xF0\x9F\x98"), 0xFFFD, 1 },
	{ "\xE6\x97\xA5", 2, 0xFFFD, 1 },	/* n cuts the sequence */
	{ "\xE6\x97\xA5", 1, 0xFFFD, 1 },
	{ "", 0, 0xFFFD, 0 },
};

static void
test_decode(void)
{
	uint32_t cp;
	size_t i, len;
	bool ok;
	char *p;

	for (i = 0; i < NITEMS(decode_cases); i++) {
		p = exact(decode_cases[i].in, decode_cases[i].n);
		len = utf8_decode(p, decode_cases[i].n, &cp);
		free(p);
		ok = cp == decode_cases[i].cp && len == decode_cases[i].len;
		CHECKF(ok, "utf8_decode row %zu: got U+%04X/%zu, "
		    "want U+%04X/%zu", i, (unsigned)cp, len,
		    (unsigned)decode_cases[i].cp, decode_cases[i].len);
		if (!ok)
			show("in", decode_cases[i].in, decode_cases[i].n);
	}
}

static const struct {
	uint32_t cp;
	const char *want;
} encode_cases[] = {
	{ 0x41, "A" },
	{ 0x7F, "\x7F" },
	{ 0x80, "\xC2\x80" },
	{ 0x7FF, "\xDF\xBF" },
	{ 0x800, "\xE0\xA0\x80" },
	{ 0xFFFF, "\xEF\xBF\xBF" },
	{ 0x10000, "\xF0\x90\x80\x80" },
	{ 0x10FFFF, "\xF4\x8F\xBF\xBF" },
	{ 0xD800, R },
	{ 0xDFFF, R },
	{ 0x110000, R },
	{ 0xFFFFFFFF, R },
};

static void
test_encode(void)
{
	char out[4];
	uint32_t cp, back;
	size_t i, len;
	bool ok;

	for (i = 0; i < NITEMS(encode_cases); i++) {
		len = utf8_encode(encode_cases[i].cp, out);
		ok = len == strlen(encode_cases[i].want) &&
		    memcmp(out, encode_cases[i].want, len) == 0;
		CHECKF(ok, "utf8_encode row %zu (U+%04X)", i,
		    (unsigned)encode_cases[i].cp);
		if (!ok) {
			show("got", out, len);
			shows("want", encode_cases[i].want);
		}
	}
	/* Every scalar value survives a round trip. */
	for (cp = 0; cp <= 0x10FFFF; cp++) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		len = utf8_encode(cp, out);
		ok = utf8_decode(out, len, &back) == len && back == cp;
		CHECKF(ok, "round trip of U+%04X fails", (unsigned)cp);
		if (!ok)
			break;
	}
}

static const struct {
	const char *in;
	size_t n;
	bool valid;
	const char *repaired;
} repair_cases[] = {
	{ L("hello"), true, "hello" },
	{ L(""), true, "" },
	{ L("h\xC3\xA9llo \xE6\x97\xA5\xF0\x9F\x98\x80"), true,
	    "h\xC3\xA9llo \xE6\x97\xA5\xF0\x9F\x98\x80" },
	{ L("a\0b"), true, "ab" },			/* valid, but NUL goes */
	{ L("a\xC0\x80" "b"), false, "a" R R "b" },	/* overlong */
	{ L("\xED\xA0\x80"), false, R R R },		/* surrogate */
	{ L("\xF5\xF6\xFF"), false, R R R },
	{ L("\xF4\x90\x80\x80"), false, R R R R },
	{ L("\xE6\x97\xA5\xE8"), false, "\xE6\x97\xA5" R },
	{ L("ok\xE6\x97"), false, "ok" R R },		/* truncated at end */
	{ L("\xC3\x28"), false, R "(" },
	{ L(R), true, R },
};

static void
test_repair(void)
{
	size_t i;
	bool ok;
	char *p, *got;

	for (i = 0; i < NITEMS(repair_cases); i++) {
		p = exact(repair_cases[i].in, repair_cases[i].n);
		got = utf8_repair(p, repair_cases[i].n);
		ok = utf8_valid(p, repair_cases[i].n) ==
		    repair_cases[i].valid &&
		    same(got, repair_cases[i].repaired) &&
		    utf8_valid(got, strlen(got));
		CHECKF(ok, "utf8_repair/utf8_valid row %zu", i);
		if (!ok) {
			show("in", repair_cases[i].in, repair_cases[i].n);
			shows("got", got);
			shows("want", repair_cases[i].repaired);
		}
		free(got);
		free(p);
	}
}

#define NIHON "\xE6\x97\xA5\xE6\x9C\xAC"	/* 日本 */
#define GO "\xE8\xAA\x9E"			/* 語 */

/* ---- charsets --------------------------------------------------------- */

static const struct {
	const char *in;
	size_t n;
	const char *charset;
	size_t max;
	enum text_result r;
	const char *want;
} charset_cases[] = {
	{ L("R\xe9sum\xe9"), "ISO-8859-1", 100, TEXT_OK, "R\xC3\xA9sum\xC3\xA9" },
	{ L("caf\xe9"), "latin1", 100, TEXT_OK, "caf\xC3\xA9" },
	{ L("caf\xe9"), "iso_8859-1", 100, TEXT_OK, "caf\xC3\xA9" },
	{ L("caf\xe9"), "ISO8859-1", 100, TEXT_OK, "caf\xC3\xA9" },
	{ L("caf\xe9"), " \"Latin1\" ", 100, TEXT_OK, "caf\xC3\xA9" },
	/* smart quotes, and Latin-1 read as windows-1252 like browsers do */
	{ L("\x93" "hi" "\x94"), "windows-1252", 100, TEXT_OK,
	    "\xE2\x80\x9Chi\xE2\x80\x9D" },
	{ L("\x93" "hi" "\x94"), "ISO-8859-1", 100, TEXT_OK,
	    "\xE2\x80\x9Chi\xE2\x80\x9D" },
	{ L("\x93" "q" "\x94"), "us-ascii", 100, TEXT_OK,
	    "\xE2\x80\x9Cq\xE2\x80\x9D" },
	{ L("\x80 5"), "cp1252", 100, TEXT_OK, "\xE2\x82\xAC 5" },
	{ L("a\x81" "b"), "windows-1252", 100, TEXT_OK, "a" R "b" },
	{ L("\xe4"), "ISO-8859-15", 100, TEXT_OK, "\xC3\xA4" },
	{ L("\xa4"), "ISO-8859-15", 100, TEXT_OK, "\xE2\x82\xAC" },
	{ L("\xf0\xd2\xc9\xd7\xc5\xd4"), "KOI8-R", 100, TEXT_OK,
	    "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82" },
	{ L("\xf0\xd2\xc9\xd7\xc5\xd4"), "koi8_r", 100, TEXT_OK,
	    "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82" },
	{ L("\x93\xfa\x96\x7b\x8c\xea"), "Shift_JIS", 100, TEXT_OK,
	    "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E" },
	{ L("\x93\xfa\x96\x7b\x8c\xea"), "x-sjis", 100, TEXT_OK,
	    "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E" },
	{ L("a\x93"), "Shift_JIS", 100, TEXT_OK, "a" R },	/* truncated */
	{ L("\xd6\xd0\xce\xc4"), "GB18030", 100, TEXT_OK,
	    "\xE4\xB8\xAD\xE6\x96\x87" },
	{ L("\xd6\xd0\xce\xc4"), "gb2312", 100, TEXT_OK,
	    "\xE4\xB8\xAD\xE6\x96\x87" },
	{ L("\xd6\xd0\xce\xc4"), "GBK", 100, TEXT_OK,
	    "\xE4\xB8\xAD\xE6\x96\x87" },
	{ L("\xa2\xe3"), "gb18030", 100, TEXT_OK, "\xE2\x82\xAC" },
	{ L("\xb0\xa1"), "EUC-KR", 100, TEXT_OK, "\xEA\xB0\x80" },
	{ L("\xa4\xa4"), "Big5", 100, TEXT_OK, "\xE4\xB8\xAD" },
	{ L("h\0i\0"), "UTF-16LE", 100, TEXT_OK, "hi" },
	{ L("\xff\xfeh\0i\0"), "UTF-16", 100, TEXT_OK, "hi" },
	{ L("\0h\0i"), "utf-16be", 100, TEXT_OK, "hi" },
	{ L("\x00\xd8" "a\0"), "UTF-16LE", 100, TEXT_OK, R "a" },	/* lone surrogate */
	{ L("h\0i"), "UTF-16LE", 100, TEXT_OK, "h" R },		/* odd length */
	{ L("a\0b"), "latin1", 100, TEXT_OK, "ab" },		/* NUL dropped */
	{ L("\x1b$BF|K\\\x1b(B"), "ISO-2022-JP", 100, TEXT_OK, NIHON },
	{ L("\x86"), "IBM866", 100, TEXT_OK, "\xD0\x96" },
	{ L("\x8e"), "macintosh", 100, TEXT_OK, "\xC3\xA9" },
	{ L("ok\xC0\x80"), "UTF-8", 100, TEXT_OK, "ok" R R },
	{ L("ok\xC0\x80"), "utf8", 100, TEXT_OK, "ok" R R },
	{ L("caf\xC3\xA9"), "Utf_8", 100, TEXT_OK, "caf\xC3\xA9" },
	{ L("caf\xC3\xA9"), NULL, 100, TEXT_OK, "caf\xC3\xA9" },
	{ L("caf\xC3\xA9"), "", 100, TEXT_OK, "caf\xC3\xA9" },
	{ L(""), "latin1", 100, TEXT_OK, "" },
	{ L("abc"), "x-klingon", 100, TEXT_UNKNOWN_CHARSET, NULL },
	{ L("abc"), "latin1//TRANSLIT", 100, TEXT_UNKNOWN_CHARSET, NULL },
	{ L("abc"), "../../etc/passwd", 100, TEXT_UNKNOWN_CHARSET, NULL },
	{ L("abc"), "\"\"", 100, TEXT_UNKNOWN_CHARSET, NULL },
	{ L("abcd"), "utf-8", 3, TEXT_TOO_LARGE, NULL },
	{ L("abcd"), "utf-8", 4, TEXT_OK, "abcd" },
	{ L("R\xe9sum\xe9"), "latin1", 7, TEXT_TOO_LARGE, NULL },
	{ L("R\xe9sum\xe9"), "latin1", 8, TEXT_OK, "R\xC3\xA9sum\xC3\xA9" },
};

static void
test_charsets(void)
{
	enum text_result r;
	size_t i;
	bool ok;
	char *p, *got;

	for (i = 0; i < NITEMS(charset_cases); i++) {
		p = exact(charset_cases[i].in, charset_cases[i].n);
		got = (char *)"unset";
		r = text_to_utf8(p, charset_cases[i].n, charset_cases[i].charset,
		    charset_cases[i].max, &got);
		ok = r == charset_cases[i].r && (charset_cases[i].want == NULL ?
		    got == NULL : same(got, charset_cases[i].want));
		CHECKF(ok, "text_to_utf8 row %zu (%s): got %s, want %s", i,
		    charset_cases[i].charset != NULL ?
		    charset_cases[i].charset : "NULL",
		    text_strerror(r), text_strerror(charset_cases[i].r));
		if (!ok) {
			shows("got", got);
			shows("want", charset_cases[i].want);
		}
		free(got);
		free(p);
	}
}

static const struct {
	const char *name, *canonical;
	bool same;
} charset_is_cases[] = {
	{ "ISO_8859-1", "iso-8859-1", true },
	{ "iso88591", "ISO-8859-1", true },
	{ "utf8", "UTF-8", true },
	{ "UTF_8", "utf-8", true },
	{ "latin1", "iso-8859-1", false },
	{ "utf-16", "utf-8", false },
	{ "", "utf-8", false },
	{ NULL, "utf-8", false },
};

static void
test_charset_is(void)
{
	size_t i;

	for (i = 0; i < NITEMS(charset_is_cases); i++)
		CHECKF(text_charset_is(charset_is_cases[i].name,
		    charset_is_cases[i].canonical) == charset_is_cases[i].same,
		    "text_charset_is row %zu", i);
	/* the messages are distinct */
	CHECK(strcmp(text_strerror(TEXT_OK),
	    text_strerror(TEXT_TOO_LARGE)) != 0);
	CHECK(strcmp(text_strerror(TEXT_UNKNOWN_CHARSET),
	    text_strerror(TEXT_TOO_LARGE)) != 0);
}

/* ---- width ------------------------------------------------------------ */

static const struct {
	uint32_t cp;
	int width;
} cp_width_cases[] = {
	{ 0x41, 1 }, { 0x00, 0 }, { 0x1B, 0 }, { 0x7F, 0 }, { 0x85, 0 },
	{ 0x9B, 0 }, { 0xA0, 1 }, { 0xAD, 1 }, { 0xE9, 1 },
	{ 0x0300, 0 },			/* combining grave */
	{ 0x036F, 0 }, { 0x0370, 1 },
	{ 0x0483, 0 },			/* Cyrillic titlo */
	{ 0x0600, 1 },			/* Arabic number sign: shown */
	{ 0x0E31, 0 },			/* Thai vowel mark */
	{ 0x1160, 0 },			/* Hangul medial vowel */
	{ 0x1100, 2 },			/* Hangul initial consonant */
	{ 0x200B, 0 },			/* ZWSP */
	{ 0x200C, 0 },			/* ZWNJ */
	{ 0x200D, 0 },			/* ZWJ */
	{ 0x2060, 0 },			/* word joiner */
	{ 0x20AC, 1 },
	{ 0x2329, 2 }, { 0x231A, 2 },	/* watch, emoji presentation */
	{ 0x2600, 1 },			/* sun, text presentation */
	{ 0x2E80, 2 }, { 0x3000, 2 },	/* ideographic space */
	{ 0x302A, 0 },			/* ideographic tone mark */
	{ 0x3042, 2 }, { 0x4DC0, 2 }, { 0x4E00, 2 }, { 0x9FFF, 2 },
	{ 0xAC00, 2 }, { 0xD7A3, 2 }, { 0xD7B0, 0 },
	{ 0xF900, 2 },
	{ 0xFE00, 0 }, { 0xFE0F, 0 },	/* variation selectors */
	{ 0xFE10, 2 }, { 0xFEFF, 0 },
	{ 0xFF01, 2 }, { 0xFF60, 2 }, { 0xFF61, 1 }, { 0xFF71, 1 },
	{ 0xFFE0, 2 }, { 0xFFFD, 1 },
	{ 0x1F1E6, 1 },			/* regional indicator */
	{ 0x1F300, 2 }, { 0x1F321, 1 },	/* thermometer: text presentation */
	{ 0x1F3FB, 2 },			/* skin tone */
	{ 0x1F468, 2 }, { 0x1F600, 2 }, { 0x1F64F, 2 }, { 0x1F680, 2 },
	{ 0x1F90C, 2 }, { 0x1F9FF, 2 }, { 0x1FA70, 2 }, { 0x1FAF8, 2 },
	{ 0x20000, 2 }, { 0x2FFFD, 2 }, { 0x30000, 2 },
	{ 0xE0001, 0 },			/* language tag */
	{ 0xE0100, 0 }, { 0xE01EF, 0 },	/* variation selectors supplement */
	{ 0x10FFFF, 1 },
};

static const struct {
	const char *in;
	size_t width;
} width_cases[] = {
	{ "", 0 },
	{ "abc", 3 },
	{ "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", 6 },		/* 日本語 */
	{ "e\xCC\x81", 1 },					/* e + U+0301 */
	{ "\xC3\xA9", 1 },
	{ "a\xEF\xB8\x8F", 1 },					/* a + VS16 */
	{ "\xED\x95\x9C\xEA\xB5\xAD\xEC\x96\xB4", 6 },		/* 한국어 */
	{ "\xE1\x84\x80\xE1\x85\xA1", 2 },			/* jamo L + V */
	{ "\xEF\xBD\xB1", 1 },					/* halfwidth ｱ */
	{ "\xEF\xBC\xA1", 2 },					/* fullwidth Ａ */
	{ "\xF0\x9F\x98\x80", 2 },				/* 😀 */
	/* Man ZWJ woman ZWJ girl: counted per code point, the way curses
	 * places it (ZWJ 0, each person 2). */
	{ "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D"
	    "\xF0\x9F\x91\xA7", 6 },
	{ "\xF0\x9F\x87\xAB\xF0\x9F\x87\xB7", 2 },		/* flag FR */
	{ "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD", 4 },		/* thumbs + tone */
	{ "a\xE2\x80\x8B" "b", 2 },				/* ZWSP */
	{ "\xE2\x80\x8D\xE2\x80\x8C", 0 },			/* ZWJ ZWNJ */
	{ "x\xF3\xA0\x84\x80", 1 },				/* x + U+E0100 */
	{ "a\xFF" "b", 3 },					/* broken byte */
};

static void
test_width(void)
{
	size_t i, w;
	bool ok;

	for (i = 0; i < NITEMS(cp_width_cases); i++) {
		CHECKF(text_cp_width(cp_width_cases[i].cp) ==
		    cp_width_cases[i].width, "text_cp_width(U+%04X) = %d, want %d",
		    (unsigned)cp_width_cases[i].cp,
		    text_cp_width(cp_width_cases[i].cp),
		    cp_width_cases[i].width);
	}
	for (i = 0; i < NITEMS(width_cases); i++) {
		ok = (w = text_width(width_cases[i].in)) == width_cases[i].width;
		CHECKF(ok, "text_width row %zu = %zu, want %zu", i, w,
		    width_cases[i].width);
		if (!ok)
			shows("in", width_cases[i].in);
	}
}

#define ELL "\xE2\x80\xA6"			/* … */
#define ACUTE "\xCC\x81"			/* U+0301 */

static const struct {
	const char *in;
	size_t cols;
	bool pad, ascii;
	const char *want;
} fit_cases[] = {
	{ "hello", 10, false, false, "hello" },
	{ "hello", 10, true, false, "hello     " },
	{ "hello", 5, false, false, "hello" },
	{ "hello", 5, true, false, "hello" },
	{ "hello!", 5, false, false, "hell" ELL },
	{ "hello world", 8, false, false, "hello w" ELL },
	{ "hello world", 8, true, true, "hello w." },
	{ "hello world", 8, false, true, "hello w." },
	{ "hello", 1, false, false, ELL },
	{ "hello", 0, true, false, "" },
	{ "", 0, false, false, "" },
	{ "", 3, true, false, "   " },
	{ NIHON GO, 6, false, false, NIHON GO },
	{ NIHON GO, 5, false, false, NIHON ELL },
	/* 本 would straddle the last columns: a blank takes its place */
	{ NIHON GO, 4, false, false, "\xE6\x97\xA5 " ELL },
	{ NIHON GO, 4, true, false, "\xE6\x97\xA5 " ELL },
	{ NIHON GO, 3, false, false, "\xE6\x97\xA5" ELL },
	{ NIHON GO, 2, false, false, " " ELL },
	{ NIHON GO, 1, false, false, ELL },
	{ NIHON, 5, true, false, NIHON " " },
	{ NIHON, 5, false, false, NIHON },
	/* combining marks stay with their base */
	{ "e" ACUTE "e" ACUTE "e" ACUTE, 3, false, false,
	    "e" ACUTE "e" ACUTE "e" ACUTE },
	{ "e" ACUTE "e" ACUTE "e" ACUTE, 2, false, false, "e" ACUTE ELL },
	{ "abe" ACUTE "x", 3, false, false, "ab" ELL },
	{ "a\xFF" "b", 5, false, false, "a" R "b" },
};

static void
test_fit(void)
{
	size_t i;
	bool ok;
	char *got;

	for (i = 0; i < NITEMS(fit_cases); i++) {
		got = text_fit(fit_cases[i].in, fit_cases[i].cols,
		    fit_cases[i].pad, fit_cases[i].ascii);
		ok = same(got, fit_cases[i].want) &&
		    text_width(got) <= fit_cases[i].cols;
		CHECKF(ok, "text_fit row %zu (cols %zu, pad %d, ascii %d)", i,
		    fit_cases[i].cols, fit_cases[i].pad, fit_cases[i].ascii);
		if (!ok) {
			shows("got", got);
			shows("want", fit_cases[i].want);
		}
		free(got);
	}
}

/* ---- wrapping --------------------------------------------------------- */

static const struct {
	const char *in;
	size_t width;
	const char *indent, *hang;
	size_t n;
	const char *want;	/* the lines joined with '\n' */
} wrap_cases[] = {
	{ "", 10, NULL, NULL, 0, "" },
	{ "hello world foo", 11, NULL, NULL, 2, "hello world\nfoo" },
	{ "hello world", 5, NULL, NULL, 2, "hello\nworld" },
	{ "hello world", 80, NULL, NULL, 1, "hello world" },
	{ "aaa    bbb", 5, NULL, NULL, 2, "aaa\nbbb" },
	{ "a  b", 10, NULL, NULL, 1, "a  b" },
	{ "  code", 10, NULL, NULL, 1, "  code" },
	{ "trailing   ", 20, NULL, NULL, 1, "trailing" },
	{ "aaaaaaaaaa", 4, NULL, NULL, 3, "aaaa\naaaa\naa" },
	/* a URL is never broken: alone on its line, past the width */
	{ "see https://example.org/a/very/long/path now", 10, NULL, NULL, 3,
	    "see\nhttps://example.org/a/very/long/path\nnow" },
	{ "(www.example.org/long/path) x", 8, "  ", NULL, 2,
	    "  (www.example.org/long/path)\n  x" },
	{ "mailto:someone@example.org", 6, NULL, NULL, 1, "mailto:someone@example.org" },
	{ "aaaa://b notaurl://x", 6, NULL, NULL, 2, "aaaa://b\nnotaurl://x" },
	{ "xx ://nohost-at-all", 6, NULL, NULL, 4, "xx\n://noh\nost-at\n-all" },
	{ "a\n\nb", 10, NULL, NULL, 3, "a\n\nb" },
	{ "a\n\n\nb\n", 10, NULL, NULL, 4, "a\n\n\nb" },
	{ "a\n", 10, NULL, NULL, 1, "a" },
	{ "\n", 10, NULL, NULL, 1, "" },
	{ "one two three four", 10, "1. ", "   ", 3,
	    "1. one two\n   three\n   four" },
	{ "x\ny", 10, "1. ", "   ", 2, "1. x\n   y" },
	{ "alpha beta gamma", 8, "> ", NULL, 3, "> alpha\n> beta\n> gamma" },
	{ "a\n\nb", 10, "> ", NULL, 3, "> a\n>\n> b" },
	{ "a b", 10, "", "", 1, "a b" },
	/* the prefix alone fills the line: one character a line, still */
	{ "abc", 2, ">>> ", NULL, 3, ">>> a\n>>> b\n>>> c" },
	{ "ab cd", 0, NULL, NULL, 4, "a\nb\nc\nd" },
	{ "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xE3\x83\x86\xE3\x82\xAD"
	    "\xE3\x82\xB9\xE3\x83\x88", 6, NULL, NULL, 3,
	    "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\n\xE3\x83\x86\xE3\x82\xAD"
	    "\xE3\x82\xB9\n\xE3\x83\x88" },
	{ NIHON, 1, NULL, NULL, 2, "\xE6\x97\xA5\n\xE6\x9C\xAC" },
	{ NIHON GO, 5, NULL, NULL, 2, NIHON "\n" GO },
	{ "e" ACUTE "e" ACUTE "e" ACUTE, 2, NULL, NULL, 2,
	    "e" ACUTE "e" ACUTE "\ne" ACUTE },
	{ "caf\xC3\xA9 caf\xC3\xA9", 4, NULL, NULL, 2,
	    "caf\xC3\xA9\ncaf\xC3\xA9" },
	{ "aa bbbbbbbbbb cc", 6, NULL, NULL, 4, "aa\nbbbbbb\nbbbb\ncc" },
	{ "word", 4, "  ", NULL, 2, "  wo\n  rd" },
};

static void
test_wrap(void)
{
	struct text_lines lines;
	struct tbuf joined;
	size_t i, j;
	bool ok;

	for (i = 0; i < NITEMS(wrap_cases); i++) {
		text_wrap(wrap_cases[i].in, wrap_cases[i].width,
		    wrap_cases[i].indent, wrap_cases[i].hang, &lines);
		tbuf_init(&joined, 1 << 16);
		for (j = 0; j < lines.n; j++) {
			if ((j > 0 && !tbuf_addc(&joined, '\n')) ||
			    !tbuf_adds(&joined, lines.line[j]))
				abort();
		}
		ok = lines.n == wrap_cases[i].n &&
		    strcmp(tbuf_str(&joined), wrap_cases[i].want) == 0;
		CHECKF(ok, "text_wrap row %zu (width %zu): %zu lines, want %zu",
		    i, wrap_cases[i].width, lines.n, wrap_cases[i].n);
		if (!ok) {
			shows("in", wrap_cases[i].in);
			shows("got", tbuf_str(&joined));
			shows("want", wrap_cases[i].want);
		}
		tbuf_free(&joined);
		text_lines_free(&lines);
	}
	text_lines_free(NULL);
}

/* Wrapped lines never pass the width once it leaves room after the prefix. */
static void
test_wrap_widths(void)
{
	static const char text[] = "The quick brown fox jumps over the lazy "
	    "dog \xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E and "
	    "supercalifragilisticexpialidocious e" ACUTE "e" ACUTE " end";
	struct text_lines lines;
	size_t width, j;
	bool ok;

	for (width = 4; width <= 50; width++) {
		text_wrap(text, width, "> ", "> ", &lines);
		for (j = 0; j < lines.n; j++) {
			ok = text_width(lines.line[j]) <= width &&
			    utf8_valid(lines.line[j], strlen(lines.line[j]));
			CHECKF(ok, "text_wrap width %zu line %zu too wide",
			    width, j);
			if (!ok)
				shows("line", lines.line[j]);
		}
		text_lines_free(&lines);
	}
}

/* ---- sanitising ------------------------------------------------------- */

static const struct {
	const char *in;
	size_t n;
	bool keep_newlines;
	const char *want;
} sanitize_cases[] = {
	{ L("hello"), true, "hello" },
	{ L(""), true, "" },
	{ L("\xE6\x97\xA5 \xC3\xA9 \xF0\x9F\x98\x80"), true,
	    "\xE6\x97\xA5 \xC3\xA9 \xF0\x9F\x98\x80" },
	/* a title that sets the window title */
	{ L("\x1b]0;pwned\x07title"), true, "title" },
	{ L("\x1b]2;pwned\x1b\\title"), true, "title" },
	/* OSC 52 writes the clipboard */
	{ L("a\x1b]52;c;ZWNobyBwd25lZA==\x1b\\" "b"), true, "ab" },
	/* OSC 8 hyperlink */
	{ L("\x1b]8;;http://evil.example/\x1b\\" "click\x1b]8;;\x1b\\"), true,
	    "click" },
	{ L("\x1b]8;;http://evil.example/\x07" "click\x1b]8;;\x07"), true,
	    "click" },
	/* DCS (DECRQSS), SOS, PM, APC */
	{ L("x\x1bP$q\"p\x1b\\y"), true, "xy" },
	{ L("x\x1bX" "sos\x1b\\y"), true, "xy" },
	{ L("x\x1b^pm\x1b\\y"), true, "xy" },
	{ L("x\x1b_Gf=100;payload\x1b\\y"), true, "xy" },
	/* BEL does not end a DCS */
	{ L("x\x1bP" "a\x07" "b\x1b\\y"), true, "xy" },
	/* CSI */
	{ L("\x1b[31mred\x1b[0m"), true, "red" },
	{ L("\x1b[1;2;3;4;5;6;7;8;9;10;11;12;13;14;15;16;17;18;19;20;21;22;"
	    "23;24;25;26;27;28;29;30;31;32;33;34;35;36;37;38;39;40mred"), true,
	    "red" },
	{ L("\x1b[?1049h" "x"), true, "x" },
	{ L("\x1b[2 q" "y"), true, "y" },
	{ L("\x1b[38;2;255;0;0mz"), true, "z" },
	{ L("\x1b[2J\x1b[Hclear"), true, "clear" },
	{ L("\x1b[6n" "q"), true, "q" },		/* cursor report */
	{ L("\x1b[21t" "q"), true, "q" },		/* title report */
	/* C1 controls as code points U+0080..U+009F */
	{ L("a\xC2\x9B" "31mb"), true, "ab" },		/* CSI */
	{ L("a\xC2\x9D" "0;t\xC2\x9C" "b"), true, "ab" },	/* OSC ... ST */
	{ L("a\xC2\x9D" "0;t\x07" "b"), true, "ab" },
	{ L("a\xC2\x9D" "0;t\x1b\\b"), true, "ab" },
	{ L("a\xC2\x90" "q\xC2\x9C" "b"), true, "ab" },		/* DCS */
	{ L("a\xC2\x98" "q\xC2\x9C" "b"), true, "ab" },		/* SOS */
	{ L("a\xC2\x9E" "q\xC2\x9C" "b"), true, "ab" },		/* PM */
	{ L("a\xC2\x9F" "q\xC2\x9C" "b"), true, "ab" },		/* APC */
	{ L("a\xC2\x85" "b\xC2\x80" "c\xC2\x9C" "d"), true, "abcd" },
	{ L("a\xC2\x9B"), true, "a" },
	/* raw 8-bit C1 bytes are broken UTF-8: U+FFFD, never a sequence */
	{ L("a\x9B" "31mb"), true, "a" R "31mb" },
	{ L("a\x9D" "0;t"), true, "a" R "0;t" },
	/* U+011C is C4 9C: no ST hides inside a character */
	{ L("\x1b]0;\xC4\x9C" "x\x07y"), true, "y" },
	/* a CSI ends at the first byte that cannot be part of it */
	{ L("\x1b[31\x1b[0mx"), true, "x" },
	{ L("\x1b[31\xC3\xA9"), true, "\xC3\xA9" },
	{ L("e\xCC\x81"), true, "e\xCC\x81" },
	/* two-byte escapes */
	{ L("\x1b" "cReset"), true, "Reset" },
	{ L("\x1b(Bx"), true, "x" },
	{ L("\x1b#8x"), true, "x" },
	{ L("\x1b" "7x\x1b" "8"), true, "x" },
	{ L("\x1b" "=" "k"), true, "k" },
	{ L("\x1b\x1b[31mx"), true, "x" },
	{ L("\x1b\xC3\xA9"), true, "\xC3\xA9" },
	{ L("a\x1b\nb"), true, "a\nb" },
	/* truncated escapes at the end of input */
	{ L("abc\x1b"), true, "abc" },
	{ L("abc\x1b["), true, "abc" },
	{ L("abc\x1b[12;"), true, "abc" },
	{ L("abc\x1b(" ), true, "abc" },
	{ L("abc\x1b]0;unterminated title"), true, "abc" },
	{ L("abc\x1b]52;c;AAAA\x1b"), true, "abc" },
	{ L("abc\x1bPunterminated"), true, "abc" },
	{ L("abc\xC2\x9D" "0;x"), true, "abc" },
	{ L("abc\xC2"), true, "abc" R },
	/* ESC inside a string ends it; CAN and SUB cancel it */
	{ L("\x1b]0;t\x1b[31mX"), true, "X" },
	{ L("\x1b]0;t\x18X"), true, "X" },
	{ L("\x1b]0;t\x1aX"), true, "X" },
	/* NUL, other C0 controls, DEL */
	{ L("a\0b"), true, "ab" },
	{ L("\0\0"), true, "" },
	{ L("a\x07" "b\x08" "c\x0B" "d\x0C" "e\x0E" "f\x1F" "g"), true, "abcdefg" },
	{ L("a\x7F" "b"), true, "ab" },
	/* bidi controls */
	{ L("abc\xE2\x80\xAE" "fdp.exe"), true, "abcfdp.exe" },
	{ L("\xE2\x80\xAA" "a\xE2\x80\xAB" "b\xE2\x80\xAC" "c\xE2\x80\xAD" "d"),
	    true, "abcd" },
	{ L("\xE2\x81\xA6" "a\xE2\x81\xA7" "b\xE2\x81\xA8" "c\xE2\x81\xA9" "d"),
	    true, "abcd" },
	{ L("a\xE2\x80\x8E" "b\xE2\x80\x8F" "c\xD8\x9C" "d"), true, "abcd" },
	{ L("\xEF\xBB\xBFhi"), true, "hi" },		/* BOM */
	/* newlines */
	{ L("a\r\nb"), true, "a\nb" },
	{ L("a\rb"), true, "a\nb" },
	{ L("a\r"), true, "a\n" },
	{ L("a\nb\n"), true, "a\nb\n" },
	{ L("a\nb"), false, "a b" },
	{ L("a\r\nb"), false, "a b" },
	{ L("a\xE2\x80\xA8" "b"), true, "a\nb" },	/* U+2028 */
	/* tabs */
	{ L("a\tb"), true, "a       b" },
	{ L("\tx"), true, "        x" },
	{ L("abcdefgh\tx"), true, "abcdefgh        x" },
	{ L("abcdefg\tx"), true, "abcdefg x" },
	{ L("\xE6\x97\xA5\tx"), true, "\xE6\x97\xA5      x" },
	{ L("e" ACUTE "\tx"), true, "e" ACUTE "       x" },
	{ L("ab\n\tc"), true, "ab\n        c" },
	{ L("\x1b[31m\tx"), true, "        x" },
	{ L("a\tb\nc\td"), false, "a       b c     d" },
	/* invalid UTF-8 */
	{ L("\xC0\x80"), true, R R },			/* overlong */
	{ L("\xED\xA0\x80"), true, R R R },		/* surrogate */
	{ L("\xF5\x80"), true, R R },
	{ L("\xFE\xFF"), true, R R },
	{ L("ok\xE6\x97"), true, "ok" R R },		/* truncated */
	{ L(R), true, R },
};

static void
test_sanitize(void)
{
	size_t i;
	bool ok;
	char *p, *got;

	for (i = 0; i < NITEMS(sanitize_cases); i++) {
		p = exact(sanitize_cases[i].in, sanitize_cases[i].n);
		got = text_sanitize(p, sanitize_cases[i].n,
		    sanitize_cases[i].keep_newlines);
		ok = same(got, sanitize_cases[i].want);
		CHECKF(ok, "text_sanitize row %zu (keep_newlines %d)", i,
		    sanitize_cases[i].keep_newlines);
		if (!ok) {
			show("in", sanitize_cases[i].in, sanitize_cases[i].n);
			shows("got", got);
			shows("want", sanitize_cases[i].want);
		}
		free(got);
		free(p);
	}
	/* Every single byte and every pair: nothing unsafe comes out. */
	for (i = 0; i < 256 * 256; i++) {
		char in[3] = { (char)(i >> 8), (char)(i & 0xFF), 'x' };
		uint32_t cp;
		size_t k, len;

		got = text_sanitize(in, sizeof(in), false);
		for (k = 0; got[k] != '\0'; k += len) {
			len = utf8_decode(got + k, strlen(got + k), &cp);
			ok = !(cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) ||
			    (cp >= 0x202A && cp <= 0x202E) ||
			    (cp >= 0x2066 && cp <= 0x2069));
			CHECKF(ok, "text_sanitize lets U+%04X through",
			    (unsigned)cp);
			if (!ok)
				break;
		}
		CHECK(utf8_valid(got, strlen(got)));
		free(got);
		if (check_failures > 10)
			break;
	}
	got = text_sanitize(NULL, 0, true);
	CHECK_STR(got, "");
	free(got);
}

static const struct {
	const char *in;
	const char *want;
} line_cases[] = {
	{ "  Hello\n\tworld  ", "Hello world" },
	{ "\x1b]0;x\x07  Title \r\n", "Title" },
	{ "", "" },
	{ " \t\r\n ", "" },
	{ "a\xE2\x80\xAE b", "a b" },
	{ "one\n\ntwo", "one two" },
	{ "\xE6\x97\xA5\t\xE6\x9C\xAC", "\xE6\x97\xA5 \xE6\x9C\xAC" },
	{ "a\xC2\xA0" "b", "a\xC2\xA0" "b" },		/* NBSP is not squeezed */
};

static const struct {
	const char *in;
	const char *want;
} squeeze_cases[] = {
	{ "  a  b\t\nc  ", "a b c" },
	{ "", "" },
	{ "   ", "" },
	{ "abc", "abc" },
	{ "\va\fb\r", "a b" },
};

static void
test_lines(void)
{
	size_t i;
	bool ok;
	char *got;

	for (i = 0; i < NITEMS(line_cases); i++) {
		got = text_sanitize_line(line_cases[i].in);
		ok = same(got, line_cases[i].want);
		CHECKF(ok, "text_sanitize_line row %zu", i);
		if (!ok) {
			shows("got", got);
			shows("want", line_cases[i].want);
		}
		free(got);
	}
	for (i = 0; i < NITEMS(squeeze_cases); i++) {
		char *s = xstrdup(squeeze_cases[i].in);

		ok = text_squeeze(s) == s &&
		    strcmp(s, squeeze_cases[i].want) == 0;
		CHECKF(ok, "text_squeeze row %zu", i);
		if (!ok) {
			shows("got", s);
			shows("want", squeeze_cases[i].want);
		}
		free(s);
	}
}

/* ---- tbuf and allocation ---------------------------------------------- */

static void
test_tbuf(void)
{
	struct tbuf b;
	char *s;
	size_t i;

	tbuf_init(&b, 10);
	CHECK(strcmp(tbuf_str(&b), "") == 0);
	CHECK(tbuf_add(&b, "hello", 5));
	CHECK(b.len == 5 && strcmp(tbuf_str(&b), "hello") == 0);
	CHECK(!tbuf_add(&b, "world!", 6));
	CHECK(b.len == 5 && strcmp(tbuf_str(&b), "hello") == 0);
	CHECK(tbuf_adds(&b, "world"));
	CHECK(b.len == 10 && strcmp(tbuf_str(&b), "helloworld") == 0);
	CHECK(b.cap <= 11);
	CHECK(!tbuf_addc(&b, 'x'));
	CHECK(!tbuf_printf(&b, "%d", 1));
	CHECK(tbuf_add(&b, "", 0));
	CHECK(strcmp(tbuf_str(&b), "helloworld") == 0);
	tbuf_clear(&b);
	CHECK(b.len == 0 && strcmp(tbuf_str(&b), "") == 0);
	CHECK(tbuf_printf(&b, "%s-%d", "ab", 12));
	CHECK(strcmp(tbuf_str(&b), "ab-12") == 0);
	CHECK(!tbuf_printf(&b, "%s", "123456"));
	CHECK(strcmp(tbuf_str(&b), "ab-12") == 0);
	CHECK(tbuf_printf(&b, "%s", "12345"));
	CHECK(strcmp(tbuf_str(&b), "ab-1212345") == 0);
	s = tbuf_take(&b);
	CHECK(strcmp(s, "ab-1212345") == 0);
	free(s);
	CHECK(b.len == 0 && b.ptr == NULL && strcmp(tbuf_str(&b), "") == 0);
	s = tbuf_take(&b);
	CHECK(s != NULL && strcmp(s, "") == 0);
	free(s);
	CHECK(tbuf_addc(&b, 'z'));
	tbuf_free(&b);
	tbuf_free(&b);
	tbuf_free(NULL);

	/* doubling, capped at the maximum */
	tbuf_init(&b, 100);
	for (i = 0; i < 100; i++)
		CHECK(tbuf_addc(&b, 'a'));
	CHECK(b.len == 100 && b.cap <= 101 && strlen(tbuf_str(&b)) == 100);
	CHECK(!tbuf_addc(&b, 'a'));
	tbuf_free(&b);

	tbuf_init(&b, TEXT_MAX_STRING);
	for (i = 0; i < 65; i++)
		CHECK(tbuf_addc(&b, 'a'));
	CHECK(b.cap == 128);
	CHECK(tbuf_printf(&b, "%500s", "x"));
	CHECK(b.len == 565 && b.cap == 1024);
	tbuf_free(&b);

	/* a zero maximum takes nothing */
	tbuf_init(&b, 0);
	CHECK(!tbuf_addc(&b, 'a'));
	CHECK(tbuf_add(&b, "", 0));
	CHECK(strcmp(tbuf_str(&b), "") == 0);
	tbuf_free(&b);

	/* the largest maximum does not overflow */
	tbuf_init(&b, SIZE_MAX);
	CHECK(tbuf_adds(&b, "ok"));
	CHECK(!tbuf_add(&b, "x", SIZE_MAX - 2));
	CHECK(strcmp(tbuf_str(&b), "ok") == 0);
	tbuf_free(&b);
}

static void
test_alloc(void)
{
	char buf[8], *s;
	int *v;
	size_t i;

	CHECK(xsnprintf(buf, sizeof(buf), "%s", "1234567") == 7);
	CHECK(strcmp(buf, "1234567") == 0);
	s = xasprintf("%d-%s", 5, "x");
	CHECK(strcmp(s, "5-x") == 0);
	free(s);
	s = xasprintf("%s", "");
	CHECK(strcmp(s, "") == 0);
	free(s);
	s = xstrndup("hello", 3);
	CHECK(strcmp(s, "hel") == 0);
	free(s);
	s = xstrndup("hi", 10);
	CHECK(strcmp(s, "hi") == 0);
	free(s);
	s = xstrdup("dup");
	CHECK(strcmp(s, "dup") == 0);
	free(s);
	v = xcalloc(16, sizeof(*v));
	for (i = 0; i < 16; i++)
		CHECK(v[i] == 0);
	v = xreallocarray(v, 1000, sizeof(*v));
	v[999] = 1;
	v = xrealloc(v, 4);
	free(v);
	free(xmalloc(1));
}

/* Each of these must end the program with a message, hook first. */
static void
die_malloc0(void)
{
	free(xmalloc(0));
}

static void
die_calloc(void)
{
	free(xcalloc(SIZE_MAX / 2, 3));
}

static void
die_array(void)
{
	free(xreallocarray(NULL, SIZE_MAX / 4, 8));
}

static void
die_realloc0(void)
{
	free(xrealloc(NULL, 0));
}

static void
die_snprintf(void)
{
	char buf[4];

	xsnprintf(buf, sizeof(buf), "%s", "toolong");
}

static void
die_fatalx(void)
{
	fatalx("bad %s", "thing");
}

static const struct {
	const char *name;
	void (*fn)(void);
	const char *message;
} die_cases[] = {
	{ "xmalloc(0)", die_malloc0, "tidings: xmalloc: zero size\n" },
	{ "xcalloc overflow", die_calloc, "tidings: xcalloc: " },
	{ "xreallocarray overflow", die_array, "tidings: xreallocarray: " },
	{ "xrealloc(0)", die_realloc0, "tidings: xrealloc: zero size\n" },
	{ "xsnprintf truncation", die_snprintf, "tidings: xsnprintf: " },
	{ "fatalx", die_fatalx, "tidings: bad thing\n" },
};

static void
restore(void)
{
	fputs("restored\n", stderr);
}

static void
test_fatal(void)
{
	char out[512];
	size_t i, got;
	ssize_t r;
	int fd[2], status;
	bool ok;
	pid_t pid;

	for (i = 0; i < NITEMS(die_cases); i++) {
		fflush(stdout);
		if (pipe(fd) != 0 || (pid = fork()) == -1)
			abort();
		if (pid == 0) {
			dup2(fd[1], STDERR_FILENO);
			close(fd[0]);
			close(fd[1]);
			fatal_set_restore(restore);
			die_cases[i].fn();
			_exit(99);
		}
		close(fd[1]);
		got = 0;
		while (got < sizeof(out) - 1 &&
		    (r = read(fd[0], out + got, sizeof(out) - 1 - got)) > 0)
			got += (size_t)r;
		out[got] = '\0';
		close(fd[0]);
		waitpid(pid, &status, 0);
		ok = WIFEXITED(status) && WEXITSTATUS(status) == 1 &&
		    strncmp(out, "restored\n", 9) == 0 &&
		    strncmp(out + 9, die_cases[i].message,
		    strlen(die_cases[i].message)) == 0;
		CHECKF(ok, "%s: status %d", die_cases[i].name, status);
		if (!ok)
			shows("stderr", out);
	}
}

/* text_find_label: the one charset-label reader of feed and readable. */
static const struct {
	const char *in, *name, *want;	/* want NULL: no label */
} label_cases[] = {
	{ "text/html; charset=ISO-8859-1", "charset", "ISO-8859-1" },
	{ "text/html;charset=\"utf-8\"", "charset", "utf-8" },
	{ "text/xml; charset = 'windows-1252' ; x=y", "charset", "windows-1252" },
	{ "<?xml version=\"1.0\" encoding=\"Shift_JIS\"?>", "encoding", "Shift_JIS" },
	{ "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">",
	  "charset", "gb2312" },
	{ "<meta name=\"charsets\" charset=koi8-r>", "charset", "koi8-r" },
	{ "<meta charset>", "charset", NULL },
	{ "text/html", "charset", NULL },
	{ "charset=", "charset", NULL },
	{ "charset=\"\"", "charset", NULL },
};

static void
test_find_label(void)
{
	char buf[16];
	size_t i;

	for (i = 0; i < NITEMS(label_cases); i++) {
		bool got = text_find_label(label_cases[i].in,
		    strlen(label_cases[i].in), label_cases[i].name, buf, sizeof(buf));

		CHECKF(got == (label_cases[i].want != NULL), "row %zu: %s", i,
		    label_cases[i].in);
		if (got && label_cases[i].want != NULL)
			CHECK_STR(buf, label_cases[i].want);
	}
	/* a label longer than the buffer is cut there, not overrun */
	CHECK(text_find_label("charset=abcdefghijklmnopqrstuvwxyz", 34,
	    "charset", buf, sizeof(buf)) && strlen(buf) == sizeof(buf) - 1);
}

/* utf8_valid reads ASCII a word at a time: a bad byte, a cut sequence or
 * a good one is judged the same at every offset from the start. */
static void
test_valid_offsets(void)
{
	static const char *const bad[] = { "\xff", "\xc3", "\xe2\x82", "\xc0\xaf" };
	char buf[64];
	size_t i, k;

	for (k = 0; k < NITEMS(bad); k++)
		for (i = 0; i + strlen(bad[k]) + 3 < sizeof(buf); i++) {
			memset(buf, 'a', sizeof(buf));
			memcpy(buf + i, bad[k], strlen(bad[k]));
			CHECKF(!utf8_valid(buf, sizeof(buf)), "bad %zu at %zu read as valid", k, i);
			CHECKF(!utf8_valid(buf, i + strlen(bad[k])),
			    "bad %zu ending the text at %zu read as valid", k, i);
		}
	for (i = 0; i + 4 < sizeof(buf); i++) {
		memset(buf, 'a', sizeof(buf));
		memcpy(buf + i, "\xe2\x82\xac", 3);
		CHECKF(utf8_valid(buf, sizeof(buf)), "euro sign at %zu read as bad", i);
	}
}

/* A file read whole, or its first max bytes with EFBIG; a pipe the same;
 * a missing file ENOENT. */
static void
test_read_file(void)
{
	char path[] = "/tmp/tidings-test-read.XXXXXX";
	int fd = mkstemp(path), p[2];
	size_t i, n = 100003;
	char *want = xmalloc(n);
	struct tbuf b;
	bool ok;

	CHECK(fd >= 0);
	for (i = 0; i < n; i++)
		want[i] = (char)('a' + i % 26);
	CHECK(write(fd, want, n) == (ssize_t)n);
	close(fd);
	ok = text_read_file(path, n, &b);
	CHECK(ok && b.len == n && memcmp(b.ptr, want, n) == 0 && b.ptr[n] == '\0');
	tbuf_free(&b);
	errno = 0;
	ok = text_read_file(path, 4096, &b);
	CHECK(!ok && errno == EFBIG && b.len == 4096 && memcmp(b.ptr, want, 4096) == 0);
	tbuf_free(&b);
	/* an fd part read already: the rest */
	fd = open(path, O_RDONLY);
	CHECK(fd >= 0 && lseek(fd, 3, SEEK_SET) == 3);
	ok = text_read_fd(fd, n, &b);
	CHECK(ok && b.len == n - 3 && memcmp(b.ptr, want + 3, n - 3) == 0);
	tbuf_free(&b);
	close(fd);
	CHECK(pipe(p) == 0);
	CHECK(write(p[1], want, 5000) == 5000);
	close(p[1]);
	ok = text_read_fd(p[0], n, &b);
	CHECK(ok && b.len == 5000 && memcmp(b.ptr, want, 5000) == 0);
	tbuf_free(&b);
	close(p[0]);
	unlink(path);
	errno = 0;
	CHECK(!text_read_file(path, n, &b) && errno == ENOENT);
	tbuf_free(&b);
	free(want);
}

/* The one English RFC 822 date, whatever LC_TIME says. */
static void
test_http_date(void)
{
	static const struct {
		time_t t;
		const char *want;
	} rows[] = {
		{ 0, "Thu, 01 Jan 1970 00:00:00 GMT" },
		{ 951782400, "Tue, 29 Feb 2000 00:00:00 GMT" },
		{ 1796573823, "Sun, 06 Dec 2026 16:17:03 GMT" },
	};
	size_t i;

	for (i = 0; i < NITEMS(rows); i++) {
		char *got = text_http_date(rows[i].t);

		CHECKF(got != NULL && strcmp(got, rows[i].want) == 0,
		    "text_http_date(%lld): %s", (long long)rows[i].t, got ? got : "NULL");
		free(got);
	}
}

/* Blocks come back aligned, apart, and as asked: zeroed, copied, and a big
 * one in a chunk of its own while the small ones go on filling theirs. */
static void
test_arena(void)
{
	struct arena a = { NULL, 256 };
	char *p[64], *big, *s;
	size_t i, j;

	for (i = 0; i < NITEMS(p); i++) {
		p[i] = arena_zalloc(&a, i % 13 + 1);
		CHECKF(((uintptr_t)p[i] % ARENA_ALIGN) == 0, "block %zu misaligned", i);
		for (j = 0; j < i % 13 + 1; j++)
			CHECKF(p[i][j] == 0, "block %zu not zeroed", i);
		memset(p[i], (int)i, i % 13 + 1);
	}
	big = arena_alloc(&a, 1000);
	memset(big, 'x', 1000);
	s = arena_strndup(&a, "headline and more", 8);
	CHECK(strcmp(s, "headline") == 0);
	for (i = 0; i < NITEMS(p); i++)
		for (j = 0; j < i % 13 + 1; j++)
			CHECKF(p[i][j] == (char)i, "block %zu overwritten", i);
	CHECK(arena_alloc(&a, 0) != NULL);
	arena_free(&a);
	CHECK(a.head == NULL);
	CHECK(strcmp(arena_strndup(&a, "again", 5), "again") == 0);
	arena_free(&a);
}

static bool
resident(const void *p)
{
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
	unsigned char v = 0;

	return mincore((void *)((uintptr_t)p & ~(page - 1)), page, &v) == 0 && (v & 1);
}

/* Big buffers and arena chunks have their pages asked for ahead of the
 * writes (fewer page faults): a page not yet written is already there. */
static void
test_populate(void)
{
	struct arena a = { NULL, 1u << 20 };
	struct tbuf b;
	char *p, *fill = xcalloc(1, 70u << 10);
	size_t i, ahead;
	void *probe = mmap(NULL, 1u << 16, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK(probe != MAP_FAILED);
#ifdef MADV_POPULATE_WRITE
	if (madvise(probe, 1u << 16, MADV_POPULATE_WRITE) != 0) {
		printf("SKIP part: this kernel has no MADV_POPULATE_WRITE\n");
		goto done;
	}
#else
	printf("SKIP part: built without MADV_POPULATE_WRITE\n");
	goto done;
#endif
	p = arena_alloc(&a, 16);
	CHECK(resident(p + (32u << 10)));	/* 32 KiB past the block */
	CHECK(!resident(p + (512u << 10)));	/* but not the whole MiB */
	tbuf_init(&b, SIZE_MAX);
	CHECK(tbuf_add(&b, fill, 70u << 10));
	CHECK(b.cap >= (120u << 10) && resident(b.ptr + (120u << 10)));
	tbuf_free(&b);
	/* ahead of the writes, not the whole capacity: 300 KiB in 512 */
	tbuf_init(&b, SIZE_MAX);
	for (i = 0; i < 30; i++)
		CHECK(tbuf_add(&b, fill, 10u << 10));
	CHECK(b.cap == (512u << 10));
	for (ahead = 0, i = 4096; i <= (64u << 10); i += 4096)
		ahead += resident(b.ptr + b.len + i);
	CHECK(ahead > 0);	/* some of the next 64 KiB, not yet written */
	CHECK(!resident(b.ptr + (480u << 10)));
	tbuf_free(&b);
done:
	arena_free(&a);
	munmap(probe, 1u << 16);
	free(fill);
}

static const struct {
	const char *name;
	void (*fn)(void);
} groups[] = {
	{ "populate", test_populate },
	{ "text_read_file", test_read_file },
	{ "text_http_date", test_http_date },
	{ "arena", test_arena },
	{ "utf8_decode", test_decode },
	{ "utf8_encode", test_encode },
	{ "utf8_repair", test_repair },
	{ "utf8_valid", test_valid_offsets },
	{ "text_to_utf8", test_charsets },
	{ "text_charset_is", test_charset_is },
	{ "text_find_label", test_find_label },
	{ "width", test_width },
	{ "text_fit", test_fit },
	{ "text_wrap", test_wrap },
	{ "text_wrap widths", test_wrap_widths },
	{ "text_sanitize", test_sanitize },
	{ "text_sanitize_line", test_lines },
	{ "tbuf", test_tbuf },
	{ "allocation", test_alloc },
	{ "fatal", test_fatal },
};

int
main(void)
{
	size_t i;

	for (i = 0; i < NITEMS(groups); i++) {
		int before = check_failures;

		groups[i].fn();
		printf("%s %s\n", check_failures != before ? "FAIL" : "ok",
		    groups[i].name);
	}
	return check_finish();
}
