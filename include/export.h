/*
 * export: articles printed for people and programs, one item at a time so
 * that a feed being parsed (or a cache being read) streams straight out.
 *
 * - JSON Lines (DESIGN.md, "JSON Lines"): one object per article, keys in
 *   the documented order, summary and content as plain text (html_to_text),
 *   dates as YYYY-MM-DDTHH:MM:SSZ or null, every control character escaped.
 * - a text digest: per feed a heading, per article its title, date, author,
 *   community rating as stars with the count, link and wrapped summary (or
 *   the article's readable text, --full), all sanitised for the terminal.
 * - --read=json: one record for a page's readable article.
 * - --full: JSON adds a last key, "full_text", the readable text of the
 *   article's page as plain text (null when the page was never fetched);
 *   with sync or --starred, "starred" (true/false) comes after "read";
 *   without them the record is exactly DESIGN.md's.
 *
 * Functions write to a FILE and never fail themselves: check ferror() (or
 * export_finish()) at the end, so that a full disk is an error.
 */
#ifndef TIDINGS_EXPORT_H
#define TIDINGS_EXPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "feed.h"

#define EXPORT_DEFAULT_WIDTH 72	/* digest width when not a terminal and no --width */
#define EXPORT_MIN_WIDTH 20	/* narrower --width values are raised to this */
#define EXPORT_MAX_WIDTH 1000

/* What the reader did with an item (kept in the cache, not in the feed).
 * For an item read straight from a SOURCE: { false, 0 }. */
struct export_state {
	bool read;
	int user_rating;	/* 1..5, 0 when not rated */
	const char *full_text;	/* the article's readable text (the HTML
				 * store_set_readable keeps), or NULL: when set,
				 * the digest shows it instead of the summary */
	bool full;		/* --full: JSON gets a "full_text" key (its plain
				 * text, null when full_text is NULL) */
	bool starred;		/* the reader starred it */
	bool has_starred;	/* JSON gets a "starred" key (after "read"):
				 * with sync or --starred */
};

struct export_options {
	size_t width;		/* columns of the digest */
	bool ascii;		/* stars, bullets and rules in ASCII */
};

/* Width: requested when > 0, else the terminal's (when out is one), else
 * EXPORT_DEFAULT_WIDTH; ascii when the locale's charset is not UTF-8. */
void export_default_options(struct export_options *o, FILE *out, long requested);

/* One JSON Lines record. st may be NULL (not read, not rated). */
void export_item_json(FILE *out, const struct feed *f,
    const struct feed_item *it, const struct export_state *st);

/* The digest: the feed's heading once, then each of its items. */
void export_feed_text(FILE *out, const struct feed *f,
    const struct export_options *o);
void export_item_text(FILE *out, const struct feed *f,
    const struct feed_item *it, const struct export_state *st,
    const struct export_options *o);

/* s as a JSON string, quotes included; NULL prints null. Invalid UTF-8
 * becomes U+FFFD; C0, DEL, C1, U+2028 and U+2029 are \u-escaped. */
void export_json_string(FILE *out, const char *s);

/* Rating stars for r: "★★★★½" (or "****+" when ascii), into buf; "" when
 * there is no rating. */
char *export_stars(const struct feed_rating *r, bool ascii, char *buf, size_t size);

/* The --read=json record of one page (DESIGN.md, "--read=json"): url,
 * title, author, published, text (the body as plain text, paragraphs
 * separated by a blank line) and links. */
struct readable_article;	/* include/readable.h */
void export_article_json(FILE *out, const char *url,
    const struct readable_article *a);

/* Flush out; false (errno set) when anything written to it was lost. */
bool export_finish(FILE *out);

#endif
