/*
 * readable: pick the article out of a whole web page, the way Firefox's
 * reader view (Mozilla Readability) does: its title, byline, date, site
 * name, lead image, and the main content cleaned of navigation, ads,
 * share and comment widgets, forms and related-story lists.
 *
 * The page is decoded (valid UTF-8 is taken as UTF-8 whatever the label;
 * otherwise the charset of the HTTP header, a BOM, <meta charset> or
 * http-equiv, else windows-1252), parsed as HTML5 with gumbo, and the
 * content is returned as an HTML fragment for the html module to render.
 * Knows nothing of rendering, the network or the UI.
 */
#ifndef TIDINGS_READABLE_H
#define TIDINGS_READABLE_H

#include <stddef.h>
#include <stdint.h>

#define READABLE_MAX_INPUT (16u << 20)	/* bytes of page read; more is READABLE_TOO_LARGE */
#define READABLE_MAX_DEPTH 256		/* deeper elements are flattened into their ancestor */
#define READABLE_MAX_NODES (1u << 20)	/* elements and texts kept; the rest of the page is cut */
#define READABLE_MIN_TEXT 500		/* characters below which a looser search is retried */
#define READABLE_MAX_LINKS 4096		/* links listed; more are left out */
#define READABLE_MAX_FIGURES 256	/* figures listed; more are left out */
#define READABLE_NO_DATE INT64_MIN	/* the same value as FEED_NO_DATE */

enum readable_result {
	READABLE_OK,
	READABLE_TOO_LARGE,	/* more than READABLE_MAX_INPUT bytes */
	READABLE_NOT_HTML,	/* an image, PDF... by its Content-Type */
	READABLE_NO_CONTENT	/* no text at all to call an article */
};

/* A <figure> of the article with its image. The figure stays in the
 * article HTML (the pager shows it as one dim "[image: caption]" line);
 * plain text leaves figures out, so their captions and credits are here. */
struct readable_figure {
	char *src;		/* never NULL: the image, absolute */
	char *alt;		/* the image's alt text, or NULL */
	char *caption;		/* the figcaption as plain text, or NULL */
};

/* Every string is UTF-8 and may be NULL when the page does not say. */
struct readable_article {
	char *title;
	char *byline;
	int64_t published;	/* seconds since 1970 UTC, or READABLE_NO_DATE */
	char *site_name;
	char *image;		/* lead image (og:image), absolute */
	char *excerpt;		/* the page's description, else the first paragraph */
	char *html;		/* never NULL: the article as an HTML fragment,
				 * links and images absolute against the page URL */
	char *text;		/* never NULL: html_to_text of html */
	char **links;		/* the article's links (href), absolute, in order,
				 * each once; at most READABLE_MAX_LINKS */
	size_t nlinks;
	struct readable_figure *figures;	/* in order; at most READABLE_MAX_FIGURES */
	size_t nfigures;
};

/*
 * Extract the article of bytes[0..n). url (may be NULL) is the page's
 * address, used to resolve relative links (a <base href> in the page is
 * honoured); content_type (may be NULL) is the HTTP Content-Type header.
 * On READABLE_OK *out is the caller's, released with readable_free();
 * otherwise *out is NULL.
 */
enum readable_result readable_extract(const char *bytes, size_t n,
    const char *url, const char *content_type, struct readable_article **out);
void readable_free(struct readable_article *a);
const char *readable_strerror(enum readable_result r);

#endif
