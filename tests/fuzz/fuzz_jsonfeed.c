/*
 * fuzz_jsonfeed: the JSON Feed reader (json-c under FEED_JSON_MAX_DEPTH and
 * FEED_JSON_MAX_DOCUMENT) on arbitrary bytes, made to start as a JSON
 * object so that every input reaches it: from memory through feed_parse,
 * and from a descriptor through feed_parse_file's streaming path. The
 * model is checked as fuzz_feed checks it (feed_checks.h).
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

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct feed *f = NULL;
	char path[64], *doc;
	int line, fd;

	if (size > FUZZ_MAX)
		return 0;
	/* "{" first: the seed corpus and the dictionary do the rest. */
	doc = xmalloc(size + 1);
	doc[0] = '{';
	memcpy(doc + 1, data, size);
	if (feed_parse(doc, size + 1, "https://example.org/feed.json", NULL,
	    &f, &line) == FEED_OK)
		check_feed(f);
	feed_free(f);

	if ((fd = memfd_create("fuzz_jsonfeed", MFD_CLOEXEC)) >= 0) {
		if (write(fd, doc, size + 1) == (ssize_t)(size + 1)) {
			snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
			f = NULL;
			(void)feed_parse_file(path, NULL, on_item_check, NULL, &f, &line);
			feed_free(f);
		}
		close(fd);
	}
	free(doc);
	return 0;
}
