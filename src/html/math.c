/*
 * html/math.c: what a formula says as text. A MathML <math> element and a
 * MathJax <script type="math/tex"> are content (unlike every other script
 * and foreign element), and a reader shows them inline as text.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <gumbo.h>

#include "html.h"
#include "html_private.h"
#include "text.h"

#define TEX_TYPE "math/tex"	/* MathJax's type, "; mode=display" may follow */
#define TEX_ENCODING "application/x-tex"

/* An element gumbo has no tag for, by its name in the page ("annotation"). */
static bool
named(const GumboNode *n, const char *lower)
{
	GumboStringPiece s;

	if (n->type != GUMBO_NODE_ELEMENT || n->v.element.tag != GUMBO_TAG_UNKNOWN)
		return false;
	s = n->v.element.original_tag;
	gumbo_tag_from_original_text(&s);
	return s.data != NULL && s.length == strlen(lower) &&
	    strncasecmp(s.data, lower, s.length) == 0;
}

/* The text under n, white-space-only nodes and annotations left out (they
 * are the source of the formula, not its tokens), appended to b. */
static bool
add_text(struct tbuf *b, const GumboNode *n, size_t depth)
{
	const GumboVector *kids;
	unsigned i;

	if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA)
		return tbuf_adds(b, n->v.text.text);
	if (n->type != GUMBO_NODE_ELEMENT || depth > HTML_MAX_DEPTH ||
	    named(n, "annotation") || n->v.element.tag == GUMBO_TAG_ANNOTATION_XML)
		return true;
	kids = &n->v.element.children;
	for (i = 0; i < kids->length; i++)
		if (!add_text(b, kids->data[i], depth + 1))
			return false;
	return true;
}

/* The first <annotation encoding="application/x-tex"> under n. */
static const GumboNode *
tex_annotation(const GumboNode *n, size_t depth)
{
	const GumboVector *kids;
	const char *enc;
	unsigned i;

	if (n->type != GUMBO_NODE_ELEMENT || depth > HTML_MAX_DEPTH)
		return NULL;
	if (named(n, "annotation") &&
	    (enc = html_attr(&n->v.element, "encoding")) != NULL &&
	    html_lower_eq(enc, TEX_ENCODING))
		return n;
	kids = &n->v.element.children;
	for (i = 0; i < kids->length; i++) {
		const GumboNode *a = tex_annotation(kids->data[i], depth + 1);

		if (a != NULL)
			return a;
	}
	return NULL;
}

bool
html_is_tex_script(const GumboNode *n)
{
	const char *type;

	return n->type == GUMBO_NODE_ELEMENT &&
	    n->v.element.tag == GUMBO_TAG_SCRIPT &&
	    (type = html_attr(&n->v.element, "type")) != NULL &&
	    strncasecmp(type, TEX_TYPE, strlen(TEX_TYPE)) == 0 &&
	    (type[strlen(TEX_TYPE)] == '\0' || type[strlen(TEX_TYPE)] == ';');
}

char *
html_math_text(const GumboNode *n)
{
	const GumboNode *src = NULL;
	struct tbuf b;
	char *t;

	if (html_is_tex_script(n))
		src = n;
	else if (n->type == GUMBO_NODE_ELEMENT && n->v.element.tag == GUMBO_TAG_MATH) {
		const char *alt = html_attr(&n->v.element, "alttext");

		/* no TeX annotation: the alttext MathML has for the same */
		if ((src = tex_annotation(n, 0)) == NULL && alt != NULL &&
		    (t = html_tex_text(alt)) != NULL)
			return t;
	} else
		return NULL;
	tbuf_init(&b, HTML_MAX_INPUT);
	if (src != NULL) {
		/* a script's or annotation's text is the source, read whole */
		const GumboVector *kids = &src->v.element.children;
		unsigned i;

		for (i = 0; i < kids->length; i++) {
			const GumboNode *k = kids->data[i];

			if ((k->type == GUMBO_NODE_TEXT || k->type == GUMBO_NODE_WHITESPACE) &&
			    !tbuf_adds(&b, k->v.text.text))
				break;
		}
	} else
		(void)add_text(&b, n, 0);	/* past the cap: what fit */
	t = tbuf_take(&b);
	if (src != NULL) {	/* TeX */
		char *tex = html_tex_text(t);

		free(t);
		return tex;
	}
	if (text_squeeze(t)[0] == '\0') {
		free(t);
		t = NULL;
	}
	return t;
}

/* The styles TeX sources are wrapped in whole, which say how big to draw
 * the formula, not what it is (Wikipedia's "{\displaystyle A}"). */
static const char *const tex_styles[] = {
	"\\displaystyle", "\\textstyle", "\\scriptstyle"
};

/* s without a "{\displaystyle ...}" around all of it (a balanced group). */
static void
unwrap_style(char *s)
{
	size_t n = strlen(s), i, k, depth = 0;

	if (n < 2 || s[0] != '{' || s[n - 1] != '}')
		return;
	for (i = 0; i < n; i++) {	/* the first brace must close at the end */
		depth += s[i] == '{';
		depth -= s[i] == '}';
		if (depth == 0 && i + 1 < n)
			return;
	}
	for (k = 0; k < sizeof(tex_styles) / sizeof(tex_styles[0]); k++) {
		size_t l = strlen(tex_styles[k]);

		if (strncmp(s + 1, tex_styles[k], l) != 0 ||
		    (s[1 + l] != ' ' && s[1 + l] != '{' && s[1 + l] != '\\'))
			continue;
		memmove(s, s + 1 + l, n - 2 - l);
		s[n - 2 - l] = '\0';
		(void)text_squeeze(s);
		return;
	}
}

char *
html_tex_text(const char *tex)
{
	char *t = text_squeeze(xstrdup(tex));

	unwrap_style(t);
	if (t[0] == '\0') {
		free(t);
		return NULL;
	}
	return t;
}
