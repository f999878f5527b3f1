/*
 * test_html: html_resolve_url against RFC 3986's examples, html_render and
 * html_to_text against tables of small documents.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "text.h"

static int failures;

/* ---- URL resolution ---------------------------------------------------- */

#define RFC_BASE "http://a/b/c/d;p?q"

static const struct {
	const char *base, *ref, *want;	/* want NULL: no result */
} urls[] = {
	/* RFC 3986 5.4.1, normal examples */
	{ RFC_BASE, "g:h", "g:h" },
	{ RFC_BASE, "g", "http://a/b/c/g" },
	{ RFC_BASE, "./g", "http://a/b/c/g" },
	{ RFC_BASE, "g/", "http://a/b/c/g/" },
	{ RFC_BASE, "/g", "http://a/g" },
	{ RFC_BASE, "//g", "http://g" },
	{ RFC_BASE, "?y", "http://a/b/c/d;p?y" },
	{ RFC_BASE, "g?y", "http://a/b/c/g?y" },
	{ RFC_BASE, "#s", "http://a/b/c/d;p?q#s" },
	{ RFC_BASE, "g#s", "http://a/b/c/g#s" },
	{ RFC_BASE, "g?y#s", "http://a/b/c/g?y#s" },
	{ RFC_BASE, ";x", "http://a/b/c/;x" },
	{ RFC_BASE, "g;x", "http://a/b/c/g;x" },
	{ RFC_BASE, "g;x?y#s", "http://a/b/c/g;x?y#s" },
	{ RFC_BASE, "", NULL },		/* the header's contract, not the RFC's */
	{ RFC_BASE, ".", "http://a/b/c/" },
	{ RFC_BASE, "./", "http://a/b/c/" },
	{ RFC_BASE, "..", "http://a/b/" },
	{ RFC_BASE, "../", "http://a/b/" },
	{ RFC_BASE, "../g", "http://a/b/g" },
	{ RFC_BASE, "../..", "http://a/" },
	{ RFC_BASE, "../../", "http://a/" },
	{ RFC_BASE, "../../g", "http://a/g" },
	/* 5.4.2, abnormal examples */
	{ RFC_BASE, "../../../g", "http://a/g" },
	{ RFC_BASE, "../../../../g", "http://a/g" },
	{ RFC_BASE, "/./g", "http://a/g" },
	{ RFC_BASE, "/../g", "http://a/g" },
	{ RFC_BASE, "g.", "http://a/b/c/g." },
	{ RFC_BASE, ".g", "http://a/b/c/.g" },
	{ RFC_BASE, "g..", "http://a/b/c/g.." },
	{ RFC_BASE, "..g", "http://a/b/c/..g" },
	{ RFC_BASE, "./../g", "http://a/b/g" },
	{ RFC_BASE, "./g/.", "http://a/b/c/g/" },
	{ RFC_BASE, "g/./h", "http://a/b/c/g/h" },
	{ RFC_BASE, "g/../h", "http://a/b/c/h" },
	{ RFC_BASE, "g;x=1/./y", "http://a/b/c/g;x=1/y" },
	{ RFC_BASE, "g;x=1/../y", "http://a/b/c/y" },
	{ RFC_BASE, "g?y/./x", "http://a/b/c/g?y/./x" },
	{ RFC_BASE, "g?y/../x", "http://a/b/c/g?y/../x" },
	{ RFC_BASE, "g#s/./x", "http://a/b/c/g#s/./x" },
	{ RFC_BASE, "g#s/../x", "http://a/b/c/g#s/../x" },
	{ RFC_BASE, "http:g", "http:g" },
	/* bases without a path, with a query or a fragment */
	{ "http://a", "g", "http://a/g" },
	{ "http://a", "./g/../h", "http://a/h" },
	{ "http://a", "?x", "http://a?x" },
	{ "http://a", "#f", "http://a#f" },
	{ "http://a?q#frag", "#y", "http://a?q#y" },
	{ "http://a/p?q#frag", "?z", "http://a/p?z" },
	{ "http://a/b/c#frag", "d", "http://a/b/d" },
	{ "https://example.org/feed.xml", "//cdn.example.net/x.png",
	    "https://cdn.example.net/x.png" },
	{ "https://example.org/a/", "//h/./x/../y", "https://h/y" },
	{ "https://example.org/a/", "HTTPS://Other/x/../y", "HTTPS://Other/y" },
	{ "https://example.org/a/b", "javascript:alert(1)", "javascript:alert(1)" },
	{ "https://example.org/a/b", "mailto:x@example.org", "mailto:x@example.org" },
	{ "https://user@example.org:8080/a/b", "c", "https://user@example.org:8080/a/c" },
	{ "https://example.org/a/b", "a b:c", "https://example.org/a/a b:c" },
	{ "https://example.org/a/b", "1x:y", "https://example.org/a/1x:y" },
	/* whitespace around and newlines inside an href, as browsers cut them */
	{ "https://example.org/a/b", "  /x\n/y\t ", "https://example.org/x/y" },
	{ "https://example.org/a/b", " \n\t ", NULL },
	/* no usable base: the reference as it is */
	{ NULL, "g/../h", "g/../h" },
	{ NULL, "", NULL },
	{ "", "g", "g" },
	{ "not a url", "g", "g" },
	{ "/only/a/path", "g", "g" },
	{ NULL, "http://x/a/../b", "http://x/a/../b" },
};

static void
test_urls(void)
{
	size_t i;

	for (i = 0; i < sizeof(urls) / sizeof(urls[0]); i++) {
		char *got = html_resolve_url(urls[i].base, urls[i].ref);
		const char *want = urls[i].want;

		if ((got == NULL) != (want == NULL) ||
		    (got != NULL && strcmp(got, want) != 0)) {
			printf("FAIL url %zu: base \"%s\" ref \"%s\": got \"%s\", "
			    "want \"%s\"\n", i, urls[i].base ? urls[i].base : "(null)",
			    urls[i].ref, got ? got : "(null)",
			    want ? want : "(null)");
			failures++;
		}
		free(got);
	}
	if (html_resolve_url("http://a/", NULL) != NULL) {
		printf("FAIL url: NULL ref gave a result\n");
		failures++;
	}
}

int
main(void)
{
	test_urls();
	if (failures > 0) {
		printf("%d failed\n", failures);
		return 1;
	}
	printf("test_html: all passed\n");
	return 0;
}
