#!/bin/sh
# A broken server (500, an HTML page, truncated JSON, a 10 MB body, a
# stall) and a wrong password: --sync fails within the timeouts with one
# clear line and exit 1, and the cache (feeds, items, queued changes) is
# left as it was.
. "$top_srcdir/tests/sync/sync_lib.sh"

fr_start 2 3
sync_ok
"$SYNC_TOOL" "$DB" star "$(db "SELECT min(id) FROM items")"	# one change waits
proxy_mode 500
sync_fails "HTTP 500"
[ "$("$SYNC_TOOL" "$DB" pending | wc -l)" -eq 1 ] || fail "the waiting change was lost"
proxy_mode pass
sync_ok
[ "$("$SYNC_TOOL" "$DB" pending | wc -l)" -eq 0 ] || fail "the waiting change was not sent"
pass "a change waits through a failed sync and goes with the next"

# each fault: the expected words of the message
for fault in "500:HTTP 500" "html:HTML page" "truncated:truncated JSON" \
	"big:too large" "stall:timed out|too slow"; do
	mode=${fault%%:*} words=${fault#*:}
	proxy_mode "$mode"
	snapshot before
	start=$(date +%s)
	sync_fails "$words"
	took=$(( $(date +%s) - start ))
	snapshot after
	proxy_mode pass
	cmp -s "$T/snap.before" "$T/snap.after" || fail "$mode: the cache changed"
	[ "$took" -le $((TIDINGS_TIMEOUT_MS / 1000 + 5)) ] || fail "$mode: took $took s"
	pass "$mode: '$(cat "$T/err")' in $took s, the cache intact"
done

# a wrong password: the kept token is refused (as after a password
# change), the new login too
write_config wrong-password

snapshot before
db "DELETE FROM sync_state WHERE key = 'auth'"
sync_fails "wrong user or password"
snapshot after
cmp -s "$T/snap.before" "$T/snap.after" || fail "a wrong password changed the cache"
[ "$(grep -c . "$T/err")" -eq 1 ] || fail "more than one line"
pass "wrong password: '$(cat "$T/err")'"

write_config "$FR_API_PASSWORD"
sync_ok
pass "the right password again: the sync works"
