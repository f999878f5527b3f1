#!/bin/sh
# Read state and ratings set in the reader survive a restart and a kill -9:
# each key writes through to the cache at once.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux_lib.sh"

subscribe_sample

start_tui 80x24
wait_for "Feeds (2)"
keys R
wait_for "Refreshed 2 feeds: 9 new."
wait_for "9/9"
# CRM Daily: rate the 1st article 3, mark the 2nd read.
keys g j Enter
wait_for "CRM Daily - 5 articles"
keys 3
wait_for "Rated 3 of 5."
keys j m
wait_for "  2014-05-22"
keys q
wait_for "4/5 ★★★☆☆ CRM Daily"
keys q
wait_exit
[ "$TUI_STATUS" -eq 0 ] || fail "exit status $TUI_STATUS"
check_stderr

start_tui 80x24
wait_for "4/5 ★★★☆☆ CRM Daily"
wait_for "8/9"
keys g j Enter
wait_for "CRM Daily - 5 articles"
line 2 | grep -q "^N .*\[3\] Microsoft Fought" || fail "rating lost: $(line 2)"
line 3 | grep -q "^  .*Backlash" || fail "read state lost: $(line 3)"
pass "read state and ratings survive a restart"

# Now change more and kill -9 the reader without letting it quit.
keys 5
wait_for "Rated 5 of 5."
keys j j m
wait_for "  2014-05-21"
keys q
wait_for "3/5 ★★★★★ CRM Daily"
pid=$(tm display -p '#{pane_pid}')
# the pane runs sh -c '...tidings...': kill tidings itself
tpid=$(pgrep -P "$pid" 2>/dev/null | head -1)
[ -n "$tpid" ] || tpid=$pid
kill -9 "$tpid"
poll "tidings to die of kill -9" not kill -0 "$tpid" 2>/dev/null
tm kill-server 2>/dev/null || true
rm -f "$T/tui.err"

start_tui 80x24
wait_for "3/5 ★★★★★ CRM Daily"
keys g j Enter
wait_for "CRM Daily - 5 articles"
line 2 | grep -q "\[5\] Microsoft Fought" || fail "rating lost after kill -9: $(line 2)"
line 4 | grep -q "^  .*Amazon Intros" || fail "read state lost after kill -9: $(line 4)"
command -v sqlite3 >/dev/null 2>&1 &&
	[ "$(sqlite3 "$XDG_DATA_HOME/tidings/cache.db" 'PRAGMA integrity_check')" = ok ] ||
	{ command -v sqlite3 >/dev/null 2>&1 && fail "integrity_check"; }
keys Q
wait_exit
check_stderr
pass "read state and ratings survive kill -9"
