#!/bin/sh
# A teaser (standfirst) that the story repeats as its first paragraph, with
# other quotes and no full stop, is in the text once, and the story whole.
. "$top_srcdir/tests/lib.sh"
[ -n "${PYTHON3:-}" ] || skip "no python3 to read the JSON"

page=$top_srcdir/tests/data/pages/teaser.html
expect_status 0 "$TIDINGS" --read=json "$page"
"$PYTHON3" - "$T/out" <<'PY' || fail "teaser not once: $(cat "$T/out")"
import json, sys
text = json.load(open(sys.argv[1]))["text"]
n = text.count("heavy rain flooded its")
if n != 1:
    sys.exit("teaser %d times" % n)
for s in ("Police diverted traffic", "twice delayed the repair", "waited long enough"):
    if s not in text:
        sys.exit("text lacks %r" % s)
PY
pass "--read=json: a teaser repeated as the first paragraph is there once"
