/*
 * discover.c: a URL or path -> the feeds it is or names. See
 * include/discover.h for the contract.
 *
 * Two phases on the caller's fetch handle: the input (one transfer), then,
 * for a page, its named feeds or the common paths (all at once). Each
 * transfer's user pointer is a struct job; discover_claim() recognises its
 * own jobs by address, as refresh does. The job arrays are allocated once
 * per phase, so those addresses never move.
 */
#include "config.h"

#include <gumbo.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "discover.h"
#include "feed.h"
#include "fetch.h"
#include "html.h"
#include "text.h"
#include "url.h"

#define RUN_POLL_MS 1000	/* discover_run's longest sleep between steps */
#define HEAD_STACK 1024		/* initial depth of the <head> walk's stack */

const char *const discover_common_paths[] = {
	"/feed", "/rss.xml", "/atom.xml", "/feed.xml", "/rss", "/index.xml",
	NULL
};

/* Feed types a <link rel="alternate"> may announce, in order of
 * preference: JSON Feed last. */
static const char *const feed_types[] = {
	"application/rss+xml",
	"application/atom+xml",
	"application/rdf+xml",
	"application/feed+json",
};
#define JSON_FEED_RANK 3	/* feed_types[3] sorts after the XML ones */

struct job {
	struct discover_candidate c;
	bool finished;
};

struct discover {
	struct fetch *f;
	bool own_fetch;		/* discover_run's: freed with d */
	unsigned flags;
	struct discover_outcome out;
	struct job input;
	struct job *jobs;	/* phase two: named feeds or common paths */
	size_t njobs, pending;
	bool probing;		/* the jobs are common paths: keep only ok ones */
	bool done;
};

const char *
discover_strerror(enum discover_status s)
{
	switch (s) {
	case DISCOVER_OK:
		return "feed found";
	case DISCOVER_FETCH_FAILED:
		return "cannot fetch";
	case DISCOVER_NO_FEED:
		return "no feed found";
	case DISCOVER_ALL_FAILED:
		return "none of the feeds the page names works";
	}
	return "unknown discovery result";
}

/* ---- the feeds a page names --------------------------------------------- */

static const char *
gattr(const GumboElement *e, const char *name)
{
	const GumboAttribute *a = gumbo_get_attribute(&e->attributes, name);

	return a == NULL ? NULL : a->value;
}

/* true when the space-separated list has word (ASCII case ignored). */
static bool
has_word(const char *list, const char *word)
{
	size_t wl = strlen(word);

	while (list != NULL && *list != '\0') {
		size_t n;

		while (*list == ' ' || *list == '\t' || *list == '\n' ||
		    *list == '\r' || *list == '\f')
			list++;
		n = strcspn(list, " \t\n\r\f");
		if (n == wl && strncasecmp(list, word, n) == 0)
			return true;
		list += n;
	}
	return false;
}

/* The rank of a type in feed_types, or -1 when it is no feed type. */
static int
feed_type_rank(const char *type)
{
	size_t i, n;

	if (type == NULL)
		return -1;
	while (*type == ' ')
		type++;
	n = strcspn(type, " ;");
	for (i = 0; i < sizeof(feed_types) / sizeof(feed_types[0]); i++)
		if (strlen(feed_types[i]) == n &&
		    strncasecmp(type, feed_types[i], n) == 0)
			return (int)i;
	return -1;
}

struct link {
	struct discover_candidate c;
	int rank;
	size_t order;
};

static int
link_cmp(const void *a, const void *b)
{
	const struct link *x = a, *y = b;

	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* The part of the page worth parsing: feeds are announced in <head>, so
 * parsing stops at <body> (which also spares gumbo hostile bodies). */
static size_t
head_length(const char *html, size_t n)
{
	size_t i;

	if (n > HTML_MAX_INPUT)
		n = HTML_MAX_INPUT;
	for (i = 0; i + 5 <= n; i++)
		if (html[i] == '<' && strncasecmp(html + i + 1, "body", 4) == 0)
			return i;
	return n;
}

/* A page fetched over http(s) may only name http(s) feeds: a <link> to
 * file:///etc/passwd must not make tidings read local files. */
static bool
scheme_allowed(const char *base, const char *url)
{
	bool web_base = base != NULL && (strncasecmp(base, "http://", 7) == 0 ||
	    strncasecmp(base, "https://", 8) == 0);

	return !web_base || strncasecmp(url, "http://", 7) == 0 ||
	    strncasecmp(url, "https://", 8) == 0;
}

/* The <link rel="alternate"> feeds of the page's head, in document order,
 * hrefs resolved against <base href> and base_url. */
static struct link *
collect_links(const char *html, size_t n, const char *base_url, size_t *nout)
{
	struct html_tree *t = html_parse(html, head_length(html, n));
	const GumboNode **stack;
	struct link *l = NULL;
	size_t depth = 0, nl = 0, max_stack = HEAD_STACK, i;
	char *base = base_url != NULL ? xstrdup(base_url) : NULL;

	/* Depth-first in document order with an explicit stack. */
	stack = xreallocarray(NULL, max_stack, sizeof(*stack));
	stack[depth++] = html_tree_output(t)->root;
	while (depth > 0) {
		const GumboNode *node = stack[--depth];
		const GumboElement *e;
		const char *href, *v;
		char *url;
		int rank;

		if (node->type != GUMBO_NODE_ELEMENT)
			continue;
		e = &node->v.element;
		for (i = e->children.length; i > 0; i--) {
			if (depth == max_stack) {
				max_stack *= 2;
				stack = xreallocarray(stack, max_stack, sizeof(*stack));
			}
			stack[depth++] = e->children.data[i - 1];
		}
		if (e->tag == GUMBO_TAG_BASE && (v = gattr(e, "href")) != NULL &&
		    nl == 0) {
			char *b = url_resolve(base, v);

			if (b != NULL) {
				free(base);
				base = b;
			}
			continue;
		}
		if (e->tag != GUMBO_TAG_LINK || nl == DISCOVER_MAX_FOUND ||
		    !has_word(gattr(e, "rel"), "alternate") ||
		    (rank = feed_type_rank(gattr(e, "type"))) < 0 ||
		    (href = gattr(e, "href")) == NULL)
			continue;
		if ((url = url_resolve(base, href)) == NULL ||
		    !scheme_allowed(base_url, url)) {
			free(url);
			continue;
		}
		l = xreallocarray(l, nl + 1, sizeof(*l));
		memset(&l[nl], 0, sizeof(l[nl]));
		l[nl].c.url = text_sanitize_line(url);
		free(url);
		if ((v = gattr(e, "title")) != NULL)
			l[nl].c.title = text_sanitize_line(v);
		l[nl].c.type = xstrdup(feed_types[rank]);
		l[nl].c.via = DISCOVER_VIA_LINK;
		l[nl].rank = rank == JSON_FEED_RANK ? 1 : 0;
		l[nl].order = nl;
		nl++;
	}
	free(stack);
	html_tree_free(t);
	free(base);
	*nout = nl;
	return l;
}

static void
candidate_clear(struct discover_candidate *c)
{
	free(c->url);
	free(c->moved_from);
	free(c->title);
	free(c->type);
	free(c->error);
	feed_free(c->feed);
	free(c->etag);
	free(c->last_modified);
	memset(c, 0, sizeof(*c));
}

void
discover_candidates_free(struct discover_candidate *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		candidate_clear(&v[i]);
	free(v);
}

void
discover_find_in_html(const char *html, size_t n, const char *base_url,
    struct discover_candidate **out, size_t *nout)
{
	struct link *l;
	size_t nl, i, j;

	l = collect_links(html, n, base_url, &nl);
	if (nl > 0)
		qsort(l, nl, sizeof(*l), link_cmp);
	*out = nl == 0 ? NULL : xcalloc(nl, sizeof(**out));
	*nout = 0;
	for (i = 0; i < nl; i++) {
		bool dup = false;

		for (j = 0; j < *nout && !dup; j++)
			dup = strcmp((*out)[j].url, l[i].c.url) == 0;
		if (dup)
			candidate_clear(&l[i].c);
		else
			(*out)[(*nout)++] = l[i].c;
	}
	free(l);
}

/* ---- the state machine ---------------------------------------------------- */

static char *
sanitized_or_null(const char *s)
{
	return s != NULL && s[0] != '\0' ? text_sanitize_line(s) : NULL;
}

static char *
fetch_error(const struct fetch_response *res)
{
	return text_sanitize_line(res->message != NULL ? res->message :
	    fetch_strerror(res->result));
}

/* Parse res as a feed into c: true when it is one. On failure c->error
 * says why. */
static bool
parse_into(struct discover_candidate *c, struct fetch_response *res)
{
	enum feed_result fr;
	int line = 0;

	if (res->result != FETCH_OK) {
		c->error = fetch_error(res);
		return false;
	}
	fr = feed_parse(tbuf_str(&res->body), res->body.len, res->final_url,
	    res->content_type, &c->feed, &line);
	if (fr != FEED_OK) {
		c->error = line > 0 ? xasprintf("%s (line %d)", feed_strerror(fr),
		    line) : xstrdup(feed_strerror(fr));
		return false;
	}
	c->ok = true;
	c->nitems = c->feed->nitems;
	if (c->feed->title != NULL && c->feed->title[0] != '\0') {
		free(c->title);
		c->title = text_sanitize_line(c->feed->title);
	}
	if (c->type == NULL)
		c->type = sanitized_or_null(res->content_type);
	c->etag = res->etag;
	res->etag = NULL;
	c->last_modified = res->last_modified;
	res->last_modified = NULL;
	/* a permanent move: the new home is what gets subscribed */
	if (res->moved && strcmp(res->final_url, c->url) != 0) {
		c->moved_from = c->url;
		c->url = text_sanitize_line(res->final_url);
	}
	return true;
}

static void
queue(struct discover *d, struct job *j)
{
	d->pending++;
	fetch_add(d->f, j->c.url, NULL, DISCOVER_ACCEPT, j);
}

/* Everything is back: the candidate list and the status. */
static void
finish(struct discover *d)
{
	struct discover_outcome *o = &d->out;
	size_t i;

	o->v = d->njobs > 0 ? xcalloc(d->njobs, sizeof(*o->v)) : NULL;
	for (i = 0; i < d->njobs; i++) {
		if (d->probing && !d->jobs[i].c.ok) {
			candidate_clear(&d->jobs[i].c);
			continue;
		}
		o->v[o->n++] = d->jobs[i].c;
		if (d->jobs[i].c.ok)
			o->status = DISCOVER_OK;
	}
	free(d->jobs);
	d->jobs = NULL;
	d->njobs = 0;
	if (o->status != DISCOVER_OK)
		o->status = d->probing || o->n == 0 ? DISCOVER_NO_FEED :
		    DISCOVER_ALL_FAILED;
	d->done = true;
}

/* The common paths of the page's site, unless it is a local file (whose
 * "site" is the file system). */
static void
start_probes(struct discover *d)
{
	const char *base = d->out.final_url;
	size_t i, n = 0;

	d->probing = true;
	if (strncasecmp(base, "http://", 7) != 0 &&
	    strncasecmp(base, "https://", 8) != 0)
		return;
	for (i = 0; discover_common_paths[i] != NULL; i++)
		;
	d->jobs = xcalloc(i, sizeof(*d->jobs));
	for (i = 0; discover_common_paths[i] != NULL; i++) {
		char *url = url_resolve(base, discover_common_paths[i]);

		if (url == NULL)
			continue;
		d->jobs[n].c.url = url;
		d->jobs[n].c.via = DISCOVER_VIA_COMMON_PATH;
		n++;
	}
	d->njobs = n;
	for (i = 0; i < n; i++)
		queue(d, &d->jobs[i]);
}

/* The input is not a feed: keep its bytes, then look for the feeds it
 * names, else the common paths. */
static void
input_is_page(struct discover *d, struct fetch_response *res)
{
	struct discover_candidate *found;
	size_t nfound, i;

	d->out.page = res->body;
	tbuf_init(&res->body, 0);
	d->out.content_type = res->content_type;
	res->content_type = NULL;
	if (d->flags & DISCOVER_INPUT_ONLY) {
		d->out.status = DISCOVER_OK;
		d->done = true;
		return;
	}
	discover_find_in_html(tbuf_str(&d->out.page), d->out.page.len,
	    d->out.final_url, &found, &nfound);
	if (nfound == 0) {
		start_probes(d);
	} else {
		d->jobs = xcalloc(nfound, sizeof(*d->jobs));
		for (i = 0; i < nfound; i++)
			d->jobs[i].c = found[i];
		free(found);
		d->njobs = nfound;
		for (i = 0; i < nfound; i++)
			queue(d, &d->jobs[i]);
	}
	if (d->pending == 0)
		finish(d);
}

static void
handle_input(struct discover *d, struct fetch_response *res)
{
	struct discover_candidate *c = &d->input.c;

	if (res->result != FETCH_OK) {
		d->out.status = DISCOVER_FETCH_FAILED;
		d->out.error = fetch_error(res);
		d->done = true;
		return;
	}
	d->out.final_url = text_sanitize_line(res->final_url);
	c->via = DISCOVER_VIA_INPUT;
	if (parse_into(c, res)) {
		d->out.is_feed = true;
		d->out.status = DISCOVER_OK;
		d->out.v = xcalloc(1, sizeof(*d->out.v));
		d->out.v[0] = *c;
		d->out.n = 1;
		memset(c, 0, sizeof(*c));
		d->done = true;
		return;
	}
	d->out.error = c->error;
	c->error = NULL;
	input_is_page(d, res);
}

bool
discover_claim(struct discover *d, void *user, struct fetch_response *res)
{
	uintptr_t u = (uintptr_t)user, lo = (uintptr_t)d->jobs,
	    hi = (uintptr_t)(d->jobs + d->njobs);
	struct job *j = user;

	if (user == &d->input) {
		if (!d->input.finished) {
			d->input.finished = true;
			handle_input(d, res);
		}
		return true;
	}
	if (d->njobs == 0 || u < lo || u >= hi)
		return false;
	if (j->finished)
		return true;	/* cannot happen: fetch reports once */
	j->finished = true;
	(void)parse_into(&j->c, res);
	if (--d->pending == 0)
		finish(d);
	return true;
}

/* The URL to fetch for input: a path (url_is_path) becomes a file:// URL. */
static char *
input_url(const char *input)
{
	char *url;

	if (!url_is_path(input))
		return xstrdup(input);
	/* no $HOME or current folder: the fetch then names the bad input */
	url = url_from_path(input);
	return url != NULL ? url : xstrdup(input);
}

struct discover *
discover_start(struct fetch *f, const char *input, unsigned flags)
{
	struct discover *d = xcalloc(1, sizeof(*d));

	d->f = f;
	d->flags = flags;
	d->out.status = DISCOVER_NO_FEED;
	d->out.input = xstrdup(input);
	d->out.url = input_url(input);
	tbuf_init(&d->out.page, 0);
	d->input.c.url = xstrdup(d->out.url);
	fetch_add(f, d->out.url, NULL, DISCOVER_ACCEPT, &d->input);
	return d;
}

static void
on_done(void *user, struct fetch_response *res, void *arg)
{
	discover_claim(arg, user, res);
}

void
discover_step(struct discover *d)
{
	fetch_step(d->f, on_done, d);
}

bool
discover_done(const struct discover *d)
{
	return d->done;
}

struct discover_outcome *
discover_outcome(struct discover *d)
{
	return &d->out;
}

long
discover_pick(const struct discover_outcome *o,
    bool (*taken)(const char *url, void *arg), void *arg)
{
	size_t i;

	for (i = 0; i < o->n; i++)
		if (o->v[i].ok && (taken == NULL || !taken(o->v[i].url, arg)))
			return (long)i;
	return -1;
}

void
discover_free(struct discover *d)
{
	size_t i;

	if (d == NULL)
		return;
	if (!d->input.finished)
		fetch_cancel(d->f, &d->input);
	for (i = 0; i < d->njobs; i++) {
		if (!d->jobs[i].finished)
			fetch_cancel(d->f, &d->jobs[i]);
		candidate_clear(&d->jobs[i].c);
	}
	free(d->jobs);
	candidate_clear(&d->input.c);
	discover_candidates_free(d->out.v, d->out.n);
	free(d->out.input);
	free(d->out.url);
	free(d->out.final_url);
	free(d->out.error);
	tbuf_free(&d->out.page);
	free(d->out.content_type);
	if (d->own_fetch)
		fetch_free(d->f);
	free(d);
}

struct discover *
discover_run(const char *input, unsigned flags, const struct fetch_limits *limits)
{
	struct fetch *f = fetch_new(limits);
	struct discover *d = discover_start(f, input, flags);

	d->own_fetch = true;
	discover_step(d);
	while (!discover_done(d)) {
		fetch_wait(f, -1, RUN_POLL_MS);
		discover_step(d);
	}
	return d;
}
