#!/bin/sh
# On the top screen (feed list, welcome) only q quits: Esc, Left and h do
# nothing there, so Esc on an error message cannot end the reader; Q quits
# from anywhere (issue 10, item 6). The reader is shown alive by the next
# key's screen, not by waiting.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux_lib.sh"
. "$top_srcdir/tests/tui/ui_helpers.sh"

# The welcome screen first.
start_tui 80x24
wait_for "Welcome to tidings."
keys Escape Left h '?'
wait_for "Help: the keys in force"
keys q
wait_for "Welcome to tidings."
keys q
wait_exit
[ "$TUI_STATUS" -eq 0 ] || fail "exit status $TUI_STATUS"
pass "welcome: Esc, Left, h stay; q quits"

mkfeed a "Feed Alpha" >"$URLS"
start_tui 80x24
wait_for "Feeds (1)"
# A message on the status line, dismissed with Esc: the reader stays.
keys E
wait_for "No feed failed"
keys Escape
wait_gone "No feed failed"
keys Left h '?'
wait_for "Help: the keys in force"
keys q
wait_for "Feeds (1)"
pass "feed list: Esc, Left, h do nothing"

# Q from the article quits at once.
keys R
wait_for "Refreshed 1 feed"
keys j Enter
wait_for "Feed Alpha - 1 article"
keys Enter
wait_for "Title:  Feed Alpha news"
keys Q
wait_exit
[ "$TUI_STATUS" -eq 0 ] || fail "exit status $TUI_STATUS"
pass "Q quits from the article"

start_tui 80x24
wait_for "Feeds (1)"
keys q
wait_exit
check_stderr
pass "q quits the feed list"
