/*
 * core.c: what every part of the reader leans on, below the screens and
 * the actions: the status line's message, switching screens, the fetch
 * handle (started on first use), the clock, the state file that keeps
 * the sort order between runs, and where the bundled sample lives. It calls nothing else in src/ui/ (a
 * screen's layout only through its struct screen).
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fetch.h"
#include "text.h"
#include "url.h"
#include "ui_private.h"

struct fetch *
ui_fetch(struct ui *ui)
{
	struct fetch_limits limits;

	if (ui->fetch == NULL) {
		fetch_default_limits(&limits);
		limits.max_parallel = ui->conf.max_parallel;
		ui->fetch = fetch_new(&limits);
	}
	return ui->fetch;
}

uint64_t
ui_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static void __attribute__((format(printf, 3, 0)))
set_message(struct ui *ui, bool error, const char *fmt, va_list ap)
{
	char raw[sizeof(ui->message)], *clean;

	vsnprintf(raw, sizeof(raw), fmt, ap);	/* a long message is cut */
	clean = text_sanitize_line(raw);
	snprintf(ui->message, sizeof(ui->message), "%s", clean);
	snprintf(ui->last_message, sizeof(ui->last_message), "%s", clean);
	free(clean);
	ui->message_error = error;
	ui->dirty = true;
}

void
ui_message(struct ui *ui, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set_message(ui, false, fmt, ap);
	va_end(ap);
}

void
ui_error(struct ui *ui, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set_message(ui, true, fmt, ap);
	va_end(ap);
}

void
ui_text_show(struct ui *ui, const char *title, const char *body)
{
	char *copy = xstrdup(body), *save = NULL;
	size_t len = 0;

	free(ui->text.title);
	free(ui->text.body);
	ui->text.title = text_sanitize_line(title);
	ui->text.body = xstrdup("");
	for (char *l = strtok_r(copy, "\n", &save); l != NULL;
	    l = strtok_r(NULL, "\n", &save)) {
		char *clean = text_sanitize_line(l);
		size_t n = strlen(clean);

		ui->text.body = xrealloc(ui->text.body, len + n + 2);
		memcpy(ui->text.body + len, clean, n);
		len += n;
		ui->text.body[len++] = '\n';
		ui->text.body[len] = '\0';
		free(clean);
	}
	free(copy);
	ui->text.top = 0;
	if (ui->screen != UI_TEXT)
		ui->text.from = ui->screen;
	ui_switch(ui, UI_TEXT);
}

void
ui_switch(struct ui *ui, enum ui_screen_id to)
{
	const struct screen *s = ui->screens[to];

	ui->screen = to;
	s->layout(ui, ui->rows - 2, ui->cols);
	ui->dirty = true;
}

/* ---- the state file: the sort order between runs ------------------------- */

static const char *const sort_words[] = {
	[STORE_SORT_DATE] = "date",
	[STORE_SORT_RATING] = "rating",
	[STORE_SORT_TITLE] = "title",
	[STORE_SORT_FEED] = "feed",
};

const char *
ui_sort_name(enum store_sort s)
{
	return sort_words[s];
}

void
ui_state_load(struct ui *ui)
{
	FILE *f = fopen(ui->opt->state, "r");
	char line[128];

	if (f == NULL)
		return;
	while (fgets(line, sizeof(line), f) != NULL) {
		char *v = line + strcspn(line, " ");
		if (*v == '\0')
			continue;
		*v++ = '\0';
		v[strcspn(v, "\r\n")] = '\0';
		if (strcmp(line, "sort") != 0)
			continue;
		for (size_t i = 0; i < sizeof(sort_words) / sizeof(sort_words[0]); i++)
			if (strcmp(v, sort_words[i]) == 0)
				ui->sort = (enum store_sort)i;
	}
	fclose(f);
}

void
ui_state_save(struct ui *ui)
{
	char *tmp = xasprintf("%s.tmp", ui->opt->state);
	FILE *f = fopen(tmp, "w");
	bool ok;

	if (f == NULL) {
		ui_error(ui, "Cannot save %s: %s", tmp, strerror(errno));
		free(tmp);
		return;
	}
	ok = fprintf(f, "# tidings keeps its UI state here\nsort %s\n",
	    sort_words[ui->sort]) > 0;
	ok = fflush(f) == 0 && ok;
	ok = fsync(fileno(f)) == 0 && ok;
	ok = fclose(f) == 0 && ok;
	if (!ok || rename(tmp, ui->opt->state) != 0) {
		ui_error(ui, "Cannot save %s: %s", ui->opt->state, strerror(errno));
		unlink(tmp);
	}
	free(tmp);
}

void
ui_open_url(struct ui *ui, const char *url)
{
	char why[512];

	if (!ui_browser_open(ui->conf.browser, url, why, sizeof(why)))
		ui_error(ui, "%s", why);
	ui->dirty = true;
}

/* ---- the bundled NewsFactor sample ------------------------------------------ */

const char *const ui_sample_feeds[UI_SAMPLE_NFEEDS] = {
	"crm-daily.rss",
	"sci-tech-today.atom",
};

const char *
ui_sample_dir(void)
{
	static const char *const dirs[] = {
		TIDINGS_DATADIR "/newsfactor",
		TIDINGS_SRCDATADIR "/newsfactor",
	};
	struct stat sb;

	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		char *p = xasprintf("%s/%s", dirs[i], ui_sample_feeds[0]);
		bool ok = stat(p, &sb) == 0;

		free(p);
		if (ok)
			return dirs[i];
	}
	return NULL;
}

/*
 * The sample's "pages" file maps an item's link to the page bundled for
 * it ("LINK<TAB>FILE" lines, # comments), so that the readable view can be
 * tried offline on the first run. The link must match exactly and FILE
 * must be a plain name in the sample's folder.
 */
char *
ui_sample_page(const char *link)
{
	const char *dir = ui_sample_dir();
	char *path, *line, *next, *url = NULL;
	struct tbuf b;

	if (dir == NULL || link == NULL)
		return NULL;
	path = xasprintf("%s/pages", dir);
	if (text_read_file(path, UI_SAMPLE_PAGES_MAX, &b)) {
		for (line = b.ptr; line != NULL && url == NULL; line = next) {
			char *tab;

			if ((next = strchr(line, '\n')) != NULL)
				*next++ = '\0';
			if (line[0] == '#' || (tab = strchr(line, '\t')) == NULL)
				continue;
			*tab++ = '\0';
			if (strcmp(line, link) == 0 && strchr(tab, '/') == NULL &&
			    tab[0] != '.' && tab[0] != '\0') {
				char *file = xasprintf("%s/%s", dir, tab);

				url = url_from_path(file);
				free(file);
			}
		}
	}
	tbuf_free(&b);
	free(path);
	return url;
}

bool
ui_sync_on(const struct ui *ui)
{
	return ui->conf.sync != CONF_SYNC_NONE;
}
