/*
 * sync_private.h: what the files of src/sync/ share. The public contract
 * is include/sync.h.
 *
 *   sync.c     the engine: login, push, subscriptions, items, states
 *   greader.c  the Google Reader API backend
 *   json.c     bounded JSON parsing (json-c) for the backends
 */
#ifndef TIDINGS_SYNC_PRIVATE_H
#define TIDINGS_SYNC_PRIVATE_H

#include <json.h>

#include "sync.h"

/* ---- sync.c ------------------------------------------------------------ */

/* Free what one entry holds and zero it. */
void sync_feed_clear(struct sync_feed *f);
void sync_item_clear(struct sync_item *it);

/* ---- json.c ------------------------------------------------------------ */

/*
 * Parse body[0..n) as one JSON object, at most SYNC_MAX_JSON_DEPTH deep.
 * NULL with *err (the caller's) when it is not: "not JSON (an HTML
 * page?)", "truncated JSON", ... The result is the caller's (json_object_put).
 */
json_object *sync_json_parse(const char *body, size_t n, char **err);
/* Whether body looks like HTML (an error page, a proxy's login form):
 * its first non-blank byte is '<'. */
bool sync_looks_like_html(const char *body, size_t n);
/* Member key of o as a string (NULL when absent or not a string). */
const char *sync_json_str(json_object *o, const char *key);
/* Member key of o as an array (NULL when absent or not one). */
json_object *sync_json_array(json_object *o, const char *key);
/* A copy of s cut to max bytes at a UTF-8 boundary and sanitised of
 * control characters; NULL for NULL. */
char *sync_json_text(const char *s, size_t max);

#endif
