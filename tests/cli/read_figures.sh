#!/bin/sh
# tidings --read=json lists the article's figures (src absolute, alt,
# caption) in "figures", and keeps the page furniture of issue 13 (kicker,
# repeated headline, byline, credit line, read-more line) out of "text".
. "$top_srcdir/tests/lib.sh"
[ -n "${PYTHON3:-}" ] || skip "no python3 to read the JSON"

page=$top_srcdir/tests/data/pages/figure.html
expect_status 0 "$TIDINGS" --read=json --base-url https://news.example/2014/bridge.html "$page"
"$PYTHON3" - "$T/out" <<'PY' || fail "figures or text wrong: $(cat "$T/out")"
import json, sys
a = json.load(open(sys.argv[1]))
want = [{"src": "https://news.example/img/bridge.jpg",
         "alt": "The old bridge at dawn",
         "caption": "The bridge in 1920. Photo: City Archive"}]
if a.get("figures") != want:
    sys.exit("figures: %r" % (a.get("figures"),))
text = a["text"]
for s in ("rebuild the old bridge", "regular reports on the budget"):
    if s not in text:
        sys.exit("text lacks %r" % s)
for s in ("Infrastructure", "Council votes", "Ann Writer", "Ben Lens", "Read more", "Home"):
    if s in text:
        sys.exit("text has %r" % s)
PY
pass "--read=json: figures listed, furniture out of the text"
