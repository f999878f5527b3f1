/*
 * json.c: the server's answers through feed_json_tokenize(), the program's
 * one JSON reader (JSON Feed goes through it too). The body is already
 * bounded by the transfer (SYNC_MAX_BODY); the tokener refuses nesting
 * past SYNC_MAX_JSON_DEPTH, and the messages tell a truncated
 * answer from one that is no JSON at all (an HTML error page, a proxy's
 * login form), which is what a user needs to know.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sync_private.h"
#include "text.h"

bool
sync_looks_like_html(const char *body, size_t n)
{
	size_t i = 0;

	while (i < n && strchr(" \t\r\n", body[i]) != NULL)
		i++;
	return i < n && body[i] == '<';
}

json_object *
sync_json_parse(const char *body, size_t n, char **err)
{
	json_object *root;
	int e;

	*err = NULL;
	if (sync_looks_like_html(body, n)) {
		*err = xstrdup("an HTML page instead of JSON");
		return NULL;
	}
	root = feed_json_tokenize(body, n, SYNC_MAX_JSON_DEPTH, &e);
	if (root == NULL) {
		if (e == json_tokener_success)
			*err = xstrdup("text after the JSON");
		else if (e == json_tokener_continue || n == 0)
			*err = xstrdup("truncated JSON");
		else if (e == json_tokener_error_depth)
			*err = xasprintf("JSON nested deeper than %d", SYNC_MAX_JSON_DEPTH);
		else if (e == json_tokener_error_size)
			*err = xstrdup("answer too large");
		else
			*err = xasprintf("not JSON (%s)",
			    json_tokener_error_desc((enum json_tokener_error)e));
		return NULL;
	}
	if (!json_object_is_type(root, json_type_object)) {
		json_object_put(root);
		*err = xstrdup("JSON that is not an object");
		return NULL;
	}
	return root;
}

const char *
sync_json_str(json_object *o, const char *key)
{
	json_object *v;

	if (!json_object_is_type(o, json_type_object) ||
	    !json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

json_object *
sync_json_array(json_object *o, const char *key)
{
	json_object *v;

	if (!json_object_is_type(o, json_type_object) ||
	    !json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, json_type_array))
		return NULL;
	return v;
}

char *
sync_json_text(const char *s, size_t max)
{
	size_t n;
	char *fixed, *clean;

	if (s == NULL)
		return NULL;
	n = strlen(s);
	if (n > max) {
		n = max;
		/* back to the start of a UTF-8 sequence */
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	fixed = utf8_repair(s, n);
	clean = text_sanitize_line(fixed);
	free(fixed);
	return clean;
}
