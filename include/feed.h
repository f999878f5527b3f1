/*
 * feed: parse one feed document (RSS 0.9x/2.0, RSS 1.0/RDF, Atom 0.3/1.0
 * with Mini-XML; JSON Feed 1.0/1.1 with json-c) into a feed and its items. Knows nothing of the network,
 * the store or the screen.
 *
 * Text fields of the model are UTF-8 and already sanitised of invalid
 * sequences (not of terminal controls: the screen and exports do that).
 * title and author are plain text; summary and content are HTML (a plain
 * text element is HTML-escaped when parsed), to be rendered by `html`.
 * Any char * may be NULL when the feed does not say. Dates are seconds since
 * 1970 UTC, or FEED_NO_DATE.
 */
#ifndef TIDINGS_FEED_H
#define TIDINGS_FEED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FEED_NO_DATE INT64_MIN

#define FEED_MAX_DOCUMENT (64u << 20)	/* bytes of one feed document */
#define FEED_MAX_ITEMS 50000		/* items kept from one document */
#define FEED_MAX_DEPTH 256		/* element nesting */
#define FEED_MAX_FIELD (4u << 20)	/* bytes of one text field */
#define FEED_MAX_LIST 256		/* categories or enclosures per item */
#define FEED_JSON_MAX_DOCUMENT (16u << 20) /* bytes of a JSON Feed: json-c holds it as a tree */
#define FEED_JSON_MAX_DEPTH 32		/* JSON nesting (a JSON Feed needs 4) */
/* Entities declared in a DOCTYPE's internal subset are expanded within
 * these; a declaration past them is left out with a warning, a reference
 * past FEED_DTD_EXPANSION_MAX stays as it was written. */
#define FEED_DTD_DECL_MAX (64u << 10)	/* bytes of the DOCTYPE read */
#define FEED_DTD_ENTITIES_MAX 64	/* entities declared */
#define FEED_DTD_NAME_MAX 32		/* bytes of an entity's name */
#define FEED_DTD_VALUE_MAX 4096u	/* bytes of one expanded value */
#define FEED_DTD_DEPTH_MAX 8		/* entities inside entities */
#define FEED_DTD_EXPANSION_MAX (8u << 20) /* bytes expanded in one document */

enum feed_result {
	FEED_OK,
	FEED_NOT_A_FEED,	/* well-formed, but no rss/rdf/feed root, no JSON Feed items */
	FEED_BAD_XML,		/* nothing usable could be read */
	FEED_BAD_JSON,		/* starts as JSON but is not well-formed JSON */
	FEED_EMPTY,		/* no bytes */
	FEED_TOO_LARGE,		/* past FEED_MAX_DOCUMENT */
	FEED_TOO_DEEP,		/* past FEED_MAX_DEPTH */
	FEED_BAD_ENCODING,	/* an encoding iconv cannot convert */
	FEED_IO_ERROR		/* reading the file failed */
};
const char *feed_strerror(enum feed_result r);

/* A community rating as the feed publishes it (media:starRating, gd:rating).
 * present is false when there is none, or its scale made no sense. */
struct feed_rating {
	bool present;
	double average, min, max;
	long long count;	/* -1 when not given */
};

struct feed_enclosure {
	char *url, *type;
	long long length;	/* -1 when not given */
};

struct feed_item {
	char *id;		/* guid/id; else link; else a hash of title and date */
	char *title;		/* plain text */
	char *link;		/* absolute */
	char *author;		/* plain text; several joined with ", " */
	char *author_email;	/* the first author's email address as the feed
				 * gives it (RSS <author> "ann@example.org (Ann)",
				 * Atom <author><email>); NULL when none */
	char *comments;		/* URL of the comments page */
	int64_t published, updated;
	char *summary;		/* HTML */
	char *content;		/* HTML */
	char **categories;	/* plain text */
	size_t ncategories;
	struct feed_enclosure *enclosures;
	size_t nenclosures;
	struct feed_rating rating;
	/* podcasts */
	char *image;		/* URL: itunes:image, else media:thumbnail (JSON Feed: image) */
	long long duration;	/* seconds (itunes:duration; JSON Feed: the first
				 * attachment's duration_in_seconds), -1 when not given */
};

enum feed_kind { FEED_RSS, FEED_RDF, FEED_ATOM, FEED_JSON };

struct feed {
	enum feed_kind kind;
	char *version;		/* "2.0", "1.0", "0.3"... */
	char *url;		/* the document's own URL, as given */
	char *title;		/* plain text */
	char *link;		/* the site, absolute */
	char *description;	/* plain text */
	char *author;		/* plain text: the feed's own author or editor */
	char *image;		/* URL */
	int64_t updated;
	struct feed_item *items;
	size_t nitems;
	/* Ill-formed input that was recovered from: the first problem, with
	 * its line ("line 12: undefined entity &nbsp;"), else NULL. */
	char *warning;
};

/*
 * Parse data[0..n), fetched from url (used for relative links and ids;
 * may be NULL), whose HTTP Content-Type was content_type (its charset is a
 * hint; may be NULL). On FEED_OK *out is the caller's, free it with
 * feed_free(). On error *out is NULL and, when errline is not NULL, *errline
 * is the line the error was found on (0 when none applies).
 */
enum feed_result feed_parse(const char *data, size_t n, const char *url,
    const char *content_type, struct feed **out, int *errline);

/*
 * Streaming form, for big files: each item is handed to on_item as soon as
 * it is complete and freed after the call returns, so memory stays
 * proportional to one item. The feed passed along has its channel fields
 * as known so far and no items. Returns as feed_parse does.
 */
typedef void (*feed_item_fn)(const struct feed *f, const struct feed_item *it, void *arg);
enum feed_result feed_parse_file(const char *path, const char *url,
    feed_item_fn on_item, void *arg, struct feed **out, int *errline);

/* The same from an open descriptor (a file, a pipe, a socket), read to its
 * end in whatever pieces it delivers; fd is not closed. content_type as
 * for feed_parse. The model does not depend on how the bytes arrived. */
enum feed_result feed_parse_fd(int fd, const char *url,
    const char *content_type, feed_item_fn on_item, void *arg,
    struct feed **out, int *errline);

void feed_free(struct feed *f);
void feed_item_clear(struct feed_item *it);


struct json_object;	/* json-c */
/*
 * The program's one JSON reader (JSON Feed here, a sync server's answers
 * in src/sync): data[0..n) through json-c's strict tokener, nested at most
 * depth, as one complete value (trailing blanks allowed). The value is the
 * caller's (json_object_put); NULL when there is none, with *why json-c's
 * error (json_tokener_continue: cut short; json_tokener_error_depth: too
 * deep), or json_tokener_success when text follows the value.
 */
struct json_object *feed_json_tokenize(const char *data, size_t n, int depth,
    int *why);
/* Dates: RFC 822/2822 (all zone forms, 2-digit years, no day name, no
 * seconds), RFC 3339/ISO 8601 (fractions, Z/offsets, date only) and the
 * common broken forms. Seconds since 1970 UTC, or FEED_NO_DATE. */
int64_t feed_parse_date(const char *s);
/* Format t as "YYYY-MM-DDTHH:MM:SSZ" into buf[21]; returns buf. */
char *feed_format_date(int64_t t, char buf[21]);

/* The rating scaled to 0..5 for display; < 0 when there is none. */
double feed_rating_stars(const struct feed_rating *r);

#endif
