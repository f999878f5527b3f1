#!/bin/sh
# With sync on the server's list is the feed list: subscribing (a),
# unsubscribing (d) and renaming or moving (t) happen on the server, and
# the cache shows the result after the same sync; a feed the server
# cannot fetch is one clear error.
. "$top_srcdir/tests/sync/sync_lib.sh"

fr_start 3 2
cp "$T/feeds/feed1.xml" "$T/feeds/extra.xml"
sed -i 's/Feed 1/Extra/g; s/f1-i/extra-i/g; s|example.org/f1/|example.org/extra/|g' "$T/feeds/extra.xml"
sync_ok
subs() { fr_get "/reader/api/0/subscription/list?output=json"; }

"$SYNC_TOOL" "$DB" subscribe "$BASE/extra.xml" "My Extra" "Later" 2>"$T/err" ||
	fail "subscribe: $(cat "$T/err")"
subs | grep -q "\"url\":\"$(echo "$BASE" | sed 's|/|\\\\/|g')\\\\/extra.xml\"" ||
	subs | grep -q "extra.xml" || fail "not on the server's list: $(subs)"
subs | grep -q '"title":"My Extra"' || fail "the title was not set"
subs | grep -q '"label":"Later"' || fail "the folder was not set"
[ "$(db "SELECT count(*) FROM items i JOIN feeds f ON f.id = i.feed_id
	WHERE f.url = '$BASE/extra.xml'")" -eq 2 ] || fail "its items are not in the cache"
[ "$(db "SELECT server_folders FROM feeds WHERE url = '$BASE/extra.xml'")" = '["Later"]' ] ||
	fail "its folder is not in the cache"
pass "a: subscribed on the server, in the cache at once"

"$SYNC_TOOL" "$DB" rename "$BASE/feed2.xml" "Renamed" "Moved" "Folder B" 2>"$T/err" ||
	fail "rename: $(cat "$T/err")"
subs | grep -q '"title":"Renamed"' || fail "the server did not rename"
[ "$(db "SELECT title || ' ' || server_folders FROM feeds WHERE url = '$BASE/feed2.xml'")" = \
	'Renamed ["Moved"]' ] || fail "the cache: $(db "SELECT title, server_folders FROM feeds WHERE url = '$BASE/feed2.xml'")"
pass "t: renamed and moved"

"$SYNC_TOOL" "$DB" unsubscribe "$BASE/feed3.xml" 2>"$T/err" || fail "unsubscribe: $(cat "$T/err")"
! subs | grep -q "feed3.xml" || fail "still on the server's list"
[ "$(db "SELECT count(*) FROM feeds WHERE url = '$BASE/feed3.xml'")" -eq 0 ] ||
	fail "still in the cache"
pass "d: unsubscribed"

"$SYNC_TOOL" "$DB" subscribe "$BASE/missing.xml" 2>"$T/err" && fail "a missing feed was subscribed"
grep -q "could not subscribe" "$T/err" || fail "unclear error: $(cat "$T/err")"
pass "a feed the server cannot fetch: '$(cat "$T/err")'"
