/*
 * fuzz_feed: feed_parse on arbitrary bytes (with a charset hint chosen by
 * the input's length), the same bytes through feed_parse_file's streaming
 * path, and every item exported as JSON Lines. Besides the sanitizers it
 * checks what the rest of the program relies on: every string of the
 * model is valid UTF-8, and every exported line is valid UTF-8 with no raw
 * control character.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "export.h"
#include "feed.h"
#include "text.h"

#define FUZZ_MAX (256u << 10)	/* bytes of input tried */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const content_types[] = {
	NULL,
	"text/xml; charset=iso-8859-1",
	"application/rss+xml; charset=\"utf-16\"",
	"text/xml; charset=shift_jis",
	"application/atom+xml; charset=windows-1251",
	"text/html; charset=bogus-charset",
};

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
on_item(const struct feed *f, const struct feed_item *it, void *arg)
{
	(void)arg;
	check_item(it);
	check_utf8(f->title);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *ct = content_types[size % (sizeof(content_types) /
	    sizeof(content_types[0]))];
	struct feed *f = NULL;
	char path[64];
	size_t i;
	int line, fd;

	if (size > FUZZ_MAX)
		return 0;
	if (feed_parse((const char *)data, size, "https://example.org/feeds/x.xml",
	    ct, &f, &line) == FEED_OK) {
		check_utf8(f->title);
		check_utf8(f->link);
		check_utf8(f->description);
		check_utf8(f->image);
		check_utf8(f->warning);
		for (i = 0; i < f->nitems; i++) {
			check_item(&f->items[i]);
			if (i < 4)
				check_json(f, &f->items[i]);
		}
	}
	feed_free(f);

	/* The streaming path reads through a file descriptor. */
	if ((fd = memfd_create("fuzz_feed", MFD_CLOEXEC)) < 0)
		return 0;
	if (write(fd, data, size) == (ssize_t)size) {
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		f = NULL;
		(void)feed_parse_file(path, NULL, on_item, NULL, &f, &line);
		feed_free(f);
	}
	close(fd);
	return 0;
}
