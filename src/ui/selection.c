/*
 * selection.c: the state the screens share, below them all (neomutt's
 * IndexSharedData): the feed list's rows with the tag filter and the
 * selected feed, the headline list's query with its window ("chunk") of
 * rows read from the store and the selected headline, and the article
 * asked for. Screens read it and change it through these setters; none of
 * them reaches into another screen.
 *
 * Only a window of headlines around what is shown is read from the store
 * (store_list_items with offset and limit), so a list of 100 000 articles
 * opens as fast as one of ten.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "discover.h"
#include "subs.h"
#include "text.h"
#include "ui_private.h"

#define UNREAD_SCAN_MAX 20000	/* rows n/N look through before giving up */

/* ---- the feed list ------------------------------------------------------- */

static void
row_clear(struct ui_feed_row *r)
{
	free(r->url);
	free(r->title);
	free(r->tags);
	ui_tags_free(r->tagv, r->ntags);
	free(r->error);
}

void
ui_feeds_free(struct ui *ui)
{
	for (size_t i = 0; i < ui->nfeeds; i++)
		row_clear(&ui->feeds[i]);
	free(ui->feeds);
	free(ui->shown);
	ui->feeds = NULL;
	ui->shown = NULL;
	ui->nfeeds = ui->nshown = 0;
}

static int
cmp_feed_url(const void *key, const void *elem)
{
	return strcmp(key, ((const struct store_feed *)elem)->url);
}

/* The row's tags (the urls file's, or with sync the server's folders),
 * sanitised one by one and as the line the list shows. */
static void
set_tag_list(struct ui_feed_row *r, const char *const *tags, size_t n)
{
	r->tagv = xcalloc(n + 1, sizeof(*r->tagv));
	for (size_t i = 0; i < n; i++)
		r->tagv[i] = ui_clean(tags[i]);
	r->ntags = n;
	r->tags = ui_tags_format((const char *const *)r->tagv, r->ntags);
}

static void
set_tags(struct ui_feed_row *r, const struct subs_feed *sf)
{
	set_tag_list(r, sf->tags, sf->ntags);
}

static bool
has_tag(const struct ui_feed_row *r, const char *tag)
{
	for (size_t i = 0; i < r->ntags; i++)
		if (strcmp(r->tagv[i], tag) == 0)
			return true;
	return false;
}

/* The word a newsboat line of kind k is called by, NULL for a URL. */
static const char *
kind_name(enum subs_kind k)
{
	switch (k) {
	case SUBS_KIND_URL:
		return NULL;
	case SUBS_KIND_QUERY:
		return "query";
	case SUBS_KIND_EXEC:
		return "exec";
	case SUBS_KIND_FILTER:
		return "filter";
	}
	return "unknown";
}

/* A line tidings keeps but does not run: shown once, as such, so that a
 * newsboat user sees it was read, not lost. */
static void
set_unsupported(struct ui_feed_row *r, const struct subs_feed *s)
{
	char *t;

	r->unsupported = kind_name(s->kind);
	r->url = xstrdup(s->url);
	set_tags(r, s);
	r->user_rating = -1;
	t = xasprintf("%s feed %s: not supported", r->unsupported,
	    s->title != NULL ? s->title : s->url);
	r->title = ui_clean(t);
	free(t);
}

struct ui_feed_row *
ui_feed_row_of(const struct ui *ui, const char *url)
{
	for (size_t i = UI_FIRST_FEED; i < ui->nfeeds; i++)
		if (ui->feeds[i].url != NULL && strcmp(ui->feeds[i].url, url) == 0)
			return &ui->feeds[i];
	return NULL;
}

bool
ui_subscribed(const struct ui *ui, const char *url)
{
	if (!ui_sync_on(ui))
		return subs_find(ui->subs, url) != NULL;
	return ui_feed_row_of(ui, url) != NULL;
}

bool
ui_feed_tagged(const struct ui *ui, size_t i)
{
	return ui->tag_filter == NULL || has_tag(&ui->feeds[i], ui->tag_filter);
}

/* Row i passes the tag filter and, in unread-only mode (u), has unread
 * articles; "All articles" always shows, "Starred" while it lists any. */
static bool
row_shown(const struct ui *ui, size_t i)
{
	if (i == UI_ROW_ALL)
		return true;
	if (i == UI_ROW_STARRED)
		return ui->feeds[i].nitems > 0;
	if (!ui_feed_tagged(ui, i))
		return false;
	return ui->show_read || ui->feeds[i].nunread > 0;
}

/* "Starred" counts the starred articles of the feeds the tag filter
 * lets through (the feeds keep no such counter: the store counts them
 * through its index of starred items). */
static void
count_starred(struct ui *ui)
{
	struct ui_feed_row *row = &ui->feeds[UI_ROW_STARRED];
	struct store_query q = { .starred_only = true };
	int64_t *ids = NULL;

	if (ui->tag_filter != NULL) {
		q.nfeed_ids = ui_feeds_tagged_ids(ui, ui->tag_filter, &ids);
		q.feed_ids = ids;
	}
	row->nitems = row->nunread = 0;
	if (store_count_items(ui->st, &q, &row->nitems) == STORE_OK) {
		q.unread_only = true;
		if (store_count_items(ui->st, &q, &row->nunread) == STORE_OK) {
			free(ids);
			return;
		}
	}
	ui_error(ui, "cache: %s", store_errmsg(ui->st));
	free(ids);
}

/* "All articles" sums the feeds the tag filter lets through (whether or
 * not u hides them: those are the articles it opens). */
static void
sum_all_row(struct ui *ui)
{
	struct ui_feed_row *all = &ui->feeds[UI_ROW_ALL];
	double rating_sum = 0;
	long long rated = 0;

	all->nitems = all->nunread = 0;
	for (size_t i = UI_FIRST_FEED; i < ui->nfeeds; i++) {
		const struct ui_feed_row *r = &ui->feeds[i];
		if (!ui_feed_tagged(ui, i))
			continue;
		all->nitems += r->nitems;
		all->nunread += r->nunread;
		if (r->nrated > 0 && r->user_rating >= 0) {
			rating_sum += r->user_rating * (double)r->nrated;
			rated += r->nrated;
		}
	}
	all->user_rating = rated > 0 ? rating_sum / (double)rated : -1;
	all->nrated = rated;
}

static void
filter_rows(struct ui *ui)
{
	sum_all_row(ui);
	count_starred(ui);
	free(ui->shown);
	ui->shown = xcalloc(ui->nfeeds, sizeof(*ui->shown));
	ui->nshown = 0;
	for (size_t i = 0; i < ui->nfeeds; i++)
		if (row_shown(ui, i))
			ui->shown[ui->nshown++] = i;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

size_t
ui_feeds_all_tags(const struct ui *ui, char ***out)
{
	size_t n = 0, cap = 0, kept = 0;
	char **v = NULL;

	for (size_t i = UI_FIRST_FEED; i < ui->nfeeds; i++)
		for (size_t j = 0; j < ui->feeds[i].ntags; j++) {
			if (n == cap) {
				cap = cap == 0 ? 16 : cap * 2;
				v = xreallocarray(v, cap, sizeof(*v));
			}
			v[n++] = ui->feeds[i].tagv[j];
		}
	if (n > 0)
		qsort(v, n, sizeof(*v), cmp_str);
	*out = xcalloc(n + 1, sizeof(**out));
	for (size_t i = 0; i < n; i++)
		if (kept == 0 || strcmp(v[i], (*out)[kept - 1]) != 0)
			(*out)[kept++] = xstrdup(v[i]);
	free(v);
	return kept;
}

/* The cursor on feed row idx (of ui->feeds) or, when it is hidden, on the
 * next row shown below it, else the last one above. */
static void
select_nearest(struct ui *ui, size_t idx)
{
	for (size_t i = 0; i < ui->nshown; i++)
		if (ui->shown[i] >= idx) {
			ui->sel.feed.cur = i;
			return;
		}
	ui->sel.feed.cur = ui->nshown - 1;
}

void
ui_feeds_refilter(struct ui *ui)
{
	size_t idx = ui->sel.feed.cur < ui->nshown ?
	    ui->shown[ui->sel.feed.cur] : 0;

	filter_rows(ui);
	select_nearest(ui, idx);
	ui_cursor_fit(&ui->sel.feed, ui->nshown, ui->rows - 2);
	ui->dirty = true;
}

/* A row for cached feed f: its title, counts and last error. */
static void
set_cached(struct ui_feed_row *row, const struct store_feed *f)
{
	row->id = f->id;
	row->nitems = f->nitems;
	row->nunread = f->nunread;
	row->user_rating = f->user_rating;
	row->nrated = f->nrated;
	if (f->status == STORE_FAILED && f->error != NULL)
		row->error = ui_clean(f->error);
}

static int
cmp_row_title(const void *a, const void *b)
{
	const struct ui_feed_row *x = a, *y = b;
	int c = strcasecmp(x->title, y->title);

	return c != 0 ? c : strcmp(x->url, y->url);
}

/* With sync the feeds are the server's: every feed of the cache (a sync
 * keeps there exactly the server's list), by title, its folders as tags. */
static void
load_synced(struct ui *ui, const struct store_feeds *sf)
{
	ui->feeds = xcalloc(sf->n + UI_FIRST_FEED, sizeof(*ui->feeds));
	ui->nfeeds = UI_FIRST_FEED;
	for (size_t i = 0; i < sf->n; i++) {
		const struct store_feed *f = &sf->v[i];
		struct ui_feed_row *row = &ui->feeds[ui->nfeeds++];

		row->url = xstrdup(f->url);
		row->title = ui_clean(f->title != NULL && f->title[0] != '\0' ?
		    f->title : f->url);
		set_tag_list(row, (const char *const *)f->folders, f->nfolders);
		set_cached(row, f);
	}
	qsort(ui->feeds + UI_FIRST_FEED, sf->n, sizeof(*ui->feeds),
	    cmp_row_title);
}

void
ui_feeds_load(struct ui *ui)
{
	struct store_feeds sf = { NULL, 0 };
	struct ui_feed_row *cur = ui_feeds_current(ui);
	char *keep = cur != NULL && cur->url != NULL ? xstrdup(cur->url) : NULL;
	size_t nsubs = subs_count_all(ui->subs);
	enum store_result r;

	if ((r = store_list_feeds(ui->st, &sf)) != STORE_OK)
		ui_error(ui, "cache: %s", store_errmsg(ui->st));
	ui_feeds_free(ui);
	if (ui_sync_on(ui))
		nsubs = 0;	/* the urls file is not the list then */
	ui->feeds = xcalloc(nsubs + UI_FIRST_FEED, sizeof(*ui->feeds));
	ui->nfeeds = UI_FIRST_FEED;
	if (ui_sync_on(ui)) {
		free(ui->feeds);
		load_synced(ui, &sf);
	}
	for (size_t i = 0; i < nsubs; i++) {
		const struct subs_feed *s = subs_get_all(ui->subs, i);
		const struct store_feed *f = sf.n == 0 || !s->supported ? NULL :
		    bsearch(s->url, sf.v, sf.n, sizeof(*sf.v), cmp_feed_url);
		struct ui_feed_row *row = &ui->feeds[ui->nfeeds++];

		if (!s->supported) {
			set_unsupported(row, s);
			continue;
		}
		row->url = xstrdup(s->url);
		set_tags(row, s);
		row->user_rating = -1;
		if (s->title != NULL)
			row->title = ui_clean(s->title);
		else if (f != NULL && f->title != NULL && f->title[0] != '\0')
			row->title = ui_clean(f->title);
		else
			row->title = ui_clean(s->url);
		if (f != NULL)
			set_cached(row, f);
	}
	store_feeds_free(&sf);
	ui->feeds[UI_ROW_ALL].title = xstrdup("All articles");
	ui->feeds[UI_ROW_STARRED].title = xstrdup("Starred");
	for (size_t i = 0; i < UI_FIRST_FEED; i++) {
		ui->feeds[i].tags = xstrdup("");
		ui->feeds[i].user_rating = -1;
	}
	filter_rows(ui);	/* sums "All articles", counts "Starred" */
	/* Stay on the same feed when it is still there. */
	if (keep != NULL) {
		for (size_t i = 0; i < ui->nshown; i++) {
			const char *u = ui->feeds[ui->shown[i]].url;
			if (u != NULL && strcmp(u, keep) == 0) {
				ui->sel.feed.cur = i;
				break;
			}
		}
		free(keep);
	}
	ui_cursor_fit(&ui->sel.feed, ui->nshown, ui->rows - 2);
	ui->feeds_stale = false;
	ui->feeds_loaded_ms = ui_now_ms();
	ui->dirty = true;
}

struct ui_feed_row *
ui_feeds_current(struct ui *ui)
{
	if (ui->sel.feed.cur >= ui->nshown)
		return NULL;
	return &ui->feeds[ui->shown[ui->sel.feed.cur]];
}

void
ui_feeds_set_tag_filter(struct ui *ui, const char *tag)
{
	char *t = ui_clean(tag);

	free(ui->tag_filter);
	ui->tag_filter = NULL;
	if (t[0] != '\0')
		ui->tag_filter = t;
	else
		free(t);
	ui->sel.feed.cur = 0;
	filter_rows(ui);
	ui->dirty = true;
}

/* The urls file changed on disk (another reader, `tidings --add` from a
 * script, an editor): read it again, so the list shows it and the next
 * edit starts from it. The reader's own edits are saved as they are made
 * (subs_save applies them to the file as it is), so nothing is pending. */
void
ui_subs_check(struct ui *ui)
{
	struct subs *fresh;
	enum subs_result r;

	if (!subs_stale(ui->subs))
		return;
	if ((r = subs_load(ui->opt->urls, &fresh)) != SUBS_OK) {
		ui_error(ui, "Cannot read %s again: %s", ui->opt->urls,
		    subs_strerror(r));
		return;
	}
	subs_free(ui->subs);
	ui->subs = fresh;
	ui_feeds_load(ui);	/* keeps the selected feed by its URL */
	if (ui->screen == UI_WELCOME && subs_count(ui->subs) > 0)
		ui_switch(ui, UI_FEEDS);
}

/* The feed being added (a) is subscribed or given up: forget its
 * discovery and the tags typed with its URL. */
void
ui_add_clear(struct ui *ui)
{
	discover_free(ui->discover);
	ui->discover = NULL;
	ui_tags_free(ui->add_tags, ui->nadd_tags);
	ui->add_tags = NULL;
	ui->nadd_tags = 0;
}

/* Forget the undo of the last mark-all-read. */
void
ui_undo_clear(struct ui *ui)
{
	free(ui->undo);
	ui->undo = NULL;
	ui->nundo = 0;
}

/* ---- the headline list -------------------------------------------------- */

void
ui_items_free(struct ui *ui)
{
	struct ui_items *it = &ui->items;

	store_headlines_free(&it->chunk);
	free(it->search);
	free(it->title);
	free(it->tag);
	free(it->feed_ids);
	memset(it, 0, sizeof(*it));
}

size_t
ui_feeds_tagged_ids(const struct ui *ui, const char *tag, int64_t **out)
{
	size_t n = 0;

	*out = xcalloc(ui->nfeeds + 1, sizeof(**out));
	for (size_t i = UI_FIRST_FEED; i < ui->nfeeds; i++)
		if (ui->feeds[i].id != 0 && has_tag(&ui->feeds[i], tag))
			(*out)[n++] = ui->feeds[i].id;
	return n;
}

/* A list of every feed under a tag filter: the ids of the feeds tagged
 * it->tag now (a refresh may have cached one since, an edit retagged
 * one). */
static void
set_tagged_ids(struct ui *ui)
{
	struct ui_items *it = &ui->items;

	free(it->feed_ids);
	it->q.nfeed_ids = ui_feeds_tagged_ids(ui, it->tag, &it->feed_ids);
	it->q.feed_ids = it->feed_ids;
}

static void
open_list(struct ui *ui, int64_t feed_id, const char *title,
    const char *search, bool starred)
{
	struct ui_items *it = &ui->items;

	ui_items_free(ui);
	it->q.feed_id = feed_id;
	it->q.starred_only = starred;
	it->q.unread_only = !ui->show_read;
	it->q.sort = ui->sort;
	if (search != NULL) {
		it->search = xstrdup(search);
		it->q.search = it->search;
	}
	if (feed_id == 0 && ui->tag_filter != NULL) {
		char *t = xasprintf("%s (tagged %s)", title, ui->tag_filter);
		it->tag = xstrdup(ui->tag_filter);	/* its ids: on reload */
		it->title = ui_clean(t);
		free(t);
	} else
		it->title = ui_clean(title);
	it->stale = true;
	ui->sel.item.cur = ui->sel.item.top = 0;
	ui->sel.item_id = 0;
	ui_switch(ui, UI_ITEMS);
}

void
ui_items_open(struct ui *ui, int64_t feed_id, const char *title,
    const char *search)
{
	open_list(ui, feed_id, title, search, false);
}

void
ui_items_open_starred(struct ui *ui)
{
	open_list(ui, 0, "Starred", NULL, true);
}



/* New articles may have arrived above the selected one: stay on it when
 * it is still near. */
static void
keep_selection(struct ui *ui)
{
	struct ui_items *it = &ui->items;
	size_t cur = ui->sel.item.cur;

	if (ui->sel.item_id == 0 || it->count == 0)
		return;
	ui_items_window(ui, cur, 1);
	for (size_t i = 0; i < it->chunk.n; i++)
		if (it->chunk.v[i].id == ui->sel.item_id) {
			ui->sel.item.cur = it->chunk_off + i;
			ui_cursor_fit(&ui->sel.item, (size_t)it->count,
			    ui->rows - 2);
			return;
		}
}

/* Read the count again and forget the window. */
void
ui_items_reload(struct ui *ui)
{
	struct ui_items *it = &ui->items;

	store_headlines_free(&it->chunk);
	it->chunk_off = 0;
	it->q.unread_only = !ui->show_read;
	it->q.sort = ui->sort;
	if (it->tag != NULL)
		set_tagged_ids(ui);
	if (store_count_items(ui->st, &it->q, &it->count) != STORE_OK) {
		ui_error(ui, "cache: %s", store_errmsg(ui->st));
		it->count = 0;
	}
	it->stale = false;
	ui_cursor_fit(&ui->sel.item, (size_t)it->count, ui->rows - 2);
	keep_selection(ui);
}

/* Make rows [first, first + n) available (as far as they exist). */
void
ui_items_window(struct ui *ui, size_t first, size_t n)
{
	struct ui_items *it = &ui->items;
	size_t limit = n * 3 > UI_CHUNK_MIN ? n * 3 : UI_CHUNK_MIN;
	size_t before = (limit - n) / 2;

	if (it->stale)
		ui_items_reload(ui);
	if (first >= it->chunk_off && first + n <= it->chunk_off + it->chunk.n)
		return;
	if (first >= it->chunk_off && first >= (size_t)it->count)
		return;
	store_headlines_free(&it->chunk);
	it->q.offset = first > before ? first - before : 0;
	it->q.limit = limit;
	if (store_list_items(ui->st, &it->q, &it->chunk) != STORE_OK)
		ui_error(ui, "cache: %s", store_errmsg(ui->st));
	it->chunk_off = it->q.offset;
}

const struct store_headline *
ui_items_row(struct ui *ui, size_t row)
{
	struct ui_items *it = &ui->items;

	if (it->stale)
		ui_items_reload(ui);
	if (row >= (size_t)it->count)
		return NULL;
	ui_items_window(ui, row, 1);
	if (row < it->chunk_off || row >= it->chunk_off + it->chunk.n)
		return NULL;
	return &it->chunk.v[row - it->chunk_off];
}

bool
ui_items_next_unread(struct ui *ui, int dir)
{
	size_t row = ui->sel.item.cur;

	for (size_t n = 0; n < UNREAD_SCAN_MAX; n++) {
		const struct store_headline *h;

		if (dir > 0 ? row + 1 >= (size_t)ui->items.count : row == 0)
			break;
		row = dir > 0 ? row + 1 : row - 1;
		if ((h = ui_items_row(ui, row)) == NULL)
			break;
		if (!h->read) {
			ui->sel.item.cur = row;
			ui->sel.item_id = h->id;
			ui_cursor_fit(&ui->sel.item, (size_t)ui->items.count,
			    ui->rows - 2);
			return true;
		}
	}
	return false;
}

void
ui_sel_open_item(struct ui *ui, int64_t id)
{
	ui->sel.item_id = id;
	ui->sel.open_gen++;
	ui_switch(ui, UI_PAGER);
}

/* The headline list is at its feed's end: open the next feed (in the feed
 * list's order) that has unread articles, on its first unread one. false
 * when goto-next-feed is off, the list is not one feed, or none is left. */
bool
ui_items_next_feed(struct ui *ui)
{
	const struct store_headline *h;
	size_t from = 0;

	if (!ui->conf.goto_next_feed || ui->items.q.feed_id == 0 ||
	    ui->items.q.search != NULL)
		return false;
	if (ui->feeds_stale)
		ui_feeds_load(ui);
	for (size_t i = 1; i < ui->nshown; i++)
		if (ui->feeds[ui->shown[i]].id == ui->items.q.feed_id)
			from = i;
	for (size_t i = from + 1; from > 0 && i < ui->nshown; i++) {
		struct ui_feed_row *r = &ui->feeds[ui->shown[i]];
		if (r->id == 0 || r->nunread == 0)
			continue;
		ui->sel.feed.cur = i;
		ui_items_open(ui, r->id, r->title, NULL);
		if ((h = ui_items_row(ui, 0)) != NULL && !h->read)
			ui->sel.item_id = h->id;
		else if (!ui_items_next_unread(ui, 1))
			return false;
		return true;
	}
	return false;
}
