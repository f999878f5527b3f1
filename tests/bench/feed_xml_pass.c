/*
 * feed_xml_pass: the XML pass as --refresh runs it, and nothing else: read
 * a file into memory (as a fetch body arrives), feed_parse() it, free the
 * model. No HTML is rendered and only the item count is printed, so
 * tests/bench/feed_throughput.sh can time the parser alone. With --stream,
 * the same pass through feed_parse_file() (as --export FILE reads), each
 * item dropped as it completes: the cost of holding the model shows as the
 * difference.
 *
 * usage: feed_xml_pass [--stream] FILE     exit 0 when the feed parsed
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "feed.h"
#include "text.h"

static void
count_item(const struct feed *f, const struct feed_item *it, void *arg)
{
	(void)f;
	(void)it;
	++*(size_t *)arg;
}

static int
stream(const char *path)
{
	struct feed *f = NULL;
	size_t items = 0;
	int line;
	enum feed_result r = feed_parse_file(path, NULL, count_item, &items, &f,
	    &line);

	feed_free(f);
	if (r != FEED_OK) {
		fprintf(stderr, "%s: %s (line %d)\n", path, feed_strerror(r), line);
		return 1;
	}
	printf("%zu items\n", items);
	return 0;
}

int
main(int argc, char **argv)
{
	struct feed *f = NULL;
	struct stat st;
	enum feed_result r;
	size_t n, len;
	char *doc;
	FILE *fp;
	int line;

	if (argc == 3 && strcmp(argv[1], "--stream") == 0)
		return stream(argv[2]);
	if (argc != 2) {
		fputs("usage: feed_xml_pass [--stream] FILE\n", stderr);
		return 2;
	}
	if ((fp = fopen(argv[1], "rb")) == NULL) {
		perror(argv[1]);
		return 2;
	}
	/* One buffer of the file's size, as a body whose length is known
	 * arrives: growing a buffer piece by piece (a copy of 50 MB at each
	 * doubling, and its page faults) cost a sixth of the time measured,
	 * none of it the XML pass's. */
	if (fstat(fileno(fp), &st) != 0 || (uintmax_t)st.st_size > FEED_MAX_DOCUMENT) {
		fprintf(stderr, "%s: not a file under FEED_MAX_DOCUMENT\n", argv[1]);
		return 1;
	}
	doc = xmalloc((size_t)st.st_size + 1);
	for (len = 0; len < (size_t)st.st_size &&
	    (n = fread(doc + len, 1, (size_t)st.st_size - len, fp)) > 0; len += n)
		;
	fclose(fp);
	r = feed_parse(doc, len, NULL, NULL, &f, &line);
	free(doc);
	if (r != FEED_OK) {
		fprintf(stderr, "%s: %s (line %d)\n", argv[1], feed_strerror(r), line);
		return 1;
	}
	printf("%zu items\n", f->nitems);
	feed_free(f);
	return 0;
}
