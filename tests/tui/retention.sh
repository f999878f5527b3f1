#!/bin/sh
# keep-read-days in the reader: its refresh (R) drops a read article that
# left the feed more than N days ago, as --refresh does; the unread one
# that left with it stays.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux_lib.sh"

F="$T/feeds"
mkdir -p "$F" "$XDG_CONFIG_HOME/tidings"

# write_feed STAMP ID...: the feed with these items (keep_feed)
write_feed() { keep_feed "$F/feed.rss" "$@"; }

write_feed "2026-01-01 00:00" a1 a2 a3
echo "file://$F/feed.rss" >"$XDG_CONFIG_HOME/tidings/urls"
expect_status 0 "$TIDINGS" --refresh
write_feed "2026-01-02 00:00" a3
expect_status 0 "$TIDINGS" --refresh
# a1 was read, a2 not; both left the feed ten days ago.
sql "UPDATE items SET read = 1 WHERE guid = 'a1';
     UPDATE items SET last_seen = last_seen - 10 * 86400 WHERE guid IN ('a1', 'a2')"
echo "keep-read-days 7" >"$XDG_CONFIG_HOME/tidings/config"
write_feed "2026-01-03 00:00" a3 a4

start_tui 100x30
wait_for "Feeds (1)"
keys g j Enter
wait_for "Keep - 3 articles"
wait_for "Article a1"
keys R
wait_for "Refreshed 1 feed"
wait_gone "Article a1"
wait_for "Article a4"
screen | grep -q "Article a2" || fail "the unread article went away"
keys Q
wait_exit
check_stderr
ids=$(cached_ids)
[ "$ids" = "a2 a3 a4" ] || fail "cached after the reader's refresh: $ids"
pass "the reader's refresh applies keep-read-days"
