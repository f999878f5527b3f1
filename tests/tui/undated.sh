#!/bin/sh
# An item without a date shows no date, the same way in the headline list
# (a blank date column, not the day it was fetched) and in the article (no
# Date: line, not "unknown"); a dated item shows its date in both (issue
# 10, item 13).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux_lib.sh"
. "$top_srcdir/tests/tui/ui_helpers.sh"

a=$(mkfeed a "Feed Alpha")
# A second, dated article.
sed -i 's#</channel>#<item><title>Dated one</title><guid>a-2</guid><pubDate>Tue, 03 Mar 2020 12:00:00 +0000</pubDate></item></channel>#' "$T/feeds/a.xml"
printf '%s\n' "$a" >"$URLS"
today=$(date +%Y-%m-%d)

start_tui 100x24
wait_for "Feeds (1)"
keys R
wait_for "Refreshed 1 feed"
keys Enter
wait_for "Feed Alpha news"
screen | grep -q "2020-03-0[234] .*Dated one" || fail "no date on the dated item: $(screen)"
screen | grep -q -- "$today" && fail "today's date in the list: $(screen)"
screen | grep "Feed Alpha news" | grep -q "[0-9]\{4\}-[0-9][0-9]-[0-9][0-9]" &&
	fail "a date on the undated item: $(screen)"
pass "the list shows no date for an undated item"

keys g
wait_cursor "Feed Alpha news"
keys Enter
wait_for "Title:  Feed Alpha news"
shows "Date:" && fail "a Date: line for an undated item: $(screen)"
keys q
wait_for "Dated one"
keys G
wait_cursor "Dated one"
keys Enter
wait_for "Title:  Dated one"
wait_for "Date:   "
shows "2020" || fail "the dated item's date: $(screen)"
pass "the article shows no Date: line for an undated item, the date otherwise"
keys Q
wait_exit
check_stderr
