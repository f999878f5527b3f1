#!/bin/sh
# Starred (issue 14): * stars the selected headline or the article shown
# and again unstars it; a starred headline has a * mark; a "Starred" row
# after "All articles" (while any article is starred) lists the starred
# articles of every feed, obeys the tag filter, and all of it is kept in
# the cache across a restart. A there marks nothing.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux_lib.sh"
. "$top_srcdir/tests/tui/ui_helpers.sh"

a=$(mkfeed a "Feed Alpha"); b=$(mkfeed b "Feed Bravo"); c=$(mkfeed c "Feed Charlie")
printf '%s one\n%s\n%s\n' "$a" "$b" "$c" >"$URLS"

# starred_row: the "Starred" row of the feed list.
starred_row_has() { screen | grep -F "Starred" | grep -F -q -- "$1"; }

start_tui 80x24
wait_for "Feeds (3)"
keys R
wait_for "Refreshed 3 feeds"
wait_for "Feed Charlie"
shows "Starred" && fail "a Starred row with nothing starred"

# * on a headline: the mark, and the row in the feed list.
keys g j Enter
wait_for "Feed Alpha - 1 article"
keys '*'
wait_for "Starred."
wait_for "N* "
screen | grep -q "^N\* .*Feed Alpha news" || fail "no star mark on the headline"
pass "* stars the headline; the row shows the mark"
keys q
wait_for "Feeds (3)"
poll "Starred at 1/1" starred_row_has " 1/1 "
pass "the Starred row appears after All articles"
[ "$(screen | grep -n -F -e "All articles" -e "Starred" | cut -d: -f1 | tr '\n' ' ')" = "2 3 " ] ||
	fail "Starred is not the row after All articles"

# * in the pager; the article is read once shown.
keys j
wait_cursor "Feed Bravo"
keys Enter
wait_for "Feed Bravo - 1 article"
keys Enter
wait_for "Title:  Feed Bravo news"
keys '*'
wait_for "Starred."
wait_for "Yours:  not rated (1-5 rates), starred"
pass "* stars the article shown; the header says so"
keys q q
wait_for "Feeds (3)"
poll "Starred at 1/2" starred_row_has " 1/2 "
keys Q
wait_exit

# Across a restart: the row, its list, the marks.
start_tui 80x24
wait_for "Feeds (3)"
poll "Starred at 1/2 after a restart" starred_row_has " 1/2 "
keys g j
wait_cursor "Starred"
keys Enter
wait_for "Starred - 2 articles"
shows "Feed Alpha news" || fail "Alpha's starred article is missing"
shows "Feed Bravo news" || fail "Bravo's starred article is missing"
shows "Feed Charlie news" && fail "Starred lists an article not starred"
pass "Starred lists the starred articles of every feed, after a restart"

keys A
wait_for "Not in Starred"
keys q
wait_for "Feeds (3)"
poll "Starred still at 1/2 after A" starred_row_has " 1/2 "

# The tag filter holds here too: only Alpha is tagged one.
keys T
wait_for "Show feeds tagged"
type_text one
keys Enter
wait_for "Feeds tagged one (1)"
poll "Starred at 1/1 under the filter" starred_row_has " 1/1 "
keys g j Enter
wait_for "Starred (tagged one) - 1 article"
shows "Feed Bravo news" && fail "Starred lists Bravo (not tagged one)"
pass "Starred obeys the tag filter"
keys q Escape
wait_for "Feeds (3)"

# * again unstars; the list follows.
keys g j Enter
wait_for "Starred - 2 articles"
keys '*'
wait_for "Star removed."
wait_for "Starred - 1 article"
keys q
wait_for "Feeds (3)"
poll "Starred at 1/1 after unstarring" starred_row_has " 1/1 "
pass "* again unstars"
keys Q
wait_exit
check_stderr
