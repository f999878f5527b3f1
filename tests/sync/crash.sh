#!/bin/sh
# kill -9 in the middle of --sync at 10 random points (a change of the
# reader's waiting each time): the next sync converges (every item of the
# server once, every change sent, the same starred set on both sides) and
# the cache passes SQLite's integrity_check.
. "$top_srcdir/tests/sync/sync_lib.sh"

fr_start 4 250
ids=$(fr_ids "s=user/-/state/com.google/reading-list" | wc -l)
[ "$ids" -eq 1000 ] || fail "FreshRSS holds $ids items, not 1000"
sync_ok
db "DELETE FROM items WHERE id % 3 = 0"	# as if the first sync had stopped early
db "DELETE FROM sync_state WHERE key = 'since_usec'"

i=0
while [ $i -lt 10 ]; do
	i=$((i + 1))
	"$SYNC_TOOL" "$DB" star "$(db "SELECT id FROM items ORDER BY random() LIMIT 1")"
	"$TIDINGS" --sync >/dev/null 2>&1 &
	pid=$!
	# a random point: 0 to ~0.6 s into the sync
	sleep "0.$(awk -v s="$i$$" 'BEGIN { srand(s); printf "%03d", int(rand() * 600) }')"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
done
pass "10 syncs killed"

sync_ok
[ "$(db "PRAGMA integrity_check")" = ok ] || fail "integrity_check: $(db "PRAGMA integrity_check")"
[ "$(db "SELECT count(*) FROM items")" -eq 1000 ] ||
	fail "the cache holds $(db "SELECT count(*) FROM items") items, not 1000"
[ "$("$SYNC_TOOL" "$DB" pending | wc -l)" -eq 0 ] || fail "changes still wait"
fr_ids "s=user/-/state/com.google/starred" | sort >"$T/server"
db "SELECT server_id FROM items WHERE starred = 1" | sort >"$T/cache"
[ -s "$T/cache" ] && cmp -s "$T/server" "$T/cache" || fail "the starred sets differ"
pass "the next sync converges; integrity_check ok"
