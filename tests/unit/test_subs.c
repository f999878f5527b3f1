/*
 * test_subs: the urls file (newsboat's format, kept byte for byte), atomic
 * rewrites, OPML import and export. (Discovery in a page is
 * test_discover's.)
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "subs.h"
#include "text.h"

static char tmpdir[] = "/tmp/test_subs.XXXXXX";

/* A newsboat user's file: comments, blanks, query/exec/filter lines,
 * quoted tags, a ~title, CRLF on one line, no final newline. */
static const char newsboat[] =
	"# my feeds\n"
	"\n"
	"https://www.crm-daily.com/rss.xml crm \"business news\" \"~CRM Daily\"\n"
	"   # indented comment\n"
	"http://example.org/a.atom\ttech  \"say \\\"hi\\\"\" # trailing comment\r\n"
	"\"query:Unread Articles:unread = \\\"yes\\\"\" virtual\n"
	"exec:~/bin/make-feed.sh local\n"
	"filter:~/bin/clean.sh:https://example.net/feed local\n"
	"file:///home/u/feed.xml\n"
	"https://example.com/#frag \"~Title with # hash\" !hidden";

static const struct {
	const char *url, *title, *tags;	/* tags joined with | */
} newsboat_feeds[] = {
	{ "https://www.crm-daily.com/rss.xml", "CRM Daily", "crm|business news" },
	{ "http://example.org/a.atom", NULL, "tech|say \"hi\"" },
	{ "file:///home/u/feed.xml", NULL, "" },
	{ "https://example.com/#frag", "Title with # hash", "!hidden" },
};

static char *
joined_tags(const struct subs_feed *f)
{
	struct tbuf b;
	size_t i;

	tbuf_init(&b, 4096);
	for (i = 0; i < f->ntags; i++)
		if (!tbuf_printf(&b, "%s%s", i ? "|" : "", f->tags[i]))
			break;
	return tbuf_take(&b);
}

static char *
format(const struct subs *s)
{
	return subs_format(s, NULL);
}

static void
test_newsboat_file(void)
{
	struct subs *s;
	char *out;
	size_t i, len;

	CHECK(subs_parse(newsboat, strlen(newsboat), &s) == SUBS_OK);
	CHECK(subs_count(s) == sizeof(newsboat_feeds) / sizeof(newsboat_feeds[0]));
	for (i = 0; i < subs_count(s); i++) {
		const struct subs_feed *f = subs_get(s, i);
		char *tags = joined_tags(f);

		CHECK_STR(f->url, newsboat_feeds[i].url);
		if (newsboat_feeds[i].title == NULL)
			CHECK(f->title == NULL);
		else
			CHECK_STR(f->title, newsboat_feeds[i].title);
		CHECKF(strcmp(tags, newsboat_feeds[i].tags) == 0,
		    "feed %zu: tags '%s', want '%s'", i, tags,
		    newsboat_feeds[i].tags);
		free(tags);
	}
	CHECK(subs_get(s, 99) == NULL);
	CHECK(subs_nproblems(s) == 0 && subs_problem(s, 0) == NULL);
	CHECK(subs_find(s, "file:///home/u/feed.xml") == subs_get(s, 2));
	CHECK(subs_find(s, "exec:~/bin/make-feed.sh") == NULL);

	/* Untouched, it writes back byte for byte. */
	out = subs_format(s, &len);
	CHECK(len == strlen(newsboat) && memcmp(out, newsboat, len) == 0);
	free(out);

	/* Adding gives the last line its newline, then the new line. */
	CHECK(subs_add(s, "https://new.example/feed", NULL, 0, NULL) == SUBS_OK);
	out = format(s);
	CHECK(strncmp(out, newsboat, strlen(newsboat)) == 0);
	CHECK_STR(out + strlen(newsboat), "\nhttps://new.example/feed\n");
	free(out);

	/* Removing lines keeps every other byte. */
	CHECK(subs_remove(s, "https://new.example/feed") == SUBS_OK);
	CHECK(subs_remove(s, "http://example.org/a.atom") == SUBS_OK);
	CHECK(subs_remove(s, "http://example.org/a.atom") == SUBS_NOT_FOUND);
	CHECK(subs_remove(s, "exec:~/bin/make-feed.sh") == SUBS_NOT_FOUND);
	out = format(s);
	{
		const char *cut = strstr(newsboat, "http://example.org/a.atom");
		const char *after = strstr(cut, "\r\n") + 2;
		char *want = xasprintf("%.*s%s\n", (int)(cut - newsboat),
		    newsboat, after);

		CHECK_STR(out, want);
		free(want);
	}
	free(out);
	CHECK(subs_count(s) == 3);

	/* Duplicates and unusable URLs are refused. */
	CHECK(subs_add(s, "file:///home/u/feed.xml", NULL, 0, NULL) == SUBS_DUPLICATE);
	CHECK(subs_add(s, "", NULL, 0, NULL) == SUBS_BAD_URL);
	CHECK(subs_add(s, "http://a b/", NULL, 0, NULL) == SUBS_BAD_URL);
	CHECK(subs_add(s, "http://a/\nhttp://b/", NULL, 0, NULL) == SUBS_BAD_URL);
	CHECK(subs_add(s, "# not a url", NULL, 0, NULL) == SUBS_BAD_URL);
	CHECK(subs_add(s, "query:x:y", NULL, 0, NULL) == SUBS_BAD_URL);
	CHECK(subs_count(s) == 3);

	/* Renaming keeps the rest of the line as it was. */
	CHECK(subs_rename(s, "https://www.crm-daily.com/rss.xml",
	    "https://crm-daily.example/rss") == SUBS_OK);
	out = format(s);
	CHECK(strstr(out, "\nhttps://crm-daily.example/rss crm \"business news\" "
	    "\"~CRM Daily\"\n") != NULL);
	free(out);
	CHECK_STR(subs_get(s, 0)->title, "CRM Daily");
	CHECK(subs_rename(s, "https://nope/", "https://x/") == SUBS_NOT_FOUND);
	CHECK(subs_rename(s, "https://crm-daily.example/rss",
	    "file:///home/u/feed.xml") == SUBS_DUPLICATE);
	subs_free(s);
	subs_free(NULL);
}

/* Lines that are not URLs: kept byte for byte, not used, reported with
 * their line number and without their control characters. */
static void
test_problems(void)
{
	static const char file[] =
		"# fine\n"
		"not a url at all\n"
		"http://good.example/ tag\n"
		"\"unterminated quote\n"
		"example.com/feed.xml\n"
		"http://evil.example/\033]0;pwned\007 \033[2J\n"
		"http://nul\0byte/\n"
		"\"\"\n"
		"http://\xff\xfe.example/ \xc3(\n";
	static const char *const want[] = {
		"line 2: not a feed URL, ignored: not a url at all",
		"line 4: not a feed URL, ignored: \"unterminated quote",
		"line 5: not a feed URL, ignored: example.com/feed.xml",
		"line 6: not a feed URL, ignored: http://evil.example/ ",
		"line 7: not a feed URL, ignored: http://nulbyte/",
		"line 8: not a feed URL, ignored: \"\"",
	};
	struct subs *s;
	char *out;
	size_t i, len;

	CHECK(subs_parse(file, sizeof(file) - 1, &s) == SUBS_OK);
	CHECK(subs_count(s) == 2);
	CHECK(subs_nproblems(s) == sizeof(want) / sizeof(want[0]));
	for (i = 0; i < subs_nproblems(s) && i < sizeof(want) / sizeof(want[0]); i++)
		CHECKF(strcmp(subs_problem(s, i), want[i]) == 0,
		    "problem %zu: '%s', want '%s'", i, subs_problem(s, i),
		    want[i]);
	out = subs_format(s, &len);
	CHECK(len == sizeof(file) - 1 && memcmp(out, file, len) == 0);
	free(out);
	/* Line numbers follow a removal. */
	CHECK(subs_remove(s, "http://good.example/") == SUBS_OK);
	CHECK_STR(subs_problem(s, 1), "line 3: not a feed URL, ignored: \"unterminated quote");
	CHECK(subs_add(s, "example.com/feed.xml", NULL, 0, NULL) == SUBS_BAD_URL);
	subs_free(s);
}

/* Tags needing quotes survive a write and a read. */
/* In-place edits of one line: the file is newsboat's with the line old
 * replaced by new, every other byte (and the line's CRLF) as it was. */
static const struct {
	bool tags;		/* subs_set_tags, else subs_set_title */
	const char *url;
	const char *value;	/* the title, or tags joined with | (NULL: none) */
	const char *old, *new;	/* the line's text before and after */
	const char *want_title, *want_tags;	/* parsed back; tags joined with | */
} edits[] = {
	/* A new title replaces the old one; the tags keep their bytes. */
	{ false, "https://www.crm-daily.com/rss.xml", "CRM, every day",
	  "crm \"business news\" \"~CRM Daily\"\n",
	  "crm \"business news\" \"~CRM, every day\"\n",
	  "CRM, every day", "crm|business news" },
	/* No title: the ~tag goes, the feed's own title will show. */
	{ false, "https://www.crm-daily.com/rss.xml", NULL,
	  "crm \"business news\" \"~CRM Daily\"\n", "crm \"business news\"\n",
	  NULL, "crm|business news" },
	{ false, "https://www.crm-daily.com/rss.xml", "",
	  "crm \"business news\" \"~CRM Daily\"\n", "crm \"business news\"\n",
	  NULL, "crm|business news" },
	/* A title added before a trailing comment, which stays; CRLF too. */
	{ false, "http://example.org/a.atom", "A \"quoted\" one",
	  "\ttech  \"say \\\"hi\\\"\" # trailing comment\r\n",
	  "\ttech  \"say \\\"hi\\\"\" \"~A \\\"quoted\\\" one\" # trailing comment\r\n",
	  "A \"quoted\" one", "tech|say \"hi\"" },
	{ false, "file:///home/u/feed.xml", "Mine",
	  "file:///home/u/feed.xml\n", "file:///home/u/feed.xml ~Mine\n",
	  "Mine", "" },
	/* The last line, without a newline, keeps having none. */
	{ false, "https://example.com/#frag", "Plain",
	  "\"~Title with # hash\" !hidden", "!hidden ~Plain", "Plain", "!hidden" },
	/* Tags: replaced, quoted when they hold blanks, the title kept. */
	{ true, "https://www.crm-daily.com/rss.xml", "work|long reads|a\"b",
	  "crm \"business news\" \"~CRM Daily\"\n",
	  "work \"long reads\" \"a\\\"b\" \"~CRM Daily\"\n",
	  "CRM Daily", "work|long reads|a\"b" },
	{ true, "https://www.crm-daily.com/rss.xml", NULL,
	  "crm \"business news\" \"~CRM Daily\"\n", "\"~CRM Daily\"\n",
	  "CRM Daily", "" },
	/* Empty tags and ~tags are skipped: tags cannot set the title. */
	{ true, "http://example.org/a.atom", "|~sneaky|x",
	  "\ttech  \"say \\\"hi\\\"\" # trailing comment\r\n",
	  " x # trailing comment\r\n", NULL, "x" },
	{ true, "https://example.com/#frag", "#not-a-comment",
	  "\"~Title with # hash\" !hidden",
	  "\"#not-a-comment\" \"~Title with # hash\"",
	  "Title with # hash", "#not-a-comment" },
};

static void
test_edits(void)
{
	size_t i;

	for (i = 0; i < sizeof(edits) / sizeof(edits[0]); i++) {
		const char *tags[8];
		char *copy = NULL, *p, *tok, *got, *want, *at, *jt;
		size_t n = 0, pos;
		struct subs *s;
		const struct subs_feed *f;
		size_t before;

		CHECK(subs_parse(newsboat, strlen(newsboat), &s) == SUBS_OK);
		before = subs_count(s);
		if (edits[i].tags) {
			if (edits[i].value != NULL) {
				copy = xstrdup(edits[i].value);
				for (p = copy; n < 8 &&
				    (tok = strsep(&p, "|")) != NULL;)
					tags[n++] = tok;
			}
			CHECK(subs_set_tags(s, edits[i].url, tags, n) == SUBS_OK);
		} else {
			CHECK(subs_set_title(s, edits[i].url, edits[i].value) ==
			    SUBS_OK);
		}
		at = strstr(newsboat, edits[i].old);
		CHECK(at != NULL);
		pos = at != NULL ? (size_t)(at - newsboat) : 0;
		want = xasprintf("%.*s%s%s", (int)pos, newsboat, edits[i].new,
		    newsboat + pos + strlen(edits[i].old));
		got = format(s);
		CHECKF(strcmp(got, want) == 0, "edit %zu: got\n%s\nwant\n%s", i,
		    got, want);
		/* The same position among the feeds, parsed back right. */
		CHECK(subs_count(s) == before);
		f = subs_find(s, edits[i].url);
		CHECK(f != NULL);
		if (f != NULL) {
			CHECK((f->title == NULL) == (edits[i].want_title == NULL));
			if (edits[i].want_title != NULL)
				CHECK_STR(f->title, edits[i].want_title);
			jt = joined_tags(f);
			CHECK_STR(jt, edits[i].want_tags);
			free(jt);
		}
		free(got);
		free(want);
		free(copy);
		subs_free(s);
	}
}

/* Edits of a URL not subscribed change nothing. */
static void
test_edit_missing(void)
{
	const char *tag = "x";
	struct subs *s;
	char *got;

	CHECK(subs_parse(newsboat, strlen(newsboat), &s) == SUBS_OK);
	CHECK(subs_set_title(s, "https://nowhere/", "T") == SUBS_NOT_FOUND);
	CHECK(subs_set_tags(s, "https://nowhere/", &tag, 1) == SUBS_NOT_FOUND);
	/* query: lines are not subscriptions */
	CHECK(subs_set_title(s, "query:Unread Articles:unread = \"yes\"", "T") ==
	    SUBS_NOT_FOUND);
	got = format(s);
	CHECK_STR(got, newsboat);
	free(got);
	subs_free(s);
}

static void
test_tag_quoting(void)
{
	static const char *const tags[] = {
		"plain", "two words", "say \"hi\"", "back\\slash", "#hash",
		"~tilde-first", "tab\there", "",
	};
	static const char *const want[] = {
		"plain", "two words", "say \"hi\"", "back\\slash", "#hash",
		"tab here",
	};
	struct subs *s, *t;
	char *out;
	size_t i;

	CHECK(subs_parse("", 0, &s) == SUBS_OK);
	CHECK(subs_count(s) == 0);
	CHECK(subs_add(s, "https://q.example/", tags, sizeof(tags) / sizeof(tags[0]),
	    "A \"quoted\" title\nwith a break") == SUBS_OK);
	out = format(s);
	CHECK(strchr(out, '\n') == out + strlen(out) - 1);	/* one line */
	CHECK(subs_parse(out, strlen(out), &t) == SUBS_OK);
	CHECK(subs_count(t) == 1);
	if (subs_count(t) == 1) {
		const struct subs_feed *f = subs_get(t, 0);

		/* "~tilde-first" as a tag is a title in newsboat's
		 * format; the explicit title comes last and wins. */
		CHECK_STR(f->title, "A \"quoted\" title with a break");
		CHECK(f->ntags == sizeof(want) / sizeof(want[0]));
		for (i = 0; i < f->ntags && i < sizeof(want) / sizeof(want[0]); i++)
			CHECK_STR(f->tags[i], want[i]);
	}
	free(out);
	subs_free(t);
	subs_free(s);

	/* A CRLF file gets CRLF lines. */
	CHECK(subs_parse("http://a/\r\n", 11, &s) == SUBS_OK);
	CHECK(subs_add(s, "http://b/", NULL, 0, "B") == SUBS_OK);
	out = format(s);
	CHECK_STR(out, "http://a/\r\nhttp://b/ ~B\r\n");
	free(out);
	subs_free(s);
}

static char *
read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct tbuf b;
	char buf[4096];
	size_t n;

	if (f == NULL)
		return NULL;
	tbuf_init(&b, 1 << 24);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		if (!tbuf_add(&b, buf, n))
			break;
	fclose(f);
	return tbuf_take(&b);
}

static void
write_file(const char *path, const char *data)
{
	FILE *f = fopen(path, "wb");

	CHECK(f != NULL);
	if (f != NULL) {
		fputs(data, f);
		fclose(f);
	}
}

static int
count_files(const char *dir)
{
	char *cmd = xasprintf("ls -A '%s' | wc -l", dir);
	FILE *p = popen(cmd, "r");
	int n = -1;

	if (p != NULL) {
		if (fscanf(p, "%d", &n) != 1)
			n = -1;
		pclose(p);
	}
	free(cmd);
	return n;
}

static void
test_save(void)
{
	char *dir = xasprintf("%s/cfg/tidings", tmpdir);
	char *path = xasprintf("%s/urls", dir);
	char *real = xasprintf("%s/dotfiles-urls", tmpdir);
	char *got;
	struct subs *s;
	struct stat sb;

	/* A missing file is an empty list; saving creates folders 0700. */
	CHECK(subs_load(path, &s) == SUBS_OK);
	CHECK(subs_count(s) == 0);
	CHECK(subs_add(s, "https://a.example/", NULL, 0, NULL) == SUBS_OK);
	CHECK(subs_save(s, path) == SUBS_OK);
	subs_free(s);
	CHECK(stat(dir, &sb) == 0 && (sb.st_mode & 0777) == 0700);
	got = read_file(path);
	CHECK_STR(got, "https://a.example/\n");
	free(got);
	/* no temporary left: the file and its lock file */
	CHECK(count_files(dir) == 2);

	/* The file's own mode is kept; the newsboat file round-trips. */
	write_file(path, newsboat);
	CHECK(chmod(path, 0640) == 0);
	CHECK(subs_load(path, &s) == SUBS_OK);
	CHECK(subs_save(s, path) == SUBS_OK);
	subs_free(s);
	got = read_file(path);
	CHECK_STR(got, newsboat);
	free(got);
	CHECK(stat(path, &sb) == 0 && (sb.st_mode & 0777) == 0640);

	/* A symlinked urls file (dotfiles in git) stays a symlink. */
	write_file(real, "http://linked/\n");
	CHECK(unlink(path) == 0 && symlink(real, path) == 0);
	CHECK(subs_load(path, &s) == SUBS_OK);
	CHECK(subs_add(s, "http://second/", NULL, 0, NULL) == SUBS_OK);
	CHECK(subs_save(s, path) == SUBS_OK);
	subs_free(s);
	CHECK(lstat(path, &sb) == 0 && S_ISLNK(sb.st_mode));
	got = read_file(real);
	CHECK_STR(got, "http://linked/\nhttp://second/\n");
	free(got);

	/* A folder we cannot write: the save fails, the old file stays. */
	if (geteuid() != 0) {
		CHECK(unlink(path) == 0);
		write_file(path, "http://old/\n");
		CHECK(chmod(dir, 0500) == 0);
		CHECK(subs_load(path, &s) == SUBS_OK);
		CHECK(subs_add(s, "http://new/", NULL, 0, NULL) == SUBS_OK);
		CHECK(subs_save(s, path) == SUBS_IO_ERROR);
		subs_free(s);
		CHECK(chmod(dir, 0700) == 0);
		got = read_file(path);
		CHECK_STR(got, "http://old/\n");
		free(got);
	}
	/* The rename fails (the path is a folder): an error, and no
	 * temporary file is left behind. */
	{
		char *sub = xasprintf("%s/blocked", tmpdir);
		char *inner = xasprintf("%s/blocked/x", tmpdir);
		int before;

		CHECK(mkdir(sub, 0700) == 0);
		write_file(inner, "keep\n");
		before = count_files(tmpdir) + 1;	/* + blocked.lock */
		CHECK(subs_parse("http://a/\n", 10, &s) == SUBS_OK);
		CHECK(subs_save(s, sub) == SUBS_IO_ERROR);
		subs_free(s);
		CHECK(count_files(tmpdir) == before);
		got = read_file(inner);
		CHECK_STR(got, "keep\n");
		free(got);
		free(sub);
		free(inner);
	}
	/* A file too big is refused, not cut. */
	{
		char *big = xasprintf("%s/big", tmpdir);
		int fd = open(big, O_CREAT | O_WRONLY, 0600);

		CHECK(fd >= 0 && ftruncate(fd, (off_t)SUBS_MAX_FILE + 1) == 0);
		close(fd);
		CHECK(subs_load(big, &s) == SUBS_TOO_LARGE && s == NULL);
		free(big);
	}
	free(dir);
	free(path);
	free(real);
}

/* ---- several writers ---------------------------------------------------------
 * Each struct subs below stands for one program: a reader open for an
 * hour, a `tidings --add` from a script. What one saves must survive the
 * other's save (issue 10 item 1).
 */

/* A fresh urls path in a folder of its own. */
static char *
fresh_path(const char *name, const char *content)
{
	char *dir = xasprintf("%s/%s", tmpdir, name);
	char *path = xasprintf("%s/urls", dir);

	CHECK(mkdir(dir, 0700) == 0);
	if (content != NULL)
		write_file(path, content);
	free(dir);
	return path;
}

/* An outside program: load, one edit, save, as `tidings --add` does. */
static void
outside_add(const char *path, const char *url)
{
	struct subs *o;

	CHECK(subs_load(path, &o) == SUBS_OK);
	CHECK(subs_add(o, url, NULL, 0, NULL) == SUBS_OK);
	CHECK(subs_save(o, path) == SUBS_OK);
	subs_free(o);
}

static void
test_lost_subscriptions(void)
{
	static const char *const tags[] = { "work" };
	char *path = fresh_path("lost", "# mine\nhttp://old.example/ news\n");
	struct subs *a, *b;
	char *got;

	/* 1. The reader is open; --add from a shell; the reader adds. */
	CHECK(subs_load(path, &a) == SUBS_OK);
	outside_add(path, "http://outside.example/a.xml");
	CHECK(subs_stale(a));
	CHECK(subs_add(a, "http://reader.example/", NULL, 0, NULL) == SUBS_OK);
	CHECK(subs_save(a, path) == SUBS_OK);
	got = read_file(path);
	CHECK_STR(got, "# mine\nhttp://old.example/ news\n"
	    "http://outside.example/a.xml\nhttp://reader.example/\n");
	free(got);
	/* a now holds the file as written, and is not stale. */
	CHECK(subs_count(a) == 3 &&
	    subs_find(a, "http://outside.example/a.xml") != NULL);
	CHECK(!subs_stale(a));

	/* 2. Two readers open, each adds. */
	CHECK(subs_load(path, &b) == SUBS_OK);
	CHECK(subs_add(a, "http://first.example/", NULL, 0, NULL) == SUBS_OK);
	CHECK(subs_add(b, "http://second.example/", NULL, 0, NULL) == SUBS_OK);
	CHECK(subs_save(a, path) == SUBS_OK);
	CHECK(subs_save(b, path) == SUBS_OK);
	CHECK(subs_find(b, "http://first.example/") != NULL);
	subs_free(b);

	/* 3. t and d after an outside --add: retag one, delete another. */
	outside_add(path, "http://outside.example/b.xml");
	CHECK(subs_set_tags(a, "http://old.example/", tags, 1) == SUBS_OK);
	CHECK(subs_remove(a, "http://reader.example/") == SUBS_OK);
	CHECK(subs_save(a, path) == SUBS_OK);
	got = read_file(path);
	CHECK_STR(got, "# mine\nhttp://old.example/ work\n"
	    "http://outside.example/a.xml\nhttp://first.example/\n"
	    "http://second.example/\nhttp://outside.example/b.xml\n");
	free(got);
	subs_free(a);
	free(path);
}

/* Edits whose line another program changed meanwhile: each is skipped,
 * the save succeeds, and nothing comes back from the dead. */
static void
test_replay_noops(void)
{
	static const char *const tags[] = { "mine" };
	char *path = fresh_path("noop", "http://gone.example/\n"
	    "http://taken.example/\nhttp://keep.example/ k\n");
	struct subs *a, *o;
	char *got;

	CHECK(subs_load(path, &a) == SUBS_OK);
	CHECK(subs_set_title(a, "http://gone.example/", "T") == SUBS_OK);
	CHECK(subs_set_tags(a, "http://gone.example/", tags, 1) == SUBS_OK);
	CHECK(subs_remove(a, "http://keep.example/") == SUBS_OK);
	CHECK(subs_rename(a, "http://taken.example/", "http://new.example/") ==
	    SUBS_OK);
	CHECK(subs_add(a, "http://both.example/", NULL, 0, NULL) == SUBS_OK);

	/* Meanwhile: gone and keep are removed, new and both added. */
	CHECK(subs_load(path, &o) == SUBS_OK);
	CHECK(subs_remove(o, "http://gone.example/") == SUBS_OK);
	CHECK(subs_remove(o, "http://keep.example/") == SUBS_OK);
	CHECK(subs_add(o, "http://new.example/", NULL, 0, "Theirs") == SUBS_OK);
	CHECK(subs_add(o, "http://both.example/", tags, 1, NULL) == SUBS_OK);
	CHECK(subs_save(o, path) == SUBS_OK);
	subs_free(o);

	CHECK(subs_save(a, path) == SUBS_OK);
	got = read_file(path);
	CHECK_STR(got, "http://taken.example/\nhttp://new.example/ ~Theirs\n"
	    "http://both.example/ mine\n");
	free(got);
	subs_free(a);

	/* An add undone before it was saved (a save that failed) forgets
	 * the add: another program's line for that URL stays. */
	CHECK(subs_load(path, &a) == SUBS_OK);
	CHECK(subs_add(a, "http://undone.example/", NULL, 0, NULL) == SUBS_OK);
	CHECK(subs_set_title(a, "http://undone.example/", "X") == SUBS_OK);
	CHECK(subs_load(path, &o) == SUBS_OK);
	CHECK(subs_add(o, "http://undone.example/", tags, 1, NULL) == SUBS_OK);
	CHECK(subs_save(o, path) == SUBS_OK);
	subs_free(o);
	CHECK(subs_remove(a, "http://undone.example/") == SUBS_OK);
	CHECK(subs_save(a, path) == SUBS_OK);
	got = read_file(path);
	CHECK(got != NULL && strstr(got, "http://undone.example/ mine\n") != NULL);
	free(got);
	/* Saving twice applies nothing twice. */
	CHECK(subs_save(a, path) == SUBS_OK);
	got = read_file(path);
	CHECK(got != NULL && strstr(got, "http://undone.example/ mine\n") != NULL);
	free(got);
	subs_free(a);
	free(path);
}

/* The edit lands on the file as it is, every other byte of it kept:
 * newsboat's comments, kinds, CRLF line and missing final newline, and an
 * editor's change made meanwhile (whose CRLF first line now sets the
 * ending of added lines). */
static void
test_replay_bytes(void)
{
	char *path = fresh_path("bytes", newsboat);
	char *edited = xasprintf("# edited in vi\r\n%s", newsboat);
	char *got, *want;
	struct subs *a;

	CHECK(subs_load(path, &a) == SUBS_OK);
	CHECK(subs_set_title(a, "http://example.org/a.atom", "A") == SUBS_OK);
	CHECK(subs_add(a, "https://new.example/", NULL, 0, NULL) == SUBS_OK);
	write_file(path, edited);	/* in place, as an editor may */
	CHECK(subs_save(a, path) == SUBS_OK);
	got = read_file(path);
	{
		const char *old = "\ttech  \"say \\\"hi\\\"\" # trailing";
		const char *at = strstr(edited, old);

		want = xasprintf("%.*s\ttech  \"say \\\"hi\\\"\" ~A # trailing%s"
		    "\r\nhttps://new.example/\r\n", (int)(at - edited), edited,
		    at + strlen(old));
	}
	CHECK_STR(got, want);
	free(got);
	free(want);
	free(edited);
	subs_free(a);
	free(path);
}

/* subs_stale(): the file changed under s, whatever the way. */
static void
test_stale(void)
{
	char *path = fresh_path("stale", NULL);
	struct timespec ts[2];
	struct stat sb;
	struct subs *a;
	int fd;

	CHECK(subs_parse("http://a/\n", 10, &a) == SUBS_OK);
	CHECK(!subs_stale(a));	/* from memory: no file */
	subs_free(a);

	/* Missing, then created. */
	CHECK(subs_load(path, &a) == SUBS_OK);
	CHECK(!subs_stale(a));
	write_file(path, "http://a/\n");
	CHECK(subs_stale(a));
	subs_free(a);

	/* Only the mtime's nanoseconds change (same inode, same size). */
	CHECK(subs_load(path, &a) == SUBS_OK);
	CHECK(!subs_stale(a));
	CHECK(stat(path, &sb) == 0);
	ts[0] = sb.st_atim;
	ts[1] = sb.st_mtim;
	ts[1].tv_nsec = (ts[1].tv_nsec + 1) % 1000000000L;
	CHECK(utimensat(AT_FDCWD, path, ts, 0) == 0);
	CHECK(subs_stale(a));
	subs_free(a);

	/* The same bytes written to a new inode, mtime put back. */
	CHECK(subs_load(path, &a) == SUBS_OK);
	CHECK(stat(path, &sb) == 0);
	{
		char *tmp = xasprintf("%s.new", path);

		write_file(tmp, "http://a/\n");
		ts[0] = sb.st_atim;
		ts[1] = sb.st_mtim;
		CHECK(utimensat(AT_FDCWD, tmp, ts, 0) == 0);
		CHECK(rename(tmp, path) == 0);
		free(tmp);
	}
	CHECK(subs_stale(a));
	subs_free(a);

	/* Grown in place with its mtime put back; then removed. */
	CHECK(subs_load(path, &a) == SUBS_OK);
	CHECK(stat(path, &sb) == 0);
	fd = open(path, O_WRONLY | O_APPEND);
	CHECK(fd >= 0 && write(fd, "x\n", 2) == 2);
	if (fd >= 0)
		close(fd);
	ts[0] = sb.st_atim;
	ts[1] = sb.st_mtim;
	CHECK(utimensat(AT_FDCWD, path, ts, 0) == 0);
	CHECK(subs_stale(a));
	subs_free(a);
	CHECK(subs_load(path, &a) == SUBS_OK);
	CHECK(unlink(path) == 0);
	CHECK(subs_stale(a));
	/* Its own save is not a change under it. */
	CHECK(subs_save(a, path) == SUBS_OK);
	CHECK(!subs_stale(a));
	subs_free(a);
	free(path);
}

/* The save replaces the file by rename, never writes it in place: a new
 * inode, and a reader that opened the old file reads all of it. Holds as
 * root too (CI runs as root, where a read-only folder proves nothing). */
static void
test_rename_not_in_place(void)
{
	static const char old[] = "# a comment long enough to be cut\n"
	    "http://a.example/\nhttp://b.example/\n";
	char *path = fresh_path("rename", old);
	char buf[sizeof(old) + 64];
	struct stat before, after;
	struct subs *s;
	ssize_t n;
	int fd;

	CHECK(stat(path, &before) == 0);
	fd = open(path, O_RDONLY);
	CHECK(fd >= 0);
	CHECK(subs_load(path, &s) == SUBS_OK);
	CHECK(subs_remove(s, "http://a.example/") == SUBS_OK);
	CHECK(subs_save(s, path) == SUBS_OK);
	subs_free(s);
	CHECK(stat(path, &after) == 0);
	CHECK(after.st_ino != before.st_ino);
	n = fd >= 0 ? pread(fd, buf, sizeof(buf), 0) : -1;
	CHECK(n == (ssize_t)sizeof(old) - 1 && memcmp(buf, old, sizeof(old) - 1) == 0);
	if (fd >= 0)
		close(fd);
	free(path);
}

/* Files the user protected: left alone, with a reason (issue 16). */
static void
test_protected_files(void)
{
	char *path = fresh_path("protect", "http://ro.example/\n");
	char *real = xasprintf("%s/protect/real-urls", tmpdir);
	char *got;
	struct stat before, after;
	struct subs *s;

	/* 0444: refused, as root too; same inode, same bytes. */
	CHECK(chmod(path, 0444) == 0);
	CHECK(stat(path, &before) == 0);
	CHECK(subs_load(path, &s) == SUBS_OK);
	CHECK(subs_add(s, "http://new.example/", NULL, 0, NULL) == SUBS_OK);
	errno = 0;
	CHECK(subs_save(s, path) == SUBS_READ_ONLY);
	CHECK(errno == EACCES);
	CHECK(strstr(subs_strerror(SUBS_READ_ONLY), "read-only") != NULL);
	/* The edit stays pending: once writable, the save goes through. */
	CHECK(stat(path, &after) == 0 && after.st_ino == before.st_ino &&
	    (after.st_mode & 0777) == 0444);
	got = read_file(path);
	CHECK_STR(got, "http://ro.example/\n");
	free(got);
	CHECK(chmod(path, 0640) == 0);
	CHECK(subs_save(s, path) == SUBS_OK);
	subs_free(s);
	got = read_file(path);
	CHECK_STR(got, "http://ro.example/\nhttp://new.example/\n");
	free(got);
	CHECK(stat(path, &after) == 0 && (after.st_mode & 0777) == 0640);

	/* A symlink stays one; its target keeps its mode. */
	CHECK(rename(path, real) == 0 && symlink("real-urls", path) == 0);
	CHECK(chmod(real, 0604) == 0);
	CHECK(subs_load(path, &s) == SUBS_OK);
	CHECK(subs_remove(s, "http://ro.example/") == SUBS_OK);
	CHECK(subs_save(s, path) == SUBS_OK);
	CHECK(!subs_stale(s));
	subs_free(s);
	CHECK(lstat(path, &after) == 0 && S_ISLNK(after.st_mode));
	CHECK(stat(real, &after) == 0 && (after.st_mode & 0777) == 0604);
	got = read_file(real);
	CHECK_STR(got, "http://new.example/\n");
	free(got);

	/* A dangling symlink: refused, the link kept, no file made. */
	CHECK(unlink(real) == 0);
	CHECK(subs_load(path, &s) == SUBS_OK && subs_count(s) == 0);
	CHECK(subs_add(s, "http://x.example/", NULL, 0, NULL) == SUBS_OK);
	errno = 0;
	CHECK(subs_save(s, path) == SUBS_DANGLING);
	CHECK(errno == ENOENT);
	subs_free(s);
	CHECK(lstat(path, &after) == 0 && S_ISLNK(after.st_mode));
	CHECK(access(real, F_OK) != 0);
	free(real);
	free(path);
}

/* A writer holding the lock is waited for, and what it wrote is kept. */
static void
test_lock(void)
{
	char *path = fresh_path("lock", "http://a.example/\n");
	char *lock = xasprintf("%s%s", path, SUBS_LOCK_SUFFIX);
	int ready[2];
	struct subs *s;
	pid_t pid;
	char c;

	CHECK(subs_load(path, &s) == SUBS_OK);
	CHECK(subs_add(s, "http://mine.example/", NULL, 0, NULL) == SUBS_OK);
	CHECK(pipe(ready) == 0);
	pid = fork();
	if (pid == 0) {
		/* The other writer: lock, say so, write while the parent
		 * is already saving, release. */
		struct timespec hold = { 0, 300 * 1000000L };
		char *tmp = xasprintf("%s.other", path);
		int fd = open(lock, O_RDWR | O_CREAT, 0600);

		if (fd < 0 || flock(fd, LOCK_EX) != 0)
			_exit(1);
		if (write(ready[1], "r", 1) != 1)
			_exit(1);
		nanosleep(&hold, NULL);
		write_file(tmp, "http://a.example/\nhttp://other.example/\n");
		_exit(rename(tmp, path) == 0 ? 0 : 1);
	}
	CHECK(pid > 0);
	close(ready[1]);
	CHECK(read(ready[0], &c, 1) == 1);
	close(ready[0]);
	CHECK(subs_save(s, path) == SUBS_OK);
	{
		int status = -1;

		CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
		    WEXITSTATUS(status) == 0);
	}
	subs_free(s);
	{
		char *got = read_file(path);

		CHECK_STR(got, "http://a.example/\nhttp://other.example/\n"
		    "http://mine.example/\n");
		free(got);
	}
	free(lock);
	free(path);
}

/* newsboat's other kinds of lines: listed, marked, never fetched. */
static void
test_kinds(void)
{
	static const struct {
		const char *url, *title;
		enum subs_kind kind;
	} want[] = {
		{ "https://www.crm-daily.com/rss.xml", "CRM Daily", SUBS_KIND_URL },
		{ "http://example.org/a.atom", NULL, SUBS_KIND_URL },
		{ "query:Unread Articles:unread = \"yes\"", "Unread Articles",
		  SUBS_KIND_QUERY },
		{ "exec:~/bin/make-feed.sh", NULL, SUBS_KIND_EXEC },
		{ "filter:~/bin/clean.sh:https://example.net/feed", NULL,
		  SUBS_KIND_FILTER },
		{ "file:///home/u/feed.xml", NULL, SUBS_KIND_URL },
		{ "https://example.com/#frag", "Title with # hash", SUBS_KIND_URL },
	};
	struct subs *s;
	size_t i;
	char *out;

	CHECK(subs_parse(newsboat, strlen(newsboat), &s) == SUBS_OK);
	CHECK(subs_count_all(s) == sizeof(want) / sizeof(want[0]));
	CHECK(subs_count(s) == 4);
	for (i = 0; i < subs_count_all(s) && i < sizeof(want) / sizeof(want[0]); i++) {
		const struct subs_feed *f = subs_get_all(s, i);

		CHECK_STR(f->url, want[i].url);
		CHECK_STR(f->title, want[i].title);
		CHECKF(f->kind == want[i].kind, "entry %zu: kind %d", i, f->kind);
		CHECK(f->supported == (want[i].kind == SUBS_KIND_URL));
	}
	CHECK(subs_get_all(s, 99) == NULL);
	CHECK(subs_get_all(s, 3)->ntags == 1 &&
	    strcmp(subs_get_all(s, 3)->tags[0], "local") == 0);
	for (i = 0; i < subs_count(s); i++)
		CHECK(subs_get(s, i)->kind == SUBS_KIND_URL && subs_get(s, i)->supported);
	/* Still kept byte for byte, and still in the list after an edit. */
	CHECK(subs_remove(s, "http://example.org/a.atom") == SUBS_OK);
	CHECK(subs_count_all(s) == 6 && subs_get_all(s, 1)->kind == SUBS_KIND_QUERY);
	CHECK(subs_add(s, "https://z.example/", NULL, 0, NULL) == SUBS_OK);
	CHECK(subs_count_all(s) == 7 &&
	    strcmp(subs_get_all(s, 6)->url, "https://z.example/") == 0);
	out = format(s);
	CHECK(strstr(out, "\n\"query:Unread Articles:unread = \\\"yes\\\"\" virtual\n"
	    "exec:~/bin/make-feed.sh local\n") != NULL);
	free(out);
	subs_free(s);
}

/* A folder "Nested Deeper" is one tag, quoted as newsboat writes it, from
 * the OPML import through a save and a tag edit (issue 10 item 2). */
static void
test_tags_with_blanks(void)
{
	static const char opml[] = "<opml><body><outline text=\"Nested Deeper\">"
	    "<outline xmlUrl=\"http://deep.example/\" text=\"D\"/></outline>"
	    "</body></opml>";
	static const char *const retag[] = { "Nested Deeper", "two  blanks", "x" };
	char *path = fresh_path("blanks", NULL);
	struct subs_opml o;
	struct subs *s;
	char *got;

	CHECK(subs_opml_parse(opml, strlen(opml), &o) == SUBS_OK && o.n == 1);
	CHECK(subs_load(path, &s) == SUBS_OK);
	if (o.n == 1)
		CHECK(subs_add(s, o.v[0].url, (const char *const *)o.v[0].tags,
		    o.v[0].ntags, o.v[0].title) == SUBS_OK);
	subs_opml_free(&o);
	CHECK(subs_save(s, path) == SUBS_OK);
	subs_free(s);
	got = read_file(path);
	CHECK_STR(got, "http://deep.example/ \"Nested Deeper\" ~D\n");
	free(got);
	CHECK(subs_load(path, &s) == SUBS_OK && subs_count(s) == 1);
	CHECK(subs_get(s, 0)->ntags == 1);
	CHECK_STR(subs_get(s, 0)->tags[0], "Nested Deeper");
	CHECK(subs_set_tags(s, "http://deep.example/", retag, 3) == SUBS_OK);
	CHECK(subs_save(s, path) == SUBS_OK);
	CHECK(subs_get(s, 0)->ntags == 3);
	CHECK_STR(subs_get(s, 0)->tags[1], "two  blanks");
	subs_free(s);
	got = read_file(path);
	CHECK_STR(got, "http://deep.example/ \"Nested Deeper\" \"two  blanks\" x ~D\n");
	free(got);
	free(path);
}

/* ---- OPML ------------------------------------------------------------------ */

static const char opml_nested[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<opml version=\"1.0\"><head><title>Mine</title></head><body>\n"
	"<outline text=\"Tech\" title=\"Tech\">\n"
	"  <outline text=\"News &amp; Views\">\n"
	"    <outline type=\"rss\" text=\"Sci-Tech Today\" xmlUrl=\"http://www.sci-tech-today.com/rss\" htmlUrl=\"http://www.sci-tech-today.com/\"/>\n"
	"  </outline>\n"
	"  <outline type=\"rss\" title=\"CRM Daily\" text=\"ignored\" xmlurl=\"http://www.crm-daily.com/rss.xml\" category=\"/Business/CRM,work\"/>\n"
	"</outline>\n"
	"<outline text=\"No feed here\" htmlUrl=\"http://x/\"/>\n"
	"<outline xmlUrl=\"http://top.example/feed\"/>\n"
	"<outline xmlUrl=\"   \"/>\n"
	"</body></opml>\n";

static void
test_opml_import(void)
{
	struct subs_opml o;

	CHECK(subs_opml_parse(opml_nested, strlen(opml_nested), &o) == SUBS_OK);
	CHECK(o.n == 3);
	if (o.n == 3) {
		CHECK_STR(o.v[0].url, "http://www.sci-tech-today.com/rss");
		CHECK_STR(o.v[0].title, "Sci-Tech Today");
		CHECK(o.v[0].ntags == 2);
		if (o.v[0].ntags == 2) {
			CHECK_STR(o.v[0].tags[0], "Tech");
			CHECK_STR(o.v[0].tags[1], "News & Views");
		}
		CHECK_STR(o.v[1].url, "http://www.crm-daily.com/rss.xml");
		CHECK_STR(o.v[1].title, "CRM Daily");
		CHECK(o.v[1].ntags == 3);
		if (o.v[1].ntags == 3) {
			CHECK_STR(o.v[1].tags[0], "Tech");
			CHECK_STR(o.v[1].tags[1], "Business/CRM");
			CHECK_STR(o.v[1].tags[2], "work");
		}
		CHECK_STR(o.v[2].url, "http://top.example/feed");
		CHECK(o.v[2].title == NULL && o.v[2].ntags == 0);
	}
	subs_opml_free(&o);
}

/* Hostile or broken documents: an error or a sane result, never a crash. */
static void
test_opml_hostile(void)
{
	static const struct {
		const char *doc;
		enum subs_result want;
		size_t nfeeds;
	} cases[] = {
		{ "", SUBS_BAD_OPML, 0 },
		{ "not xml at all", SUBS_BAD_OPML, 0 },
		{ "<rss><channel/></rss>", SUBS_BAD_OPML, 0 },
		{ "<opml><body><outline xmlUrl=\"http://a/\"", SUBS_BAD_OPML, 0 },
		{ "<opml><body><outline xmlUrl=\"http://a/\"/></body></opml>", SUBS_OK, 1 },
		{ "\xEF\xBB\xBF<opml><body><outline xmlUrl=\"http://bom/\"/></body></opml>", SUBS_OK, 1 },
		{ "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><opml><body>"
		  "<outline text=\"Caf\xE9\" xmlUrl=\"http://latin/\"/></body></opml>", SUBS_OK, 1 },
		{ "<?xml version=\"1.0\"?><!DOCTYPE opml [<!ENTITY a \"aaaaaaaaaa\">"
		  "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><opml><body>"
		  "<outline text=\"&b;\" xmlUrl=\"http://laughs/\"/></body></opml>", -1, 0 },
		{ "<opml><body><outline xmlUrl=\"http://ctl/\x1b[31m\" text=\"\x1b]0;pwned\x07\"/></body></opml>", -1, 0 },
		{ "<?xml version=\"1.0\" encoding=\"no-such-charset\"?><opml/>", SUBS_BAD_OPML, 0 },
		{ "<?xml version=\"1.0\" encoding=\"", SUBS_BAD_OPML, 0 },
	};
	struct subs_opml o;
	struct tbuf deep;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		enum subs_result r = subs_opml_parse(cases[i].doc,
		    strlen(cases[i].doc), &o);

		CHECKF((int)cases[i].want < 0 || (r == cases[i].want &&
		    o.n == cases[i].nfeeds), "hostile opml %zu: %s, %zu feeds",
		    i, subs_strerror(r), o.n);
		/* Whatever was read holds no control characters. */
		for (size_t j = 0; j < o.n; j++) {
			CHECK(strchr(o.v[j].url, '\x1b') == NULL);
			CHECK(o.v[j].title == NULL || strchr(o.v[j].title, '\x1b') == NULL);
		}
		if (i == 6 && o.n == 1)
			CHECK_STR(o.v[0].title, "Caf\xC3\xA9");
		subs_opml_free(&o);
	}

	/* 100 000 nested folders around a feed: tags are capped, nothing
	 * recurses. */
	tbuf_init(&deep, 1 << 24);
	CHECK(tbuf_adds(&deep, "<opml><body>"));
	for (i = 0; i < 100000; i++)
		CHECK(tbuf_printf(&deep, "<outline text=\"f%zu\">", i));
	CHECK(tbuf_adds(&deep, "<outline xmlUrl=\"http://deep/\"/>"));
	for (i = 0; i < 100000; i++)
		CHECK(tbuf_adds(&deep, "</outline>"));
	CHECK(tbuf_adds(&deep, "</body></opml>"));
	CHECK(subs_opml_parse(deep.ptr, deep.len, &o) == SUBS_OK);
	CHECK(o.n == 1 && o.v[0].ntags == SUBS_MAX_DEPTH);
	if (o.n == 1 && o.v[0].ntags == SUBS_MAX_DEPTH)
		CHECK_STR(o.v[0].tags[SUBS_MAX_DEPTH - 1], "f99999");
	subs_opml_free(&o);
	tbuf_free(&deep);
}

static const char *
title_of(const char *url, void *arg)
{
	(void)arg;
	return strcmp(url, "https://b.example/") == 0 ? "B <from> the \"cache\"" : NULL;
}

/* A last line cut right after its CR (found by fuzz_urls): the CR ends the
 * line, so adding a feed completes it to CRLF and the line reads the same. */
static void
test_final_cr(void)
{
	static const char text[] = "\"https://a.example/feed\r";
	struct subs *s;
	char *out;

	CHECK(subs_parse(text, strlen(text), &s) == SUBS_OK);
	CHECK(subs_count(s) == 1 &&
	    strcmp(subs_get(s, 0)->url, "https://a.example/feed") == 0);
	out = format(s);
	CHECK_STR(out, text);
	free(out);
	CHECK(subs_add(s, "https://b.example/feed", NULL, 0, NULL) == SUBS_OK);
	out = format(s);
	CHECK_STR(out, "\"https://a.example/feed\r\nhttps://b.example/feed\n");
	free(out);
	subs_free(s);
}

/* A URL in a quote never closed (found by fuzz_urls): an edit closes the
 * quote, so the tokens it adds stay tokens and the URL stays the URL. */
static void
test_unclosed_quote(void)
{
	static const struct {
		const char *line, *url, *want;
	} cases[] = {
		{ "\"https://a.example/feed", "https://a.example/feed",
		  "\"https://a.example/feed\" work ~T" },
		{ "\"https://a.example/x\\", "https://a.example/x\\",
		  "\"https://a.example/x\\\\\" work ~T" },
		{ "\"https://a.example/y\\\\", "https://a.example/y\\",
		  "\"https://a.example/y\\\\\" work ~T" },
	};
	static const char *const tag = "work";
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct subs *s;
		char *out;

		CHECK(subs_parse(cases[i].line, strlen(cases[i].line), &s) == SUBS_OK);
		CHECKF(subs_count(s) == 1 &&
		    strcmp(subs_get(s, 0)->url, cases[i].url) == 0,
		    "case %zu: not read as %s", i, cases[i].url);
		CHECK(subs_set_title(s, cases[i].url, "T") == SUBS_OK);
		CHECK(subs_set_tags(s, cases[i].url, &tag, 1) == SUBS_OK);
		out = format(s);
		CHECK_STR(out, cases[i].want);
		CHECK(subs_find(s, cases[i].url) != NULL &&
		    strcmp(subs_find(s, cases[i].url)->title, "T") == 0);
		free(out);
		subs_free(s);
	}
}

/* A title token touching the next one ("~Old"tag, found by fuzz_urls):
 * retitling drops "~Old" and keeps tag a separate token, so the URL
 * still reads as itself and the tag as a tag. */
static void
test_touching_tokens(void)
{
	static const char text[] = "https://a.example/feed \"~Old\"tag\n";
	struct subs *s;
	char *out;

	CHECK(subs_parse(text, strlen(text), &s) == SUBS_OK);
	CHECK(subs_set_title(s, "https://a.example/feed", "New") == SUBS_OK);
	out = format(s);
	CHECK_STR(out, "https://a.example/feed tag ~New\n");
	free(out);
	CHECK(subs_count(s) == 1 &&
	    strcmp(subs_get(s, 0)->url, "https://a.example/feed") == 0 &&
	    subs_get(s, 0)->ntags == 1);
	subs_free(s);
}

static void
test_opml_export(void)
{
	static const char *const tags[] = { "news & views", "x<y" };
	struct subs *s;
	struct subs_opml o;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	CHECK(subs_parse(newsboat, strlen(newsboat), &s) == SUBS_OK);
	CHECK(subs_add(s, "https://b.example/", tags, 2, NULL) == SUBS_OK);
	CHECK(subs_add(s, "https://c.example/?a=1&b=2", NULL, 0,
	    "Ctl\x01 \xff bad utf-8") == SUBS_OK);
	f = open_memstream(&buf, &len);
	CHECK(f != NULL);
	CHECK(subs_opml_write(s, title_of, NULL, f));
	fclose(f);
	{
		static const char head[] = "<?xml version=\"1.0\" "
		    "encoding=\"UTF-8\"?>\n<opml version=\"2.0\">";
		CHECK(strncmp(buf, head, strlen(head)) == 0);
	}
	CHECK(strstr(buf, "xmlUrl=\"https://c.example/?a=1&amp;b=2\"") != NULL);
	/* Tagged feeds are filed in a folder named after their first tag. */
	CHECK(strstr(buf, "\n    <outline text=\"crm\" title=\"crm\">\n"
	    "      <outline type=\"rss\" text=\"CRM Daily\"") != NULL);
	CHECK(strstr(buf, "\n    <outline type=\"rss\" text=\"file:///home/u/feed.xml\"") != NULL);
	CHECK(subs_opml_parse(buf, len, &o) == SUBS_OK);
	CHECK(o.n == subs_count(s));
	if (o.n == 6) {
		CHECK_STR(o.v[0].url, "https://www.crm-daily.com/rss.xml");
		CHECK_STR(o.v[0].title, "CRM Daily");
		CHECK(o.v[0].ntags == 2);
		CHECK_STR(o.v[1].title, "http://example.org/a.atom");
		CHECK_STR(o.v[4].title, "B <from> the \"cache\"");
		CHECK(o.v[4].ntags == 2);
		if (o.v[4].ntags == 2) {
			CHECK_STR(o.v[4].tags[0], "news & views");
			CHECK_STR(o.v[4].tags[1], "x<y");
		}
		CHECK_STR(o.v[5].url, "https://c.example/?a=1&b=2");
		CHECK_STR(o.v[5].title, "Ctl \xEF\xBF\xBD bad utf-8");
	}
	subs_opml_free(&o);
	free(buf);
	subs_free(s);
}

int
main(void)
{
	char *cmd;

	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	test_newsboat_file();
	test_problems();
	test_tag_quoting();
	test_edits();
	test_edit_missing();
	test_save();
	test_lost_subscriptions();
	test_replay_noops();
	test_replay_bytes();
	test_stale();
	test_rename_not_in_place();
	test_protected_files();
	test_lock();
	test_kinds();
	test_tags_with_blanks();
	test_opml_import();
	test_opml_hostile();
	test_opml_export();
	test_final_cr();
	test_unclosed_quote();
	test_touching_tokens();
	cmd = xasprintf("chmod -R u+rwx '%s'; rm -rf '%s'", tmpdir, tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", tmpdir);
	free(cmd);
	return check_finish();
}
