/*
 * readable/prune.c: the page furniture inside the chosen block.
 *
 * Readability picks the block well and then cleans little; what stays is
 * furniture: caption and credit lines, "Read more:" links, bylines and
 * bios, the headline again with its dek and kicker, newsletter prompts,
 * tag lists, teaser cards of other posts, repeated boxes, hover cards.
 * Like trafilatura, this pass prunes inside the block after it is chosen,
 * with general rules (class and id *words*, text shapes, link targets),
 * never per-site ones, each a walk over the tree already built.
 *
 * The rules only mark; the guards then decide. No element holding half or
 * more of the block's paragraph text is marked, and when what is marked
 * would leave less than a seventh of the text, nothing is removed.
 *
 * Elements hidden by the hidden attribute, aria-hidden="true" or an inline
 * display:none never reach this pass: the first walk of grab.c drops them
 * from the whole page (probably_visible). Hidden by class words
 * ("sr-only", "visually-hidden", a "rollover" hover card) is decided here.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "readable_private.h"

#define KEEP_SHARE 2		/* an element with 1/KEEP_SHARE of the paragraph text stays */
#define MIN_LEFT_SHARE 7	/* pruning that leaves under 1/MIN_LEFT_SHARE is undone */
#define FURNITURE_MAX 1500	/* characters; a longer element named as furniture is prose */
#define CAPTION_MAX 300		/* characters of a caption or credit line */
#define CREDIT_MAX 120		/* characters of a line starting with "©" */
#define RELATED_MAX 200		/* characters of a "Read more:" line */
#define LINK_LINE_MAX 300	/* characters of a paragraph made of links */
#define LINK_LINE_DENSITY 0.7	/* its share of same-site link text (separators are the rest) */
#define REPEAT_MIN 20		/* characters; shorter blocks may well repeat */
#define REPEAT_KEY_MIN 12	/* letters and digits a paragraph needs to be
				   a repeat of one with other punctuation */
#define REPEAT_MAX 200		/* characters; longer ones are prose the page means twice */
#define MAX_BODIES 16		/* body-marked elements in one block, at most */
#define LEDE_MIN 120		/* characters of a paragraph kept outside the marked body */
#define INLINE_SHARE 3		/* an inline element under 1/INLINE_SHARE of its parent is prose */
#define AD_LABEL_MAX 60		/* characters of an "Advertisement" or "Share" label, at most */

/* How a class or id word is matched. */
enum word_use {
	W_BLOCK,	/* furniture when it is not an inline part of prose */
	W_INLINE,	/* furniture even inside a sentence (hidden text, hover cards) */
	W_CAPTION,	/* only when short and outside a <figure> */
	W_TOKEN		/* the whole class token, not a part of it ("hidden-xs" shows) */
};

/* Words of the class list (or id) that name furniture; a word matches a
 * whole class token or a run of its '-'/'_' parts ("post-byline",
 * "c-newsletter__signup"), never a substring ("navigator", "promotional"). */
static const struct {
	const char *word;
	enum word_use use;
} furniture_words[] = {
	{ "author", W_BLOCK }, { "byline", W_BLOCK }, { "bio", W_BLOCK },
	{ "meta", W_BLOCK }, { "date", W_BLOCK }, { "timestamp", W_BLOCK },
	{ "dateline", W_BLOCK }, { "read-time", W_BLOCK },
	{ "reading-time", W_BLOCK },
	{ "nav", W_BLOCK }, { "menu", W_BLOCK }, { "breadcrumb", W_BLOCK },
	{ "breadcrumbs", W_BLOCK }, { "toolbar", W_BLOCK },
	{ "skip-link", W_BLOCK }, { "button", W_BLOCK }, { "sidebar", W_BLOCK },
	{ "banner", W_BLOCK },
	{ "newsletter", W_BLOCK }, { "subscribe", W_BLOCK }, { "signup", W_BLOCK },
	{ "promo", W_BLOCK }, { "cta", W_BLOCK }, { "tags", W_BLOCK },
	{ "related", W_BLOCK }, { "kicker", W_BLOCK }, { "dek", W_BLOCK },
	{ "standfirst", W_BLOCK },
	{ "print-only", W_INLINE }, { "sr-only", W_INLINE },
	{ "visually-hidden", W_INLINE }, { "screen-reader-text", W_INLINE },
	{ "rollover", W_INLINE }, { "hovercard", W_INLINE },
	{ "tooltip", W_INLINE }, { "popover", W_INLINE },
	{ "hidden", W_TOKEN },
	{ "caption", W_CAPTION }, { "credit", W_CAPTION }, { "credits", W_CAPTION },
};

/* Words marking the article's body: inside the block, such a descendant
 * is the story and its surroundings (headline, dek, byline) are not. */
static const char *const body_words[] = {
	"article-body", "articlebody", "article-content", "article-text",
	"entry-content", "post-content", "post-body", "story-body",
	"story-content",
};

/* Lines that hand the reader on to other pages, when a link follows. */
static const char *const related_starts[] = {
	"read more", "related:", "related stories", "related articles",
	"see also", "more:", "don't miss", "don\xe2\x80\x99t miss", "also on",
	"also read", "read also", "recommended:", "you may also like",
	"more from", "more on this",
};

/* Caption and credit lines by their words (outside a <figure>). */
static const char *const caption_starts[] = {
	"photo:", "photograph:", "photo credit", "photos:", "image:",
	"image credit", "(image credit", "credit:", "picture:", "pictured:",
	"foto:", "bild:",
};

/* Labels over advertising slots, compared on their letters only, case
 * folded ("ADVERTISEMENT:", "- Anzeige -", "Advertisement · Scroll to
 * continue"): an element whose whole text is one of these words, one of
 * the continuation lines, or a word and a line together, is furniture. */
static const char *const ad_words[] = {
	"ad", "ads", "advert", "adverts", "advertisement", "advertisements",
	"advertising", "advertisementfeature", "sponsored", "sponsoredcontent",
	"sponsoredpost", "paidcontent", "paidpost", "promoted", "promotedcontent",
	"anzeige", "anzeigen", "werbung", "publicit\xc3\xa9", "publicidad",
	"publicidade", "pubblicit\xc3\xa0", "pub", "reklama", "reklame",
	"advertentie", "annons", "annonse", "annonce", "mainos",
	"\xd1\x80\xd0\xb5\xd0\xba\xd0\xbb\xd0\xb0\xd0\xbc\xd0\xb0",	/* реклама */
	"\xe5\xb9\xbf\xe5\x91\x8a",	/* 广告 */
};
static const char *const ad_lines[] = {
	"storycontinuesbelow", "articlecontinuesbelow", "contentcontinuesbelow",
	"textcontinuesbelow", "storycontinuesafter", "articlecontinuesafter",
	"continuereadingbelow", "scrolltocontinue", "scrolltocontinuewithcontent",
	"skipadvert", "skipadvertisement", "skipad",
};

/* Page furniture by its whole text (letters only, case folded, as the ad
 * labels): share and comment prompts, feedback questions, headings over
 * lists of other articles. Only whole short elements match: these words
 * inside a sentence or a longer line are prose. */
static const char *const ui_labels[] = {
	"share", "sharethis", "sharethisarticle", "sharethisstory",
	"sharethispost", "shareonfacebook", "shareontwitter", "teilen",
	"artikelteilen", "diesenartikelteilen", "beitragteilen",
	"diesenbeitragteilen", "m\xc3\xb6\x63htensiedenartikelteilen",
	"partager", "partagercetarticle", "compartir", "condividi",
	"nocomments", "commentsareclosed", "leaveacomment", "leaveareply",
	"keinekommentare", "kommentaregeschlossen", "kommentarschreiben",
	"kommentareschreiben", "wasthisarticlehelpful", "wasthishelpful",
	"warderartikeln\xc3\xbctzlich", "warderbeitragn\xc3\xbctzlich",
	"relatedarticles", "relatedstories", "relatedposts", "youmayalsolike",
	"youmightalsolike", "moreonthistopic", "dask\xc3\xb6nntedichauchinteressieren",
	"dask\xc3\xb6nntesieauchinteressieren", "dasthemak\xc3\xb6nntedichauchinteressieren",
	"dasthemak\xc3\xb6nntesieauchinteressieren", "auchinteressant",
	"dask\xc3\xb6nntedich", "mehrzumthema", "lesensieauch", "liesauch",
	"schongelesen", "weitereartikel", "\xc3\xa4hnlicheartikel",
	"beitr\xc3\xa4gezumthema", "\xc3\xa0lireaussi", "lireaussi",
	"leetambi\xc3\xa9n", "leerm\xc3\xa1s", "czytajtak\xc5\xbc\x65",
	"zobaczte\xc5\xbc",
};

/* Copyright and reprint notices, anywhere in a short line. */
static const char *const rights_phrases[] = {
	"all rights reserved", "alle rechte vorbehalten", "copyrighted property",
	"tous droits r\xc3\xa9serv\xc3\xa9s", "todos los derechos reservados",
	"tutti i diritti riservati", "wszelkie prawa zastrze\xc5\xbc\x6fne",
	"written permission must be obtained", "chroniony prawem autorskim",
};
/* ... or at its start. */
static const char *const rights_starts[] = {
	"\xc2\xa9", "(c) ", "copyright ", "copyright:",
};

/* Embedded posts are content wherever they sit. */
static const char *const embedded_post_classes[] = {
	"twitter-tweet", "instagram-media", "tiktok-embed",
};

struct marks {
	struct rnode **v;
	size_t n, cap;
	size_t len;		/* their text */
};

struct prune {
	struct grab *g;
	struct rnode *article;
	const char *host;	/* the page's host, "www." left out; may be NULL */
	size_t hostlen;
	size_t block_para;	/* the block's paragraph text (or all its text) */
	size_t block_len;
	struct marks m;
	/* texts of the blocks seen, by hash, to drop repeats */
	struct seen { uint32_t hash; struct rnode *n; } *seen;
	size_t seen_mask;
	size_t nseen;
	/* the text of the element the walk is at, made once for all the
	 * rules that read it (the tree is not edited while marking) */
	const struct rnode *text_of;
	char *text;
};

static bool
ci_prefix(const char *s, const char *prefix)
{
	return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

static bool
word_sep(char c)
{
	return c == '-' || c == '_';
}

static bool
space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Is word a class token of list, or a run of a token's parts? */
static bool
has_word(const char *list, const char *word, bool whole_token)
{
	size_t wl = strlen(word);
	const char *t = list;

	while (*t != '\0') {
		const char *end, *p;

		while (space(*t))
			t++;
		for (end = t; *end != '\0' && !space(*end); end++)
			;
		for (p = t; p + wl <= end; p++) {
			if (p > t && (whole_token || !word_sep(p[-1])))
				continue;
			/* the first letter first: most places fail there */
			if (rd_ascii_lower(*p) != rd_ascii_lower(word[0]) ||
			    strncasecmp(p, word, wl) != 0)
				continue;
			/* "no-caption", "no_caption": the negation of the word */
			if (p - t >= 3 && strncasecmp(p - 3, "no", 2) == 0 &&
			    (p - t == 3 || word_sep(p[-4])))
				continue;
			if (p + wl == end || (!whole_token && word_sep(p[wl])))
				return true;
		}
		t = end;
	}
	return false;
}

bool
rd_prune_has_class(const struct rnode *n, const char *token)
{
	const char *cls = rd_dom_attr(n, "class");

	return cls != NULL && has_word(cls, token, true);
}

/* An element's class and id, looked up once for all the word tables
 * (rather than twice per word: some forty words are tried per element). */
struct names {
	const char *cls, *id;
	uint32_t firsts;	/* bit c - 'a': a part of a token starts with c */
};

/* The letters (ASCII, case folded) parts of the tokens of s start with:
 * has_word matches nowhere else, so a word whose first letter is not
 * among them is passed over without a scan. */
static uint32_t
part_firsts(const char *s)
{
	uint32_t m = 0;
	bool start = true;

	for (; s != NULL && *s != '\0'; s++) {
		char c = rd_ascii_lower(*s);

		if (start && c >= 'a' && c <= 'z')
			m |= 1u << (c - 'a');
		start = space(c) || word_sep(c);
	}
	return m;
}

static bool
names_of(const struct rnode *n, struct names *nm)
{
	nm->cls = rd_dom_attr(n, "class");
	nm->id = rd_dom_attr(n, "id");
	nm->firsts = part_firsts(nm->cls) | part_firsts(nm->id);
	return nm->cls != NULL || nm->id != NULL;
}

static bool
names_have(const struct names *nm, const char *word, bool whole_token)
{
	char c = rd_ascii_lower(word[0]);

	if (c >= 'a' && c <= 'z' && !(nm->firsts & (1u << (c - 'a'))))
		return false;
	return (nm->cls != NULL && has_word(nm->cls, word, whole_token)) ||
	    (nm->id != NULL && has_word(nm->id, word, whole_token));
}

bool
rd_prune_is_embedded_post(const struct rnode *n)
{
	const char *cls;
	size_t i;

	if (n->is_text || (cls = rd_dom_attr(n, "class")) == NULL)
		return false;
	for (i = 0; i < sizeof(embedded_post_classes) / sizeof(embedded_post_classes[0]); i++)
		if (has_word(cls, embedded_post_classes[i], true))
			return true;
	return false;
}

bool
rd_prune_holds_embedded_post(const struct rnode *n)
{
	return !n->is_text && rd_dom_sum(n)->embedded_post;
}

static bool
is_body_marked(const struct rnode *n)
{
	const char *itemprop = rd_dom_attr(n, "itemprop");
	struct names nm;
	size_t i;

	if (itemprop != NULL && has_word(itemprop, "articleBody", true))
		return true;
	if (!names_of(n, &nm))
		return false;
	for (i = 0; i < sizeof(body_words) / sizeof(body_words[0]); i++)
		if (names_have(&nm, body_words[i], false))
			return true;
	return false;
}

static bool
inside(const struct rnode *n, GumboTag tag, const struct rnode *top)
{
	for (n = n->parent; n != NULL && n != top; n = n->parent)
		if (n->tag == tag)
			return true;
	return false;
}

/* The node after x's subtree within top, or NULL. */
static struct rnode *
past_subtree(struct rnode *x, const struct rnode *top)
{
	while (x != top && x->next == NULL)
		x = x->parent;
	return x == top ? NULL : x->next;
}

/* Is x one of n[i] or an ancestor of one? */
static bool
encloses_any(struct rnode *const *body, size_t n, const struct rnode *x)
{
	const struct rnode *a;
	size_t i;

	for (i = 0; i < n; i++)
		for (a = body[i]; a != NULL; a = a->parent)
			if (a == x)
				return true;
	return false;
}

static bool
is_one_of(struct rnode *const *body, size_t n, const struct rnode *x)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (body[i] == x)
			return true;
	return false;
}

/* ---- marking and the guards ------------------------------------------- */

static size_t
para_of(const struct prune *p, const struct rnode *n)
{
	return p->block_para > 0 && p->block_para != p->block_len ?
	    rd_dom_sum(n)->para_len : rd_dom_text_len(n);
}

/* Mark n unless it holds half the block's paragraph text or more. */
static bool
mark(struct prune *p, struct rnode *n)
{
	if (n == p->article || n->pruned ||
	    para_of(p, n) * KEEP_SHARE >= p->block_para ||
	    rd_prune_holds_embedded_post(n))
		return false;
	n->pruned = true;
	if (p->m.n == p->m.cap) {
		p->m.cap = p->m.cap ? p->m.cap * 2 : 32;
		p->m.v = xreallocarray(p->m.v, p->m.cap, sizeof(*p->m.v));
	}
	p->m.v[p->m.n++] = n;
	p->m.len += rd_dom_text_len(n);
	return true;
}

/* ---- the rules -------------------------------------------------------- */

/* Is n a part of a sentence (an inline element that is a small share of
 * its parent's text)? Such an element is furniture only by W_INLINE words. */
static bool
in_prose(const struct rnode *n)
{
	size_t own, all;

	if (!rd_grab_is_phrasing(n) || n->parent == NULL)
		return false;
	own = rd_dom_text_len(n);
	all = rd_dom_text_len(n->parent);
	return all > own * INLINE_SHARE;
}

static bool
furniture_word(const struct prune *p, const struct rnode *n)
{
	size_t i, len;
	bool prose;
	struct names nm;

	if (!names_of(n, &nm))
		return false;
	len = rd_dom_text_len(n);
	prose = n->tag == GUMBO_TAG_A || in_prose(n);
	for (i = 0; i < sizeof(furniture_words) / sizeof(furniture_words[0]); i++) {
		const char *w = furniture_words[i].word;

		switch (furniture_words[i].use) {
		case W_BLOCK:
			if (!prose && len < FURNITURE_MAX && names_have(&nm, w, false))
				return true;
			break;
		case W_INLINE:
			if (names_have(&nm, w, false))
				return true;
			break;
		case W_TOKEN:
			if (names_have(&nm, w, true))
				return true;
			break;
		case W_CAPTION:
			/* the walk up to the block comes last: it is the dear part */
			if (!prose && len < CAPTION_MAX && n->tag != GUMBO_TAG_FIGURE &&
			    n->tag != GUMBO_TAG_FIGCAPTION &&
			    names_have(&nm, w, false) &&
			    !inside(n, GUMBO_TAG_FIGURE, p->article))
				return true;
			break;
		}
	}
	return false;
}

/* n's text, normalised; valid until the next call. */
static const char *
node_text(struct prune *p, const struct rnode *n)
{
	if (p->text_of != n) {
		free(p->text);
		p->text = rd_dom_inner_text(n, true);
		p->text_of = n;
	}
	return p->text;
}

/* Does n's text begin with one of the list's prefixes (ASCII case
 * ignored)? */
static bool
text_starts_with(struct prune *p, const struct rnode *n, const char *const *list,
    size_t count)
{
	const char *text = node_text(p, n);
	bool hit = false;
	size_t i;

	for (i = 0; i < count && !hit; i++)
		hit = ci_prefix(text, list[i]);
	return hit;
}

/* A short caption or credit line outside a figure ("Photo: ..."). */
static bool
caption_line(struct prune *p, const struct rnode *n)
{
	if (n->tag != GUMBO_TAG_P && n->tag != GUMBO_TAG_DIV &&
	    n->tag != GUMBO_TAG_SPAN)
		return false;
	if (rd_dom_text_len(n) >= CAPTION_MAX || in_prose(n))
		return false;
	return text_starts_with(p, n, caption_starts,
	    sizeof(caption_starts) / sizeof(caption_starts[0])) &&
	    !inside(n, GUMBO_TAG_FIGURE, p->article);
}

/* A short copyright or reprint notice ("© 2020 ... All Rights Reserved",
 * "This article is the copyrighted property of ..."). */
static bool
rights_line(struct prune *p, const struct rnode *n)
{
	const char *text;
	bool hit = false;
	size_t i;

	if (n->tag != GUMBO_TAG_P && n->tag != GUMBO_TAG_DIV &&
	    n->tag != GUMBO_TAG_SPAN && n->tag != GUMBO_TAG_SMALL)
		return false;
	if (rd_dom_text_len(n) >= CAPTION_MAX || in_prose(n))
		return false;
	text = node_text(p, n);
	for (i = 0; i < sizeof(rights_phrases) / sizeof(rights_phrases[0]) && !hit; i++)
		hit = rd_str_contains_ci(text, rights_phrases[i]);
	/* a long line starting with a credit is a paragraph after its photo */
	for (i = 0; i < sizeof(rights_starts) / sizeof(rights_starts[0]) && !hit &&
	    rd_dom_text_len(n) < CREDIT_MAX; i++)
		hit = ci_prefix(text, rights_starts[i]);
	return hit;
}

/* Append the letters of s[0..n), lower-cased (ASCII, Latin-1 and
 * Cyrillic capitals in UTF-8), to out[*k..size); false when they do not
 * fit. Read straight from the text nodes: no copy of the text is made. */
static bool
fold_letters(const char *s, size_t n, char *out, size_t size, size_t *k)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = u[i], d = i + 1 < n ? u[i + 1] : 0;

		if (c < 0x80 && !((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
			continue;	/* spaces, digits, punctuation */
		if (*k + 2 >= size)
			return false;
		if (c < 0x80) {
			out[(*k)++] = (char)(c | 0x20);
		} else if (c == 0xc3 && d >= 0x80 && d <= 0x9e && d != 0x97) {
			out[(*k)++] = (char)c;	/* À..Þ, not × */
			out[(*k)++] = (char)(d + 0x20);
			i++;
		} else if (c == 0xd0 && d >= 0x90 && d <= 0xaf) {
			/* А..Я: а..п are d0 b0..bf, р..я are d1 80..8f */
			unsigned char low = (unsigned char)(d + 0x20);

			out[(*k)++] = (char)(low <= 0xbf ? 0xd0 : 0xd1);
			out[(*k)++] = (char)(low <= 0xbf ? low : low - 0x40);
			i++;
		} else if (c == 0xe2 && d == 0x80) {
			i += i + 2 < n ? 2 : 1;	/* dashes, bullets, quotes, ellipsis */
		} else if (c == 0xc2) {
			i += i + 1 < n;	/* a no-break space, a middle dot */
		} else {
			out[(*k)++] = (char)c;
		}
	}
	out[*k] = '\0';
	return true;
}

static bool
in_list(const char *s, size_t n, const char *const *list, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++)
		if (strlen(list[i]) == n && memcmp(s, list[i], n) == 0)
			return true;
	return false;
}

/* Is s[0..n) a word of list a followed by a word of list b? */
static bool
joined(const char *s, size_t n, const char *const *a, size_t na,
    const char *const *b, size_t nb)
{
	size_t i;

	for (i = 0; i < na; i++) {
		size_t l = strlen(a[i]);

		if (l < n && memcmp(s, a[i], l) == 0 && in_list(s + l, n - l, b, nb))
			return true;
	}
	return false;
}

#define COUNT(list) (sizeof(list) / sizeof(list[0]))

/* Are the folded letters an ad word, a continuation line, both in either
 * order ("Story continues below advertisement"), or a furniture label? */
static bool
label_letters(const char *s, size_t n)
{
	return in_list(s, n, ad_words, COUNT(ad_words)) ||
	    in_list(s, n, ad_lines, COUNT(ad_lines)) ||
	    in_list(s, n, ui_labels, COUNT(ui_labels)) ||
	    joined(s, n, ad_words, COUNT(ad_words), ad_lines, COUNT(ad_lines)) ||
	    joined(s, n, ad_lines, COUNT(ad_lines), ad_words, COUNT(ad_words));
}

/* Does a text node stand alone between blocks (not inside a sentence, nor
 * the text of an inline element)? */
static bool
stands_alone(const struct rnode *t)
{
	const struct rnode *s;

	if (t->parent == NULL || rd_grab_is_phrasing(t->parent))
		return false;
	for (s = t->prev; s != NULL && s->is_text && s->sum.all_ws; s = s->prev)
		;
	if (s != NULL && rd_grab_is_phrasing(s))
		return false;
	for (s = t->next; s != NULL && s->is_text && s->sum.all_ws; s = s->next)
		;
	return s == NULL || !rd_grab_is_phrasing(s);
}

/* An element (or a text between blocks) whose whole text is an ad label
 * or a furniture label: the slot's label stays when the ad is gone, and
 * conditional cleaning only looks at divs, lists and tables. */
static bool
label_line(const struct rnode *n)
{
	char letters[AD_LABEL_MAX * 4 + 1];
	size_t len = rd_dom_text_len(n), k = 0;
	const struct rnode *x;

	if (len == 0 || len > AD_LABEL_MAX)
		return false;
	if (n->is_text ? !stands_alone(n) : in_prose(n))
		return false;
	for (x = n; x != NULL; x = rd_dom_walk(x, n))
		if (x->is_text && !fold_letters(x->text, x->len, letters,
		    sizeof(letters), &k))
			return false;
	return k > 0 && label_letters(letters, k);
}

/* The host of an absolute http(s) URL, "www." left out. */
static const char *
url_host(const char *url, size_t *len)
{
	const char *h, *e;

	if (url == NULL || (h = strstr(url, "://")) == NULL)
		return NULL;
	h += 3;
	if (strncasecmp(h, "www.", 4) == 0)
		h += 4;
	for (e = h; *e != '\0' && *e != '/' && *e != '?' && *e != '#' &&
	    *e != ':'; e++)
		;
	*len = (size_t)(e - h);
	return *len > 0 ? h : NULL;
}

static bool
same_site(const struct prune *p, const char *href)
{
	const char *h;
	size_t len;

	if (p->host == NULL || (h = url_host(href, &len)) == NULL)
		return false;
	return len == p->hostlen && strncasecmp(h, p->host, len) == 0;
}

/* The text of n's links to other pages of the site; a link whose text is
 * itself a URL is a citation, not navigation. */
static size_t
same_site_link_len(const struct prune *p, const struct rnode *n)
{
	const struct rnode *x;
	size_t len = 0;

	for (x = n; x != NULL; x = rd_dom_walk(x, n)) {
		const char *href;
		char *text;

		if (x->is_text || x->tag != GUMBO_TAG_A ||
		    (href = rd_dom_attr(x, "href")) == NULL || !same_site(p, href))
			continue;
		text = rd_dom_inner_text(x, true);
		if (strstr(text, "://") == NULL && !ci_prefix(text, "www."))
			len += rd_dom_text_len(x);
		free(text);
	}
	return len;
}

/* "Read more: <a>", and short paragraphs or items that are nearly all
 * links to the same site (trending lists, teasers). */
static bool
related_line(struct prune *p, const struct rnode *n)
{
	size_t len;

	if (n->tag != GUMBO_TAG_P && n->tag != GUMBO_TAG_LI)
		return false;
	len = rd_dom_text_len(n);
	if (len == 0 || len >= LINK_LINE_MAX || rd_dom_count_tag(n, GUMBO_TAG_A) == 0)
		return false;
	if ((double)same_site_link_len(p, n) >= LINK_LINE_DENSITY * (double)len)
		return true;
	if (len >= RELATED_MAX)
		return false;
	return text_starts_with(p, n, related_starts,
	    sizeof(related_starts) / sizeof(related_starts[0]));
}

/* The byline by its markup: rel=author, itemprop=author, not in prose. */
static bool
byline_markup(const struct rnode *n)
{
	const char *rel = rd_dom_attr(n, "rel"), *ip = rd_dom_attr(n, "itemprop");

	if (n->tag == GUMBO_TAG_A || in_prose(n) || rd_dom_text_len(n) >= CAPTION_MAX)
		return false;
	return (rel != NULL && has_word(rel, "author", true)) ||
	    (ip != NULL && (has_word(ip, "author", true) ||
	    has_word(ip, "headline", true)));
}

/* An inline element repeating the one just before it ("Ann Writer" then a
 * hover card "Ann Writer, councillor"): the site's style sheet hides it. */
static bool
hover_repeat(struct prune *p, const struct rnode *n)
{
	const struct rnode *prev = n->prev;
	const char *b;
	char *a;
	bool hit;

	if (prev == NULL || prev->is_text || !rd_grab_is_phrasing(n) ||
	    !rd_grab_is_phrasing(prev))
		return false;
	if (rd_dom_text_len(prev) < REPEAT_MIN / 4 ||
	    rd_dom_text_len(n) < rd_dom_text_len(prev))
		return false;
	a = rd_dom_inner_text(prev, true);
	b = node_text(p, n);
	hit = strncmp(a, b, strlen(a)) == 0;
	free(a);
	return hit;
}

/* A heading before the first paragraph that repeats the title. */
static bool
repeated_headline(struct prune *p, const struct rnode *n, bool past_para)
{
	if (past_para || p->g->title == NULL ||
	    (n->tag != GUMBO_TAG_H1 && n->tag != GUMBO_TAG_H2 &&
	    n->tag != GUMBO_TAG_H3))
		return false;
	return rd_meta_text_similarity(p->g->title, node_text(p, n)) > TITLE_SIMILAR;
}

static uint32_t
fnv1a(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* What two paragraphs must share to be one said twice: their letters and
 * digits, ASCII case folded. A teaser repeated as the first paragraph
 * often differs in a full stop or the quotes. (Other blocks must be the
 * same text, and so must paragraphs without REPEAT_KEY_MIN letters.) */
static char *
repeat_key(const char *text)
{
	size_t n = strlen(text), i, k, o = 0;
	char *key = xmalloc(n + 1);
	uint32_t cp;

	for (i = 0; i < n; i += k) {
		k = (unsigned char)text[i] < 0x80 ? 1 : utf8_decode(text + i, n - i, &cp);
		if (k == 1) {
			char c = rd_ascii_lower(text[i]);

			if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
			    (unsigned char)c >= 0x80)
				key[o++] = c;
			continue;
		}
		/* Latin-1 punctuation and spaces, and General Punctuation
		 * (dashes, curly quotes, ellipsis) */
		if ((cp >= 0xa0 && cp <= 0xbf) || (cp >= 0x2000 && cp <= 0x206f) ||
		    rd_unicode_space(cp))
			continue;
		memcpy(key + o, text + i, k);
		o += k;
	}
	key[o] = '\0';
	return key;
}

static bool
repeat_block(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_P: case GUMBO_TAG_LI: case GUMBO_TAG_FIGCAPTION:
	case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
	case GUMBO_TAG_H4: case GUMBO_TAG_DD:
		return true;
	default:
		return false;
	}
}

/* Has a block with the same text been seen already? (Adds it if not.) */
static bool
repeated_block(struct prune *p, struct rnode *n)
{
	char *key, *other, *okey;
	uint32_t h;
	size_t i;
	bool dup = false, same = false;

	if (!repeat_block(n->tag) || rd_dom_text_len(n) < REPEAT_MIN ||
	    rd_dom_text_len(n) > REPEAT_MAX)
		return false;
	if (p->seen == NULL || (p->nseen + 1) * 2 > p->seen_mask + 1) {
		size_t cap = p->seen == NULL ? 64 : (p->seen_mask + 1) * 2;
		struct seen *old = p->seen;
		size_t oldcap = p->seen == NULL ? 0 : p->seen_mask + 1;

		p->seen = xcalloc(cap, sizeof(*p->seen));
		p->seen_mask = cap - 1;
		for (i = 0; i < oldcap; i++) {
			size_t k = old[i].hash & p->seen_mask;

			if (old[i].n == NULL)
				continue;
			while (p->seen[k].n != NULL)
				k = (k + 1) & p->seen_mask;
			p->seen[k] = old[i];
		}
		free(old);
	}
	key = repeat_key(node_text(p, n));
	h = fnv1a(key);
	for (i = h & p->seen_mask; p->seen[i].n != NULL && !dup;
	    i = (i + 1) & p->seen_mask) {
		if (p->seen[i].hash != h)
			continue;
		/* an item and its only paragraph are one block, not two; and
		 * a paragraph said twice in one run of text is meant twice:
		 * the repeats that go are copies elsewhere (a highlights
		 * box, the same caption under every figure) */
		if (encloses_any(&n, 1, p->seen[i].n))
			continue;
		other = rd_dom_inner_text(p->seen[i].n, true);
		if (n->tag == GUMBO_TAG_P && p->seen[i].n->tag == GUMBO_TAG_P &&
		    strlen(key) >= REPEAT_KEY_MIN) {
			okey = repeat_key(other);
			same = strcmp(key, okey) == 0;
			free(okey);
		} else	/* a heading ending in a pilcrow is not its contents line */
			same = strcmp(node_text(p, n), other) == 0;
		free(other);
		if (same && p->seen[i].n->parent == n->parent)
			break;	/* the first of the run stands for all of it */
		dup = same;
	}
	if (!dup && !same) {
		p->seen[i] = (struct seen){ h, n };
		p->nseen++;
	}
	free(key);
	return dup;
}

/* One walk: mark what the rules name, skipping marked subtrees and
 * embedded posts. */
static void
mark_furniture(struct prune *p)
{
	struct rnode *x = rd_dom_walk(p->article, p->article);
	bool past_para = false;

	while (x != NULL) {
		bool skip = false;

		if (x->is_text) {
			struct rnode *next = rd_dom_walk(x, p->article);

			if (label_line(x))
				(void)mark(p, x);
			x = next;
			continue;
		}
		if (x->pruned || x->embedded_post) {
			skip = true;
		} else if (repeated_headline(p, x, past_para) ||
		    x->tag == GUMBO_TAG_HEADER || furniture_word(p, x) ||
		    byline_markup(x) || label_line(x) || caption_line(p, x) ||
		    rights_line(p, x) || related_line(p, x) || hover_repeat(p, x) ||
		    repeated_block(p, x)) {
			skip = mark(p, x);
		}
		if (x->tag == GUMBO_TAG_P && !skip && rd_dom_text_len(x) > 0)
			past_para = true;
		x = skip ? past_subtree(x, p->article) : rd_dom_walk(x, p->article);
	}
}

/* ---- whole-block choices ---------------------------------------------- */

/* Mark what lies outside the body elements under x, but a lede (a real
 * paragraph) and figures: readers and the snippet corpus count the lede
 * as the story. */
static void
mark_outside(struct prune *p, struct rnode *x, struct rnode *const *body, size_t n)
{
	struct rnode *c;

	for (c = x->first; c != NULL; c = c->next) {
		if (c->is_text || is_one_of(body, n, c))
			continue;
		if (encloses_any(body, n, c))
			mark_outside(p, c, body, n);
		else if (c->tag != GUMBO_TAG_FIGURE && rd_dom_sum(c)->para_len < LEDE_MIN)
			(void)mark(p, c);
	}
}

/* When descendants are marked as the body (itemprop=articleBody,
 * "entry-content"...) and hold at least half the text, they are the
 * story: what surrounds them in the block (headline, dek, byline, share
 * bar) is marked. */
static void
prefer_marked_body(struct prune *p)
{
	struct rnode **body = NULL, *x;
	size_t n = 0, cap = 0, len = 0;

	x = rd_dom_walk(p->article, p->article);
	while (x != NULL) {
		if (!x->is_text && is_body_marked(x)) {
			if (n == cap) {
				cap = cap ? cap * 2 : 8;
				body = xreallocarray(body, cap, sizeof(*body));
			}
			body[n++] = x;
			len += rd_dom_text_len(x);
			x = past_subtree(x, p->article);
			continue;
		}
		x = rd_dom_walk(x, p->article);
	}
	/* many "bodies" are a list of posts, not one story */
	if (n > 0 && n <= MAX_BODIES && len * KEEP_SHARE >= p->block_len)
		mark_outside(p, p->article, body, n);
	free(body);
}

/* "postid-N" in the body's class: the N of this page's blog post. */
long
rd_prune_post_id(const struct rnode *body)
{
	const char *cls = body != NULL ? rd_dom_attr(body, "class") : NULL;
	const char *s;

	if (cls == NULL || (s = strstr(cls, "postid-")) == NULL)
		return -1;
	return strtol(s + 7, NULL, 10);
}

static bool
is_the_post(const struct prune *p, const struct rnode *a)
{
	const char *cls = rd_dom_attr(a, "class");
	char want[32];

	if (is_body_marked(a))
		return true;
	if (p->g->post_id < 0 || cls == NULL)
		return false;
	xsnprintf(want, sizeof(want), "post-%ld", p->g->post_id);
	return has_word(cls, want, true);
}

/* Several <article>s in the block (a post and teaser cards of others):
 * the one marked as the body or as this page's post, else the first. */
static void
one_article(struct prune *p)
{
	static const GumboTag article_tag[] = { GUMBO_TAG_ARTICLE };
	struct rnode **v, *keep = NULL;
	size_t n = rd_dom_collect(p->article, article_tag, 1, &v), i, outer = 0;

	for (i = 0; i < n; i++) {
		if (inside(v[i], GUMBO_TAG_ARTICLE, p->article))
			continue;
		v[outer++] = v[i];
	}
	for (i = 0; i < outer && keep == NULL; i++)
		if (is_the_post(p, v[i]))
			keep = v[i];
	if (keep == NULL && outer > 0)
		keep = v[0];
	for (i = 0; outer > 1 && i < outer; i++)
		if (v[i] != keep)
			(void)mark(p, v[i]);
	free(v);
}

/* ---- the pass --------------------------------------------------------- */

void
rd_prune_article(struct grab *g, struct rnode *article, const char *page_url)
{
	struct prune p;
	size_t i;

	memset(&p, 0, sizeof(p));
	p.g = g;
	p.article = article;
	p.host = url_host(page_url, &p.hostlen);
	p.block_len = rd_dom_text_len(article);
	if (p.block_len == 0)
		return;
	p.block_para = rd_dom_sum(article)->para_len;
	if (p.block_para == 0)
		p.block_para = p.block_len;
	prefer_marked_body(&p);
	one_article(&p);
	mark_furniture(&p);
	/* the seventh guard: a block that is mostly "furniture" is the page */
	if ((p.block_len - (p.m.len < p.block_len ? p.m.len : p.block_len)) *
	    MIN_LEFT_SHARE >= p.block_len) {
		for (i = p.m.n; i-- > 0;)
			rd_dom_remove(p.m.v[i]);
	}
	free(p.m.v);
	free(p.seen);
	free(p.text);
}
