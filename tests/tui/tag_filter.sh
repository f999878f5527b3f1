#!/bin/sh
# The tag filter (T) holds for every list and count (issue 10, item 8):
# "All articles" counts, opens and marks read only the feeds the filter
# shows, and E there names only their failures; the prompt lists the tags
# there are (Tab completes and cycles, Shift-Tab goes back), the old value
# is selected so typing replaces it, and Enter on an empty line clears it.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux_lib.sh"
. "$top_srcdir/tests/tui/ui_helpers.sh"

a=$(mkfeed a "Feed Alpha"); b=$(mkfeed b "Feed Bravo"); c=$(mkfeed c "Feed Charlie")
printf '%s work\n%s work "Fun Stuff"\n%s "Fun Stuff"\nfile://%s/missing.xml work\nfile://%s/gone.xml "Fun Stuff" zebra\n' \
	"$a" "$b" "$c" "$T" "$T" >"$URLS"

# all_row: the "All articles" row of the feed list.
all_row() { screen | grep -F "All articles"; }
all_row_has() { all_row | grep -F -q -- "$1"; }

start_tui 100x24
wait_for "Feeds (5)"
keys R
wait_for "failed"
wait_for "Feed Charlie"
poll "All articles at 3/3" all_row_has " 3/3 "

# T: the tags there are are offered; Tab takes the first.
keys T
wait_for 'Show feeds tagged (Tab: tags, empty: all):'
wait_for 'Tab: "Fun Stuff" work zebra'
keys Tab
wait_for 'Show feeds tagged (Tab: tags, empty: all): Fun Stuff'
keys Tab
wait_for 'Show feeds tagged (Tab: tags, empty: all): work'
keys Tab
wait_for 'Show feeds tagged (Tab: tags, empty: all): zebra'
keys Tab
wait_for 'Show feeds tagged (Tab: tags, empty: all): Fun Stuff'
keys BTab
wait_for 'Show feeds tagged (Tab: tags, empty: all): zebra'
keys BTab
wait_for 'Show feeds tagged (Tab: tags, empty: all): work'
pass "the prompt offers the tags; Tab cycles through them, Shift-Tab back"
keys C-u
type_text "z"
keys Tab
wait_for 'Show feeds tagged (Tab: tags, empty: all): zebra'
keys Tab
wait_for 'Show feeds tagged (Tab: tags, empty: all): zebra'
keys C-u
type_text "wo"
keys Tab
wait_for 'Show feeds tagged (Tab: tags, empty: all): work'
pass "Tab completes what was typed to the tags it starts"
keys Enter
wait_for "Feeds tagged work (3)"
shows "Feed Charlie" && fail "Charlie (not tagged work) is shown"
poll "All articles at 2/2 under the filter" all_row_has " 2/2 "
pass "All articles counts only the feeds tagged work"

keys g Enter
wait_for "All articles (tagged work) - 2 articles"
shows "Feed Charlie news" && fail "All articles lists Charlie's article"
shows "Feed Alpha news" || fail "Alpha's article is missing"
shows "Feed Bravo news" || fail "Bravo's article is missing"
pass "All articles opens only the feeds tagged work"

keys /
wait_for "Search"
type_text "news"
keys Enter
wait_for "Search: news (tagged work) - 2 articles"
shows "Feed Charlie news" && fail "a search lists Charlie's article"
pass "a search keeps to the tag filter"
keys Escape
wait_for "Feeds tagged work"
keys g
wait_cursor "All articles"

keys E
wait_for "1 feed failed"
shows "missing.xml" || fail "E does not name the failed feed tagged work"
shows "gone.xml" && fail "E names a failed feed not tagged work"
pass "E on All articles names the failures of the feeds tagged work only"
keys q
wait_for "Feeds tagged work"

# A on All articles marks the two feeds tagged work, not Charlie.
keys A
wait_for "Mark 2 articles of 2 feeds read? (y/n)"
keys y
wait_for "2 articles marked read"
poll "All articles at 0/2" all_row_has " 0/2 "

# T again: the old value is selected; typing replaces it.
keys T
wait_for 'Show feeds tagged (Tab: tags, empty: all): work'
type_text "Fun Stuff"
keys Enter
wait_for "Feeds tagged Fun Stuff (3)"
poll "All articles at 1/2 (Charlie unread)" all_row_has " 1/2 "
pass "typing replaces the old tag; A marked only the feeds tagged work"

# The quoted form the list shows is taken too.
keys T
wait_for 'Show feeds tagged (Tab: tags, empty: all): Fun Stuff'
type_text '"Fun Stuff"'
keys Enter
wait_for "Feeds tagged Fun Stuff (3)"

# Enter on an empty line clears the filter.
keys T
wait_for 'Show feeds tagged (Tab: tags, empty: all): Fun Stuff'
keys BSpace Enter
wait_for "Feeds (5)"
poll "All articles at 1/3" all_row_has " 1/3 "
pass "Enter on an empty line clears the filter"

keys Q
wait_exit
check_stderr
