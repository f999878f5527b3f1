#!/bin/sh
# keep-read-days in the reader: its refresh (R) drops a read article that
# left the feed more than N days ago, as --refresh does; the unread one
# that left with it stays.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux_lib.sh"

F="$T/feeds"
mkdir -p "$F" "$XDG_CONFIG_HOME/tidings"
db="$XDG_DATA_HOME/tidings/cache.db"

write_feed() {	# STAMP ID...
	stamp=$1; shift
	{
		echo '<?xml version="1.0"?>'
		echo '<rss version="2.0"><channel><title>Keep</title><link>http://example.org/</link>'
		for id in "$@"; do
			echo "<item><title>Article $id</title><guid>$id</guid><link>http://example.org/$id</link><description>Text of $id.</description></item>"
		done
		echo '</channel></rss>'
	} >"$F/feed.rss"
	touch -d "$stamp" "$F/feed.rss"
}

write_feed "2026-01-01 00:00" a1 a2 a3
echo "file://$F/feed.rss" >"$XDG_CONFIG_HOME/tidings/urls"
expect_status 0 "$TIDINGS" --refresh
write_feed "2026-01-02 00:00" a3
expect_status 0 "$TIDINGS" --refresh
# a1 was read, a2 not; both left the feed ten days ago.
"$PYTHON3" - "$db" <<'PYEOF' || fail "could not set up the cache"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE items SET read = 1 WHERE guid = 'a1'")
db.execute("UPDATE items SET last_seen = last_seen - 10 * 86400 WHERE guid IN ('a1', 'a2')")
db.commit()
PYEOF
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
expect_status 0 "$TIDINGS" --export=json
ids=$("$PYTHON3" -c 'import json, sys; print(" ".join(sorted(json.loads(l)["id"] for l in open(sys.argv[1]))))' "$T/out")
[ "$ids" = "a2 a3 a4" ] || fail "cached after the reader's refresh: $ids"
pass "the reader's refresh applies keep-read-days"
