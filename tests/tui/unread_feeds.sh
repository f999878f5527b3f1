#!/bin/sh
# u on the feed list hides the feeds at 0 unread, the cursor going to the
# nearest feed still shown (the next one below, else the one above); u
# again shows them all (issue 10, item 9).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux_lib.sh"
. "$top_srcdir/tests/tui/ui_helpers.sh"

three_feeds_read_in
wait_for "Feed Charlie"

# Bravo read; u hides it and the cursor goes to Charlie below it.
keys g j j
wait_cursor "Feed Bravo"
keys A
wait_for "marked read"
wait_cursor "0/1"
keys u
wait_gone "Feed Bravo"
wait_cursor "Feed Charlie"
wait_for "Feeds (2)"
shows "Feed Alpha" || fail "u hid a feed with unread articles"
pass "u hides a read feed; the cursor moves to the next one shown"

keys u
wait_for "Feed Bravo"
wait_for "Feeds (3)"
wait_cursor "Feed Charlie"
pass "u again shows every feed"

# Charlie read too: the nearest shown is Alpha, above.
keys A
wait_for "marked read"
wait_cursor "0/1"
keys u
wait_gone "Feed Charlie"
wait_cursor "Feed Alpha"
shows "Feed Bravo" && fail "Bravo came back"
pass "with none below, the cursor moves to the feed above"

keys Q
wait_exit
check_stderr
