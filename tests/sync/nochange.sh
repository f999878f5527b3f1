#!/bin/sh
# A sync with nothing new costs at most 3 requests (FreshRSS's own log
# counts them): the ids since the mark, the unread and the starred sets;
# no login (the kept token), no subscription list, no contents. The list
# is taken again only when it can have changed: once
# SYNC_SUBSCRIPTIONS_EVERY has passed (the sync state's subscriptions_at,
# rewound here) a rename and an unsubscription made on the server show;
# an item of a feed the cache does not know brings the list at once.
. "$top_srcdir/tests/sync/sync_lib.sh"

fr_start 3 2
sync_ok
[ "$(proxy_count subscription/list)" -eq 1 ] || fail "the first sync did not take the list"

r0=$(fr_requests)
c0=$(proxy_count items/contents)
snapshot before
sync_ok
reqs=$(( $(fr_requests) - r0 ))
snapshot after
[ "$reqs" -le 3 ] || fail "a sync with nothing new made $reqs requests: $(tail -n "$reqs" "$T/proxy.log" | tr '\n' ' ')"
cmp -s "$T/snap.before" "$T/snap.after" || fail "a sync with nothing new changed the cache"
[ "$(proxy_count subscription/list)" -eq 1 ] || fail "the list was taken again"
[ "$(proxy_count items/contents)" -eq "$c0" ] || fail "contents were fetched with nothing new"
pass "no-change sync: $reqs requests"

# another client renames feed2 and unsubscribes feed3
sid2=$(db "SELECT server_id FROM feeds WHERE url = '$BASE/feed2.xml'")
sid3=$(db "SELECT server_id FROM feeds WHERE url = '$BASE/feed3.xml'")
fr_post /reader/api/0/subscription/edit -d ac=edit -d "s=$sid2" -d t=Renamed >/dev/null ||
	fail "FreshRSS did not rename"
fr_post /reader/api/0/subscription/edit -d ac=unsubscribe -d "s=$sid3" >/dev/null ||
	fail "FreshRSS did not unsubscribe"
fr_get "/reader/api/0/subscription/list?output=json" | grep -q '"title":"Renamed"' ||
	fail "the rename is not on the server"
sync_ok
[ "$(proxy_count subscription/list)" -eq 1 ] || fail "the list was taken before it was due"

every=$(sync_const SYNC_SUBSCRIPTIONS_EVERY)
[ "$every" -gt 0 ] || fail "no SYNC_SUBSCRIPTIONS_EVERY in include/sync.h"
db "UPDATE sync_state SET value = value - $every WHERE key = 'subscriptions_at'"
r0=$(fr_requests)
sync_ok
[ "$(proxy_count subscription/list)" -eq 2 ] || fail "the list was not taken once due"
[ "$(db "SELECT title FROM feeds WHERE url = '$BASE/feed2.xml'")" = Renamed ] ||
	fail "the rename did not show: $(db "SELECT title FROM feeds WHERE url = '$BASE/feed2.xml'")"
[ "$(db "SELECT count(*) FROM feeds WHERE url = '$BASE/feed3.xml'")" -eq 0 ] ||
	fail "the unsubscribed feed stayed"
# the list and the label list (no rating label on the server: none listed)
[ "$(( $(fr_requests) - r0 ))" -le 5 ] || fail "the due lists cost more than two requests"
pass "once due ($every s) the list shows a rename and an unsubscription"

# another client subscribes: its items name a stream the cache lacks
cp "$T/feeds/feed1.xml" "$T/feeds/extra.xml"
sed -i 's/Feed 1/Extra/g; s/f1-i/extra-i/g; s|example.org/f1/|example.org/extra/|g' "$T/feeds/extra.xml"
fr_post /reader/api/0/subscription/quickadd --data-urlencode "quickadd=$BASE/extra.xml" |
	grep -q streamId || fail "FreshRSS did not subscribe"
sync_ok
[ "$(proxy_count subscription/list)" -eq 3 ] || fail "an unknown feed's item did not bring the list"
[ "$(db "SELECT count(*) FROM items i JOIN feeds f ON f.id = i.feed_id
	WHERE f.url = '$BASE/extra.xml'")" -eq 2 ] || fail "the new feed's items are not in the cache"
[ "$(db "SELECT count(*) FROM items")" -eq 6 ] ||
	fail "the cache holds $(db "SELECT count(*) FROM items") items, not 6"
pass "a new feed's items bring the list at once"
