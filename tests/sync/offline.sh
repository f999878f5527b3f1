#!/bin/sh
# Local first: with the server down the reader's changes queue in the
# cache (pending rows), --sync fails with one clear line and exit 1 and
# loses nothing; with the server back one --sync sends them in the order
# made, and nothing is sent twice.
. "$top_srcdir/tests/sync/sync_lib.sh"

fr_start 2 4
sync_ok
set -- $(db "SELECT i.server_id FROM items i JOIN feeds f ON f.id = i.feed_id
	WHERE f.url = '$BASE/feed1.xml' ORDER BY i.server_id")
A=$1 B=$2 C=$3 D=$4
set -- $(db "SELECT i.server_id FROM items i JOIN feeds f ON f.id = i.feed_id
	WHERE f.url = '$BASE/feed2.xml' ORDER BY i.server_id")
F1=$1 F2=$2 F3=$3 F4=$4
feed2=$(db "SELECT id FROM feeds WHERE url = '$BASE/feed2.xml'")

proxy_stop	# the server is gone
"$SYNC_TOOL" "$DB" read "$(row "$A")"
"$SYNC_TOOL" "$DB" star "$(row "$B")"
"$SYNC_TOOL" "$DB" rate "$(row "$C")" 5
"$SYNC_TOOL" "$DB" read "$(row "$D")"
"$SYNC_TOOL" "$DB" unread "$(row "$D")"	# read, then unread again: unread
"$SYNC_TOOL" "$DB" markall "$feed2"
"$SYNC_TOOL" "$DB" unread "$(row "$F2")"	# after the mark-all: stays unread
[ "$("$SYNC_TOOL" "$DB" pending | wc -l)" -eq 7 ] || fail "the 7 changes were not all queued"
"$TIDINGS" --export=json >"$T/export" || fail "--export does not work offline"
[ "$(wc -l <"$T/export")" -eq 8 ] || fail "the cache does not show everything offline"

snapshot before
sync_fails "cannot connect|cannot reach"
snapshot after
cmp -s "$T/snap.before" "$T/snap.after" || fail "the failed sync changed the cache"
pass "offline: 7 changes queued, --sync fails in one line, nothing lost"

proxy_start "$PPORT"	# the server is back
sync_ok
[ "$("$SYNC_TOOL" "$DB" pending | wc -l)" -eq 0 ] || fail "changes still wait: $("$SYNC_TOOL" "$DB" pending)"
fr_ids "s=user/-/state/com.google/reading-list&it=user/-/state/com.google/read" | sort >"$T/read"
printf '%s\n' "$A" "$F1" "$F3" "$F4" | sort >"$T/want_read"
cmp -s "$T/read" "$T/want_read" ||
	fail "the server's read items: $(cat "$T/read"), wanted $(cat "$T/want_read")"
[ "$(fr_ids "s=user/-/state/com.google/starred")" = "$B" ] || fail "the star did not arrive"
[ "$(fr_ids "s=user/-/label/tidings-rating-5")" = "$C" ] || fail "the rating did not arrive"
for want in "$A 1" "$D 0" "$F1 1" "$F2 0"; do
	set -- $want
	[ "$(db "SELECT read FROM items WHERE server_id = $1")" = "$2" ] ||
		fail "item $1 is not read=$2 in the cache after the sync"
done
pass "back online: applied in order"

edits=$(proxy_count edit-tag) marks=$(proxy_count mark-all-as-read)
sync_ok
[ "$(proxy_count edit-tag)" -eq "$edits" ] && [ "$(proxy_count mark-all-as-read)" -eq "$marks" ] ||
	fail "a change was sent twice"
pass "nothing sent twice"
