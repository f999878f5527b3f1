/*
 * tags.c: a feed's tags as one line of text, both ways, so a tag with
 * blanks stays one tag: blank-separated, and a tag holding a blank, a
 * quote or a backslash is written in double quotes with \" and \\ (as
 * newsboat writes it in the urls file). The feed list shows this form and
 * the `t` prompt edits it. A leaf: it calls nothing else in src/ui/.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "subs.h"
#include "text.h"
#include "ui_private.h"

static bool
needs_quotes(const char *t)
{
	return t[0] == '\0' || strpbrk(t, " \t\"\\") != NULL;
}

char *
ui_tags_format(const char *const *tags, size_t n)
{
	struct tbuf b;
	bool ok = true;

	tbuf_init(&b, TEXT_MAX_STRING);
	for (size_t i = 0; i < n && ok; i++) {
		const char *t = tags[i];

		if (i > 0)
			ok = tbuf_addc(&b, ' ');
		if (!needs_quotes(t)) {
			ok = ok && tbuf_adds(&b, t);
			continue;
		}
		ok = ok && tbuf_addc(&b, '"');
		for (; *t != '\0' && ok; t++)
			ok = (*t != '"' && *t != '\\' ? true : tbuf_addc(&b, '\\')) &&
			    tbuf_addc(&b, *t);
		ok = ok && tbuf_addc(&b, '"');
	}
	return tbuf_take(&b);	/* a list past TEXT_MAX_STRING is cut */
}

size_t
ui_tags_parse(const char *line, char ***out)
{
	size_t n = 0;
	const char *p = line;

	*out = NULL;
	for (;;) {
		struct tbuf b;

		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0' || n == SUBS_MAX_TAGS)
			break;
		tbuf_init(&b, TEXT_MAX_STRING);
		if (*p == '"') {
			/* To the closing quote; an unclosed one runs to the end. */
			for (p++; *p != '\0' && *p != '"'; p++) {
				if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
					p++;
				if (!tbuf_addc(&b, *p))
					break;
			}
			if (*p == '"')
				p++;
		} else {
			for (; *p != '\0' && *p != ' ' && *p != '\t'; p++)
				if (!tbuf_addc(&b, *p))
					break;
		}
		if (b.len == 0) {
			tbuf_free(&b);	/* "" is no tag */
			continue;
		}
		*out = xreallocarray(*out, n + 1, sizeof(**out));
		(*out)[n++] = tbuf_take(&b);
	}
	return n;
}

void
ui_tags_free(char **tags, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(tags[i]);
	free(tags);
}
