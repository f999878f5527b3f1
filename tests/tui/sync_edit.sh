#!/bin/sh
# The reader's subscription edits with sync on (issue 14), against a real
# FreshRSS (tests/sync/sync_lib.sh): the feed list shows a synced feed's
# server folders as its tags and T filters on them; a subscribes on the
# server (discovery first), d unsubscribes and t renames and moves between
# folders there; the urls file is never touched.
. "$top_srcdir/tests/sync/sync_lib.sh"
. "$top_srcdir/tests/tui/tmux_lib.sh"

fr_start 3 2	# Feed 1 in Folder A, Feed 2 in Folder B, Feed 3 in Folder C
# a feed FreshRSS does not have yet, and a page naming it and Feed 1
sed 's/Feed 1/Extra/g; s/f1-i/extra-i/g; s|example.org/f1/|example.org/extra/|g' \
	"$T/feeds/feed1.xml" >"$T/feeds/extra.xml"
cat >"$T/feeds/page.html" <<'EOT'
<!DOCTYPE html><html><head><title>A site</title>
<link rel="alternate" type="application/rss+xml" title="One" href="feed1.xml">
<link rel="alternate" type="application/rss+xml" title="Extra" href="extra.xml">
</head><body><p>Hello</p></body></html>
EOT
URLS="$XDG_CONFIG_HOME/tidings/urls"
printf '# the urls file: sync must leave it alone\n' >"$URLS"
cp "$URLS" "$T/urls.before"
# subs: the server's subscription list, as JSON
subs() { fr_get "/reader/api/0/subscription/list?output=json"; }
feed_row() { screen | grep -F -- "$1"; }
row_has() { feed_row "$1" | grep -F -q -- "$2"; }

start_tui 100x30
wait_for "Feeds (0)"
keys R
wait_for "Synced 3 feeds"
poll "Feed 1 tagged Folder A" row_has "Feed 1" '("Folder A")'
poll "Feed 3 tagged Folder C" row_has "Feed 3" '("Folder C")'
pass "the server's folders are the feeds' tags"

keys T
wait_for 'Tab: "Folder A" "Folder B" "Folder C"'
type_text "Folder B"
keys Enter
wait_for "Feeds tagged Folder B (1)"
shows "Feed 1" && fail "Feed 1 (Folder A) is shown under Folder B"
shows "Feed 2" || fail "Feed 2 (Folder B) is missing"
keys T C-u Enter
wait_for "Feeds (3)"
pass "T filters on the server's folders"

# a: discovery as without sync (the page's pick list, the subscribed feed
# marked), then the subscription is the server's, the first tag its folder.
keys a
wait_for "Add feed (URL):"
type_text "$BASE/page.html Later"
keys Enter
wait_for "Feeds named by $BASE/page.html (2)"
screen | grep -q "^subscribed *Feed 1" || fail "Feed 1 not marked subscribed"
keys Enter
wait_for "Subscribed to Extra on the server. Synced 4 feeds"
subs | grep -q "extra.xml" || fail "not on the server's list: $(subs)"
subs | grep -q '"label":"Later"' || fail "the folder was not set on the server: $(subs)"
poll "Extra tagged Later" row_has "Extra" '(Later)'
pass "a: discovery, the pick list, then subscribed on the server in its folder"

# t: the title prompt renames, the tags prompt moves between folders.
keys g j j j
wait_cursor "Feed 2"
keys t
wait_for "Title on the server: Feed 2"
keys C-u
type_text "Renamed"
keys Enter
wait_for 'Tags (blank-separated): "Folder B"'
keys C-u
type_text "Moved"
keys Enter
wait_for "Edited Feed 2 on the server. Synced 4 feeds"
subs | grep -q '"title":"Renamed"' || fail "the server did not rename: $(subs)"
subs | grep -q '"label":"Moved"' || fail "the server did not move it: $(subs)"
subs | grep -q '"label":"Folder B"' && fail "still in Folder B on the server: $(subs)"
poll "Renamed tagged Moved" row_has "Renamed" '(Moved)'
pass "t: renamed and moved to another folder on the server"

# t with the title kept and the tags emptied: out of its folder.
keys g j
wait_cursor "Extra"
keys t
wait_for "Title on the server: Extra"
keys Enter
wait_for "Tags (blank-separated): Later"
keys C-u Enter
wait_for "Edited Extra on the server. Synced 4 feeds"
subs | grep -q '"label":"Later"' && fail "still in Later on the server: $(subs)"
poll "Extra out of Later" not row_has "Extra" '(Later)'
pass "t: taken out of its folder on the server"

# d: after the confirmation, unsubscribed on the server.
keys g j j j
wait_cursor "Feed 3"
keys d
wait_for "Delete Feed 3 and its 2 articles? (y/n)"
keys y
wait_for "Unsubscribed from Feed 3 on the server. Synced 3 feeds"
subs | grep -q "feed3.xml" && fail "still on the server's list: $(subs)"
poll "Feed 3 gone from the list" not row_has "Feed 3" "2/2"
pass "d: unsubscribed on the server"

keys Q
wait_exit

# The server unreachable: a fails as a sync does, the reason under E.
proxy_stop
start_tui 100x30
wait_for "Feeds (3)"
keys a
wait_for "Add feed (URL):"
type_text "$BASE/feed3.xml"
keys Enter
wait_for "Sync failed:"
subs | grep -q "feed3.xml" && fail "subscribed with the server unreachable"
keys g E
wait_for "The last sync with the server:"
pass "a with the server unreachable: one status line, the reason under E"
keys q
wait_for "Feeds (3)"
# L would put the sample feeds in the urls file: not with a server.
keys L
wait_for "the feed list is the server's"
keys Q
wait_exit
cmp -s "$URLS" "$T/urls.before" || fail "the urls file changed: $(cat "$URLS")"
pass "the urls file is left alone"
check_stderr
