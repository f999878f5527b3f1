/*
 * feed_dump: print the model feed_parse() builds for one file, as one JSON
 * object, raw (summary and content as the HTML the model holds). The gofeed
 * comparison (tests/gofeed_compare.py) and hand checks use it.
 *
 * usage: feed_dump FILE [URL [CONTENT-TYPE]]
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "feed.h"
#include "text.h"

static void
date(const char *key, int64_t t)
{
	char buf[21];

	printf(", \"%s\": ", key);
	if (t == FEED_NO_DATE)
		fputs("null", stdout);
	else
		printf("\"%s\"", feed_format_date(t, buf));
}

static void
str(const char *key, const char *v, bool first)
{
	printf("%s\"%s\": ", first ? "" : ", ", key);
	export_json_string(stdout, v);
}

static void
item(const struct feed_item *it)
{
	size_t i;

	putchar('{');
	str("id", it->id, true);
	str("title", it->title, false);
	str("link", it->link, false);
	str("author", it->author, false);
	str("comments", it->comments, false);
	date("published", it->published);
	date("updated", it->updated);
	str("summary", it->summary, false);
	str("content", it->content, false);
	fputs(", \"categories\": [", stdout);
	for (i = 0; i < it->ncategories; i++) {
		if (i > 0)
			fputs(", ", stdout);
		export_json_string(stdout, it->categories[i]);
	}
	fputs("], \"enclosures\": [", stdout);
	for (i = 0; i < it->nenclosures; i++) {
		printf("%s{", i > 0 ? ", " : "");
		str("url", it->enclosures[i].url, true);
		str("type", it->enclosures[i].type, false);
		printf(", \"length\": %lld}", it->enclosures[i].length);
	}
	fputs("], \"rating\": ", stdout);
	if (it->rating.present)
		printf("{\"average\": %g, \"count\": %lld, \"min\": %g, \"max\": %g}",
		    it->rating.average, it->rating.count, it->rating.min,
		    it->rating.max);
	else
		fputs("null", stdout);
	putchar('}');
}

int
main(int argc, char **argv)
{
	struct feed *f;
	struct tbuf b;
	char buf[65536];
	size_t n, i;
	FILE *fp;
	int line;
	enum feed_result r;

	if (argc < 2) {
		fputs("usage: feed_dump FILE [URL [CONTENT-TYPE]]\n", stderr);
		return 2;
	}
	if ((fp = fopen(argv[1], "rb")) == NULL) {
		perror(argv[1]);
		return 2;
	}
	tbuf_init(&b, FEED_MAX_DOCUMENT + 1);
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0) {
		if (!tbuf_add(&b, buf, n))
			break;
	}
	fclose(fp);
	r = feed_parse(tbuf_str(&b), b.len, argc > 2 ? argv[2] : NULL,
	    argc > 3 ? argv[3] : NULL, &f, &line);
	tbuf_free(&b);
	if (r != FEED_OK) {
		printf("{\"error\": \"%s\", \"line\": %d}\n", feed_strerror(r), line);
		return 1;
	}
	printf("{\"kind\": \"%s\"", f->kind == FEED_ATOM ? "atom" :
	    f->kind == FEED_RDF ? "rdf" : "rss");
	str("version", f->version, false);
	str("title", f->title, false);
	str("link", f->link, false);
	str("description", f->description, false);
	str("author", f->author, false);
	str("image", f->image, false);
	date("updated", f->updated);
	str("warning", f->warning, false);
	fputs(", \"items\": [", stdout);
	for (i = 0; i < f->nitems; i++) {
		if (i > 0)
			fputs(",\n", stdout);
		item(&f->items[i]);
	}
	fputs("]}\n", stdout);
	feed_free(f);
	return 0;
}
