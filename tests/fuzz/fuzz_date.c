/*
 * fuzz_date: feed_parse_date on arbitrary strings. A date it accepts must
 * format, and the formatted form must parse back to the same instant.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "feed.h"
#include "text.h"

#define FUZZ_MAX 256	/* bytes of input tried */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s, buf[21];
	int64_t t;

	if (size > FUZZ_MAX)
		return 0;
	s = xstrndup((const char *)data, size);
	t = feed_parse_date(s);
	if (t != FEED_NO_DATE && *feed_format_date(t, buf) != '\0' &&
	    feed_parse_date(buf) != t)
		abort();
	free(s);
	return 0;
}
