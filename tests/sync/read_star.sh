#!/bin/sh
# Read and starred both ways, mark-all-read, and the reader's own ratings
# carried to a second cache through item labels, against a real FreshRSS.
. "$top_srcdir/tests/sync/sync_lib.sh"

fr_start 3 4
sync_ok
ids=$(db "SELECT server_id FROM items ORDER BY server_id")
set -- $ids
A=$1 B=$2 C=$3 D=$4 E=$5

# server -> tidings
fr_post /reader/api/0/edit-tag -d "i=$A" -d a=user/-/state/com.google/read >/dev/null ||
	fail "edit-tag on FreshRSS failed"
fr_post /reader/api/0/edit-tag -d "i=$B" -d a=user/-/state/com.google/starred >/dev/null
sync_ok
[ "$(db "SELECT read FROM items WHERE server_id = $A")" = 1 ] || fail "read on the server is not read here"
[ "$(db "SELECT starred FROM items WHERE server_id = $B")" = 1 ] || fail "starred on the server is not starred here"
[ "$(db "SELECT count(*) FROM items WHERE read = 1 OR starred = 1")" -eq 2 ] ||
	fail "other items changed too"
pass "read and starred on the server show here"

fr_post /reader/api/0/edit-tag -d "i=$A" -d r=user/-/state/com.google/read >/dev/null
fr_post /reader/api/0/edit-tag -d "i=$B" -d r=user/-/state/com.google/starred >/dev/null
sync_ok
[ "$(db "SELECT read || starred FROM items WHERE server_id IN ($A, $B)")" = "$(printf '00\n00')" ] ||
	fail "unread/unstarred on the server did not come back"
pass "and their undoing"

# tidings -> server, queued by the store as the TUI queues them
"$SYNC_TOOL" "$DB" read "$(row "$C")" || fail "sync_tool read"
"$SYNC_TOOL" "$DB" star "$(row "$D")" || fail "sync_tool star"
[ "$("$SYNC_TOOL" "$DB" pending | wc -l)" -eq 2 ] || fail "the changes were not queued"
sync_ok
[ "$("$SYNC_TOOL" "$DB" pending | wc -l)" -eq 0 ] || fail "confirmed changes still wait"
fr_ids "s=user/-/state/com.google/reading-list&it=user/-/state/com.google/read" >"$T/read"
[ "$(cat "$T/read")" = "$C" ] || fail "the server's read items are '$(cat "$T/read")', not $C"
fr_ids "s=user/-/state/com.google/starred" >"$T/starred"
[ "$(cat "$T/starred")" = "$D" ] || fail "the server's starred items are '$(cat "$T/starred")', not $D"
[ "$(db "SELECT read FROM items WHERE server_id = $C")" = 1 ] || fail "the local read was undone"
pass "read and starred here reach the server"

# (a change made here while a sync runs wins over the server's state
# until it is sent: tests/unit/test_sync.c, test_store_queue)

# ratings travel as labels: a second cache of the same account sees them
"$SYNC_TOOL" "$DB" rate "$(row "$E")" 4 || fail "sync_tool rate"
sync_ok
fr_ids "s=user/-/label/tidings-rating-4" >"$T/rated"
[ "$(cat "$T/rated")" = "$E" ] || fail "the rating label is not on the server: '$(cat "$T/rated")'"
XDG_DATA_HOME="$T/data2" "$TIDINGS" --sync 2>"$T/err2" || fail "second cache: $(cat "$T/err2")"
[ "$(DBFILE="$T/data2/tidings/cache.db" db "SELECT user_rating FROM items WHERE server_id = $E")" = 4 ] ||
	fail "the rating did not reach the second cache"
"$SYNC_TOOL" "$DB" rate "$(row "$E")" 2
sync_ok
[ -z "$(fr_ids "s=user/-/label/tidings-rating-4")" ] || fail "the old rating label stayed"
[ "$(fr_ids "s=user/-/label/tidings-rating-2")" = "$E" ] || fail "the new rating label is missing"
# the item is cached there already: the change shows with the label
# lists, taken with the subscription list (at most every 10 minutes)
DB2="$T/data2/tidings/cache.db"
XDG_DATA_HOME="$T/data2" "$TIDINGS" --sync 2>"$T/err2" || fail "second cache: $(cat "$T/err2")"
[ "$(DBFILE=$DB2 db "SELECT user_rating FROM items WHERE server_id = $E")" = 4 ] ||
	fail "the second cache took the rating before its lists were due"
DBFILE=$DB2 db "UPDATE sync_state SET value = value - 100000 WHERE key = 'subscriptions_at'"
XDG_DATA_HOME="$T/data2" "$TIDINGS" --sync 2>"$T/err2" || fail "second cache: $(cat "$T/err2")"
[ "$(DBFILE=$DB2 db "SELECT user_rating FROM items WHERE server_id = $E")" = 2 ] ||
	fail "the changed rating did not reach the second cache"
"$SYNC_TOOL" "$DB" rate "$(row "$E")" 0
sync_ok
[ -z "$(fr_ids "s=user/-/label/tidings-rating-2")" ] || fail "a cleared rating kept its label"
DBFILE=$DB2 db "UPDATE sync_state SET value = value - 100000 WHERE key = 'subscriptions_at'"
XDG_DATA_HOME="$T/data2" "$TIDINGS" --sync 2>"$T/err2" || fail "second cache: $(cat "$T/err2")"
[ -z "$(DBFILE=$DB2 db "SELECT user_rating FROM items WHERE server_id = $E")" ] ||
	fail "the cleared rating did not reach the second cache"
pass "own ratings reach a second cache: set, changed and cleared"

# mark-all-read of one feed, with the newest crawl time seen
feed=$(db "SELECT id FROM feeds WHERE url = '$BASE/feed2.xml'")
sid=$(db "SELECT server_id FROM feeds WHERE id = $feed")
"$SYNC_TOOL" "$DB" markall "$feed" || fail "sync_tool markall"
sync_ok
n=$(fr_get "/reader/api/0/unread-count?output=json" | "$PYTHON3" -c '
import json, sys
d = json.load(sys.stdin)
print(sum(u["count"] for u in d["unreadcounts"] if u["id"] == sys.argv[1]))' "$sid")
[ "$n" -eq 0 ] || fail "feed2 still has $n unread items on the server"
[ "$(proxy_count mark-all-as-read)" -eq 1 ] || fail "mark-all-as-read was not sent once"
pass "mark-all-read reaches the server"
