#!/bin/sh
# a on a page lists every feed it names (issue 11: one discovery): the
# first not yet subscribed preselected, the subscribed one marked, Enter
# subscribes it with the tags typed after the URL; q adds nothing; a
# permanent redirect subscribes its target and says so.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux_lib.sh"
. "$top_srcdir/tests/tui/ui_helpers.sh"

start_server "$T"
mkfeed old "Old Feed" >/dev/null; mkfeed new "New Feed" >/dev/null
mkfeed moved "Moved Feed" >/dev/null; mkfeed other "Other Feed" >/dev/null
cat >"$T/page.html" <<'EOT'
<!DOCTYPE html><html><head><title>A site</title>
<link rel="alternate" type="application/rss+xml" title="Old" href="feeds/old.xml">
<link rel="alternate" type="application/atom+xml" title="New" href="/feeds/new.xml">
</head><body><p>Hello</p></body></html>
EOT
sed 's#/feeds/new.xml#/feeds/other.xml#' "$T/page.html" >"$T/page2.html"
echo "$BASE/feeds/old.xml" >"$URLS"

start_tui 100x24
wait_for "Feeds (1)"
keys a
wait_for "Add feed (URL):"
type_text "$BASE/page.html news \"two words\""
keys Enter
wait_for "Feeds named by $BASE/page.html (2)"
screen | grep -q "^subscribed *Old Feed" || fail "old feed not marked: $(screen)"
screen | grep -q "New Feed  $BASE/feeds/new.xml (1 article)" || fail "new feed not listed"
line 3 | grep -q "New Feed" || fail "second row: $(line 3)"
# The preselected row is the one not subscribed: Enter adds it.
keys Enter
wait_for "Added New Feed: 1 article."
wait_for "Feeds (2)"
grep -qxF "$BASE/feeds/new.xml news \"two words\"" "$URLS" ||
	{ cat "$URLS" >&2; fail "new feed not saved with its tags"; }
pass "a on a page: pick list, subscribed one marked, next preselected, tags kept"

# Every feed of the page subscribed: nothing to pick.
keys a
wait_for "Add feed (URL):"
type_text "$BASE/page.html"
keys Enter
wait_for "Already subscribed to $BASE/feeds/old.xml"
pass "a page whose feeds are all subscribed says so"

# q on the pick list adds nothing.
keys a
wait_for "Add feed (URL):"
type_text "$BASE/page2.html"
keys Enter
wait_for "Feeds named by"
keys q
wait_for "Nothing added."
wait_for "Feeds (2)"
[ "$(wc -l <"$URLS")" -eq 2 ] || fail "q added something"
pass "q on the pick list adds nothing"

# A permanent redirect: the target is subscribed, and the reader says so.
keys a
wait_for "Add feed (URL):"
type_text "$BASE/redirect/301?to=$BASE/feeds/moved.xml"
keys Enter
wait_for "Moved permanently: added Moved Feed at its new address $BASE/feeds/moved.xml"
grep -qxF "$BASE/feeds/moved.xml" "$URLS" || { cat "$URLS" >&2; fail "target not subscribed"; }
grep -q redirect "$URLS" && fail "the old URL was subscribed"
pass "a permanent redirect subscribes its target"

keys Q
wait_exit
check_stderr
