#!/bin/sh
# U undoes the mark-all-read just done (the action "undo", bindable and
# listed by ? help); it lasts until another key; with nothing to undo it
# says so (issue 10, item 3).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux_lib.sh"
. "$top_srcdir/tests/tui/ui_helpers.sh"

a=$(mkfeed a "Feed Alpha"); b=$(mkfeed b "Feed Bravo")
printf '%s\n%s\n' "$a" "$b" >"$URLS"
# The action is bindable by its name, beside its default key.
printf 'bind z undo\n' >"$XDG_CONFIG_HOME/tidings/config"

start_tui 80x24
wait_for "Feeds (2)"
keys R
wait_for "Refreshed 2 feeds: 2 new."
keys g Enter
wait_for "All articles - 2 articles"
keys A
wait_for "Mark 2 articles of 2 feeds read? (y/n)"
keys y
wait_for "2 articles marked read. U: undo."
keys U
wait_for "Undone: 2 articles unread again."
pass "U undoes A"
keys A y
wait_for "2 articles marked read. U: undo."
keys z
wait_for "Undone: 2 articles unread again."
pass "bind z undo"
keys U
wait_for "Nothing to undo."
keys A y
wait_for "2 articles marked read. U: undo."
keys j U
wait_for "Nothing to undo."
pass "the undo lasts until the next other key"

keys ?
wait_for "undo the mark-all-read just done"
screen | grep -q "^U, z  *undo the mark-all-read just done (undo)" || fail "help: $(screen)"
pass "? lists U and the undo action"
keys Q
wait_exit
check_stderr
