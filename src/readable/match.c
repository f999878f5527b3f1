/*
 * readable/match.c: the class and id hints of Mozilla Readability. Its
 * regular expressions are case-insensitive alternations of plain words, so
 * they are tables of lower-case substrings here; the one anchored pattern
 * (the word "hid") is a rule of its own.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "readable_private.h"

#define MATCH_STACK 256

static const char *const unlikely_words[] = {
	"-ad-", "ai2html", "banner", "breadcrumbs", "combx", "comment",
	"community", "cover-wrap", "disqus", "extra", "footer", "gdpr", "header",
	"legends", "menu", "related", "remark", "replies", "rss", "shoutbox",
	"sidebar", "skyscraper", "social", "sponsor", "supplemental", "ad-break",
	"agegate", "pagination", "pager", "popup", "yom-remote", NULL
};

static const char *const maybe_words[] = {
	"and", "article", "body", "column", "content", "main", "shadow", NULL
};

static const char *const positive_words[] = {
	"article", "body", "content", "entry", "hentry", "h-entry", "main",
	"page", "pagination", "post", "text", "blog", "story", NULL
};

static const char *const negative_words[] = {
	"-ad-", "hidden", "banner", "combx", "comment", "com-", "contact",
	"foot", "footer", "footnote", "gdpr", "masthead", "media", "meta",
	"outbrain", "promo", "related", "scroll", "share", "shoutbox", "sidebar",
	"skyscraper", "sponsor", "shopping", "tags", "widget", NULL
};

static const char *const byline_words[] = {
	"byline", "author", "dateline", "writtenby", "p-author", NULL
};

/* Embeds from these hosts are videos people want to keep. */
static const char *const video_words[] = {
	"//dailymotion.com", "//www.dailymotion.com", "//youtube.com",
	"//www.youtube.com", "//youtube-nocookie.com",
	"//www.youtube-nocookie.com", "//player.vimeo.com",
	"//www.player.vimeo.com", "//v.qq.com", "//www.v.qq.com",
	"//archive.org", "//www.archive.org", "//upload.wikimedia.org",
	"//www.upload.wikimedia.org", "//player.twitch.tv",
	"//www.player.twitch.tv", NULL
};

static const char *const *const tables[] = {
	[RX_UNLIKELY] = unlikely_words,
	[RX_MAYBE] = maybe_words,
	[RX_POSITIVE] = positive_words,
	[RX_NEGATIVE] = negative_words,
	[RX_BYLINE] = byline_words,
	[RX_VIDEO] = video_words,
};

char
rd_ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

bool
rd_str_contains_ci(const char *hay, const char *needle)
{
	size_t i, j;

	if (needle[0] == '\0')
		return true;
	for (i = 0; hay[i] != '\0'; i++) {
		for (j = 0; needle[j] != '\0'; j++)
			if (rd_ascii_lower(hay[i + j]) != needle[j])
				break;
		if (needle[j] == '\0')
			return true;
	}
	return false;
}

/* ^hid$| hid$| hid |^hid : "hid" as a word with spaces around it */
static bool
has_hid_word(const char *s)
{
	size_t n = strlen(s);

	if (n < 3)
		return false;
	if (strncmp(s, "hid", 3) == 0 && (s[3] == '\0' || s[3] == ' '))
		return true;
	if (n >= 4 && strcmp(s + n - 4, " hid") == 0)
		return true;
	return strstr(s, " hid ") != NULL;
}

bool
rd_rx_match(enum rx which, const char *s)
{
	const char *const *w;
	char stack[MATCH_STACK], *low;
	size_t n = strlen(s), i;
	bool hit = false;

	if (n == 0)
		return false;
	low = n < sizeof(stack) ? stack : xmalloc(n + 1);
	for (i = 0; i < n; i++)
		low[i] = rd_ascii_lower(s[i]);
	low[n] = '\0';
	for (w = tables[which]; *w != NULL && !hit; w++)
		hit = strstr(low, *w) != NULL;
	if (!hit && which == RX_NEGATIVE)
		hit = has_hid_word(low);
	if (low != stack)
		free(low);
	return hit;
}
