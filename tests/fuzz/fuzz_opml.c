/*
 * fuzz_opml: OPML import (subs_opml_parse) on arbitrary bytes, and export
 * (subs_opml_write) of what was imported with titles taken from the input.
 * Besides the sanitizers it checks:
 * - nothing imported holds a control character, every feed has a URL, and
 *   no feed has more tags than SUBS_MAX_DEPTH outlines and SUBS_MAX_TAGS
 *   categories give;
 * - the writer escapes whatever a title holds: its output parses again,
 *   with the same URLs in the same order and no control character, and a
 *   second write of that gives the same body (the head has the time).
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "subs.h"
#include "text.h"

#define FUZZ_MAX (256u << 10)	/* bytes of input tried */
#define FUZZ_TITLE_MAX 200	/* bytes of the input used as a hostile title */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_clean(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; p != NULL && *p != '\0'; p++)
		if (*p < ' ' || *p == 0x7f || (p[0] == 0xc2 && p[1] >= 0x80 &&
		    p[1] <= 0x9f))
			abort();
}

static void
check_import(const struct subs_opml *o)
{
	size_t i, j;

	for (i = 0; i < o->n; i++) {
		if (o->v[i].url == NULL || o->v[i].url[0] == '\0')
			abort();
		if (o->v[i].ntags > SUBS_MAX_DEPTH + SUBS_MAX_TAGS)
			abort();
		check_clean(o->v[i].url);
		check_clean(o->v[i].title);
		for (j = 0; j < o->v[i].ntags; j++)
			check_clean(o->v[i].tags[j]);
	}
}

/* Titles for subscriptions without a ~title: bytes of the input. */
static const char *
hostile_title(const char *url, void *arg)
{
	(void)url;
	return arg;
}

static char *
write_opml(const struct subs *s, void *title, size_t *len)
{
	char *buf = NULL;
	FILE *f;

	if ((f = open_memstream(&buf, len)) == NULL)
		abort();
	if (!subs_opml_write(s, hostile_title, title, f))
		abort();
	if (fclose(f) != 0)
		abort();
	return buf;
}

/* The two documents from <body> on (the head carries the time). */
static bool
same_body(const char *a, size_t na, const char *b, size_t nb)
{
	const char *x = memmem(a, na, "<body", 5), *y = memmem(b, nb, "<body", 5);

	if (x == NULL || y == NULL)
		abort();
	na -= (size_t)(x - a);
	nb -= (size_t)(y - b);
	return na == nb && memcmp(x, y, na) == 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct subs_opml o, again;
	struct subs *s, *s2;
	char title[FUZZ_TITLE_MAX + 1], *out, *out2;
	size_t i, len, len2, k;

	if (size > FUZZ_MAX || subs_opml_parse((const char *)data, size, &o) != SUBS_OK)
		return 0;
	check_import(&o);

	/* the input's first bytes, NUL-free, as every feed's title */
	for (i = k = 0; i < size && k < FUZZ_TITLE_MAX; i++)
		if (data[i] != '\0')
			title[k++] = (char)data[i];
	title[k] = '\0';

	if (subs_parse("", 0, &s) != SUBS_OK)
		abort();
	for (i = 0; i < o.n; i++)
		(void)subs_add(s, o.v[i].url, NULL, 0, NULL);
	out = write_opml(s, title, &len);
	if (subs_opml_parse(out, len, &again) != SUBS_OK || again.n != subs_count(s))
		abort();
	check_import(&again);
	for (i = 0; i < again.n; i++)
		if (strcmp(again.v[i].url, subs_get(s, i)->url) != 0)
			abort();

	/* what came back, written again with its own titles, is stable */
	if (subs_parse("", 0, &s2) != SUBS_OK)
		abort();
	for (i = 0; i < again.n; i++)
		if (subs_add(s2, again.v[i].url, NULL, 0, NULL) != SUBS_OK)
			abort();
	out2 = write_opml(s2, title, &len2);
	if (!same_body(out, len, out2, len2))
		abort();

	free(out2);
	subs_free(s2);
	subs_opml_free(&again);
	free(out);
	subs_free(s);
	subs_opml_free(&o);
	return 0;
}
