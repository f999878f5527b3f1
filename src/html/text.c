/*
 * html/text.c: the plain-text forms: html_to_text() for exports and
 * html_line_text() for one rendered line.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <gumbo.h>

#include "html.h"
#include "html_private.h"
#include "text.h"

/* html_to_text's rendering, of html[0..n) when root is NULL, else of root. */
static char *
to_text(const char *html, size_t n, const GumboNode *root)
{
	struct render r;
	struct html_doc scratch;
	struct tbuf out;
	size_t len;

	memset(&scratch, 0, sizeof(scratch));
	tbuf_init(&out, TEXT_MAX_STRING);
	html_render_init(&r, NULL, true);
	r.doc = &scratch;
	r.out = &out;
	if (root != NULL)
		html_render_tree(&r, root);
	else
		html_render_run(&r, html, n);
	html_render_free(&r);
	html_doc_free(&scratch);
	len = out.len;
	while (len > 0 && (out.ptr[len - 1] == '\n' || out.ptr[len - 1] == ' '))
		len--;
	if (out.ptr != NULL)
		out.ptr[len] = '\0';
	out.len = len;
	return tbuf_take(&out);
}

char *
html_to_text(const char *html, size_t n)
{
	return to_text(html, n, NULL);
}

char *
html_tree_to_text(const struct GumboInternalNode *root)
{
	return to_text(NULL, 0, root);
}

char *
html_line_text(const struct html_line *l)
{
	struct tbuf b;
	size_t i;

	tbuf_init(&b, LINE_TEXT_MAX);
	for (i = 0; i < l->nspans; i++)
		if (!tbuf_adds(&b, l->spans[i].text))
			fatalx("html: line too long");
	return tbuf_take(&b);
}
