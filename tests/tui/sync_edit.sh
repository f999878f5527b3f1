#!/bin/sh
# The reader's subscription edits with sync on (issue 14), against a real
# FreshRSS (tests/sync/sync_lib.sh): the feed list shows a synced feed's
# server folders as its tags and T filters on them; a subscribes on the
# server (discovery first), d unsubscribes and t renames and moves between
# folders there; the urls file is never touched.
. "$top_srcdir/tests/sync/sync_lib.sh"
. "$top_srcdir/tests/tui/tmux_lib.sh"

fr_start 3 2	# Feed 1 in Folder A, Feed 2 in Folder B, Feed 3 in Folder C
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
