/*
 * test_url: url_resolve against RFC 3986's examples (5.4.1, 5.4.2) and
 * cases seen in feeds, url_file_path and url_from_path both ways, and the
 * path-or-URL rule of url_is_path.
 */
#include "config.h"

#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "text.h"
#include "url.h"

/* ---- url_resolve ---------------------------------------------------------- */

#define RFC_BASE "http://a/b/c/d;p?q"

static const struct {
	const char *base, *ref, *want;	/* want NULL: no result */
} urls[] = {
	/* RFC 3986 5.4.1, normal examples */
	{ RFC_BASE, "g:h", "g:h" },
	{ RFC_BASE, "g", "http://a/b/c/g" },
	{ RFC_BASE, "./g", "http://a/b/c/g" },
	{ RFC_BASE, "g/", "http://a/b/c/g/" },
	{ RFC_BASE, "/g", "http://a/g" },
	{ RFC_BASE, "//g", "http://g" },
	{ RFC_BASE, "?y", "http://a/b/c/d;p?y" },
	{ RFC_BASE, "g?y", "http://a/b/c/g?y" },
	{ RFC_BASE, "#s", "http://a/b/c/d;p?q#s" },
	{ RFC_BASE, "g#s", "http://a/b/c/g#s" },
	{ RFC_BASE, "g?y#s", "http://a/b/c/g?y#s" },
	{ RFC_BASE, ";x", "http://a/b/c/;x" },
	{ RFC_BASE, "g;x", "http://a/b/c/g;x" },
	{ RFC_BASE, "g;x?y#s", "http://a/b/c/g;x?y#s" },
	{ RFC_BASE, "", NULL },		/* the header's contract, not the RFC's */
	{ RFC_BASE, ".", "http://a/b/c/" },
	{ RFC_BASE, "./", "http://a/b/c/" },
	{ RFC_BASE, "..", "http://a/b/" },
	{ RFC_BASE, "../", "http://a/b/" },
	{ RFC_BASE, "../g", "http://a/b/g" },
	{ RFC_BASE, "../..", "http://a/" },
	{ RFC_BASE, "../../", "http://a/" },
	{ RFC_BASE, "../../g", "http://a/g" },
	/* 5.4.2, abnormal examples */
	{ RFC_BASE, "../../../g", "http://a/g" },
	{ RFC_BASE, "../../../../g", "http://a/g" },
	{ RFC_BASE, "/./g", "http://a/g" },
	{ RFC_BASE, "/../g", "http://a/g" },
	{ RFC_BASE, "g.", "http://a/b/c/g." },
	{ RFC_BASE, ".g", "http://a/b/c/.g" },
	{ RFC_BASE, "g..", "http://a/b/c/g.." },
	{ RFC_BASE, "..g", "http://a/b/c/..g" },
	{ RFC_BASE, "./../g", "http://a/b/g" },
	{ RFC_BASE, "./g/.", "http://a/b/c/g/" },
	{ RFC_BASE, "g/./h", "http://a/b/c/g/h" },
	{ RFC_BASE, "g/../h", "http://a/b/c/h" },
	{ RFC_BASE, "g;x=1/./y", "http://a/b/c/g;x=1/y" },
	{ RFC_BASE, "g;x=1/../y", "http://a/b/c/y" },
	{ RFC_BASE, "g?y/./x", "http://a/b/c/g?y/./x" },
	{ RFC_BASE, "g?y/../x", "http://a/b/c/g?y/../x" },
	{ RFC_BASE, "g#s/./x", "http://a/b/c/g#s/./x" },
	{ RFC_BASE, "g#s/../x", "http://a/b/c/g#s/../x" },
	{ RFC_BASE, "http:g", "http:g" },
	/* bases without a path, with a query or a fragment */
	{ "http://a", "g", "http://a/g" },
	{ "http://a", "./g/../h", "http://a/h" },
	{ "http://a", "?x", "http://a?x" },
	{ "http://a", "#f", "http://a#f" },
	{ "http://a?q#frag", "#y", "http://a?q#y" },
	{ "http://a/p?q#frag", "?z", "http://a/p?z" },
	{ "http://a/b/c#frag", "d", "http://a/b/d" },
	{ "https://example.org/feed.xml", "//cdn.example.net/x.png",
	    "https://cdn.example.net/x.png" },
	{ "https://example.org/a/", "//h/./x/../y", "https://h/y" },
	{ "https://example.org/a/", "HTTPS://Other/x/../y", "HTTPS://Other/y" },
	{ "https://example.org/a/b", "javascript:alert(1)", "javascript:alert(1)" },
	{ "https://example.org/a/b", "mailto:x@example.org", "mailto:x@example.org" },
	{ "https://user@example.org:8080/a/b", "c", "https://user@example.org:8080/a/c" },
	{ "https://example.org/a/b", "a b:c", "https://example.org/a/a b:c" },
	{ "https://example.org/a/b", "1x:y", "https://example.org/a/1x:y" },
	{ "file:///x/y", "z", "file:///x/z" },
	{ "file:///x/y", "/abs/../b", "file:///b" },
	{ "http://[::1]:8080/a/b", "../c?d", "http://[::1]:8080/c?d" },
	{ "http://a/b/", "g//h/../i", "http://a/b/g//i" },
	{ "http://a/b", "?", "http://a/b?" },
	{ "http://a/b?q", "#", "http://a/b?q#" },
	/* whitespace around and newlines inside an href, as browsers cut them */
	{ "https://example.org/a/b", "  /x\n/y\t ", "https://example.org/x/y" },
	{ "https://example.org/a/b", " \n\t ", NULL },
	/* no usable base: the reference as it is */
	{ NULL, "g/../h", "g/../h" },
	{ NULL, "", NULL },
	{ "", "g", "g" },
	{ "not a url", "g", "g" },
	{ "/only/a/path", "g", "g" },
	{ NULL, "http://x/a/../b", "http://x/a/../b" },
};

static void
test_resolve(void)
{
	for (size_t i = 0; i < sizeof(urls) / sizeof(urls[0]); i++) {
		char *got = url_resolve(urls[i].base, urls[i].ref);
		const char *want = urls[i].want;

		CHECKF((got == NULL) == (want == NULL) &&
		    (got == NULL || strcmp(got, want) == 0),
		    "row %zu: base \"%s\" ref \"%s\": got \"%s\", want \"%s\"",
		    i, urls[i].base ? urls[i].base : "(null)", urls[i].ref,
		    got ? got : "(null)", want ? want : "(null)");
		free(got);
	}
	CHECK(url_resolve("http://a/", NULL) == NULL);
}

/* A result past URL_MAX_LENGTH is refused, not built or fatal. */
static void
test_resolve_limit(void)
{
	char *ref = xmalloc(URL_MAX_LENGTH + 2);
	char *got;

	memset(ref, 'a', URL_MAX_LENGTH + 1);
	ref[URL_MAX_LENGTH + 1] = '\0';
	got = url_resolve("http://example.org/dir/", ref);
	CHECK(got == NULL);
	free(got);
	got = url_resolve(NULL, ref);
	CHECK(got == NULL);
	free(got);
	ref[URL_MAX_LENGTH] = '\0';
	got = url_resolve(NULL, ref);
	CHECK(got != NULL);
	free(got);
	ref[URL_MAX_LENGTH - 100] = '\0';
	got = url_resolve("http://example.org/dir/", ref);
	CHECK(got != NULL && strlen(got) == URL_MAX_LENGTH - 100 +
	    STRLEN("http://example.org/dir/"));
	free(got);
	free(ref);
}

/* ---- url_host_path -------------------------------------------------------- */

static void
test_host_path(void)
{
	static const struct {
		const char *url, *host, *path;
	} rows[] = {
		{ "http://ads.example.com/x?y", "ads.example.com", "/x?y" },
		{ "https://u:p@h.example:8080/a#f", "h.example", "/a#f" },
		{ "//cdn.example/p", "cdn.example", "/p" },
		{ "/local/path", "", "/local/path" },
		{ "mailto:x@y", "", "x@y" },
	};

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const char *host, *path;
		size_t n;

		url_host_path(rows[i].url, &host, &n, &path);
		CHECKF(n == strlen(rows[i].host) &&
		    strncmp(host, rows[i].host, n) == 0,
		    "row %zu: host \"%.*s\"", i, (int)n, host);
		CHECK_STR(path, rows[i].path);
	}
}

/* ---- file:// -------------------------------------------------------------- */

static void
test_file_path(void)
{
	static const struct {
		const char *url, *want;
	} rows[] = {
		{ "file:///tmp/a.xml", "/tmp/a.xml" },
		{ "FILE:///tmp/a.xml", "/tmp/a.xml" },
		{ "file://localhost/tmp/a.xml", "/tmp/a.xml" },
		{ "file:///my%20feeds/a%2exml?x#y", "/my feeds/a.xml" },
		{ "file:///bad%zz%4", "/bad%zz%4" },
		{ "file://otherhost/tmp/a.xml", NULL },
		{ "file:relative", NULL },
		{ "http://example.org/a.xml", NULL },
		{ "/tmp/a.xml", NULL },
	};

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		char *got = url_file_path(rows[i].url);

		CHECK_STR(got, rows[i].want);
		free(got);
	}
}

static void
test_from_path(void)
{
	char *cwd = getcwd(NULL, 0), *want, *got, *back;

	setenv("HOME", "/home/r e", 1);
	got = url_from_path("~/x.xml");
	CHECK_STR(got, "file:///home/r%20e/x.xml");
	back = url_file_path(got);
	CHECK_STR(back, "/home/r e/x.xml");
	free(back);
	free(got);
	got = url_from_path("/a/./b/../c #1.xml");
	CHECK_STR(got, "file:///a/c%20%231.xml");
	free(got);
	got = url_from_path("\xc3\xa9t\xc3\xa9/~x_y-z");
	want = xasprintf("file://%s/%%C3%%A9t%%C3%%A9/~x_y-z", cwd);
	CHECK_STR(got, want);
	free(want);
	free(got);
	got = url_from_path("../up.xml");
	back = url_file_path(got);
	want = xasprintf("%.*s/up.xml", (int)(strrchr(cwd, '/') - cwd), cwd);
	CHECK_STR(back, want);
	free(want);
	free(back);
	free(got);
	unsetenv("HOME");
	got = url_from_path("~/x.xml");
	CHECK(got == NULL);
	free(got);
	free(cwd);
}

/* ---- path or URL ---------------------------------------------------------- */

static void
test_is_path(void)
{
	static const struct {
		const char *s;
		bool path;
	} rows[] = {
		{ "/abs/feed.xml", true },
		{ "./feed.xml", true },
		{ "../feed.xml", true },
		{ "~/feed.xml", true },
		{ "~", true },
		{ ".", true },
		{ "..", true },
		{ "http://example.org/feed", false },
		{ "HTTPS://example.org/feed", false },
		{ "file:///tmp/feed.xml", false },
		{ "feed+x://h/", false },
		{ "example.org/feed", false },	/* no such file here */
		{ "localhost:8080/feed", false },
		{ "", false },
		{ "test_url_here.xml", true },	/* a file made below */
		{ "a b://c", false },
	};
	FILE *fp = fopen("test_url_here.xml", "w");

	CHECK(fp != NULL);
	if (fp != NULL)
		fclose(fp);
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		CHECKF(url_is_path(rows[i].s) == rows[i].path, "row %zu: \"%s\"",
		    i, rows[i].s);
	remove("test_url_here.xml");
	CHECK(!url_is_path("test_url_here.xml"));
}

int
main(void)
{
	test_resolve();
	test_resolve_limit();
	test_host_path();
	test_file_path();
	test_from_path();
	test_is_path();
	return check_finish();
}
