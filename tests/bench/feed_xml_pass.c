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

#include <stdio.h>
#include <string.h>

#include "feed.h"
#include "text.h"

#define READ_CHUNK 65536	/* bytes read at a time */

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
	static char buf[READ_CHUNK];
	struct feed *f = NULL;
	struct tbuf b;
	enum feed_result r;
	size_t n;
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
	tbuf_init(&b, FEED_MAX_DOCUMENT);
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		if (!tbuf_add(&b, buf, n)) {
			fprintf(stderr, "%s: over FEED_MAX_DOCUMENT\n", argv[1]);
			return 1;
		}
	fclose(fp);
	r = feed_parse(tbuf_str(&b), b.len, NULL, NULL, &f, &line);
	tbuf_free(&b);
	if (r != FEED_OK) {
		fprintf(stderr, "%s: %s (line %d)\n", argv[1], feed_strerror(r), line);
		return 1;
	}
	printf("%zu items\n", f->nitems);
	feed_free(f);
	return 0;
}
