#!/bin/sh
# newsboat's query:, exec: and filter: lines are kept but not run yet: the
# feed list shows each once, dim, as "not supported"; Enter does not open
# it, r does not refresh it, R refreshes only the real feeds (issue 10,
# item 19).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux_lib.sh"
. "$top_srcdir/tests/tui/ui_helpers.sh"

a=$(mkfeed a "Feed Alpha")
cat >"$URLS" <<EOT
$a
"query:Unread:unread = \"yes\""
exec:~/bin/make-feed.sh
filter:~/bin/clean.sh:http://filtered.example/feed.xml
EOT

start_tui 140x24
wait_for "Feeds (1)"
wait_for "query feed Unread: not supported"
wait_for "exec feed exec:~/bin/make-feed.sh: not supported"
wait_for "filter feed filter:~/bin/clean.sh:http://filtered.example/feed.xml: not supported"
[ "$(screen | grep -c "query feed Unread")" -eq 1 ] || fail "the query line is not shown once"
screen | grep "query feed Unread" | grep -q "0/0" && fail "the query line shows counts"
pass "the list shows each unsupported line once, without counts"

keys R
wait_for "Refreshed 1 feed:"
pass "R refreshes only the feed tidings runs"

keys g j j
wait_cursor "query feed Unread"
keys Enter
wait_for "does not run newsboat's query lines"
cursor_on "query feed Unread" || fail "Enter left the feed list"
keys j
wait_cursor "exec feed"
keys r
wait_for "does not run newsboat's exec lines"
pass "Enter and r on an unsupported line say so and do nothing"

keys Q
wait_exit
check_stderr
