/*
 * cmd-import.c: tidings --import FILE.opml subscribes to the feeds of an
 * OPML file, keeping its folders as tags.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "subs.h"
#include "text.h"

/* Read and parse the OPML file; SUBS_IO_ERROR keeps errno. */
static enum subs_result
read_opml(const char *path, struct subs_opml *opml)
{
	struct tbuf b;
	enum subs_result r = SUBS_OK;

	memset(opml, 0, sizeof(*opml));
	if (!text_read_file(path, SUBS_MAX_FILE, &b))
		r = errno == EFBIG ? SUBS_TOO_LARGE : SUBS_IO_ERROR;
	if (r == SUBS_OK)
		r = subs_opml_parse(tbuf_str(&b), b.len, opml);
	tbuf_free(&b);
	return r;
}

static int
import_exec(struct cli_run *r)
{
	const char *file = r->o->file;
	struct subs_opml opml;
	enum subs_result sr;
	size_t i, added = 0, present = 0;
	int rc = 1;

	if ((sr = read_opml(file, &opml)) != SUBS_OK) {
		if (sr == SUBS_IO_ERROR)
			fprintf(stderr, "tidings: cannot read %s: %s\n",
			    cli_inert(file), strerror(errno));
		else
			fprintf(stderr, "tidings: %s: %s\n", cli_inert(file),
			    subs_strerror(sr));
		return 1;
	}
	for (i = 0; i < opml.n; i++) {
		const struct subs_opml_feed *f = &opml.v[i];

		sr = subs_add(r->subs, f->url, (const char *const *)f->tags,
		    f->ntags, f->title);
		if (sr == SUBS_OK)
			added++;
		else if (sr == SUBS_DUPLICATE)
			present++;
		else
			fprintf(stderr, "tidings: skipped %s: %s\n",
			    cli_inert(f->url), subs_strerror(sr));
	}
	if (added == 0 || cli_save_subs(r) == 0) {
		printf("imported %s from %s (%zu subscribed already)\n",
		    cli_count((long long)added, "feed", "feeds"), cli_inert(file),
		    present);
		rc = 0;
	}
	subs_opml_free(&opml);
	return rc;
}

static const struct cli_stage import_stage = {
	.what = "import the OPML file", .start = import_exec,
};
static const struct cli_stage *const import_stages[] = {
	&cli_stage_paths, &cli_stage_subs, &import_stage, NULL,
};

const struct cli_mode cli_mode_import = {
	.name = "import",
	.option = CLI_O_IMPORT,
	.accepts = 0,
	.min_args = 0,
	.max_args = 0,
	.help =
"      --import FILE.opml\n"
"                   subscribe to the feeds of an OPML file\n",
	.stages = import_stages,
};
