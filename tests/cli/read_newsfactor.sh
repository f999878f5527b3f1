#!/bin/sh
# tidings --read on the NewsFactor page (windows-1252, table layout, ads,
# rating widget, comment form, sponsor, related links, spotlight, footer):
# exactly the lede and the story, from a file and over HTTP.
. "$top_srcdir/tests/lib.sh"
[ -n "${PYTHON3:-}" ] || skip "no python3 to read the JSON"

page=$top_srcdir/data/newsfactor/fbi-microsoft.html
expected=$top_srcdir/data/newsfactor/expected.txt
json_field() {	# json_field FIELD < JSON: the value, as text
	"$PYTHON3" -c 'import json, sys
v = json.load(sys.stdin)[sys.argv[1]]
sys.stdout.write("" if v is None else v if isinstance(v, str) else json.dumps(v))' "$1"
}

expect_status 0 "$TIDINGS" --read=json "$page"
json_field text <"$T/out" >"$T/text" || fail "not JSON: $(head -c 300 "$T/out")"
echo >>"$T/text"
cmp -s "$T/text" "$expected" || {
	diff "$expected" "$T/text" >&2
	fail "--read=json text differs from expected.txt"
}
[ "$(json_field title <"$T/out")" = "Microsoft Fought the FBI, But the FBI Won" ] ||
	fail "title: $(json_field title <"$T/out")"
[ "$(json_field author <"$T/out")" = "Seth Fitzgerald" ] ||
	fail "author: $(json_field author <"$T/out")"
[ "$(json_field url <"$T/out")" = "" ] || fail "a file has no url"
pass "--read=json FILE gives exactly expected.txt"

# Nothing of the page's furniture, in either mode.
expect_status 0 "$TIDINGS" --read --width 60 "$page"
cp "$T/out" "$T/textmode"
for junk in "Newsletters" "CRM Systems" "Tame your scariest" "Rate this" \
    "Bookmark and Share" "advertisement" "Tell Us What You Think" \
    "Salesforce" "FREE 30-day" "Lenovo Still" "Backlash Stirs" \
    "Spotlight" "Navigation" "Privacy Policy" "Copyright"; do
	! grep -q "$junk" "$T/text" || fail "json text has '$junk'"
	! grep -q "$junk" "$T/textmode" || fail "text mode has '$junk'"
done
pass "no navigation, ad, rating, comment, sponsor, related, spotlight, footer"

[ "$(head -1 "$T/textmode")" = "Microsoft Fought the FBI, But the FBI Won" ] ||
	fail "text mode does not start with the title: $(head -1 "$T/textmode")"
[ "$(sed -n 2p "$T/textmode")" = "Seth Fitzgerald" ] || fail "no byline line"
grep -q "^Another Route" "$T/textmode" || fail "no subheading"
[ "$(wc -L <"$T/textmode")" -le 60 ] || fail "lines wider than --width 60"
pass "--read (text): title, byline, body wrapped to --width"

# Over HTTP: the test server calls it UTF-8, the bytes say windows-1252.
start_server "$top_srcdir/data/newsfactor"
expect_status 0 "$TIDINGS" --read=json "$BASE/fbi-microsoft.html"
json_field text <"$T/out" >"$T/text"
echo >>"$T/text"
cmp -s "$T/text" "$expected" || { diff "$expected" "$T/text" >&2; fail "over HTTP"; }
[ "$(json_field url <"$T/out")" = "$BASE/fbi-microsoft.html" ] || fail "url field"
pass "--read=json URL gives the same text"

expect_status 1 "$TIDINGS" --read=json "$BASE/no-such-page.html"
grep -q "404" "$T/err" || fail "a 404 is not named: $(cat "$T/err")"
pass "a missing page fails with the HTTP status"
