/*
 * date.c: the dates feeds carry, to seconds since 1970 UTC.
 *
 * Two families: RFC 822/2822 ("Fri, 23 May 2014 12:12:00 -0400") with its
 * variants (no day name, no seconds, two-digit years, zone names, military
 * letters, RFC 850 dashes, asctime order, month first), and RFC 3339 /
 * ISO 8601 ("2014-05-23T16:12:00.5+02:00", date only, basic format).
 * Anything else is FEED_NO_DATE: a date is never guessed.
 */
#include "config.h"

#include <stdbool.h>
#include <string.h>

#include "feed_private.h"

#define DATE_MAX_LEN 128	/* longer strings are not dates */
#define DATE_MIN (-62135596800LL)	/* 0001-01-01T00:00:00Z */
#define DATE_MAX 253402300799LL		/* 9999-12-31T23:59:59Z */

/* A parse position over a NUL-terminated string. */
struct scan {
	const char *s;
};

struct civil {
	int year, month, day, hour, min, sec;
	int offset;		/* seconds east of UTC */
};

static const struct {
	const char *name;	/* lower case */
	int month;
} month_names[] = {
	{ "jan", 1 }, { "january", 1 }, { "feb", 2 }, { "february", 2 },
	{ "mar", 3 }, { "march", 3 }, { "apr", 4 }, { "april", 4 },
	{ "may", 5 }, { "jun", 6 }, { "june", 6 }, { "jul", 7 },
	{ "july", 7 }, { "aug", 8 }, { "august", 8 }, { "sep", 9 },
	{ "sept", 9 }, { "september", 9 }, { "oct", 10 }, { "october", 10 },
	{ "nov", 11 }, { "november", 11 }, { "dec", 12 }, { "december", 12 },
};

static const char *const day_names[] = {
	"mon", "monday", "tue", "tues", "tuesday", "wed", "wednesday", "thu",
	"thur", "thurs", "thursday", "fri", "friday", "sat", "saturday", "sun",
	"sunday",
};

/*
 * Zone names, in minutes east of UTC. RFC 822's military letters are
 * here as RFC 2822 section 4.3 says to read them: RFC 822 gave their signs
 * backwards, so no letter but Z can be trusted, and all mean UTC.
 */
static const struct {
	const char *name;	/* lower case */
	int minutes;
} zone_names[] = {
	{ "gmt", 0 }, { "ut", 0 }, { "utc", 0 }, { "z", 0 },
	{ "est", -300 }, { "edt", -240 }, { "cst", -360 }, { "cdt", -300 },
	{ "mst", -420 }, { "mdt", -360 }, { "pst", -480 }, { "pdt", -420 },
	{ "akst", -540 }, { "akdt", -480 }, { "hst", -600 }, { "ast", -240 },
	{ "adt", -180 }, { "nst", -210 }, { "ndt", -150 },
	{ "wet", 0 }, { "west", 60 }, { "bst", 60 }, { "ist", 330 },
	{ "cet", 60 }, { "cest", 120 }, { "met", 60 }, { "mest", 120 },
	{ "eet", 120 }, { "eest", 180 }, { "msk", 180 },
	{ "jst", 540 }, { "kst", 540 }, { "hkt", 480 }, { "sgt", 480 },
	{ "awst", 480 }, { "acst", 570 }, { "acdt", 630 }, { "aest", 600 },
	{ "aedt", 660 }, { "nzst", 720 }, { "nzdt", 780 },
};

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static void
skip_blanks(struct scan *sc)
{
	while (*sc->s == ' ' || *sc->s == '\t' || *sc->s == '\n' ||
	    *sc->s == '\r')
		sc->s++;
}

/* Skip blanks and the separators broken dates put between fields. */
static void
skip_separators(struct scan *sc)
{
	while (*sc->s == ' ' || *sc->s == '\t' || *sc->s == '\n' ||
	    *sc->s == '\r' || *sc->s == ',' || *sc->s == '-' || *sc->s == '/')
		sc->s++;
}

/* An unsigned number of min..max digits; -1 when there is none. */
static int
number(struct scan *sc, int min, int max, int *digits)
{
	int v = 0, n = 0;

	while (is_digit(*sc->s) && n < max) {
		v = v * 10 + (*sc->s - '0');
		sc->s++;
		n++;
	}
	if (digits != NULL)
		*digits = n;
	return n >= min ? v : -1;
}

/* The next run of letters, lower-cased into buf; its length (0: none). */
static size_t
word(struct scan *sc, char *buf, size_t size)
{
	size_t n = 0;

	while (is_alpha(*sc->s)) {
		if (n + 1 < size)
			buf[n] = (char)(*sc->s | 0x20);
		n++;
		sc->s++;
	}
	if (n >= size)
		return 0;
	buf[n] = '\0';
	return n;
}

static int
month_from_name(const char *w)
{
	size_t i;

	for (i = 0; i < sizeof(month_names) / sizeof(month_names[0]); i++) {
		if (strcmp(w, month_names[i].name) == 0)
			return month_names[i].month;
	}
	return 0;
}

static bool
is_day_name(const char *w)
{
	size_t i;

	for (i = 0; i < sizeof(day_names) / sizeof(day_names[0]); i++) {
		if (strcmp(w, day_names[i]) == 0)
			return true;
	}
	return false;
}

static bool
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
days_in_month(int y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int64_t
civil_to_time(const struct civil *c)
{
	int64_t t;

	if (c->year < 1 || c->year > 9999 || c->month < 1 || c->month > 12 ||
	    c->day < 1 || c->day > days_in_month(c->year, c->month) ||
	    c->hour < 0 || c->hour > 24 || c->min < 0 || c->min > 59 ||
	    c->sec < 0 || c->sec > 60 ||
	    (c->hour == 24 && (c->min != 0 || c->sec != 0)))
		return FEED_NO_DATE;
	t = days_from_civil(c->year, c->month, c->day) * 86400 +
	    c->hour * 3600 + c->min * 60 + c->sec - c->offset;
	/* In UTC the date must still be one feed_format_date can write. */
	if (t < DATE_MIN || t > DATE_MAX)
		return FEED_NO_DATE;
	return t;
}

/* "+hhmm", "-hh:mm", "+hh"; false when s is not a numeric offset. */
static bool
numeric_zone(struct scan *sc, int *offset)
{
	int sign, h, m = 0, digits;

	if (*sc->s != '+' && *sc->s != '-')
		return false;
	sign = *sc->s == '-' ? -1 : 1;
	sc->s++;
	if ((h = number(sc, 1, 4, &digits)) < 0)
		return false;
	if (digits == 4) {
		m = h % 100;
		h /= 100;
	} else if (digits == 3) {
		return false;
	} else if (*sc->s == ':') {
		sc->s++;
		if ((m = number(sc, 2, 2, NULL)) < 0)
			return false;
	}
	if (h > 23 || m > 59)
		return false;
	*offset = sign * (h * 3600 + m * 60);
	return true;
}

/*
 * The zone after a time: a numeric offset, a name, "GMT+1"-like forms,
 * a trailing "(comment)". Nothing at all means UTC. false for a zone we
 * do not know: the date is then not trusted.
 */
static bool
zone(struct scan *sc, int *offset)
{
	char w[8];
	size_t i;

	*offset = 0;
	skip_blanks(sc);
	if (*sc->s == '+' || *sc->s == '-') {
		if (!numeric_zone(sc, offset))
			return false;
		goto rest;
	}
	if (is_alpha(*sc->s)) {
		if (word(sc, w, sizeof(w)) == 0)
			return false;
		for (i = 0; i < sizeof(zone_names) / sizeof(zone_names[0]); i++) {
			if (strcmp(w, zone_names[i].name) == 0)
				break;
		}
		if (i < sizeof(zone_names) / sizeof(zone_names[0]))
			*offset = zone_names[i].minutes * 60;
		else if (w[1] == '\0' && w[0] != 'j')
			*offset = 0;	/* a military letter: see zone_names */
		else
			return false;
		/* "GMT+0200", "UTC-5" */
		if ((*sc->s == '+' || *sc->s == '-') && *offset == 0 &&
		    !numeric_zone(sc, offset))
			return false;
	}
rest:
	skip_blanks(sc);
	if (*sc->s == '(') {
		const char *close = strchr(sc->s, ')');

		if (close == NULL)
			return false;
		sc->s = close + 1;
		skip_blanks(sc);
	}
	return *sc->s == '\0';
}

/* "hh:mm[:ss[.frac]]"; false when it is not a time. */
static bool
clock_time(struct scan *sc, struct civil *c)
{
	if ((c->hour = number(sc, 1, 2, NULL)) < 0 || *sc->s != ':')
		return false;
	sc->s++;
	if ((c->min = number(sc, 2, 2, NULL)) < 0)
		return false;
	c->sec = 0;
	if (*sc->s == ':') {
		sc->s++;
		if ((c->sec = number(sc, 2, 2, NULL)) < 0)
			return false;
		if (*sc->s == '.' || *sc->s == ',') {
			sc->s++;
			while (is_digit(*sc->s))
				sc->s++;
		}
	}
	return true;
}

/* A two-digit year as RFC 2822 section 4.3 reads it. */
static int
full_year(int y, int digits)
{
	if (digits == 2)
		return y < 50 ? 2000 + y : 1900 + y;
	if (digits == 3)
		return y + 1900;
	return y;
}

/*
 * RFC 822 and its relatives:
 *   [Day[,]] DD Mon YY[YY] [hh:mm[:ss]] [zone]     the standard
 *   [Day[,]] DD-Mon-YY[YY] hh:mm:ss zone            RFC 850
 *   [Day[,]] Mon DD[,] YYYY [hh:mm[:ss]] [zone]     month first
 *   Day Mon DD hh:mm:ss [zone] YYYY                 asctime
 */
static int64_t
parse_rfc822(const char *s)
{
	struct scan sc = { s };
	struct civil c = { 0 };
	char w[16];
	int digits, v;

	skip_blanks(&sc);
	if (is_alpha(*sc.s)) {
		const char *save = sc.s;

		if (word(&sc, w, sizeof(w)) > 0 && is_day_name(w)) {
			if (*sc.s == '.')
				sc.s++;
			skip_separators(&sc);
		} else {
			sc.s = save;
		}
	}
	if (is_digit(*sc.s)) {
		/* DD Mon YYYY */
		if ((c.day = number(&sc, 1, 2, NULL)) < 0)
			return FEED_NO_DATE;
		skip_separators(&sc);
		if (word(&sc, w, sizeof(w)) == 0 ||
		    (c.month = month_from_name(w)) == 0)
			return FEED_NO_DATE;
		if (*sc.s == '.')
			sc.s++;
		skip_separators(&sc);
		if ((v = number(&sc, 2, 4, &digits)) < 0)
			return FEED_NO_DATE;
		c.year = full_year(v, digits);
		skip_separators(&sc);
	} else {
		/* Mon DD [YYYY] */
		if (word(&sc, w, sizeof(w)) == 0 ||
		    (c.month = month_from_name(w)) == 0)
			return FEED_NO_DATE;
		if (*sc.s == '.')
			sc.s++;
		skip_separators(&sc);
		if ((c.day = number(&sc, 1, 2, NULL)) < 0)
			return FEED_NO_DATE;
		skip_separators(&sc);
		c.year = -1;
		if (is_digit(*sc.s) && (sc.s[1] == ':' ||
		    (sc.s[1] != '\0' && sc.s[2] == ':'))) {
			/* asctime: the time, then the year at the end */
		} else {
			if ((v = number(&sc, 4, 4, &digits)) < 0)
				return FEED_NO_DATE;
			c.year = v;
			skip_separators(&sc);
		}
	}
	if (*sc.s != '\0' && is_digit(*sc.s)) {
		if (!clock_time(&sc, &c))
			return FEED_NO_DATE;
	}
	if (c.year < 0) {
		/* asctime: "Fri May 23 12:12:00 [zone] 2014" */
		const char *save;

		skip_blanks(&sc);
		save = sc.s;
		if (is_alpha(*sc.s)) {
			word(&sc, w, sizeof(w));
			skip_blanks(&sc);
		}
		if ((c.year = number(&sc, 4, 4, NULL)) < 0)
			return FEED_NO_DATE;
		/* Put the zone back in front by parsing it separately. */
		if (save != sc.s && is_alpha(*save)) {
			char z[16];
			size_t n = 0;
			struct scan zs;

			while (is_alpha(save[n]) && n + 1 < sizeof(z)) {
				z[n] = save[n];
				n++;
			}
			z[n] = '\0';
			zs.s = z;
			if (!zone(&zs, &c.offset))
				return FEED_NO_DATE;
		}
		skip_blanks(&sc);
		if (*sc.s != '\0')
			return FEED_NO_DATE;
		return civil_to_time(&c);
	}
	if (!zone(&sc, &c.offset))
		return FEED_NO_DATE;
	return civil_to_time(&c);
}

/*
 * RFC 3339 / ISO 8601 / W3C-DTF: YYYY[-MM[-DD]] or YYYYMMDD, then
 * optionally [T or blank] hh:mm[:ss[.frac]] (or hhmmss) and a zone
 * (Z, +hh:mm, +hhmm, +hh, a zone name); no zone means UTC.
 */
static int64_t
parse_iso8601(const char *s)
{
	struct scan sc = { s };
	struct civil c = { 0 };
	int digits;
	char sep;

	skip_blanks(&sc);
	if ((c.year = number(&sc, 4, 8, &digits)) < 0)
		return FEED_NO_DATE;
	c.month = 1;
	c.day = 1;
	if (digits == 8) {
		c.day = c.year % 100;
		c.month = c.year / 100 % 100;
		c.year /= 10000;
	} else if (digits != 4) {
		return FEED_NO_DATE;
	} else if (*sc.s == '-' || *sc.s == '/' || *sc.s == '.') {
		sep = *sc.s++;
		if ((c.month = number(&sc, 1, 2, NULL)) < 0)
			return FEED_NO_DATE;
		if (*sc.s == sep) {
			sc.s++;
			if ((c.day = number(&sc, 1, 2, NULL)) < 0)
				return FEED_NO_DATE;
		}
	}
	if (*sc.s == 'T' || *sc.s == 't' || *sc.s == ' ') {
		const char *save = sc.s++;

		skip_blanks(&sc);
		if (is_digit(sc.s[0]) && is_digit(sc.s[1]) && is_digit(sc.s[2])) {
			/* basic format: hhmm[ss] */
			int v = number(&sc, 4, 6, &digits);

			if (v < 0 || digits == 5)
				return FEED_NO_DATE;
			if (digits == 6) {
				c.sec = v % 100;
				v /= 100;
			}
			c.hour = v / 100;
			c.min = v % 100;
			if (*sc.s == '.' || *sc.s == ',') {
				sc.s++;
				while (is_digit(*sc.s))
					sc.s++;
			}
		} else if (is_digit(*sc.s)) {
			if (!clock_time(&sc, &c))
				return FEED_NO_DATE;
		} else {
			sc.s = save;
		}
	}
	if (!zone(&sc, &c.offset))
		return FEED_NO_DATE;
	return civil_to_time(&c);
}

int64_t
feed_parse_date(const char *s)
{
	const char *p;

	if (s == NULL)
		return FEED_NO_DATE;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	if (*s == '\0' || strlen(s) > DATE_MAX_LEN)
		return FEED_NO_DATE;
	/* Four digits first: ISO 8601; anything else: the RFC 822 family. */
	for (p = s; is_digit(*p); p++)
		;
	if (p - s >= 4)
		return parse_iso8601(s);
	return parse_rfc822(s);
}

char *
feed_format_date(int64_t t, char buf[21])
{
	int64_t days, secs, z, era, doe, yoe, y, doy, mp, d, m;

	if (t == FEED_NO_DATE) {
		buf[0] = '\0';
		return buf;
	}
	days = t / 86400;
	secs = t % 86400;
	if (secs < 0) {
		secs += 86400;
		days--;
	}
	/* civil_from_days (H. Hinnant) */
	z = days + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
	if (y < 1 || y > 9999) {
		buf[0] = '\0';
		return buf;
	}
	snprintf(buf, 21, "%04d-%02d-%02dT%02d:%02d:%02dZ", (int)y, (int)m,
	    (int)d, (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60));
	return buf;
}
