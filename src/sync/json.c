/*
 * json.c: the server's answers through json-c, the program's one JSON
 * parser (src/feed/json.c reads JSON Feed with it too). The body is
 * already bounded by the transfer (SYNC_MAX_BODY); the tokener refuses
 * nesting past SYNC_MAX_JSON_DEPTH, and the messages tell a truncated
 * answer from one that is no JSON at all (an HTML error page, a proxy's
 * login form), which is what a user needs to know.
 */
#include "config.h"

#include <limits.h>
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
	struct json_tokener *tok;
	json_object *root;
	enum json_tokener_error e;
	size_t end;

	*err = NULL;
	if (n > INT_MAX) {
		*err = xstrdup("answer too large");
		return NULL;
	}
	if (sync_looks_like_html(body, n)) {
		*err = xstrdup("an HTML page instead of JSON");
		return NULL;
	}
	if ((tok = json_tokener_new_ex(SYNC_MAX_JSON_DEPTH)) == NULL)
		fatalx("out of memory");
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
	root = json_tokener_parse_ex(tok, body, (int)n);
	e = json_tokener_get_error(tok);
	if (root != NULL && e == json_tokener_success) {
		for (end = json_tokener_get_parse_end(tok); end < n; end++)
			if (strchr(" \t\r\n", body[end]) == NULL)
				break;
		if (end < n) {
			json_object_put(root);
			root = NULL;
			*err = xstrdup("text after the JSON");
		}
	} else if (e == json_tokener_continue || n == 0) {
		*err = xstrdup("truncated JSON");
	} else if (e == json_tokener_error_depth) {
		*err = xasprintf("JSON nested deeper than %d", SYNC_MAX_JSON_DEPTH);
	} else {
		*err = xasprintf("not JSON (%s)", json_tokener_error_desc(e));
	}
	json_tokener_free(tok);
	if (root != NULL && !json_object_is_type(root, json_type_object)) {
		json_object_put(root);
		root = NULL;
		*err = xstrdup("JSON that is not an object");
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
