/*
 * test_feed: feed_parse() on small documents, one hard case each:
 * entities, encodings, namespaces by URI, ratings, xml:base, text types,
 * ids, recovery from ill-formed input and the errors that remain; then
 * feed_parse_file() streaming items to a callback.
 */
#include "config.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "feed.h"
#include "html.h"
#include "text.h"

#define RSS(items) "<rss version=\"2.0\"><channel><title>T</title>" items "</channel></rss>"
#define ATOM(entries) "<feed xmlns=\"http://www.w3.org/2005/Atom\">" entries "</feed>"
#define NONE (-1)	/* no rating expected */

struct want {
	const char *name;
	const char *doc;
	size_t len;		/* 0: strlen(doc) */
	const char *url;
	const char *content_type;
	enum feed_result result;
	int nitems;		/* -1: any */
	const char *feed_title;
	/* of the first item; NULL: not checked, "" : must be NULL */
	const char *title, *link, *id, *author, *summary, *content, *published;
	const char *updated;
	const char *categories;	/* joined with "|" */
	double rating;		/* 0: not checked; NONE: none; else the average */
	long long count;
	int errline;		/* for errors */
};

static const struct want cases[] = {
	/* character data goes round mxml, a run for each node it reports */
	{ "a PI's newline is text between fields", RSS("<item><title>A</title><?pi\n?><link>http://e.org/l</link></item>"),
	  .nitems = 1, .title = "A", .link = "http://e.org/l" },
	{ "text on both sides of a PI is one run", RSS("<item><title>a<?pi x?>b &amp; c</title><link>http://e.org/l</link></item>"),
	  .nitems = 1, .title = "ab & c", .link = "http://e.org/l" },
	{ "an empty CDATA section is a run", RSS("<item><title><![CDATA[]]>T</title><link><![CDATA[http://e.org/l]]></link></item>"),
	  .nitems = 1, .title = "T", .link = "http://e.org/l" },
	{ "text of control bytes only is no run", RSS("<item><title>\x01</title><link>http://e.org/l</link></item>"),
	  .nitems = 1, .title = "", .link = "http://e.org/l" },
	/* entities */
	{ "html entities", RSS("<item><title>A&eacute;&copy;&hellip; &amp;#39;R&amp;D&nbsp;x</title></item>"),
	  .nitems = 1, .title = "A\xC3\xA9\xC2\xA9\xE2\x80\xA6 'R&D\xC2\xA0x" },
	{ "undeclared entity kept as text", RSS("<item><title>a &bogus; b</title></item>"),
	  .nitems = 1, .title = "a &bogus; b" },
	{ "bare ampersands", RSS("<item><title>Fish & Chips</title><link>http://e.org/?a=1&b=2</link></item>"),
	  .nitems = 1, .title = "Fish & Chips", .link = "http://e.org/?a=1&b=2" },
	{ "numeric refs, C1 as windows-1252, invalid", RSS("<item><title>&#8212;&#x2014;&#146;&#0;&#xD800;</title></item>"),
	  .nitems = 1, .title = "\xE2\x80\x94\xE2\x80\x94\xE2\x80\x99\xEF\xBF\xBD\xEF\xBF\xBD" },
	{ "double-escaped html title", ATOM("<entry><title type=\"html\">Lenovo&amp;#39;s &lt;b&gt;big&lt;/b&gt; &amp;amp; co</title></entry>"),
	  .nitems = 1, .title = "Lenovo's big & co" },
	{ "text title keeps markup characters", ATOM("<entry><title type=\"text\">a &lt;b&gt; &amp;#39;</title></entry>"),
	  .nitems = 1, .title = "a <b> &#39;" },
	/* titles are read as summaries are, by html_to_text (issue 11) */
	{ "a '>' inside an attribute is no tag end", ATOM("<entry><title type=\"html\">&lt;img alt=\"a&gt;b\"&gt;Hello</title></entry>"),
	  .nitems = 1, .title = "Hello" },
	{ "markup inside a text title gives its text", RSS("<item><title>Example <b>Atom</b></title></item>"),
	  .nitems = 1, .title = "Example Atom" },
	{ "no script or style text in a title", RSS("<item><title>A<script>alert(1)</script><style>p{}</style> b</title></item>"),
	  .nitems = 1, .title = "A b" },
	{ "&lang; in XML is HTML5's U+27E8", RSS("<item><title>&lang;x&rang;</title></item>"),
	  .nitems = 1, .title = "\xE2\x9F\xA8x\xE2\x9F\xA9" },
	/* a dropped ESC takes its sequence along (issue 10, item 15) */
	{ "ESC and its CSI dropped", RSS("<item><title>Evil \x1b[41mFeed\x1b[0m!</title><link>http://e.org/\x1b[1m</link></item>"),
	  .nitems = 1, .title = "Evil Feed!", .link = "http://e.org/" },
	{ "escaped ESC and its sequence dropped", RSS("<item><title>Evil &#27;[41mFeed&#x1b;]0;pwned\x07 x</title></item>"),
	  .nitems = 1, .title = "Evil Feed x" },
	{ "ESC in CDATA, OSC ended by ST, two-byte escape", RSS("<item><title><![CDATA[a\x1b]2;t\x1b\\b\x1b" "7c\x1b(Bd]]></title></item>"),
	  .nitems = 1, .title = "abcd" },
	{ "an ESC sequence never eats markup", RSS("<item><title>a\x1b[1</title><link>http://e.org/x</link></item>"),
	  .nitems = 1, .title = "a", .link = "http://e.org/x" },
	/* encodings */
	{ "ISO-8859-1 declared", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" RSS("<item><title>Caf\xE9 \xA9</title></item>"),
	  .nitems = 1, .title = "Caf\xC3\xA9 \xC2\xA9" },
	{ "labelled ISO-8859-1, bytes UTF-8", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" RSS("<item><title>Caf\xC3\xA9</title></item>"),
	  .nitems = 1, .title = "Caf\xC3\xA9" },
	{ "no label, windows-1252 bytes", RSS("<item><title>\x93quoted\x94</title></item>"),
	  .nitems = 1, .title = "\xE2\x80\x9Cquoted\xE2\x80\x9D" },
	{ "HTTP charset", RSS("<item><title>Caf\xE9</title></item>"), .content_type = "text/xml; charset=iso-8859-1",
	  .nitems = 1, .title = "Caf\xC3\xA9" },
	{ "windows-1251", "<?xml version=\"1.0\" encoding=\"windows-1251\"?>" RSS("<item><title>\xCF\xF0\xE8\xE2\xE5\xF2</title></item>"),
	  .nitems = 1, .title = "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82" },
	{ "Shift_JIS", "<?xml version=\"1.0\" encoding=\"Shift_JIS\"?>" RSS("<item><title>\x93\xFA\x96\x7B</title></item>"),
	  .nitems = 1, .title = "\xE6\x97\xA5\xE6\x9C\xAC" },
	{ "UTF-8 BOM", "\xEF\xBB\xBF" RSS("<item><title>x</title></item>"), .nitems = 1, .title = "x" },
	{ "UTF-16LE with BOM", "\xFF\xFE<\0r\0s\0s\0>\0<\0i\0t\0e\0m\0>\0<\0t\0i\0t\0l\0e\0>\0\xE9\0<\0/\0t\0i\0t\0l\0e\0>\0<\0/\0i\0t\0e\0m\0>\0<\0/\0r\0s\0s\0>\0",
	  .len = 74, .nitems = 1, .title = "\xC3\xA9" },
	{ "UTF-16BE without BOM", "\0<\0r\0s\0s\0>\0<\0i\0t\0e\0m\0>\0<\0t\0i\0t\0l\0e\0>\x20\xAC\0<\0/\0t\0i\0t\0l\0e\0>\0<\0/\0i\0t\0e\0m\0>\0<\0/\0r\0s\0s\0>",
	  .len = 72, .nitems = 1, .title = "\xE2\x82\xAC" },
	{ "invalid UTF-8 bytes", RSS("<item><title>a\xC3\xA9\xFF\xC3z</title></item>"),
	  .nitems = 1, .title = "a\xC3\xA9\xEF\xBF\xBD\xEF\xBF\xBDz" },
	{ "control bytes dropped, an ESC with its sequence", RSS("<item><title>a\x01\x1B[31mb</title></item>"),
	  .nitems = 1, .title = "ab" },
	/* namespaces by URI, never prefix */
	{ "m: prefix for Media RSS", "<rss xmlns:m=\"http://search.yahoo.com/mrss/\"><channel><item><m:group><m:community>"
	  "<m:starRating average=\"4.5\" count=\"112\" min=\"1\" max=\"5\"/></m:community></m:group></item></channel></rss>",
	  .nitems = 1, .rating = 4.5, .count = 112 },
	{ "media: prefix bound elsewhere", "<rss xmlns:media=\"http://example.org/not-media\"><channel><item>"
	  "<media:starRating average=\"4.5\" count=\"112\" min=\"1\" max=\"5\"/></item></channel></rss>",
	  .nitems = 1, .rating = NONE },
	{ "default namespace redefined", "<rss><channel><item><x:encoded xmlns:x=\"http://purl.org/rss/1.0/modules/content/\">&lt;p&gt;hi&lt;/p&gt;</x:encoded></item></channel></rss>",
	  .nitems = 1, .content = "<p>hi</p>" },
	{ "undeclared content: prefix", RSS("<item><content:encoded>&lt;p&gt;hi&lt;/p&gt;</content:encoded></item>"),
	  .nitems = 1, .content = "<p>hi</p>" },
	{ "dc:creator and dc:date", "<rss xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><item><dc:creator>Ann</dc:creator>"
	  "<dc:creator>Bob</dc:creator><dc:date>2014-05-23T16:12:00Z</dc:date></item></channel></rss>",
	  .nitems = 1, .author = "Ann, Bob", .published = "2014-05-23T16:12:00Z", .updated = "2014-05-23T16:12:00Z" },
	/* mapping (issue 12): what each common element means */
	{ "dc:date is the updated date, pubDate the published", RSS("<item><pubDate>Fri, 23 May 2014 16:12:00 GMT</pubDate>"
	  "<dc:date>2014-06-01T00:00:00Z</dc:date></item>"),
	  .nitems = 1, .published = "2014-05-23T16:12:00Z", .updated = "2014-06-01T00:00:00Z" },
	{ "dcterms:modified updated, dcterms:issued published", "<rss xmlns:t=\"http://purl.org/dc/terms/\"><channel><item>"
	  "<t:modified>2014-06-01T00:00:00Z</t:modified><t:issued>2014-05-23T16:12:00Z</t:issued></item></channel></rss>",
	  .nitems = 1, .published = "2014-05-23T16:12:00Z", .updated = "2014-06-01T00:00:00Z" },
	{ "dc:author", RSS("<item><dc:author>Ann</dc:author></item>"), .nitems = 1, .author = "Ann" },
	{ "media:credit of role author, in a group too", "<rss xmlns:media=\"http://search.yahoo.com/mrss/\"><channel><item>"
	  "<media:credit role=\"author\" scheme=\"urn:ebu\">Ann</media:credit><media:credit role=\"editor\">Ed</media:credit>"
	  "<media:group><media:credit role=\"Author\">Bob</media:credit></media:group></item></channel></rss>",
	  .nitems = 1, .author = "Ann, Bob" },
	{ "RSS author as email (Name)", RSS("<item><author>ann@example.org (Ann Smith)</author></item>"),
	  .nitems = 1, .author = "Ann Smith" },
	{ "RSS author as Name <email>", RSS("<item><author>Ann Smith &lt;ann@example.org&gt;</author></item>"),
	  .nitems = 1, .author = "Ann Smith" },
	{ "RSS author, an email alone", RSS("<item><author>ann@example.org</author></item>"),
	  .nitems = 1, .author = "ann@example.org" },
	{ "a name with brackets is no email", RSS("<item><author>Ann (the editor)</author></item>"),
	  .nitems = 1, .author = "Ann (the editor)" },
	{ "nested itunes:category, media:keywords, dc:subject, media:category",
	  "<rss xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\" xmlns:media=\"http://search.yahoo.com/mrss/\">"
	  "<channel><item><category>A</category><itunes:category text=\"Tech\"><itunes:category text=\"Podcasting\"/>"
	  "</itunes:category><media:keywords> k1, k2 ,,k1 </media:keywords><dc:subject>S</dc:subject>"
	  "<media:category scheme=\"x\">M</media:category></item></channel></rss>",
	  .nitems = 1, .categories = "A|Tech|Podcasting|k1|k2|S|M" },
	{ "feedburner:origLink over the tracking link", "<rss xmlns:feedburner=\"http://rssnamespace.org/feedburner/ext/1.0\">"
	  "<channel><item><link>http://feeds.example/~r/x/~3/abc/</link><feedburner:origLink>http://site.example/story</feedburner:origLink>"
	  "<link>http://feeds.example/~r/x/~3/def/</link></item></channel></rss>",
	  .nitems = 1, .link = "http://site.example/story" },
	{ "Atom links without href skipped", ATOM("<entry><link rel=\"alternate\" type=\"text/html\"/><link>http://no.example/</link>"
	  "<link rel=\"alternate\" href=\"\"/><link href=\"http://e.example/a\"/></entry>"),
	  .url = "http://feed.example/atom.xml", .nitems = 1, .link = "http://e.example/a" },
	{ "atom:link without href in RSS skipped", "<rss xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel><item>"
	  "<atom:link rel=\"alternate\"/><link>http://e.example/r</link></item></channel></rss>",
	  .nitems = 1, .link = "http://e.example/r" },
	{ "binary Atom content shown as binary content", ATOM("<entry><content type=\"image/png\">iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==</content></entry>"),
	  .nitems = 1, .content = "[binary content: image/png]" },
	{ "base64 mode with a binary type", "<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><entry><content mode=\"base64\" type=\"application/octet-stream\">/9j/4AAQSkZJRgABAQ==</content></entry></feed>",
	  .nitems = 1, .content = "[binary content: application/octet-stream]" },
	{ "other media type with text base64 decoded", ATOM("<entry><content type=\"application/x-note\">SGVsbG8gd29ybGQ=</content></entry>"),
	  .nitems = 1, .content = "Hello world" },
	/* ratings */
	{ "starRating alone", "<rss xmlns:media=\"http://search.yahoo.com/mrss/\"><channel><item>"
	  "<media:starRating average=\"3.25\" count=\"8\" min=\"1\" max=\"5\"/></item></channel></rss>",
	  .nitems = 1, .rating = 3.25, .count = 8 },
	{ "1 to 10 kept as published", "<rss xmlns:media=\"http://search.yahoo.com/mrss/\"><channel><item>"
	  "<media:community><media:starRating average=\"7\" count=\"9\" min=\"1\" max=\"10\"/></media:community></item></channel></rss>",
	  .nitems = 1, .rating = 7, .count = 9 },
	{ "average out of range", "<rss xmlns:media=\"http://search.yahoo.com/mrss/\"><channel><item>"
	  "<media:starRating average=\"6\" count=\"8\" min=\"1\" max=\"5\"/></item></channel></rss>",
	  .nitems = 1, .rating = NONE },
	{ "max <= min", "<rss xmlns:media=\"http://search.yahoo.com/mrss/\"><channel><item>"
	  "<media:starRating average=\"3\" count=\"8\" min=\"5\" max=\"5\"/></item></channel></rss>",
	  .nitems = 1, .rating = NONE },
	{ "no scale", "<rss xmlns:media=\"http://search.yahoo.com/mrss/\"><channel><item>"
	  "<media:starRating average=\"3\" count=\"8\"/></item></channel></rss>",
	  .nitems = 1, .rating = NONE },
	{ "not a number", "<rss xmlns:media=\"http://search.yahoo.com/mrss/\"><channel><item>"
	  "<media:starRating average=\"nan\" min=\"1\" max=\"5\"/></item></channel></rss>",
	  .nitems = 1, .rating = NONE },
	{ "gd:rating", ATOM("<entry xmlns:gd=\"http://schemas.google.com/g/2005\"><gd:rating average=\"4.79\" min=\"1\" max=\"5\" numRaters=\"3546\" rel=\"http://schemas.google.com/g/2005#overall\"/></entry>"),
	  .nitems = 1, .rating = 4.79, .count = 3546 },
	/* xml:base and the feed URL */
	{ "nested xml:base", "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"http://a.example/x/\"><entry xml:base=\"y/\">"
	  "<link href=\"z.html\"/><id>1</id></entry></feed>",
	  /* an Atom id is resolved against an explicit xml:base, as gofeed does */
	  .nitems = 1, .link = "http://a.example/x/y/z.html", .id = "http://a.example/x/y/1" },
	{ "relative to the feed URL", RSS("<item><link>/story?id=3</link></item>"), .url = "http://news.example/rss/feed.xml",
	  .nitems = 1, .link = "http://news.example/story?id=3", .id = "http://news.example/story?id=3" },
	/* content */
	{ "text summary escaped as HTML", ATOM("<entry><summary>a &lt; b &amp; c</summary></entry>"),
	  .nitems = 1, .summary = "a &lt; b &amp; c" },
	{ "xhtml content serialized", ATOM("<entry><content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\"><p>A <em>b</em> &amp; c<br/>d</p></div></content></entry>"),
	  .nitems = 1, .content = "<p>A <em>b</em> &amp; c<br>d</p>" },
	{ "base64 content", "<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><entry><content mode=\"base64\" type=\"text/html\">PHA+SGk8L3A+</content></entry></feed>",
	  .nitems = 1, .content = "<p>Hi</p>" },
	{ "CDATA description", RSS("<item><description><![CDATA[<p>a & b</p>]]></description></item>"),
	  .nitems = 1, .summary = "<p>a & b</p>" },
	/* ids */
	{ "guid", RSS("<item><guid isPermaLink=\"false\">abc</guid><link>http://e.org/1</link></item>"),
	  .nitems = 1, .id = "abc", .link = "http://e.org/1" },
	{ "permalink guid is the link", RSS("<item><guid>http://e.org/2</guid></item>"),
	  .nitems = 1, .id = "http://e.org/2", .link = "http://e.org/2" },
	{ "hash of title and date", RSS("<item><title>x</title><pubDate>Fri, 23 May 2014 16:12:00 GMT</pubDate></item>"),
	  .nitems = 1, .id = "5bebae3f611c8614", .link = "" },
	/* recovery */
	{ "junk before the declaration", "garbage \xFF\n<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY x \"y\">]>\n" RSS("<item><title>x</title></item>"),
	  .nitems = 1, .title = "x" },
	{ "cut off mid-item", RSS("<item><title>one</title></item><item><title>two</title></item>") "<item><title>thr",
	  .len = sizeof(RSS("<item><title>one</title></item><item><title>two</title></item>")) - 1 - 17 + 17,
	  .nitems = 2, .title = "one" },
	{ "mismatched end tags", ATOM("<entry><title>a</title><source><logo>x</link></source><id>7</id></entry>"),
	  .nitems = 1, .title = "a", .id = "7" },
	{ "bare <", RSS("<item><title>1 < 2</title></item>"), .nitems = 1, .title = "1 < 2" },
	{ "Atom without namespace", "<feed><entry><title>x</title></entry></feed>", .nitems = 1, .title = "x" },
	/* a feed inside another document (issue 12) */
	{ "Atom inside XHTML", "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>x</p><feed xmlns=\"http://www.w3.org/2005/Atom\">"
	  "<title>W</title><entry><title>a</title></entry><entry><title>b</title></entry></feed></body></html>",
	  .nitems = 2, .feed_title = "W", .title = "a" },
	{ "RSS inside an envelope", "<env><body><rss version=\"2.0\"><channel><title>E</title><item><title>x</title></item></channel></rss></body></env>",
	  .nitems = 1, .feed_title = "E", .title = "x" },
	{ "channel without rss", "<channel><title>C</title><item><title>x</title></item></channel>",
	  .nitems = 1, .feed_title = "C", .title = "x" },
	/* errors */
	{ "HTML is not a feed", "<!DOCTYPE html><html><body>x</body></html>", .result = FEED_NOT_A_FEED },
	{ "JSON is not a feed", "{\"version\": \"https://jsonfeed.org/version/1\"}", .result = FEED_NOT_A_FEED },
	/* JSON Feed */
	{ "JSON Feed 1.1", "\xEF\xBB\xBF {\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"J\","
	  "\"_ext\": {\"title\": \"no\"}, \"items\": [{\"id\": 42, \"url\": \"/a\", \"title\": \" A\\u0000 b \","
	  "\"authors\": [{\"name\": \"X\"}, {\"url\": \"u\"}, {\"name\": \"Y\"}], \"author\": {\"name\": \"old\"},"
	  "\"summary\": \"1 < 2\", \"content_text\": \"a & b\", \"date_published\": \"2014-05-23T12:12:00-04:00\","
	  "\"_x\": {\"url\": \"no\"}}, 7, {\"external_url\": \"https://x.org/e\"}]}",
	  .url = "https://example.org/feed.json", .nitems = 2, .feed_title = "J", .title = "A b",
	  .link = "https://example.org/a", .id = "42", .author = "X, Y", .summary = "1 &lt; 2",
	  .content = "a &amp; b", .published = "2014-05-23T16:12:00Z", .rating = NONE },
	{ "JSON Feed 1.0 author, external_url", "{\"version\": \"https://jsonfeed.org/version/1\", \"items\": [{\"id\": \"i\","
	  "\"external_url\": \"https://x.org/e\", \"author\": {\"name\": \"Old\"}, \"content_html\": \"<p>h</p>\","
	  "\"content_text\": \"t\"}]}", .nitems = 1, .link = "https://x.org/e", .author = "Old", .content = "<p>h</p>" },
	{ "JSON not well-formed", "{\"items\": [}", .result = FEED_BAD_JSON },
	{ "JSON with trailing garbage", "{\"items\": []} x", .result = FEED_BAD_JSON },
	{ "JSON items not an array", "{\"items\": {}}", .result = FEED_NOT_A_FEED },
	{ "empty", "", .result = FEED_EMPTY },
	{ "broken from the start", "<rss>\n<channel\n<<<", .result = FEED_BAD_XML, .errline = 2 },
};

static int
check_str(const char *name, const char *what, const char *got, const char *want)
{
	if (want == NULL)
		return 0;
	if (want[0] == '\0' && got == NULL)
		return 0;
	if (got != NULL && strcmp(got, want) == 0)
		return 0;
	printf("FAIL %s: %s is \"%s\", want \"%s\"\n", name, what,
	    got != NULL ? got : "(null)", want);
	return 1;
}

/* The item's categories joined with "|", compared with w->categories. */
static int
check_categories(const struct want *w, const struct feed_item *it)
{
	char joined[1024] = "";
	size_t i, n = 0;

	if (w->categories == NULL)
		return 0;
	for (i = 0; i < it->ncategories && n < sizeof(joined); i++)
		n += (size_t)snprintf(joined + n, sizeof(joined) - n, "%s%s",
		    i > 0 ? "|" : "", it->categories[i]);
	return check_str(w->name, "categories", joined, w->categories);
}

static int
run_case(const struct want *w)
{
	struct feed *f = NULL;
	const struct feed_item *it;
	size_t len = w->len != 0 ? w->len : strlen(w->doc);
	enum feed_result r;
	int line, bad = 0;
	char date[21];

	r = feed_parse(w->doc, len, w->url, w->content_type, &f, &line);
	if (r != w->result) {
		printf("FAIL %s: result %s, want %s (line %d)\n", w->name,
		    feed_strerror(r), feed_strerror(w->result), line);
		feed_free(f);
		return 1;
	}
	if (r != FEED_OK) {
		if (f != NULL) {
			printf("FAIL %s: a feed on error\n", w->name);
			bad++;
		}
		if (w->errline != 0 && line != w->errline) {
			printf("FAIL %s: error line %d, want %d\n", w->name, line,
			    w->errline);
			bad++;
		}
		return bad;
	}
	if (w->nitems >= 0 && f->nitems != (size_t)w->nitems) {
		printf("FAIL %s: %zu items, want %d\n", w->name, f->nitems, w->nitems);
		feed_free(f);
		return 1;
	}
	bad += check_str(w->name, "feed title", f->title, w->feed_title);
	if (f->nitems > 0) {
		it = &f->items[0];
		bad += check_str(w->name, "title", it->title, w->title);
		bad += check_str(w->name, "link", it->link, w->link);
		bad += check_str(w->name, "id", it->id, w->id);
		bad += check_str(w->name, "author", it->author, w->author);
		bad += check_str(w->name, "summary", it->summary, w->summary);
		bad += check_str(w->name, "content", it->content, w->content);
		bad += check_str(w->name, "published",
		    feed_format_date(it->published, date), w->published);
		bad += check_str(w->name, "updated",
		    feed_format_date(it->updated, date), w->updated);
		bad += check_categories(w, it);
		if (w->rating == NONE && it->rating.present) {
			printf("FAIL %s: a rating of %g\n", w->name, it->rating.average);
			bad++;
		} else if (w->rating > 0 && (!it->rating.present ||
		    it->rating.average != w->rating || it->rating.count != w->count)) {
			printf("FAIL %s: rating %g (%lld), want %g (%lld)\n", w->name,
			    it->rating.present ? it->rating.average : -1,
			    it->rating.count, w->rating, w->count);
			bad++;
		}
	}
	feed_free(f);
	return bad;
}

static int
count_items;

static void
on_item(const struct feed *f, const struct feed_item *it, void *arg)
{
	(void)arg;
	if (f->title != NULL && strcmp(f->title, "T") == 0 && it->title != NULL)
		count_items++;
}

/* feed_parse_file streams items; the feed it returns has none. */
static int
test_stream(void)
{
	char path[] = "/tmp/test_feed.XXXXXX";
	struct feed *f = NULL;
	int fd = mkstemp(path), i, line, bad = 0;
	FILE *fp;
	enum feed_result r;

	if (fd < 0 || (fp = fdopen(fd, "w")) == NULL) {
		perror("mkstemp");
		return 1;
	}
	fputs("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>\n<rss version=\"2.0\"><channel><title>T</title>\n", fp);
	for (i = 0; i < 20000; i++)
		fprintf(fp, "<item><title>Item %d caf\xE9</title><description>&lt;p&gt;%d&lt;/p&gt;</description></item>\n", i, i);
	fputs("</channel></rss>\n", fp);
	fclose(fp);
	r = feed_parse_file(path, "file:///x", on_item, NULL, &f, &line);
	if (r != FEED_OK || count_items != 20000 || f == NULL ||
	    f->items != NULL || f->nitems != 20000) {
		printf("FAIL stream: %s, %d items seen\n", feed_strerror(r), count_items);
		bad = 1;
	}
	feed_free(f);
	unlink(path);
	r = feed_parse_file(path, NULL, on_item, NULL, &f, &line);
	if (r != FEED_IO_ERROR || f != NULL) {
		printf("FAIL stream: missing file gave %s\n", feed_strerror(r));
		bad = 1;
	}
	return bad;
}

static size_t
count_all;

static void
on_any_item(const struct feed *f, const struct feed_item *it, void *arg)
{
	(void)f;
	(void)it;
	(void)arg;
	count_all++;
}

/* Write an RSS file of n items; its name is in path. */
static int
write_items(char *path, size_t n)
{
	int fd = mkstemp(path);
	FILE *fp;
	size_t i;

	if (fd < 0 || (fp = fdopen(fd, "w")) == NULL) {
		perror("mkstemp");
		return -1;
	}
	fputs("<rss version=\"2.0\"><channel><title>T</title>\n", fp);
	for (i = 0; i < n; i++)
		fprintf(fp, "<item><guid>%zu</guid></item>\n", i);
	fputs("</channel></rss>\n", fp);
	return fclose(fp) == 0 ? 0 : -1;
}

/* Exactly FEED_MAX_ITEMS items are kept or streamed, never one more (even
 * when the input chunk being parsed goes on), with a warning when the
 * document has more; a document of exactly that many has no warning. */
static int
test_max_items(void)
{
	static const struct {
		size_t items;
		bool warned;
	} runs[] = {
		{ FEED_MAX_ITEMS + 5000, true },
		{ FEED_MAX_ITEMS + 1, true },
		{ FEED_MAX_ITEMS, false },
	};
	size_t i;
	int bad = 0, line;

	for (i = 0; i < sizeof(runs) / sizeof(runs[0]); i++) {
		char path[] = "/tmp/test_feed_max.XXXXXX";
		struct feed *f = NULL, *g = NULL;
		enum feed_result r, rg;
		char *data = NULL;
		size_t len = 0;
		FILE *fp;

		if (write_items(path, runs[i].items) != 0)
			return 1;
		count_all = 0;
		r = feed_parse_file(path, NULL, on_any_item, NULL, &f, &line);
		if ((fp = fopen(path, "rb")) != NULL) {
			data = malloc(64u << 20);
			len = data != NULL ? fread(data, 1, 64u << 20, fp) : 0;
			fclose(fp);
		}
		rg = feed_parse(data, len, NULL, NULL, &g, &line);
		free(data);
		unlink(path);
		if (r != FEED_OK || count_all != FEED_MAX_ITEMS ||
		    f == NULL || f->nitems != FEED_MAX_ITEMS ||
		    (f->warning != NULL) != runs[i].warned) {
			printf("FAIL max items (%zu, stream): %s, %zu items, "
			    "warning %s\n", runs[i].items, feed_strerror(r),
			    count_all, f != NULL && f->warning != NULL ?
			    f->warning : "(none)");
			bad++;
		}
		if (rg != FEED_OK || g == NULL || g->nitems != FEED_MAX_ITEMS ||
		    (g->warning != NULL) != runs[i].warned ||
		    strtoul(g->items[FEED_MAX_ITEMS - 1].id, NULL, 10) !=
		    FEED_MAX_ITEMS - 1) {
			printf("FAIL max items (%zu): %s, %zu items, warning %s\n",
			    runs[i].items, feed_strerror(rg),
			    g != NULL ? g->nitems : 0, g != NULL &&
			    g->warning != NULL ? g->warning : "(none)");
			bad++;
		}
		feed_free(f);
		feed_free(g);
	}
	return bad;
}

/* A text field past FEED_MAX_FIELD is cut, with a warning. */
static int
test_long_field(void)
{
	size_t n = FEED_MAX_FIELD + (1u << 20), i;
	char *doc = malloc(n + 256), *p = doc;
	struct feed *f = NULL;
	enum feed_result r;
	int line, bad = 0;

	p += sprintf(p, "<rss><channel><item><description>");
	for (i = 0; i < n / 8; i++)
		p += sprintf(p, "words & ");
	p += sprintf(p, "</description><title>after</title></item></channel></rss>");
	r = feed_parse(doc, (size_t)(p - doc), NULL, NULL, &f, &line);
	free(doc);
	if (r != FEED_OK || f->nitems != 1 || f->items[0].summary == NULL ||
	    strlen(f->items[0].summary) > FEED_MAX_FIELD ||
	    strlen(f->items[0].summary) < FEED_MAX_FIELD / 2 ||
	    f->items[0].title == NULL || strcmp(f->items[0].title, "after") != 0 ||
	    f->warning == NULL || strstr(f->warning, "was cut") == NULL) {
		printf("FAIL long field: %s, warning %s\n", feed_strerror(r),
		    f != NULL && f->warning != NULL ? f->warning : "(none)");
		bad = 1;
	}
	feed_free(f);
	return bad;
}

/* Nesting past FEED_MAX_DEPTH is an error, not a crash. */
static int
test_depth(void)
{
	size_t n = FEED_MAX_DEPTH + 10, i;
	char *doc = malloc(n * 7 + 64), *p = doc;
	struct feed *f = NULL;
	enum feed_result r;
	int line;

	p += sprintf(p, "<rss><channel><item>");
	for (i = 0; i < n; i++)
		p += sprintf(p, "<x>");
	r = feed_parse(doc, strlen(doc), NULL, NULL, &f, &line);
	free(doc);
	feed_free(f);
	if (r != FEED_TOO_DEEP) {
		printf("FAIL depth: %s\n", feed_strerror(r));
		return 1;
	}
	return 0;
}

/* The fuzzers' seeds and the inputs that once crashed them: each must
 * parse (or fail cleanly) under the sanitizers. */
/* A title and a summary holding the same escaped HTML read as the same
 * text once the summary is rendered for export (issue 11: the title's
 * own tag stripper once decoded &lang; as U+2329, the summary U+27E8). */
static int
test_title_summary_agree(void)
{
	static const char *const bodies[] = {
		"&amp;lang;x&amp;rang;", "a &amp;amp; b", "&lt;b&gt;bold&lt;/b&gt; &amp;hellip;",
		"&lt;img alt=\"a&gt;b\"&gt;Hello", "&amp;eacute;t&amp;eacute; &amp;nbsp;x",
	};
	struct feed *f;
	size_t i;
	char doc[512], *text;
	int line;

	for (i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
		snprintf(doc, sizeof(doc), RSS("<item><title>%s</title><description>%s</description></item>"),
		    bodies[i], bodies[i]);
		f = NULL;
		CHECK(feed_parse(doc, strlen(doc), NULL, NULL, &f, &line) == FEED_OK);
		if (f == NULL || f->nitems != 1)
			continue;
		text = text_squeeze(html_to_text(f->items[0].summary, strlen(f->items[0].summary)));
		CHECK_STR(f->items[0].title, text);
		free(text);
		feed_free(f);
	}
	return 0;
}

/* JSON Feed bounds: nesting past FEED_JSON_MAX_DEPTH and documents past
 * FEED_JSON_MAX_DOCUMENT are refused; from a file, items stream. */
static int
test_json_limits(void)
{
	char path[] = "/tmp/test_feed_json.XXXXXX";
	struct feed *f = NULL;
	struct tbuf b;
	int i, fd, line;
	static const char doc[] = "  {\"title\": \"T\", \"items\": [{\"title\": \"a\"}, {\"title\": \"b\"}]}";

	tbuf_init(&b, FEED_JSON_MAX_DOCUMENT + 128);
	CHECK(tbuf_adds(&b, "{\"items\": [{\"x\": "));
	for (i = 0; i < FEED_JSON_MAX_DEPTH; i++)
		CHECK(tbuf_adds(&b, "["));
	for (i = 0; i < FEED_JSON_MAX_DEPTH; i++)
		CHECK(tbuf_adds(&b, "]"));
	CHECK(tbuf_adds(&b, "}]}"));
	CHECK(feed_parse(tbuf_str(&b), b.len, NULL, NULL, &f, &line) == FEED_BAD_JSON);
	CHECK(f == NULL);

	tbuf_clear(&b);
	CHECK(tbuf_adds(&b, "{\"items\": [], \"pad\": \""));
	while (b.len < FEED_JSON_MAX_DOCUMENT && tbuf_adds(&b, "xxxxxxxxxxxxxxxx"))
		;
	CHECK(tbuf_adds(&b, "\"}"));
	CHECK(feed_parse(tbuf_str(&b), b.len, NULL, NULL, &f, &line) == FEED_TOO_LARGE);
	tbuf_free(&b);

	count_items = 0;
	fd = mkstemp(path);
	CHECK(fd >= 0 && write(fd, doc, sizeof(doc) - 1) == (ssize_t)(sizeof(doc) - 1));
	close(fd);
	CHECK(feed_parse_file(path, NULL, on_item, NULL, &f, &line) == FEED_OK);
	CHECK(count_items == 2);
	CHECK(f != NULL && f->nitems == 2 && f->items == NULL && f->kind == FEED_JSON);
	feed_free(f);
	unlink(path);
	return 0;
}

/* tests/data/feeds/NAME read with feed_parse_file (items kept), as if
 * fetched from https://example.org/feed.json; NULL (a failure counted)
 * unless it parsed into nitems items. */
static struct feed *
parse_data_file(const char *name, size_t nitems)
{
	const char *top = getenv("top_srcdir");
	char path[4096];
	struct feed *f = NULL;
	enum feed_result r;
	int line;

	CHECKF(top != NULL, "top_srcdir is not set");
	if (top == NULL)
		return NULL;
	snprintf(path, sizeof(path), "%s/tests/data/feeds/%s", top, name);
	r = feed_parse_file(path, "https://example.org/feed.json", NULL, NULL, &f,
	    &line);
	CHECKF(r == FEED_OK && f->nitems == nitems, "%s: %s, %zu items", name,
	    feed_strerror(r), f != NULL ? f->nitems : 0);
	if (f != NULL && f->nitems != nitems) {
		feed_free(f);
		f = NULL;
	}
	return f;
}

static const char *
date_str(int64_t t, char buf[21])
{
	return t == FEED_NO_DATE ? NULL : feed_format_date(t, buf);
}

/* JSON Feed 1.0: the author object, content_html over content_text,
 * date_modified, attachments, _ extensions ignored (issue 12). */
static void
test_jsonfeed_10(void)
{
	struct feed *f = parse_data_file("jsonfeed-1.0.json", 2);
	const struct feed_item *a, *b;
	char d[21];

	if (f == NULL)
		return;
	a = &f->items[0];
	b = &f->items[1];
	CHECK(f->kind == FEED_JSON);
	CHECK_STR(f->version, "1");
	CHECK_STR(f->title, "One point oh");
	CHECK_STR(f->author, "Feed Owner");
	CHECK_STR(f->warning, NULL);
	CHECK_STR(a->title, "Episode one");
	CHECK_STR(a->link, "https://example.org/1");
	CHECK_STR(a->author, "Ann Smith");
	CHECK_STR(a->content, "<p>The <b>html</b> body</p>");
	CHECK_STR(a->summary, "Short");
	CHECK_STR(date_str(a->published, d), "2014-05-23T16:12:00Z");
	CHECK_STR(date_str(a->updated, d), "2014-05-24T08:00:00Z");
	CHECK(a->ncategories == 2 && strcmp(a->categories[1], "news") == 0);
	CHECK(a->nenclosures == 2);
	if (a->nenclosures == 2) {
		CHECK_STR(a->enclosures[0].type, "audio/mpeg");
		CHECK(a->enclosures[0].length == 1234);
		CHECK_STR(a->enclosures[1].url, "https://example.org/1.ogg");
		CHECK(a->enclosures[1].length == -1);
	}
	CHECK(a->duration == 61);
	CHECK_STR(b->id, "2");
	CHECK_STR(b->link, "https://elsewhere.example/2");
	CHECK_STR(b->title, NULL);
	CHECK_STR(b->content, "only text, 1 &lt; 2");
	CHECK_STR(date_str(b->published, d), NULL);
	CHECK_STR(date_str(b->updated, d), "2014-05-25T00:00:00Z");
	feed_free(f);
}

/* JSON Feed 1.1: authors over the deprecated author, content_text as
 * content, date_modified alone, attachments without url or repeated. */
static void
test_jsonfeed_11(void)
{
	struct feed *f = parse_data_file("jsonfeed-1.1.json", 2);
	const struct feed_item *a, *b;
	char d[21];

	if (f == NULL)
		return;
	a = &f->items[0];
	b = &f->items[1];
	CHECK_STR(f->version, "1.1");
	CHECK_STR(f->author, "Desk A, Desk B");
	CHECK_STR(f->warning, NULL);
	CHECK_STR(a->id, "tag:example.org,2026:a");
	CHECK_STR(a->author, "Cy, Di");
	CHECK_STR(a->content, "Plain &lt;text&gt; &amp; more");
	CHECK_STR(a->summary, NULL);
	CHECK_STR(date_str(a->published, d), NULL);
	CHECK_STR(date_str(a->updated, d), "2026-01-02T02:04:05Z");
	CHECK_STR(a->image, "https://example.org/a.png");
	CHECK(a->nenclosures == 1 && a->enclosures[0].length == 99);
	CHECK(a->duration == 3600);
	CHECK_STR(b->author, "Ed");
	CHECK_STR(b->content, "<p>html</p>");
	feed_free(f);
}

/* A number where a string belongs, a string where an array does: that
 * member is left out, the rest of the item read, and the feed warns. */
static void
test_jsonfeed_bad_types(void)
{
	struct feed *f = parse_data_file("jsonfeed-bad-types.json", 3);
	const struct feed_item *b, *c;
	char d[21];

	if (f == NULL)
		return;
	b = &f->items[1];
	c = &f->items[2];
	CHECK_STR(f->title, "Wrong types");
	CHECK_STR(f->items[0].title, "fine");
	CHECK_STR(f->warning, "item 2: \"title\" is a number, not a string; left out");
	CHECK_STR(b->id, "b");
	CHECK_STR(b->title, NULL);
	CHECK_STR(b->link, NULL);
	CHECK_STR(b->content, NULL);
	CHECK_STR(b->summary, NULL);
	CHECK_STR(b->author, NULL);
	CHECK_STR(date_str(b->published, d), NULL);
	CHECK(b->ncategories == 0 && b->nenclosures == 0);
	CHECK(c->id != NULL && strlen(c->id) == 16);
	CHECK_STR(c->title, "mixed tags");
	CHECK_STR(c->author, NULL);
	CHECK(c->ncategories == 1 && strcmp(c->categories[0], "ok") == 0);
	CHECK(c->nenclosures == 1 && c->enclosures[0].length == -1);
	feed_free(f);
}

static int
test_fuzz_corpus(void)
{
	const char *top = getenv("top_srcdir");
	char dir[4096], path[4096 + 256], *buf;
	struct dirent *e;
	struct feed *f;
	size_t n;
	DIR *d;
	FILE *fp;
	int line, count = 0;

	if (top == NULL)
		return 0;
	snprintf(dir, sizeof(dir), "%s/tests/fuzz/corpus/feed", top);
	if ((d = opendir(dir)) == NULL)
		return 0;
	buf = malloc(1 << 20);
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if ((fp = fopen(path, "rb")) == NULL)
			continue;
		n = fread(buf, 1, 1 << 20, fp);
		fclose(fp);
		f = NULL;
		(void)feed_parse(buf, n, "https://example.org/", NULL, &f, &line);
		feed_free(f);
		f = NULL;
		(void)feed_parse_file(path, NULL, on_item, NULL, &f, &line);
		feed_free(f);
		count++;
	}
	closedir(d);
	free(buf);
	printf("%d fuzz corpus files parsed\n", count);
	return 0;
}


/* Parse doc (NUL-terminated) as a whole and in one call; the feed or NULL. */
static struct feed *
parse_str(const char *doc)
{
	struct feed *f = NULL;
	enum feed_result r = feed_parse(doc, strlen(doc), NULL, NULL, &f, NULL);

	CHECKF(r == FEED_OK, "%s", feed_strerror(r));
	return f;
}

/* Entities declared in the DOCTYPE's internal subset (issue 12). */
static void
test_dtd_entities(void)
{
	struct feed *f;

	f = parse_str("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n"
	    "  <!ENTITY id \"tag:example.com,2014:\">\n"
	    "  <!-- <!ENTITY who \"commented out\"> -->\n"
	    "  <!ENTITY who 'Ann &amp; Bob &lt;&#233;&gt;'>\n"
	    "  <!ENTITY who \"a second declaration does not bind\">\n"
	    "  <!ENTITY % pe \"parameter\">\n"
	    "  <!ENTITY ext SYSTEM \"file:///etc/passwd\">\n"
	    "  <!ENTITY base \"http://e.example/\">\n"
	    "  <!ENTITY two \"&base;&base;\">\n"
	    "  <!ELEMENT rss ANY>\n"
	    "]>\n"
	    "<rss><channel><item><guid>&id;1</guid><author>&who;</author>"
	    "<title>&ext;|&two;</title>"
	    "<enclosure url=\"&base;a.mp3\" type=\"audio/mpeg\"/></item></channel></rss>");
	if (f != NULL && f->nitems == 1) {
		CHECK_STR(f->items[0].id, "tag:example.com,2014:1");
		CHECK_STR(f->items[0].author, "Ann & Bob <\xC3\xA9>");
		/* An external entity is never fetched: its reference stays. */
		CHECK_STR(f->items[0].title, "&ext;|http://e.example/http://e.example/");
		CHECK(f->items[0].nenclosures == 1 &&
		    strcmp(f->items[0].enclosures[0].url, "http://e.example/a.mp3") == 0);
	} else {
		CHECK(f != NULL && f->nitems == 1);
	}
	feed_free(f);
}

/* The billion-laughs document: bounded, quick, and a warning says why. */
static void
test_dtd_laughs(void)
{
	struct tbuf doc;
	struct feed *f;
	int i, k;

	tbuf_init(&doc, 1u << 20);
	CHECK(tbuf_printf(&doc, "<!DOCTYPE lolz [<!ENTITY lol \"lol\">"));
	for (i = 1; i <= 9; i++) {
		CHECK(tbuf_printf(&doc, "<!ENTITY lol%d \"", i));
		for (k = 0; k < 10; k++)
			CHECK(i == 1 ? tbuf_printf(&doc, "&lol;") :
			    tbuf_printf(&doc, "&lol%d;", i - 1));
		CHECK(tbuf_printf(&doc, "\">"));
	}
	CHECK(tbuf_printf(&doc, "]><rss><channel><item><title>&lol9;</title>"
	    "<description>&lol3;</description></item></channel></rss>"));
	f = parse_str(tbuf_str(&doc));
	if (f != NULL && f->nitems == 1) {
		CHECK_STR(f->items[0].title, "&lol9;");
		/* lol3 is 3000 bytes: within the limit, expanded. */
		CHECK(f->items[0].summary != NULL && strlen(f->items[0].summary) == 3000);
		CHECKF(f->warning != NULL && strstr(f->warning, "&lol4; longer than") != NULL,
		    "warning %s", f != NULL && f->warning != NULL ? f->warning : "(none)");
	} else {
		CHECK(f != NULL && f->nitems == 1);
	}
	feed_free(f);
	tbuf_free(&doc);
}

/* Entities inside entities, deeper than FEED_DTD_DEPTH_MAX, are refused. */
static void
test_dtd_depth(void)
{
	struct tbuf doc;
	struct feed *f;
	char want[FEED_DTD_DEPTH_MAX + 1];
	int i;

	tbuf_init(&doc, 1u << 16);
	CHECK(tbuf_printf(&doc, "<!DOCTYPE rss [<!ENTITY e1 \"x\">"));
	for (i = 2; i <= FEED_DTD_DEPTH_MAX + 1; i++)
		CHECK(tbuf_printf(&doc, "<!ENTITY e%d \"&e%d;x\">", i, i - 1));
	CHECK(tbuf_printf(&doc, "]><rss><channel><item><title>&e%d;</title>"
	    "<guid>&e%d;</guid></item></channel></rss>",
	    FEED_DTD_DEPTH_MAX, FEED_DTD_DEPTH_MAX + 1));
	f = parse_str(tbuf_str(&doc));
	memset(want, 'x', FEED_DTD_DEPTH_MAX);
	want[FEED_DTD_DEPTH_MAX] = '\0';
	if (f != NULL && f->nitems == 1) {
		CHECK_STR(f->items[0].title, want);
		CHECKF(f->items[0].id != NULL && atoi(f->items[0].id + 2) ==
		    FEED_DTD_DEPTH_MAX + 1, "id %s", f->items[0].id);
		CHECKF(f->warning != NULL && strstr(f->warning, "nested more than") != NULL,
		    "warning %s", f->warning != NULL ? f->warning : "(none)");
	}
	feed_free(f);
	tbuf_free(&doc);
}

/* Past FEED_DTD_EXPANSION_MAX bytes expanded, references stay as text;
 * past FEED_DTD_ENTITIES_MAX declarations, the rest are left out. */
static void
test_dtd_totals(void)
{
	size_t uses = FEED_DTD_EXPANSION_MAX / FEED_DTD_VALUE_MAX + 10, i;
	struct tbuf doc;
	struct feed *f;

	tbuf_init(&doc, 64u << 20);
	CHECK(tbuf_printf(&doc, "<!DOCTYPE rss [<!ENTITY big \""));
	for (i = 0; i < FEED_DTD_VALUE_MAX; i++)
		CHECK(tbuf_add(&doc, "b", 1));
	CHECK(tbuf_printf(&doc, "\">"));
	for (i = 0; i < FEED_DTD_ENTITIES_MAX; i++)
		CHECK(tbuf_printf(&doc, "<!ENTITY n%zu \"%zu\">", i, i));
	CHECK(tbuf_printf(&doc, "]><rss><channel>"));
	for (i = 0; i < uses; i++)
		CHECK(tbuf_printf(&doc, "<item><title>&big;</title><guid>&n%d;</guid></item>",
		    FEED_DTD_ENTITIES_MAX - 2 + (int)(i % 2)));
	CHECK(tbuf_printf(&doc, "</channel></rss>"));
	f = parse_str(tbuf_str(&doc));
	if (f != NULL && f->nitems == uses) {
		CHECK(f->items[0].title != NULL &&
		    strlen(f->items[0].title) == FEED_DTD_VALUE_MAX);
		CHECK_STR(f->items[uses - 1].title, "&big;");
		/* "big" took the first place: n62 is the 64th, n63 one too many */
		CHECK_STR(f->items[0].id, "62");
		CHECK_STR(f->items[1].id, "&n63;");
		CHECKF(f->warning != NULL && strstr(f->warning, "more than") != NULL,
		    "warning %s", f->warning != NULL ? f->warning : "(none)");
	} else {
		CHECK(f != NULL && f->nitems == uses);
	}
	feed_free(f);
	tbuf_free(&doc);
}

/* An HTML page is judged without the XML pass only when no element is
 * named like a feed root; a feed inside a page, prefixed or not and
 * whatever the Content-Type says, is still found. */
static void
test_html_pages(void)
{
	static const char page[] = "<!DOCTYPE html>\n<html><body><p>one<br>"
	    "<p>a &amp; b <a href=\"/feed.xml\">feed</a></body></html>";
	static const char *const wrapped[] = {
		"<!DOCTYPE html><html><body><a:feed xmlns:a=\"http://www.w3.org/2005/Atom\">"
		"<a:title>F</a:title><a:entry><a:title>E</a:title></a:entry></a:feed></body></html>",
		"<html><body><rss version=\"2.0\"><channel><title>F</title>"
		"<item><title>E</title></item></channel></rss></body></html>",
	};
	struct feed *f = NULL;
	size_t i;
	int line;

	CHECK(feed_parse(page, strlen(page), NULL, "text/html", &f, &line) ==
	    FEED_NOT_A_FEED && f == NULL);
	for (i = 0; i < sizeof(wrapped) / sizeof(wrapped[0]); i++) {
		CHECKF(feed_parse(wrapped[i], strlen(wrapped[i]), NULL,
		    "text/html; charset=utf-8", &f, &line) == FEED_OK &&
		    f->nitems == 1, "wrapped feed %zu not found", i);
		feed_free(f);
		f = NULL;
	}
}

int
main(void)
{
	size_t i;
	int failed = 0;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		failed += run_case(&cases[i]) != 0;
	failed += test_stream();
	failed += test_depth();
	failed += test_long_field();
	failed += test_max_items();
	failed += test_fuzz_corpus();
	failed += test_json_limits();
	failed += test_title_summary_agree();
	test_dtd_entities();
	test_dtd_laughs();
	test_dtd_depth();
	test_dtd_totals();
	test_html_pages();
	test_jsonfeed_10();
	test_jsonfeed_11();
	test_jsonfeed_bad_types();
	printf("%zu cases, stream, depth: %d failed\n",
	    sizeof(cases) / sizeof(cases[0]), failed);
	return check_finish() != 0 || failed != 0;
}
