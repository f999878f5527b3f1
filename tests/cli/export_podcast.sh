#!/bin/sh
# Issue 12 "Podcasts": the JSON export carries "duration" (seconds, from
# itunes:duration in any of its forms) and "image" (itunes:image, else
# media:thumbnail) on the items that have them, next to the enclosures
# (enclosure and media:content, with type and length).
. "$top_srcdir/tests/lib.sh"
[ -n "${PYTHON3:-}" ] || skip "no python3"
"$TIDINGS" --export=json "$top_srcdir/tests/data/feeds/podcast.xml" >"$T/json" 2>"$T/err" ||
	fail "export: $(cat "$T/err")"
"$PYTHON3" - "$T/json" <<'PY' || fail "podcast keys: $(cat "$T/json")"
import json, sys
one, two, three, four = [json.loads(l) for l in open(sys.argv[1])]
assert one["duration"] == 3723 and one["image"] == "https://cast.example/1.jpg", one
assert one["enclosures"] == [{"url": "https://cast.example/1.mp3", "type": "audio/mpeg", "length": 12345}], one
assert two["duration"] == 3723 and two["image"] == "https://cast.example/thumb2.jpg", two
assert two["enclosures"] == [{"url": "https://cast.example/2.mp4", "type": "video/mp4", "length": 999}], two
assert three["duration"] == 3723 and "image" not in three, three
assert "duration" not in four and "image" not in four, four
keys = list(one)
assert keys.index("enclosures") < keys.index("duration") < keys.index("image") < keys.index("rating"), keys
PY
pass "duration, image and enclosures of podcast items"
