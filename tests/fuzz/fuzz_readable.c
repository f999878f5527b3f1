/*
 * fuzz_readable: readable_extract on arbitrary bytes, then html_to_text on
 * the article it returns. The first byte picks a Content-Type and a page
 * URL, so the charset paths (header, BOM, <meta>, windows-1252) and link
 * resolution are reached too. Besides the sanitizers it checks what the
 * callers rely on: a result is either READABLE_OK with an article whose
 * strings are valid UTF-8, or an error with no article.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "readable.h"
#include "text.h"

#define FUZZ_MAX (256u << 10)	/* bytes of page tried */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const content_types[] = {
	NULL, "text/html", "text/html; charset=utf-8",
	"text/html; charset=ISO-8859-1", "text/html;charset=\"windows-1251\"",
	"text/html; charset=shift_jis", "text/html; charset=no-such-charset",
	"text/html; charset=utf-16le"
};

static const char *const urls[] = {
	NULL, "https://news.example/2014/05/story.html?id=1#top",
	"http://a/b/c/d;p?q", "file:///tmp/page.html"
};

static void
check_utf8(const char *s)
{
	if (s != NULL && !utf8_valid(s, strlen(s)))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct readable_article *a = NULL;
	enum readable_result r;
	unsigned pick;
	size_t i;

	if (size < 1 || size > FUZZ_MAX)
		return 0;
	pick = data[0];
	r = readable_extract((const char *)data + 1, size - 1,
	    urls[(pick >> 3) % (sizeof(urls) / sizeof(urls[0]))],
	    content_types[pick % (sizeof(content_types) / sizeof(content_types[0]))],
	    &a);
	if (r != READABLE_OK) {
		if (a != NULL)
			abort();
		(void)readable_strerror(r);
		return 0;
	}
	if (a == NULL || a->html == NULL || a->text == NULL)
		abort();
	check_utf8(a->title);
	check_utf8(a->byline);
	check_utf8(a->site_name);
	check_utf8(a->image);
	check_utf8(a->excerpt);
	check_utf8(a->html);
	check_utf8(a->text);
	for (i = 0; i < a->nlinks; i++) {
		if (a->links[i] == NULL || a->links[i][0] == '\0')
			abort();
		check_utf8(a->links[i]);
	}
	free(html_to_text(a->html, strlen(a->html)));
	readable_free(a);
	return 0;
}
