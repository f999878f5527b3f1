#!/bin/sh
# n at the end of a feed, and Space at the end of its last unread article,
# go on to the next feed with unread articles (newsboat's goto-next-feed);
# goto-next-feed no in the config stops at the feed's end (issue 10, item 7).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux_lib.sh"
. "$top_srcdir/tests/tui/ui_helpers.sh"

three_feeds_read_in
# Feed Bravo has nothing unread: n skips it.
keys g j j Enter
wait_for "Feed Bravo - 1 article"
keys m q
wait_for "0/1       Feed Bravo"
keys g j Enter
wait_for "Feed Alpha - 1 article"
keys Enter
wait_for "Title:  Feed Alpha news"
keys n
wait_for "Title:  Feed Charlie news"
pass "n in the article goes on to the next feed with unread articles"

keys q q
wait_for "Feeds (3)"
# Charlie unread again; from Alpha's list (nothing unread) n opens it.
keys G Enter
wait_for "Feed Charlie - 1 article"
keys m q
wait_for "1/1       Feed Charlie"
keys g j Enter
wait_for "Feed Alpha - 1 article"
keys n
wait_for "Feed Charlie - 1 article"
pass "n in the headline list goes on to the next feed"

keys Q
wait_exit
check_stderr

echo "goto-next-feed no" >"$XDG_CONFIG_HOME/tidings/config"
printf '%s\n' "$a" "$b" >"$URLS"
rm -rf "$XDG_DATA_HOME/tidings"	# every article unread again
start_tui 80x24
wait_for "Feeds (2)"
keys R
wait_for "Refreshed 2 feeds: 2 new."
keys g j Enter
wait_for "Feed Alpha - 1 article"
keys n
wait_for "No more unread articles."
pass "goto-next-feed no stops at the feed's end"
keys Q
wait_exit
check_stderr
