/*
 * actions.c: what the reader can do from any screen: refresh (one feed or
 * all, in the background on the shared fetch handle), rate, search, open
 * in the browser, add a feed (with discovery from a site's page), delete
 * or edit a feed, load the bundled sample.
 */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "discover.h"
#include "feed.h"
#include "fetch.h"
#include "url.h"
#include "refresh.h"
#include "subs.h"
#include "sync.h"
#include "text.h"
#include "ui_private.h"



/* ---- what the action applies to ----------------------------------------- */

static int64_t
current_item(struct ui *ui)
{
	const struct store_headline *h;

	if (ui->screen == UI_PAGER && ui->pager.loaded)
		return ui->pager.id;
	if (ui->screen == UI_ITEMS &&
	    (h = ui_items_row(ui, ui->sel.item.cur)) != NULL)
		return h->id;
	return 0;
}

static const char *
current_link(struct ui *ui)
{
	const struct store_headline *h;

	if (ui->screen == UI_PAGER && ui->pager.loaded)
		return ui->pager.it.item.link;
	if (ui->screen == UI_ITEMS &&
	    (h = ui_items_row(ui, ui->sel.item.cur)) != NULL)
		return h->link;
	return NULL;
}

static struct ui_feed_row *
row_by_id(struct ui *ui, int64_t id)
{
	for (size_t i = UI_FIRST_FEED; i < ui->nfeeds; i++)
		if (ui->feeds[i].id == id && id != 0)
			return &ui->feeds[i];
	return NULL;
}

/* The subscription the action is about: the feed under the cursor, the
 * feed of the list, or the feed of the article. NULL for "all". */
static struct ui_feed_row *
current_feed(struct ui *ui)
{
	const struct store_headline *h;
	struct ui_feed_row *r;

	switch (ui->screen) {
	case UI_FEEDS:
		r = ui_feeds_current(ui);
		return r != NULL && r->url != NULL ? r : NULL;
	case UI_ITEMS:
		if (ui->items.q.feed_id != 0)
			return row_by_id(ui, ui->items.q.feed_id);
		h = ui_items_row(ui, ui->sel.item.cur);
		return h != NULL ? row_by_id(ui, h->feed_id) : NULL;
	case UI_PAGER:
		return ui->pager.loaded ? row_by_id(ui, ui->pager.it.feed_id) : NULL;
	case UI_WELCOME:
	case UI_HELP:
	case UI_PICK:
	case UI_ERRORS:
	case UI_TEXT:
	case UI_NSCREENS:
		break;
	}
	return NULL;
}

/* ---- refresh ------------------------------------------------------------ */

static void
on_progress(const struct refresh_progress *p, void *arg)
{
	struct ui *ui = arg;

	ui->refresh_done_n = p->done;
	ui->refresh_total = p->total;
	if (p->outcome == REFRESH_FAILED)
		ui->refresh_failed++;
	ui->feeds_stale = true;
	if (p->outcome == REFRESH_UPDATED && p->nnew > 0)
		ui->items.stale = true;
	if (p->moved_to != NULL && ui->nmoved < UI_MAX_MOVED &&
	    subs_find(ui->subs, p->moved_to) == NULL) {
		ui->moved = xreallocarray(ui->moved, ui->nmoved + 1,
		    sizeof(*ui->moved));
		ui->moved[ui->nmoved++] = xasprintf("%s\n%s", p->url, p->moved_to);
	}
	ui->dirty = true;
}

static void
moved_answer(struct ui *ui, const char *answer, const char *arg)
{
	const char *nl = strchr(arg, '\n');
	char *url;
	enum subs_result sr;
	enum store_result r;

	if (answer == NULL || strcmp(answer, "y") != 0 || nl == NULL) {
		ui_message(ui, "Kept the old address.");
		return;
	}
	url = xstrndup(arg, (size_t)(nl - arg));
	if ((sr = subs_rename(ui->subs, url, nl + 1)) != SUBS_OK)
		ui_error(ui, "Cannot update %s: %s", url, subs_strerror(sr));
	else if (subs_save(ui->subs, ui->opt->urls) != SUBS_OK)
		ui_error(ui, "Cannot save %s: %s", ui->opt->urls, strerror(errno));
	else if ((r = store_rename_feed(ui->st, url, nl + 1)) != STORE_OK &&
	    r != STORE_NOT_FOUND)
		ui_error(ui, "cache: %s", store_errmsg(ui->st));
	else
		ui_message(ui, "Subscription updated.");
	free(url);
	ui->feeds_stale = true;
}

void
ui_ask_moved(struct ui *ui)
{
	char *pair, *label;
	const char *nl;

	if (ui->nmoved == 0 || ui->prompt.active)
		return;
	pair = ui->moved[0];
	memmove(ui->moved, ui->moved + 1, --ui->nmoved * sizeof(*ui->moved));
	nl = strchr(pair, '\n');
	label = xasprintf("%.*s moved permanently to %s: update the "
	    "subscription? (y/n) ", (int)(nl - pair), pair, nl + 1);
	ui_prompt_yes_no(ui, label, moved_answer, pair);
	free(label);
}

static void
on_sync_progress(const struct sync_progress *p, void *arg)
{
	struct ui *ui = arg;

	snprintf(ui->sync_what, sizeof(ui->sync_what), "%s", p->what);
	ui->dirty = true;
}

/* The password for a sync: the one read before the screen started (a
 * password command may need the terminal, and must not freeze the loop
 * later), kept for the session and wiped at exit; read again here only
 * when that failed, since the user asked for this sync. */
bool
ui_sync_password(struct ui *ui, char **why)
{
	*why = NULL;
	if (ui->sync_password == NULL &&
	    !conf_sync_password(&ui->conf, &ui->sync_password, why))
		return false;
	return true;
}

/* Start a sync in the event loop (loop.c moves it on and reports), first
 * making edit e on the server when e is not NULL (a, d, t with sync; done
 * names it for the message at the end, sanitised). false when no sync
 * started. */
static bool
sync_begin_edit(struct ui *ui, const struct sync_edit *e, const char *done)
{
	struct sync_config sc;
	char *why = NULL;

	if (ui->sync != NULL) {
		ui_message(ui, "A sync is running already: try again when it is "
		    "done.");
		return false;
	}
	if (!sync_config_from(&ui->conf, &sc, &why) ||
	    !ui_sync_password(ui, &why)) {
		free(ui->sync_error);
		ui->sync_error = ui_clean(why != NULL ? why : "cannot sync");
		ui_error(ui, "Sync: %s", ui->sync_error);
	} else {
		sc.password = ui->sync_password;
		ui->sync_what[0] = '\0';
		ui->sync = e != NULL ?
		    sync_start_edit(ui->st, &sc, ui_fetch(ui), e,
		    on_sync_progress, ui) :
		    sync_start(ui->st, &sc, ui_fetch(ui), on_sync_progress, ui);
		free(ui->sync_edit_done);
		ui->sync_edit_done = done != NULL ? xstrdup(done) : NULL;
	}
	free(why);
	ui->dirty = true;
	return ui->sync != NULL;
}

static void
sync_begin(struct ui *ui)
{
	(void)sync_begin_edit(ui, NULL, NULL);
}

void
ui_refresh_start(struct ui *ui, const char *url)
{
	size_t n = subs_count(ui->subs), k = 0;
	const char **urls;

	if (ui_sync_on(ui)) {
		sync_begin(ui);
		return;
	}
	if (ui->refresh != NULL) {
		ui_message(ui, "A refresh is running already.");
		return;
	}
	if (n == 0) {
		ui_message(ui, "No subscriptions to refresh.");
		return;
	}
	urls = xcalloc(n, sizeof(*urls));
	for (size_t i = 0; i < n; i++) {
		const char *u = subs_get(ui->subs, i)->url;
		if (url == NULL || strcmp(u, url) == 0)
			urls[k++] = u;
	}
	if (k > 0) {
		ui->refresh_done_n = ui->refresh_failed = 0;
		ui->refresh_total = k;
		ui->refresh_all = url == NULL;
		ui->refresh = refresh_start(ui->st, ui_fetch(ui), urls, k,
		    on_progress, ui);
	}
	free(urls);
	ui->dirty = true;
}

/* ---- adding a feed ------------------------------------------------------- */

static bool
subscribed(const char *url, void *arg)
{
	return ui_subscribed(arg, url);
}

/* With sync, a subscribes on the server (the urls file is left alone):
 * the first tag typed is the folder, the sync after the edit brings the
 * feed and its items. */
static bool
add_on_server(struct ui *ui, const struct discover_candidate *c)
{
	struct sync_edit e = { .kind = SYNC_EDIT_SUBSCRIBE, .url = c->url };
	char *title = ui_clean(c->title != NULL ? c->title : c->url);
	char *done = xasprintf("Subscribed to %s on the server", title);
	bool ok;

	if (ui->nadd_tags > 0)
		e.add_folder = ui->add_tags[0];
	ok = sync_begin_edit(ui, &e, done);
	if (ok)
		ui_message(ui, "Subscribing to %s on the server%s ...", title,
		    ui->nadd_tags > 1 ? " (in the first folder typed only)" : "");
	free(done);
	free(title);
	return ok;
}

/* Subscribe candidate c with the tags typed, and keep the items it
 * brought; the feed list then selects it. false when nothing was added. */
static bool
add_candidate(struct ui *ui, struct discover_candidate *c)
{
	enum subs_result sr;
	long long nnew = 0;
	char *title;

	if (!c->ok) {
		ui_error(ui, "Cannot add %s: %s", c->url, c->error != NULL ?
		    c->error : "not a feed");
		return false;
	}
	if (subscribed(c->url, ui)) {
		ui_error(ui, "Already subscribed to %s", c->url);
		return false;
	}
	if (ui_sync_on(ui))
		return add_on_server(ui, c);
	if ((sr = subs_add(ui->subs, c->url, (const char *const *)ui->add_tags,
	    ui->nadd_tags, NULL)) != SUBS_OK) {
		ui_error(ui, "Cannot add %s: %s", c->url, subs_strerror(sr));
		return false;
	}
	if ((sr = subs_save(ui->subs, ui->opt->urls)) != SUBS_OK) {
		ui_error(ui, "Cannot save %s: %s", ui->opt->urls, subs_strerror(sr));
		(void)subs_remove(ui->subs, c->url);
		return false;
	}
	if (store_save_feed(ui->st, c->url, c->feed, c->etag, c->last_modified,
	    (int64_t)time(NULL), &nnew) != STORE_OK)
		ui_error(ui, "cache: %s", store_errmsg(ui->st));
	title = ui_clean(c->title != NULL ? c->title : c->url);
	if (c->moved_from != NULL)
		ui_message(ui, "Moved permanently: added %s at its new address "
		    "%s (%lld article%s), not %s.", title, c->url, nnew,
		    nnew == 1 ? "" : "s", c->moved_from);
	else
		ui_message(ui, "Added %s: %lld article%s.", title, nnew,
		    nnew == 1 ? "" : "s");
	free(title);
	ui_feeds_load(ui);
	/* Select the new feed: it is the last subscription. */
	if (ui->tag_filter == NULL && ui->nshown > 0)
		ui->sel.feed.cur = ui->nshown - 1;
	return true;
}

/* What the discovery found: a page's <link>ed feeds go to the pick list
 * (unless every one that works is subscribed already); the input itself
 * or a common path of its site is subscribed at once. */
static void
add_found(struct ui *ui, struct discover_outcome *o)
{
	long pick = discover_pick(o, subscribed, ui);
	bool named = false;

	for (size_t i = 0; i < o->n; i++)
		named = named || o->v[i].via == DISCOVER_VIA_LINK;
	if (pick < 0) {
		long first = discover_pick(o, NULL, NULL);
		if (first >= 0)
			ui_error(ui, "Already subscribed to %s", o->v[first].url);
		else if (o->n > 0)
			ui_error(ui, "Cannot add %s: %s", o->v[0].url,
			    o->v[0].error != NULL ? o->v[0].error : "not a feed");
		else
			ui_error(ui, "Cannot add %s: %s", o->url,
			    discover_strerror(o->status));
		return;
	}
	if (!named) {
		if (add_candidate(ui, &o->v[pick]) && ui->screen == UI_WELCOME)
			ui_switch(ui, UI_FEEDS);
		return;
	}
	ui->pick.cur = (size_t)pick;
	ui->pick.top = 0;
	ui->pick_from = ui->screen;
	ui_switch(ui, UI_PICK);
	ui_message(ui, "Enter: subscribe to the feed selected, q: add none.");
}

void
ui_add_check(struct ui *ui)
{
	struct discover_outcome *o;

	if (ui->discover == NULL || ui->screen == UI_PICK ||
	    !discover_done(ui->discover))
		return;
	o = discover_outcome(ui->discover);
	switch (o->status) {
	case DISCOVER_FETCH_FAILED:
		ui_error(ui, "Cannot add %s: %s", o->url, o->error != NULL ?
		    o->error : discover_strerror(o->status));
		break;
	case DISCOVER_NO_FEED:
		ui_error(ui, "No feed found at %s (also tried /feed, /rss.xml...)",
		    o->url);
		break;
	case DISCOVER_OK:
	case DISCOVER_ALL_FAILED:
		add_found(ui, o);
		if (ui->screen == UI_PICK)
			return;	/* the discovery stays for the pick list */
		break;
	}
	ui_add_clear(ui);
}

/* Enter on the pick list: subscribe the feed under the cursor. */
static void
add_picked(struct ui *ui)
{
	struct discover_outcome *o = discover_outcome(ui->discover);

	if (ui->pick.cur >= o->n || !add_candidate(ui, &o->v[ui->pick.cur]))
		return;
	ui_add_clear(ui);
	ui_switch(ui, UI_FEEDS);
}

/* "URL [TAG...]" as typed (tags as the t prompt writes them). A path is a
 * file; a URL without its scheme gets https://. */
static void
add_answer(struct ui *ui, const char *answer, const char *arg)
{
	char **words, *url;
	size_t n;

	(void)arg;
	if (answer == NULL || (n = ui_tags_parse(answer, &words)) == 0)
		return;
	if (url_is_path(words[0]))
		url = url_from_path(words[0]);
	else if (strstr(words[0], "://") != NULL)
		url = xstrdup(words[0]);
	else
		url = xasprintf("https://%s", words[0]);
	if (url == NULL)
		ui_error(ui, "Cannot make a file URL of %s", words[0]);
	else if (subscribed(url, ui))
		ui_error(ui, "Already subscribed to %s", url);
	else if (ui->discover != NULL)
		ui_error(ui, "Still adding %s", discover_outcome(ui->discover)->url);
	else {
		ui_message(ui, "Fetching %s ...", url);
		ui->discover = discover_start(ui_fetch(ui), url, 0);
		/* The tags after the URL are handed over to the add. */
		ui->nadd_tags = n - 1;
		ui->add_tags = xcalloc(n, sizeof(*ui->add_tags));
		for (size_t i = 1; i < n; i++) {
			ui->add_tags[i - 1] = words[i];
			words[i] = NULL;
		}
	}
	free(url);
	ui_tags_free(words, n);
}

static void
add_prompt(struct ui *ui)
{
	ui_prompt_line(ui, "Add feed (URL): ", NULL,
	    add_answer, NULL);
}

/* ---- the sample ------------------------------------------------------------ */


static void
load_sample(struct ui *ui)
{
	const char *dir = ui_sample_dir();
	size_t added = 0;

	if (ui_sync_on(ui)) {
		/* the sample's lines would go to the urls file, unseen */
		ui_error(ui, "With a sync server the feed list is the server's: "
		    "add feeds with a.");
		return;
	}
	if (dir == NULL) {
		ui_error(ui, "The NewsFactor sample is not installed (%s).",
		    TIDINGS_DATADIR "/newsfactor");
		return;
	}
	for (size_t i = 0; i < UI_SAMPLE_NFEEDS; i++) {
		char *path = xasprintf("%s/%s", dir, ui_sample_feeds[i]);
		char *url = url_from_path(path);
		if (url != NULL &&
		    subs_add(ui->subs, url, NULL, 0, NULL) == SUBS_OK) {
			(void)store_add_feed(ui->st, url, (int64_t)time(NULL));
			added++;
		}
		free(url);
		free(path);
	}
	if (added == 0) {
		ui_message(ui, "The sample feeds are subscribed already.");
		return;
	}
	if (subs_save(ui->subs, ui->opt->urls) != SUBS_OK) {
		ui_error(ui, "Cannot save %s: %s", ui->opt->urls, strerror(errno));
		return;
	}
	ui_feeds_load(ui);
	ui_switch(ui, UI_FEEDS);
	ui_refresh_start(ui, NULL);
}

/* ---- deleting and editing a feed ------------------------------------------- */

/* The feed list's title of url (sanitised), else url itself. */
static const char *
row_title(const struct ui *ui, const char *url)
{
	const struct ui_feed_row *r = ui_feed_row_of(ui, url);

	return r != NULL ? r->title : url;
}

/* With sync, d unsubscribes on the server; the sync after it drops the
 * feed from the cache. */
static void
delete_on_server(struct ui *ui, const char *url)
{
	struct sync_edit e = { .kind = SYNC_EDIT_UNSUBSCRIBE, .url = url };
	char *title = ui_clean(row_title(ui, url));
	char *done = xasprintf("Unsubscribed from %s on the server", title);

	if (sync_begin_edit(ui, &e, done))
		ui_message(ui, "Unsubscribing from %s on the server ...", title);
	free(done);
	free(title);
}

static void
delete_answer(struct ui *ui, const char *answer, const char *url)
{
	enum subs_result sr;
	enum store_result r;

	if (answer == NULL || strcmp(answer, "y") != 0) {
		ui_message(ui, "Kept.");
		return;
	}
	if (ui_sync_on(ui)) {
		delete_on_server(ui, url);
		return;
	}
	if ((sr = subs_remove(ui->subs, url)) != SUBS_OK) {
		ui_error(ui, "Cannot delete: %s", subs_strerror(sr));
		return;
	}
	if (subs_save(ui->subs, ui->opt->urls) != SUBS_OK) {
		ui_error(ui, "Cannot save %s: %s", ui->opt->urls, strerror(errno));
		return;
	}
	if ((r = store_delete_feed(ui->st, url)) != STORE_OK && r != STORE_NOT_FOUND)
		ui_error(ui, "cache: %s", store_errmsg(ui->st));
	else
		ui_message(ui, "Deleted.");
	ui_feeds_load(ui);
	ui_switch(ui, subs_count(ui->subs) == 0 ? UI_WELCOME : UI_FEEDS);
}

static void
delete_prompt(struct ui *ui)
{
	struct ui_feed_row *r = current_feed(ui);
	char label[300];

	if (r == NULL) {
		ui_message(ui, "Select a feed to delete.");
		return;
	}
	snprintf(label, sizeof(label), "Delete %.200s and its %lld articles? (y/n) ",
	    r->title, r->nitems);
	ui_prompt_yes_no(ui, label, delete_answer, xstrdup(r->url));
}

/* Whether the sanitised form of name is one of the n tags. */
static bool
tag_listed(const char *name, char *const *tags, size_t n)
{
	char *clean = ui_clean(name);
	bool found = false;

	for (size_t i = 0; i < n && !found; i++)
		found = strcmp(clean, tags[i]) == 0;
	free(clean);
	return found;
}

/* With sync, t renames on the server (title NULL: unchanged) and moves the
 * feed between folders: the tags typed against the server's folders (as
 * last synced), one folder added and one removed per edit, as the API's
 * edit takes them. */
static void
edit_on_server(struct ui *ui, const char *url, const char *title,
    char *const *tags, size_t ntags)
{
	struct sync_edit e = { .kind = SYNC_EDIT_RENAME, .url = url,
	    .title = title };
	struct store_feed f;
	size_t nadd = 0, nremove = 0;
	char *name, *done;

	if (store_get_feed(ui->st, url, &f) != STORE_OK) {
		ui_error(ui, "cache: %s", store_errmsg(ui->st));
		return;
	}
	for (size_t i = 0; i < f.nfolders; i++)
		if (!tag_listed(f.folders[i], tags, ntags) && nremove++ == 0)
			e.remove_folder = f.folders[i];
	for (size_t i = 0; i < ntags; i++)
		if (!tag_listed(tags[i], f.folders, f.nfolders) && nadd++ == 0)
			e.add_folder = tags[i];
	name = ui_clean(row_title(ui, url));
	if (nadd > 1 || nremove > 1)
		ui_error(ui, "With sync, move %s to one folder at a time (one "
		    "added, one removed).", name);
	else if (e.title == NULL && nadd == 0 && nremove == 0)
		ui_message(ui, "Nothing to change.");
	else {
		done = xasprintf("Edited %s on the server", name);
		if (sync_begin_edit(ui, &e, done))
			ui_message(ui, "Editing %s on the server ...", name);
		free(done);
	}
	free(name);
	store_feed_clear(&f);
}

/* The edit is two prompts: the title, then the tags (a list in
 * ui_tags_format's form, so "two words" stays one tag). arg carries
 * "URL\nTITLE" between them. */
static void
edit_tags_answer(struct ui *ui, const char *answer, const char *arg)
{
	const char *nl = strchr(arg, '\n');
	char *url, *title, **tags;
	size_t ntags;
	enum subs_result sr;

	if (answer == NULL || nl == NULL)
		return;
	url = xstrndup(arg, (size_t)(nl - arg));
	title = xstrdup(nl + 1);
	ntags = ui_tags_parse(answer, &tags);
	if (ui_sync_on(ui)) {
		/* The title as the list showed it, or blank: unchanged. */
		edit_on_server(ui, url, title[0] != '\0' &&
		    strcmp(title, row_title(ui, url)) != 0 ? title : NULL,
		    tags, ntags);
		ui_tags_free(tags, ntags);
		free(title);
		free(url);
		return;
	}
	/* In place: the line keeps its position in the urls file. */
	if ((sr = subs_set_title(ui->subs, url,
	    title[0] != '\0' ? title : NULL)) != SUBS_OK ||
	    (sr = subs_set_tags(ui->subs, url, (const char *const *)tags,
	    ntags)) != SUBS_OK)
		ui_error(ui, "Cannot edit: %s", subs_strerror(sr));
	else if ((sr = subs_save(ui->subs, ui->opt->urls)) != SUBS_OK)
		ui_error(ui, "Cannot save %s: %s", ui->opt->urls, subs_strerror(sr));
	else
		ui_message(ui, "Saved.");
	ui_tags_free(tags, ntags);
	free(title);
	free(url);
	ui_feeds_load(ui);
}

/* The tags the t prompt starts from: the urls file's, or with sync the
 * list's (the server's folders). NULL when url is in neither. */
static char *
edit_old_tags(struct ui *ui, const char *url)
{
	const struct subs_feed *sf;
	const struct ui_feed_row *r;

	if (ui_sync_on(ui))
		return (r = ui_feed_row_of(ui, url)) != NULL ?
		    xstrdup(r->tags) : NULL;
	if ((sf = subs_find(ui->subs, url)) == NULL)
		return NULL;
	return ui_tags_format((const char *const *)sf->tags, sf->ntags);
}

static void
edit_title_answer(struct ui *ui, const char *answer, const char *url)
{
	char *tags;

	if (answer == NULL || (tags = edit_old_tags(ui, url)) == NULL)
		return;
	char *clean = ui_clean(answer);
	ui_prompt_line(ui, "Tags (blank-separated): ", tags,
	    edit_tags_answer, xasprintf("%s\n%s", url, clean));
	free(clean);
	free(tags);
}

static void
edit_prompt(struct ui *ui)
{
	struct ui_feed_row *r = current_feed(ui);
	const struct subs_feed *sf;

	if (r != NULL && ui_sync_on(ui)) {
		ui_prompt_line(ui, "Title on the server: ", r->title,
		    edit_title_answer, xstrdup(r->url));
		return;
	}
	if (r == NULL || (sf = subs_find(ui->subs, r->url)) == NULL) {
		ui_message(ui, "Select a feed to edit.");
		return;
	}
	ui_prompt_line(ui, "Title (empty: the feed's own): ", sf->title,
	    edit_title_answer, xstrdup(r->url));
}

/* ---- mark all read, and its undo ------------------------------------------ */

/* Mark the articles of feed_id read, or (feed_id 0) of the nids feeds
 * ids when ids is not NULL, else of every feed; *n is how many changed. */
static enum store_result
mark_feeds(struct ui *ui, int64_t feed_id, const int64_t *ids, size_t nids,
    long long *n)
{
	enum store_result r = STORE_OK;
	long long one;

	if (feed_id != 0 || ids == NULL)
		return store_mark_all_read(ui->st, feed_id, n);
	*n = 0;
	for (size_t i = 0; i < nids && r == STORE_OK; i++) {
		r = store_mark_all_read(ui->st, ids[i], &one);
		*n += r == STORE_OK ? one : 0;
	}
	return r;
}

/* Mark every article of feed_id (0: all, under the tag filter) read,
 * keeping the ids of the unread ones so that A pressed again puts them
 * back. */
static void
mark_all(struct ui *ui, int64_t feed_id)
{
	struct store_query q = { .feed_id = feed_id, .unread_only = true,
	    .limit = UI_UNDO_MAX };
	struct store_headlines h = { NULL, 0 };
	int64_t *ids = NULL;
	long long n = 0;

	ui_undo_clear(ui);
	if (feed_id == 0 && ui->tag_filter != NULL) {
		q.nfeed_ids = ui_feeds_tagged_ids(ui, ui->tag_filter, &ids);
		q.feed_ids = ids;
	}
	if (store_list_items(ui->st, &q, &h) != STORE_OK ||
	    mark_feeds(ui, feed_id, ids, q.nfeed_ids, &n) != STORE_OK) {
		ui_error(ui, "cache: %s", store_errmsg(ui->st));
		store_headlines_free(&h);
		free(ids);
		ui->items.stale = true;
		ui->feeds_stale = true;
		return;
	}
	free(ids);
	if (n > 0 && (size_t)n <= h.n) {
		ui->undo = xcalloc(h.n, sizeof(*ui->undo));
		for (size_t i = 0; i < h.n; i++)
			ui->undo[i] = h.v[i].id;
		ui->nundo = h.n;
	}
	store_headlines_free(&h);
	if (ui->nundo > 0) {
		char undo[64];
		ui_keys_for(ui, CONF_ACT_UNDO, undo, sizeof(undo));
		undo[strcspn(undo, ",")] = '\0';
		ui_message(ui, "%lld article%s marked read. %s: undo.", n,
		    n == 1 ? "" : "s", undo[0] != '\0' ? undo : "A again");
	} else
		ui_message(ui, "%lld article%s marked read.", n, n == 1 ? "" : "s");
	ui->items.stale = true;
	ui->feeds_stale = true;
}

static void
mark_all_answer(struct ui *ui, const char *answer, const char *arg)
{
	(void)arg;
	if (answer != NULL && strcmp(answer, "y") == 0)
		mark_all(ui, 0);
	else
		ui_message(ui, "Nothing marked.");
}

/* U (or A) right after A: the articles it marked are unread again. */
static void
undo_mark_all(struct ui *ui)
{
	size_t n = ui->nundo;

	if (n == 0) {
		ui_message(ui, "Nothing to undo.");
		return;
	}

	for (size_t i = 0; i < ui->nundo; i++)
		if (store_set_read(ui->st, ui->undo[i], false) != STORE_OK) {
			ui_error(ui, "cache: %s", store_errmsg(ui->st));
			break;
		}
	ui_undo_clear(ui);
	ui_message(ui, "Undone: %zu article%s unread again.", n, n == 1 ? "" : "s");
	ui->items.stale = true;
	ui->feeds_stale = true;
}

/* A: the feed under the cursor (feed list) or the list's feed; "All
 * articles" asks first when it touches more than one feed. */
static void
mark_all_read(struct ui *ui)
{
	struct ui_feed_row *r;
	int64_t feed_id;
	size_t feeds = 0;

	if (ui->nundo > 0) {
		undo_mark_all(ui);
		return;
	}
	if ((ui->screen == UI_FEEDS &&
	    ui_feeds_current(ui) == &ui->feeds[UI_ROW_STARRED]) ||
	    (ui->screen == UI_ITEMS && ui->items.q.starred_only)) {
		ui_message(ui, "Not in Starred: open a feed or All articles.");
		return;
	}
	if (ui->screen == UI_FEEDS) {
		if ((r = ui_feeds_current(ui)) == NULL)
			return;
		feed_id = r->url != NULL ? r->id : 0;
		if (r->url != NULL && feed_id == 0) {
			ui_message(ui, "No articles yet.");
			return;
		}
	} else if (ui->screen == UI_ITEMS) {
		if (ui->items.q.search != NULL) {
			ui_message(ui, "Not in search results: open a feed.");
			return;
		}
		feed_id = ui->items.q.feed_id;
	} else {
		ui_message(ui, "Not here: %s.", conf_action_name(CONF_ACT_MARK_ALL_READ));
		return;
	}
	for (size_t i = UI_FIRST_FEED; feed_id == 0 && i < ui->nfeeds; i++)
		feeds += ui->feeds[i].nunread > 0 && ui_feed_tagged(ui, i);
	if (feeds > 1) {
		char label[128];
		snprintf(label, sizeof(label), "Mark %lld articles of %zu feeds "
		    "read? (y/n) ", ui->feeds[0].nunread, feeds);
		ui_prompt_yes_no(ui, label, mark_all_answer, NULL);
		return;
	}
	mark_all(ui, feed_id);
}

/* ---- rating, search, browser ------------------------------------------------ */

static void
rate(struct ui *ui, int64_t id, int rating)
{
	if (id == 0) {
		ui_message(ui, "Select an article to rate.");
		return;
	}
	if (store_set_rating(ui->st, id, rating) != STORE_OK) {
		ui_error(ui, "cache: %s", store_errmsg(ui->st));
		return;
	}
	if (rating == 0)
		ui_message(ui, "Rating cleared.");
	else
		ui_message(ui, "Rated %d of 5.", rating);
	ui->items.stale = true;
	ui->feeds_stale = true;
	if (ui->pager.loaded && ui->pager.id == id) {
		ui->pager.it.user_rating = rating;
		ui->pager.width = 0;	/* render the header again */
	}
}

/* *: star the article under the cursor (or shown), or unstar it. */
static void
toggle_star(struct ui *ui)
{
	const struct store_headline *h = NULL;
	int64_t id = current_item(ui);
	bool starred;

	if (id == 0) {
		ui_message(ui, "Select an article to star.");
		return;
	}
	if (ui->screen == UI_PAGER)
		starred = !ui->pager.it.starred;
	else if ((h = ui_items_row(ui, ui->sel.item.cur)) != NULL)
		starred = !h->starred;
	else
		return;
	if (store_set_starred(ui->st, id, starred) != STORE_OK) {
		ui_error(ui, "cache: %s", store_errmsg(ui->st));
		return;
	}
	ui_message(ui, starred ? "Starred." : "Star removed.");
	ui->items.stale = true;
	ui->feeds_stale = true;
	if (ui->pager.loaded && ui->pager.id == id) {
		ui->pager.it.starred = starred;
		ui->pager.width = 0;	/* render the header again */
	}
}

static void
search_answer(struct ui *ui, const char *answer, const char *arg)
{
	char *q;

	if (answer == NULL)
		return;
	q = ui_clean(answer);
	if (q[0] != '\0')
		ui_items_open(ui, 0, q, q);
	free(q);
}

/* ---- E: a text read whole ---------------------------------------------------- */

/* E where no feed's own error is meant: on "All articles" every feed whose
 * last refresh failed, with its reason; elsewhere the last status message
 * whole (the status line cuts a long one with "…"). */
static void
show_whole(struct ui *ui)
{
	char *list = xstrdup(""), *next;
	size_t failed = 0;

	if (ui->screen != UI_FEEDS) {
		if (ui->last_message[0] == '\0')
			ui_message(ui, "No message to show.");
		else
			ui_text_show(ui, "The last message", ui->last_message);
		free(list);
		return;
	}
	if (ui->sync_error != NULL) {
		next = xasprintf("The last sync with the server: %s\n",
		    ui->sync_error);
		free(list);
		list = next;
	}
	for (size_t i = UI_FIRST_FEED; i < ui->nfeeds; i++) {
		const struct ui_feed_row *r = &ui->feeds[i];
		if (r->error == NULL || !ui_feed_tagged(ui, i))
			continue;
		next = xasprintf("%s%s: %s\n", list, r->title, r->error);
		free(list);
		list = next;
		failed++;
	}
	if (failed == 0 && ui->sync_error == NULL)
		ui_message(ui, "No feed failed in its last refresh.");
	else {
		char title[64];
		if (failed > 0)
			snprintf(title, sizeof(title), "%zu feed%s failed",
			    failed, failed == 1 ? "" : "s");
		else
			snprintf(title, sizeof(title), "The sync failed");
		ui_text_show(ui, title, list);
	}
	free(list);
}

/* ---- the dispatcher ------------------------------------------------------------ */

bool
ui_common_action(struct ui *ui, enum conf_action a)
{
	struct ui_feed_row *r;

	switch (a) {
	case CONF_ACT_QUIT:
		ui->quit = true;
		return true;
	case CONF_ACT_HELP:
		if (ui->screen != UI_HELP) {
			ui->help_from = ui->screen;
			ui->help.top = 0;
			ui_switch(ui, UI_HELP);
		}
		return true;
	case CONF_ACT_SHOW_ERROR:
		show_whole(ui);
		return true;
	case CONF_ACT_REDRAW:
		ui->redraw = true;	/* the loop reads the size and lays out */
		return true;
	case CONF_ACT_REFRESH:
		r = current_feed(ui);
		ui_refresh_start(ui, r != NULL ? r->url : NULL);
		return true;
	case CONF_ACT_REFRESH_ALL:
		ui_refresh_start(ui, NULL);
		return true;
	case CONF_ACT_RATE_1:
	case CONF_ACT_RATE_2:
	case CONF_ACT_RATE_3:
	case CONF_ACT_RATE_4:
	case CONF_ACT_RATE_5:
		rate(ui, current_item(ui), (int)(a - CONF_ACT_RATE_1) + 1);
		return true;
	case CONF_ACT_CLEAR_RATING:
		rate(ui, current_item(ui), 0);
		return true;
	case CONF_ACT_TOGGLE_STAR:
		toggle_star(ui);
		return true;
	case CONF_ACT_SEARCH:
		ui_prompt_line(ui, "Search: ", NULL, search_answer, NULL);
		return true;
	case CONF_ACT_OPEN_BROWSER:
		ui_open_url(ui, current_link(ui));
		return true;
	case CONF_ACT_ADD_FEED:
	case CONF_ACT_DELETE_FEED:
	case CONF_ACT_EDIT_FEED:
		/* With sync these edit the server's list (the urls file
		 * is left alone: switching sync off returns to it). */
		if (a == CONF_ACT_ADD_FEED)
			add_prompt(ui);
		else if (a == CONF_ACT_DELETE_FEED)
			delete_prompt(ui);
		else
			edit_prompt(ui);
		return true;
	case CONF_ACT_LOAD_SAMPLE:
		load_sample(ui);
		return true;
	case CONF_ACT_MARK_ALL_READ:
		mark_all_read(ui);
		return true;
	case CONF_ACT_UNDO:
		undo_mark_all(ui);
		return true;
	case CONF_ACT_OPEN:
		/* Enter on the welcome screen loads the sample; on the pick
		 * list it subscribes the feed picked. */
		if (ui->screen == UI_WELCOME)
			load_sample(ui);
		else if (ui->screen == UI_PICK)
			add_picked(ui);
		else
			return false;
		return true;
	case CONF_ACT_TOGGLE_UNREAD_ONLY:
		ui->show_read = !ui->show_read;
		ui->items.stale = true;
		ui_message(ui, ui->show_read ? "Lists show every article." :
		    "Lists show unread articles only.");
		return true;
	default:
		return false;
	}
}
