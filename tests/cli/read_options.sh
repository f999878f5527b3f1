#!/bin/sh
# tidings --read: its options and errors, JSON escaping, relative links.
. "$top_srcdir/tests/lib.sh"
[ -n "${PYTHON3:-}" ] || skip "no python3 to read the JSON"

expect_status 2 "$TIDINGS" --read
grep -q "needs one URL or FILE" "$T/err" || fail "no operand: $(cat "$T/err")"
expect_status 2 "$TIDINGS" --read=xml x.html
grep -q "unknown read format 'xml'" "$T/err" || fail "bad format not named"
expect_status 1 "$TIDINGS" --read "$T/no-such-file.html"
grep -q "no-such-file.html" "$T/err" || fail "missing file not named"
pass "usage errors exit 2, a missing file 1"

# Quotes, backslashes, controls and a bidi override in the title; relative
# links resolved against --base-url; an image's alt text is not body text.
# (four different paragraphs: readable drops a paragraph repeated as is)
para='<p>The council met on Tuesday, and after a long debate (part %s), it voted to rebuild the old bridge, which <a href="../plans/bridge.pdf">the plans</a> show, before the winter floods came.</p>'
{
	printf '<html><head><title>He said "no" \\ then \001left\342\200\256 - Site</title></head><body><div class="story">'
	for i in 1 2 3 4; do printf "$para" "$i"; done
	printf '<img src="/a.jpg" alt="A PICTURE OF THE BRIDGE"></div></body></html>\n'
} >"$T/page.html"
expect_status 0 "$TIDINGS" --read=json --base-url https://news.example/2014/05/bridge.html "$T/page.html"
"$PYTHON3" - "$T/out" <<'PY' || fail "JSON: $(cat "$T/out")"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["url"] == "https://news.example/2014/05/bridge.html", d["url"]
assert d["title"].startswith('He said "no" \\ then '), repr(d["title"])
assert "left" in d["title"], repr(d["title"])
assert d["links"] == ["https://news.example/2014/plans/bridge.pdf"], d["links"]
assert "PICTURE" not in d["text"], d["text"]
assert d["text"].count("rebuild the old bridge") == 4, d["text"]
assert d["published"] is None and d["author"] is None
PY
pass "JSON escaping, absolute links, no alt text in \"text\""

expect_status 0 "$TIDINGS" --read --width 50 --base-url https://news.example/2014/05/bridge.html "$T/page.html"
! grep -q "$(printf '\001')" "$T/out" || fail "a control character reached the text output"
! grep -q "$(printf '\342\200\256')" "$T/out" || fail "a bidi override reached the text output"
grep -q "https://news.example/2014/plans/bridge.pdf" "$T/out" || fail "no link list"
pass "text mode is sanitised and lists the links"
