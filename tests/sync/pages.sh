#!/bin/sh
# 1 000 items of one feed: their ids over continuation pages of
# SYNC_NEW_IDS_PAGE, their contents over batches of SYNC_CONTENTS_BATCH;
# every item arrives once, the pages follow the server's continuation to
# its end.
. "$top_srcdir/tests/sync/sync_lib.sh"

fr_start 1 1000
[ "$(fr_ids "s=user/-/state/com.google/reading-list" | wc -l)" -eq 1000 ] ||
	fail "FreshRSS did not take the 1000 items"
sync_ok
[ "$(db "SELECT count(*) FROM items")" -eq 1000 ] ||
	fail "the cache holds $(db "SELECT count(*) FROM items") items, not 1000"
[ "$(db "SELECT count(DISTINCT server_id) FROM items")" -eq 1000 ] || fail "an item came twice"
pages=$(new_id_pages)
[ "$pages" -ge $(( 1000 / $(sync_const SYNC_NEW_IDS_PAGE) )) ] && [ "$pages" -ge 2 ] ||
	fail "only $pages pages of ids"
[ "$(grep 'items/ids' "$T/proxy.log" | grep -v 'xt=' | grep -c '&c=')" -eq $((pages - 1)) ] ||
	fail "the continuation was not followed"
batch=$(sync_const SYNC_CONTENTS_BATCH)
batches=$(proxy_count items/contents)
[ "$batches" -eq $(( (1000 + batch - 1) / batch )) ] ||
	fail "$batches requests for the contents, not one per $batch items"
fr_ids "s=user/-/state/com.google/reading-list" | sort >"$T/server"
db "SELECT server_id FROM items" | sort >"$T/cache"
cmp -s "$T/server" "$T/cache" || fail "the cache's ids are not the server's"
pass "1000 items: ids over $pages pages, contents in $batches batches"

# nothing new: "ot" has whole seconds, so the mark's second (here all 1000
# items, crawled at once) is listed again; its first page, all known and
# none after the mark, ends the listing
p0=$(new_id_pages)
sync_ok
[ "$(( $(new_id_pages) - p0 ))" -eq 1 ] ||
	fail "a sync with nothing new asked for $(( $(new_id_pages) - p0 )) pages of ids"
[ "$(proxy_count items/contents)" -eq "$batches" ] || fail "contents were asked for again"
pass "nothing new: one page of ids"
