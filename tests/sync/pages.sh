#!/bin/sh
# 1 000 items of one feed over many continuation pages: every item
# arrives once, the pages follow the server's continuation to its end.
. "$top_srcdir/tests/sync/sync_lib.sh"

fr_start 1 1000
[ "$(fr_ids "s=user/-/state/com.google/reading-list" | wc -l)" -eq 1000 ] ||
	fail "FreshRSS did not take the 1000 items"
sync_ok
[ "$(db "SELECT count(*) FROM items")" -eq 1000 ] ||
	fail "the cache holds $(db "SELECT count(*) FROM items") items, not 1000"
[ "$(db "SELECT count(DISTINCT server_id) FROM items")" -eq 1000 ] || fail "an item came twice"
pages=$(proxy_count stream/contents)
[ "$pages" -ge 4 ] || fail "only $pages pages"
[ "$(proxy_count '&c=')" -eq $((pages - 1)) ] || fail "the continuation was not followed"
fr_ids "s=user/-/state/com.google/reading-list" | sort >"$T/server"
db "SELECT server_id FROM items" | sort >"$T/cache"
cmp -s "$T/server" "$T/cache" || fail "the cache's ids are not the server's"
pass "1000 items over $pages pages"
