/*
 * feeds.c: the feed list (the subscriptions in the urls file's order,
 * joined with what the cache knows of each: counts, the reader's average
 * rating, the last error), with an "All articles" row on top and a filter
 * by tag; and the welcome screen shown while there are no subscriptions.
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "subs.h"
#include "text.h"
#include "ui_private.h"

#define COUNTS_WIDTH 11		/* "unread/total", right-aligned */

static void
row_clear(struct ui_feed_row *r)
{
	free(r->url);
	free(r->title);
	free(r->tags);
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

static char *
join_tags(const struct subs_feed *sf)
{
	struct tbuf b;

	tbuf_init(&b, TEXT_MAX_STRING);
	for (size_t i = 0; i < sf->ntags; i++)
		if ((i > 0 && !tbuf_addc(&b, ' ')) || !tbuf_adds(&b, sf->tags[i]))
			break;
	char *raw = tbuf_take(&b), *clean = ui_clean(raw);
	free(raw);
	return clean;
}

static bool
has_tag(const struct ui_feed_row *r, const char *tag)
{
	size_t n = strlen(tag);

	for (const char *p = r->tags; (p = strstr(p, tag)) != NULL; p += n)
		if ((p == r->tags || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return true;
	return false;
}

static void
filter_rows(struct ui *ui)
{
	free(ui->shown);
	ui->shown = xcalloc(ui->nfeeds, sizeof(*ui->shown));
	ui->nshown = 0;
	for (size_t i = 0; i < ui->nfeeds; i++)
		if (i == 0 || ui->tag_filter == NULL ||
		    has_tag(&ui->feeds[i], ui->tag_filter))
			ui->shown[ui->nshown++] = i;
}

void
ui_feeds_load(struct ui *ui)
{
	struct store_feeds sf = { NULL, 0 };
	struct ui_feed_row *cur = ui_feeds_current(ui);
	char *keep = cur != NULL && cur->url != NULL ? xstrdup(cur->url) : NULL;
	size_t nsubs = subs_count(ui->subs);
	long long all_items = 0, all_unread = 0, rated = 0;
	double rating_sum = 0;
	enum store_result r;

	if ((r = store_list_feeds(ui->st, &sf)) != STORE_OK)
		ui_error(ui, "cache: %s", store_errmsg(ui->st));
	ui_feeds_free(ui);
	ui->feeds = xcalloc(nsubs + 1, sizeof(*ui->feeds));
	ui->nfeeds = 1;
	for (size_t i = 0; i < nsubs; i++) {
		const struct subs_feed *s = subs_get(ui->subs, i);
		const struct store_feed *f = sf.n == 0 ? NULL :
		    bsearch(s->url, sf.v, sf.n, sizeof(*sf.v), cmp_feed_url);
		struct ui_feed_row *row = &ui->feeds[ui->nfeeds++];

		row->url = xstrdup(s->url);
		row->tags = join_tags(s);
		row->user_rating = -1;
		if (s->title != NULL)
			row->title = ui_clean(s->title);
		else if (f != NULL && f->title != NULL && f->title[0] != '\0')
			row->title = ui_clean(f->title);
		else
			row->title = ui_clean(s->url);
		if (f == NULL)
			continue;
		row->id = f->id;
		row->nitems = f->nitems;
		row->nunread = f->nunread;
		row->user_rating = f->user_rating;
		if (f->status == STORE_FAILED && f->error != NULL)
			row->error = ui_clean(f->error);
		all_items += f->nitems;
		all_unread += f->nunread;
		if (f->nrated > 0 && f->user_rating >= 0) {
			rating_sum += f->user_rating * (double)f->nrated;
			rated += f->nrated;
		}
	}
	store_feeds_free(&sf);
	ui->feeds[0].title = xstrdup("All articles");
	ui->feeds[0].tags = xstrdup("");
	ui->feeds[0].nitems = all_items;
	ui->feeds[0].nunread = all_unread;
	ui->feeds[0].user_rating = rated > 0 ? rating_sum / (double)rated : -1;
	filter_rows(ui);
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

/* ---- the feed list screen ----------------------------------------------- */

static void
feeds_layout(struct ui *ui, int rows, int cols)
{
	(void)cols;
	ui_cursor_fit(&ui->sel.feed, ui->nshown, rows);
}

static void
draw_row(struct ui *ui, const struct ui_feed_row *r, int y, int cols,
    bool selected)
{
	char counts[48], stars[UI_STARS_MAX], line[64];
	unsigned base = selected ? ui->attr[CONF_EL_SELECTED] :
	    r->nunread > 0 ? ui->attr[CONF_EL_UNREAD] : ui->attr[CONF_EL_NORMAL];
	int x = 0, w;

	ui_put(ui, y, x, 2, r->error != NULL ? "E" : "",
	    selected ? base : ui->attr[CONF_EL_ERROR]);
	x += 2;
	snprintf(counts, sizeof(counts), "%lld/%lld", r->nunread, r->nitems);
	w = (int)strlen(counts) < COUNTS_WIDTH ? COUNTS_WIDTH - (int)strlen(counts) : 0;
	snprintf(line, sizeof(line), "%*s%s ", w, "", counts);
	if (cols >= 40) {
		x += ui_put(ui, y, x, COUNTS_WIDTH + 1, line, base);
		ui_stars(ui->utf8, r->user_rating, stars);
		x += ui_put(ui, y, x, 6, stars,
		    selected ? base : ui->attr[CONF_EL_RATING]);
	}
	if (r->tags[0] != '\0' && cols - x > 30) {
		char *t = xasprintf("%s  (%s)", r->title, r->tags);
		ui_put(ui, y, x, cols - x, t, base);
		free(t);
	} else
		ui_put(ui, y, x, cols - x, r->title, base);
}

static void
feeds_draw(struct ui *ui, int top, int rows, int cols)
{
	struct ui_cursor *c = &ui->sel.feed;

	ui_cursor_fit(c, ui->nshown, rows);
	for (int i = 0; i < rows && c->top + (size_t)i < ui->nshown; i++) {
		size_t idx = c->top + (size_t)i;
		draw_row(ui, &ui->feeds[ui->shown[idx]], top + i, cols,
		    idx == c->cur);
	}
	if (ui->nshown == 1 && rows > 2)
		ui_put(ui, top + 2, 2, cols - 2, ui->tag_filter != NULL ?
		    "No feed has this tag." : "No subscriptions.",
		    ui->attr[CONF_EL_NORMAL]);
}

static void
open_current(struct ui *ui)
{
	struct ui_feed_row *r = ui_feeds_current(ui);

	if (r == NULL)
		return;
	if (r->url != NULL && r->id == 0) {
		ui_message(ui, "No articles yet: press r to refresh it.");
		return;
	}
	ui_items_open(ui, r->url != NULL ? r->id : 0, r->title, NULL);
}

static void
set_tag_filter(struct ui *ui, const char *answer, const char *arg)
{
	char *t;

	if (answer == NULL)
		return;
	t = ui_clean(answer);
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

static bool
feeds_action(struct ui *ui, enum conf_action a)
{
	struct ui_feed_row *r = ui_feeds_current(ui);

	if (ui_cursor_move(&ui->sel.feed, ui->nshown, ui->rows - 2, a))
		return true;
	switch (a) {
	case CONF_ACT_OPEN:
		open_current(ui);
		return true;
	case CONF_ACT_BACK:
		if (ui->tag_filter != NULL) {
			set_tag_filter(ui, "", NULL);
			return true;
		}
		ui->quit = true;
		return true;
	case CONF_ACT_FILTER_TAG:
		ui_prompt_line(ui, "Show feeds tagged (empty: all): ",
		    ui->tag_filter, set_tag_filter, NULL);
		return true;
	case CONF_ACT_SHOW_ERROR:
		if (r != NULL && r->error != NULL)
			ui_error(ui, "%s", r->error);
		else
			ui_message(ui, "The last refresh of this feed did not fail.");
		return true;
	case CONF_ACT_NEXT_UNREAD:
	case CONF_ACT_PREV_UNREAD:
		for (size_t i = ui->sel.feed.cur; ; ) {
			if (a == CONF_ACT_NEXT_UNREAD ? i + 1 >= ui->nshown : i <= 1)
				break;
			i = a == CONF_ACT_NEXT_UNREAD ? i + 1 : i - 1;
			if (ui->feeds[ui->shown[i]].nunread > 0) {
				ui->sel.feed.cur = i;
				ui_cursor_fit(&ui->sel.feed, ui->nshown, ui->rows - 2);
				return true;
			}
		}
		ui_message(ui, "No more feeds with unread articles.");
		return true;
	default:
		return false;
	}
}

static void
feeds_click(struct ui *ui, int row, bool twice)
{
	size_t idx = ui->sel.feed.top + (size_t)row;

	if (idx >= ui->nshown)
		return;
	ui->sel.feed.cur = idx;
	if (twice)
		open_current(ui);
}

static void
feeds_title(struct ui *ui, char *buf, size_t size)
{
	if (ui->tag_filter != NULL)
		snprintf(buf, size, "tidings %s - Feeds tagged %s (%zu)",
		    PACKAGE_VERSION, ui->tag_filter, ui->nshown - 1);
	else
		snprintf(buf, size, "tidings %s - Feeds (%zu)", PACKAGE_VERSION,
		    ui->nshown - 1);
}

const struct screen ui_feeds_screen = {
	"feeds", feeds_layout, feeds_draw, feeds_action, feeds_click, feeds_title
};

/* ---- the welcome screen --------------------------------------------------- */

static void
welcome_layout(struct ui *ui, int rows, int cols)
{
	(void)ui;
	(void)rows;
	(void)cols;
}

/* The first of the keys listed in buf ("Enter, l" -> "Enter"). */
static const char *
first_key(char *buf)
{
	char *comma = strchr(buf, ',');

	if (comma != NULL)
		*comma = '\0';
	return buf;
}

static void
welcome_draw(struct ui *ui, int top, int rows, int cols)
{
	char add[64], sample[64], quit[64], help[64];
	char l1[160], l2[160], l3[160], l4[160];
	const char *lines[] = {
		"Welcome to tidings.", "", "You have no subscriptions yet.", "",
		l1, l2, l3, l4
	};

	ui_keys_for(ui, CONF_ACT_ADD_FEED, add, sizeof(add));
	ui_keys_for(ui, CONF_ACT_OPEN, sample, sizeof(sample));
	ui_keys_for(ui, CONF_ACT_BACK, quit, sizeof(quit));
	ui_keys_for(ui, CONF_ACT_HELP, help, sizeof(help));
	snprintf(l1, sizeof(l1), "  %-8s add a feed by its URL (or a site's)", first_key(add));
	snprintf(l2, sizeof(l2), "  %-8s load the bundled NewsFactor sample feeds",
	    first_key(sample));
	snprintf(l3, sizeof(l3), "  %-8s all the keys", first_key(help));
	snprintf(l4, sizeof(l4), "  %-8s quit", first_key(quit));
	for (int i = 0; i < rows && (size_t)i < sizeof(lines) / sizeof(lines[0]); i++)
		ui_put(ui, top + i, 1, cols - 1, lines[i],
		    i == 0 ? ui->attr[CONF_EL_HEADING] : ui->attr[CONF_EL_NORMAL]);
}

static bool
welcome_action(struct ui *ui, enum conf_action a)
{
	switch (a) {
	case CONF_ACT_OPEN:
		ui_load_sample(ui);
		return true;
	case CONF_ACT_BACK:
		ui->quit = true;
		return true;
	default:
		return false;
	}
}

static void
welcome_title(struct ui *ui, char *buf, size_t size)
{
	(void)ui;
	snprintf(buf, size, "tidings %s", PACKAGE_VERSION);
}

const struct screen ui_welcome_screen = {
	"welcome", welcome_layout, welcome_draw, welcome_action, NULL, welcome_title
};
