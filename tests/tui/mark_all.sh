#!/bin/sh
# A (mark all read) on the feed list marks the selected feed; in "All
# articles" it asks y/n when it touches more than one feed; A right after
# A undoes it (issue 10, item 3).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux_lib.sh"
. "$top_srcdir/tests/tui/ui_helpers.sh"

a=$(mkfeed a "Feed Alpha"); b=$(mkfeed b "Feed Bravo")
# Feed Alpha gets a second article.
sed -i 's#</channel>#<item><title>Alpha two</title><guid>a-2</guid></item></channel>#' "$T/feeds/a.xml"
printf '%s\n%s\n' "$a" "$b" >"$URLS"

start_tui 80x24
wait_for "Feeds (2)"
keys R
wait_for "Refreshed 2 feeds: 3 new."
keys g j A
wait_for "2 articles marked read. U: undo."
wait_for "0/2       Feed Alpha"
screen | grep -q "1/1       Feed Bravo" || fail "Bravo touched: $(screen)"
keys A
wait_for "Undone: 2 articles unread again."
wait_for "2/2       Feed Alpha"
pass "A on the feed list marks the selected feed; A again undoes"

# All articles: two feeds, so it asks; n keeps everything.
keys g Enter
wait_for "All articles - 3 articles"
keys A
wait_for "Mark 3 articles of 2 feeds read? (y/n)"
keys n
wait_for "Nothing marked."
keys A
wait_for "Mark 3 articles of 2 feeds read? (y/n)"
keys y
wait_for "3 articles marked read. U: undo."
keys A
wait_for "Undone: 3 articles unread again."
keys q
wait_for "3/3       All articles"
pass "A in All articles asks first; y marks, A undoes"

# Another key in between: A is a new mark, not an undo.
keys G A
wait_for "1 article marked read. U: undo."
keys k j A
wait_for "0 articles marked read."
wait_for "0/1       Feed Bravo"
pass "the undo lasts until the next other key"
keys Q
wait_exit
check_stderr
