/*
 * html/filter.c: what is left out or kept apart: ad and tracking links and
 * images, hidden elements, links that get no number, and the numbering of
 * the links that do.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gumbo.h>

#include "html.h"
#include "html_private.h"
#include "text.h"
#include "url.h"

/* ---- links and ads ------------------------------------------------------ */

enum ad_where {
	AD_HOST,	/* the host is pat or ends in "." pat */
	AD_HOST_START,	/* the host starts with pat */
	AD_PATH,	/* the path (and query) contains pat */
	AD_ANY		/* the whole URL contains pat */
};

/* Ad servers and tracking pixels; img: only for images (a link to an
 * article about pixels is not an ad). Patterns are lower case. */
static const struct ad_rule {
	const char *pat;
	enum ad_where where;
	bool img;
} ad_rules[] = {
	{ "doubleclick.net", AD_HOST, false },
	{ "googlesyndication.com", AD_HOST, false },
	{ "googleadservices.com", AD_HOST, false },
	{ "amazon-adsystem.com", AD_HOST, false },
	{ "adnxs.com", AD_HOST, false },
	{ "pheedo.com", AD_HOST, false },
	{ "da.feedsportal.com", AD_HOST, false },
	{ "pi.feedsportal.com", AD_HOST, true },
	{ "mf.feeds.reuters.com", AD_HOST, false },
	{ "stats.wordpress.com", AD_HOST, true },
	{ "pixel.wp.com", AD_HOST, true },
	{ "feeds.wordpress.com", AD_HOST, true },
	{ "ads.", AD_HOST_START, false },
	{ "adserver", AD_ANY, false },
	{ "feedburner.com/~a/", AD_ANY, false },
	{ "feedburner.com/~ff/", AD_ANY, false },
	{ "feedburner.com/~r/", AD_ANY, true },
	{ "/ads/", AD_PATH, false },
	{ "/adclick", AD_PATH, false },
	{ "/adview", AD_PATH, false },
	{ "/pixel.", AD_PATH, true },
	{ "/pixel?", AD_PATH, true },
	{ "/pixel/", AD_PATH, true },
	{ "pixel.", AD_HOST_START, true },
	{ "/1x1.", AD_PATH, true },
	{ "/beacon", AD_PATH, true },
	{ "/track/", AD_PATH, true },
	{ "/tracking/", AD_PATH, true },
};

static bool
host_is(const char *host, size_t n, const char *pat)
{
	size_t p = strlen(pat);

	return n >= p && memcmp(host + n - p, pat, p) == 0 &&
	    (n == p || host[n - p - 1] == '.');
}

bool
html_is_ad_url(const char *url, bool img)
{
	char low[URL_CHECK_MAX + 1];
	const char *host, *path;
	size_t i, nhost;

	for (i = 0; i < URL_CHECK_MAX && url[i] != '\0'; i++)
		low[i] = (url[i] >= 'A' && url[i] <= 'Z') ? url[i] + 32 : url[i];
	low[i] = '\0';
	url_host_path(low, &host, &nhost, &path);
	for (i = 0; i < sizeof(ad_rules) / sizeof(ad_rules[0]); i++) {
		const struct ad_rule *a = &ad_rules[i];

		if (a->img && !img)
			continue;
		switch (a->where) {
		case AD_HOST:
			if (host_is(host, nhost, a->pat))
				return true;
			break;
		case AD_HOST_START:
			if (nhost > strlen(a->pat) &&
			    strncmp(host, a->pat, strlen(a->pat)) == 0)
				return true;
			break;
		case AD_PATH:
			if (strstr(path, a->pat) != NULL)
				return true;
			break;
		case AD_ANY:
			if (strstr(low, a->pat) != NULL)
				return true;
			break;
		}
	}
	return false;
}

bool
html_lower_eq(const char *s, const char *lower)
{
	for (; *s != '\0' && *lower != '\0'; s++, lower++)
		if ((*s >= 'A' && *s <= 'Z' ? *s + 32 : *s) != *lower)
			return false;
	return *s == *lower;
}

const char *
html_attr(const GumboElement *el, const char *name)
{
	GumboAttribute *a = gumbo_get_attribute(&el->attributes, name);

	return a != NULL ? a->value : NULL;
}

/* style="display: none" and the like. */
static bool
style_hides(const char *style)
{
	char low[STYLE_CHECK_MAX + 1];
	size_t i, o = 0;

	for (i = 0; style[i] != '\0' && o < STYLE_CHECK_MAX; i++) {
		char c = style[i];

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f')
			continue;
		low[o++] = (c >= 'A' && c <= 'Z') ? c + 32 : c;
	}
	low[o] = '\0';
	return strstr(low, "display:none") != NULL ||
	    strstr(low, "visibility:hidden") != NULL;
}

bool
html_is_hidden(const GumboElement *el)
{
	const char *v;

	if (el->attributes.length == 0)
		return false;
	if (html_attr(el, "hidden") != NULL)
		return true;
	if ((v = html_attr(el, "aria-hidden")) != NULL && html_lower_eq(v, "true"))
		return true;
	return (v = html_attr(el, "style")) != NULL && style_hides(v);
}

static uint32_t
hash_str(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* url with each blank inside it as %20, as a browser sends it: a URL is
 * one word, so the "[n] URL" list never wraps it at a space. Takes url. */
static char *
blanks_encoded(char *url)
{
	struct tbuf b;
	const char *p;

	if (strpbrk(url, " \t\n\r\f\v") == NULL)
		return url;
	tbuf_init(&b, 3 * strlen(url) + 1);
	for (p = url; *p != '\0'; p++)
		if (!(strchr(" \t\n\r\f\v", *p) != NULL ?
		    tbuf_adds(&b, "%20") : tbuf_addc(&b, *p)))
			fatalx("html: link too long");
	free(url);
	return tbuf_take(&b);
}

/* The number (from 1) of url in the document's list, added if new; 0 when
 * the list is full. Takes url. */
size_t
html_link_number(struct render *r, char *url)
{
	struct html_doc *d = r->doc;
	size_t i, mask;

	url = blanks_encoded(url);

	if (r->hash_cap == 0 || (d->nlinks + 1) * 2 > r->hash_cap) {
		size_t cap = r->hash_cap ? r->hash_cap * 2 : 64;

		free(r->hash);
		r->hash = xcalloc(cap, sizeof(*r->hash));
		r->hash_cap = cap;
		for (i = 0; i < d->nlinks; i++) {
			size_t h = hash_str(d->links[i]) & (cap - 1);

			while (r->hash[h] != 0)
				h = (h + 1) & (cap - 1);
			r->hash[h] = (uint32_t)(i + 1);
		}
	}
	mask = r->hash_cap - 1;
	for (i = hash_str(url) & mask; r->hash[i] != 0; i = (i + 1) & mask)
		if (strcmp(d->links[r->hash[i] - 1], url) == 0) {
			free(url);
			return r->hash[i];
		}
	if (d->nlinks >= HTML_MAX_LINKS) {
		free(url);
		return 0;
	}
	if ((d->nlinks & (d->nlinks - 1)) == 0)	/* 0, 1, 2, 4...: grow */
		d->links = xreallocarray(d->links, d->nlinks ? d->nlinks * 2 : 1,
		    sizeof(*d->links));
	d->links[d->nlinks++] = url;
	r->hash[i] = (uint32_t)d->nlinks;
	return d->nlinks;
}

/* Schemes whose links are not worth a number. */
bool
html_unlisted(const char *url)
{
	static const char *const schemes[] = { "javascript:", "data:",
	    "vbscript:", "about:" };
	size_t i;

	if (url[0] == '#')
		return true;	/* a place in this same text */
	for (i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++) {
		size_t n = strlen(schemes[i]), j;

		for (j = 0; j < n && url[j] != '\0'; j++)
			if ((url[j] >= 'A' && url[j] <= 'Z' ? url[j] + 32 : url[j]) !=
			    schemes[i][j])
				break;
		if (j == n)
			return true;
	}
	return false;
}
