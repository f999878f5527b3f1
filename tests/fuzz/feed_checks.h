/*
 * feed_checks.h: what the feed harnesses (fuzz_feed, fuzz_jsonfeed) check
 * of a parsed model besides the sanitizers: every string is valid UTF-8,
 * every item has an id, a rating is on its own scale, and an exported
 * JSON line is valid UTF-8 with no raw control character. Included by
 * each harness (a harness is one program).
 */
#ifndef TIDINGS_FUZZ_FEED_CHECKS_H
#define TIDINGS_FUZZ_FEED_CHECKS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "feed.h"
#include "text.h"

static void
check_utf8(const char *s)
{
	if (s != NULL && !utf8_valid(s, strlen(s)))
		abort();
}

static void
check_item(const struct feed_item *it)
{
	size_t i;

	if (it->id == NULL)
		abort();	/* an id is always made */
	check_utf8(it->id);
	check_utf8(it->title);
	check_utf8(it->link);
	check_utf8(it->author);
	check_utf8(it->comments);
	check_utf8(it->summary);
	check_utf8(it->content);
	for (i = 0; i < it->ncategories; i++)
		check_utf8(it->categories[i]);
	for (i = 0; i < it->nenclosures; i++) {
		check_utf8(it->enclosures[i].url);
		check_utf8(it->enclosures[i].type);
	}
	if (it->rating.present && (it->rating.max <= it->rating.min ||
	    it->rating.average < it->rating.min ||
	    it->rating.average > it->rating.max))
		abort();
}

/* Export the item as JSON and check the line. */
static void
check_json(const struct feed *f, const struct feed_item *it)
{
	char *buf = NULL;
	size_t len = 0, i;
	FILE *out = open_memstream(&buf, &len);

	if (out == NULL)
		abort();
	export_item_json(out, f, it, NULL);
	fclose(out);
	if (!utf8_valid(buf, len) || len == 0 || buf[len - 1] != '\n')
		abort();
	for (i = 0; i + 1 < len; i++) {
		if ((unsigned char)buf[i] < 0x20 || buf[i] == 0x7f)
			abort();
		/* C1 controls are escaped too */
		if ((unsigned char)buf[i] == 0xC2 && (unsigned char)buf[i + 1] >= 0x80 &&
		    (unsigned char)buf[i + 1] <= 0x9F)
			abort();
	}
	free(buf);
}

static void
check_feed(const struct feed *f)
{
	size_t i;

	check_utf8(f->title);
	check_utf8(f->link);
	check_utf8(f->description);
	check_utf8(f->image);
	check_utf8(f->author);
	check_utf8(f->warning);
	for (i = 0; i < f->nitems; i++) {
		check_item(&f->items[i]);
		if (i < 4)
			check_json(f, &f->items[i]);
	}
}

static void
on_item_check(const struct feed *f, const struct feed_item *it, void *arg)
{
	(void)arg;
	check_item(it);
	check_utf8(f->title);
}

#endif
