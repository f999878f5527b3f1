#!/bin/sh
# The first sync of 30 feeds in 3 folders against a real FreshRSS: the
# cache holds the server's feeds (keyed by their own URLs, folders kept),
# every item of the reading list once, the urls file is not touched; a
# second sync with nothing new asks little and changes nothing.
. "$top_srcdir/tests/sync/sync_lib.sh"

fr_start 30 3

sync_ok
[ ! -e "$XDG_CONFIG_HOME/tidings/urls" ] || fail "the urls file was written"

server_feeds=$(fr_get "/reader/api/0/subscription/list?output=json" |
	"$PYTHON3" -c 'import json,sys; print(len(json.load(sys.stdin)["subscriptions"]))')
[ "$server_feeds" -eq 30 ] || fail "FreshRSS lists $server_feeds feeds, not 30"
[ "$(db "SELECT count(*) FROM feeds WHERE server_id IS NOT NULL")" -eq 30 ] ||
	fail "the cache has $(db "SELECT count(*) FROM feeds") feeds, not 30"
[ "$(db "SELECT count(*) FROM feeds WHERE url = '$BASE/feed7.xml'")" -eq 1 ] ||
	fail "feeds are not keyed by their own URL"
[ "$(db "SELECT count(DISTINCT server_folders) FROM feeds")" -eq 3 ] ||
	fail "not 3 folders: $(db "SELECT DISTINCT server_folders FROM feeds")"
[ "$(db "SELECT count(*) FROM feeds WHERE server_folders = '[\"Folder B\"]'")" -eq 10 ] ||
	fail "Folder B does not hold 10 feeds"
pass "30 feeds in 3 folders"

fr_ids "s=user/-/state/com.google/reading-list" | sort >"$T/server_ids"
[ "$(wc -l <"$T/server_ids")" -eq 90 ] || fail "FreshRSS holds $(wc -l <"$T/server_ids") items, not 90"
db "SELECT server_id FROM items" | sort >"$T/cache_ids"
cmp -s "$T/server_ids" "$T/cache_ids" || fail "the cache's items are not the server's"
[ "$(db "SELECT count(*) FROM items i JOIN feeds f ON f.id = i.feed_id
	WHERE f.url = '$BASE/feed12.xml' AND i.title LIKE 'Feed 12 item %'")" -eq 3 ] ||
	fail "feed12's items are not under feed12"
"$TIDINGS" --export=json >"$T/export" || fail "--export failed"
[ "$(wc -l <"$T/export")" -eq 90 ] || fail "--export shows $(wc -l <"$T/export") items"
grep -q '"title": "Feed 3 item 2"' "$T/export" || fail "an item's title is missing"
pass "90 items, each under its feed"

# nothing new: the kept token, no login; no item stored again
snapshot before
before=$(grep -c '^REQ' "$T/proxy.log")
sync_ok
after=$(grep -c '^REQ' "$T/proxy.log")
snapshot after
cmp -s "$T/snap.before" "$T/snap.after" || fail "a sync with nothing new changed the cache"
[ $((after - before)) -le 3 ] || fail "a sync with nothing new made $((after - before)) requests"
[ "$(proxy_count ClientLogin)" -eq 1 ] || fail "logged in again instead of keeping the token"
pass "no-change sync: $((after - before)) requests, nothing changed"

# a new item on the server comes in incrementally
sed -i 's|<item>|<item><title>Fresh one</title><link>http://example.org/fresh</link><guid>fresh-1</guid><description>new</description></item><item>|' "$T/feeds/feed5.xml"
fr_refresh
sync_ok
[ "$(db "SELECT count(*) FROM items WHERE title = 'Fresh one'")" -eq 1 ] ||
	fail "the new item did not come"
[ "$(db "SELECT count(*) FROM items")" -eq 91 ] || fail "items were stored twice"
grep -q 'items/ids?output=json&n=[0-9]*&s=[^&]*reading-list&ot=' "$T/proxy.log" || fail "the later sync was not incremental"
pass "a new item comes in incrementally"
