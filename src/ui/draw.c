/*
 * draw.c: the few ways text reaches the screen. Every string drawn goes
 * through ui_put(), which fits it to its columns by display width; what
 * comes from a feed has been through ui_clean() (text_sanitize_line)
 * before it is kept. Colours come from the config's theme, over a default
 * theme that NO_COLOR and monochrome terminals reduce to attributes.
 */
#include "config.h"

#include <curses.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "text.h"
#include "ui_private.h"

/* The default theme: colours where the terminal has them, and the
 * attributes that still tell elements apart without colour. */
static const struct {
	short fg, bg;
	unsigned attrs;
} default_theme[CONF_EL_COUNT] = {
	[CONF_EL_NORMAL] = { CONF_COLOR_DEFAULT, CONF_COLOR_DEFAULT, 0 },
	[CONF_EL_TITLE] = { 7, 4, CONF_ATTR_BOLD | CONF_ATTR_REVERSE },
	[CONF_EL_STATUS] = { CONF_COLOR_DEFAULT, CONF_COLOR_DEFAULT, 0 },
	[CONF_EL_SELECTED] = { CONF_COLOR_DEFAULT, CONF_COLOR_DEFAULT, CONF_ATTR_REVERSE },
	[CONF_EL_UNREAD] = { CONF_COLOR_DEFAULT, CONF_COLOR_DEFAULT, CONF_ATTR_BOLD },
	[CONF_EL_STARS] = { 3, CONF_COLOR_DEFAULT, 0 },
	[CONF_EL_RATING] = { 2, CONF_COLOR_DEFAULT, CONF_ATTR_BOLD },
	[CONF_EL_ERROR] = { 1, CONF_COLOR_DEFAULT, CONF_ATTR_BOLD },
	[CONF_EL_HEADER] = { 6, CONF_COLOR_DEFAULT, 0 },
	[CONF_EL_HEADING] = { CONF_COLOR_DEFAULT, CONF_COLOR_DEFAULT, CONF_ATTR_BOLD },
	[CONF_EL_QUOTE] = { 2, CONF_COLOR_DEFAULT, 0 },
	[CONF_EL_LINK] = { 4, CONF_COLOR_DEFAULT, CONF_ATTR_UNDERLINE },
};

static const struct {
	unsigned conf;
	attr_t curses;
} attr_map[] = {
	{ CONF_ATTR_BOLD, A_BOLD }, { CONF_ATTR_UNDERLINE, A_UNDERLINE },
	{ CONF_ATTR_REVERSE, A_REVERSE }, { CONF_ATTR_DIM, A_DIM },
	{ CONF_ATTR_ITALIC, A_ITALIC }, { CONF_ATTR_BLINK, A_BLINK },
	{ CONF_ATTR_STANDOUT, A_STANDOUT },
};

static attr_t
curses_attrs(unsigned conf_attrs)
{
	attr_t a = A_NORMAL;

	for (size_t i = 0; i < sizeof(attr_map) / sizeof(attr_map[0]); i++)
		if (conf_attrs & attr_map[i].conf)
			a |= attr_map[i].curses;
	return a;
}

void
ui_colors_init(struct ui *ui)
{
	const char *nc = getenv("NO_COLOR");
	bool colour = has_colors();
	bool theme_colour = colour && (nc == NULL || nc[0] == '\0');

	if (colour) {
		start_color();
		use_default_colors();
	}
	for (int el = 0; el < CONF_EL_COUNT; el++) {
		const struct conf_color *c = &ui->conf.colors[el];
		short fg = c->set ? c->fg : default_theme[el].fg;
		short bg = c->set ? c->bg : default_theme[el].bg;
		unsigned attrs = c->set ? c->attrs : default_theme[el].attrs;
		/* The default title bar is reverse only without colour. */
		bool use_colour = c->set ? colour : theme_colour;

		if (!c->set && el == CONF_EL_TITLE && use_colour)
			attrs &= ~(unsigned)CONF_ATTR_REVERSE;
		ui->attr[el] = curses_attrs(attrs);
		if (use_colour && (fg >= COLORS || bg >= COLORS))
			use_colour = false;
		if (use_colour && (fg != CONF_COLOR_DEFAULT ||
		    bg != CONF_COLOR_DEFAULT) && el + 1 < COLOR_PAIRS) {
			init_pair((short)(el + 1), fg, bg);
			ui->attr[el] |= COLOR_PAIR(el + 1);
		}
	}
}

/* In a locale that is not UTF-8, curses cannot show other characters:
 * each one becomes '?' per column it would take. */
static char *
to_ascii(const char *s)
{
	struct tbuf b;
	size_t n = strlen(s), i = 0;

	tbuf_init(&b, TEXT_MAX_STRING);
	while (i < n) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		bool ok;

		if (cp < 0x80)
			ok = tbuf_addc(&b, (char)cp);
		else if (text_cp_width(cp) == 2)
			ok = tbuf_adds(&b, "??");
		else if (text_cp_width(cp) == 1)
			ok = tbuf_addc(&b, '?');
		else
			ok = true;
		if (!ok)
			break;
		i += k;
	}
	return tbuf_take(&b);
}

int
ui_put_text(struct ui *ui, int y, int x, int width, const char *s,
    unsigned attr, bool pad)
{
	char *fit, *ascii = NULL;
	int used;

	if (width <= 0)
		return 0;
	if (!ui->utf8)
		s = ascii = to_ascii(s);
	fit = text_fit(s, (size_t)width, pad, !ui->utf8);
	used = (int)text_width(fit);
	attrset(attr);
	mvaddstr(y, x, fit);
	attrset(A_NORMAL);
	free(fit);
	free(ascii);
	return used;
}

int
ui_put(struct ui *ui, int y, int x, int width, const char *s, unsigned attr)
{
	(void)ui_put_text(ui, y, x, width, s, attr, true);
	return width > 0 ? width : 0;
}

char *
ui_stars(bool utf8, double stars, char *buf)
{
	const char *full = utf8 ? "\xE2\x98\x85" : "*";		/* ★ */
	const char *half = utf8 ? "\xC2\xBD" : "+";		/* ½ */
	const char *empty = utf8 ? "\xE2\x98\x86" : ".";	/* ☆ */
	int halves;

	buf[0] = '\0';
	if (stars < 0 || isnan(stars))
		return buf;
	if (stars > 5)
		stars = 5;
	halves = (int)lround(stars * 2);
	for (int i = 0; i < 5; i++) {
		if (halves >= 2)
			strcat(buf, full);
		else if (halves == 1)
			strcat(buf, half);
		else
			strcat(buf, empty);
		halves -= halves >= 2 ? 2 : halves;
	}
	return buf;
}

char *
ui_stars_count(bool utf8, double stars, long long count, char *buf)
{
	char s[24], num[16];

	ui_stars(utf8, stars, s);
	if (s[0] == '\0') {
		buf[0] = '\0';
		return buf;
	}
	if (count < 0)
		num[0] = '\0';
	else if (count < 100000)
		snprintf(num, sizeof(num), "%lld", count);
	else if (count < 100000000)
		snprintf(num, sizeof(num), "%lldk", count / 1000);
	else
		snprintf(num, sizeof(num), "%lldM", count / 1000000 % 100000);
	snprintf(buf, UI_STARS_MAX, "%s %-5s", s, num);
	return buf;
}

void
ui_date(int64_t t, char buf[11])
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (t == STORE_NO_TIME || localtime_r(&tt, &tm) == NULL ||
	    strftime(buf, 11, "%Y-%m-%d", &tm) != 10)
		memcpy(buf, "          ", 11);
}

char *
ui_clean(const char *s)
{
	if (s == NULL)
		return xstrdup("");
	return text_sanitize_line(s);
}

void
ui_cursor_fit(struct ui_cursor *c, size_t n, int rows)
{
	size_t h = rows > 0 ? (size_t)rows : 1;

	if (n == 0) {
		c->cur = c->top = 0;
		return;
	}
	if (c->cur >= n)
		c->cur = n - 1;
	if (c->top > c->cur)
		c->top = c->cur;
	if (c->cur >= c->top + h)
		c->top = c->cur - h + 1;
	/* No empty rows below the end when the list could fill them. */
	if (c->top + h > n)
		c->top = n > h ? n - h : 0;
}

bool
ui_cursor_move(struct ui_cursor *c, size_t n, int rows, enum conf_action a)
{
	size_t h = rows > 1 ? (size_t)rows : 1;

	switch (a) {
	case CONF_ACT_DOWN:
		if (c->cur + 1 < n)
			c->cur++;
		break;
	case CONF_ACT_UP:
		if (c->cur > 0)
			c->cur--;
		break;
	case CONF_ACT_PAGE_DOWN:
		c->cur += h;
		c->top += h;
		if (n > 0 && c->cur >= n)
			c->cur = n - 1;
		break;
	case CONF_ACT_PAGE_UP:
		c->cur = c->cur > h ? c->cur - h : 0;
		c->top = c->top > h ? c->top - h : 0;
		break;
	case CONF_ACT_TOP:
		c->cur = 0;
		break;
	case CONF_ACT_BOTTOM:
		c->cur = n > 0 ? n - 1 : 0;
		break;
	default:
		return false;
	}
	ui_cursor_fit(c, n, rows);
	return true;
}

bool
ui_scroll(size_t *top, size_t n, size_t page, enum conf_action a)
{
	switch (a) {
	case CONF_ACT_DOWN:
	case CONF_ACT_PAGE_DOWN:
		*top += a == CONF_ACT_DOWN ? 1 : page;
		if (*top + page > n)
			*top = n > page ? n - page : 0;
		return true;
	case CONF_ACT_UP:
	case CONF_ACT_PAGE_UP: {
		size_t step = a == CONF_ACT_UP ? 1 : page;
		*top = *top > step ? *top - step : 0;
		return true;
	}
	case CONF_ACT_TOP:
		*top = 0;
		return true;
	case CONF_ACT_BOTTOM:
		*top = n > page ? n - page : 0;
		return true;
	default:
		return false;
	}
}
