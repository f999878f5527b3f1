# Benchmark: sync with a real FreshRSS serving 200 feeds of 50 items
# (10 000 items): the first sync's wall time and peak memory, then a sync
# with nothing new (requests and time). Targets: first sync < 5 s and
# < 24 MiB peak RSS, no-change sync <= 3 requests (after the login token
# check) and < 0.2 s. Run by `make bench` (build without sanitizers);
# skips without php or ../shared. Exits 1 when tidings fails or misses a
# target. NFEEDS/NITEMS change the size.
PYTHON3=${PYTHON3:-python3}
. "$top_srcdir/tests/sync/sync_lib.sh"
[ -x /usr/bin/time ] || skip "no /usr/bin/time"

NFEEDS=${NFEEDS:-200} NITEMS=${NITEMS:-50}
FIRST_MAX=5.0 NOCHANGE_MAX=0.2 RSS_MAX_KB=24576 REQ_MAX=3

t0=$(date +%s)
fr_start "$NFEEDS" "$NITEMS"
echo "FreshRSS up with $NFEEDS feeds in $(( $(date +%s) - t0 )) s"
total=$(fr_ids "s=user/-/state/com.google/reading-list" | wc -l)
# straight to FreshRSS: the proxy would be measured too
write_config "$FR_API_PASSWORD" "$API"

measure() {
	name=$1; shift
	/usr/bin/time -f '%e %U %S %M' -o "$T/time" "$@" >"$T/$name.out" 2>"$T/$name.err"
	rc=$?
	read -r SECS user sys KB <"$T/time"
	return $rc
}

measure first "$TIDINGS" --sync || fail "first sync failed: $(cat "$T/first.err")"
first_s=$SECS first_kb=$KB
items=$(db "SELECT count(*) FROM items")
r0=$(fr_requests)
measure again "$TIDINGS" --sync || fail "no-change sync failed: $(cat "$T/again.err")"
again_s=$SECS again_kb=$KB
again_req=$(( $(fr_requests) - r0 ))

echo "server: $total items; cache after the first sync: $items items"
echo "first sync:     ${first_s} s wall, peak RSS $((first_kb / 1024)) MiB (targets < $FIRST_MAX s, < $((RSS_MAX_KB / 1024)) MiB)"
echo "no-change sync: ${again_s} s wall, $again_req requests, peak RSS $((again_kb / 1024)) MiB (targets < $NOCHANGE_MAX s, <= $REQ_MAX requests)"
ok=0
[ "$items" -eq "$total" ] || { echo "MISS: not every item synced"; ok=1; }
awk -v a="$first_s" -v m="$FIRST_MAX" 'BEGIN { exit !(a < m) }' || { echo "MISS: first sync time"; ok=1; }
[ "$first_kb" -lt "$RSS_MAX_KB" ] || { echo "MISS: first sync memory"; ok=1; }
awk -v a="$again_s" -v m="$NOCHANGE_MAX" 'BEGIN { exit !(a < m) }' || { echo "MISS: no-change sync time"; ok=1; }
[ "$again_req" -le "$REQ_MAX" ] || { echo "MISS: no-change sync requests"; ok=1; }
exit $ok
