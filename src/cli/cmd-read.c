/*
 * cmd-read.c: tidings --read[=text|json] [--base-url URL] URL|FILE prints
 * the readable version of one web page. A feed is not a page: discovery
 * says so (include/discover.h) and the exit status is 1.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "cli.h"
#include "discover.h"
#include "export.h"
#include "html.h"
#include "readable.h"
#include "text.h"

/* The heading lines (title, byline, date), then the body wrapped, with
 * numbered links. */
static void
print_text(const struct cli *o, const char *url, const struct readable_article *a)
{
	struct export_options eo;
	struct html_options ho;
	struct html_doc doc;
	const char *head[3] = { a->title, a->byline, NULL };
	char date[32];
	time_t t = (time_t)a->published;
	struct tm tm;
	size_t i;

	export_default_options(&eo, stdout, o->width);
	if (a->published != READABLE_NO_DATE && gmtime_r(&t, &tm) != NULL &&
	    strftime(date, sizeof(date), "%Y-%m-%d %H:%M UTC", &tm) > 0)
		head[2] = date;
	for (i = 0; i < 3; i++)
		if (head[i] != NULL && head[i][0] != '\0')
			printf("%s\n", cli_inert(head[i]));
	putchar('\n');
	ho = (struct html_options){ eo.width, url, true, eo.ascii };
	html_render(a->html, strlen(a->html), &ho, &doc);
	for (i = 0; i < doc.nlines; i++) {
		char *line = html_line_text(&doc.lines[i]);

		printf("%s\n", line);
		free(line);
	}
	html_doc_free(&doc);
}

/* The page was fetched: extract and print its article. */
static int
read_article(const struct cli *o, const struct discover_outcome *d)
{
	/* a file has no URL of its own: links stay as written */
	const char *url = o->base_url != NULL ? o->base_url :
	    strncasecmp(d->final_url, "file:", 5) == 0 ? NULL : d->final_url;
	struct readable_article *a;
	enum readable_result rr;

	rr = readable_extract(tbuf_str(&d->page), d->page.len, url,
	    d->content_type, &a);
	if (rr != READABLE_OK) {
		fprintf(stderr, "tidings: %s: %s\n", cli_inert(o->args[0]),
		    readable_strerror(rr));
		return 1;
	}
	if (o->read_format == CLI_FORMAT_JSON)
		export_article_json(stdout, url, a);
	else
		print_text(o, url, a);
	readable_free(a);
	if (!export_finish(stdout)) {
		fprintf(stderr, "tidings: cannot write the article: %s\n",
		    strerror(errno));
		return 1;
	}
	return 0;
}

static int
read_exec(struct cli_run *r)
{
	const char *source = r->o->args[0];
	struct discover *d = discover_run(source, DISCOVER_INPUT_ONLY, NULL);
	const struct discover_outcome *o = discover_outcome(d);
	int rc = 1;

	if (o->status == DISCOVER_FETCH_FAILED) {
		fprintf(stderr, "tidings: %s: %s\n", cli_inert(source),
		    cli_inert(o->error));
	} else if (o->is_feed) {
		fprintf(stderr, "tidings: %s is a feed", cli_inert(source));
		if (o->v[0].title != NULL)
			fprintf(stderr, " (\"%s\", %s)", cli_inert(o->v[0].title),
			    cli_count((long long)o->v[0].nitems, "article",
			    "articles"));
		fprintf(stderr, ", not a page: try tidings --export %s\n",
		    cli_inert(source));
	} else {
		rc = read_article(r->o, o);
	}
	discover_free(d);
	return rc;
}

static const struct cli_stage read_stage = {
	.what = "read the page", .start = read_exec,
};
static const struct cli_stage *const read_stages[] = {
	&read_stage, NULL,
};

const struct cli_mode cli_mode_read = {
	.name = "read",
	.option = CLI_O_READ,
	.accepts = CLI_O_WIDTH | CLI_O_BASE_URL,
	.min_args = 1,
	.max_args = 1,
	.operands = "one URL or FILE",
	.help =
"      --read[=text|json] [--base-url URL] URL|FILE\n"
"                   print the readable version of one web page: its\n"
"                   article without navigation, ads and widgets\n",
	.stages = read_stages,
};
