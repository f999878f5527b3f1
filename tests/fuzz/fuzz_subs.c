/*
 * fuzz_subs: the subs module's parsers on arbitrary bytes. The first byte
 * picks the target:
 *  - 'u': the urls file. Besides the sanitizers it checks the promise the
 *    user relies on: parsing and formatting gives back every byte; and
 *    that subs_get() lists the subscriptions subs_get_all() marks
 *    supported, in the same order.
 *  - 'o': OPML import. Nothing read holds a control character, and what is
 *    imported, written as OPML and imported again, comes back the same.
 *  - otherwise: feed discovery in an HTML page (discover_find_in_html).
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "discover.h"
#include "subs.h"
#include "text.h"

#define FUZZ_MAX (256u << 10)	/* bytes of input tried */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_clean(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; p != NULL && *p != '\0'; p++)
		if (*p < ' ' || *p == 0x7f)
			abort();
}

static void
fuzz_urls(const char *p, size_t n)
{
	struct subs *s;
	char *out;
	size_t len, i, j;

	if (subs_parse(p, n, &s) != SUBS_OK)
		return;
	out = subs_format(s, &len);
	if (len != n || memcmp(out, p, n) != 0)
		abort();
	free(out);
	for (i = 0; i < subs_count(s); i++)
		if (subs_find(s, subs_get(s, i)->url) == NULL)
			abort();
	/* subs_get() is subs_get_all() without the unsupported kinds. */
	for (i = 0, j = 0; i < subs_count_all(s); i++) {
		const struct subs_feed *f = subs_get_all(s, i);

		if (f->supported != (f->kind == SUBS_KIND_URL))
			abort();
		if (f->supported) {
			const struct subs_feed *g = subs_get(s, j++);

			if (g == NULL || strcmp(g->url, f->url) != 0)
				abort();
		} else if (subs_find(s, f->url) != NULL) {
			abort();	/* a query: line is no URL to fetch */
		}
	}
	if (j != subs_count(s))
		abort();
	subs_free(s);
}

static void
fuzz_opml(const char *p, size_t n)
{
	struct subs_opml o, again;
	struct subs *s, *back;
	char *buf = NULL;
	size_t len = 0, i, j;
	FILE *f;

	if (subs_opml_parse(p, n, &o) != SUBS_OK)
		return;
	if (subs_parse("", 0, &s) != SUBS_OK)
		abort();
	for (i = 0; i < o.n; i++) {
		check_clean(o.v[i].url);
		check_clean(o.v[i].title);
		for (j = 0; j < o.v[i].ntags; j++)
			check_clean(o.v[i].tags[j]);
		(void)subs_add(s, o.v[i].url, (const char *const *)o.v[i].tags,
		    o.v[i].ntags, o.v[i].title);
	}
	if ((f = open_memstream(&buf, &len)) == NULL)
		abort();
	if (!subs_opml_write(s, NULL, NULL, f))
		abort();
	fclose(f);
	/* Every subscription comes back once. Not in order: the export
	 * groups the feeds by folder (found by fuzz_subs). */
	if (subs_opml_parse(buf, len, &again) != SUBS_OK ||
	    again.n != subs_count(s))
		abort();
	if (subs_parse("", 0, &back) != SUBS_OK)
		abort();
	for (i = 0; i < again.n; i++)
		if (subs_find(s, again.v[i].url) == NULL ||
		    subs_add(back, again.v[i].url, NULL, 0, NULL) != SUBS_OK)
			abort();
	subs_free(back);
	subs_opml_free(&again);
	free(buf);
	subs_free(s);
	subs_opml_free(&o);
}

static void
fuzz_html(const char *p, size_t n)
{
	struct discover_candidate *v;
	size_t nv, i;

	discover_find_in_html(p, n, "https://example.org/dir/page.html", &v, &nv);
	for (i = 0; i < nv; i++)
		if (v[i].url == NULL || v[i].type == NULL)
			abort();
	discover_candidates_free(v, nv);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data + 1;

	if (size == 0 || size > FUZZ_MAX)
		return 0;
	switch (data[0]) {
	case 'u':
		fuzz_urls(p, size - 1);
		break;
	case 'o':
		fuzz_opml(p, size - 1);
		break;
	default:
		fuzz_html(p, size - 1);
		break;
	}
	return 0;
}
