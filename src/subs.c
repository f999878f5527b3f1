/*
 * subs.c: the urls file and OPML import and export. See include/subs.h
 * for the contract.
 *
 * The file is kept as its lines, each with its own bytes and its own line
 * ending, so that everything tidings does not touch is written back as it
 * was read. Lines that are subscriptions are also parsed (URL, tags,
 * ~title); struct subs_feed views point into those parsed strings and are
 * rebuilt after every change.
 *
 * Every edit is also recorded (struct edit), so that subs_save() can apply
 * it once more to the file as it is when saving: other programs may have
 * changed it since it was read, and their changes must survive ours.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <mxml.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "subs.h"
#include "text.h"

#define LOCK_POLL_MS 10		/* between two tries of a held lock */

/* First tokens of newsboat lines that are not URLs to fetch. */
static const struct {
	const char *prefix;
	enum subs_kind kind;
} foreign_kinds[] = {
	{ "query:", SUBS_KIND_QUERY },
	{ "exec:", SUBS_KIND_EXEC },
	{ "filter:", SUBS_KIND_FILTER },
};

struct line {
	char *raw;		/* the line's bytes, without its ending */
	size_t len;
	const char *eol;	/* "\n", "\r\n", or "" for a last line without one */
	bool junk;		/* neither blank, comment, foreign nor a URL */
	bool feed;		/* a URL subscription (kind SUBS_KIND_URL) */
	enum subs_kind kind;
	char *url;		/* set for every kind of subscription line */
	char *title;
	char **tags;
	size_t ntags;
	size_t url_end;		/* offset in raw just past the URL token */
};

/* One recorded edit, as subs_save() applies it again. */
enum edit_kind {
	EDIT_ADD,		/* arg: the whole new line */
	EDIT_REMOVE,
	EDIT_RENAME,		/* arg: the new URL */
	EDIT_SET_TITLE,		/* arg: the title, NULL for none */
	EDIT_SET_TAGS		/* tags[0..ntags) */
};

struct edit {
	enum edit_kind kind;
	char *url;
	char *arg;
	char **tags;
	size_t ntags;
};

/* Which file a struct subs last read or wrote, as stat(2) saw it. */
struct stamp {
	bool exists;
	dev_t dev;
	ino_t ino;
	off_t size;
	struct timespec mtime;
};

struct subs {
	struct line *lines;
	size_t nlines, cap;
	const char *eol;	/* for lines tidings adds: the file's own ending */
	struct subs_feed *feeds;	/* the view handed out: URL subscriptions */
	size_t nfeeds;
	struct subs_feed *all;	/* every subscription line, all kinds */
	size_t nall;
	char **problems;	/* subs_problem(): one per junk line */
	size_t nproblems;
	struct edit *edits;	/* made since loaded or saved, in order */
	size_t nedits;
	char *path;		/* the file read or written; NULL: from memory */
	struct stamp stamp;	/* that file then */
};

const char *
subs_strerror(enum subs_result r)
{
	switch (r) {
	case SUBS_OK:
		return "success";
	case SUBS_IO_ERROR:
		return "cannot read or write the file";
	case SUBS_TOO_LARGE:
		return "file or line too large";
	case SUBS_DUPLICATE:
		return "already subscribed";
	case SUBS_NOT_FOUND:
		return "not subscribed";
	case SUBS_BAD_URL:
		return "not a usable URL";
	case SUBS_BAD_OPML:
		return "not an OPML document";
	case SUBS_READ_ONLY:
		return "the file is read-only (make it writable to change "
		    "subscriptions)";
	case SUBS_DANGLING:
		return "the file is a symbolic link to a missing file";
	case SUBS_BUSY:
		return "another program is writing the file";
	}
	return "unknown error";
}

/* ---- parsing a line ------------------------------------------------------ */

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/*
 * The next token of raw[*pos..len) into a new string, as newsboat's
 * tokenizer reads it: blanks separate tokens, "..." quotes one (\" and \\
 * escaped inside), # at the start of a token comments out the rest.
 * NULL at the end of the line.
 */
static char *
next_token(const char *raw, size_t len, size_t *pos)
{
	struct tbuf b;
	size_t i = *pos;

	while (i < len && is_blank(raw[i]))
		i++;
	if (i == len || raw[i] == '#') {
		*pos = len;
		return NULL;
	}
	tbuf_init(&b, SUBS_MAX_LINE);
	if (raw[i] == '"') {
		for (i++; i < len && raw[i] != '"'; i++) {
			if (raw[i] == '\\' && i + 1 < len)
				i++;
			if (!tbuf_addc(&b, raw[i]))
				break;
		}
		if (i < len)
			i++;	/* the closing quote */
	} else {
		for (; i < len && !is_blank(raw[i]); i++)
			if (!tbuf_addc(&b, raw[i]))
				break;
	}
	*pos = i;
	return tbuf_take(&b);
}

/* The kind of a line whose first token is tok. */
static enum subs_kind
token_kind(const char *tok)
{
	size_t i;

	for (i = 0; i < sizeof(foreign_kinds) / sizeof(foreign_kinds[0]); i++)
		if (strncmp(tok, foreign_kinds[i].prefix,
		    strlen(foreign_kinds[i].prefix)) == 0)
			return foreign_kinds[i].kind;
	return SUBS_KIND_URL;
}

/* A URL as a subscription needs one: a scheme, "://", and no blanks or
 * control characters. */
static bool
looks_like_url(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
		return false;
	while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
	    (*p >= '0' && *p <= '9') || *p == '+' || *p == '-' || *p == '.')
		p++;
	if (strncmp((const char *)p, "://", 3) != 0)
		return false;
	for (; *p != '\0'; p++)
		if (*p <= ' ' || *p == 0x7f)
			return false;
	return true;
}

static void
line_clear_parsed(struct line *l)
{
	size_t i;

	free(l->url);
	free(l->title);
	for (i = 0; i < l->ntags; i++)
		free(l->tags[i]);
	free(l->tags);
	l->url = l->title = NULL;
	l->tags = NULL;
	l->ntags = 0;
	l->feed = false;
	l->kind = SUBS_KIND_URL;
}

/* Read the tokens after the first one: tags, and "~" titles (the last one
 * wins). */
static void
line_parse_tags(struct line *l, size_t pos)
{
	char *tok;

	while ((tok = next_token(l->raw, l->len, &pos)) != NULL) {
		if (tok[0] == '~') {
			free(l->title);
			l->title = xstrdup(tok + 1);
			free(tok);
		} else if (tok[0] == '\0' || l->ntags == SUBS_MAX_TAGS) {
			free(tok);
		} else {
			l->tags = xreallocarray(l->tags, l->ntags + 1,
			    sizeof(*l->tags));
			l->tags[l->ntags++] = tok;
		}
	}
}

/* Decide whether l is a subscription and, if so, read its fields. */
static void
line_parse(struct line *l)
{
	size_t pos = 0;

	line_clear_parsed(l);
	l->junk = false;
	if (memchr(l->raw, '\0', l->len) != NULL) {
		l->junk = true;	/* binary: keep it, do not use it */
		return;
	}
	l->url = next_token(l->raw, l->len, &pos);
	if (l->url == NULL)
		return;
	l->kind = token_kind(l->url);
	if (l->kind == SUBS_KIND_URL && !looks_like_url(l->url)) {
		line_clear_parsed(l);
		l->junk = true;
		return;
	}
	l->url_end = pos;
	l->feed = l->kind == SUBS_KIND_URL;
	line_parse_tags(l, pos);
	/* newsboat names a query feed by the field after "query:" */
	if (l->kind == SUBS_KIND_QUERY && l->title == NULL) {
		const char *name = l->url + strlen("query:");

		l->title = xstrndup(name, strcspn(name, ":"));
	}
}

/* ---- the list -------------------------------------------------------------- */

static void
free_problems(struct subs *s)
{
	size_t i;

	for (i = 0; i < s->nproblems; i++)
		free(s->problems[i]);
	free(s->problems);
	s->problems = NULL;
	s->nproblems = 0;
}

static void
view_of(struct subs_feed *f, const struct line *l)
{
	f->url = l->url;
	f->title = l->title;
	f->tags = (const char *const *)l->tags;
	f->ntags = l->ntags;
	f->kind = l->kind;
	f->supported = l->kind == SUBS_KIND_URL;
}

/* Rebuild the subs_feed views and the problem list after a change. */
static void
rebuild_view(struct subs *s)
{
	size_t i, nfeeds = 0, nall = 0;

	free_problems(s);
	for (i = 0; i < s->nlines; i++) {
		char *text, *cut;

		if (!s->lines[i].junk)
			continue;
		text = text_sanitize(s->lines[i].raw, s->lines[i].len, false);
		cut = text_fit(text, SUBS_PROBLEM_COLS, false, false);
		s->problems = xreallocarray(s->problems, s->nproblems + 1,
		    sizeof(*s->problems));
		s->problems[s->nproblems++] = xasprintf("line %zu: not a feed "
		    "URL, ignored: %s", i + 1, cut);
		free(text);
		free(cut);
	}

	for (i = 0; i < s->nlines; i++) {
		nfeeds += s->lines[i].feed;
		nall += s->lines[i].url != NULL;
	}
	free(s->feeds);
	free(s->all);
	s->feeds = nfeeds == 0 ? NULL : xcalloc(nfeeds, sizeof(*s->feeds));
	s->all = nall == 0 ? NULL : xcalloc(nall, sizeof(*s->all));
	s->nfeeds = s->nall = 0;
	for (i = 0; i < s->nlines; i++) {
		const struct line *l = &s->lines[i];

		if (l->feed)
			view_of(&s->feeds[s->nfeeds++], l);
		if (l->url != NULL)
			view_of(&s->all[s->nall++], l);
	}
}

/* Append a line of raw[0..len) ending with eol; returns it. */
static struct line *
add_line(struct subs *s, const char *raw, size_t len, const char *eol)
{
	struct line *l;

	if (s->nlines == s->cap) {
		s->cap = s->cap == 0 ? 32 : s->cap * 2;
		s->lines = xreallocarray(s->lines, s->cap, sizeof(*s->lines));
	}
	l = &s->lines[s->nlines++];
	memset(l, 0, sizeof(*l));
	l->raw = xmalloc(len + 1);
	memcpy(l->raw, raw, len);
	l->raw[len] = '\0';
	l->len = len;
	l->eol = eol;
	line_parse(l);
	return l;
}

/* The lines, views and problems of s; the struct and its edits stay. */
static void
free_lines(struct subs *s)
{
	size_t i;

	for (i = 0; i < s->nlines; i++) {
		line_clear_parsed(&s->lines[i]);
		free(s->lines[i].raw);
	}
	free(s->lines);
	free(s->feeds);
	free(s->all);
	free_problems(s);
	s->lines = NULL;
	s->nlines = s->cap = 0;
	s->feeds = s->all = NULL;
	s->nfeeds = s->nall = 0;
}

static void
free_edits(struct subs *s)
{
	size_t i, j;

	for (i = 0; i < s->nedits; i++) {
		free(s->edits[i].url);
		free(s->edits[i].arg);
		for (j = 0; j < s->edits[i].ntags; j++)
			free(s->edits[i].tags[j]);
		free(s->edits[i].tags);
	}
	free(s->edits);
	s->edits = NULL;
	s->nedits = 0;
}

enum subs_result
subs_parse(const char *data, size_t n, struct subs **out)
{
	struct subs *s;
	size_t start = 0, end;

	*out = NULL;
	if (n > SUBS_MAX_FILE)
		return SUBS_TOO_LARGE;
	s = xcalloc(1, sizeof(*s));
	s->eol = NULL;
	while (start < n) {
		const char *nl = memchr(data + start, '\n', n - start);
		const char *eol;
		size_t len;

		end = nl == NULL ? n : (size_t)(nl - data);
		len = end - start;
		if (nl == NULL && len > 0 && data[end - 1] == '\r') {
			/* A last line cut after its CR: the CR ends it, as
			 * it will once a newline follows (found by fuzz_urls). */
			eol = "\r";
			len--;
		} else if (nl == NULL)
			eol = "";
		else if (len > 0 && data[end - 1] == '\r') {
			eol = "\r\n";
			len--;
		} else
			eol = "\n";
		if (len > SUBS_MAX_LINE) {
			subs_free(s);
			return SUBS_TOO_LARGE;
		}
		if (s->eol == NULL && strchr(eol, '\n') != NULL)
			s->eol = eol;
		add_line(s, data + start, len, eol);
		start = nl == NULL ? n : end + 1;
	}
	if (s->eol == NULL)
		s->eol = "\n";
	rebuild_view(s);
	*out = s;
	return SUBS_OK;
}

static void
stamp_of(struct stamp *st, const struct stat *sb)
{
	st->exists = true;
	st->dev = sb->st_dev;
	st->ino = sb->st_ino;
	st->size = sb->st_size;
	st->mtime = sb->st_mtim;
}

/* The file at path now; false (errno set) when stat(2) failed for another
 * reason than its absence. */
static bool
stamp_path(struct stamp *st, const char *path)
{
	struct stat sb;

	memset(st, 0, sizeof(*st));
	if (stat(path, &sb) == 0) {
		stamp_of(st, &sb);
		return true;
	}
	return errno == ENOENT || errno == ENOTDIR;
}

static bool
stamp_equal(const struct stamp *a, const struct stamp *b)
{
	if (a->exists != b->exists)
		return false;
	return !a->exists || (a->dev == b->dev && a->ino == b->ino &&
	    a->size == b->size && a->mtime.tv_sec == b->mtime.tv_sec &&
	    a->mtime.tv_nsec == b->mtime.tv_nsec);
}

enum subs_result
subs_load(const char *path, struct subs **out)
{
	struct tbuf b;
	struct stamp st = { 0 };
	struct stat sb;
	enum subs_result r;
	int fd, saved;

	*out = NULL;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 && errno != ENOENT)
		return SUBS_IO_ERROR;
	if (fd < 0) {
		r = subs_parse("", 0, out);
	} else {
		r = text_read_fd(fd, SUBS_MAX_FILE, &b) ? SUBS_OK :
		    errno == EFBIG ? SUBS_TOO_LARGE : SUBS_IO_ERROR;
		/* The stamp of the file read, not of whatever the path
		 * names by now: a change in between shows as stale. */
		if (r == SUBS_OK && fstat(fd, &sb) == 0)
			stamp_of(&st, &sb);
		else if (r == SUBS_OK)
			r = SUBS_IO_ERROR;
		saved = errno;
		close(fd);
		if (r == SUBS_OK)
			r = subs_parse(b.ptr != NULL ? b.ptr : "", b.len, out);
		tbuf_free(&b);
		errno = saved;
	}
	if (r == SUBS_OK) {
		(*out)->path = xstrdup(path);
		(*out)->stamp = st;
	}
	return r;
}

void
subs_free(struct subs *s)
{
	if (s == NULL)
		return;
	free_lines(s);
	free_edits(s);
	free(s->path);
	free(s);
}

size_t
subs_count(const struct subs *s)
{
	return s->nfeeds;
}

const struct subs_feed *
subs_get(const struct subs *s, size_t index)
{
	return index < s->nfeeds ? &s->feeds[index] : NULL;
}

size_t
subs_count_all(const struct subs *s)
{
	return s->nall;
}

const struct subs_feed *
subs_get_all(const struct subs *s, size_t index)
{
	return index < s->nall ? &s->all[index] : NULL;
}

size_t
subs_nproblems(const struct subs *s)
{
	return s->nproblems;
}

const char *
subs_problem(const struct subs *s, size_t index)
{
	return index < s->nproblems ? s->problems[index] : NULL;
}

const struct subs_feed *
subs_find(const struct subs *s, const char *url)
{
	size_t i;

	for (i = 0; i < s->nfeeds; i++)
		if (strcmp(s->feeds[i].url, url) == 0)
			return &s->feeds[i];
	return NULL;
}

bool
subs_stale(const struct subs *s)
{
	struct stamp now;

	if (s->path == NULL)
		return false;
	/* A file we cannot stat now is not one we read. */
	if (!stamp_path(&now, s->path))
		return true;
	return !stamp_equal(&now, &s->stamp);
}

/* ---- edits ----------------------------------------------------------------
 * Each edit has a function doing it to a struct subs (used by the public
 * function, and by subs_save() on the file as it is then) and a record.
 */

/* A URL fit for a line of its own: scheme://, no blanks, controls or
 * quotes (so neither a comment nor one of newsboat's other line kinds). */
static bool
url_ok(const char *url)
{
	const unsigned char *p;

	if (url == NULL || !looks_like_url(url) || strlen(url) > SUBS_MAX_LINE / 2)
		return false;
	/* "query://x" would be read back as a newsboat query line, not a feed */
	for (size_t i = 0; i < sizeof(foreign_kinds) / sizeof(foreign_kinds[0]); i++)
		if (strncmp(url, foreign_kinds[i].prefix,
		    strlen(foreign_kinds[i].prefix)) == 0)
			return false;
	for (p = (const unsigned char *)url; *p != '\0'; p++)
		if (*p == '"')
			return false;
	return true;
}

/* Append tag to b as a token: quoted when it needs to be; controls and
 * line breaks become spaces so the line stays one line. */
static bool
add_token(struct tbuf *b, const char *prefix, const char *tag)
{
	const unsigned char *p;
	bool quote = tag[0] == '\0' || tag[0] == '#' || tag[0] == '"';
	bool ok;

	for (p = (const unsigned char *)tag; *p != '\0' && !quote; p++)
		if (*p <= ' ' || *p == '"' || *p == '\\' || *p == 0x7f)
			quote = true;
	ok = tbuf_addc(b, ' ') && (!quote || tbuf_addc(b, '"')) &&
	    tbuf_adds(b, prefix);
	for (p = (const unsigned char *)tag; ok && *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			ok = tbuf_addc(b, '\\') && tbuf_addc(b, (char)*p);
		else if (*p < ' ' || *p == 0x7f)
			ok = tbuf_addc(b, ' ');
		else
			ok = tbuf_addc(b, (char)*p);
	}
	return ok && (!quote || tbuf_addc(b, '"'));
}

static struct edit *
record(struct subs *s, enum edit_kind kind, const char *url, const char *arg)
{
	struct edit *e;

	s->edits = xreallocarray(s->edits, s->nedits + 1, sizeof(*s->edits));
	e = &s->edits[s->nedits++];
	memset(e, 0, sizeof(*e));
	e->kind = kind;
	e->url = xstrdup(url);
	e->arg = arg != NULL ? xstrdup(arg) : NULL;
	return e;
}

/* The line of url, else NULL. */
static struct line *
find_line(struct subs *s, const char *url)
{
	size_t i;

	for (i = 0; i < s->nlines; i++)
		if (s->lines[i].feed && strcmp(s->lines[i].url, url) == 0)
			return &s->lines[i];
	return NULL;
}

/* Append raw, a subscription line of url not in s yet. */
static void
do_add(struct subs *s, const char *raw)
{
	struct line *l;

	/* A last line without its newline gets one before ours. */
	if (s->nlines > 0 && strchr(s->lines[s->nlines - 1].eol, '\n') == NULL)
		s->lines[s->nlines - 1].eol =
		    s->lines[s->nlines - 1].eol[0] == '\r' ? "\r\n" : s->eol;
	l = add_line(s, raw, strlen(raw), s->eol);
	/* Append to the views rather than rebuild them: importing thousands
	 * of feeds stays linear apart from the duplicate check. */
	s->feeds = xreallocarray(s->feeds, s->nfeeds + 1, sizeof(*s->feeds));
	view_of(&s->feeds[s->nfeeds++], l);
	s->all = xreallocarray(s->all, s->nall + 1, sizeof(*s->all));
	view_of(&s->all[s->nall++], l);
}

enum subs_result
subs_add(struct subs *s, const char *url, const char *const *tags,
    size_t ntags, const char *title)
{
	struct tbuf b;
	size_t i;
	bool ok;

	if (!url_ok(url))
		return SUBS_BAD_URL;
	if (subs_find(s, url) != NULL)
		return SUBS_DUPLICATE;
	tbuf_init(&b, SUBS_MAX_LINE);
	ok = tbuf_adds(&b, url);
	for (i = 0; ok && i < ntags && i < SUBS_MAX_TAGS; i++)
		if (tags[i] != NULL && tags[i][0] != '\0')
			ok = add_token(&b, tags[i][0] == '~' ? "~" : "",
			    tags[i][0] == '~' ? tags[i] + 1 : tags[i]);
	if (ok && title != NULL && title[0] != '\0')
		ok = add_token(&b, "~", title);
	if (!ok) {
		tbuf_free(&b);
		return SUBS_TOO_LARGE;
	}
	do_add(s, tbuf_str(&b));
	record(s, EDIT_ADD, url, tbuf_str(&b));
	tbuf_free(&b);
	return SUBS_OK;
}

static bool
do_remove(struct subs *s, const char *url)
{
	size_t i, kept = 0;
	bool found = false;

	for (i = 0; i < s->nlines; i++) {
		struct line *l = &s->lines[i];

		if (l->feed && strcmp(l->url, url) == 0) {
			line_clear_parsed(l);
			free(l->raw);
			found = true;
			continue;
		}
		s->lines[kept++] = *l;
	}
	s->nlines = kept;
	if (found)
		rebuild_view(s);
	return found;
}

/* A removal of a feed this s added since its last save: forget the add and
 * the edits of that feed after it, as if it had never been added. So a
 * caller that undoes an add it could not save removes nothing that
 * another program subscribed meanwhile. */
static bool
forget_add(struct subs *s, const char *url)
{
	size_t i, kept;

	for (i = s->nedits; i > 0; i--)
		if (s->edits[i - 1].kind == EDIT_ADD &&
		    strcmp(s->edits[i - 1].url, url) == 0)
			break;
	if (i == 0)
		return false;
	for (kept = --i; i < s->nedits; i++) {
		struct edit *e = &s->edits[i];
		size_t j;

		if (strcmp(e->url, url) != 0) {
			s->edits[kept++] = *e;
			continue;
		}
		free(e->url);
		free(e->arg);
		for (j = 0; j < e->ntags; j++)
			free(e->tags[j]);
		free(e->tags);
	}
	s->nedits = kept;
	return true;
}

enum subs_result
subs_remove(struct subs *s, const char *url)
{
	if (!do_remove(s, url))
		return SUBS_NOT_FOUND;
	if (!forget_add(s, url))
		record(s, EDIT_REMOVE, url, NULL);
	return SUBS_OK;
}

static enum subs_result
do_rename(struct subs *s, const char *url, const char *new_url)
{
	struct line *l;
	char *raw;
	size_t ulen, rest, gap;

	if (strcmp(url, new_url) != 0 && subs_find(s, new_url) != NULL)
		return SUBS_DUPLICATE;
	if ((l = find_line(s, url)) == NULL)
		return SUBS_NOT_FOUND;
	/* The new URL, then the rest of the line exactly as it was. A
	 * quoted URL may touch the next token ("URL"~Title); the unquoted
	 * new one must not, or the two read back as one URL (found by
	 * fuzz_urls): a blank goes between them. */
	ulen = strlen(new_url);
	rest = l->len - l->url_end;
	gap = rest > 0 && !isspace((unsigned char)l->raw[l->url_end]);
	raw = xmalloc(ulen + gap + rest + 1);
	memcpy(raw, new_url, ulen);
	if (gap)
		raw[ulen] = ' ';
	memcpy(raw + ulen + gap, l->raw + l->url_end, rest);
	raw[ulen + gap + rest] = '\0';
	free(l->raw);
	l->raw = raw;
	l->len = ulen + gap + rest;
	line_parse(l);
	rebuild_view(s);
	return SUBS_OK;
}

enum subs_result
subs_rename(struct subs *s, const char *url, const char *new_url)
{
	enum subs_result r;

	if (!url_ok(new_url))
		return SUBS_BAD_URL;
	if ((r = do_rename(s, url, new_url)) == SUBS_OK)
		record(s, EDIT_RENAME, url, new_url);
	return r;
}

/* What closes the quote raw[0..len)'s first token opened and never
 * closed: "" when there is none, "\"" else, or "\\\"" after a lone
 * backslash at the end (read as itself there, it would escape the quote). */
static const char *
quote_closer(const char *raw, size_t len)
{
	size_t i = 0;

	while (i < len && is_blank(raw[i]))
		i++;
	if (i == len || raw[i] != '"')
		return "";
	for (i++; i < len && raw[i] != '"'; i++) {
		if (raw[i] == '\\' && i + 1 == len)
			return "\\\"";
		if (raw[i] == '\\')
			i++;
	}
	return i >= len ? "\"" : "";
}

/* Which tokens of a line an edit keeps as they are. */
enum keep {
	KEEP_TAGS,	/* subs_set_title: the tags stay, titles go */
	KEEP_TITLES	/* subs_set_tags: the title tokens stay, tags go */
};

/*
 * Rewrite l: its bytes up to the end of the URL, the tokens of kind keep
 * each with the blanks before it, byte for byte, then the new tokens in
 * add (each starting with a blank), then what followed the last token
 * (trailing blanks, a # comment) byte for byte. new tokens go before kept
 * titles so a line reads URL, tags, ~title. The line keeps its place and
 * its ending.
 */
static enum subs_result
rewrite_line(struct line *l, enum keep keep, const struct tbuf *add)
{
	struct tbuf b;
	size_t pos = l->url_end, before, tail = l->url_end;
	char *tok;
	bool ok, added = false;

	tbuf_init(&b, SUBS_MAX_LINE);
	ok = tbuf_add(&b, l->raw, l->url_end);
	/* A URL in a quote the line never closed ("https://x/ at the end):
	 * close it, or the tokens after it would read as part of the URL
	 * (found by fuzz_urls). */
	ok = ok && tbuf_adds(&b, quote_closer(l->raw, l->url_end));
	for (;;) {
		before = pos;
		if ((tok = next_token(l->raw, l->len, &pos)) == NULL)
			break;
		tail = pos;
		/* "~..." is a title as ~... is (the parser's view) */
		if ((tok[0] == '~') == (keep == KEEP_TITLES)) {
			if (keep == KEEP_TITLES && !added) {
				ok = ok && tbuf_add(&b, add->ptr, add->len);
				added = true;
			}
			/* A token that touched the one dropped before it
			 * ("~Title"tag) must not touch what now precedes it,
			 * or the two read back as one (found by fuzz_urls). */
			if (!is_blank(l->raw[before]) && b.len > 0 &&
			    !is_blank(b.ptr[b.len - 1]))
				ok = ok && tbuf_adds(&b, " ");
			ok = ok && tbuf_add(&b, l->raw + before, pos - before);
		}
		free(tok);
	}
	if (!added)
		ok = ok && tbuf_add(&b, add->ptr, add->len);
	ok = ok && tbuf_add(&b, l->raw + tail, l->len - tail);
	if (!ok) {
		tbuf_free(&b);
		return SUBS_TOO_LARGE;
	}
	free(l->raw);
	l->len = b.len;
	l->raw = tbuf_take(&b);
	line_parse(l);
	return SUBS_OK;
}

static enum subs_result
do_set_title(struct subs *s, const char *url, const char *title)
{
	struct line *l = find_line(s, url);
	struct tbuf add;
	enum subs_result r;

	if (l == NULL)
		return SUBS_NOT_FOUND;
	tbuf_init(&add, SUBS_MAX_LINE);
	if (title != NULL && title[0] != '\0' && !add_token(&add, "~", title)) {
		tbuf_free(&add);
		return SUBS_TOO_LARGE;
	}
	r = rewrite_line(l, KEEP_TAGS, &add);
	tbuf_free(&add);
	rebuild_view(s);
	return r;
}

enum subs_result
subs_set_title(struct subs *s, const char *url, const char *title)
{
	enum subs_result r = do_set_title(s, url, title);

	if (r == SUBS_OK)
		record(s, EDIT_SET_TITLE, url, title);
	return r;
}

static enum subs_result
do_set_tags(struct subs *s, const char *url, const char *const *tags,
    size_t ntags)
{
	struct line *l = find_line(s, url);
	struct tbuf add;
	enum subs_result r;
	size_t i;
	bool ok = true;

	if (l == NULL)
		return SUBS_NOT_FOUND;
	tbuf_init(&add, SUBS_MAX_LINE);
	for (i = 0; ok && i < ntags && i < SUBS_MAX_TAGS; i++)
		if (tags[i] != NULL && tags[i][0] != '\0' && tags[i][0] != '~')
			ok = add_token(&add, "", tags[i]);
	if (!ok) {
		tbuf_free(&add);
		return SUBS_TOO_LARGE;
	}
	r = rewrite_line(l, KEEP_TITLES, &add);
	tbuf_free(&add);
	rebuild_view(s);
	return r;
}

enum subs_result
subs_set_tags(struct subs *s, const char *url, const char *const *tags,
    size_t ntags)
{
	enum subs_result r = do_set_tags(s, url, tags, ntags);
	struct edit *e;
	size_t i;

	if (r != SUBS_OK)
		return r;
	e = record(s, EDIT_SET_TAGS, url, NULL);
	e->tags = ntags == 0 ? NULL : xcalloc(ntags, sizeof(*e->tags));
	for (i = 0; i < ntags && i < SUBS_MAX_TAGS; i++)
		if (tags[i] != NULL)
			e->tags[e->ntags++] = xstrdup(tags[i]);
	return SUBS_OK;
}

/* Do e again on s, the file as it is now. An edit that no longer applies
 * (its line gone, its URL there already) changes nothing. */
static void
replay(struct subs *s, const struct edit *e)
{
	switch (e->kind) {
	case EDIT_ADD:
		if (subs_find(s, e->url) == NULL)
			do_add(s, e->arg);
		break;
	case EDIT_REMOVE:
		(void)do_remove(s, e->url);
		break;
	case EDIT_RENAME:
		(void)do_rename(s, e->url, e->arg);
		break;
	case EDIT_SET_TITLE:
		(void)do_set_title(s, e->url, e->arg);
		break;
	case EDIT_SET_TAGS:
		(void)do_set_tags(s, e->url, (const char *const *)e->tags,
		    e->ntags);
		break;
	}
}

char *
subs_format(const struct subs *s, size_t *len)
{
	size_t i, n = 0;
	char *out, *p;

	for (i = 0; i < s->nlines; i++)
		n += s->lines[i].len + strlen(s->lines[i].eol);
	out = p = xmalloc(n + 1);
	for (i = 0; i < s->nlines; i++) {
		size_t e = strlen(s->lines[i].eol);

		memcpy(p, s->lines[i].raw, s->lines[i].len);
		p += s->lines[i].len;
		memcpy(p, s->lines[i].eol, e);
		p += e;
	}
	*p = '\0';
	if (len != NULL)
		*len = n;
	return out;
}

/* ---- saving: lock, re-read, replay, atomic rename ------------------------- */

static bool
write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		p += w;
		n -= (size_t)w;
	}
	return true;
}

/* The folder of path, a new string. */
static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

/* The lock on path + SUBS_LOCK_SUFFIX, its descriptor in *fd. The lock
 * sits on a file of its own because the rename replaces the urls file's
 * inode, and a lock on the old inode would not exclude the next writer. */
static enum subs_result
lock_take(const char *path, int *fd)
{
	char *lock = xasprintf("%s%s", path, SUBS_LOCK_SUFFIX);
	struct timespec pause = { 0, LOCK_POLL_MS * 1000000L };
	int waited = 0;

	*fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	free(lock);
	if (*fd < 0)
		return SUBS_IO_ERROR;
	/* Poll rather than block: a writer stopped with the lock held must
	 * not hang the reader's screen. */
	while (flock(*fd, LOCK_EX | LOCK_NB) != 0) {
		if (errno != EWOULDBLOCK && errno != EINTR) {
			int saved = errno;

			close(*fd);
			errno = saved;
			return SUBS_IO_ERROR;
		}
		if (waited >= SUBS_LOCK_WAIT_MS) {
			close(*fd);
			errno = EWOULDBLOCK;
			return SUBS_BUSY;
		}
		nanosleep(&pause, NULL);
		waited += LOCK_POLL_MS;
	}
	return SUBS_OK;
}

/* Where a save of path writes: the file itself, or the target of the
 * symlink at path (dotfiles kept in git stay linked). *mode is the file's
 * mode, 0600 for a new one. */
static enum subs_result
save_target(const char *path, char **target, mode_t *mode)
{
	struct stat sb;

	*mode = 0600;
	*target = NULL;
	if (lstat(path, &sb) != 0) {
		if (errno != ENOENT)
			return SUBS_IO_ERROR;
		*target = xstrdup(path);	/* a new file */
		return SUBS_OK;
	}
	if ((*target = realpath(path, NULL)) == NULL) {
		if (errno != ENOENT || !S_ISLNK(sb.st_mode))
			return SUBS_IO_ERROR;
		errno = ENOENT;
		return SUBS_DANGLING;	/* replacing the link would unlink it */
	}
	if (stat(*target, &sb) != 0)
		return SUBS_IO_ERROR;
	*mode = sb.st_mode & 07777;
	/* The mode bits, not access(2): root may write anything, but a file
	 * made read-only says the user does not want it changed. */
	if ((sb.st_mode & 0222) == 0 || access(*target, W_OK) != 0) {
		errno = EACCES;
		return SUBS_READ_ONLY;
	}
	return SUBS_OK;
}

/* Write data[0..len) to a temporary file beside target, fsync, rename it
 * over target. A reader opening target sees the old file or the new one,
 * never a part. */
static enum subs_result
write_replace(const char *target, mode_t mode, const char *data, size_t len)
{
	char *dir = dir_of(target), *tmp;
	const char *base = strrchr(target, '/');
	int fd, saved;
	bool ok;

	tmp = xasprintf("%s/.%s.XXXXXX", dir, base == NULL ? target : base + 1);
	if (!text_make_dirs(dir) || (fd = mkstemp(tmp)) < 0) {
		saved = errno;
		free(tmp);
		free(dir);
		errno = saved;
		return SUBS_IO_ERROR;
	}
	ok = write_all(fd, data, len) && fchmod(fd, mode) == 0 && fsync(fd) == 0;
	ok = close(fd) == 0 && ok;
	ok = ok && rename(tmp, target) == 0;
	saved = errno;
	if (!ok)
		unlink(tmp);
	free(tmp);
	free(dir);
	errno = saved;
	return ok ? SUBS_OK : SUBS_IO_ERROR;
}

/* fsync the folder of path, so the rename survives a crash. Best effort:
 * some file systems refuse. */
static void
sync_dir(const char *path)
{
	char *dir = dir_of(path);
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
	free(dir);
}

/* s's edits applied to the file at target as it is now, in *out. s from
 * memory (no file read) is taken whole. */
static enum subs_result
merged(const struct subs *s, const char *target, struct subs **out)
{
	enum subs_result r;
	size_t i;

	if (s->path == NULL) {
		char *text;
		size_t len;

		text = subs_format(s, &len);
		r = subs_parse(text, len, out);
		free(text);
		return r;
	}
	if ((r = subs_load(target, out)) != SUBS_OK)
		return r;
	for (i = 0; i < s->nedits; i++)
		replay(*out, &s->edits[i]);
	return SUBS_OK;
}

/* Make s the file just written (fresh), stamped st, with no pending
 * edits. */
static void
adopt(struct subs *s, struct subs *fresh, const char *path,
    const struct stamp *st)
{
	free_lines(s);
	free_edits(s);
	s->lines = fresh->lines;
	s->nlines = fresh->nlines;
	s->cap = fresh->cap;
	s->eol = fresh->eol;
	fresh->lines = NULL;
	fresh->nlines = fresh->cap = 0;
	subs_free(fresh);
	rebuild_view(s);
	if (s->path == NULL || strcmp(s->path, path) != 0) {
		free(s->path);
		s->path = xstrdup(path);
	}
	s->stamp = *st;
}

enum subs_result
subs_save(struct subs *s, const char *path)
{
	struct subs *fresh = NULL;
	struct stamp st;
	char *dir = dir_of(path), *target = NULL, *text = NULL;
	enum subs_result r;
	mode_t mode;
	size_t len;
	int lock = -1, saved;

	if (!text_make_dirs(dir)) {
		r = SUBS_IO_ERROR;
		goto out;
	}
	if ((r = lock_take(path, &lock)) != SUBS_OK)
		goto out;
	if ((r = save_target(path, &target, &mode)) != SUBS_OK ||
	    (r = merged(s, target, &fresh)) != SUBS_OK)
		goto out;
	text = subs_format(fresh, &len);
	if ((r = write_replace(target, mode, text, len)) != SUBS_OK)
		goto out;
	/* Stamped under the lock: no other writer can have come since. */
	if (!stamp_path(&st, target))
		memset(&st, 0, sizeof(st));
	adopt(s, fresh, path, &st);
	fresh = NULL;
out:
	saved = errno;
	if (lock >= 0)
		close(lock);	/* releases the flock */
	/* Outside the lock: the next writer need not wait for it. */
	if (r == SUBS_OK)
		sync_dir(target);
	subs_free(fresh);
	free(text);
	free(target);
	free(dir);
	errno = saved;
	return r;
}

/* ---- OPML ---------------------------------------------------------------- */

void
subs_opml_free(struct subs_opml *o)
{
	size_t i, j;

	for (i = 0; i < o->n; i++) {
		free(o->v[i].url);
		free(o->v[i].title);
		for (j = 0; j < o->v[i].ntags; j++)
			free(o->v[i].tags[j]);
		free(o->v[i].tags);
	}
	free(o->v);
	o->v = NULL;
	o->n = 0;
}

static void
quiet_mxml(const char *msg)
{
	(void)msg;
}

/* An attribute by name, ignoring ASCII case (xmlUrl, xmlurl, XMLURL...). */
static const char *
attr(mxml_node_t *node, const char *name)
{
	int i, n = mxmlElementGetAttrCount(node);

	for (i = 0; i < n; i++) {
		const char *k = NULL, *v = mxmlElementGetAttrByIndex(node, i, &k);

		if (k != NULL && v != NULL && strcasecmp(k, name) == 0)
			return v;
	}
	return NULL;
}

static bool
is_outline(mxml_node_t *node)
{
	const char *name = mxmlGetElement(node);

	return name != NULL && strcasecmp(name, "outline") == 0;
}

/* A label from title, else text; NULL when both are empty. */
static char *
outline_label(mxml_node_t *node)
{
	const char *v = attr(node, "title");
	char *s;

	if (v == NULL || v[0] == '\0')
		v = attr(node, "text");
	if (v == NULL)
		return NULL;
	s = text_sanitize_line(v);
	if (s[0] == '\0') {
		free(s);
		return NULL;
	}
	return s;
}

static void
push_tag(struct subs_opml_feed *f, char *tag)
{
	size_t i;

	for (i = 0; i < f->ntags; i++)
		if (strcmp(f->tags[i], tag) == 0) {
			free(tag);
			return;
		}
	if (f->ntags == SUBS_MAX_TAGS) {
		free(tag);
		return;
	}
	f->tags = xreallocarray(f->tags, f->ntags + 1, sizeof(*f->tags));
	f->tags[f->ntags++] = tag;
}

/* Tags of a feed outline: its nearest SUBS_MAX_DEPTH enclosing folder
 * outlines (outermost first), then its category attribute ("a,/b/c"). */
static void
outline_tags(mxml_node_t *node, struct subs_opml_feed *f)
{
	mxml_node_t *chain[SUBS_MAX_DEPTH], *p;
	size_t n = 0;
	const char *cat;

	for (p = mxmlGetParent(node); p != NULL && n < SUBS_MAX_DEPTH;
	    p = mxmlGetParent(p))
		if (is_outline(p) && attr(p, "xmlUrl") == NULL)
			chain[n++] = p;
	while (n > 0) {
		char *label = outline_label(chain[--n]);

		if (label != NULL)
			push_tag(f, label);
	}
	if ((cat = attr(node, "category")) != NULL) {
		char *copy = xstrdup(cat), *save = NULL, *tok;

		for (tok = strtok_r(copy, ",", &save); tok != NULL;
		    tok = strtok_r(NULL, ",", &save)) {
			char *t;

			while (*tok == '/' || *tok == ' ')
				tok++;
			t = text_sanitize_line(tok);
			if (t[0] != '\0')
				push_tag(f, t);
			else
				free(t);
		}
		free(copy);
	}
}

/* The document as UTF-8 for mxml, which reads nothing else: a BOM is
 * dropped and a declared legacy encoding converted. NULL when it cannot be. */
static char *
opml_utf8(const char *data, size_t n)
{
	const char *decl, *enc;
	char charset[64], *out = NULL;
	size_t i, head = n < 256 ? n : 256;

	if (n >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		n -= 3;
	}
	decl = memmem(data, head < n ? head : n, "encoding=", 9);
	if (decl == NULL || decl + 10 > data + n ||
	    (decl[9] != '"' && decl[9] != '\''))
		return utf8_repair(data, n);
	enc = decl + 10;
	for (i = 0; i + 1 < sizeof(charset) && enc + i < data + n &&
	    enc[i] != decl[9]; i++)
		charset[i] = enc[i];
	charset[i] = '\0';
	if (text_charset_is(charset, "utf-8"))
		return utf8_repair(data, n);
	if (text_to_utf8(data, n, charset, SUBS_MAX_FILE * 4, &out) != TEXT_OK)
		return NULL;
	return out;
}

enum subs_result
subs_opml_parse(const char *data, size_t n, struct subs_opml *out)
{
	mxml_node_t *tree, *opml, *node;
	char *doc;
	size_t cap = 0;

	out->v = NULL;
	out->n = 0;
	if (n > SUBS_MAX_FILE)
		return SUBS_TOO_LARGE;
	if ((doc = opml_utf8(data, n)) == NULL)
		return SUBS_BAD_OPML;
	mxmlSetErrorCallback(quiet_mxml);
	/* Load under a node of our own: on a syntax error mxml returns NULL
	 * and leaves what it built attached to it, for us to free. */
	tree = mxmlNewElement(MXML_NO_PARENT, "document");
	if (mxmlLoadString(tree, doc, MXML_IGNORE_CALLBACK) == NULL)
		opml = NULL;
	else
		opml = mxmlFindElement(tree, tree, "opml", NULL, NULL,
		    MXML_DESCEND);
	free(doc);
	if (opml == NULL) {
		mxmlDelete(tree);
		return SUBS_BAD_OPML;
	}
	for (node = mxmlWalkNext(opml, opml, MXML_DESCEND); node != NULL;
	    node = mxmlWalkNext(node, opml, MXML_DESCEND)) {
		struct subs_opml_feed *f;
		const char *url;
		char *clean;

		if (!is_outline(node) || (url = attr(node, "xmlUrl")) == NULL)
			continue;
		clean = text_sanitize_line(url);
		if (clean[0] == '\0') {
			free(clean);
			continue;
		}
		if (out->n == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			out->v = xreallocarray(out->v, cap, sizeof(*out->v));
		}
		f = &out->v[out->n++];
		memset(f, 0, sizeof(*f));
		f->url = clean;
		f->title = outline_label(node);
		outline_tags(node, f);
	}
	mxmlDelete(tree);
	return SUBS_OK;
}

/* s as an XML attribute value: valid UTF-8, markup escaped, controls that
 * XML 1.0 cannot carry dropped. */
static bool
put_attr(FILE *out, const char *name, const char *s)
{
	char *v = utf8_repair(s, strlen(s));
	const unsigned char *p;
	bool ok = fprintf(out, " %s=\"", name) >= 0;

	for (p = (const unsigned char *)v; ok && *p != '\0'; p++) {
		switch (*p) {
		case '&':
			ok = fputs("&amp;", out) >= 0;
			break;
		case '<':
			ok = fputs("&lt;", out) >= 0;
			break;
		case '>':
			ok = fputs("&gt;", out) >= 0;
			break;
		case '"':
			ok = fputs("&quot;", out) >= 0;
			break;
		case '\t':
			ok = fputs("&#9;", out) >= 0;
			break;
		case '\n':
			ok = fputs("&#10;", out) >= 0;
			break;
		default:
			if (*p >= ' ' && *p != 0x7f)
				ok = fputc(*p, out) != EOF;
		}
	}
	free(v);
	return ok && fputc('"', out) != EOF;
}

/* One feed's <outline/>, indented. */
static bool
put_feed(FILE *out, const struct subs_feed *f, subs_title_fn title_of,
    void *arg, const char *indent)
{
	const char *title = f->title;
	struct tbuf cat;
	size_t j;
	bool ok;

	if (title == NULL && title_of != NULL)
		title = title_of(f->url, arg);
	if (title == NULL || title[0] == '\0')
		title = f->url;
	ok = fprintf(out, "%s<outline type=\"rss\"", indent) >= 0 &&
	    put_attr(out, "text", title) && put_attr(out, "title", title) &&
	    put_attr(out, "xmlUrl", f->url);
	if (ok && f->ntags > 0) {
		tbuf_init(&cat, SUBS_MAX_LINE);
		for (j = 0; ok && j < f->ntags; j++)
			ok = (j == 0 || tbuf_addc(&cat, ',')) &&
			    tbuf_adds(&cat, f->tags[j]);
		ok = ok && put_attr(out, "category", tbuf_str(&cat));
		tbuf_free(&cat);
	}
	return ok && fputs("/>\n", out) >= 0;
}

bool
subs_opml_write(const struct subs *s, subs_title_fn title_of, void *arg,
    FILE *out)
{
	char *date = text_http_date(time(NULL));
	bool *done, ok;
	size_t i, j;

	ok = fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<opml version=\"2.0\">\n"
	    "  <head>\n"
	    "    <title>tidings subscriptions</title>\n"
	    "    <dateCreated>%s</dateCreated>\n"
	    "  </head>\n"
	    "  <body>\n", date != NULL ? date : "") >= 0;
	free(date);
	done = xcalloc(s->nfeeds + 1, sizeof(*done));
	for (i = 0; ok && i < s->nfeeds; i++) {
		const struct subs_feed *f = &s->feeds[i];

		if (done[i])
			continue;
		if (f->ntags == 0) {
			ok = put_feed(out, f, title_of, arg, "    ");
			continue;
		}
		/* A folder for the first tag, where it first appears, with
		 * every feed filed first under it. */
		ok = fputs("    <outline", out) >= 0 &&
		    put_attr(out, "text", f->tags[0]) &&
		    put_attr(out, "title", f->tags[0]) && fputs(">\n", out) >= 0;
		for (j = i; ok && j < s->nfeeds; j++) {
			const struct subs_feed *g = &s->feeds[j];

			if (done[j] || g->ntags == 0 ||
			    strcmp(g->tags[0], f->tags[0]) != 0)
				continue;
			done[j] = true;
			ok = put_feed(out, g, title_of, arg, "      ");
		}
		ok = ok && fputs("    </outline>\n", out) >= 0;
	}
	free(done);
	ok = ok && fputs("  </body>\n</opml>\n", out) >= 0;
	return ok && fflush(out) == 0 && !ferror(out);
}
