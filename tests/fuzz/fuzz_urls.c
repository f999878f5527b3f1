/*
 * fuzz_urls: the edits tidings makes to a hand-written urls file. The input
 * is the file; its first line (up to FUZZ_URL_MAX bytes) is also tried as a
 * URL to add. Besides the sanitizers it checks what the user relies on
 * (subs.h): an edit never touches a byte of another line.
 * - subs_add: the old file is a prefix of the new one (after a newline put
 *   in when the last line had none), and an accepted URL is found again,
 *   with its title and tags, after formatting and parsing;
 * - subs_remove of each subscription: exactly one line goes;
 * - subs_rename: the subscription keeps its tags and title;
 * - subs_save: the edits recorded in a struct subs, applied again to the
 *   file it was read from (unchanged), give what the struct held.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "subs.h"
#include "text.h"

#define FUZZ_MAX (64u << 10)	/* bytes of input tried */
#define FUZZ_URL_MAX 256	/* bytes of the first line tried as a URL */
#define FUZZ_REMOVE_MAX 8	/* subscriptions removed, one at a time */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const fuzz_tags[] = { "news", "tag with blanks", "q\"uote\\" };

/* A formatted copy of s, parsed again. */
static struct subs *
reparse(const struct subs *s, char **text, size_t *len)
{
	struct subs *again;

	*text = subs_format(s, len);
	if (subs_parse(*text, *len, &again) != SUBS_OK)
		abort();
	return again;
}

static bool
same_feed(const struct subs_feed *a, const struct subs_feed *b)
{
	size_t i;

	if ((a->title == NULL) != (b->title == NULL) ||
	    (a->title != NULL && strcmp(a->title, b->title) != 0) ||
	    a->ntags != b->ntags)
		return false;
	for (i = 0; i < a->ntags; i++)
		if (strcmp(a->tags[i], b->tags[i]) != 0)
			return false;
	return true;
}

/* new is old plus one line (and the newline old lacked). */
static void
check_appended(const char *old, size_t n, const char *new, size_t len)
{
	size_t k = n;

	if (len <= n || memcmp(old, new, n) != 0)
		abort();
	if (n > 0 && old[n - 1] != '\n') {
		if (new[k] == '\r')
			k++;
		if (k >= len || new[k] != '\n')
			abort();
		k++;
	}
	/* one more line, ending in a newline */
	if (k >= len || new[len - 1] != '\n' ||
	    memchr(new + k, '\n', len - k - 1) != NULL)
		abort();
}

static void
try_add(const struct subs *orig, const char *p, size_t n, const char *url,
    const char *title)
{
	struct subs *s, *again;
	const struct subs_feed *f, *g;
	char *text;
	size_t len;

	if (subs_parse(p, n, &s) != SUBS_OK)
		abort();
	if (subs_add(s, url, fuzz_tags, 3, title) != SUBS_OK) {
		if (subs_count(s) != subs_count(orig))
			abort();
		subs_free(s);
		return;
	}
	again = reparse(s, &text, &len);
	check_appended(p, n, text, len);
	if (subs_count(again) != subs_count(orig) + 1)
		abort();
	f = subs_find(s, url);
	g = subs_find(again, url);
	if (f == NULL || g == NULL || !same_feed(f, g))
		abort();
	free(text);
	subs_free(again);
	subs_free(s);
}

/* Lines of p (with their ends), for comparing files line by line. */
static size_t
line_end(const char *p, size_t n, size_t at)
{
	const char *nl = memchr(p + at, '\n', n - at);

	return nl != NULL ? (size_t)(nl - p) + 1 : n;
}

/* new is old without exactly one line (a final newline may be added). */
static void
check_one_line_gone(const char *old, size_t n, const char *new, size_t len)
{
	size_t a = 0, b;

	/* skip the common start, line by line */
	while (a < n) {
		b = line_end(old, n, a);
		if (b > len || memcmp(old + a, new + a, b - a) != 0)
			break;
		a = b;
	}
	if (a >= n)
		abort();	/* nothing was removed */
	b = line_end(old, n, a);
	/* the rest of old after the removed line is the rest of new */
	if (n - b == len - a) {
		if (memcmp(old + b, new + a, n - b) != 0)
			abort();
	} else if (n - b + 1 == len - a && len > 0 && new[len - 1] == '\n') {
		if (memcmp(old + b, new + a, n - b) != 0)
			abort();
	} else {
		abort();
	}
}

static void
try_remove(const char *p, size_t n, size_t index)
{
	struct subs *s, *again;
	char *text, *url;
	size_t len, count, i, copies = 0;

	if (subs_parse(p, n, &s) != SUBS_OK)
		abort();
	count = subs_count(s);
	url = xstrdup(subs_get(s, index)->url);
	for (i = 0; i < count; i++)
		copies += strcmp(subs_get(s, i)->url, url) == 0;
	if (subs_remove(s, url) != SUBS_OK)
		abort();
	again = reparse(s, &text, &len);
	/* a URL listed twice by hand: how many lines go is subs' choice */
	if (copies == 1) {
		if (subs_count(again) != count - 1)
			abort();
		check_one_line_gone(p, n, text, len);
	}
	free(url);
	free(text);
	subs_free(again);
	subs_free(s);
}

static void
try_rename(const struct subs *orig, const char *p, size_t n, size_t index)
{
	static const char to[] = "https://renamed.example/feed.xml";
	struct subs *s, *again;
	const struct subs_feed *g;
	char *text, *url;
	size_t len;

	if (subs_parse(p, n, &s) != SUBS_OK)
		abort();
	url = xstrdup(subs_get(s, index)->url);
	if (subs_find(s, to) != NULL || subs_rename(s, url, to) != SUBS_OK) {
		free(url);
		subs_free(s);
		return;
	}
	again = reparse(s, &text, &len);
	/* the renamed line parses back with the same title and tags */
	g = subs_find(again, to);
	if (g == NULL || subs_count(again) != subs_count(s) ||
	    !same_feed(subs_find(orig, url), g))
		abort();
	free(url);
	free(text);
	subs_free(again);
	subs_free(s);
}

/* The whole of path, or NULL. */
static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct tbuf b;
	char chunk[4096];
	size_t got;

	if (f == NULL)
		return NULL;
	tbuf_init(&b, SUBS_MAX_FILE);
	while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (!tbuf_add(&b, chunk, got))
			abort();
	fclose(f);
	*len = b.len;
	return tbuf_take(&b);
}

/* A urls file of the harness's own (in /dev/shm when there is one: the
 * save fsyncs), made once. */
static const char *
replay_path(void)
{
	static char dir[] = "/dev/shm/fuzz_urls.XXXXXX", alt[] = "/tmp/fuzz_urls.XXXXXX";
	static char *path;

	if (path == NULL) {
		const char *d = mkdtemp(dir) != NULL ? dir : mkdtemp(alt);

		if (d == NULL)
			abort();
		path = xasprintf("%s/urls", d);
	}
	return path;
}

/* Every kind of edit on the file p, saved: the file then is what s held
 * before the save (the edits replayed on the same file), and s still
 * holds it. */
static void
try_replay(const char *p, size_t n)
{
	const char *path = replay_path();
	struct subs *s;
	char *want, *got, *url;
	size_t wlen, glen, count;
	FILE *f = fopen(path, "wb");

	if (f == NULL || fwrite(p, 1, n, f) != n || fclose(f) != 0)
		abort();
	if (subs_load(path, &s) != SUBS_OK)
		abort();
	count = subs_count(s);
	(void)subs_add(s, "https://added.example/replay.xml", fuzz_tags, 3, "T");
	if (count > 0) {
		url = xstrdup(subs_get(s, 0)->url);
		(void)subs_set_title(s, url, "New title");
		(void)subs_set_tags(s, url, fuzz_tags + 1, 2);
		free(url);
	}
	if (subs_count(s) > 1) {
		url = xstrdup(subs_get(s, 1)->url);
		(void)subs_rename(s, url, "https://renamed.example/r.xml");
		free(url);
	}
	/* The last line read, not the one added: removing that would
	 * forget the add, but not the newline it gave the line before. */
	if (count > 0) {
		url = xstrdup(subs_get(s, count - 1)->url);
		(void)subs_remove(s, url);
		free(url);
	}
	want = subs_format(s, &wlen);
	if (subs_save(s, path) != SUBS_OK || subs_stale(s))
		abort();
	got = slurp(path, &glen);
	if (got == NULL || glen != wlen || memcmp(got, want, wlen) != 0)
		abort();
	free(got);
	got = subs_format(s, &glen);
	if (glen != wlen || memcmp(got, want, wlen) != 0)
		abort();
	free(got);
	free(want);
	subs_free(s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data;
	struct subs *s;
	char url[FUZZ_URL_MAX + 1];
	size_t i, k;

	if (size > FUZZ_MAX || subs_parse(p, size, &s) != SUBS_OK)
		return 0;
	for (k = 0; k < size && k < FUZZ_URL_MAX && p[k] != '\n' && p[k] != '\0'; k++)
		url[k] = p[k];
	url[k] = '\0';
	try_add(s, p, size, url, NULL);
	try_add(s, p, size, "https://added.example/feed.xml", url);
	for (i = 0; i < subs_count(s) && i < FUZZ_REMOVE_MAX; i++) {
		try_remove(p, size, i);
		try_rename(s, p, size, i);
	}
	subs_free(s);
	try_replay(p, size);
	return 0;
}
