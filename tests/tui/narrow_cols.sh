#!/bin/sh
# At 40-60 columns the headline list's columns give way by use: a rating
# column empty on every visible row goes first, then the date; a rating
# that is there stays (issue 10, item 5).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux_lib.sh"
. "$top_srcdir/tests/tui/ui_helpers.sh"

a=$(mkfeed a "Feed Alpha")
sed -i 's#<guid>a-1</guid>#<guid>a-1</guid><pubDate>Tue, 03 Mar 2020 12:00:00 +0000</pubDate>#' "$T/feeds/a.xml"
printf '%s\n' "$a" >"$URLS"

for size in 50x20 42x20; do
	start_tui "$size"
	wait_for "Feeds (1)"
	keys R
	wait_for "Refreshed 1 feed"
	keys G Enter
	wait_for "Feed Alpha news"
	# No rating anywhere: the date takes the room, the title follows it.
	cursor_line | grep -q "^N *2020-03-0[234] *Feed Alpha news" ||
		fail "$size, no ratings: $(cursor_line)"
	# The user's own rating appears and stays, with the date.
	keys 4
	poll "the rating [4]" cursor_on "[4]"
	cursor_line | grep -q "2020-03-0[234] *\[4\] *Feed Alpha news" ||
		fail "$size, rated: $(cursor_line)"
	keys 0 Q
	wait_exit
	check_stderr
done
pass "an empty rating column gives way to the date at 42 and 50 columns"

# Community ratings on the rows: at 42 columns the stars stay and the date
# goes, so the title keeps its room.
printf '%s\n' "file://$SAMPLE/crm-daily.rss" >"$URLS"
start_tui 42x20
wait_for "Feeds (1)"
keys R
wait_for "Refreshed 1 feed"
keys G Enter
wait_for "articles"
screen | grep -q "112" || fail "no community rating column: $(screen)"
screen | grep -q "[0-9]\{4\}-[0-9][0-9]-[0-9][0-9]" && fail "the date stays at 42 columns with ratings: $(screen)"
keys Q
wait_exit
check_stderr
pass "a community rating column stays, the date gives way"
