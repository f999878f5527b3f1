/*
 * feed.c: one feed document -> a struct feed and its items, with mxml's
 * SAX interface. No tree is kept: each element is handled as it opens and
 * closes, text is gathered only for the field being read, and an item is
 * handed over (or appended) as soon as it closes, so memory follows the
 * size of one item, not of the document.
 *
 * mxml knows no namespaces. Declarations are resolved here as elements
 * open, and every element is looked up by (namespace URI, local name):
 * m:starRating with xmlns:m="http://search.yahoo.com/mrss/" is
 * media:starRating. An undeclared prefix falls back to the namespace that
 * prefix conventionally names (content:encoded without xmlns:content).
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <mxml.h>

#include "feed_private.h"
#include "html.h"
#include "url.h"
#include "text.h"

/* The parent mxml loads the document under; see run(). */
#define TOP_NODE_NAME "tidings top"

#define FEED_MAX_BINDINGS 64	/* namespace declarations in scope; more are ignored */
#define HEAD_SNIFF 4096		/* bytes read from a descriptor to tell JSON from XML */
#define DURATION_FIELDS_MAX 3	/* H:MM:SS */
#define DURATION_MAX (1000LL * 24 * 3600) /* seconds; longer is no podcast's */
#define FEED_ROOT_NAME_MAX 64	/* bytes of an element name looked at for a feed root */
#define BASE64_BINARY_MIN 16	/* base64 characters before data that is no text is taken as binary */

/* Namespaces, by URI. The order is the sort order of the element table. */
enum ns {
	NS_NONE,	/* no namespace: RSS 0.9x/2.0 */
	NS_RSS,		/* RSS 1.0 and 0.90, Userland's RSS 2 */
	NS_ATOM,	/* Atom 1.0 */
	NS_ATOM03,	/* Atom 0.3 */
	NS_RDF,
	NS_DC,
	NS_DCTERMS,
	NS_CONTENT,
	NS_MEDIA,
	NS_ITUNES,
	NS_GD,
	NS_FEEDBURNER,
	NS_XHTML,
	NS_OTHER
};

/* URIs without their "http://" or "https://" and trailing '/', compared
 * without case: feeds spell them every way. */
static const struct {
	const char *uri;
	enum ns ns;
} ns_uris[] = {
	{ "purl.org/rss/1.0", NS_RSS },
	{ "my.netscape.com/rdf/simple/0.9", NS_RSS },
	{ "backend.userland.com/rss2", NS_RSS },
	{ "backend.userland.com/rss", NS_RSS },
	{ "blogs.law.harvard.edu/tech/rss", NS_RSS },
	{ "www.w3.org/2005/Atom", NS_ATOM },
	{ "purl.org/atom/ns#", NS_ATOM03 },
	{ "www.w3.org/1999/02/22-rdf-syntax-ns#", NS_RDF },
	{ "purl.org/dc/elements/1.1", NS_DC },
	{ "purl.org/dc/terms", NS_DCTERMS },
	{ "purl.org/rss/1.0/modules/content", NS_CONTENT },
	{ "search.yahoo.com/mrss", NS_MEDIA },
	{ "video.search.yahoo.com/mrss", NS_MEDIA },
	{ "tools.search.yahoo.com/mrss", NS_MEDIA },
	{ "www.itunes.com/dtds/podcast-1.0.dtd", NS_ITUNES },
	{ "schemas.google.com/g/2005", NS_GD },
	{ "rssnamespace.org/feedburner/ext/1.0", NS_FEEDBURNER },
	{ "www.w3.org/1999/xhtml", NS_XHTML },
};

/* What an undeclared prefix most likely meant. */
static const struct {
	const char *prefix;
	enum ns ns;
} ns_fallbacks[] = {
	{ "atom", NS_ATOM }, { "content", NS_CONTENT }, { "dc", NS_DC },
	{ "dcterms", NS_DCTERMS }, { "feedburner", NS_FEEDBURNER },
	{ "gd", NS_GD }, { "itunes", NS_ITUNES },
	{ "media", NS_MEDIA }, { "rdf", NS_RDF }, { "xhtml", NS_XHTML },
};

enum el {
	EL_OTHER,
	/* roots and containers */
	EL_RSS, EL_RDF, EL_FEED, EL_CHANNEL, EL_ITEM, EL_IMAGE, EL_PERSON,
	EL_MEDIA_GROUP, EL_MEDIA_COMMUNITY,
	/* text fields */
	EL_TITLE, EL_LINK, EL_DESCRIPTION, EL_SUMMARY, EL_CONTENT,
	EL_CONTENT_ENCODED, EL_AUTHOR, EL_EDITOR, EL_DC_CREATOR,
	EL_ITUNES_AUTHOR, EL_GUID, EL_ID, EL_CATEGORY, EL_DC_SUBJECT,
	EL_COMMENTS, EL_URL, EL_LOGO, EL_ICON, EL_SUBTITLE, EL_NAME, EL_EMAIL,
	EL_DC_TITLE, EL_DC_DESCRIPTION, EL_ITUNES_SUMMARY, EL_ITUNES_DURATION,
	EL_MEDIA_DESCRIPTION, EL_MEDIA_CREDIT, EL_MEDIA_KEYWORDS,
	EL_ITUNES_CATEGORY, EL_ORIGLINK,
	/* dates, in order of preference within each group */
	EL_PUBDATE, EL_PUBLISHED, EL_ISSUED, EL_DC_DATE, EL_CREATED,
	EL_UPDATED, EL_MODIFIED, EL_LASTBUILDDATE,
	/* attribute-only elements */
	EL_ENCLOSURE, EL_MEDIA_CONTENT, EL_MEDIA_THUMBNAIL, EL_STAR_RATING,
	EL_GD_RATING, EL_ITUNES_IMAGE,
	/* subtrees read as nothing (Atom source, RSS textinput) */
	EL_SKIP
};

/* Elements by (namespace, local name), sorted for bsearch: namespace
 * first, then strcmp order of the name. NS_NONE elements are looked up as
 * NS_RSS, and in an Atom document as NS_ATOM; NS_ATOM03 as NS_ATOM. */
static const struct element {
	enum ns ns;
	const char *name;
	enum el el;
} elements[] = {
	{ NS_RSS, "author", EL_AUTHOR },
	{ NS_RSS, "category", EL_CATEGORY },
	{ NS_RSS, "channel", EL_CHANNEL },
	{ NS_RSS, "comments", EL_COMMENTS },
	{ NS_RSS, "description", EL_DESCRIPTION },
	{ NS_RSS, "enclosure", EL_ENCLOSURE },
	{ NS_RSS, "guid", EL_GUID },
	{ NS_RSS, "image", EL_IMAGE },
	{ NS_RSS, "item", EL_ITEM },
	{ NS_RSS, "lastBuildDate", EL_LASTBUILDDATE },
	{ NS_RSS, "link", EL_LINK },
	{ NS_RSS, "managingEditor", EL_EDITOR },
	{ NS_RSS, "pubDate", EL_PUBDATE },
	{ NS_RSS, "rss", EL_RSS },
	{ NS_RSS, "source", EL_SKIP },
	{ NS_RSS, "textInput", EL_SKIP },
	{ NS_RSS, "textinput", EL_SKIP },
	{ NS_RSS, "title", EL_TITLE },
	{ NS_RSS, "url", EL_URL },
	{ NS_ATOM, "author", EL_PERSON },
	{ NS_ATOM, "category", EL_CATEGORY },
	{ NS_ATOM, "content", EL_CONTENT },
	{ NS_ATOM, "contributor", EL_PERSON },
	{ NS_ATOM, "created", EL_CREATED },
	{ NS_ATOM, "email", EL_EMAIL },
	{ NS_ATOM, "entry", EL_ITEM },
	{ NS_ATOM, "feed", EL_FEED },
	{ NS_ATOM, "icon", EL_ICON },
	{ NS_ATOM, "id", EL_ID },
	{ NS_ATOM, "issued", EL_ISSUED },
	{ NS_ATOM, "link", EL_LINK },
	{ NS_ATOM, "logo", EL_LOGO },
	{ NS_ATOM, "modified", EL_MODIFIED },
	{ NS_ATOM, "name", EL_NAME },
	{ NS_ATOM, "published", EL_PUBLISHED },
	{ NS_ATOM, "source", EL_SKIP },
	{ NS_ATOM, "subtitle", EL_SUBTITLE },
	{ NS_ATOM, "summary", EL_SUMMARY },
	{ NS_ATOM, "tagline", EL_SUBTITLE },
	{ NS_ATOM, "title", EL_TITLE },
	{ NS_ATOM, "updated", EL_UPDATED },
	{ NS_RDF, "RDF", EL_RDF },
	{ NS_DC, "author", EL_DC_CREATOR },
	{ NS_DC, "creator", EL_DC_CREATOR },
	{ NS_DC, "date", EL_DC_DATE },
	{ NS_DC, "description", EL_DC_DESCRIPTION },
	{ NS_DC, "subject", EL_DC_SUBJECT },
	{ NS_DC, "title", EL_DC_TITLE },
	{ NS_DCTERMS, "created", EL_CREATED },
	{ NS_DCTERMS, "issued", EL_ISSUED },
	{ NS_DCTERMS, "modified", EL_MODIFIED },
	{ NS_CONTENT, "encoded", EL_CONTENT_ENCODED },
	{ NS_MEDIA, "category", EL_DC_SUBJECT },
	{ NS_MEDIA, "community", EL_MEDIA_COMMUNITY },
	{ NS_MEDIA, "content", EL_MEDIA_CONTENT },
	{ NS_MEDIA, "credit", EL_MEDIA_CREDIT },
	{ NS_MEDIA, "description", EL_MEDIA_DESCRIPTION },
	{ NS_MEDIA, "group", EL_MEDIA_GROUP },
	{ NS_MEDIA, "keywords", EL_MEDIA_KEYWORDS },
	{ NS_MEDIA, "starRating", EL_STAR_RATING },
	{ NS_MEDIA, "thumbnail", EL_MEDIA_THUMBNAIL },
	{ NS_ITUNES, "author", EL_ITUNES_AUTHOR },
	{ NS_ITUNES, "category", EL_ITUNES_CATEGORY },
	{ NS_ITUNES, "duration", EL_ITUNES_DURATION },
	{ NS_ITUNES, "image", EL_ITUNES_IMAGE },
	{ NS_ITUNES, "summary", EL_ITUNES_SUMMARY },
	{ NS_GD, "rating", EL_GD_RATING },
	{ NS_FEEDBURNER, "origLink", EL_ORIGLINK },
};

/* What an open element is, given where it is. */
enum ctx {
	CTX_DOC,	/* above the root */
	CTX_RSS,	/* <rss> */
	CTX_RDF,	/* <rdf:RDF> */
	CTX_CHANNEL,	/* <channel>, or Atom's <feed> */
	CTX_ITEM,	/* <item>, <entry> */
	CTX_IMAGE,	/* the channel's <image> */
	CTX_PERSON,	/* Atom <author>, <contributor> */
	CTX_MEDIA,	/* media:group, media:community, media:content */
	CTX_CATEGORY,	/* an item's itunes:category: more may be nested */
	CTX_FIELD,	/* a text field, and markup inside it */
	CTX_IGNORE	/* everything below is skipped */
};

/* How the text of a field is written (Atom's type and mode attributes). */
enum ctype {
	CT_GUESS,	/* RSS: HTML if it reads as HTML */
	CT_TEXT,
	CT_HTML,
	CT_XHTML,	/* inline markup, serialized back to HTML */
	CT_BASE64_TEXT,
	CT_BASE64_HTML,
	CT_MAYBE_BASE64, /* another media type: base64 if it decodes to text */
	CT_BINARY	/* base64 of something that is no text: not shown */
};

/*
 * Preference among the sources of one field: each enum lists them in
 * order, the first preferred. A value replaces the field only when it
 * comes from a source earlier in its enum than the one that set it (so
 * of two equal sources the first in the document stays). PRIO_NONE is
 * later than all: any source sets an empty field.
 */
enum {
	PRIO_NONE = 100
};
/* feedburner:origLink is the story itself; the RSS link, a tracking
 * redirect to it. */
enum link_prio { LINK_ORIGLINK, LINK_RSS, LINK_ALTERNATE_HTML, LINK_ALTERNATE_OTHER };
enum summary_prio { SUMMARY_DESCRIPTION = 1, SUMMARY_DC_DESCRIPTION, SUMMARY_ITUNES };
enum content_prio { CONTENT_ENCODED = 1, CONTENT_MEDIA_DESCRIPTION };
enum desc_prio { DESC_DESCRIPTION = 1, DESC_DC_DESCRIPTION, DESC_ITUNES_SUMMARY };
enum image_prio { IMAGE_RSS_OR_LOGO = 1, IMAGE_ITUNES, IMAGE_ICON, IMAGE_MEDIA_CONTENT,
	IMAGE_MEDIA_THUMBNAIL };
/* The feed's date: when it last changed, else when it was published. */
enum feed_date_prio { FDATE_UPDATED = 1, FDATE_MODIFIED, FDATE_PUBLISHED, FDATE_PUBDATE };
/* An item's published and updated dates: the order of the date elements in
 * enum el (EL_PUBLISHED.., EL_UPDATED..) is their preference. */
#define DATE_PRIO(el, first) ((int)(el) - (int)(first) + 1)
/* dc:date is an item's updated date after all of those (and its published
 * date when it has no other, as gofeed reads it). */
#define DC_DATE_UPDATED_PRIO (DATE_PRIO(EL_LASTBUILDDATE, EL_UPDATED) + 1)

struct frame {
	enum ctx ctx;
	enum el el;		/* for CTX_FIELD: the field being read */
	enum ctype ctype;
	bool in_item;		/* the item's fields, not the channel's */
	bool capture_root;	/* the element whose text is gathered */
	bool skip_tag;		/* the xhtml <div> wrapper: only its children */
	bool void_tag;		/* <br> and the like: no end tag */
	bool own_base;		/* base was set by this element's xml:base */
	bool explicit_base;	/* some xml:base is in scope */
	bool person_contrib;	/* CTX_PERSON: a contributor */
	const char *base;	/* for relative URLs */
	char *media_type;	/* CT_MAYBE_BASE64: the type attribute, for CT_BINARY */
	size_t nbindings;	/* namespace bindings in scope at open */
};

struct binding {
	char *prefix;		/* "" for the default namespace */
	enum ns ns;
};

/* An item while it is read: the model, plus what only parsing needs. */
struct item_state {
	struct feed_item it;
	int prio_published, prio_updated, prio_summary, prio_content, prio_link;
	int prio_image;
	struct tbuf authors, contributors;
	char *itunes_author;
	char *guid;
	bool guid_permalink;
	char *dc_title;
};

struct parser {
	struct feed *feed;
	struct feed_input *in;
	feed_item_fn on_item;
	void *arg;
	bool keep_items;
	size_t items_cap;

	struct frame frames[FEED_MAX_DEPTH + 1];
	int depth;		/* frames[depth - 1] is the open element */
	struct binding bindings[FEED_MAX_BINDINGS];
	size_t nbindings;

	struct tbuf text;	/* the field being read */
	struct item_state item;
	bool in_item;

	/* channel fields that come from several sources */
	int prio_feed_link, prio_feed_image, prio_feed_updated, prio_feed_desc;
	char *feed_author;

	/* the Atom person being read */
	char *person_name, *person_email;

	enum feed_result error;
	int errline;
	char *mxml_error;	/* mxml's first complaint */
	bool not_feed;
	char *wrapper;		/* the first root that was no feed */
	char *wrapper_warning;	/* a feed was found inside it */
	char *unclosed_warning;	/* items were read inside an unclosed element */
	int channel_depth;	/* open channels (or Atom feeds) */
	bool root_seen;
	bool any_field;
	bool field_cut;		/* a field passed FEED_MAX_FIELD */
};

/* mxml reports errors through a global callback without user data; one
 * parse runs at a time (no threads), and this points at it. */
static struct parser *current_parser;

/* ---- small helpers ------------------------------------------------------ */

static void
text_add(struct tbuf *b, const char *s, size_t n)
{
	/* Past FEED_MAX_FIELD the field is cut, not lost. */
	if (!tbuf_add(b, s, n))
		return;
}

static void
text_add_escaped(struct tbuf *b, const char *s, bool attr)
{
	const char *run = s;

	for (; *s != '\0'; s++) {
		const char *rep = NULL;

		switch (*s) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = attr ? "&quot;" : NULL;
			break;
		default:
			break;
		}
		if (rep == NULL)
			continue;
		text_add(b, run, (size_t)(s - run));
		text_add(b, rep, strlen(rep));
		run = s + 1;
	}
	text_add(b, run, (size_t)(s - run));
}

static void
set_string(char **dst, char *s)
{
	free(*dst);
	*dst = s;
}

/* A copy of s with blanks squeezed; NULL when nothing is left. */
static char *
squeezed(const char *s)
{
	char *c = xstrdup(s);

	text_squeeze(c);
	if (*c == '\0') {
		free(c);
		return NULL;
	}
	return c;
}

/* A decimal number as feeds write it, whatever the locale; false when
 * s is not one. */
static bool
parse_number(const char *s, double *out)
{
	double v = 0, scale = 1;
	bool neg = false, digits = false;

	if (s == NULL)
		return false;
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	for (; *s >= '0' && *s <= '9'; s++, digits = true) {
		if (v < 1e15)
			v = v * 10 + (*s - '0');
	}
	if (*s == '.') {
		for (s++; *s >= '0' && *s <= '9'; s++, digits = true) {
			scale /= 10;
			v += (*s - '0') * scale;
		}
	}
	while (*s == ' ' || *s == '\t')
		s++;
	if (!digits || *s != '\0')
		return false;
	*out = neg ? -v : v;
	return true;
}

static long long
parse_count(const char *s)
{
	double v;

	if (!parse_number(s, &v) || v < 0 || v > 9e15 || v != floor(v))
		return -1;
	return (long long)v;
}

/* itunes:duration: "H:MM:SS", "MM:SS" or seconds ("1:02:03.5" drops the
 * fraction); -1 when it is none of these. */
static long long
parse_duration(const char *s)
{
	long long total = 0, part;
	int fields = 0;

	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	do {
		if (*s < '0' || *s > '9' || ++fields > DURATION_FIELDS_MAX)
			return -1;
		for (part = 0; *s >= '0' && *s <= '9'; s++) {
			if (part > DURATION_MAX)
				return -1;
			part = part * 10 + (*s - '0');
		}
		total = total * 60 + part;
	} while (*s == ':' && *++s != '\0');
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++)
			;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	return *s == '\0' && total <= DURATION_MAX ? total : -1;
}

/* 64-bit FNV-1a, for ids of items that have none. */
static uint64_t
fnv1a(uint64_t h, const char *s)
{
	for (; s != NULL && *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* ---- namespaces --------------------------------------------------------- */

static enum ns
ns_from_uri(const char *uri)
{
	size_t i, n;

	if (strncasecmp(uri, "http://", STRLEN("http://")) == 0)
		uri += STRLEN("http://");
	else if (strncasecmp(uri, "https://", STRLEN("https://")) == 0)
		uri += STRLEN("https://");
	n = strlen(uri);
	while (n > 0 && (uri[n - 1] == '/' || uri[n - 1] == ' '))
		n--;
	for (i = 0; i < sizeof(ns_uris) / sizeof(ns_uris[0]); i++) {
		if (strlen(ns_uris[i].uri) == n &&
		    strncasecmp(uri, ns_uris[i].uri, n) == 0)
			return ns_uris[i].ns;
	}
	return NS_OTHER;
}

static void
bind(struct parser *p, const char *prefix, const char *uri)
{
	struct binding *b;

	if (p->nbindings >= FEED_MAX_BINDINGS)
		return;
	b = &p->bindings[p->nbindings++];
	b->prefix = xstrdup(prefix);
	b->ns = uri[0] == '\0' ? NS_NONE : ns_from_uri(uri);
}

static void
unbind_to(struct parser *p, size_t n)
{
	while (p->nbindings > n)
		free(p->bindings[--p->nbindings].prefix);
}

/* The namespace of prefix[0..n) ("" for none). */
static enum ns
resolve_prefix(const struct parser *p, const char *prefix, size_t n)
{
	size_t i;

	for (i = p->nbindings; i > 0; i--) {
		const struct binding *b = &p->bindings[i - 1];

		if (strlen(b->prefix) == n && strncmp(b->prefix, prefix, n) == 0)
			return b->ns;
	}
	if (n == 0)
		return NS_NONE;
	for (i = 0; i < sizeof(ns_fallbacks) / sizeof(ns_fallbacks[0]); i++) {
		if (strlen(ns_fallbacks[i].prefix) == n &&
		    strncasecmp(ns_fallbacks[i].prefix, prefix, n) == 0)
			return ns_fallbacks[i].ns;
	}
	return NS_OTHER;
}

static int
element_cmp(const void *key, const void *elem)
{
	const struct element *a = key, *b = elem;

	if (a->ns != b->ns)
		return a->ns < b->ns ? -1 : 1;
	return strcmp(a->name, b->name);
}

/* The element name (with its prefix) as the model knows it. */
static enum el
lookup_element(const struct parser *p, const char *qname, enum ns *nsp)
{
	const char *colon = strchr(qname, ':');
	struct element key, *e;

	if (colon != NULL) {
		key.ns = resolve_prefix(p, qname, (size_t)(colon - qname));
		key.name = colon + 1;
	} else {
		key.ns = resolve_prefix(p, "", 0);
		key.name = qname;
	}
	*nsp = key.ns;
	if (key.ns == NS_NONE || key.ns == NS_RSS)
		key.ns = p->feed->kind == FEED_ATOM && p->root_seen ? NS_ATOM : NS_RSS;
	else if (key.ns == NS_ATOM03)
		key.ns = NS_ATOM;
	e = bsearch(&key, elements, sizeof(elements) / sizeof(elements[0]),
	    sizeof(elements[0]), element_cmp);
	return e != NULL ? e->el : EL_OTHER;
}

/* ---- the model ---------------------------------------------------------- */

static void
item_state_init(struct item_state *s)
{
	memset(s, 0, sizeof(*s));
	s->it.published = s->it.updated = FEED_NO_DATE;
	s->it.rating.count = -1;
	s->prio_published = s->prio_updated = s->prio_summary =
	    s->prio_content = s->prio_link = s->prio_image = PRIO_NONE;
	s->it.duration = -1;
	tbuf_init(&s->authors, FEED_MAX_FIELD);
	tbuf_init(&s->contributors, FEED_MAX_FIELD);
	s->guid_permalink = true;
}

static void
item_state_clear(struct item_state *s)
{
	feed_item_clear(&s->it);
	tbuf_free(&s->authors);
	tbuf_free(&s->contributors);
	free(s->itunes_author);
	free(s->guid);
	free(s->dc_title);
	item_state_init(s);
}

/* Add name to a ", "-joined list unless it is there already. */
static void
add_name(struct tbuf *b, const char *name)
{
	const char *s = tbuf_str(b), *hit;
	size_t n = strlen(name), count = 1;

	/* As many names as FEED_MAX_LIST: the search below stays short. */
	for (hit = s; (hit = strstr(hit, ", ")) != NULL; hit += 2)
		count++;
	if (b->len > 0 && count >= FEED_MAX_LIST)
		return;

	for (hit = strstr(s, name); hit != NULL; hit = strstr(hit + 1, name)) {
		if ((hit == s || (hit >= s + 2 && hit[-2] == ',' && hit[-1] == ' ')) &&
		    (hit[n] == '\0' || hit[n] == ','))
			return;
	}
	if (b->len > 0)
		text_add(b, ", ", STRLEN(", "));
	text_add(b, name, n);
}

void
feed_item_add_category(struct feed_item *it, char *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < it->ncategories; i++) {
		if (strcmp(it->categories[i], c) == 0)
			break;
	}
	if (i < it->ncategories || it->ncategories >= FEED_MAX_LIST) {
		free(c);
		return;
	}
	it->categories = xreallocarray(it->categories, it->ncategories + 1,
	    sizeof(*it->categories));
	it->categories[it->ncategories++] = c;
}

void
feed_item_add_enclosure(struct feed_item *it, char *url, const char *type,
    long long length)
{
	struct feed_enclosure *e;
	size_t i;

	if (url == NULL)
		return;
	for (i = 0; i < it->nenclosures; i++) {
		if (strcmp(it->enclosures[i].url, url) == 0)
			break;
	}
	if (i < it->nenclosures || it->nenclosures >= FEED_MAX_LIST) {
		free(url);
		return;
	}
	it->enclosures = xreallocarray(it->enclosures, it->nenclosures + 1,
	    sizeof(*it->enclosures));
	e = &it->enclosures[it->nenclosures++];
	e->url = url;
	e->type = type != NULL && *type != '\0' ? xstrdup(type) : NULL;
	e->length = length;
}

/* An absolute URL for ref, against the element's base. */
static char *
resolve(const struct frame *f, const char *ref)
{
	char *s, *r;

	if (ref == NULL || (s = squeezed(ref)) == NULL)
		return NULL;
	r = url_resolve(f->base, s);
	free(s);
	if (r != NULL && *r == '\0') {
		free(r);
		r = NULL;
	}
	return r;
}

/* Rating attributes (average, min, max and count under the name given). */
static void
read_rating(struct parser *p, mxml_node_t *node, const char *count_attr)
{
	struct feed_rating *r = &p->item.it.rating;
	double avg, min, max;

	if (r->present)
		return;
	if (!parse_number(mxmlElementGetAttr(node, "average"), &avg) ||
	    !parse_number(mxmlElementGetAttr(node, "min"), &min) ||
	    !parse_number(mxmlElementGetAttr(node, "max"), &max))
		return;
	/* A scale that makes no sense gives no rating, not a wrong one. */
	if (!isfinite(avg) || !(max > min) || avg < min || avg > max)
		return;
	r->present = true;
	r->average = avg;
	r->min = min;
	r->max = max;
	r->count = parse_count(mxmlElementGetAttr(node, count_attr));
}

static void
set_feed_image(struct parser *p, char *url, int prio)
{
	if (url == NULL || prio >= p->prio_feed_image) {
		free(url);
		return;
	}
	set_string(&p->feed->image, url);
	p->prio_feed_image = prio;
}

static void
set_item_image(struct parser *p, char *url, int prio)
{
	if (url == NULL || prio >= p->item.prio_image) {
		free(url);
		return;
	}
	set_string(&p->item.it.image, url);
	p->item.prio_image = prio;
}

/* Atom <link>, in an Atom document or as atom:link in RSS. */
static void
read_atom_link(struct parser *p, const struct frame *f, mxml_node_t *node,
    bool in_item)
{
	const char *rel = mxmlElementGetAttr(node, "rel");
	const char *type = mxmlElementGetAttr(node, "type");
	char *href = resolve(f, mxmlElementGetAttr(node, "href"));
	int prio;

	if (href == NULL)
		return;
	if (rel == NULL || *rel == '\0' || strcasecmp(rel, "alternate") == 0) {
		/* The first alternate link wins; an HTML one over others. */
		prio = type == NULL || strncasecmp(type, "text/html", STRLEN("text/html")) == 0 ?
		    LINK_ALTERNATE_HTML : LINK_ALTERNATE_OTHER;
		if (in_item && prio < p->item.prio_link) {
			set_string(&p->item.it.link, href);
			p->item.prio_link = prio;
			return;
		}
		if (!in_item && prio < p->prio_feed_link) {
			set_string(&p->feed->link, href);
			p->prio_feed_link = prio;
			return;
		}
	} else if (in_item && strcasecmp(rel, "enclosure") == 0) {
		feed_item_add_enclosure(&p->item.it, href, type,
		    parse_count(mxmlElementGetAttr(node, "length")));
		return;
	} else if (in_item && strcasecmp(rel, "replies") == 0 &&
	    (type == NULL || strncasecmp(type, "text/html", STRLEN("text/html")) == 0) &&
	    p->item.it.comments == NULL) {
		p->item.it.comments = href;
		return;
	}
	free(href);
}

/* media:content: an enclosure in an item, maybe the image of a channel. */
static void
read_media_content(struct parser *p, const struct frame *f, mxml_node_t *node,
    bool in_item)
{
	const char *type = mxmlElementGetAttr(node, "type");
	const char *medium = mxmlElementGetAttr(node, "medium");
	char *url = resolve(f, mxmlElementGetAttr(node, "url"));

	if (in_item) {
		feed_item_add_enclosure(&p->item.it, url, type,
		    parse_count(mxmlElementGetAttr(node, "fileSize")));
	} else if ((medium != NULL && strcmp(medium, "image") == 0) ||
	    (type != NULL && strncmp(type, "image/", STRLEN("image/")) == 0)) {
		set_feed_image(p, url, IMAGE_MEDIA_CONTENT);
	} else {
		free(url);
	}
}

/* The content type of a text construct from its attributes. */
static enum ctype
text_type(mxml_node_t *node, enum ctype dflt)
{
	const char *type = mxmlElementGetAttr(node, "type");
	const char *mode = mxmlElementGetAttr(node, "mode");
	bool html;

	if (mode != NULL && strcasecmp(mode, "base64") == 0) {
		html = type != NULL && strcasestr(type, "html") != NULL;
		if (html)
			return CT_BASE64_HTML;
		/* An image or a program may hide here: settled on what
		 * it decodes to. */
		return type == NULL || strncasecmp(type, "text", STRLEN("text")) == 0 ||
		    strcasestr(type, "xml") != NULL ? CT_BASE64_TEXT : CT_MAYBE_BASE64;
	}
	if (mode != NULL && strcasecmp(mode, "xml") == 0)
		return CT_XHTML;
	if (type == NULL || *type == '\0')
		return mode != NULL && strcasecmp(mode, "escaped") == 0 ?
		    CT_HTML : dflt;
	if (strcasecmp(type, "text") == 0 || strcasecmp(type, "text/plain") == 0)
		return CT_TEXT;
	if (strcasecmp(type, "html") == 0 || strcasecmp(type, "text/html") == 0)
		return CT_HTML;
	if (strcasecmp(type, "xhtml") == 0 ||
	    strcasecmp(type, "application/xhtml+xml") == 0)
		return mode != NULL && strcasecmp(mode, "escaped") == 0 ?
		    CT_HTML : CT_XHTML;
	if (strncasecmp(type, "text/", STRLEN("text/")) == 0)
		return CT_TEXT;
	if (strcasestr(type, "xml") != NULL)
		return CT_XHTML;
	/* Atom 1.0 says base64 for any other type; feeds put text there. */
	return CT_MAYBE_BASE64;
}

/* true when s has no U+FFFD (what invalid UTF-8 became) and no control
 * character but blanks: text, not the bytes of an image. */
static bool
decoded_is_text(const char *s)
{
	const unsigned char *u;

	if (strstr(s, TEXT_REPLACEMENT) != NULL)
		return false;
	for (u = (const unsigned char *)s; *u != '\0'; u++) {
		if ((*u < 0x20 && *u != '\t' && *u != '\n' && *u != '\r') || *u == 0x7f)
			return false;
	}
	return true;
}

/* CT_MAYBE_BASE64 settled: base64 that decodes to text is that text;
 * base64 of anything else is CT_BINARY, never shown as it decodes; what
 * is no base64 at all is text as it is. */
static enum ctype
settle_base64(const char *s)
{
	size_t n = 0, i;
	char *d;
	bool text;

	for (i = 0; s[i] != '\0'; i++) {
		char c = s[i];

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
			continue;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '='))
			return CT_TEXT;
		n++;
	}
	if (n == 0 || n % 4 != 0)
		return CT_TEXT;
	d = feed_base64_decode(s);
	text = decoded_is_text(d);
	free(d);
	if (text)
		return CT_BASE64_TEXT;
	/* "test" is base64 too: a short word is text, not data. */
	return n >= BASE64_BINARY_MIN ? CT_BINARY : CT_TEXT;
}

/* HTML as one line of plain text, as html_to_text reads it for summaries
 * (so a title and a summary decode an entity the same way), blanks
 * squeezed. */
static char *
plain_from_html(const char *s)
{
	return text_squeeze(html_to_text(s, strlen(s)));
}

/* The gathered text as plain text; NULL when empty. */
static char *
field_plain(const char *s, enum ctype ct)
{
	char *d, *r = NULL;

	switch (ct) {
	case CT_MAYBE_BASE64:
	case CT_BINARY:
		return NULL;	/* settled by finish_field */
	case CT_TEXT:
		return squeezed(s);
	case CT_HTML:
	case CT_XHTML:
		r = plain_from_html(s);
		break;
	case CT_GUESS:
		if (!feed_looks_like_html(s))
			return squeezed(s);
		r = plain_from_html(s);
		break;
	case CT_BASE64_TEXT:
	case CT_BASE64_HTML:
		d = feed_base64_decode(s);
		r = field_plain(d, ct == CT_BASE64_HTML ? CT_HTML : CT_GUESS);
		free(d);
		return r;
	}
	if (r != NULL && *r == '\0') {
		free(r);
		return NULL;
	}
	return r;
}

/* The gathered text as HTML; NULL when empty. */
static char *
field_html(const char *s, enum ctype ct)
{
	char *d, *r;
	const char *t;

	for (t = s; *t == ' ' || *t == '\t' || *t == '\n' || *t == '\r'; t++)
		;
	if (*t == '\0')
		return NULL;
	switch (ct) {
	case CT_MAYBE_BASE64:
	case CT_BINARY:
		return NULL;	/* settled by finish_field */
	case CT_TEXT:
		return feed_text_to_html(s);
	case CT_GUESS:
	case CT_HTML:
	case CT_XHTML:
		return xstrdup(s);
	case CT_BASE64_TEXT:
	case CT_BASE64_HTML:
		d = feed_base64_decode(s);
		r = field_html(d, ct == CT_BASE64_HTML ? CT_HTML : CT_GUESS);
		free(d);
		return r;
	}
	return NULL;
}

static void
set_item_html(char **dst, int *prio, int want, char *s)
{
	if (s == NULL || want >= *prio) {
		free(s);
		return;
	}
	set_string(dst, s);
	*prio = want;
}

static void
set_date(int64_t *dst, int *prio, int want, const char *s)
{
	int64_t t;

	if (want >= *prio || (t = feed_parse_date(s)) == FEED_NO_DATE)
		return;
	*dst = t;
	*prio = want;
}

/* An RSS <link>: of several, the last wins, as in gofeed; never over
 * feedburner:origLink. */
static void
set_rss_link(struct parser *p, char *v, bool item)
{
	if (v == NULL)
		return;
	if (item && p->item.prio_link < LINK_RSS) {
		free(v);
		return;
	}
	if (item) {
		set_string(&p->item.it.link, v);
		p->item.prio_link = LINK_RSS;
	} else {
		set_string(&p->feed->link, v);
		p->prio_feed_link = LINK_RSS;
	}
}

/* An RSS <author> or <managingEditor> is an email address, then maybe
 * the name in brackets ("ann@example.org (Ann Smith)"): the name when
 * there is one. v is taken over; a new string is returned. */
static char *
rss_person_name(char *v)
{
	const char *open = strchr(v, '(');
	size_t n = strlen(v), email;
	char *name;

	if (open == NULL || v[n - 1] != ')')
		return v;
	/* Before the bracket one word with an '@' (v is squeezed). */
	email = (size_t)(open - v);
	if (email > 0 && v[email - 1] == ' ')
		email--;
	if (email == 0 || memchr(v, '@', email) == NULL || memchr(v, ' ', email) != NULL)
		return v;
	name = xstrndup(open + 1, (size_t)(v + n - 1 - (open + 1)));
	free(v);
	if ((v = squeezed(name)) == NULL)
		return name;
	free(name);
	return v;
}

/* The address of an RSS <author>: v (squeezed) when it is one word with
 * an '@', alone or before the bracketed name. A new string, or NULL. */
static char *
rss_person_email(const char *v)
{
	size_t email = strcspn(v, " (");
	const char *rest = v + email;

	if (email == 0 || memchr(v, '@', email) == NULL)
		return NULL;
	if (*rest == ' ')
		rest++;
	if (*rest != '\0' && (*rest != '(' || v[strlen(v) - 1] != ')'))
		return NULL;
	return xstrndup(v, email);
}

/* media:keywords: a comma-separated list, each one a category. */
static void
add_keywords(struct feed_item *it, const char *s)
{
	const char *comma;
	char *k;

	for (; *s != '\0'; s = *comma != '\0' ? comma + 1 : comma) {
		comma = strchr(s, ',');
		if (comma == NULL)
			comma = s + strlen(s);
		k = xstrndup(s, (size_t)(comma - s));
		feed_item_add_category(it, squeezed(k));
		free(k);
	}
}

/* A text field closed: store it where it belongs. */
static void
finish_field(struct parser *p, const struct frame *f)
{
	struct item_state *is = &p->item;
	struct feed_item *it = &is->it;
	struct feed *feed = p->feed;
	const char *s = tbuf_str(&p->text);
	bool item = f->in_item;
	enum ctype ct = f->ctype;
	char *v, *binary = NULL;

	p->any_field = true;
	if (ct == CT_MAYBE_BASE64 && (ct = settle_base64(s)) == CT_BINARY) {
		binary = xasprintf("[binary content: %s]",
		    f->media_type != NULL ? f->media_type : "unknown type");
		s = binary;
		ct = CT_TEXT;
	}
	switch (f->el) {
	case EL_TITLE:
		v = field_plain(s, ct);
		set_string(item ? &it->title : &feed->title, v);
		break;
	case EL_DC_TITLE:
		if (item)
			set_string(&is->dc_title, field_plain(s, ct));
		else if (feed->title == NULL)
			feed->title = field_plain(s, ct);
		break;
	case EL_LINK:
		set_rss_link(p, resolve(f, s), item);
		break;
	case EL_DESCRIPTION:
	case EL_SUMMARY:
	case EL_SUBTITLE:
		if (item) {
			set_item_html(&it->summary, &is->prio_summary,
			    SUMMARY_DESCRIPTION, field_html(s, ct));
		} else if (p->prio_feed_desc > DESC_DESCRIPTION &&
		    (v = field_plain(s, ct)) != NULL) {
			set_string(&feed->description, v);
			p->prio_feed_desc = DESC_DESCRIPTION;
		}
		break;
	case EL_DC_DESCRIPTION:
		if (item)
			set_item_html(&it->summary, &is->prio_summary,
			    SUMMARY_DC_DESCRIPTION, field_html(s, ct));
		else if (p->prio_feed_desc > DESC_DC_DESCRIPTION &&
		    (v = field_plain(s, ct)) != NULL) {
			set_string(&feed->description, v);
			p->prio_feed_desc = DESC_DC_DESCRIPTION;
		}
		break;
	case EL_CONTENT:
	case EL_CONTENT_ENCODED:
		if (item)
			set_item_html(&it->content, &is->prio_content,
			    CONTENT_ENCODED, field_html(s, ct));
		break;
	case EL_MEDIA_DESCRIPTION:
		if (item)
			set_item_html(&it->content, &is->prio_content,
			    CONTENT_MEDIA_DESCRIPTION, field_html(s, ct));
		break;
	case EL_ITUNES_SUMMARY:
		/* A summary when there is no other (as gofeed reads it). */
		if (item)
			set_item_html(&it->summary, &is->prio_summary,
			    SUMMARY_ITUNES, field_html(s, CT_TEXT));
		else if (p->prio_feed_desc > DESC_ITUNES_SUMMARY &&
		    (v = field_plain(s, CT_TEXT)) != NULL) {
			set_string(&feed->description, v);
			p->prio_feed_desc = DESC_ITUNES_SUMMARY;
		}
		break;
	case EL_AUTHOR:
	case EL_EDITOR:
	case EL_DC_CREATOR:
	case EL_MEDIA_CREDIT:
		if ((v = field_plain(s, ct)) == NULL)
			break;
		if (item && f->el == EL_AUTHOR && it->author_email == NULL)
			it->author_email = rss_person_email(v);
		if (f->el == EL_AUTHOR || f->el == EL_EDITOR)
			v = rss_person_name(v);
		if (item)
			add_name(&is->authors, v);
		else if (feed->author == NULL)
			feed->author = xstrdup(v);
		free(v);
		break;
	case EL_ITUNES_AUTHOR:
		if ((v = field_plain(s, ct)) == NULL)
			break;
		if (item && is->itunes_author == NULL)
			is->itunes_author = v;
		else if (!item && feed->author == NULL)
			feed->author = v;
		else
			free(v);
		break;
	case EL_NAME:
		set_string(&p->person_name, field_plain(s, CT_TEXT));
		break;
	case EL_EMAIL:
		set_string(&p->person_email, field_plain(s, CT_TEXT));
		break;
	case EL_GUID:
		if (item && is->guid == NULL)
			is->guid = squeezed(s);
		break;
	case EL_ID:
		if (item && is->guid == NULL) {
			/* As gofeed does: an id is relative to an explicit
			 * xml:base, never to the feed's URL. */
			is->guid = f->explicit_base ? resolve(f, s) : squeezed(s);
			is->guid_permalink = false;
		}
		break;
	case EL_CATEGORY:
	case EL_DC_SUBJECT:
		if (item)
			feed_item_add_category(it, field_plain(s, ct));
		break;
	case EL_MEDIA_KEYWORDS:
		if (item)
			add_keywords(it, s);
		break;
	case EL_ORIGLINK:
		if (item && (v = resolve(f, s)) != NULL) {
			set_string(&it->link, v);
			is->prio_link = LINK_ORIGLINK;
		}
		break;
	case EL_ITUNES_DURATION:
		if (item && it->duration < 0)
			it->duration = parse_duration(s);
		break;
	case EL_COMMENTS:
		if (item && it->comments == NULL)
			it->comments = resolve(f, s);
		break;
	case EL_URL:
	case EL_LOGO:
		set_feed_image(p, resolve(f, s), IMAGE_RSS_OR_LOGO);
		break;
	case EL_ICON:
		set_feed_image(p, resolve(f, s), IMAGE_ICON);
		break;
	case EL_PUBDATE:
		if (item)
			set_date(&it->published, &is->prio_published,
			    DATE_PRIO(EL_PUBLISHED, EL_PUBLISHED), s);
		else
			set_date(&feed->updated, &p->prio_feed_updated, FDATE_PUBDATE, s);
		break;
	case EL_PUBLISHED:
	case EL_ISSUED:
	case EL_DC_DATE:
	case EL_CREATED:
		if (item && f->el == EL_DC_DATE)
			set_date(&it->updated, &is->prio_updated,
			    DC_DATE_UPDATED_PRIO, s);
		if (item)
			set_date(&it->published, &is->prio_published,
			    DATE_PRIO(f->el, EL_PUBLISHED), s);
		else
			set_date(&feed->updated, &p->prio_feed_updated, FDATE_PUBLISHED, s);
		break;
	case EL_UPDATED:
	case EL_MODIFIED:
	case EL_LASTBUILDDATE:
		if (item)
			set_date(&it->updated, &is->prio_updated,
			    DATE_PRIO(f->el, EL_UPDATED), s);
		else
			set_date(&feed->updated, &p->prio_feed_updated,
			    f->el == EL_MODIFIED ? FDATE_MODIFIED : FDATE_UPDATED, s);
		break;
	default:
		break;
	}
	free(binary);
}

char *
feed_item_default_id(const struct feed_item *it)
{
	char date[21];
	uint64_t h = 0xcbf29ce484222325ULL;

	if (it->link != NULL)
		return xstrdup(it->link);
	h = fnv1a(h, it->title);
	h = fnv1a(h, "\n");
	h = fnv1a(h, feed_format_date(it->published != FEED_NO_DATE ?
	    it->published : it->updated, date));
	if (it->title == NULL)
		h = fnv1a(h, it->summary != NULL ? it->summary : it->content);
	return xasprintf("%016llx", (unsigned long long)h);
}

/* The last touches of an item, then hand it over. */
static void
finish_item(struct parser *p)
{
	struct item_state *is = &p->item;
	struct feed_item *it = &is->it;

	/* One more than FEED_MAX_ITEMS: the stream stops, but mxml goes on
	 * to the end of the chunk it holds; none of that is kept. */
	if (p->feed->nitems >= FEED_MAX_ITEMS) {
		if (p->feed->warning == NULL)
			p->feed->warning = xasprintf("more than %d items; the rest "
			    "was left out", FEED_MAX_ITEMS);
		feed_input_stop(p->in);
		item_state_clear(is);
		return;
	}
	if (it->title == NULL && is->dc_title != NULL) {
		it->title = is->dc_title;
		is->dc_title = NULL;
	}
	/* A permalink guid is the link when there is no other. */
	if (it->link == NULL && is->guid != NULL && is->guid_permalink &&
	    (strncmp(is->guid, "http://", STRLEN("http://")) == 0 ||
	    strncmp(is->guid, "https://", STRLEN("https://")) == 0))
		it->link = xstrdup(is->guid);
	if (is->authors.len > 0)
		it->author = tbuf_take(&is->authors);
	else if (is->contributors.len > 0)
		it->author = tbuf_take(&is->contributors);
	else if (is->itunes_author != NULL) {
		it->author = is->itunes_author;
		is->itunes_author = NULL;
	} else if (p->feed->kind == FEED_ATOM && p->feed_author != NULL)
		it->author = xstrdup(p->feed_author);
	if (is->guid != NULL) {
		it->id = is->guid;
		is->guid = NULL;
	} else {
		it->id = feed_item_default_id(it);
	}

	if (p->keep_items) {
		struct feed *f = p->feed;

		if (f->nitems == p->items_cap) {
			p->items_cap = p->items_cap == 0 ? 16 : p->items_cap * 2;
			f->items = xreallocarray(f->items, p->items_cap,
			    sizeof(*f->items));
		}
		f->items[f->nitems++] = *it;
		memset(it, 0, sizeof(*it));
	} else {
		p->feed->nitems++;
		p->on_item(p->feed, it, p->arg);
	}
	item_state_clear(is);
}

static void
finish_person(struct parser *p, const struct frame *f)
{
	const char *who = p->person_name != NULL ? p->person_name :
	    p->person_email;

	if (f->in_item && !f->person_contrib && p->person_email != NULL &&
	    p->item.it.author_email == NULL)
		p->item.it.author_email = xstrdup(p->person_email);
	if (who != NULL) {
		if (f->in_item)
			add_name(f->person_contrib ? &p->item.contributors :
			    &p->item.authors, who);
		else if (!f->person_contrib && p->feed_author == NULL)
			p->feed_author = xstrdup(who);
	}
	set_string(&p->person_name, NULL);
	set_string(&p->person_email, NULL);
}

/* ---- SAX ---------------------------------------------------------------- */

static bool
is_void_element(const char *name)
{
	static const char *const voids[] = {
		"area", "base", "br", "col", "embed", "hr", "img", "input",
		"link", "meta", "param", "source", "track", "wbr",
	};
	size_t i;

	for (i = 0; i < sizeof(voids) / sizeof(voids[0]); i++) {
		if (strcasecmp(name, voids[i]) == 0)
			return true;
	}
	return false;
}

/* Markup inside a field: written back as HTML, without prefixes. */
static void
serialize_open(struct parser *p, struct frame *f, mxml_node_t *node,
    const char *qname, bool top)
{
	const char *local = strchr(qname, ':'), *name, *value;
	int i, n = mxmlElementGetAttrCount(node);

	local = local != NULL ? local + 1 : qname;
	/* Atom's xhtml content sits in one <div> that is not part of it. */
	if (top && f->ctype == CT_XHTML && strcmp(local, "div") == 0) {
		f->skip_tag = true;
		return;
	}
	f->void_tag = is_void_element(local);
	text_add(&p->text, "<", 1);
	text_add(&p->text, local, strlen(local));
	for (i = 0; i < n; i++) {
		value = mxmlElementGetAttrByIndex(node, i, &name);
		if (name == NULL || strncmp(name, "xmlns", STRLEN("xmlns")) == 0)
			continue;
		text_add(&p->text, " ", 1);
		text_add(&p->text, name, strlen(name));
		text_add(&p->text, "=\"", STRLEN("=\""));
		text_add_escaped(&p->text, value != NULL ? value : "", true);
		text_add(&p->text, "\"", 1);
	}
	text_add(&p->text, ">", 1);
}

static void
serialize_close(struct parser *p, const struct frame *f, const char *qname)
{
	const char *local = strchr(qname, ':');

	if (f->skip_tag || f->void_tag)
		return;
	local = local != NULL ? local + 1 : qname;
	text_add(&p->text, "</", STRLEN("</"));
	text_add(&p->text, local, strlen(local));
	text_add(&p->text, ">", 1);
}

/* Namespace declarations and xml:base of an element about to be read. */
static void
read_scope(struct parser *p, struct frame *f, const struct frame *parent,
    mxml_node_t *node)
{
	int i, n = mxmlElementGetAttrCount(node);
	const char *name, *value;

	f->base = parent->base;
	f->explicit_base = parent->explicit_base;
	for (i = 0; i < n; i++) {
		value = mxmlElementGetAttrByIndex(node, i, &name);
		if (name == NULL || value == NULL)
			continue;
		if (strncmp(name, "xmlns", STRLEN("xmlns")) == 0 &&
		    (name[STRLEN("xmlns")] == '\0' || name[STRLEN("xmlns")] == ':'))
			bind(p, name[STRLEN("xmlns")] == ':' ? name + STRLEN("xmlns:") : "", value);
		else if (strcmp(name, "xml:base") == 0) {
			char *b = url_resolve(parent->base, value);

			if (b != NULL) {
				f->base = b;
				f->own_base = true;
				f->explicit_base = true;
			}
		}
	}
}

/* Start gathering the text of a field. */
static void
start_field(struct parser *p, struct frame *f, enum el el, enum ctype ct)
{
	f->ctx = CTX_FIELD;
	f->el = el;
	f->ctype = ct;
	f->capture_root = true;
	tbuf_clear(&p->text);
}

/* The root element: is this a feed at all? */
static void
open_root(struct parser *p, struct frame *f, mxml_node_t *node, enum el el,
    enum ns ns)
{
	struct feed *feed = p->feed;
	const char *version = mxmlElementGetAttr(node, "version");

	if (p->root_seen) {
		/* A second root: only the first one is the feed. */
		f->ctx = CTX_IGNORE;
		return;
	}
	p->root_seen = true;
	if (p->not_feed && (el == EL_RSS || el == EL_RDF || el == EL_FEED ||
	    el == EL_CHANNEL)) {
		p->not_feed = false;
		p->wrapper_warning = xasprintf("the feed is inside a <%s> document",
		    p->wrapper);
	}
	switch (el) {
	case EL_RSS:
		feed->kind = FEED_RSS;
		feed->version = version != NULL ? squeezed(version) : NULL;
		f->ctx = CTX_RSS;
		return;
	case EL_RDF: {
		const char *dflt = mxmlElementGetAttr(node, "xmlns");

		feed->kind = FEED_RDF;
		feed->version = xstrdup(dflt != NULL &&
		    strstr(dflt, "netscape.com/rdf/simple/0.9") != NULL ? "0.9" : "1.0");
		f->ctx = CTX_RDF;
		return;
	}
	case EL_FEED:
		feed->kind = FEED_ATOM;
		if (ns == NS_ATOM03 || (version != NULL && strcmp(version, "0.3") == 0))
			feed->version = xstrdup("0.3");
		else
			feed->version = xstrdup(version != NULL ? version : "1.0");
		f->ctx = CTX_CHANNEL;
		return;
	case EL_CHANNEL:
		/* RSS's <channel> without its <rss> */
		feed->kind = FEED_RSS;
		f->ctx = CTX_CHANNEL;
		return;
	default:
		break;
	}
	/*
	 * Not a feed, but a feed may be inside it (an XHTML page around an
	 * Atom <feed>, an envelope): its children are looked at as roots.
	 * When none is one, the document is not a feed.
	 */
	p->root_seen = false;
	if (!p->not_feed)
		p->wrapper = xstrdup(mxmlGetElement(node));
	p->not_feed = true;
	f->ctx = CTX_DOC;
}

/* An element opens under a channel or an item. */
static void
open_in_channel_or_item(struct parser *p, struct frame *f, mxml_node_t *node,
    enum el el, enum ns ns)
{
	bool item = f->in_item;
	bool atom_ns = ns == NS_ATOM || ns == NS_ATOM03 ||
	    (p->feed->kind == FEED_ATOM && (ns == NS_NONE || ns == NS_RSS));

	switch (el) {
	case EL_ITEM:
		if (item) {
			f->ctx = CTX_IGNORE;
			return;
		}
		f->ctx = CTX_ITEM;
		f->in_item = true;
		p->in_item = true;
		return;
	case EL_IMAGE:
		f->ctx = item ? CTX_IGNORE : CTX_IMAGE;
		return;
	case EL_PERSON:
		f->ctx = CTX_PERSON;
		f->person_contrib = strstr(mxmlGetElement(node), "contributor") != NULL;
		return;
	case EL_MEDIA_GROUP:
	case EL_MEDIA_COMMUNITY:
		f->ctx = CTX_MEDIA;
		return;
	case EL_LINK:
		if (atom_ns) {
			read_atom_link(p, f, node, item);
			f->ctx = CTX_IGNORE;
			return;
		}
		if (mxmlElementGetAttr(node, "href") != NULL) {
			set_rss_link(p, resolve(f, mxmlElementGetAttr(node, "href")), item);
			f->ctx = CTX_IGNORE;
			return;
		}
		start_field(p, f, el, CT_TEXT);
		return;
	case EL_GUID:
		if (item) {
			const char *pl = mxmlElementGetAttr(node, "isPermaLink");

			p->item.guid_permalink = pl == NULL || strcasecmp(pl, "false") != 0;
		}
		start_field(p, f, el, CT_TEXT);
		return;
	case EL_CATEGORY: {
		const char *term = mxmlElementGetAttr(node, "term");

		if (term == NULL || *term == '\0')
			term = mxmlElementGetAttr(node, "label");
		if (term != NULL && *term != '\0') {
			if (item)
				feed_item_add_category(&p->item.it, squeezed(term));
			f->ctx = CTX_IGNORE;
			return;
		}
		start_field(p, f, el, CT_GUESS);
		return;
	}
	case EL_ENCLOSURE:
		if (item)
			feed_item_add_enclosure(&p->item.it,
			    resolve(f, mxmlElementGetAttr(node, "url")),
			    mxmlElementGetAttr(node, "type"),
			    parse_count(mxmlElementGetAttr(node, "length")));
		f->ctx = CTX_IGNORE;
		return;
	case EL_MEDIA_CONTENT:
		read_media_content(p, f, node, item);
		f->ctx = CTX_MEDIA;
		return;
	case EL_MEDIA_THUMBNAIL:
		if (item)
			set_item_image(p, resolve(f, mxmlElementGetAttr(node, "url")),
			    IMAGE_MEDIA_THUMBNAIL);
		else
			set_feed_image(p, resolve(f, mxmlElementGetAttr(node, "url")),
			    IMAGE_MEDIA_THUMBNAIL);
		f->ctx = CTX_IGNORE;
		return;
	case EL_ITUNES_IMAGE:
		if (item)
			set_item_image(p, resolve(f, mxmlElementGetAttr(node, "href")),
			    IMAGE_ITUNES);
		else
			set_feed_image(p, resolve(f, mxmlElementGetAttr(node, "href")),
			    IMAGE_ITUNES);
		f->ctx = CTX_IGNORE;
		return;
	case EL_STAR_RATING:
		if (item)
			read_rating(p, node, "count");
		f->ctx = CTX_IGNORE;
		return;
	case EL_GD_RATING:
		if (item)
			read_rating(p, node, "numRaters");
		f->ctx = CTX_IGNORE;
		return;
	case EL_TITLE:
	case EL_SUMMARY:
	case EL_CONTENT:
	case EL_SUBTITLE:
		if (atom_ns) {
			if (el == EL_CONTENT && mxmlElementGetAttr(node, "src") != NULL) {
				f->ctx = CTX_IGNORE;
				return;
			}
			start_field(p, f, el, text_type(node, CT_TEXT));
			if (f->ctype == CT_MAYBE_BASE64)
				f->media_type = squeezed(mxmlElementGetAttr(node, "type"));
			return;
		}
		start_field(p, f, el, CT_GUESS);
		return;
	case EL_MEDIA_CREDIT: {
		/* Media RSS credits every role; only an author's is one. */
		const char *role = mxmlElementGetAttr(node, "role");

		if (role != NULL && strcasecmp(role, "author") == 0)
			start_field(p, f, el, CT_TEXT);
		else
			f->ctx = CTX_IGNORE;
		return;
	}
	case EL_ITUNES_CATEGORY:
		/* The channel's say what the podcast is about: no item has
		 * them. An item's, nested ones too, are its categories. */
		if (item) {
			const char *text = mxmlElementGetAttr(node, "text");

			feed_item_add_category(&p->item.it,
			    text != NULL ? squeezed(text) : NULL);
			f->ctx = CTX_CATEGORY;
		} else {
			f->ctx = CTX_IGNORE;
		}
		return;
	case EL_MEDIA_KEYWORDS:
	case EL_ORIGLINK:
		start_field(p, f, el, CT_TEXT);
		return;
	case EL_DESCRIPTION:
	case EL_CONTENT_ENCODED:
	case EL_DC_DESCRIPTION:
	case EL_MEDIA_DESCRIPTION:
	case EL_DC_TITLE:
	case EL_AUTHOR:
	case EL_EDITOR:
	case EL_DC_CREATOR:
	case EL_ITUNES_AUTHOR:
	case EL_DC_SUBJECT:
	case EL_ITUNES_SUMMARY: {
		const char *type = mxmlElementGetAttr(node, "type");

		start_field(p, f, el, type != NULL ? text_type(node, CT_GUESS) :
		    el == EL_MEDIA_DESCRIPTION ? CT_TEXT : CT_GUESS);
		if (el == EL_MEDIA_DESCRIPTION && type != NULL &&
		    strcasecmp(type, "html") == 0)
			f->ctype = CT_HTML;
		return;
	}
	case EL_ID:
	case EL_COMMENTS:
	case EL_ITUNES_DURATION:
	case EL_LOGO:
	case EL_ICON:
	case EL_PUBDATE:
	case EL_PUBLISHED:
	case EL_ISSUED:
	case EL_DC_DATE:
	case EL_CREATED:
	case EL_UPDATED:
	case EL_MODIFIED:
	case EL_LASTBUILDDATE:
		start_field(p, f, el, CT_TEXT);
		return;
	default:
		f->ctx = CTX_IGNORE;
		return;
	}
}

/* Whether an element named qname, under the ignored element parent, may
 * be an item held by an unclosed element of a channel (the name alone
 * decides here; the namespace is checked after). */
static bool
item_in_unclosed(const struct parser *p, const struct frame *parent,
    const char *qname)
{
	const char *local = strchr(qname, ':');

	local = local != NULL ? local + 1 : qname;
	if (strcmp(local, "item") != 0 && strcmp(local, "entry") != 0)
		return false;
	return p->channel_depth > 0 && !parent->in_item && !p->in_item;
}

static void
element_open(struct parser *p, mxml_node_t *node)
{
	struct frame *parent = &p->frames[p->depth - 1], *f;
	const char *qname = mxmlGetElement(node);
	enum ns ns;
	enum el el;

	if (p->depth > FEED_MAX_DEPTH) {
		if (p->error == FEED_OK) {
			p->error = FEED_TOO_DEEP;
			p->errline = 0;
		}
		feed_input_stop(p->in);
		return;
	}
	f = &p->frames[p->depth++];
	memset(f, 0, sizeof(*f));
	f->nbindings = p->nbindings;
	f->in_item = parent->in_item;
	f->base = parent->base;
	f->explicit_base = parent->explicit_base;
	f->ctype = parent->ctype;

	if (parent->ctx == CTX_IGNORE) {
		if (!item_in_unclosed(p, parent, qname)) {
			f->ctx = CTX_IGNORE;
			return;
		}
		/* An element left open above the items (an <itunes:category>
		 * never closed) holds them: they are read all the same. */
		read_scope(p, f, parent, node);
		if (lookup_element(p, qname, &ns) == EL_ITEM) {
			open_in_channel_or_item(p, f, node, EL_ITEM, ns);
			if (p->unclosed_warning == NULL)
				p->unclosed_warning = xstrdup("items inside an element "
				    "left open were read");
			return;
		}
		f->ctx = CTX_IGNORE;
		return;
	}
	if (parent->ctx == CTX_FIELD) {
		f->ctx = CTX_FIELD;
		serialize_open(p, f, node, qname, parent->capture_root);
		return;
	}
	read_scope(p, f, parent, node);
	el = lookup_element(p, qname, &ns);
	switch (parent->ctx) {
	case CTX_DOC:
		/* Atom without its namespace still reads as Atom. */
		if (el == EL_OTHER && (strcmp(qname, "feed") == 0 ||
		    (strchr(qname, ':') != NULL && strcmp(strchr(qname, ':'), ":feed") == 0)))
			el = EL_FEED;
		open_root(p, f, node, el, ns);
		return;
	case CTX_RSS:
	case CTX_RDF:
		if (el == EL_CHANNEL) {
			f->ctx = CTX_CHANNEL;
			return;
		}
		if (el == EL_ITEM || el == EL_IMAGE) {
			open_in_channel_or_item(p, f, node, el, ns);
			return;
		}
		f->ctx = CTX_IGNORE;
		return;
	case CTX_CHANNEL:
	case CTX_ITEM:
		if (el == EL_SKIP) {
			f->ctx = CTX_IGNORE;
			return;
		}
		open_in_channel_or_item(p, f, node, el, ns);
		return;
	case CTX_IMAGE:
		if (el == EL_URL)
			start_field(p, f, el, CT_TEXT);
		else
			f->ctx = CTX_IGNORE;
		return;
	case CTX_PERSON:
		if (el == EL_NAME || el == EL_EMAIL)
			start_field(p, f, el, CT_TEXT);
		else
			f->ctx = CTX_IGNORE;
		return;
	case CTX_MEDIA:
		if (el == EL_MEDIA_CONTENT || el == EL_MEDIA_COMMUNITY ||
		    el == EL_STAR_RATING || el == EL_MEDIA_DESCRIPTION ||
		    el == EL_MEDIA_GROUP || el == EL_MEDIA_THUMBNAIL ||
		    el == EL_MEDIA_CREDIT || el == EL_MEDIA_KEYWORDS ||
		    (el == EL_DC_SUBJECT && ns == NS_MEDIA))
			open_in_channel_or_item(p, f, node, el, ns);
		else
			f->ctx = CTX_IGNORE;
		return;
	case CTX_CATEGORY:
		if (el == EL_ITUNES_CATEGORY)
			open_in_channel_or_item(p, f, node, el, ns);
		else
			f->ctx = CTX_IGNORE;
		return;
	case CTX_FIELD:
	case CTX_IGNORE:
		break;
	}
}

static void
element_close(struct parser *p, mxml_node_t *node)
{
	struct frame *f;

	if (p->depth <= 1)
		return;
	f = &p->frames[p->depth - 1];
	if (f->ctx == CTX_FIELD && f->capture_root)
		finish_field(p, f);
	else if (f->ctx == CTX_FIELD)
		serialize_close(p, f, mxmlGetElement(node));
	else if (f->ctx == CTX_ITEM) {
		finish_item(p);
		p->in_item = false;
	} else if (f->ctx == CTX_PERSON)
		finish_person(p, f);
	else if (f->ctx == CTX_CHANNEL)
		p->channel_depth--;
	free(f->media_type);
	if (f->own_base)
		free((char *)f->base);
	unbind_to(p, f->nbindings);
	p->depth--;
}

static void
text_data(struct parser *p, const char *s, bool cdata)
{
	const struct frame *f = &p->frames[p->depth - 1];

	if (f->ctx != CTX_FIELD || s == NULL)
		return;
	if (f->ctype == CT_XHTML && !(cdata && f->capture_root))
		text_add_escaped(&p->text, s, false);
	else if (!tbuf_add(&p->text, s, strlen(s)))
		p->field_cut = true;
}

static void
sax_cb(mxml_node_t *node, mxml_sax_event_t event, void *data)
{
	struct parser *p = data;
	int depth;

	switch (event) {
	case MXML_SAX_ELEMENT_OPEN:
		depth = p->depth;
		element_open(p, node);
		if (p->depth > depth && p->frames[p->depth - 1].ctx == CTX_CHANNEL)
			p->channel_depth++;
		break;
	case MXML_SAX_ELEMENT_CLOSE:
		element_close(p, node);
		break;
	/* The node holds a placeholder: input.c kept the text. */
	case MXML_SAX_DATA:
		text_data(p, feed_input_next_run(p->in), false);
		break;
	case MXML_SAX_CDATA:
		text_data(p, feed_input_next_run(p->in), true);
		break;
	case MXML_SAX_COMMENT:
	case MXML_SAX_DIRECTIVE:
		break;
	}
}

static void
mxml_error_cb(const char *msg)
{
	struct parser *p = current_parser;

	/* The message may quote a byte of the document: repair it. */
	if (p != NULL && p->mxml_error == NULL)
		p->mxml_error = utf8_repair(msg, strlen(msg));
}

/* The line number in one of mxml's messages ("... on line 12."). */
static int
error_line(const char *msg)
{
	const char *l = msg != NULL ? strstr(msg, "on line ") : NULL;

	return l != NULL ? atoi(l + 8) : 0;
}

/* ---- entry points ------------------------------------------------------- */

static enum feed_result
run(struct feed_input *in, const char *url, feed_item_fn on_item, void *arg,
    struct feed **out, int *errline)
{
	struct parser *p = xcalloc(1, sizeof(*p));
	enum feed_result r = FEED_OK;
	mxml_node_t *top, *ret;
	const char *w;
	int wline, line = 0;

	*out = NULL;
	p->feed = xcalloc(1, sizeof(*p->feed));
	p->feed->url = url != NULL ? xstrdup(url) : NULL;
	p->feed->updated = FEED_NO_DATE;
	p->in = in;
	p->on_item = on_item;
	p->arg = arg;
	p->keep_items = on_item == NULL;
	p->prio_feed_link = p->prio_feed_image = p->prio_feed_updated =
	    p->prio_feed_desc = PRIO_NONE;
	tbuf_init(&p->text, FEED_MAX_FIELD);
	item_state_init(&p->item);
	p->depth = 1;
	p->frames[0].ctx = CTX_DOC;
	p->frames[0].base = url;

	current_parser = p;
	mxmlSetErrorCallback(mxml_error_cb);
	/* Under a node of our own, so that what mxml leaves behind when it
	 * gives up on a broken document is freed with it. Its name has a
	 * space, which no end tag can spell: a document's "</tidings>" once
	 * closed this node and mxml freed it twice (found by fuzz_feed). */
	top = mxmlNewElement(MXML_NO_PARENT, TOP_NODE_NAME);
	ret = mxmlSAXLoadFile(top, feed_input_stream(in), MXML_OPAQUE_CALLBACK,
	    sax_cb, p);
	if (ret != NULL && ret != top)
		mxmlDelete(ret);
	mxmlDelete(top);
	mxmlSetErrorCallback(NULL);
	current_parser = NULL;

	/* Close what the document left open (it was cut off): the
	 * elements' bases and bindings; a half-read item is kept when its
	 * title or link was read, dropped otherwise. */
	while (p->depth > 1) {
		struct frame *f = &p->frames[--p->depth];

		if (f->ctx == CTX_ITEM && p->error == FEED_OK &&
		    (p->item.it.title != NULL || p->item.it.link != NULL))
			finish_item(p);
		free(f->media_type);
		if (f->own_base)
			free((char *)f->base);
	}
	unbind_to(p, 0);

	if (feed_input_error(in) != FEED_OK) {
		r = feed_input_error(in);
	} else if (p->error != FEED_OK) {
		r = p->error;
		line = p->errline;
	} else if (p->not_feed) {
		r = FEED_NOT_A_FEED;
	} else if (!p->root_seen) {
		r = feed_input_saw_markup(in) || feed_input_bytes(in) == 0 ?
		    FEED_BAD_XML : FEED_NOT_A_FEED;
		if (feed_input_bytes(in) == 0)
			r = FEED_EMPTY;
		line = error_line(p->mxml_error);
	} else if (p->mxml_error != NULL && p->feed->nitems == 0 && !p->any_field) {
		r = FEED_BAD_XML;
		line = error_line(p->mxml_error);
	} else if (p->mxml_error != NULL && p->feed->warning == NULL) {
		/* Ill-formed past some point: keep what was read. */
		p->feed->warning = xstrdup(p->mxml_error);
	}
	if (r == FEED_OK && p->feed->warning == NULL && p->wrapper_warning != NULL) {
		p->feed->warning = p->wrapper_warning;
		p->wrapper_warning = NULL;
	}
	if (r == FEED_OK && p->feed->warning == NULL && p->unclosed_warning != NULL) {
		p->feed->warning = p->unclosed_warning;
		p->unclosed_warning = NULL;
	}
	if (r == FEED_OK && p->feed->warning == NULL && p->field_cut)
		p->feed->warning = xasprintf("a text field longer than %u bytes "
		    "was cut", FEED_MAX_FIELD);
	if (r == FEED_OK && p->feed->warning == NULL &&
	    (w = feed_input_warning(in, &wline)) != NULL)
		p->feed->warning = xasprintf("line %d: %s", wline, w);
	if (r == FEED_OK) {
		p->feed->author = p->feed->author != NULL ? p->feed->author :
		    p->feed_author;
		if (p->feed->author == p->feed_author)
			p->feed_author = NULL;
		*out = p->feed;
	} else {
		feed_free(p->feed);
	}
	if (errline != NULL)
		*errline = r == FEED_OK ? 0 : line;
	item_state_clear(&p->item);
	tbuf_free(&p->item.authors);
	tbuf_free(&p->item.contributors);
	tbuf_free(&p->text);
	free(p->feed_author);
	free(p->person_name);
	free(p->person_email);
	free(p->mxml_error);
	free(p->wrapper);
	free(p->wrapper_warning);
	free(p->unclosed_warning);
	free(p);
	return r;
}

/* Whether the element name at p (just after a '<') is a feed's root
 * element, with or without a namespace prefix: rss, RDF, feed, channel. */
static bool
names_feed_root(const char *p, const char *end)
{
	static const char *const roots[] = { "rss", "RDF", "feed", "channel" };
	const char *local = p, *q;
	size_t i, len;

	for (q = p; q < end && q - p < FEED_ROOT_NAME_MAX &&
	    (isalnum((unsigned char)*q) || *q == ':' || *q == '_' ||
	    *q == '-' || *q == '.'); q++)
		if (*q == ':')
			local = q + 1;
	len = (size_t)(q - local);
	for (i = 0; i < sizeof(roots) / sizeof(roots[0]); i++)
		if (len == strlen(roots[i]) && memcmp(local, roots[i], len) == 0)
			return true;
	return false;
}

/*
 * An HTML page (what --read and discovery hand over) in which no element
 * is named like a feed's root is not a feed, and is said so without the
 * XML pass: that pass over a big page cost --read as much as extracting
 * its article. A feed inside a page (<feed> in XHTML) still has its root
 * named, so it goes the long way and is found. Text with NUL bytes
 * (UTF-16) is never judged here.
 */
static bool
html_without_feed_root(const char *data, size_t n, const char *content_type)
{
	const char *p = data, *end = data + n;

	if (memchr(data, '\0', n < 4 ? n : 4) != NULL)
		return false;
	if (n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	while (p < end && isspace((unsigned char)*p))
		p++;
	if (!(content_type != NULL && strncasecmp(content_type, "text/html", 9) == 0) &&
	    !((size_t)(end - p) >= 14 && strncasecmp(p, "<!doctype html", 14) == 0) &&
	    !((size_t)(end - p) >= 5 && strncasecmp(p, "<html", 5) == 0))
		return false;
	while ((p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		if (names_feed_root(++p, end))
			return false;
	}
	return true;
}

enum feed_result
feed_parse(const char *data, size_t n, const char *url,
    const char *content_type, struct feed **out, int *errline)
{
	struct feed_input *in;
	enum feed_result r;

	*out = NULL;
	if (errline != NULL)
		*errline = 0;
	if (n == 0)
		return FEED_EMPTY;
	if (feed_json_sniff(data, n))
		return feed_json_parse(data, n, url, NULL, NULL, out);
	if (html_without_feed_root(data, n, content_type))
		return FEED_NOT_A_FEED;
	if ((r = feed_input_mem(data, n, content_type, &in)) != FEED_OK)
		return r;
	r = run(in, url, NULL, NULL, out, errline);
	feed_input_free(in);
	return r;
}

enum feed_result
feed_parse_file(const char *path, const char *url, feed_item_fn on_item,
    void *arg, struct feed **out, int *errline)
{
	enum feed_result r;
	struct stat st;
	int fd;

	if (out != NULL)
		*out = NULL;
	if (errline != NULL)
		*errline = 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return FEED_IO_ERROR;
	if (fstat(fd, &st) != 0) {
		close(fd);
		return FEED_IO_ERROR;
	}
	if (S_ISREG(st.st_mode) && st.st_size == 0) {
		close(fd);
		return FEED_EMPTY;
	}
	if (S_ISREG(st.st_mode) && (uintmax_t)st.st_size > FEED_MAX_DOCUMENT) {
		close(fd);
		return FEED_TOO_LARGE;
	}
	r = feed_parse_fd(fd, url, NULL, on_item, arg, out, errline);
	close(fd);
	return r;
}

/* Read from fd into buf until a byte other than a blank (or a BOM) has
 * come, the buffer is full or the input ends: enough to tell JSON from
 * XML. The byte count, or -1 on a read error. */
static ssize_t
read_head(int fd, char *buf, size_t size)
{
	size_t n = 0, i;
	ssize_t r;

	while (n < size) {
		r = read(fd, buf + n, size - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			break;
		n += (size_t)r;
		for (i = 0; i < n; i++) {
			unsigned char c = (unsigned char)buf[i];

			if (c != ' ' && c != '\t' && c != '\n' && c != '\r' &&
			    c != 0xEF && c != 0xBB && c != 0xBF)
				return (ssize_t)n;
		}
	}
	return (ssize_t)n;
}

/* A JSON Feed from fd, of which head[0..n) was already read. */
static enum feed_result
parse_json_fd(int fd, const char *head, size_t n, const char *url,
    feed_item_fn on_item, void *arg, struct feed **out)
{
	struct feed *f = NULL;
	enum feed_result r;
	struct tbuf b;
	char buf[HEAD_SNIFF];
	ssize_t got;

	tbuf_init(&b, FEED_JSON_MAX_DOCUMENT);
	if (!tbuf_add(&b, head, n))
		return FEED_TOO_LARGE;
	while ((got = read(fd, buf, sizeof(buf))) != 0) {
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0 || !tbuf_add(&b, buf, (size_t)got)) {
			tbuf_free(&b);
			return got < 0 ? FEED_IO_ERROR : FEED_TOO_LARGE;
		}
	}
	r = feed_json_parse(tbuf_str(&b), b.len, url, on_item, arg, &f);
	tbuf_free(&b);
	if (out != NULL)
		*out = f;
	else
		feed_free(f);
	return r;
}

enum feed_result
feed_parse_fd(int fd, const char *url, const char *content_type,
    feed_item_fn on_item, void *arg, struct feed **out, int *errline)
{
	struct feed_input *in;
	struct feed *f = NULL;
	enum feed_result r;
	char buf[HEAD_SNIFF];
	ssize_t head;

	if (out != NULL)
		*out = NULL;
	if (errline != NULL)
		*errline = 0;
	if ((head = read_head(fd, buf, sizeof(buf))) < 0)
		return FEED_IO_ERROR;
	if (head == 0)
		return FEED_EMPTY;
	if (feed_json_sniff(buf, (size_t)head))
		return parse_json_fd(fd, buf, (size_t)head, url, on_item, arg, out);
	if ((r = feed_input_fd(fd, buf, (size_t)head, content_type, &in)) != FEED_OK)
		return r;
	r = run(in, url, on_item, arg, &f, errline);
	feed_input_free(in);
	if (out != NULL)
		*out = f;
	else
		feed_free(f);
	return r;
}

void
feed_item_clear(struct feed_item *it)
{
	size_t i;

	free(it->id);
	free(it->title);
	free(it->link);
	free(it->author);
	free(it->author_email);
	free(it->comments);
	free(it->image);
	free(it->summary);
	free(it->content);
	for (i = 0; i < it->ncategories; i++)
		free(it->categories[i]);
	free(it->categories);
	for (i = 0; i < it->nenclosures; i++) {
		free(it->enclosures[i].url);
		free(it->enclosures[i].type);
	}
	free(it->enclosures);
	memset(it, 0, sizeof(*it));
	it->published = it->updated = FEED_NO_DATE;
	it->rating.count = -1;
	it->duration = -1;
}

void
feed_free(struct feed *f)
{
	size_t i;

	if (f == NULL)
		return;
	if (f->items != NULL) {
		for (i = 0; i < f->nitems; i++)
			feed_item_clear(&f->items[i]);
	}
	free(f->items);
	free(f->version);
	free(f->url);
	free(f->title);
	free(f->link);
	free(f->description);
	free(f->image);
	free(f->author);
	free(f->warning);
	free(f);
}

const char *
feed_strerror(enum feed_result r)
{
	switch (r) {
	case FEED_OK:
		return "no error";
	case FEED_NOT_A_FEED:
		return "not an RSS or Atom feed";
	case FEED_BAD_XML:
		return "not well-formed XML";
	case FEED_BAD_JSON:
		return "not well-formed JSON";
	case FEED_EMPTY:
		return "empty document";
	case FEED_TOO_LARGE:
		return "document too large";
	case FEED_TOO_DEEP:
		return "elements nested too deeply";
	case FEED_BAD_ENCODING:
		return "unknown character encoding";
	case FEED_IO_ERROR:
		return "cannot read the document";
	}
	return "unknown error";
}

double
feed_rating_stars(const struct feed_rating *r)
{
	double s;

	if (r == NULL || !r->present || !(r->max > r->min))
		return -1;
	/* 1..5 and 0..5 read as they are; other scales stretched to 0..5. */
	if (r->min >= 0)
		s = r->average / r->max * 5;
	else
		s = (r->average - r->min) / (r->max - r->min) * 5;
	return s < 0 ? 0 : s > 5 ? 5 : s;
}
