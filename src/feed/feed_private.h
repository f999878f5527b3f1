/*
 * feed_private.h: what the files of src/feed/ share and nothing outside
 * them needs. The public contract is include/feed.h.
 *
 *   feed.c    the SAX walk: namespaces, xml:base, elements -> the model
 *   input.c   the byte stream mxml reads: encoding, entity and recovery pass
 *   entity.c  HTML named entities for the repair pass, base64
 *   dtd.c     entities the document declares in its DOCTYPE
 *   date.c    RFC 822 / RFC 3339 dates
 *   json.c    JSON Feed, with json-c
 */
#ifndef TIDINGS_FEED_PRIVATE_H
#define TIDINGS_FEED_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "feed.h"

/* ---- input.c ---------------------------------------------------------- */

/*
 * The document as mxml reads it: UTF-8 whatever the source encoding, the
 * XML declaration and DOCTYPE left out, HTML named entities turned into
 * numeric references, bare '&' and '<' escaped, control characters and
 * invalid bytes dropped or replaced, junk before the first tag skipped.
 * Character data does not go through mxml: each text or CDATA node it
 * reads is a placeholder, and feed_input_next_run() gives its text,
 * references decoded. Lines are kept as they were, so mxml's line numbers
 * stay true. Memory stays bounded whatever the document size.
 */
struct feed_input;

/* From memory (data must outlive the input) or an open file descriptor
 * (not closed here) of which head[0..n) was already read (n at most 4 KiB).
 * content_type may be NULL. */
enum feed_result feed_input_mem(const char *data, size_t n,
    const char *content_type, struct feed_input **out);
enum feed_result feed_input_fd(int fd, const char *head, size_t n,
    const char *content_type, struct feed_input **out);
/* The stream to hand mxml; owned by the input. */
FILE *feed_input_stream(struct feed_input *in);
/* From now on the stream ends: mxml stops at once. */
void feed_input_stop(struct feed_input *in);
/* FEED_OK, or what went wrong reading the source (FEED_IO_ERROR,
 * FEED_TOO_LARGE). */
enum feed_result feed_input_error(const struct feed_input *in);
/* The first thing repaired ("undefined entity &foo;"), with its line, or
 * NULL. Owned by the input. */
const char *feed_input_warning(const struct feed_input *in, int *line);
/* The character data of the next text or CDATA node mxml reports (its
 * own text is a placeholder), decoded: call it once for each such SAX
 * event, in order. Owned by the input, valid until mxml reads on. */
const char *feed_input_next_run(struct feed_input *in);
/* true when no '<' was ever seen (a JSON document, plain text...). */
bool feed_input_saw_markup(const struct feed_input *in);
/* Source bytes read so far. */
size_t feed_input_bytes(const struct feed_input *in);
void feed_input_free(struct feed_input *in);

/* ---- entity.c --------------------------------------------------------- */

/* The code point of the HTML named entity name[0..n) (without '&' and
 * ';'), or -1. Covers XML's five and the HTML 4 set (lang and rang as
 * HTML5 has them), for the repair pass. */
int32_t feed_entity_lookup(const char *name, size_t n);
/* Numeric references 128..159 mean windows-1252 in HTML and in feeds. */
uint32_t feed_entity_fix_c1(uint32_t cp);
/* Plain text -> HTML: & < > " escaped. A new string. */
char *feed_text_to_html(const char *s);
/* true when s has a tag or an entity reference, i.e. reads as HTML. */
bool feed_looks_like_html(const char *s);
/* Decode base64, skipping whitespace, stopping at the first other byte.
 * A new string (NUL bytes dropped, repaired as UTF-8). */
char *feed_base64_decode(const char *s);

/* ---- dtd.c ------------------------------------------------------------ */

/* The general entities declared in the internal subset of the DOCTYPE
 * s[0..n) (what follows "<!" up to its '>'), within the FEED_DTD_* limits.
 * Never NULL; free it with feed_dtd_free(). */
struct feed_dtd;
struct feed_dtd *feed_dtd_parse(const char *s, size_t n);
/* The replacement text of the entity name[0..n), escaped for the stream
 * (text and attribute values alike), and in *plain_len the length of the
 * text it stands for; NULL when d declares no such entity. Owned by d. */
const char *feed_dtd_lookup(const struct feed_dtd *d, const char *name,
    size_t n, size_t *plain_len);
/* The first declaration left out and why, or NULL. Owned by d. */
const char *feed_dtd_warning(const struct feed_dtd *d);
void feed_dtd_free(struct feed_dtd *d);

/* ---- feed.c ----------------------------------------------------------- */

/* The id of an item that names none: a hash of its title and date (of its
 * summary or content when it has no title), stable across refreshes. A
 * new string. */
char *feed_item_default_id(const struct feed_item *it);
/* Add a category (c is taken over; NULL adds nothing) or an enclosure
 * (url is taken over, type copied), unless the item has it already or
 * FEED_MAX_LIST of them. */
void feed_item_add_category(struct feed_item *it, char *c);
void feed_item_add_enclosure(struct feed_item *it, char *url, const char *type,
    long long length);

/* ---- json.c ----------------------------------------------------------- */

/* true when data[0..n) starts (after a BOM and blanks) as a JSON object. */
bool feed_json_sniff(const char *data, size_t n);
/* A JSON Feed document; url as for feed_parse. Items go to on_item when it
 * is not NULL (as feed_parse_file does), else into (*out)->items. On
 * FEED_OK *out is the caller's; FEED_BAD_JSON, FEED_NOT_A_FEED (JSON, but
 * no "items" array) or FEED_TOO_LARGE otherwise, *out NULL. */
enum feed_result feed_json_parse(const char *data, size_t n, const char *url,
    feed_item_fn on_item, void *arg, struct feed **out);

#endif
