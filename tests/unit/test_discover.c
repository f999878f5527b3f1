/*
 * test_discover: the feeds a page names (a table of pages), and the state
 * machine on local files: a feed, a page naming two feeds (both fetched
 * and parsed), one of them taken (the next is picked), a page naming a
 * broken feed, a page naming none, a missing file, and --read's
 * input-only mode. No network: every input is a file.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "discover.h"
#include "feed.h"
#include "text.h"

/* ---- the feeds a page names ------------------------------------------------ */

static const struct {
	const char *html, *base;
	const char *want;	/* found URLs joined with | */
} pages[] = {
	{ "<html><head><link rel=\"alternate\" type=\"application/rss+xml\" "
	  "title=\"RSS\" href=\"/rss.xml\"></head><body>x</body></html>",
	  "http://site.example/news/page.html", "http://site.example/rss.xml" },
	/* XML feeds in document order, JSON Feed last, other types and rels
	 * ignored, case and parameters of the type ignored */
	{ "<link rel=alternate type=application/feed+json href=feed.json>"
	  "<link rel=\"Alternate\" type=\"application/atom+xml; charset=utf-8\" href=\"atom.xml\">"
	  "<link rel=\"alternate\" type=\"application/json\" href=\"/wp-json/\">"
	  "<link rel=\"stylesheet\" type=\"text/css\" href=\"s.css\">"
	  "<link rel=\"alternate\" hreflang=\"de\" href=\"/de/\">"
	  "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"https://other.example/rss\">"
	  "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"/news/atom.xml\">",
	  "http://site.example/news/",
	  "http://site.example/news/atom.xml|https://other.example/rss|"
	  "http://site.example/news/feed.json" },
	{ "<head><base href=\"http://cdn.example/b/\">"
	  "<link rel=\"alternate feed\" type=\"application/rss+xml\" href=\"r\"></head>",
	  "http://site.example/", "http://cdn.example/b/r" },
	/* announced in <body>: not looked at */
	{ "<html><head><title>no feeds</title></head><body>"
	  "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"/late\"></body>",
	  "http://site.example/", "" },
	{ "", "http://site.example/", "" },
	{ "<link rel=\"alternate\" type=\"application/rss+xml\">"
	  "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"\">",
	  "http://site.example/", "" },
	/* a web page may not send tidings to local files */
	{ "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"file:///etc/passwd\">"
	  "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"a.xml\">",
	  "https://site.example/", "https://site.example/a.xml" },
	/* a local page may name local feeds */
	{ "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"f.rss\">",
	  "file:///srv/page.html", "file:///srv/f.rss" },
};

static void
test_find_in_html(void)
{
	struct discover_candidate *v;
	struct tbuf got;
	size_t i, j, n;

	for (i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		discover_find_in_html(pages[i].html, strlen(pages[i].html),
		    pages[i].base, &v, &n);
		tbuf_init(&got, 4096);
		for (j = 0; j < n; j++) {
			CHECK(tbuf_printf(&got, "%s%s", j ? "|" : "", v[j].url));
			CHECK(v[j].via == DISCOVER_VIA_LINK && !v[j].ok);
		}
		CHECKF(strcmp(tbuf_str(&got), pages[i].want) == 0,
		    "page %zu: found '%s', want '%s'", i, tbuf_str(&got), pages[i].want);
		if (i == 0 && n == 1) {
			CHECK_STR(v[0].title, "RSS");
			CHECK_STR(v[0].type, "application/rss+xml");
		}
		tbuf_free(&got);
		discover_candidates_free(v, n);
	}
	CHECK_STR(discover_common_paths[0], "/feed");
}

/* ---- the state machine on files --------------------------------------------- */

static char dir[] = "/tmp/test_discover.XXXXXX";

static void
put(const char *name, const char *data)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "w");

	CHECK(f != NULL);
	if (f != NULL) {
		fputs(data, f);
		fclose(f);
	}
	free(path);
}

static const char rss[] =
	"<rss version=\"2.0\"><channel><title>The RSS</title>"
	"<item><guid>1</guid><title>a</title></item>"
	"<item><guid>2</guid><title>b</title></item></channel></rss>";
static const char atom[] =
	"<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>The Atom</title>"
	"<entry><id>x</id><title>x</title></entry></feed>";

static struct discover *
run(const char *name, unsigned flags)
{
	char *path = xasprintf("%s/%s", dir, name);
	struct discover *d = discover_run(path, flags, NULL);

	free(path);
	return d;
}

static bool
taken_rss(const char *url, void *arg)
{
	(void)arg;
	return strstr(url, "/f.rss") != NULL;
}

static void
test_files(void)
{
	struct discover *d;
	struct discover_outcome *o;
	char *want;

	put("f.rss", rss);
	put("f.atom", atom);
	put("two.html", "<html><head>"
	    "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"R\" href=\"f.rss\">"
	    "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"f.atom\">"
	    "</head><body>page</body></html>");
	put("broken.html", "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"nothing.rss\">");
	put("none.html", "<html><head><title>none</title></head><body>x</body></html>");

	/* a feed: itself, parsed, its items kept for the caller */
	d = run("f.rss", 0);
	o = discover_outcome(d);
	CHECK(o->status == DISCOVER_OK && o->is_feed && o->n == 1);
	if (o->n == 1) {
		want = xasprintf("file://%s/f.rss", dir);
		CHECK_STR(o->v[0].url, want);
		free(want);
		CHECK(o->v[0].via == DISCOVER_VIA_INPUT && o->v[0].ok);
		CHECK_STR(o->v[0].title, "The RSS");
		CHECK(o->v[0].nitems == 2 && o->v[0].feed != NULL &&
		    o->v[0].feed->nitems == 2);
		CHECK(o->v[0].moved_from == NULL);
	}
	CHECK(discover_pick(o, NULL, NULL) == 0);
	discover_free(d);

	/* a page naming RSS and Atom: both fetched, parsed, listed in order */
	d = run("two.html", 0);
	o = discover_outcome(d);
	CHECK(o->status == DISCOVER_OK && !o->is_feed && o->n == 2);
	if (o->n == 2) {
		CHECK(o->v[0].ok && o->v[1].ok);
		CHECK_STR(o->v[0].title, "The RSS");
		CHECK_STR(o->v[1].title, "The Atom");
		CHECK_STR(o->v[1].type, "application/atom+xml");
		CHECK(o->v[0].nitems == 2 && o->v[1].nitems == 1);
		CHECK(o->v[1].feed != NULL);
		/* the first is taken: the next is picked */
		CHECK(discover_pick(o, NULL, NULL) == 0);
		CHECK(discover_pick(o, taken_rss, NULL) == 1);
	}
	CHECK(o->page.len > 0 && strstr(tbuf_str(&o->page), "page") != NULL);
	discover_free(d);

	/* a page naming a feed that is not there */
	d = run("broken.html", 0);
	o = discover_outcome(d);
	CHECK(o->status == DISCOVER_ALL_FAILED && o->n == 1);
	if (o->n == 1)
		CHECK(!o->v[0].ok && o->v[0].error != NULL && o->v[0].feed == NULL);
	CHECK(discover_pick(o, NULL, NULL) == -1);
	discover_free(d);

	/* a local page naming none: no common paths on the file system */
	d = run("none.html", 0);
	o = discover_outcome(d);
	CHECK(o->status == DISCOVER_NO_FEED && o->n == 0);
	CHECK(o->error != NULL);
	discover_free(d);

	d = run("missing.rss", 0);
	o = discover_outcome(d);
	CHECK(o->status == DISCOVER_FETCH_FAILED && o->error != NULL && o->n == 0);
	discover_free(d);

	/* input only (--read): the page's bytes, nothing followed */
	d = run("two.html", DISCOVER_INPUT_ONLY);
	o = discover_outcome(d);
	CHECK(o->status == DISCOVER_OK && !o->is_feed && o->n == 0);
	CHECK(strstr(tbuf_str(&o->page), "f.atom") != NULL);
	discover_free(d);
}

int
main(void)
{
	char *cmd;

	test_find_in_html();
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	test_files();
	cmd = xasprintf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	free(cmd);
	fetch_global_cleanup();
	return check_finish();
}
