/*
 * feed_dump: print the model feed_parse() builds for one file, as one JSON
 * object, raw (summary and content as the HTML the model holds). The gofeed
 * comparison (tests/gofeed_compare.py) and hand checks use it.
 *
 * usage: feed_dump [--chunks=N] FILE [URL [CONTENT-TYPE]]
 *
 * With --chunks=N the document does not come from memory but through a
 * socket, written by a child process in pieces of N bytes (each piece
 * one read() for the parser, up to CHUNK_MESSAGE_MAX), so that
 * tests/feed_chunks.py can require the same model whichever way the
 * bytes arrive.
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "export.h"
#include "feed.h"
#include "text.h"

/* Pieces up to this size keep their bounds (a SOCK_SEQPACKET message is
 * one read); larger ones go through a stream socket. */
#define CHUNK_MESSAGE_MAX (64u << 10)

/* Write data[0..n) to fd in pieces of chunk bytes, then close it. */
static void
write_chunks(int fd, const char *data, size_t n, size_t chunk)
{
	size_t off = 0, len;
	ssize_t w;

	while (off < n) {
		len = n - off < chunk ? n - off : chunk;
		w = write(fd, data + off, len);
		if (w < 0)
			break;	/* the parser stopped reading */
		off += (size_t)w;
	}
	close(fd);
}

/* Parse data through a socket fed by a child in pieces of chunk bytes. */
static enum feed_result
parse_chunked(const char *data, size_t n, size_t chunk, const char *url,
    const char *type, struct feed **f, int *line)
{
	enum feed_result r;
	int sv[2], status;
	pid_t pid;

	if (socketpair(AF_UNIX, chunk <= CHUNK_MESSAGE_MAX ? SOCK_SEQPACKET :
	    SOCK_STREAM, 0, sv) != 0) {
		perror("socketpair");
		exit(2);
	}
	if ((pid = fork()) < 0) {
		perror("fork");
		exit(2);
	}
	if (pid == 0) {
		signal(SIGPIPE, SIG_IGN);
		close(sv[0]);
		write_chunks(sv[1], data, n, chunk);
		_exit(0);
	}
	close(sv[1]);
	r = feed_parse_fd(sv[0], url, type, NULL, NULL, f, line);
	close(sv[0]);
	waitpid(pid, &status, 0);
	return r;
}

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

	size_t chunk = 0;

	if (argc > 1 && strncmp(argv[1], "--chunks=", 9) == 0) {
		chunk = strtoul(argv[1] + 9, NULL, 10);
		argv++;
		argc--;
	}
	if (argc < 2) {
		fputs("usage: feed_dump [--chunks=N] FILE [URL [CONTENT-TYPE]]\n", stderr);
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
	if (chunk > 0)
		r = parse_chunked(tbuf_str(&b), b.len, chunk, argc > 2 ? argv[2] :
		    NULL, argc > 3 ? argv[3] : NULL, &f, &line);
	else
		r = feed_parse(tbuf_str(&b), b.len, argc > 2 ? argv[2] : NULL,
		    argc > 3 ? argv[3] : NULL, &f, &line);
	tbuf_free(&b);
	if (r != FEED_OK) {
		printf("{\"error\": \"%s\", \"line\": %d}\n", feed_strerror(r), line);
		return 1;
	}
	printf("{\"kind\": \"%s\"", f->kind == FEED_ATOM ? "atom" :
	    f->kind == FEED_RDF ? "rdf" : f->kind == FEED_JSON ? "json" : "rss");
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
