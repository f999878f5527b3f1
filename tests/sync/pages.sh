#!/bin/sh
# 1 000 items of one feed: their ids in one list (a continuation, when
# the server gives one, is followed: tests/unit/test_sync.c), their
# contents over many batches of SYNC_CONTENTS_BATCH; every item arrives
# once.
. "$top_srcdir/tests/sync/sync_lib.sh"

fr_start 1 1000
[ "$(fr_ids "s=user/-/state/com.google/reading-list" | wc -l)" -eq 1000 ] ||
	fail "FreshRSS did not take the 1000 items"
sync_ok
[ "$(db "SELECT count(*) FROM items")" -eq 1000 ] ||
	fail "the cache holds $(db "SELECT count(*) FROM items") items, not 1000"
[ "$(db "SELECT count(DISTINCT server_id) FROM items")" -eq 1000 ] || fail "an item came twice"
pages=$(new_id_pages)
[ "$pages" -ge 1 ] || fail "the ids were not asked for"
batch=$(sync_const SYNC_CONTENTS_BATCH)
batches=$(proxy_count items/contents)
[ "$batches" -eq $(( (1000 + batch - 1) / batch )) ] ||
	fail "$batches requests for the contents, not one per $batch items"
fr_ids "s=user/-/state/com.google/reading-list" | sort >"$T/server"
db "SELECT server_id FROM items" | sort >"$T/cache"
cmp -s "$T/server" "$T/cache" || fail "the cache's ids are not the server's"
pass "1000 items: ids over $pages pages, contents in $batches batches"
