#!/bin/sh
# The help screen (?) says what each key does where it acts differently,
# whole at 80 columns: u on the feed list hides the feeds at 0 unread too
# (issue 10, item 9), only q quits the feed list (item 6), n and N move
# between feeds, A marks the selected feed read.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux_lib.sh"
. "$top_srcdir/tests/tui/ui_helpers.sh"

a=$(mkfeed a "Feed Alpha")
printf '%s\n' "$a" >"$URLS"

# row TEXT: the screen has a line that is exactly TEXT.
row() { screen | grep -q -x -F -- "$1"; }
wait_row() { poll "the row: $1" row "$1"; }

start_tui 80x24
wait_for "Feeds (1)"
keys '?'
wait_for "Help: the keys in force"
wait_row "q, h, Esc, Left          back (feed list: only q quits) (back)"
wait_row "n                        next unread article or feed (next-unread)"
wait_row "A                        mark the (selected) feed read (mark-all-read)"
keys G
wait_row "u                        hide read articles and feeds / all (toggle-unread-only)"
screen | grep -q "…" && fail "a help row is cut at 80 columns"
pass "the help rows say what u, Esc, n and A do on the feed list, whole"
keys q
wait_for "Feeds (1)"
keys Q
wait_exit
check_stderr
