#!/bin/sh
# --export exit statuses: 0 all good, 1 when a SOURCE failed (named, with
# the reason and line), 2 for usage errors; a full disk is an error.
. "$top_srcdir/tests/lib.sh"

nf="$top_srcdir/data/newsfactor"

expect_status 1 "$TIDINGS" --export=json "$T/missing.rss"
grep -q "missing.rss: cannot read the document" "$T/err" || fail "missing file: $(cat "$T/err")"

printf '<?xml version="1.0"?>\n<rss version="2.0">\n<channel>\n<title>x</title>\n<item><title>a</title></item>\n<<<\n' >"$T/broken.rss"
expect_status 0 "$TIDINGS" --export=json "$T/broken.rss"
grep -q '"title": "a"' "$T/out" || fail "the complete item before the breakage is lost"
# the feed's warning is shown, naming the SOURCE and the line
grep -q "^tidings: $T/broken.rss: .*line 7" "$T/err" || fail "no warning for an ill-formed feed: $(cat "$T/err")"

# past FEED_MAX_ITEMS: exactly that many, a warning, exit 0
max=$(sed -n 's/^#define FEED_MAX_ITEMS \([0-9]*\).*/\1/p' "$top_srcdir/include/feed.h")
awk -v n=$((max + 10)) 'BEGIN { print "<rss version=\"2.0\"><channel><title>M</title>"
	for (i = 0; i < n; i++) printf "<item><guid>%d</guid></item>\n", i
	print "</channel></rss>" }' >"$T/many.rss"
expect_status 0 "$TIDINGS" --export=json "$T/many.rss"
[ "$(wc -l <"$T/out")" -eq "$max" ] || fail "$(wc -l <"$T/out") items of $((max + 10)), not $max"
grep -q "^tidings: $T/many.rss: more than $max items" "$T/err" || fail "no warning for too many items: $(cat "$T/err")"
pass "a feed's warning is shown on --export SOURCE, exit 0"

printf 'garbage\n\n<html><body>hi</body></html>\n' >"$T/page.html"
expect_status 1 "$TIDINGS" --export=json "$T/page.html"
grep -q "page.html: not an RSS or Atom feed" "$T/err" || fail "HTML: $(cat "$T/err")"

printf '<rss version="2.0">\n<channel\n<<<\n' >"$T/bad.rss"
expect_status 1 "$TIDINGS" --export=json "$T/bad.rss"
grep -q "bad.rss: not well-formed XML (line [0-9]" "$T/err" || fail "no line: $(cat "$T/err")"

: >"$T/empty.rss"
expect_status 1 "$TIDINGS" --export "$T/empty.rss"
grep -q "empty.rss: empty document" "$T/err" || fail "empty: $(cat "$T/err")"

# One bad SOURCE does not stop the others.
expect_status 1 "$TIDINGS" --export=json "$T/missing.rss" "$nf/crm-daily.rss"
[ "$(wc -l <"$T/out")" -eq 5 ] || fail "good SOURCE after a bad one not exported"
pass "failing SOURCEs exit 1, named"

expect_status 2 "$TIDINGS" --export=yaml "$nf/crm-daily.rss"
grep -q "unknown export format 'yaml'" "$T/err" || fail "bad format"
expect_status 2 "$TIDINGS" --export --width 0 "$nf/crm-daily.rss"
expect_status 2 "$TIDINGS" --export --width abc "$nf/crm-daily.rss"
pass "usage errors exit 2"

if [ -w /dev/full ]; then
	"$TIDINGS" --export=json "$nf/crm-daily.rss" >/dev/full 2>"$T/err"
	[ $? -eq 1 ] || fail "a full disk was not an error"
	grep -q "cannot write" "$T/err" || fail "full disk: $(cat "$T/err")"
	pass "write errors exit 1"
fi
