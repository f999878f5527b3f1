#!/bin/sh
# kill -9 in the middle of the first sync's contents: the re-run fetches
# only the missing ones. Then kill -9 in the middle of --sync at 10 random
# points (a change of the reader's waiting each time): the next sync
# converges (every item of the
# server once, every change sent, the same starred set on both sides) and
# the cache passes SQLite's integrity_check.
. "$top_srcdir/tests/sync/sync_lib.sh"

fr_start 4 250
ids=$(fr_ids "s=user/-/state/com.google/reading-list" | wc -l)
[ "$ids" -eq 1000 ] || fail "FreshRSS holds $ids items, not 1000"

# a first sync killed between two batches of contents (the proxy stalls
# the next request once some are saved): the re-run asks only for the
# contents of the items still missing
batch=$(sync_const SYNC_CONTENTS_BATCH)
"$TIDINGS" --sync >/dev/null 2>&1 &
pid=$!
i=0
while [ "$(db "SELECT count(*) FROM items" 2>/dev/null || echo 0)" -eq 0 ]; do
	i=$((i + 1)); [ $i -lt 1000 ] || fail "no batch was saved"
	kill -0 "$pid" 2>/dev/null || fail "the first sync ended before a batch was seen"
	sleep 0.01
done
proxy_mode stall
saved_wait=0
while ! grep -q ' stall$' "$T/proxy.log" && kill -0 "$pid" 2>/dev/null; do
	saved_wait=$((saved_wait + 1)); [ $saved_wait -lt 1000 ] || fail "the sync did not reach the stall"
	sleep 0.01
done
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
proxy_mode pass
saved=$(db "SELECT count(*) FROM items")
[ "$saved" -gt 0 ] && [ "$saved" -lt 1000 ] ||
	fail "the kill did not fall between batches ($saved items saved)"
c0=$(proxy_count items/contents)
sync_ok
asked=$(( $(proxy_count items/contents) - c0 ))
[ "$asked" -eq $(( (1000 - saved + batch - 1) / batch )) ] ||
	fail "the re-run made $asked contents requests for $((1000 - saved)) missing items"
[ "$(db "SELECT count(*) FROM items")" -eq 1000 ] || fail "the re-run did not complete the cache"
pass "killed with $saved items saved: the re-run fetched the other $((1000 - saved)) in $asked requests"

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
