/*
 * fuzz_html: html_render (wrapped and not), html_to_text and
 * url_resolve on arbitrary bytes. Besides the sanitizers, it checks
 * the promises the screen relies on: no control byte in any span or link,
 * and no wrapped line wider than asked for unless it holds a URL.
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
		/* only a URL, never broken, may run past the width */
		if (width > 0 && text_width(line) > width &&
		    strchr(line, ':') == NULL && strstr(line, "www.") == NULL)
			abort();
		free(line);
	}
	for (i = 0; i < d->nlinks; i++)
		check_clean(d->links[i], false);
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
	html_render(html, size, &o, &d);
	check_doc(&d, 40);
	html_doc_free(&d);

	ref = xstrndup(html, size < FUZZ_URL_MAX ? size : FUZZ_URL_MAX);
	free(url_resolve("http://a/b/c/d;p?q", ref));
	free(url_resolve(ref, "../g?x#y"));
	free(url_resolve(ref, ref));
	free(ref);
	return 0;
}
