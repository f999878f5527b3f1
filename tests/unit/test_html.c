/*
 * test_html: html_render and html_to_text against tables of small
 * documents.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "html.h"
#include "text.h"

/* ---- rendering ----------------------------------------------------------- */

enum { ASCII = 1, REFS = 2 };

/* want: the lines joined with '\n' (html_line_text of each). */
static const struct {
	const char *html;
	size_t width;
	unsigned flags;
	const char *want;
} renders[] = {
	/* inline elements add no spaces; blocks are separated by a blank line */
	{ "<p>a<b>b</b>c</p>", 40, 0, "abc" },
	{ "<p>end</p><p>Next", 40, 0, "end\n\nNext" },
	{ "<div>a</div>b", 40, 0, "a\n\nb" },
	{ "<div><div><p>a</p></div></div><div>b</div>", 40, 0, "a\n\nb" },
	{ "a<br>b<br><br><br><br>c<br>", 40, 0, "a\nb\n\nc" },
	{ "<p><br>a <br> b</p>", 40, 0, "a\nb" },
	{ "  a \n\t b   <i> c </i> d ", 40, 0, "a b c d" },
	{ "x&nbsp;&nbsp;y &amp; &lt;z&gt; &eacute;&#233;&#x1F600;", 40, 0,
	    "x\xc2\xa0\xc2\xa0y & <z> \xc3\xa9\xc3\xa9\xf0\x9f\x98\x80" },
	{ "", 40, 0, "" },
	{ "<p> </p><div>\n</div>", 40, 0, "" },
	/* wrapping by display width, never inside a character */
	{ "<p>The quick brown fox jumps over the lazy dog.</p>", 20, 0,
	    "The quick brown fox\njumps over the lazy\ndog." },
	{ "<p>Supercalifragilisticexpialidocious word</p>", 10, 0,
	    "Supercalif\nragilistic\nexpialidoc\nious word" },
	{ "<p>\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x81\xae\xe6\x96\x87"
	    "\xe7\xab\xa0\xe3\x81\xa7\xe3\x81\x99</p>", 7, 0,
	    "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\n\xe3\x81\xae\xe6\x96\x87"
	    "\xe7\xab\xa0\n\xe3\x81\xa7\xe3\x81\x99" },
	{ "<p>The quick brown fox jumps over the lazy dog.</p>", 0, 0,
	    "The quick brown fox jumps over the lazy dog." },
	{ "<p>one <b>two three</b> four</p>", 9, 0, "one two\nthree\nfour" },
	/* headings */
	{ "<h1>Title</h1><p>x</p><h3>Sub</h3>y", 40, 0, "Title\n\nx\n\nSub\n\ny" },
	/* pre: verbatim, tabs expanded, cut at the width */
	{ "<pre>a\tb\n  c  d\n\n\te</pre>", 40, 0, "a       b\n  c  d\n\n        e" },
	{ "<pre>0123456789abcdef\nx</pre>", 10, 0, "0123456789\nx" },
	{ "<p>a</p><pre>\n\ncode</pre><p>b</p>", 40, 0, "a\n\n\ncode\n\nb" },
	/* quotes */
	{ "<blockquote>a<blockquote>b</blockquote>c</blockquote>d", 20, ASCII,
	    "> a\n>\n> > b\n>\n> c\n\nd" },
	{ "<blockquote><p>quoted text that wraps</p></blockquote>", 14, 0,
	    "\xe2\x94\x82 quoted text\n\xe2\x94\x82 that wraps" },
	{ "<p>x</p><blockquote>q</blockquote>", 20, ASCII, "x\n\n> q" },
	/* lists */
	{ "<ul><li>one</li><li>two</li></ul>", 40, 0,
	    "\xe2\x80\xa2 one\n\xe2\x80\xa2 two" },
	{ "<ul><li>one<ul><li>two<ol start=3><li>three</ol></ul></ul>", 40, ASCII,
	    "- one\n  * two\n    3. three" },
	{ "<ol start=9><li>nine</li><li>ten which wraps</li></ol>", 16, 0,
	    "9. nine\n10. ten which\n    wraps" },
	{ "<ol reversed><li>a<li>b<li>c</ol>", 40, 0, "3. a\n2. b\n1. c" },
	{ "<ol><li value=5>a<li>b</ol>", 40, 0, "5. a\n6. b" },
	{ "<ul><li>item that wraps around</li></ul>", 12, ASCII,
	    "- item that\n  wraps\n  around" },
	{ "<ul><li><p>one</p></li><li><p>two</p><p>more</p></li></ul>after", 40,
	    ASCII, "- one\n- two\n\n  more\n\nafter" },
	{ "<p>intro</p><ul><li>a</li></ul><p>outro</p>", 40, ASCII,
	    "intro\n\n- a\n\noutro" },
	/* definition lists */
	{ "<dl><dt>T</dt><dd>def one</dd><dt>U</dt><dd>two</dd></dl>", 40, 0,
	    "T\n    def one\nU\n    two" },
	/* rules */
	{ "a<hr>b", 10, ASCII, "a\n\n----------\n\nb" },
	{ "<hr>", 3, 0, "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80" },
	{ "a<hr>", 0, ASCII, "a\n\n----------------------------------------" },
	/* tables: aligned columns, stacked when too wide, layout as blocks */
	{ "<table><tr><th>Name</th><th>Value</th></tr><tr><td>a</td><td>1</td>"
	    "</tr><tr><td>bbbbbb</td><td>22</td></tr></table>", 40, 0,
	    "Name    Value\na       1\nbbbbbb  22" },
	{ "<p>x</p><table><tr><td>a</td><td>b</td></tr></table><p>y</p>", 40, 0,
	    "x\n\na  b\n\ny" },
	{ "<table><caption>Cap</caption><tr><th>Name</th><th>Description</th>"
	    "</tr><tr><td>alpha</td><td>the first letter of the alphabet</td>"
	    "</tr><tr><td>b</td><td>second</td></tr></table>", 24, 0,
	    "Cap\nName: alpha\nDescription: the first\nletter of the alphabet\n\n"
	    "Name: b\nDescription: second" },
	{ "<table><tr><td><p>layout</p></td><td>x</td></tr></table>", 40, 0,
	    "layout\n\nx" },
	{ "<table><tr><th>Capital</th><td>Wellington<br>41 S</td></tr><tr><td>c</td>"
	    "<td><ul><li>d</li></ul></td></tr></table>", 40, ASCII,
	    "Capital\nWellington\n41 S\n\nc\n\n- d" },
	{ "<table><tr><td>only one column</td></tr><tr><td>row</td></tr></table>",
	    40, 0, "only one column\n\nrow" },
	{ "<table><tr><td>a<br>b</td><td><table><tr><td>c</td><td>d</td></tr>"
	    "</table></td></tr></table>", 40, 0, "a\nb\n\nc  d" },
	{ "<table><tr><td>a<br>b</td><td><b>c</b> d</td></tr></table>", 40, 0,
	    "a b  c d" },
	/* images: alt text; nothing for empty alt, pixels and ads */
	{ "<p>x<img src=a.png alt=\"A cat\">y</p>", 40, 0, "x[image: A cat]y" },
	{ "<img src=a.png alt=\"\"><img src=b.png>z", 40, 0, "z" },
	{ "<img src=p.gif width=1 height=1 alt=t><img src=q.gif height=0 alt=t>"
	    "<img src=\"http://ad.doubleclick.net/x.gif\" alt=ad2>"
	    "<img src=\"https://pixel.example.com/o.gif\" alt=t>"
	    "<img src=\"http://feeds.feedburner.com/~r/x/~4/y\" alt=t>"
	    "<img src=\"a.png\" alt=\"Advertisement\">"
	    "<img src=\"https://example.com/t/pixel.gif?u=1\" alt=t>"
	    "<img src=\"https://example.com/x/1x1.png\" alt=t>z", 40, 0, "z" },
	{ "<img src=\"https://example.com/pixel-8-review.jpg\" alt=\"Pixel 8\">",
	    40, 0, "[image: Pixel 8]" },
	/* a figure with an image: one line, the caption (else the alt), its link
	 * numbered: the first <a href> inside, else the image */
	{ "<figure><img src=a.png alt=\"A cat\"><figcaption>The cat.</figcaption>"
	    "</figure>after", 40, 0, "[image: The cat.]\n\nafter" },
	{ "<p>a</p><figure><img src=\"/i/cat.png\" alt=\"A cat\"><figcaption>"
	    "The <b>cat</b>,\n  asleep.</figcaption></figure><p>b</p>", 40, REFS,
	    "a\n\n[image: The cat, asleep.][1]\n\nb\n\n"
	    "[1] https://example.org/i/cat.png" },
	{ "<figure><a href=\"http://x/big.jpg\"><img src=s.jpg alt=Big></a>"
	    "<figcaption> </figcaption></figure>", 40, REFS,
	    "[image: Big][1]\n\n[1] http://x/big.jpg" },
	{ "<figure><picture><img src=\"data:image/png;base64,AA\"></picture>"
	    "</figure>t", 40, REFS, "[image]\n\nt" },
	{ "<figure><img src=a.png><figcaption>A very long caption that goes on"
	    "</figcaption></figure>", 20, REFS,
	    "[image: A very l\xe2\x80\xa6[1]\n\n[1] https://example.org/a/a.png" },
	{ "<ul><li><figure><img src=a.png alt=x></figure></li></ul>", 40, ASCII,
	    "- [image: x]" },
	/* ... an ad, a pixel: nothing; no image: a block as any other */
	{ "<figure><img src=\"https://ads.example.com/x.gif\" alt=ad>"
	    "<figcaption>Sponsored</figcaption></figure>after", 40, REFS, "after" },
	{ "<figure><img src=p.gif width=1><figcaption>x</figcaption>"
	    "</figure>after", 40, REFS, "after" },
	{ "<figure><img src=p.gif height=0px></figure>after", 40, REFS, "after" },
	{ "<figure><a href=\"https://ads.example.com/click\"><img src=a.png alt=x>"
	    "</a></figure>", 40, REFS, "[image: x]" },
	{ "<figure><pre>code</pre><figcaption>Listing 1</figcaption></figure>",
	    40, 0, "code\n\nListing 1" },
	{ "<figure><img src=a alt=x><figcaption>a\x1b[31mb\x07</figcaption>"
	    "</figure>", 40, REFS, NULL },
	/* links: numbered once per URL, resolved, listed at the end */
	{ "<p>See <a href=\"http://x/1\">one</a>, <a href=\"http://x/1\">same</a>, "
	    "<a href=\"/two\">two</a>, <a href=\" #foot\">note</a>, "
	    "<a href=\"javascript:alert(1)\">js</a>.</p>", 60, REFS,
	    "See one[1], same[1], two[2], note, js.\n\n[1] http://x/1\n"
	    "[2] https://example.org/two" },
	{ "<a href=\"http://x/1\">one </a>two <a href=\"/3\"> three</a>", 60, REFS,
	    "one[1] two three[2]\n\n[1] http://x/1\n[2] https://example.org/3" },
	{ "<a href=\"http://x/1\"><h2>Card</h2><p>summary</p></a>more", 60, REFS,
	    "Card\n\nsummary[1]\n\nmore\n\n[1] http://x/1" },
	{ "<a href=\"http://x/1\"><p>0123456789abcd</p></a>more", 14, REFS,
	    "0123456789abcd\n\n[1] more\n\n[1] http://x/1" },
	{ "<a href=\"http://x/1\">one</a> <a href=\"/two\">two</a>", 60, 0,
	    "one two" },
	{ "<a href=\"http://x/1\"></a><a href=\"http://x/2\"><img src=a alt=\"\">"
	    "</a>t", 60, REFS, "t" },
	/* a URL is never broken: on a line of its own, past the width */
	{ "<a href=\"http://x/a/very/long/path\">x</a>", 16, REFS,
	    "x[1]\n\n[1] http://x/a/very/long/path" },
	{ "<a href=\"news:comp.lang.c.moderated\">x</a>", 16, REFS,
	    "x[1]\n\n[1] news:comp.lang.c.moderated" },
	{ "<p>see https://example.org/a/very/long/path.html now</p>", 20, 0,
	    "see\nhttps://example.org/a/very/long/path.html\nnow" },
	{ "<p>https://example.org/a/very/long/path.html</p>", 20, 0,
	    "https://example.org/a/very/long/path.html" },
	{ "<blockquote>go (www.example.org/long/long/path) x</blockquote>", 16,
	    ASCII, "> go\n> (www.example.org/long/long/path)\n> x" },
	{ "<p>to mailto:someone.long@example.org</p>", 12, 0,
	    "to\nmailto:someone.long@example.org" },
	{ "<p>abcdefghijklmnopqrstuvwxyz ftp:/x/abcdefghijk</p>", 10, 0,
	    "abcdefghij\nklmnopqrst\nuvwxyz\nftp:/x/abc\ndefghijk" },
	{ "<p>a <a href=\"https://ad.doubleclick.net/click\">ad</a> "
	    "<a href=\"https://ads.example.com/x\">ad</a> "
	    "<a href=\"http://feeds.feedburner.com/~a/feed?a=1\"><img alt=x></a>"
	    "b</p>", 40, REFS, "a b" },
	/* the ad in data/newsfactor/crm-daily.rss */
	{ "them. <br><a href=\"http://ads.example.net/click.ng\"><img "
	    "src=\"http://ads.example.net/img/rss-ad.gif\" alt=\"advertisement\">"
	    "</a>", 40, REFS, "them." },
	{ "<a href=\"http://x/\x1b[2Jy\">t</a>", 40, REFS,
	    "t[1]\n\n[1] http://x/y" },
	/* left out: scripts, styles, forms, media, hidden elements */
	{ "a<script>alert(1)</script><style>p{}</style><noscript>ns</noscript>"
	    "<template>t</template><iframe src=x>if</iframe><object>o</object>"
	    "<form><input value=v><button>b</button><select><option>o</option>"
	    "</select><textarea>ta</textarea></form><svg><text>s</text></svg>"
	    "<video>v</video><audio>au</audio><noframes><p>nf</p></noframes>b", 40,
	    0, "ab" },
	{ "a<p hidden>h</p><span aria-hidden=\"true\">h</span>"
	    "<div style=\"color: red; DISPLAY : none\">h</div>"
	    "<span style=\"visibility:hidden\">h</span><span aria-hidden=false>c"
	    "</span>", 40, 0, "ac" },
	{ "<html><head><title>T</title><meta charset=utf-8></head>"
	    "<body><nav>n</nav><p>b</p></body></html>", 40, 0, "n\n\nb" },
	/* hostile text: controls and escape sequences never get through */
	{ "<p>a\x1b[31mred\x07 b\xc2\x9b" "31m c\x7f" "d</p>", 40, 0, NULL },
	{ "<img alt=\"x\x1b]0;pwn\x07y\">", 40, 0, NULL },
	{ "<pre>a\x1b[2J\rb\x08" "c</pre>", 40, 0, NULL },
	/* ... and a sequence goes whole, C1-opened ones too, whose opener
	 * gumbo would turn into U+FFFD, leaving the rest to show */
	{ "<p>para \xc2\x9b" "5m two</p><p>b \xc2\x9d" "0;PWNED\x07 end</p>"
	    "<p>c \x1b]2;t\x1b\\d \xc2\x9d" "0;open x</p>e", 40, 0,
	    "para two\n\nb end\n\nc d\n\ne" },
	{ "<img alt=\"x\xc2\x9d" "0;t\xc2\x9cy\">\tz", 40, 0, "[image: xy] z" },
	{ "<pre>\ta\xc2\xa0\xc3\xa9</pre>", 40, 0,
	    "        a\xc2\xa0\xc3\xa9" },
	{ "<p>\xe2\x80\xae" "evil\xe2\x80\xac \xff\xfe" " bad utf-8</p>", 40, 0, NULL },
	/* unclosed and misnested tags */
	{ "<p>a<b>b<p>c", 40, 0, "ab\n\nc" },
	{ "<b><i>x</b>y</i><ul><li>z", 40, ASCII, "xy\n\n- z" },
	{ "<table><tr><td>a", 40, 0, "a" },
	{ "<a href=x>a<a href=y>b", 40, 0, "ab" },
	{ "</p></div></li>text", 40, 0, "text" },
};

/* Styles of single spans. */
static const struct {
	const char *html;
	size_t line, span;
	const char *text;
	unsigned style;
} styles[] = {
	{ "<h1>Title</h1>", 0, 0, "Title", HTML_HEADING | HTML_BOLD },
	{ "a<b>b</b>", 0, 1, "b", HTML_BOLD },
	{ "a<strong>b</strong>", 0, 1, "b", HTML_BOLD },
	{ "a<i>b</i>", 0, 1, "b", HTML_ITALIC },
	{ "a<em>b</em>", 0, 1, "b", HTML_ITALIC },
	{ "a<u>b</u>", 0, 1, "b", HTML_UNDERLINE },
	{ "a<code>b</code>", 0, 1, "b", HTML_CODE },
	{ "a<tt>b</tt>", 0, 1, "b", HTML_CODE },
	{ "a<kbd>b</kbd>", 0, 1, "b", HTML_CODE },
	{ "<pre>x</pre>", 0, 0, "x", HTML_CODE },
	{ "<b>a<i>b</i></b>", 0, 1, "b", HTML_BOLD | HTML_ITALIC },
	{ "<a href=\"http://x/\">t</a>", 0, 0, "t", HTML_LINK },
	{ "<blockquote>q <b>b</b></blockquote>", 0, 0, "\xe2\x94\x82 q ",
	    HTML_QUOTE },
	{ "<blockquote>q <b>b</b></blockquote>", 0, 1, "b", HTML_QUOTE | HTML_BOLD },
	{ "<ul><li>i</li></ul>", 0, 0, "\xe2\x80\xa2 i", HTML_PLAIN },
	{ "<table><tr><th>h</th><th>i</th></tr></table>", 0, 0, "h", HTML_BOLD },
	{ "<dl><dt>t</dt></dl>", 0, 0, "t", HTML_BOLD },
	{ "<a href=\"http://x/\">t</a>", 0, 1, "[1]", HTML_PLAIN },
	{ "<figure><img src=a alt=x></figure>", 0, 0, "[image: x]", HTML_DIM },
	{ "<figure><img src=a alt=x></figure>", 0, 1, "[1]", HTML_PLAIN },
	{ "<b><figure><img src=a alt=x></figure></b>", 0, 0, "[image: x]",
	    HTML_DIM | HTML_BOLD },
	{ "<b><a href=\"http://x/\"><p>t</p></a></b>", 0, 1, "[1]", HTML_BOLD },
};

static bool
has_control(const char *s, bool newlines)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p != '\0'; p++) {
		if (*p == '\n' && newlines)
			continue;
		if (*p < ' ' || *p == 0x7f)
			return true;
		if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
			return true;	/* C1 */
		if (p[0] == 0xe2 && p[1] == 0x80 && p[2] >= 0xaa && p[2] <= 0xae)
			return true;	/* bidi overrides */
	}
	return false;
}

/* The document's lines joined with '\n'; checks every span for controls. */
static char *
doc_text(const struct html_doc *d, bool *bad)
{
	struct tbuf b;
	size_t i, j;

	tbuf_init(&b, TEXT_MAX_STRING);
	*bad = false;
	for (i = 0; i < d->nlines; i++) {
		char *t = html_line_text(&d->lines[i]);

		for (j = 0; j < d->lines[i].nspans; j++)
			if (has_control(d->lines[i].spans[j].text, false))
				*bad = true;
		if ((i > 0 && !tbuf_addc(&b, '\n')) || !tbuf_adds(&b, t))
			*bad = true;
		free(t);
	}
	for (i = 0; i < d->nlinks; i++)
		if (has_control(d->links[i], false))
			*bad = true;
	return tbuf_take(&b);
}

static char *
render(const char *html, size_t len, size_t width, unsigned flags,
    struct html_doc *d, bool *bad)
{
	struct html_options o = { width, "https://example.org/a/b",
	    (flags & REFS) != 0, (flags & ASCII) != 0 };

	html_render(html, len, &o, d);
	return doc_text(d, bad);
}

static void
test_render(void)
{
	size_t i;

	for (i = 0; i < sizeof(renders) / sizeof(renders[0]); i++) {
		struct html_doc d;
		bool bad;
		char *got = render(renders[i].html, strlen(renders[i].html),
		    renders[i].width, renders[i].flags, &d, &bad);

		CHECKF(!(bad || (renders[i].want != NULL &&
		    strcmp(got, renders[i].want) != 0)),
		    "render %zu: \"%s\"\n got: \"%s\"\nwant: \"%s\"%s",
			    i, renders[i].html, got,
			    renders[i].want ? renders[i].want : "(any)",
			    bad ? " (a control byte got through)" : "");
		free(got);
		html_doc_free(&d);
	}
	for (i = 0; i < sizeof(styles) / sizeof(styles[0]); i++) {
		struct html_options o = { 40, NULL, true, false };
		struct html_doc d;
		const struct html_span *sp = NULL;

		html_render(styles[i].html, strlen(styles[i].html), &o, &d);
		if (styles[i].line < d.nlines &&
		    styles[i].span < d.lines[styles[i].line].nspans)
			sp = &d.lines[styles[i].line].spans[styles[i].span];
		CHECKF(!(sp == NULL || strcmp(sp->text, styles[i].text) != 0 ||
		    sp->style != styles[i].style),
		    "style %zu: \"%s\": got \"%s\" %u, want \"%s\" %u",
			    i, styles[i].html, sp ? sp->text : "(none)",
			    sp ? sp->style : 0, styles[i].text, styles[i].style);
		html_doc_free(&d);
	}
}

/* ---- generated hostile input --------------------------------------------- */

static char *
repeat(const char *head, const char *unit, size_t n, const char *tail)
{
	struct tbuf b;
	size_t i;

	tbuf_init(&b, TEXT_MAX_STRING);
	if (!tbuf_adds(&b, head))
		return NULL;
	for (i = 0; i < n; i++)
		if (!tbuf_adds(&b, unit))
			return NULL;
	if (!tbuf_adds(&b, tail))
		return NULL;
	return tbuf_take(&b);
}

static void
expect_contains(const char *what, const char *html, size_t width,
    const char *needle)
{
	struct html_doc d;
	bool bad;
	char *got = render(html, strlen(html), width, REFS, &d, &bad);
	char *text = html_to_text(html, strlen(html));

	CHECKF(!(bad || strstr(got, needle) == NULL || strstr(text, needle) == NULL ||
	    has_control(text, true) || (width > 0 && d.nlines == 0)),
	    "%s: \"%s\" not in the output", what, needle);
	if (width > 0) {
		size_t i;

		for (i = 0; i < d.nlines; i++) {
			char *l = html_line_text(&d.lines[i]);

			CHECKF(text_width(l) <= width,
			    "%s: line %zu is %zu columns wide", what, i,
			    text_width(l));
			free(l);
		}
	}
	free(got);
	free(text);
	html_doc_free(&d);
}

/* A width nobody's screen has must not make a rule that long. */
static void
test_huge_width(void)
{
	struct html_options o = { (size_t)-1, NULL, true, true };
	struct html_doc d;
	const char *html = "<hr><p>text</p><pre>x\ty</pre><table><tr><td>a</td>"
	    "<td>b</td></tr></table>";
	char *l;

	html_render(html, strlen(html), &o, &d);
	l = d.nlines > 0 ? html_line_text(&d.lines[0]) : xstrdup("");
	CHECKF(!(d.nlines != 7 || strlen(l) > 1000),
	    "huge width: %zu lines, the first %zu bytes", d.nlines,
		    strlen(l));
	free(l);
	html_doc_free(&d);
}

/* A link whose href holds blanks is one word ("%20"), so its "[n] URL"
 * line is never wrapped into pieces that are not a URL (fuzz_html found
 * one wrapped at a space). */
static void
test_link_blanks(void)
{
	struct html_options o = { 20, NULL, true, false };
	struct html_doc d;
	const char *html = "<a href=\"https://example.org/a b\tc\">x</a>";
	size_t i;

	html_render(html, strlen(html), &o, &d);
	CHECK(d.nlinks == 1);
	if (d.nlinks == 1)
		CHECK_STR(d.links[0], "https://example.org/a%20bc");	/* a tab goes, as in browsers */
	for (i = 0; i < d.nlines; i++) {
		char *l = html_line_text(&d.lines[i]);

		CHECKF(strncmp(l, "    ", 4) != 0, "a wrapped URL piece: \"%s\"", l);
		free(l);
	}
	html_doc_free(&d);
}

static void
test_hostile(void)
{
	static const struct {
		const char *what, *head, *unit, *tail;
		size_t n, width;
	} cases[] = {
		{ "10 000 nested divs", "", "<div>", "deep", 10000, 40 },
		{ "100 000 nested divs", "", "<div>x ", "deep", 100000, 40 },
		{ "10 000 nested spans", "", "<span>", "deep", 10000, 40 },
		{ "10 000 nested lists", "", "<ul><li>", "deep", 10000, 40 },
		{ "10 000 nested quotes", "", "<blockquote>", "deep", 10000, 30 },
		{ "10 000 nested tables", "", "<table><tr><td>", "deep", 10000, 40 },
		{ "10 000 nested links", "", "<a href=x>", "deep", 10000, 40 },
		{ "10 000 bold", "", "<b>", "deep", 10000, 40 },
		{ "5000 links", "", "<a href=\"/x\">l</a> ", "deep", 5000, 40 },
		{ "20 000 brs", "a", "<br>", "deep", 20000, 40 },
		{ "narrow nested lists", "", "<ol><li>", "deep", 20, 12 },
		{ "a wide table", "<table><tr>", "<td>cell</td>", "<td>deep</td>",
		    100, 40 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *html = repeat(cases[i].head, cases[i].unit, cases[i].n,
		    cases[i].tail);

		expect_contains(cases[i].what, html, cases[i].width, "deep");
		free(html);
	}
}

/* ---- html_to_text ---------------------------------------------------------- */

static const struct {
	const char *html, *want;
} texts[] = {
	{ "<p>end</p><p>Next", "end\n\nNext" },
	{ "a<b>b</b>c", "abc" },
	{ "<div>a</div>b", "a\n\nb" },
	{ "<h1>T</h1><div><p>a</p></div><p>b</p>", "T\n\na\n\nb" },
	{ "a<br>b<br/>c", "a\nb\nc" },
	{ "<ul><li>a</li><li>b</li></ul>", "- a\n- b" },
	{ "<ul><li>a<ul><li>b</li></ul></li></ul>", "- a\n  - b" },
	{ "<ol><li>a<li>b</ol>", "1. a\n2. b" },
	{ "<p>x<img src=a alt=\"pic\">y</p>", "xy" },
	{ "<a href=\"/x\">link</a> text", "link text" },
	{ "<a href=\"https://ads.example.com/\">buy</a>text", "text" },
	{ "<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr>"
	    "</table>", "A | B\n1 | 2" },
	{ "&amp; &lt;b&gt; &eacute;", "& <b> \xc3\xa9" },
	{ "  lots   of\n\n space  ", "lots of space" },
	{ "a<script>x</script><style>y</style>b", "ab" },
	{ "<p>a\x1b[31mb\x07</p>", NULL },
	{ "", "" },
	{ "<br><p></p>", "" },
	{ "<pre>a  b\n c</pre>", "a  b\n c" },
	{ "<blockquote><p>q</p></blockquote><p>after</p>", "q\n\nafter" },
	{ "a<hr>b", "a\n\nb" },
	{ "<dl><dt>t</dt><dd>d</dd></dl>", "t\nd" },
	{ "plain text, no tags", "plain text, no tags" },
	/* figures and captions are furniture: left out of the text */
	{ "<p>a</p><figure><img src=a alt=x><figcaption>Cap</figcaption>"
	    "</figure><p>b</p>", "a\n\nb" },
	{ "<p>a</p><figure><pre>code</pre><figcaption>L</figcaption></figure>b",
	    "a\n\nb" },
	{ "a<figcaption>lonely caption</figcaption>b", "a\nb" },
	{ "them. <br><a href=\"http://ads.example.net/click.ng\"><img "
	    "src=\"http://ads.example.net/img/rss-ad.gif\" alt=\"advertisement\">"
	    "</a>", "them." },
	{ "Online storage. <p>Amazon Web Services is taking on Box.</p>",
	    "Online storage.\n\nAmazon Web Services is taking on Box." },
	/* references in text with and without markup */
	{ "a &amp; b &lt;c&gt; &#233;&#x1F600; &quot;q&quot; &apos;s&nbsp;t",
	    "a & b <c> \xc3\xa9\xf0\x9f\x98\x80 \"q\" 's\xc2\xa0t" },
	{ "<b></b>a &amp; b &lt;c&gt; &#233;&#x1F600; &quot;q&quot; &apos;s&nbsp;t",
	    "a & b <c> \xc3\xa9\xf0\x9f\x98\x80 \"q\" 's\xc2\xa0t" },
	{ "<p>It&rsquo;s &ldquo;x&rdquo; &mdash; caf&eacute;&hellip;</p><!--more-->"
	    "<p>b<!-- c -->c</p>",
	    "It\xe2\x80\x99s \xe2\x80\x9cx\xe2\x80\x9d \xe2\x80\x94 "
	    "caf\xc3\xa9\xe2\x80\xa6\n\nbc" },
	{ "<p>a<!-->b<!--->c<!--x--->d<!--y--!>e</p>", "abcde" },
	{ "<a href=\"?a=1&b=2&amp;c=3&copy=4\">l</a> &copyx; &ampx;",
	    "l \xc2\xa9x; &x;" },
	{ "<font color=red>f</font><big>b</big><strike>s</strike>", "fbs" },
	{ "AT&T &copy; &amp &#128; &#0; &#xD800;",
	    "AT&T \xc2\xa9 & \xe2\x82\xac \xef\xbf\xbd \xef\xbf\xbd" },
	{ "  spaced\r\n\tout  \x01\x1b[1m ", "spaced out" },
	{ "Body text \xc2\x9d" "0;PWNED3 end <p>para \xc2\x9b" "5m two</p>",
	    "Body text\n\npara two" },
	/* formulas are text: MathML's TeX annotation, else its tokens;
	 * MathJax's TeX script (no other script) */
	{ "<p>So <math><semantics><mrow><mi>a</mi><mo>+</mo><mi>b</mi></mrow>"
	    "<annotation encoding=\"application/x-tex\">a+b</annotation>"
	    "</semantics></math> holds.</p>", "So a+b holds." },
	{ "<p>x <math>\n <mi>y</mi>\n <mo>=</mo>\n <mn>2</mn>\n</math>.</p>",
	    "x y=2." },
	{ "<p>x <math><mi>y</mi><annotation encoding=\"text/plain\">why</annotation>"
	    "</math>.</p>", "x y." },
	{ "<p>E <script type=\"math/tex\">mc^2</script> and "
	    "<script type=\"math/tex; mode=display\">\\int f</script>"
	    "<script>alert(1)</script><script type=\"math/texture\">no</script></p>",
	    "E mc^2 and \\int f" },
};

static void
test_text(void)
{
	char *got;
	size_t i;

	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		got = html_to_text(texts[i].html, strlen(texts[i].html));
		CHECKF(!(has_control(got, true) || (texts[i].want != NULL &&
		    strcmp(got, texts[i].want) != 0)),
		    "text %zu: \"%s\"\n got: \"%s\"\nwant: \"%s\"",
			    i, texts[i].html, got,
			    texts[i].want ? texts[i].want : "(no controls)");
		free(got);
	}
	got = html_to_text(NULL, 0);
	CHECKF(!(got == NULL || *got != '\0'),
	    "text: NULL input did not give \"\"");
	free(got);
}

/* html_limit_nesting: honest HTML untouched; past HTML_MAX_NESTING open
 * elements the opening tags go, their text stays. */
static size_t
count(const char *s, size_t n, const char *what)
{
	size_t c = 0, w = strlen(what);
	const char *p = s, *end = s + n;

	while ((p = memmem(p, (size_t)(end - p), what, w)) != NULL) {
		c++;
		p += w;
	}
	return c;
}

static void
add(struct tbuf *b, const char *s)
{
	if (!tbuf_add(b, s, strlen(s)))
		abort();
}

static void
test_limit_nesting(void)
{
	static const struct {
		const char *open, *close;
		size_t depth, want_open;	/* 0: no copy */
	} cases[] = {
		{ "<div>", "</div>", 100, 0 },
		{ "<div>", "</div>", HTML_MAX_NESTING, 0 },
		{ "<div>", "</div>", HTML_MAX_NESTING + 1, HTML_MAX_NESTING },
		{ "<ul><li>", "</li></ul>", 60000, HTML_MAX_NESTING },
		{ "<p><br><img src=x>", "</p>", 5000, 0 },	/* none stays open */
		{ "<b/>", "", 5000, 0 },
	};
	size_t i, k, n, outlen;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct tbuf b;
		char *page, *got;

		tbuf_init(&b, TEXT_MAX_STRING);
		for (k = 0; k < cases[i].depth; k++)
			add(&b, cases[i].open);
		add(&b, "deep");
		for (k = 0; k < cases[i].depth; k++)
			add(&b, cases[i].close);
		n = b.len;
		page = tbuf_take(&b);
		got = html_limit_nesting(page, n, &outlen);
		CHECKF(!(cases[i].want_open == 0 ?
		    got != NULL || outlen != n :
		    got == NULL || got[outlen] != '\0' ||
		    count(got, outlen, cases[i].open) != cases[i].want_open ||
		    count(got, outlen, "deep") != 1 ||
		    count(got, outlen, cases[i].close) != cases[i].depth),
		    "limit nesting %zu: %s, %zu bytes", i,
			    got != NULL ? "a copy" : "no copy", outlen);
		free(got);
		free(page);
	}
}

int
main(void)
{
	test_limit_nesting();
	test_render();
	test_hostile();
	test_huge_width();
	test_link_blanks();
	test_text();
	return check_finish();
}
