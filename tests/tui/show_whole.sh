#!/bin/sh
# E reads a text whole: on "All articles" every feed whose last refresh
# failed, with its reason (not "did not fail"); on a failed feed its whole
# error; elsewhere the last status message, which the status line cuts
# with "…" (issue 10, item 10).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux_lib.sh"
. "$top_srcdir/tests/tui/ui_helpers.sh"

a=$(mkfeed a "Feed Alpha")
printf '%s\n%s\n%s\n' "$a" "file://$T/feeds/gone-one.xml" \
	"file://$T/feeds/gone-two.xml" >"$URLS"

start_tui 100x24
wait_for "Feeds (3)"
keys R
wait_for "2 failed"
keys g E
wait_for "2 feeds failed"
screen | grep -q "gone-one.xml: ..*" || fail "gone-one not listed: $(screen)"
screen | grep -q "gone-two.xml: ..*" || fail "gone-two not listed: $(screen)"
shows "did not fail" && fail "All articles did not fail: $(screen)"
pass "E on All articles lists every failed feed with its reason"
keys q
wait_for "Feeds (3)"
keys G E
wait_for "gone-two.xml"
screen | sed -n 2p | grep -q . || fail "no error text: $(screen)"
keys q
wait_for "Feeds (3)"
keys Q
wait_exit
check_stderr

# A status message cut at 30 columns is read whole with E.
start_tui 30x20
wait_for "Feeds (3)"
keys g Enter
wait_for "All articles"
keys A
wait_for "marked read"
screen | tail -1 | grep -q "…$" || fail "the message is not cut: $(screen | tail -1)"
keys E
wait_for "The last message"
screen | tr '\n' ' ' | tr -s ' ' | grep -q "1 article marked read. U: undo\." ||
	fail "the message is not whole: $(screen)"
keys q
wait_for "All articles"
keys Q
wait_exit
check_stderr
pass "E shows a cut status message whole"
