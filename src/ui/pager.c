/*
 * pager.c: one article. A header (feed, title, author, date, community
 * rating, the reader's rating, link), then the body rendered by `html` to
 * the window's width with its styles mapped to attributes, and the
 * numbered link references html puts at the end. Opening an article marks
 * it read. It is rendered again when the width changes.
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "fetch.h"
#include "readable.h"
#include "text.h"
#include "ui_private.h"

#define HEADER_LABEL 8		/* columns of "Title:  " */
#define TEASER_MAX_CHARS 600	/* a summary this short, without content, is a teaser */

static void
header_free(struct ui_pager *p)
{
	for (size_t i = 0; i < p->nheader; i++)
		free(p->header[i]);
	free(p->header);
	free(p->header_el);
	p->header = NULL;
	p->header_el = NULL;
	p->nheader = 0;
}

void
ui_pager_free(struct ui *ui)
{
	struct ui_pager *p = &ui->pager;

	header_free(p);
	html_doc_free(&p->doc);
	if (p->loaded)
		store_item_clear(&p->it);
	memset(p, 0, sizeof(*p));
}

/* Add "Label:  value" wrapped to cols, continuation lines indented. */
static void
header_add(struct ui_pager *p, int cols, const char *label, const char *value,
    enum conf_element el)
{
	struct text_lines tl = { NULL, 0 };
	char *clean = ui_clean(value);
	char *line = xasprintf("%-*s%s", HEADER_LABEL, label, clean);
	size_t width = cols > HEADER_LABEL + 4 ? (size_t)cols : HEADER_LABEL + 4;

	text_wrap(line, width, NULL, "        ", &tl);
	for (size_t i = 0; i < tl.n; i++) {
		p->header = xreallocarray(p->header, p->nheader + 1,
		    sizeof(*p->header));
		p->header_el = xreallocarray(p->header_el, p->nheader + 1,
		    sizeof(*p->header_el));
		p->header[p->nheader] = tl.line[i];
		p->header_el[p->nheader] = (unsigned char)el;
		p->nheader++;
		tl.line[i] = NULL;
	}
	text_lines_free(&tl);
	free(line);
	free(clean);
}

/* False when t is no date: the header then has no Date: line, as the
 * headline list leaves its date column blank (one way to show "none"). */
static bool
format_time(int64_t t, char *buf, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;

	return t != STORE_NO_TIME && localtime_r(&tt, &tm) != NULL &&
	    strftime(buf, size, "%a, %d %b %Y %H:%M", &tm) != 0;
}

static void
render(struct ui *ui, int cols)
{
	struct ui_pager *p = &ui->pager;
	const struct feed_item *item = &p->it.item;
	const char *body = p->show_readable && p->it.readable != NULL ?
	    p->it.readable : item->content != NULL && item->content[0] != '\0' ?
	    item->content : item->summary;
	struct html_options ho = {
		.width = cols > 1 ? (size_t)cols - 1 : 1,
		.base_url = item->link != NULL ? item->link : p->it.feed_url,
		.link_refs = true,
		.ascii = !ui->utf8,
	};
	char buf[128], stars[UI_STARS_MAX];

	header_free(p);
	html_doc_free(&p->doc);
	header_add(p, cols, "Feed:", p->it.feed_title != NULL ?
	    p->it.feed_title : p->it.feed_url, CONF_EL_HEADER);
	header_add(p, cols, "Title:", item->title != NULL ? item->title :
	    "(untitled)", CONF_EL_HEADING);
	if (item->author != NULL && item->author[0] != '\0')
		header_add(p, cols, "Author:", item->author, CONF_EL_HEADER);
	if (format_time(item->published != STORE_NO_TIME ? item->published :
	    item->updated, buf, sizeof(buf)))
		header_add(p, cols, "Date:", buf, CONF_EL_HEADER);
	if (item->rating.present) {
		double s = feed_rating_stars(&item->rating);
		char line[96];
		ui_stars(ui->utf8, s, stars);
		if (item->rating.count >= 0)
			snprintf(line, sizeof(line), "%s %.1f of 5, %lld vote%s",
			    stars, s, item->rating.count,
			    item->rating.count == 1 ? "" : "s");
		else
			snprintf(line, sizeof(line), "%s %.1f of 5", stars, s);
		header_add(p, cols, "Rating:", line, CONF_EL_STARS);
	}
	if (p->it.user_rating > 0) {
		char line[64];
		ui_stars(ui->utf8, p->it.user_rating, stars);
		snprintf(line, sizeof(line), "%s (%d)%s", stars,
		    p->it.user_rating, p->it.starred ? ", starred" : "");
		header_add(p, cols, "Yours:", line, CONF_EL_RATING);
	} else
		header_add(p, cols, "Yours:", p->it.starred ?
		    "not rated (1-5 rates), starred" : "not rated (1-5 rates)",
		    CONF_EL_RATING);
	if (item->link != NULL)
		header_add(p, cols, "Link:", item->link, CONF_EL_LINK);
	if (p->show_readable && p->it.readable != NULL)
		header_add(p, cols, "Shown:", "the article from its web page "
		    "(readable view)", CONF_EL_HEADER);
	header_add(p, cols, "", "", CONF_EL_NORMAL);
	if (body != NULL)
		html_render(body, strlen(body), &ho, &p->doc);
	p->width = cols;
}

/* What a cut-off text ends with, once trailing blanks and decorations
 * (teaser_trim) are gone: "[...]", "(more…)", "Read more »"... */
static const char *const teaser_endings[] = {
	"\xE2\x80\xA6", "...", "read more", "continue reading", "read the rest",
	"full story", "full article",
};
static const char *const teaser_trim[] = {
	" ", "\t", "\r", "\n", "]", ")", ">", ":",
	"\xC2\xBB", "\xE2\x80\xBA", "\xE2\x86\x92",	/* » › → */
};

/* Whether s[0..len) ends with the n bytes of end, ignoring ASCII case. */
static bool
ends_with(const char *s, size_t len, const char *end, size_t n)
{
	return len >= n && strncasecmp(s + len - n, end, n) == 0;
}

/* Whether the feed gave only a teaser of the article: no content and a
 * short summary, or a text that ends like a teaser. */
static bool
is_teaser(const struct feed_item *item)
{
	bool has_content = item->content != NULL && item->content[0] != '\0';
	const char *body = has_content ? item->content : item->summary;
	char *text = body != NULL ? html_to_text(body, strlen(body)) : NULL;
	size_t len = text != NULL ? strlen(text) : 0, chars = 0;
	bool teaser;

	for (size_t i = 0; i < sizeof(teaser_trim) / sizeof(teaser_trim[0]); i++)
		if (ends_with(text, len, teaser_trim[i], strlen(teaser_trim[i]))) {
			len -= strlen(teaser_trim[i]);
			i = (size_t)-1;	/* again from the first */
		}
	teaser = len == 0;
	for (size_t i = 0; i < len; i++)
		if (((unsigned char)text[i] & 0xC0) != 0x80)
			chars++;
	if (!has_content && chars < TEASER_MAX_CHARS)
		teaser = true;
	for (size_t i = 0; !teaser && i < sizeof(teaser_endings) /
	    sizeof(teaser_endings[0]); i++)
		teaser = ends_with(text, len, teaser_endings[i],
		    strlen(teaser_endings[i]));
	free(text);
	return teaser;
}

/* Fetch the page of the article shown, in the background. quiet: the
 * pager asked by itself (auto-readable), so a missing link or a fetch
 * already running is no error. */
static void
fetch_page(struct ui *ui, bool quiet)
{
	struct ui_pager *p = &ui->pager;
	const char *link = p->it.item.link;
	char *local;

	if (link == NULL || (strncasecmp(link, "http://", 7) != 0 &&
	    strncasecmp(link, "https://", 8) != 0)) {
		if (!quiet)
			ui_error(ui, "This article has no web page to read.");
		return;
	}
	if (ui->readable_token != 0) {
		if (!quiet)
			ui_message(ui, "Fetching a page already.");
		return;
	}
	ui->readable_token = 1;
	ui->readable_id = p->id;
	/* the first run's sample ships its article page: read that copy,
	 * and resolve its links against the page's own URL */
	local = ui_sample_page(link);
	free(ui->readable_link);
	ui->readable_link = local != NULL ? xstrdup(link) : NULL;
	fetch_add(ui_fetch(ui), local != NULL ? local : link, NULL, UI_ACCEPT_HTML,
	    &ui->readable_token);
	free(local);
	ui_message(ui, quiet ? "Only a teaser: fetching the article's page..." :
	    "Fetching the article's page...");
}

/* Load the article the selection asks for (ui_sel_open_item); false when
 * it cannot be read, and the headline list is shown again. */
static bool
open_selected(struct ui *ui)
{
	struct ui_pager *p = &ui->pager;
	int64_t id = ui->sel.item_id;
	enum store_result r;

	ui_pager_free(ui);
	p->gen = ui->sel.open_gen;
	if ((r = store_get_item(ui->st, id, &p->it)) != STORE_OK) {
		ui_error(ui, "cache: %s", r == STORE_NOT_FOUND ?
		    "the article is gone" : store_errmsg(ui->st));
		ui_switch(ui, UI_ITEMS);
		return false;
	}
	p->loaded = true;
	p->id = id;
	/* A page fetched before is what the reader asked for last time. */
	p->show_readable = p->it.readable != NULL;
	if (!p->show_readable && ui->conf.auto_readable &&
	    is_teaser(&p->it.item))
		fetch_page(ui, true);
	if (!p->it.read) {
		if (store_set_read(ui->st, id, true) != STORE_OK)
			ui_error(ui, "cache: %s", store_errmsg(ui->st));
		p->it.read = true;
		ui->items.stale = true;
		ui->feeds_stale = true;
	}
	return true;
}

static size_t
total_lines(const struct ui_pager *p)
{
	return p->nheader + p->doc.nlines;
}

static void
pager_layout(struct ui *ui, int rows, int cols)
{
	struct ui_pager *p = &ui->pager;
	size_t n;

	if (p->gen != ui->sel.open_gen && ui->screen == UI_PAGER &&
	    !open_selected(ui))
		return;
	if (!p->loaded)
		return;
	if (p->width != cols)
		render(ui, cols);
	n = total_lines(p);
	if (p->top + (size_t)rows > n)
		p->top = n > (size_t)rows ? n - (size_t)rows : 0;
}

static unsigned
style_attr(const struct ui *ui, unsigned style)
{
	unsigned a = ui->attr[CONF_EL_NORMAL];

	if (style & HTML_QUOTE)
		a = ui->attr[CONF_EL_QUOTE];
	if (style & HTML_LINK)
		a = ui->attr[CONF_EL_LINK];
	if (style & HTML_HEADING)
		a = ui->attr[CONF_EL_HEADING];
	if (style & HTML_BOLD)
		a |= A_BOLD;
	if (style & HTML_ITALIC)
		a |= A_ITALIC;
	if (style & HTML_UNDERLINE)
		a |= A_UNDERLINE;
	if (style & HTML_CODE)
		a |= A_DIM;
	return a;
}

static void
draw_line(struct ui *ui, const struct html_line *l, int y, int cols)
{
	int x = 0;

	for (size_t i = 0; i < l->nspans && x < cols; i++) {
		const char *t = l->spans[i].text != NULL ? l->spans[i].text : "";
		/* html sanitises already; the screen does not rely on it. */
		char *s = text_sanitize(t, strlen(t), false);
		x += ui_put_text(ui, y, x, cols - x, s,
		    style_attr(ui, l->spans[i].style), false);
		free(s);
	}
}

static void
pager_draw(struct ui *ui, int top, int rows, int cols)
{
	struct ui_pager *p = &ui->pager;

	if (!p->loaded)
		return;
	if (p->width != cols)
		pager_layout(ui, rows, cols);
	for (int i = 0; i < rows; i++) {
		size_t line = p->top + (size_t)i;

		if (line < p->nheader)
			ui_put(ui, top + i, 0, cols, p->header[line],
			    ui->attr[p->header_el[line]]);
		else if (line - p->nheader < p->doc.nlines)
			draw_line(ui, &p->doc.lines[line - p->nheader], top + i,
			    cols);
	}
}

static void
open_link_number(struct ui *ui, const char *answer, const char *arg)
{
	struct ui_pager *p = &ui->pager;
	char *end;
	unsigned long n;

	if (answer == NULL || answer[0] == '\0')
		return;
	n = strtoul(answer, &end, 10);
	if (*end != '\0' || n == 0 || n > p->doc.nlinks) {
		ui_error(ui, "No link [%s]: this article has %zu link%s.", answer,
		    p->doc.nlinks, p->doc.nlinks == 1 ? "" : "s");
		return;
	}
	ui_open_url(ui, p->doc.links[n - 1]);
}

/* v: the readable view. The page is fetched in the background once; its
 * article is kept in the cache, so the next time it shows at once. */
static void
toggle_readable(struct ui *ui)
{
	struct ui_pager *p = &ui->pager;

	if (p->show_readable || p->it.readable != NULL) {
		p->show_readable = !p->show_readable;
		p->width = 0;
		p->top = 0;
		ui_message(ui, p->show_readable ? "The article from its web page." :
		    "The feed's own text.");
		return;
	}
	fetch_page(ui, false);
}

void
ui_pager_readable_done(struct ui *ui, struct fetch_response *res)
{
	struct ui_pager *p = &ui->pager;
	struct readable_article *a = NULL;
	enum readable_result rr;
	int64_t id = ui->readable_id;

	ui->readable_token = 0;
	ui->readable_id = 0;
	if (res->result != FETCH_OK) {
		ui_error(ui, "Cannot fetch the page: %s", res->message != NULL ?
		    res->message : fetch_strerror(res->result));
		return;
	}
	rr = readable_extract(tbuf_str(&res->body), res->body.len,
	    ui->readable_link != NULL ? ui->readable_link : res->final_url,
	    res->content_type, &a);
	free(ui->readable_link);
	ui->readable_link = NULL;
	if (rr != READABLE_OK) {
		ui_error(ui, "No article on the page: %s", readable_strerror(rr));
		return;
	}
	if (store_set_readable(ui->st, id, a->html, (int64_t)time(NULL)) != STORE_OK)
		ui_error(ui, "cache: %s", store_errmsg(ui->st));
	if (p->loaded && p->id == id) {
		free(p->it.readable);
		p->it.readable = xstrdup(a->html);
		p->show_readable = true;
		p->width = 0;
		p->top = 0;
		ui_message(ui, "The article from its web page.");
	} else
		ui_message(ui, "The page of an article you left is kept for later.");
	readable_free(a);
	ui->dirty = true;
}

static bool
pager_action(struct ui *ui, enum conf_action a)
{
	struct ui_pager *p = &ui->pager;
	size_t n = total_lines(p), h = ui->rows > 3 ? (size_t)ui->rows - 2 : 1;
	size_t last = n > h ? n - h : 0;

	switch (a) {
	case CONF_ACT_DOWN:
		if (p->top < last)
			p->top++;
		return true;
	case CONF_ACT_UP:
		if (p->top > 0)
			p->top--;
		return true;
	case CONF_ACT_PAGE_DOWN:
		/* At the end, space goes on to the next unread article. */
		if (p->top >= last) {
			if (ui_items_next_unread(ui, 1) || ui_items_next_feed(ui))
				ui_sel_open_item(ui, ui->sel.item_id);
			else
				ui_message(ui, "End of the article.");
			return true;
		}
		p->top = p->top + h - 1 < last ? p->top + h - 1 : last;
		return true;
	case CONF_ACT_PAGE_UP:
		p->top = p->top > h - 1 ? p->top - (h - 1) : 0;
		return true;
	case CONF_ACT_TOP:
		p->top = 0;
		return true;
	case CONF_ACT_BOTTOM:
		p->top = last;
		return true;
	case CONF_ACT_BACK:
		ui_switch(ui, UI_ITEMS);
		return true;
	case CONF_ACT_OPEN:
		return true;
	case CONF_ACT_NEXT_UNREAD:
	case CONF_ACT_PREV_UNREAD:
		if (ui_items_next_unread(ui, a == CONF_ACT_NEXT_UNREAD ? 1 : -1) ||
		    (a == CONF_ACT_NEXT_UNREAD && ui_items_next_feed(ui)))
			ui_sel_open_item(ui, ui->sel.item_id);
		else
			ui_message(ui, "No more unread articles.");
		return true;
	case CONF_ACT_TOGGLE_READ:
		p->it.read = !p->it.read;
		if (store_set_read(ui->st, p->id, p->it.read) != STORE_OK)
			ui_error(ui, "cache: %s", store_errmsg(ui->st));
		else
			ui_message(ui, "Marked %s.", p->it.read ? "read" : "unread");
		ui->items.stale = true;
		ui->feeds_stale = true;
		return true;
	case CONF_ACT_READABLE:
		toggle_readable(ui);
		return true;
	case CONF_ACT_OPEN_LINK:
		if (p->doc.nlinks == 0) {
			ui_message(ui, "This article has no links.");
			return true;
		}
		ui_prompt_line(ui, "Open link number: ", NULL, open_link_number,
		    NULL);
		return true;
	default:
		return false;
	}
}

static void
pager_title(struct ui *ui, char *buf, size_t size)
{
	struct ui_pager *p = &ui->pager;
	size_t n = total_lines(p), h = ui->rows > 3 ? (size_t)ui->rows - 2 : 1;
	char *t = ui_clean(p->loaded ? p->it.item.title : "");
	unsigned pct = n <= h ? 100 : (unsigned)((p->top + h) * 100 / n);

	snprintf(buf, size, "Article %u%% - %s", pct > 100 ? 100 : pct, t);
	free(t);
}

const struct screen ui_pager_screen = {
	"pager", pager_layout, pager_draw, pager_action, NULL, pager_title
};
