#!/bin/sh
# keep-read-days N (tidings-config(5)): a refresh drops the articles that
# are read, not rated, and left their feed more than N days ago; unread
# ones, rated ones, ones gone for less than N days and ones still in the
# feed stay. Without the setting (0) nothing is ever dropped.
. "$top_srcdir/tests/lib.sh"

F="$T/feeds"
mkdir -p "$F" "$XDG_CONFIG_HOME/tidings"
feed="file://$F/feed.rss"
conf="$XDG_CONFIG_HOME/tidings/config"

# write_feed STAMP ID...: the feed with these items (keep_feed)
write_feed() { keep_feed "$F/feed.rss" "$@"; }

write_feed "2026-01-01 00:00" a1 a2 a3 a4 a5
expect_status 0 "$TIDINGS" --add "$feed"
expect_status 0 "$TIDINGS" --refresh
[ "$(cached_ids)" = "a1 a2 a3 a4 a5" ] || fail "first refresh: $(cached_ids)"

# What the reader did: a1, a3, a4, a5 read, a3 also rated; a2 unread.
sql "UPDATE items SET read = 1 WHERE guid IN ('a1', 'a3', 'a4', 'a5');
     UPDATE items SET user_rating = 4 WHERE guid = 'a3';"

# a1..a4 leave the feed; nothing set: everything stays.
write_feed "2026-01-02 00:00" a5 a6
expect_status 0 "$TIDINGS" --refresh
[ "$(cached_ids)" = "a1 a2 a3 a4 a5 a6" ] || fail "items lost without keep-read-days: $(cached_ids)"

# Time passes: a1, a2, a3 left ten days ago, a4 three days ago; a5 is
# still in the feed (its last_seen aged too, the refresh renews it).
sql "UPDATE items SET last_seen = last_seen - 10 * 86400 WHERE guid IN ('a1', 'a2', 'a3', 'a5');
     UPDATE items SET last_seen = last_seen - 3 * 86400 WHERE guid = 'a4';"
echo "keep-read-days 0" >"$conf"
write_feed "2026-01-03 00:00" a5 a6 a7
expect_status 0 "$TIDINGS" --refresh
[ "$(cached_ids)" = "a1 a2 a3 a4 a5 a6 a7" ] || fail "items lost with keep-read-days 0: $(cached_ids)"
pass "keep-read-days 0 (the default) keeps every article"

sql "UPDATE items SET last_seen = last_seen - 10 * 86400 WHERE guid = 'a5';"
echo "keep-read-days 7" >"$conf"
write_feed "2026-01-04 00:00" a5 a6 a7 a8
expect_status 0 "$TIDINGS" --refresh
[ -s "$T/err" ] && fail "stderr: $(cat "$T/err")"
[ "$(cached_ids)" = "a2 a3 a4 a5 a6 a7 a8" ] || fail "after keep-read-days 7: $(cached_ids)"
pass "--refresh drops a read article gone for 10 days; unread, rated, recent and present ones stay"

# The rest of what the reader did is untouched.
expect_status 0 "$TIDINGS" --export=json
"$PYTHON3" - "$T/out" <<'PYEOF' || fail "read flags or ratings changed"
import json, sys
rows = {r["id"]: r for r in (json.loads(l) for l in open(sys.argv[1]))}
assert rows["a2"]["read"] is False
assert rows["a3"]["read"] is True and rows["a3"]["user_rating"] == 4
assert rows["a4"]["read"] is True and rows["a5"]["read"] is True
PYEOF

# A failed refresh drops nothing, even with a read article long gone.
sql "UPDATE items SET last_seen = last_seen - 30 * 86400 WHERE guid = 'a4';"
rm "$F/feed.rss"
expect_status 1 "$TIDINGS" --refresh
[ "$(cached_ids)" = "a2 a3 a4 a5 a6 a7 a8" ] || fail "a failed refresh dropped articles: $(cached_ids)"
pass "a failed refresh keeps everything"

echo "keep-read-days soon" >"$conf"
write_feed "2026-01-05 00:00" a5
expect_status 0 "$TIDINGS" --refresh
grep -q "keep-read-days must be a number" "$T/err" || fail "no warning: $(cat "$T/err")"
[ "$(cached_ids)" = "a2 a3 a4 a5 a6 a7 a8" ] || fail "a bad setting dropped articles: $(cached_ids)"
pass "a bad keep-read-days line is named and keeps everything"
