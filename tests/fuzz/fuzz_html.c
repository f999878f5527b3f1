/*
 * fuzz_html: html_render (wrapped and not), html_to_text and
 * url_resolve on arbitrary bytes. Besides the sanitizers, it checks
 * the promises the screen relies on: no control byte in any span or link,
 * and no wrapped line wider than asked for; and that the paths that skip
 * gumbo render exactly as gumbo's tree does.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "url.h"
#include "text.h"

#define FUZZ_MAX (256u << 10)	/* bytes of input tried */
#define FUZZ_WIDTH 60
#define FUZZ_URL_MAX 512	/* bytes used as a URL reference */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_clean(const char *s, bool newlines)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p != '\0'; p++) {
		if (*p == '\n' && newlines)
			continue;
		if (*p < ' ' || *p == 0x7f || (p[0] == 0xc2 && p[1] >= 0x80 &&
		    p[1] <= 0x9f))
			abort();
	}
}

static void
check_doc(const struct html_doc *d, size_t width)
{
	size_t i, j;

	for (i = 0; i < d->nlines; i++) {
		char *line = html_line_text(&d->lines[i]);

		for (j = 0; j < d->lines[i].nspans; j++)
			check_clean(d->lines[i].spans[j].text, false);
		if (width > 0 && text_width(line) > width)
			abort();
		free(line);
	}
	for (i = 0; i < d->nlinks; i++)
		check_clean(d->links[i], false);
}

/* The document's lines joined, for comparing two renderings. */
static char *
doc_text(const struct html_doc *d)
{
	struct tbuf b;
	size_t i;

	tbuf_init(&b, TEXT_MAX_STRING);
	for (i = 0; i < d->nlines; i++) {
		char *line = html_line_text(&d->lines[i]);

		if (!tbuf_adds(&b, line) || !tbuf_addc(&b, '\n'))
			abort();
		free(line);
	}
	return tbuf_take(&b);
}

/*
 * Simple input skips gumbo (a fast path, and plain text); a leading comment
 * sends it through gumbo. Both must give the same lines, spans and text.
 */
static void
check_same(const char *html, size_t size, const struct html_options *o)
{
	char *slow = xmalloc(size + 8), *a, *b;
	struct html_doc fast, full;
	size_t i, j;

	memcpy(slow, "<!---->", 7);
	memcpy(slow + 7, html, size);
	html_render(html, size, o, &fast);
	html_render(slow, size + 7, o, &full);
	a = doc_text(&fast);
	b = doc_text(&full);
	if (strcmp(a, b) != 0 || fast.nlines != full.nlines ||
	    fast.nlinks != full.nlinks)
		abort();
	for (i = 0; i < fast.nlines; i++) {
		if (fast.lines[i].nspans != full.lines[i].nspans)
			abort();
		for (j = 0; j < fast.lines[i].nspans; j++)
			if (fast.lines[i].spans[j].style != full.lines[i].spans[j].style)
				abort();
	}
	for (i = 0; i < fast.nlinks; i++)
		if (strcmp(fast.links[i], full.links[i]) != 0)
			abort();
	free(a);
	free(b);
	html_doc_free(&fast);
	html_doc_free(&full);
	a = html_to_text(html, size);
	b = html_to_text(slow, size + 7);
	if (strcmp(a, b) != 0)
		abort();
	free(a);
	free(b);
	free(slow);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *html = (const char *)data;
	struct html_options o = { FUZZ_WIDTH, "https://example.org/a/b?q#f",
	    true, false };
	struct html_doc d;
	char *s, *ref;

	if (size > FUZZ_MAX)
		return 0;
	html_render(html, size, &o, &d);
	check_doc(&d, FUZZ_WIDTH);
	html_doc_free(&d);

	o.width = 0;
	o.ascii = true;
	o.link_refs = false;
	o.base_url = NULL;
	html_render(html, size, &o, &d);
	check_doc(&d, 0);
	html_doc_free(&d);

	s = html_to_text(html, size);
	check_clean(s, true);
	free(s);

	o.width = 40;
	o.link_refs = true;
	o.base_url = "https://example.org/x/";
	check_same(html, size, &o);

	ref = xstrndup(html, size < FUZZ_URL_MAX ? size : FUZZ_URL_MAX);
	free(url_resolve("http://a/b/c/d;p?q", ref));
	free(url_resolve(ref, "../g?x#y"));
	free(url_resolve(ref, ref));
	free(ref);
	return 0;
}
