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

#include "feed_checks.h"

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

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *ct = content_types[size % (sizeof(content_types) /
	    sizeof(content_types[0]))];
	struct feed *f = NULL;
	char path[64];
	int line, fd;

	if (size > FUZZ_MAX)
		return 0;
	if (feed_parse((const char *)data, size, "https://example.org/feeds/x.xml",
	    ct, &f, &line) == FEED_OK)
		check_feed(f);
	feed_free(f);

	/* The streaming path reads through a file descriptor. */
	if ((fd = memfd_create("fuzz_feed", MFD_CLOEXEC)) < 0)
		return 0;
	if (write(fd, data, size) == (ssize_t)size) {
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		f = NULL;
		(void)feed_parse_file(path, NULL, on_item_check, NULL, &f, &line);
		feed_free(f);
	}
	close(fd);
	return 0;
}
