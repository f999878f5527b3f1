/*
 * json.c: JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1) into
 * the same model as RSS and Atom, with json-c, the program's one JSON
 * parser.
 *
 * json-c builds a tree, so the document is bounded before it is read
 * (FEED_JSON_MAX_DOCUMENT) and the tokener refuses nesting past
 * FEED_JSON_MAX_DEPTH. Everything else is bounded as XML feeds are: items
 * (FEED_MAX_ITEMS), tags and attachments (FEED_MAX_LIST), text fields
 * (FEED_MAX_FIELD). Keys starting with '_' are extensions and ignored,
 * as are keys the model has no place for.
 */
#include "config.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <json.h>

#include "feed_private.h"
#include "url.h"
#include "text.h"

#define JSONFEED_VERSION_URL "jsonfeed.org/version/"

/* What reading a document found to say in the feed's warning. */
struct reading {
	bool cut;		/* a text field was longer than FEED_MAX_FIELD */
	size_t item;		/* the item being read, from 1; 0: the feed's own */
	char *wrong_type;	/* the first member of a type the spec does not
				 * allow ("item 2: \"title\" is a number, not a
				 * string; left out"), else NULL */
};

/* What a JSON value is, in words for the warning. */
static const char *
type_words(struct json_object *v)
{
	switch (json_object_get_type(v)) {
	case json_type_null:
		return "null";
	case json_type_boolean:
		return "true or false";
	case json_type_double:
	case json_type_int:
		return "a number";
	case json_type_object:
		return "an object";
	case json_type_array:
		return "an array";
	case json_type_string:
		return "a string";
	}
	return "a value";
}

/* Member key, v, is not the want the spec says (a number where a string
 * belongs): it is left out, and the first such is kept for the warning.
 * v NULL (missing, or JSON null) is no error. */
static void
wrong_type(struct reading *rd, const char *key, struct json_object *v,
    const char *want)
{
	if (v == NULL || rd->wrong_type != NULL)
		return;
	if (rd->item > 0)
		rd->wrong_type = xasprintf("item %zu: \"%s\" is %s, not %s; left out",
		    rd->item, key, type_words(v), want);
	else
		rd->wrong_type = xasprintf("\"%s\" is %s, not %s; left out", key,
		    type_words(v), want);
}

/* A member of obj, or NULL when obj is not an object or lacks it. */
static struct json_object *
member(struct json_object *obj, const char *key)
{
	struct json_object *v;

	if (!json_object_is_type(obj, json_type_object) ||
	    !json_object_object_get_ex(obj, key, &v))
		return NULL;
	return v;
}

/* A string member as valid UTF-8 (NUL bytes dropped), cut at
 * FEED_MAX_FIELD; NULL when missing, empty or not a string. */
static char *
string_of(struct json_object *obj, const char *key, struct reading *rd)
{
	struct json_object *v = member(obj, key);
	size_t n;
	char *s;

	if (!json_object_is_type(v, json_type_string)) {
		wrong_type(rd, key, v, "a string");
		return NULL;
	}
	n = (size_t)json_object_get_string_len(v);
	if (n > FEED_MAX_FIELD) {
		n = FEED_MAX_FIELD;
		rd->cut = true;
	}
	s = utf8_repair(json_object_get_string(v), n);
	if (*s == '\0') {
		free(s);
		return NULL;
	}
	return s;
}

/* A plain-text member: blanks squeezed; NULL when nothing is left. */
static char *
plain_of(struct json_object *obj, const char *key, struct reading *rd)
{
	char *s = string_of(obj, key, rd);

	if (s == NULL)
		return NULL;
	text_squeeze(s);
	if (*s == '\0') {
		free(s);
		return NULL;
	}
	return s;
}

/* A URL member resolved against base; NULL when missing. */
static char *
url_of(struct json_object *obj, const char *key, const char *base, struct reading *rd)
{
	char *s = plain_of(obj, key, rd), *r;

	if (s == NULL)
		return NULL;
	r = url_resolve(base, s);
	free(s);
	if (r != NULL && *r == '\0') {
		free(r);
		r = NULL;
	}
	return r;
}

static int64_t
date_of(struct json_object *obj, const char *key, struct reading *rd)
{
	struct json_object *v = member(obj, key);

	if (!json_object_is_type(v, json_type_string)) {
		wrong_type(rd, key, v, "a date string");
		return FEED_NO_DATE;
	}
	return feed_parse_date(json_object_get_string(v));
}

/* A non-negative whole number, or -1. */
static long long
count_of(struct json_object *obj, const char *key, struct reading *rd)
{
	struct json_object *v = member(obj, key);
	double d;

	if (json_object_is_type(v, json_type_int)) {
		int64_t i = json_object_get_int64(v);

		return i >= 0 ? (long long)i : -1;
	}
	if (!json_object_is_type(v, json_type_double)) {
		wrong_type(rd, key, v, "a number");
		return -1;
	}
	d = json_object_get_double(v);
	return isfinite(d) && d >= 0 && d < 9e15 && d == floor(d) ? (long long)d : -1;
}

/* The names of 1.1's "authors" array, else 1.0's "author" object, joined
 * with ", "; NULL when none has a name. */
static char *
authors_of(struct json_object *obj, struct reading *rd)
{
	struct json_object *list = member(obj, "authors");
	struct json_object *author = member(obj, "author");
	struct tbuf b;
	size_t i, n;
	char *name;

	tbuf_init(&b, FEED_MAX_FIELD);
	if (json_object_is_type(list, json_type_array)) {
		n = json_object_array_length(list);
		for (i = 0; i < n && i < FEED_MAX_LIST; i++) {
			name = plain_of(json_object_array_get_idx(list, i), "name", rd);
			if (name != NULL && (b.len == 0 || tbuf_adds(&b, ", ")))
				rd->cut |= !tbuf_adds(&b, name);
			free(name);
		}
	} else {
		wrong_type(rd, "authors", list, "an array");
	}
	if (!json_object_is_type(author, json_type_object))
		wrong_type(rd, "author", author, "an object");
	else if (b.len == 0 && (name = plain_of(author, "name", rd)) != NULL) {
		rd->cut |= !tbuf_adds(&b, name);
		free(name);
	}
	if (b.len == 0) {
		tbuf_free(&b);
		return NULL;
	}
	return tbuf_take(&b);
}

static void
read_tags(struct feed_item *it, struct json_object *item, struct reading *rd)
{
	struct json_object *tags = member(item, "tags"), *t;
	size_t i, n;
	char *c;

	if (!json_object_is_type(tags, json_type_array)) {
		wrong_type(rd, "tags", tags, "an array");
		return;
	}
	n = json_object_array_length(tags);
	for (i = 0; i < n && it->ncategories < FEED_MAX_LIST; i++) {
		t = json_object_array_get_idx(tags, i);
		if (!json_object_is_type(t, json_type_string)) {
			wrong_type(rd, "tags", t, "a string");
			continue;
		}
		c = utf8_repair(json_object_get_string(t),
		    (size_t)json_object_get_string_len(t));
		text_squeeze(c);
		if (*c == '\0' || strlen(c) > FEED_MAX_FIELD) {
			rd->cut |= *c != '\0';
			free(c);
			continue;
		}
		feed_item_add_category(it, c);
	}
}

static void
read_attachments(struct feed_item *it, struct json_object *item,
    const char *base, struct reading *rd)
{
	struct json_object *list = member(item, "attachments"), *a;
	size_t i, n;
	char *url, *type;

	if (!json_object_is_type(list, json_type_array)) {
		wrong_type(rd, "attachments", list, "an array");
		return;
	}
	n = json_object_array_length(list);
	for (i = 0; i < n && it->nenclosures < FEED_MAX_LIST; i++) {
		a = json_object_array_get_idx(list, i);
		if ((url = url_of(a, "url", base, rd)) == NULL)
			continue;
		type = plain_of(a, "mime_type", rd);
		feed_item_add_enclosure(it, url, type, count_of(a, "size_in_bytes", rd));
		free(type);
		if (it->duration < 0)
			it->duration = count_of(a, "duration_in_seconds", rd);
	}
}

/* The item's id: a string, or a number written as JSON writes it (1.0
 * feeds use both); else its link; else a hash as XML items get. */
static char *
id_of(struct json_object *item, struct reading *rd)
{
	struct json_object *v = member(item, "id");

	if (json_object_is_type(v, json_type_int) ||
	    json_object_is_type(v, json_type_double))
		return xstrdup(json_object_to_json_string_ext(v, JSON_C_TO_STRING_PLAIN));
	if (json_object_is_type(v, json_type_string))
		return plain_of(item, "id", rd);
	wrong_type(rd, "id", v, "a string or a number");
	return NULL;
}

static void
read_item(struct feed_item *it, struct json_object *item, const char *base,
    struct reading *rd)
{
	char *text;

	memset(it, 0, sizeof(*it));
	it->rating.count = -1;
	it->duration = -1;
	it->title = plain_of(item, "title", rd);
	it->link = url_of(item, "url", base, rd);
	if (it->link == NULL)
		it->link = url_of(item, "external_url", base, rd);
	it->author = authors_of(item, rd);
	it->published = date_of(item, "date_published", rd);
	it->updated = date_of(item, "date_modified", rd);
	/* The model's summary and content are HTML. */
	if ((text = string_of(item, "summary", rd)) != NULL) {
		it->summary = feed_text_to_html(text);
		free(text);
	}
	it->content = string_of(item, "content_html", rd);
	if (it->content == NULL && (text = string_of(item, "content_text", rd)) != NULL) {
		it->content = feed_text_to_html(text);
		free(text);
	}
	read_tags(it, item, rd);
	read_attachments(it, item, base, rd);
	it->image = url_of(item, "image", base, rd);
	it->id = id_of(item, rd);
	if (it->id == NULL)
		it->id = feed_item_default_id(it);
}

/* "https://jsonfeed.org/version/1.1" -> "1.1"; a bare "1.0" as it is. */
static char *
version_of(struct json_object *root, struct reading *rd)
{
	char *v = plain_of(root, "version", rd), *at, *r;

	if (v == NULL || (at = strstr(v, JSONFEED_VERSION_URL)) == NULL)
		return v;
	r = xstrdup(at + STRLEN(JSONFEED_VERSION_URL));
	free(v);
	return r;
}

static void
read_feed(struct feed *f, struct json_object *root, struct reading *rd)
{
	f->kind = FEED_JSON;
	f->version = version_of(root, rd);
	f->title = plain_of(root, "title", rd);
	f->link = url_of(root, "home_page_url", f->url, rd);
	f->description = plain_of(root, "description", rd);
	f->image = url_of(root, "icon", f->url, rd);
	if (f->image == NULL)
		f->image = url_of(root, "favicon", f->url, rd);
	f->author = authors_of(root, rd);
}

struct json_object *
feed_json_tokenize(const char *data, size_t n, int depth, int *why)
{
	struct json_tokener *tok;
	struct json_object *root;
	size_t end;

	if (n > INT_MAX) {
		*why = json_tokener_error_size;
		return NULL;
	}
	if ((tok = json_tokener_new_ex(depth)) == NULL)
		fatalx("out of memory");
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
	root = json_tokener_parse_ex(tok, data, (int)n);
	*why = json_tokener_get_error(tok);
	if (root != NULL && *why == json_tokener_success) {
		for (end = json_tokener_get_parse_end(tok); end < n; end++) {
			if (data[end] != ' ' && data[end] != '\t' &&
			    data[end] != '\n' && data[end] != '\r')
				break;
		}
		if (end < n) {
			json_object_put(root);
			root = NULL;
		}
	} else if (root != NULL) {
		json_object_put(root);
		root = NULL;
	}
	json_tokener_free(tok);
	return root;
}

bool
feed_json_sniff(const char *data, size_t n)
{
	size_t i = 0;

	if (n >= 3 && memcmp(data, "\xEF\xBB\xBF", STRLEN("\xEF\xBB\xBF")) == 0)
		i = 3;
	while (i < n && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' ||
	    data[i] == '\r'))
		i++;
	return i < n && data[i] == '{';
}

enum feed_result
feed_json_parse(const char *data, size_t n, const char *url,
    feed_item_fn on_item, void *arg, struct feed **out)
{
	struct json_object *root, *items;
	struct feed *f;
	struct feed_item it;
	size_t i, count;
	struct reading rd = { .cut = false };
	int why;

	*out = NULL;
	if (n > FEED_JSON_MAX_DOCUMENT)
		return FEED_TOO_LARGE;
	if (n >= 3 && memcmp(data, "\xEF\xBB\xBF", STRLEN("\xEF\xBB\xBF")) == 0) {
		data += 3;
		n -= 3;
	}
	if ((root = feed_json_tokenize(data, n, FEED_JSON_MAX_DEPTH, &why)) == NULL)
		return FEED_BAD_JSON;
	items = member(root, "items");
	if (!json_object_is_type(items, json_type_array)) {
		json_object_put(root);
		return FEED_NOT_A_FEED;
	}
	f = xcalloc(1, sizeof(*f));
	f->url = url != NULL ? xstrdup(url) : NULL;
	f->updated = FEED_NO_DATE;
	read_feed(f, root, &rd);
	count = json_object_array_length(items);
	if (count > FEED_MAX_ITEMS) {
		f->warning = xasprintf("more than %d items; the rest was left out",
		    FEED_MAX_ITEMS);
		count = FEED_MAX_ITEMS;
	}
	if (on_item == NULL && count > 0)
		f->items = xreallocarray(NULL, count, sizeof(*f->items));
	for (i = 0; i < count; i++) {
		struct json_object *item = json_object_array_get_idx(items, i);

		if (!json_object_is_type(item, json_type_object))
			continue;	/* not an item at all */
		rd.item = i + 1;
		read_item(&it, item, f->url, &rd);
		if (on_item == NULL) {
			f->items[f->nitems++] = it;
			continue;
		}
		f->nitems++;
		on_item(f, &it, arg);
		feed_item_clear(&it);
	}
	if (rd.wrong_type != NULL && f->warning == NULL) {
		f->warning = rd.wrong_type;
		rd.wrong_type = NULL;
	}
	free(rd.wrong_type);
	if (rd.cut && f->warning == NULL)
		f->warning = xasprintf("a text field longer than %u bytes was cut",
		    FEED_MAX_FIELD);
	json_object_put(root);
	*out = f;
	return FEED_OK;
}
