/*
 * test_readable: readable_extract on small synthetic pages: metadata (title
 * without the site name, byline, date, site name, lead image), charset
 * decoding, and the cleaning rules (what must stay, what must go).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "html.h"
#include "readable.h"
#include "text.h"

/* Three paragraphs of prose, long enough (over 500 characters, commas) to
 * be found on the first pass. */
#define STORY \
	"<p>The council met on Tuesday, and after a long debate, it voted to " \
	"rebuild the old bridge over the river before the winter floods.</p>" \
	"<p>Engineers said the work would take two years, cost less than the " \
	"first estimate, and keep one lane open to traffic at all times.</p>" \
	"<p>Residents who had campaigned for the repair, some of them for a " \
	"decade, welcomed the vote, though several asked why it took so long, " \
	"and whether the money would really be there when it was needed.</p>" \
	"<p>The mayor, speaking after the vote, promised regular reports on " \
	"the budget, the schedule and the detours, starting next month.</p>"

#define STORY_WORD "rebuild the old bridge"

#define NAV "<div id=\"nav\" class=\"menu\"><ul><li><a href=\"/\">Home</a></li>" \
	"<li><a href=\"/world\">World</a></li><li><a href=\"/sport\">Sport</a>" \
	"</li></ul></div>"

#define MAX_WANT 6

struct page_case {
	const char *name;
	const char *html;
	const char *url;
	const char *content_type;
	enum readable_result result;
	const char *title, *byline, *site_name, *image;	/* NULL: not checked */
	int64_t published;	/* 0: not checked */
	const char *want[MAX_WANT];	/* substrings of the article HTML */
	const char *unwanted[MAX_WANT];	/* must not appear in it */
	const char *once[MAX_WANT];	/* must appear exactly once */
};

static const struct page_case cases[] = {
	{
		"og:title wins over <title>; og:site_name; og:image resolved",
		"<html><head><title>Bridge vote - The Daily Post</title>"
		"<meta property=\"og:title\" content=\"Council votes to rebuild bridge\">"
		"<meta property=\"og:site_name\" content=\"The Daily Post\">"
		"<meta property=\"og:image\" content=\"/img/bridge.jpg\">"
		"</head><body>" NAV "<article>" STORY "</article></body></html>",
		"https://news.example/2014/bridge.html", NULL, READABLE_OK,
		"Council votes to rebuild bridge", NULL, "The Daily Post",
		"https://news.example/img/bridge.jpg", 0,
		{ STORY_WORD, "winter floods", NULL }, { "Sport", NULL }, { NULL },
	},
	{
		"<title> without the site name after \" - \" and \" | \"",
		"<html><head><title>Council votes to rebuild the old bridge | "
		"The Daily Post</title></head><body><div class=\"post\">" STORY
		"</div></body></html>",
		NULL, NULL, READABLE_OK,
		"Council votes to rebuild the old bridge", NULL, NULL, NULL, 0,
		{ STORY_WORD, NULL }, { NULL }, { NULL },
	},
	{
		"meta author and article:published_time",
		"<html><head><title>A fairly long title for the test</title>"
		"<meta name=\"author\" content=\"Ann Writer\">"
		"<meta property=\"article:published_time\" content=\"2014-05-23T16:12:00Z\">"
		"</head><body><div class=\"content\">" STORY "</div></body></html>",
		NULL, NULL, READABLE_OK,
		NULL, "Ann Writer", NULL, NULL, 1400861520,
		{ STORY_WORD, NULL }, { NULL }, { NULL },
	},
	{
		"the date from itemprop=datePublished",
		"<html><head><title>A fairly long title for the test</title>"
		"<meta itemprop=\"datePublished\" content=\"2014-05-23T16:12:00Z\">"
		"</head><body><div class=\"content\">" STORY "</div></body></html>",
		NULL, NULL, READABLE_OK,
		NULL, NULL, NULL, NULL, 1400861520,
		{ STORY_WORD, NULL }, { NULL }, { NULL },
	},
	{
		"JSON-LD: headline, author, datePublished, publisher",
		"<html><head><title>x</title><script type=\"application/ld+json\">"
		"{\"@context\": \"https://schema.org\", \"@type\": \"NewsArticle\","
		" \"headline\": \"Bridge to be rebuilt\", \"author\": [{\"@type\":"
		" \"Person\", \"name\": \"Ann Writer\"}, {\"name\": \"Bo Reporter\"}],"
		" \"datePublished\": \"2014-05-23T12:12:00-04:00\","
		" \"publisher\": {\"name\": \"Daily \\u00c9cho\"}}"
		"</script></head><body><div>" STORY "</div></body></html>",
		NULL, NULL, READABLE_OK,
		"Bridge to be rebuilt", "Ann Writer, Bo Reporter",
		"Daily \xc3\x89" "cho", NULL, 1400861520,
		{ STORY_WORD, NULL }, { "@context", NULL }, { NULL },
	},
	{
		"a .byline element is the byline and leaves the text; <time datetime>",
		"<html><head><title>A fairly long title for the test</title></head>"
		"<body><div class=\"story\"><div class=\"byline\">By <a href=\"/a\">"
		"Cy Columnist</a><br>Staff<span class=\"dateline\">May 23</span></div><time datetime=\"2014-05-23T16:12:00Z\">"
		"May 23</time>" STORY "</div></body></html>",
		NULL, NULL, READABLE_OK,
		NULL, "Cy Columnist Staff", NULL, NULL, 1400861520,
		{ STORY_WORD, NULL }, { "Cy Columnist", NULL }, { NULL },
	},
	{
		"rel=author link as byline",
		"<html><head><title>A fairly long title for the test</title></head>"
		"<body><div class=\"entry\"><p>by <a rel=\"author\" href=\"/dee\">Dee Blogger"
		"</a></p>" STORY "</div></body></html>",
		NULL, NULL, READABLE_OK,
		NULL, "Dee Blogger", NULL, NULL, 0,
		{ STORY_WORD, NULL }, { NULL }, { NULL },
	},
	{
		"windows-1252 page (meta charset): curly quotes and accents",
		"<html><head><meta charset=\"windows-1252\"><title>Caf\xe9 news, "
		"a long title</title></head><body><div>"
		"<p>\x93Quoted,\x94 said the caf\xe9 owner, who had waited years.</p>"
		STORY "</div></body></html>",
		NULL, NULL, READABLE_OK,
		"Caf\xc3\xa9 news, a long title", NULL, NULL, NULL, 0,
		{ "\xe2\x80\x9cQuoted,\xe2\x80\x9d said the caf\xc3\xa9 owner", NULL },
		{ "\xef\xbf\xbd", NULL }, { NULL },
	},
	{
		"valid UTF-8 labelled latin1 stays UTF-8",
		"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; "
		"charset=iso-8859-1\"><title>Na\xc3\xafve caf\xc3\xa9 news today"
		"</title></head><body><div><p>The caf\xc3\xa9 in Z\xc3\xbcrich, "
		"na\xc3\xafvely, opened.</p>" STORY "</div></body></html>",
		NULL, NULL, READABLE_OK,
		"Na\xc3\xafve caf\xc3\xa9 news today", NULL, NULL, NULL, 0,
		{ "caf\xc3\xa9 in Z\xc3\xbcrich", NULL }, { "\xc3\x83", NULL }, { NULL },
	},
	{
		"the HTTP header's charset beats the page's",
		"<html><head><meta charset=\"utf-8\"><title>Header charset test "
		"page</title></head><body><div><p>Gr\xfc\xdf" "e aus K\xf6ln, "
		"sagte er.</p>" STORY "</div></body></html>",
		NULL, "text/html; charset=ISO-8859-1", READABLE_OK,
		NULL, NULL, NULL, NULL, 0,
		{ "Gr\xc3\xbc\xc3\x9f" "e aus K\xc3\xb6ln", NULL }, { NULL }, { NULL },
	},
	{
		"a UTF-8 label on bytes that are not UTF-8 is ignored",
		"<html><head><meta charset=\"windows-1252\"><title>Header lies "
		"about the charset</title></head><body><div><p>\x93Quoted\x94, "
		"he said.</p>" STORY "</div></body></html>",
		NULL, "text/html; charset=utf-8", READABLE_OK,
		NULL, NULL, NULL, NULL, 0,
		{ "\xe2\x80\x9cQuoted\xe2\x80\x9d, he said", NULL }, { NULL }, { NULL },
	},
	{
		"no label at all on bytes that are not UTF-8: windows-1252",
		"<html><head><title>No label on this page at all</title></head>"
		"<body><div><p>Na\xefve \x96 caf\xe9.</p>" STORY "</div></body></html>",
		NULL, NULL, READABLE_OK,
		NULL, NULL, NULL, NULL, 0,
		{ "Na\xc3\xafve \xe2\x80\x93 caf\xc3\xa9", NULL }, { NULL }, { NULL },
	},
	{
		"navigation, comments, sponsor, related, share, forms and hidden "
		"blocks go",
		"<html><head><title>A fairly long title for the test</title></head>"
		"<body>" NAV "<div id=\"main\"><div class=\"article-body\">" STORY
		"<div class=\"share-tools\"><a href=\"/fb\">Share on Facebook</a></div>"
		"<div style=\"display: none\"><p>Hidden paragraph, with commas, "
		"that nobody sees, and that must not be read, ever.</p></div>"
		"</div><div id=\"comments\"><h3>Comments</h3><form><textarea>"
		"</textarea><input type=\"submit\"></form></div>"
		"<div class=\"sponsor\"><p>Buy our product, the best product, "
		"now with more features, and a free trial for everyone.</p></div>"
		"<ul class=\"related\"><li><a href=\"/r1\">Related one</a></li>"
		"<li><a href=\"/r2\">Related two</a></li></ul></div>"
		"<div id=\"footer\">Copyright, all rights reserved</div>"
		"<img src=\"http://stats.example/p.gif\" width=\"1\" height=\"1\">"
		"</body></html>",
		NULL, NULL, READABLE_OK,
		NULL, NULL, NULL, NULL, 0,
		{ STORY_WORD, "winter floods", "several asked", NULL },
		{ "Share on", "Hidden paragraph", "Buy our product", "Related one",
		  "Copyright", "stats.example" }, { NULL },
	},
	{
		"<br><br> runs become paragraphs; relative links resolved",
		"<html><head><title>A fairly long title for the test</title></head>"
		"<body><div id=\"content\">The council met on Tuesday, and after a "
		"long debate, it voted to rebuild the old bridge.<br><br>Engineers "
		"said the work would take two years, cost less than planned, and "
		"keep one lane open, <a href=\"../plans/bridge.pdf\">the plans</a> "
		"show.<br><br>Residents, some of whom had campaigned for a decade, "
		"welcomed the vote, though several asked why it took so long, and "
		"whether the money, promised twice before, would be there, in "
		"full, when the builders finally arrive next spring.</div></body></html>",
		"https://news.example/2014/05/bridge.html", NULL, READABLE_OK,
		NULL, NULL, NULL, NULL, 0,
		{ "<p>Engineers said", "href=\"https://news.example/2014/plans/bridge.pdf\"",
		  NULL },
		{ "<br>", NULL }, { NULL },
	},
	{
		"a heading repeating the title is dropped, others stay",
		"<html><head><title>Council votes to rebuild the old bridge</title>"
		"</head><body><div class=\"post\"><h1>Council votes to rebuild the "
		"old bridge</h1>" STORY "<h2>What happens next</h2>" STORY
		"</div></body></html>",
		NULL, NULL, READABLE_OK,
		"Council votes to rebuild the old bridge", NULL, NULL, NULL, 0,
		{ "What happens next", NULL }, { "<h1", "Council votes", NULL }, { NULL },
	},
	{
		"a \"<script\" in an attribute or a title is no script",
		"<html><head><title>On the <script> element, a long title</title>"
		"</head><body><div class=\"post\"><a title=\"<script>\" href=\"/x\">x"
		"</a><!-- <script> -->" STORY "<script>document.write('<p>no</p>')"
		"</script><p>After the script, the story goes on, with commas, "
		"and it ends here.</p></div></body></html>",
		NULL, NULL, READABLE_OK,
		"On the <script> element, a long title", NULL, NULL, NULL, 0,
		{ STORY_WORD, "the story goes on", NULL }, { "no</p>", NULL }, { NULL },
	},
	{
		"an image is not a page",
		"\x89PNG\r\n\x1a\n<p>" STORY "</p>",
		NULL, "image/png", READABLE_NOT_HTML,
		NULL, NULL, NULL, NULL, 0, { NULL }, { NULL }, { NULL },
	},
	{
		"a page with no text has no article",
		"<html><head><title>Nothing</title></head><body><div></div></body></html>",
		NULL, NULL, READABLE_NO_CONTENT,
		NULL, NULL, NULL, NULL, 0, { NULL }, { NULL }, { NULL },
	},

	{
		"a sponsor line inside the story goes (Readability's unlikely words)",
		"<html><head><title>The bridge vote, in full</title></head><body>"
		"<div class=\"post\">" STORY "<p class=\"sponsor\">Acme Widgets: "
		"cheap, fast, reliable, and delivered, today, to your door.</p>"
		"</div></body></html>",
		NULL, NULL, READABLE_OK, NULL, NULL, NULL, NULL, 0,
		{ STORY_WORD, NULL }, { "Acme", NULL }, { NULL },
	},
	/* ---- issue 13: only the story, cleaned inside the chosen block ---- */
	{
		"JSON-LD entities are decoded in the title",
		"<html><head><title>x</title><script type=\"application/ld+json\">"
		"{\"@context\": \"https://schema.org\", \"@type\": \"NewsArticle\", "
		"\"headline\": \"&#8216;Bridge&#8217; to cost &#163;5m &amp; more\"}"
		"</script></head><body><div class=\"post\">" STORY "</div></body></html>",
		NULL, NULL, READABLE_OK,
		"\xe2\x80\x98" "Bridge\xe2\x80\x99 to cost \xc2\xa3" "5m & more", NULL,
		NULL, NULL, 0, { STORY_WORD, NULL }, { NULL }, { NULL },
	},
	{
		"an iframe's fallback markup is never shown",
		"<html><head><title>The bridge vote, in full</title></head><body>"
		"<div class=\"post\">" STORY "<iframe src=\"https://www.youtube.com/"
		"embed/abc\"><p>Your browser cannot show frames</p></iframe>"
		"</div></body></html>",
		NULL, NULL, READABLE_OK, NULL, NULL, NULL, NULL, 0,
		{ STORY_WORD, "youtube.com/embed/abc", NULL },
		{ "Your browser", NULL }, { NULL },
	},
	{
		"a heading naming the site does not use up the headline removal",
		"<html><head><title>Council votes to rebuild the old bridge</title>"
		"</head><body><div class=\"post\"><h2>Bridge</h2><h1>Council votes "
		"to rebuild the old bridge</h1>" STORY "</div></body></html>",
		NULL, NULL, READABLE_OK,
		"Council votes to rebuild the old bridge", NULL, NULL, NULL, 0,
		{ STORY_WORD, NULL }, { "Council votes", NULL }, { NULL },
	},
	{
		"a hover card repeating the name before it is not glued to it",
		"<html><head><title>The bridge vote, in full</title></head><body>"
		"<div class=\"post\"><p>Councillor <a href=\"/p/ann\">Ann Writer</a>"
		"<span class=\"rollover\">Ann Writer</span> said the bridge, at "
		"last, would be rebuilt, and that the money was there.</p>" STORY
		"</div></body></html>",
		NULL, NULL, READABLE_OK, NULL, NULL, NULL, NULL, 0,
		{ STORY_WORD, "said the bridge", NULL }, { "rollover", NULL },
		{ "Ann Writer", NULL },
	},
	{
		"a figure stays in the HTML; caption and credit lines outside it go",
		"<html><head><title>The bridge vote, in full</title></head><body>"
		"<div class=\"post\"><figure><img src=\"/img/bridge.jpg\" alt=\"The "
		"old bridge\"><figcaption>The bridge in 1920.</figcaption></figure>"
		STORY "<p class=\"image-credit\">Photo: City Archive</p>"
		"<div class=\"wp-caption-text\">The river in flood</div>"
		"</div></body></html>",
		"https://news.example/2014/bridge.html", NULL, READABLE_OK,
		NULL, NULL, NULL, NULL, 0,
		{ STORY_WORD, "<figure>", "<figcaption>The bridge in 1920.", NULL },
		{ "City Archive", "river in flood", NULL }, { NULL },
	},
	{
		"read-more lines and paragraphs of same-site links go; prose links stay",
		"<html><head><title>The bridge vote, in full</title></head><body>"
		"<div class=\"post\">" STORY "<p>Read more: <a href=\"/2014/roads.html\">"
		"Roads to close</a></p><p><a href=\"/floods\">Floods</a> | <a href="
		"\"/weather\">Weather</a> | <a href=\"https://news.example/rivers\">"
		"Rivers</a></p><p>The full report: <a href=\"https://gov.example/r"
		"\">https://gov.example/r</a></p><ul><li><a href=\"/more\">More "
		"from the council</a></li></ul><p>See the <a href=\"https://gov."
		"example/plans\">plans of the engineers</a>.</p></div></body></html>",
		"https://news.example/2014/bridge.html", NULL, READABLE_OK,
		NULL, NULL, NULL, NULL, 0,
		{ STORY_WORD, "https://gov.example/r", "plans of the engineers", NULL },
		{ "Read more", "Roads to close", "Weather", "More from the council",
		  NULL }, { NULL },
	},
	{
		"the article header (kicker, repeated headline, dek, byline) and the bio go",
		"<html><head><title>Council votes to rebuild the old bridge</title>"
		"<meta name=\"author\" content=\"Ann Writer\"></head><body><article>"
		"<header><p class=\"kicker\">Infrastructure</p><h2>Council votes to "
		"rebuild the old bridge</h2><p class=\"dek\">A decade of argument "
		"ends, at last, with a vote.</p><div class=\"byline\">By Ann Writer"
		"</div><span class=\"read-time\">4 min read</span></header>" STORY
		"<div class=\"author-bio\">Ann Writer covers the council.</div>"
		"</article></body></html>",
		NULL, NULL, READABLE_OK, NULL, "Ann Writer", NULL, NULL, 0,
		{ STORY_WORD, NULL },
		{ "Infrastructure", "Council votes", "decade of argument", "Ann Writer",
		  "min read", NULL }, { NULL },
	},
	{
		"a descendant marked as the body is preferred to the block around it",
		"<html><head><title>The bridge vote, in full</title></head><body>"
		"<div class=\"story\"><div class=\"standfirst-x\">What the vote "
		"means for the city, its roads and its budget.</div>"
		"<div itemprop=\"articleBody\">" STORY "</div><div>Comments are "
		"closed, as always, after a week.</div></div></body></html>",
		NULL, NULL, READABLE_OK, NULL, NULL, NULL, NULL, 0,
		{ STORY_WORD, NULL }, { "What the vote means", "Comments are closed",
		  NULL }, { NULL },
	},
	{
		"furniture is pruned by class words, not substrings",
		"<html><head><title>The bridge vote, in full</title></head><body>"
		"<div class=\"post\"><nav class=\"breadcrumb\"><a href=\"/\">Home</a>"
		" &gt; News</nav>" STORY "<div class=\"newsletter-signup\">Get the "
		"morning briefing, free, every day</div><p class=\"promotional\">"
		"Promotional fares, the council said, will cut the toll by half.</p>"
		"<ul class=\"post-tags\"><li>bridges</li><li>council</li></ul>"
		"<span class=\"sr-only\">Opens in a new window</span>"
		"<div style=\"display: none\">Hidden inline note</div></div></body></html>",
		NULL, NULL, READABLE_OK, NULL, NULL, NULL, NULL, 0,
		{ STORY_WORD, "Promotional fares", NULL },
		{ "Home", "morning briefing", "bridges", "new window", "Hidden", NULL }, { NULL },
	},
	{
		"several articles in the block: the post of the page stays",
		"<html><head><title>The bridge vote, in full</title></head><body "
		"class=\"single postid-12\"><div class=\"posts\"><article class=\""
		"post-11 post\"><h2>Older post</h2><p>A teaser for another post, "
		"about parking, with a comma.</p></article><article class=\"post-12 "
		"post\">" STORY "</article><article class=\"post-13 post\"><p>"
		"Another teaser, about the library, with a comma.</p></article>"
		"</div></body></html>",
		NULL, NULL, READABLE_OK, NULL, NULL, NULL, NULL, 0,
		{ STORY_WORD, NULL }, { "about parking", "about the library", NULL }, { NULL },
	},
	{
		"repeated identical blocks elsewhere (a highlights box, captions): the first stays",
		"<html><head><title>The bridge vote, in full</title></head><body>"
		"<div class=\"post\"><ul class=\"box\"><li>Engineers said the work "
		"would take two years.</li></ul><p>Engineers said the work would "
		"take two years.</p>" STORY "<figure><img src=\"/a.jpg\"><figcaption>"
		"The old bridge, seen from the north bank.</figcaption></figure>"
		"<figure><img src=\"/b.jpg\"><figcaption>The old bridge, seen from "
		"the north bank.</figcaption></figure><p>Said twice, and meant "
		"twice, by the mayor.</p><p>Said twice, and meant twice, by the "
		"mayor.</p></div></body></html>",
		NULL, NULL, READABLE_OK, NULL, NULL, NULL, NULL, 0,
		{ STORY_WORD, "b.jpg", "meant twice, by the mayor.</p><p>Said twice",
		  NULL }, { NULL },
		{ "seen from the north bank", "would take two years.<", NULL },
	},
	{
		"guard: a furniture word on the element holding the story keeps it",
		"<html><head><title>The bridge vote, in full</title></head><body>"
		"<div class=\"post\"><div class=\"entry-meta\">" STORY "</div>"
		"<p>A short closing note, with a comma.</p></div></body></html>",
		NULL, NULL, READABLE_OK, NULL, NULL, NULL, NULL, 0,
		{ STORY_WORD, "the detours", NULL }, { NULL }, { NULL },
	},
	{
		"guard: pruning that would leave under a seventh is undone",
		"<html><head><title>The bridge vote, in full</title></head><body>"
		"<div class=\"post\"><div class=\"meta\"><p>The council met on "
		"Tuesday, and after a long debate, it voted to rebuild the old "
		"bridge over the river before the winter floods.</p></div>"
		"<div class=\"meta\"><p>Engineers said the work would take two "
		"years, cost less than the first estimate, and keep one lane open."
		"</p></div><div class=\"meta\"><p>Residents who had campaigned for "
		"the repair, some of them for a decade, welcomed the vote at last."
		"</p></div><div class=\"meta\"><p>The mayor, speaking after the "
		"vote, promised regular reports on the budget and the detours.</p>"
		"</div><p>That was all.</p></div></body></html>",
		NULL, NULL, READABLE_OK, NULL, NULL, NULL, NULL, 0,
		{ "winter floods", "one lane open", "welcomed the vote",
		  "regular reports", NULL }, { NULL }, { NULL },
	},
	{
		"embedded posts stay, even inside social widgets",
		"<html><head><title>The bridge vote, in full</title></head><body>"
		"<div class=\"post\">" STORY "<div class=\"social-embed widget related\">"
		"<blockquote class=\"twitter-tweet\"><p>The bridge is finally "
		"happening!</p>&mdash; Ann (@ann)</blockquote></div></div></body></html>",
		NULL, NULL, READABLE_OK, NULL, NULL, NULL, NULL, 0,
		{ STORY_WORD, "finally happening", NULL }, { NULL }, { NULL },
	},
	{
		"ad labels go, in any case, language or punctuation",
		"<html><head><title>The bridge vote, in full</title></head><body>"
		"<div class=\"post\"><p>ADVERTISEMENT</p>"
		"<p>The council met on Tuesday, and after a long debate, it voted to "
		"rebuild the old bridge over the river before the winter floods.</p>"
		"<div class=\"slot\"><span>- Anzeige -</span></div>"
		"<p>Engineers said the work would take two years, cost less than the "
		"first estimate, and keep one lane open to traffic at all times.</p>"
		"Advertisement"
		"<p>Residents who had campaigned for the repair, some of them for a "
		"decade, welcomed the vote, though several asked why it took so long, "
		"and whether the money would really be there when it was needed.</p>"
		"<p>Story continues below advertisement</p>"
		"<p>The mayor, speaking after the vote, promised regular reports on "
		"the budget, the schedule and the detours, starting next month.</p>"
		"<div>PUBLICIT\xc3\x89 \xc2\xb7</div><p>Sponsored:</p>"
		"</div></body></html>",
		NULL, NULL, READABLE_OK, NULL, NULL, NULL, NULL, 0,
		{ "winter floods", "one lane open", "welcomed the vote",
		  "regular reports", NULL },
		{ "ADVERTISEMENT", "Anzeige", "Advertisement", "Story continues",
		  "PUBLICIT", "Sponsored" },
		{ NULL },
	},
	{
		"a story inside an <aside> stays; a sidebar aside goes",
		/* main and the aside are only children: Readability climbs to
		 * main, and its cleaning removed every aside, the story too */
		"<html><head><title>The bridge vote, in full</title></head><body>"
		"<main><aside class=\"direct-content\"><section><h1>The bridge "
		"vote, in full</h1><div class=\"teaser\">"
		"<p>The council met on Tuesday, and after a long debate, it voted to "
		"rebuild the old bridge over the river before the winter floods.</p>"
		"</div><article><div class=\"text\"><p>Engineers said the work "
		"would take two years, cost less than the first estimate, and keep "
		"one lane open to traffic at all times.</p></div><aside class=\"more"
		"\"><ul><li><a href=\"/a\">Other news</a></li></ul></aside>"
		"</article></section></aside></main></body></html>",
		NULL, NULL, READABLE_OK, NULL, NULL, NULL, NULL, 0,
		{ STORY_WORD, "one lane open", NULL }, { "Other news", NULL },
		{ NULL },
	},
	{
		"share, comment and related-article labels go; such words in prose stay",
		"<html><head><title>The bridge vote, in full</title></head><body>"
		"<div class=\"post\">" STORY "<p>Share this article:</p>"
		"<h3>Das k\xc3\xb6nnte dich auch interessieren</h3>"
		"<div>Keine Kommentare</div><p>Shares in the builder rose.</p>"
		"</div></body></html>",
		NULL, NULL, READABLE_OK, NULL, NULL, NULL, NULL, 0,
		{ STORY_WORD, "Shares in the builder", NULL },
		{ "Share this", "interessieren", "Kommentare", NULL }, { NULL },
	},
	{
		"copyright and reprint notices go; a paragraph after a credit stays",
		"<html><head><title>The bridge vote, in full</title></head><body>"
		"<div class=\"post\">" STORY "<p><span>\xc2\xa9 City Archive</span> "
		"The engineers, who met the press on Wednesday, said the old "
		"piers would be kept, and the deck rebuilt in steel, as the "
		"council had asked in its first tender last spring.</p>"
		"<p>\xc2\xa9 2024 Daily Post. All rights reserved.</p>"
		"<div>This article is the copyrighted property of the Post.</div>"
		"</div></body></html>",
		NULL, NULL, READABLE_OK, NULL, NULL, NULL, NULL, 0,
		{ STORY_WORD, "old piers would be kept", NULL },
		{ "rights reserved", "copyrighted property", NULL }, { NULL },
	},
	{
		"an ad word inside a sentence or a longer line is prose",
		"<html><head><title>The bridge vote, in full</title></head><body>"
		"<div class=\"post\">" STORY "<p>The council's <b>advertisement</b> "
		"for contractors ran twice.</p><p>Advertisement rules, as agreed.</p>"
		"<p>Sponsored by the county</p></div></body></html>",
		NULL, NULL, READABLE_OK, NULL, NULL, NULL, NULL, 0,
		{ STORY_WORD, "<b>advertisement</b>", "Advertisement rules",
		  "Sponsored by the county", NULL }, { NULL }, { NULL },
	},
};

/* One failed expectation of a case, with both sides. */
static void
fail(const char *name, const char *what, const char *got, const char *want)
{
	CHECKF(false, "%s: %s: got '%s', want '%s'", name, what,
	    got != NULL ? got : "(null)", want != NULL ? want : "(null)");
}

static void
check_str(const char *name, const char *what, const char *got, const char *want)
{
	if (want == NULL)
		return;
	if (got == NULL || strcmp(got, want) != 0)
		fail(name, what, got, want);
}

/* The text is the article's html as html_to_text reads it, though it is
 * rendered from the readable view's own tree, without a second parse. */
static void
same_text(const char *name, const struct readable_article *a)
{
	char *want = html_to_text(a->html, strlen(a->html));

	check_str(name, "text (from the tree) against html_to_text(html)", a->text, want);
	free(want);
}

static void
run_case(const struct page_case *c)
{
	struct readable_article *a = NULL;
	enum readable_result r;
	size_t i;

	r = readable_extract(c->html, strlen(c->html), c->url, c->content_type, &a);
	if (r != c->result) {
		fail(c->name, "result", readable_strerror(r),
		    readable_strerror(c->result));
		readable_free(a);
		return;
	}
	if (r != READABLE_OK) {
		if (a != NULL)
			fail(c->name, "out on error", "set", "NULL");
		return;
	}
	check_str(c->name, "title", a->title, c->title);
	check_str(c->name, "byline", a->byline, c->byline);
	check_str(c->name, "site name", a->site_name, c->site_name);
	check_str(c->name, "image", a->image, c->image);
	if (c->published != 0 && a->published != c->published) {
		char got[32], want[32];

		snprintf(got, sizeof(got), "%lld", (long long)a->published);
		snprintf(want, sizeof(want), "%lld", (long long)c->published);
		fail(c->name, "published", got, want);
	}
	same_text(c->name, a);
	for (i = 0; i < MAX_WANT && c->want[i] != NULL; i++)
		if (strstr(a->html, c->want[i]) == NULL)
			fail(c->name, "article lacks", a->html, c->want[i]);
	for (i = 0; i < MAX_WANT && c->unwanted[i] != NULL; i++)
		if (strstr(a->html, c->unwanted[i]) != NULL)
			fail(c->name, "article has", c->unwanted[i], a->html);
	for (i = 0; i < MAX_WANT && c->once[i] != NULL; i++) {
		const char *first = strstr(a->html, c->once[i]);

		if (first == NULL || strstr(first + 1, c->once[i]) != NULL)
			fail(c->name, "not exactly once", a->html, c->once[i]);
	}
	readable_free(a);
}

/* Figures are listed with their image, alt text and caption; a figure
 * with no image (a quote, a chart in a table) is not. */
static void
run_figures(void)
{
	static const char page[] =
	    "<html><head><title>The bridge vote, in full</title></head><body>"
	    "<div class=\"post\"><figure><img src=\"/img/bridge.jpg\" alt=\" The "
	    "old  bridge \"><figcaption>The bridge in 1920. <span class=\"credit\">"
	    "Photo: City Archive</span></figcaption></figure>" STORY
	    "<figure><blockquote>Build it.</blockquote></figure>"
	    "<figure><img src=\"https://cdn.example/river.png\"></figure>"
	    "</div></body></html>";
	struct readable_article *a = NULL;

	CHECK(readable_extract(page, strlen(page),
	    "https://news.example/2014/bridge.html", NULL, &a) == READABLE_OK);
	if (a == NULL)
		return;
	CHECKF(a->nfigures == 2, "%zu figures", a->nfigures);
	if (a->nfigures == 2) {
		CHECK_STR(a->figures[0].src, "https://news.example/img/bridge.jpg");
		CHECK_STR(a->figures[0].alt, "The old bridge");
		CHECK_STR(a->figures[0].caption, "The bridge in 1920. Photo: City Archive");
		CHECK_STR(a->figures[1].src, "https://cdn.example/river.png");
		CHECK_STR(a->figures[1].alt, NULL);
		CHECK_STR(a->figures[1].caption, NULL);
	}
	CHECK(strstr(a->html, "<figcaption>") != NULL);
	readable_free(a);
}

/* The indentation gumbo is spared still counts: a byline element is
 * measured as long as the page has it (Readability's 100 characters of
 * textContent), and white space in <pre> is the page's, untouched. */
static void
run_indentation(void)
{
	static const size_t runs[] = { 1, 5 };
	static const char pad[] = "                                        ";
	const char *got[2];
	struct readable_article *a[2] = { NULL, NULL };
	size_t i, k;

	for (i = 0; i < 2; i++) {
		struct tbuf b;
		char *page;

		tbuf_init(&b, TEXT_MAX_STRING);
		CHECK(tbuf_adds(&b, "<html><head><title>The bridge vote</title>"
		    "</head><body><div class=\"byline\">\n  <span>By Ann Lee</span>"));
		for (k = 0; k < runs[i]; k++)	/* 41 characters each */
			CHECK(tbuf_printf(&b, "\n%s", pad));
		CHECK(tbuf_adds(&b, "<span>Staff</span>\n</div><article>" STORY
		    "<pre>if (x)\n        y();\n\n\n    z();</pre></article></body></html>"));
		page = tbuf_take(&b);
		CHECK(readable_extract(page, strlen(page), NULL, NULL, &a[i]) ==
		    READABLE_OK);
		free(page);
		got[i] = a[i] != NULL ? a[i]->byline : "(no article)";
		CHECKF(a[i] == NULL || strstr(a[i]->html,
		    "if (x)\n        y();\n\n\n    z();") != NULL,
		    "pre text changed: %s", a[i] != NULL ? a[i]->html : "");
	}
	CHECKF(got[0] != NULL && strcmp(got[0], "Ann Lee Staff") == 0,
	    "short byline: %s", got[0] != NULL ? got[0] : "(null)");
	CHECKF(got[1] == NULL, "byline of 220 characters taken: %s", got[1]);
	readable_free(a[0]);
	readable_free(a[1]);
}

/* Limits and hostile shapes: never a crash, always a clear result. */
static void
run_limits(void)
{
	struct readable_article *a = (void *)1;
	size_t n = (size_t)READABLE_MAX_INPUT + 1, i;
	char *big = xmalloc(n), *deep;
	struct tbuf b;

	memset(big, 'x', n);
	if (readable_extract(big, n, NULL, NULL, &a) != READABLE_TOO_LARGE ||
	    a != NULL)
		fail("limits", "too large", "other", "READABLE_TOO_LARGE");
	free(big);

	if (readable_extract("", 0, NULL, NULL, &a) != READABLE_NO_CONTENT)
		fail("limits", "empty page", "other", "READABLE_NO_CONTENT");

	/* nesting far deeper than READABLE_MAX_DEPTH */
	tbuf_init(&b, TEXT_MAX_STRING);
	for (i = 0; i < 20000; i++)
		if (!tbuf_adds(&b, "<div>"))
			break;
	if (!tbuf_adds(&b, STORY STORY))
		fail("limits", "tbuf", "full", "room");
	deep = tbuf_take(&b);
	if (readable_extract(deep, strlen(deep), NULL, NULL, &a) != READABLE_OK ||
	    strstr(a->html, STORY_WORD) == NULL)
		fail("limits", "deep nesting", "no story", STORY_WORD);
	readable_free(a);
	free(deep);

	/* nested blocks that each look like a byline or hold a heading and a
	 * list over thousands of paragraphs: once quadratic, now quick */
	tbuf_init(&b, TEXT_MAX_STRING);
	for (i = 0; i < 200; i++)
		if (!tbuf_printf(&b, "<div class=\"byline author\"><h2>Part %zu</h2>"
		    "<ul><li><a href=\"/\">x</a></li></ul><p>Level %zu, with a "
		    "comma, and words.</p>", i, i))
			break;
	for (i = 0; i < 5000; i++)
		if (!tbuf_adds(&b, "<p>A paragraph with <a href=\"/l\">a link</a>, "
		    "commas, and enough words to be scored.</p>"))
			break;
	deep = tbuf_take(&b);
	if (readable_extract(deep, strlen(deep), NULL, NULL, &a) != READABLE_OK)
		fail("limits", "nested bylines", "error", "READABLE_OK");
	readable_free(a);
	free(deep);
}

/* What parsing the html again would change, and the tree must do too: a
 * line feed after <pre> dropped, runs of text as one, names and kept
 * attributes as serialised, a foreign <svg> and an unknown element. */
static void
run_text_tree(void)
{
	static const char page[] = "<html><body><article>" STORY
	    "<pre>\n\nfirst line\n  second &amp; last</pre>"
	    "<p>Text <b>bold</b> and a <a href=\"/x\" class=\"c\">link</a>, "
	    "<my-widget>widget words</my-widget>, <xmp><b>raw</b></xmp>.</p>"
	    "<p>Chart: <svg><title>a chart title</title><text>axis</text></svg>"
	    " and <img src=\"/i.png\" alt=\"an image\"> and after.</p>"
	    "<ul><li>one</li><li>two<br>lines</li></ul>"
	    "<table><tr><td>cell a</td><td>cell b</td></tr></table>"
	    "</article></body></html>";
	struct readable_article *a = NULL;

	if (readable_extract(page, strlen(page), "https://news.example/",
	    NULL, &a) != READABLE_OK) {
		fail("text tree", "result", "error", "READABLE_OK");
		return;
	}
	same_text("text tree", a);
	if (strstr(a->text, "\n\nfirst line\n  second & last") == NULL)
		fail("text tree", "pre", a->text, "first line...");
	/* an inline <svg> is never parsed: its element stays, empty */
	if (strstr(a->html, "<svg></svg>") == NULL || strstr(a->html, "chart title") != NULL)
		fail("text tree", "svg", a->html, "<svg></svg>");
	readable_free(a);
}

int
main(void)
{
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		run_case(&cases[i]);
	run_figures();
	run_text_tree();
	run_indentation();
	run_limits();
	return check_finish();
}
