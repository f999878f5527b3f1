#!/bin/sh
# --export of the NewsFactor sample: the exact JSON Lines (checked by hand,
# field by field: ratings 4.5/112 and the 1-10 scale kept as published,
# Latin-1 "Café", the m: prefix, the double-escaped title, XHTML content
# as plain text, the ad gone from the description, times in UTC), and the
# text digest.
. "$top_srcdir/tests/lib.sh"

nf="$top_srcdir/data/newsfactor"
want="$top_srcdir/tests/data/feeds/newsfactor.jsonl"

# feed_url is the SOURCE as given, so run from the sample's folder.
(cd "$nf" && "$TIDINGS" --export=json crm-daily.rss sci-tech-today.atom) \
	>"$T/got.jsonl" 2>"$T/err" || fail "--export=json exited $?: $(cat "$T/err")"
[ ! -s "$T/err" ] || fail "stderr: $(cat "$T/err")"
diff -u "$want" "$T/got.jsonl" || fail "JSON Lines differ"
pass "exact JSON Lines for both feeds"

# Every line is a JSON object (when python3 is there to say so).
if [ -n "${PYTHON3:-}" ]; then
	"$PYTHON3" -c 'import json,sys
for l in open(sys.argv[1]): json.loads(l)' "$T/got.jsonl" || fail "not JSON"
fi

# file:// gives the same items.
(cd "$nf" && "$TIDINGS" --export=json "file://$nf/crm-daily.rss") >"$T/url.jsonl" ||
	fail "file:// export failed"
[ "$(wc -l <"$T/url.jsonl")" -eq 5 ] || fail "file:// gave $(wc -l <"$T/url.jsonl") items"
grep -q '"feed_url": "file://' "$T/url.jsonl" || fail "feed_url is not the SOURCE"

# The digest: heading, stars with the count, wrapped to --width.
expect_status 0 "$TIDINGS" --export --width 50 "$nf/crm-daily.rss" "$nf/sci-tech-today.atom"
grep -q '^CRM Daily$' "$T/out" || fail "no feed heading"
grep -q '^Sci-Tech Today$' "$T/out" || fail "no second feed heading"
"$TIDINGS" --export --width 72 "$nf/crm-daily.rss" >"$T/wide" || fail "--width 72"
grep -q '★★★★½ (112)' "$T/wide" || fail "no 4.5 stars with the count"
grep -q '★★★★½' "$T/out" || fail "no stars at --width 50"
grep -q 'Seth Fitzgerald' "$T/out" || fail "no author"
grep -q '2014-05-23 16:12 UTC' "$T/out" || fail "no UTC date"
grep -q "Lenovo's Staying" "$T/out" || fail "double-escaped title not decoded"
! grep -q 'advertisement\|ads.example' "$T/out" || fail "the ad is in the digest"
# Every line fits, except a URL: it is never broken (a link in a mailed
# digest must keep working), so it runs past the width on its own line.
widest=$(grep -v '^ *[a-z]*://[^ ]*$' "$T/out" | wc -L)
[ "$widest" -le 50 ] || fail "a line is $widest columns wide, past --width 50"
grep -q '^  http://www.crm-daily.com/story.xhtml?story_id=0200016HZ8MW$' "$T/out" ||
	fail "an article's link is broken by the wrapping"
pass "text digest"

# Not a UTF-8 locale: ASCII stars.
LC_ALL=C "$TIDINGS" --export "$nf/crm-daily.rss" >"$T/ascii" || fail "C locale export"
grep -q '\*\*\*\*+ (112)' "$T/ascii" || fail "no ASCII stars: $(grep 112 "$T/ascii")"
! LC_ALL=C grep -q "$(printf '\342')" "$T/ascii" || fail "non-ASCII stars in the C locale"
pass "ASCII digest"
