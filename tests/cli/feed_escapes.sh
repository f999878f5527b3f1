#!/bin/sh
# Issue 10 item 15: a control character dropped on the way (here by the
# feed's repair pass) takes the rest of its escape sequence along, in the
# text digest, the JSON export and the OPML export of a refreshed feed:
# "Evil \e[41mFeed" is "Evil Feed", never "Evil [41mFeed".
. "$top_srcdir/tests/lib.sh"
feed="$top_srcdir/tests/data/feeds/escape_sequences.xml"

leftovers() { grep -E '\[41m|\[0m|\]0;|pwned' "$1"; }

"$TIDINGS" --export "$feed" >"$T/digest" 2>"$T/err" || fail "digest: $(cat "$T/err")"
grep -q '^Evil Feed$' "$T/digest" || fail "digest heading: $(cat -v "$T/digest")"
grep -q '^Evil Item$' "$T/digest" || fail "digest title: $(cat -v "$T/digest")"
grep -q 'Body text' "$T/digest" || fail "digest summary: $(cat -v "$T/digest")"
leftovers "$T/digest" && fail "escape leftovers in the digest"
grep -q 'control character' "$T/err" || fail "no warning on stderr: $(cat "$T/err")"

"$TIDINGS" --export=json "$feed" >"$T/json" 2>/dev/null || fail "json export"
grep -q '"feed_title": "Evil Feed".*"title": "Evil Item"' "$T/json" || fail "json: $(cat -v "$T/json")"
leftovers "$T/json" && fail "escape leftovers in the JSON export"

mkdir -p "$XDG_CONFIG_HOME/tidings"
echo "file://$feed" >"$XDG_CONFIG_HOME/tidings/urls"
"$TIDINGS" --refresh >/dev/null 2>&1
"$TIDINGS" --export=opml >"$T/opml" 2>/dev/null || fail "opml export"
grep -q 'title="Evil Feed"' "$T/opml" || fail "opml: $(cat -v "$T/opml")"
leftovers "$T/opml" && fail "escape leftovers in the OPML export"
pass "escape sequences leave with their ESC"
