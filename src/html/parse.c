/*
 * html/parse.c: the one way into gumbo: html_parse() with its input cap and
 * html_limit_nesting(), which keeps gumbo's quadratic tree building away
 * from deep nesting.
 */
#include "config.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <gumbo.h>

#include "html.h"
#include "text.h"

static bool
ascii_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Void elements, and those a parser closes by itself, which an estimate of
 * nesting must not count as open. */
static bool
opens(const char *name, size_t n)
{
	static const char *const closed[] = { "area", "base", "br", "col",
	    "embed", "hr", "img", "input", "link", "meta", "param", "source",
	    "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option",
	    "optgroup", "rb", "rt", "rp", "thead", "tbody", "tfoot",
	    "colgroup", "caption", "image", "keygen", "basefont", "bgsound",
	    "frame" };
	size_t i;

	if (n > 8)	/* longer than any of them */
		return true;
	for (i = 0; i < sizeof(closed) / sizeof(closed[0]); i++)
		if ((closed[i][0] | 0x20) == (name[0] | 0x20) &&
		    strlen(closed[i]) == n &&
		    strncasecmp(closed[i], name, n) == 0)
			return false;
	return true;
}

/*
 * gumbo's tree building slows down with the square of the nesting depth
 * (100 000 unclosed <div>s take minutes), so when an estimate of the open
 * elements passes HTML_MAX_NESTING, the opening tags past it are left out
 * of a copy of the input (their text stays). Honest HTML never comes near.
 * gumbo also takes some 2 us and 400 bytes per element, so the input is
 * cut before the tag that would pass HTML_MAX_ELEMENTS.
 */
char *
html_limit_nesting(const char *s, size_t n, size_t *outlen)
{
	size_t i = 0, depth = 0, done = 0, tags = 0;
	struct tbuf b;
	bool copying = false;

	tbuf_init(&b, n);	/* the copy only ever leaves bytes out */
	while (i < n) {
		const char *lt = memchr(s + i, '<', n - i), *gt;
		size_t j, start;
		bool close;

		if (lt == NULL)
			break;
		start = (size_t)(lt - s);
		i = start + 1;
		close = i < n && s[i] == '/';
		if (close)
			i++;
		for (j = i; j < n && ascii_alpha(s[j]); j++)
			;
		if (j == i)
			continue;
		if (!close && ++tags > HTML_MAX_ELEMENTS) {
			n = start;	/* the rest is cut */
			break;
		}
		if (close) {
			if (depth > 0)
				depth--;
		} else if (opens(s + i, j - i)) {
			gt = memchr(s + j, '>', n - j);
			if (gt != NULL && gt > s + j && gt[-1] == '/')
				;	/* <x/> */
			else if (++depth > HTML_MAX_NESTING) {
				depth--;
				if (gt == NULL)
					break;
				/* copy up to the tag, leave the tag out */
				if (!tbuf_add(&b, s + done, start - done))
					break;
				copying = true;
				done = (size_t)(gt + 1 - s);
				i = done;
				continue;
			}
		}
		i = j;
	}
	*outlen = n;
	if (!copying) {
		tbuf_free(&b);
		return NULL;
	}
	if (!tbuf_add(&b, s + done, n - done))
		fatalx("html: out of room");
	*outlen = b.len;
	return tbuf_take(&b);
}

/* Whether s[0..n) holds what opens a terminal sequence: ESC, or a C1
 * control (U+0080..U+009F, "\xc2\x80".."\xc2\x9f" in UTF-8). */
static bool
has_sequence_opener(const char *s, size_t n)
{
	const char *p = s, *end = s + n;

	if (memchr(s, '\x1b', n) != NULL)
		return true;
	while ((p = memchr(p, '\xc2', (size_t)(end - p))) != NULL && p + 1 < end) {
		if ((unsigned char)p[1] >= 0x80 && (unsigned char)p[1] <= 0x9f)
			return true;
		p++;
	}
	return false;
}

/*
 * gumbo turns a C1 control into U+FFFD and keeps what followed it, so
 * text_sanitize could no longer tell "U+009B 31m" is a sequence and "31m"
 * would show. So before gumbo sees s[0..n), each stretch between '<' and
 * '>' that opens a sequence goes through text_sanitize (newlines kept):
 * the sequence goes whole, and an unterminated one ends at the stretch's
 * end, not the document's. Returns NULL when no stretch needs it (honest
 * HTML), else a new string of *outlen bytes, cut at HTML_MAX_INPUT.
 */
static char *
strip_sequences(const char *s, size_t n, size_t *outlen)
{
	struct tbuf b;
	size_t i = 0, j;

	*outlen = n;
	if (!has_sequence_opener(s, n))
		return NULL;
	tbuf_init(&b, HTML_MAX_INPUT);
	while (i < n) {
		char *clean = NULL;
		bool ok;

		for (j = i; j < n && s[j] != '<' && s[j] != '>'; j++)
			;
		if (has_sequence_opener(s + i, j - i)) {
			clean = text_sanitize(s + i, j - i, true);
			ok = tbuf_adds(&b, clean);
		} else
			ok = tbuf_add(&b, s + i, j - i);
		free(clean);
		if (!ok || (j < n && !tbuf_addc(&b, s[j])))
			break;	/* past HTML_MAX_INPUT: the rest is cut */
		i = j + 1;
	}
	*outlen = b.len;
	return tbuf_take(&b);
}

/* gumbo's memory: it allocates and frees a block for every token, text
 * and attribute, and all of it lives exactly as long as the tree, so it
 * comes from an arena (a free is nothing). gumbo grows a buffer by
 * allocating anew, so what it frees early is at most as much again as the
 * tree holds. */
#define GUMBO_CHUNK (256u << 10)

static void *
gumbo_arena_alloc(void *userdata, size_t n)
{
	return arena_alloc(userdata, n);
}

static void
gumbo_arena_nofree(void *userdata, void *p)
{
	(void)userdata;
	(void)p;
}

/* What html_parse() hands out: gumbo's output, the memory it is in, and
 * the bounded copy of the input its nodes point into (NULL when the input
 * was used as it was). */
struct html_tree {
	GumboOutput *out;
	struct arena mem;
	char *copy;
};

struct html_tree *
html_parse(const char *s, size_t n)
{
	GumboOptions go = kGumboDefaultOptions;
	struct html_tree *t = xcalloc(1, sizeof(*t));
	char *clean;

	if (s == NULL)
		s = "", n = 0;
	if (n > HTML_MAX_INPUT)
		n = HTML_MAX_INPUT;
	clean = strip_sequences(s, n, &n);
	if (clean != NULL)
		s = clean;
	t->copy = html_limit_nesting(s, n, &n);
	if (t->copy == NULL)
		t->copy = clean;	/* gumbo's nodes point into it */
	else
		free(clean);
	go.max_errors = 0;	/* parse errors are not recorded: fewer allocations */
	t->mem.chunk = GUMBO_CHUNK;
	go.allocator = gumbo_arena_alloc;
	go.deallocator = gumbo_arena_nofree;
	go.userdata = &t->mem;
	t->out = gumbo_parse_with_options(&go, t->copy != NULL ? t->copy : s, n);
	if (t->out == NULL)
		fatalx("gumbo could not parse %zu bytes", n);
	return t;
}

GumboOutput *
html_tree_output(const struct html_tree *t)
{
	return t->out;
}

void
html_tree_free(struct html_tree *t)
{
	if (t == NULL)
		return;
	arena_free(&t->mem);	/* all of gumbo's output */
	free(t->copy);
	free(t);
}
