#!/bin/sh
# --export --full: the readable text of the articles whose page the reader
# fetched (v in the pager, the real path: tmux, the local HTTP server, the
# readable module, the cache) goes into the export. In the digest it takes
# the summary's place; in JSON it is one more key, "full_text" (null for a
# page never fetched), and only with --full: the default record stays as
# DESIGN.md has it. A SOURCE export refuses --full.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux_lib.sh"
pages_server export-full.rss

# The reader fetches the first article's page.
pages_open 2
keys v
wait_for "The article from its web page."
wait_for "Documents released this week show that Microsoft was ready"
keys Q
wait_exit
check_stderr
[ "$(grep -c 'GET /story.html' "$T/server.log")" -eq 1 ] || fail "page requests: $(grep GET "$T/server.log")"

KEYS='["feed_title", "feed_url", "feed_link", "id", "title", "link", "author", "author_email", "published", "updated", "summary", "content", "categories", "enclosures", "rating", "user_rating", "read"]'
expect_status 0 "$TIDINGS" --export=json
"$PYTHON3" - "$T/out" "$KEYS" <<'PYEOF' || fail "the default JSON changed"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
want = json.loads(sys.argv[2])
assert len(rows) == 2, rows
# "duration" and "image" (podcasts) follow "enclosures" only on items
# that have them
for r in rows:
    assert [k for k in r if k not in ("duration", "image")] == want, list(r)
PYEOF
pass "without --full the JSON keys are DESIGN.md's"

expect_status 0 "$TIDINGS" --export=json --full
"$PYTHON3" - "$T/out" "$KEYS" "$top_srcdir/data/newsfactor/expected.txt" <<'PYEOF' || fail "--export=json --full"
import json, sys
rows = {r["id"]: r for r in (json.loads(l) for l in open(sys.argv[1], encoding="utf-8"))}
want = json.loads(sys.argv[2]) + ["full_text"]
for r in rows.values():
    assert [k for k in r if k not in ("duration", "image")] == want, list(r)
full = rows["p1"]["full_text"]
assert rows["p2"]["full_text"] is None, rows["p2"]["full_text"]
assert rows["p1"]["summary"] == "Government requests are rare (a summary).", rows["p1"]["summary"]
assert "Documents released this week show that Microsoft was ready" in full, full[:200]
assert "<" not in full and "&amp;" not in full, "markup left in full_text"
# the whole story, nothing of the page around it
expected = open(sys.argv[3], encoding="utf-8").read()
words = lambda s: s.split()
assert words(full) == words(expected), "full_text is not expected.txt:\n" + full
for junk in ("Sponsored", "Post a comment", "Related", "Spotlight", "Copyright"):
    assert junk not in full, junk
PYEOF
pass "--export=json --full: the page's article as plain text, null when never fetched"

expect_status 0 "$TIDINGS" --export --full --width 60
grep -q "Documents released this week show that Microsoft" "$T/out" || fail "no story in the digest"
grep -q "(a summary)" "$T/out" && fail "the digest still shows the fetched article's summary"
grep -q "The other summary." "$T/out" || fail "the unfetched article lost its summary"
"$PYTHON3" -c 'import sys; sys.exit(any(len(l.rstrip("\n")) > 60 for l in open(sys.argv[1], encoding="utf-8")))' "$T/out" ||
	fail "lines wider than --width 60"
# the digest starts with the feed heading and titles, like without --full
expect_status 0 "$TIDINGS" --export --width 60
grep -q "(a summary)" "$T/out" || fail "without --full the digest lost the summary"
grep -q "Documents released this week" "$T/out" && fail "without --full the digest has the page"
pass "--export --full: the digest shows the story instead of the summary"

expect_status 2 "$TIDINGS" --export --full "file://$T/root/export-full.rss"
grep -q "from the cache only" "$T/err" || fail "no reason given: $(cat "$T/err")"
pass "--full with a SOURCE is refused"
