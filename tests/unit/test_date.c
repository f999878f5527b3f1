/*
 * test_date: feed_parse_date() and feed_format_date() on a table of the
 * forms feeds use, broken ones included. Every unparseable string must
 * give FEED_NO_DATE, never a made-up date.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "feed.h"

#define NO FEED_NO_DATE

static const struct {
	const char *in;
	int64_t want;	/* seconds since 1970 UTC, or NO */
} cases[] = {
	/* RFC 822 / 2822 */
	{ "Fri, 23 May 2014 12:12:00 -0400", 1400861520 },
	{ "Fri, 23 May 2014 16:12:00 GMT", 1400861520 },
	{ "Fri, 23 May 2014 16:12:00 UT", 1400861520 },
	{ "Fri, 23 May 2014 16:12:00 UTC", 1400861520 },
	{ "Fri, 23 May 2014 16:12:00 Z", 1400861520 },
	{ "Fri, 23 May 2014 16:12:00 +0000", 1400861520 },
	{ "Fri, 23 May 2014 18:12:00 +0200", 1400861520 },
	{ "Fri, 23 May 2014 21:42:00 +0530", 1400861520 },
	{ "Fri, 23 May 2014 12:12:00 EDT", 1400861520 },
	{ "Fri, 23 May 2014 11:12:00 EST", 1400861520 },
	{ "Fri, 23 May 2014 11:12:00 CDT", 1400861520 },
	{ "Fri, 23 May 2014 10:12:00 CST", 1400861520 },
	{ "Fri, 23 May 2014 10:12:00 MDT", 1400861520 },
	{ "Fri, 23 May 2014 09:12:00 MST", 1400861520 },
	{ "Fri, 23 May 2014 09:12:00 PDT", 1400861520 },
	{ "Fri, 23 May 2014 08:12:00 PST", 1400861520 },
	{ "Fri, 23 May 2014 18:12:00 CEST", 1400861520 },
	{ "Fri, 23 May 2014 17:12:00 BST", 1400861520 },
	/* military letters: RFC 2822 4.3 reads them all as UTC */
	{ "Fri, 23 May 2014 16:12:00 A", 1400861520 },
	{ "Fri, 23 May 2014 16:12:00 M", 1400861520 },
	{ "Fri, 23 May 2014 16:12:00 N", 1400861520 },
	{ "Fri, 23 May 2014 16:12:00 Y", 1400861520 },
	{ "Fri, 23 May 2014 16:12:00 z", 1400861520 },
	/* two-digit and three-digit years */
	{ "Fri, 23 May 14 16:12:00 GMT", 1400861520 },
	{ "Sun, 23 May 99 16:12:00 GMT", 927475920 },
	{ "23 May 49 16:12:00 GMT", 2505399120 },
	{ "23 May 50 16:12:00 GMT", -618824880 },
	/* no day name, no seconds, no zone, single-digit day */
	{ "23 May 2014 16:12:00 GMT", 1400861520 },
	{ "Fri, 23 May 2014 16:12 GMT", 1400861520 },
	{ "Fri, 23 May 2014 16:12:00", 1400861520 },
	{ "Fri, 2 May 2014 16:12:00 GMT", 1399047120 },
	{ "Fri, 02 May 2014 16:12:00 GMT", 1399047120 },
	{ "23 May 2014", 1400803200 },
	/* broken forms from real feeds */
	{ "Fri 23 May 2014 16:12:00 GMT", 1400861520 },
	{ "Friday, 23 May 2014 16:12:00 GMT", 1400861520 },
	{ "Friday, 23-May-14 16:12:00 GMT", 1400861520 },
	{ "Fri, 23 May 2014 12:12:00 -0400 (EDT)", 1400861520 },
	{ "Fri, 23 May 2014 12:12:00 -04:00", 1400861520 },
	{ "Fri, 23 May 2014 16:12:00 GMT+00:00", 1400861520 },
	{ "Fri, 23 May 2014 18:12:00 GMT+0200", 1400861520 },
	{ "fri, 23 may 2014 16:12:00 gmt", 1400861520 },
	{ "Fri, 23 June 2014 16:12:00 GMT", 1403539920 },
	{ "Tue, 23 Sept 2014 16:12:00 GMT", 1411488720 },
	{ "May 23, 2014 16:12:00 GMT", 1400861520 },
	{ "Fri, May 23 2014 16:12:00 GMT", 1400861520 },
	{ "Fri May 23 16:12:00 2014", 1400861520 },
	{ "Fri May 23 16:12:00 UTC 2014", 1400861520 },
	{ "  Fri, 23 May 2014 16:12:00 GMT\n", 1400861520 },
	/* RFC 3339 / ISO 8601 */
	{ "2014-05-23T16:12:00Z", 1400861520 },
	{ "2014-05-23T16:12:00z", 1400861520 },
	{ "2014-05-23T12:12:00-04:00", 1400861520 },
	{ "2014-05-23T18:12:00+02:00", 1400861520 },
	{ "2014-05-23T18:12:00+0200", 1400861520 },
	{ "2014-05-23T18:12:00+02", 1400861520 },
	{ "2014-05-23T16:12:00.123Z", 1400861520 },
	{ "2014-05-23T16:12:00.123456789+00:00", 1400861520 },
	{ "2014-05-23T16:12Z", 1400861520 },
	{ "2014-05-23 16:12:00", 1400861520 },
	{ "2014-05-23 16:12:00 +0000", 1400861520 },
	{ "2014-05-23 16:12:00 GMT", 1400861520 },
	{ "2014-05-23T16:12:00", 1400861520 },
	{ "2014-05-23", 1400803200 },
	{ "2014-05", 1398902400 },
	{ "2014", 1388534400 },
	{ "20140523T161200Z", 1400861520 },
	{ "20140523", 1400803200 },
	{ "2014/05/23 16:12:00", 1400861520 },
	{ "2012-02-29T00:00:00Z", 1330473600 },
	{ "2014-05-23T24:00:00Z", 1400889600 },
	{ "1970-01-01T00:00:00Z", 0 },
	{ "1969-12-31T23:59:59Z", -1 },
	/* unparseable: never a guess */
	{ "", NO },
	{ "   ", NO },
	{ "soon", NO },
	{ "yesterday at noon", NO },
	{ "Fri, 32 May 2014 16:12:00 GMT", NO },
	{ "Fri, 23 Foo 2014 16:12:00 GMT", NO },
	{ "Fri, 23 May 2014 25:12:00 GMT", NO },
	{ "Fri, 23 May 2014 16:61:00 GMT", NO },
	{ "Fri, 23 May 2014 16:12:00 XYZT", NO },
	{ "Fri, 23 May 2014 16:12:00 GMT trailing junk", NO },
	{ "2013-02-29T00:00:00Z", NO },
	{ "2014-13-01T00:00:00Z", NO },
	{ "2014-05-23T16:12:00+25:00", NO },
	{ "2014-05-23T24:30:00Z", NO },
	{ "2014-05-23Tnoon", NO },
	{ "12345", NO },
	{ "0000-01-01T00:00:00Z", NO },
	{ "Fri, 23 May", NO },
	{ "16:12:00", NO },
	/* found by fuzz_date: read past the end */
	{ "Fri May 216", NO },
	{ "May 2", NO },
	/* found by fuzz_date: a zone moving the date out of years 1..9999 */
	{ "0001kst", NO },
	{ "0001-01-01T00:00:00+01:00", NO },
	{ "9999-12-31T23:59:59-01:00", NO },
	{ "0001-01-01T00:00:00Z", -62135596800LL },
};

static const struct {
	int64_t t;
	const char *want;
} formats[] = {
	{ 1400861520, "2014-05-23T16:12:00Z" },
	{ 0, "1970-01-01T00:00:00Z" },
	{ -1, "1969-12-31T23:59:59Z" },
	{ 951782400, "2000-02-29T00:00:00Z" },
	{ 253402300799, "9999-12-31T23:59:59Z" },
	{ 253402300800, "" },
	{ FEED_NO_DATE, "" },
};

int
main(void)
{
	size_t i;
	int failed = 0;
	char buf[21];

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int64_t got = feed_parse_date(cases[i].in);

		if (got != cases[i].want) {
			printf("FAIL date %zu \"%s\": got %lld, want %lld\n", i,
			    cases[i].in, (long long)got, (long long)cases[i].want);
			failed++;
		}
	}
	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		feed_format_date(formats[i].t, buf);
		if (strcmp(buf, formats[i].want) != 0) {
			printf("FAIL format %zu: got \"%s\", want \"%s\"\n", i, buf,
			    formats[i].want);
			failed++;
		}
	}
	printf("%zu dates, %zu formats, %d failed\n",
	    sizeof(cases) / sizeof(cases[0]), sizeof(formats) / sizeof(formats[0]),
	    failed);
	return failed != 0;
}
