#!/bin/sh
# A config file with many bad lines: at start every "FILE:LINE: message"
# is on a screen of its own that scrolls, the ones past conf's cap counted
# on a last line; q goes on to the feed list (issue 10, item 11).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux_lib.sh"
. "$top_srcdir/tests/tui/ui_helpers.sh"

cfg="$XDG_CONFIG_HOME/tidings/config"
# 7 bad lines first (the case), then 40 more: more than the 24
# rows and more than conf keeps (CONF_MAX_ERRORS, 32).
n=47
i=1
while [ "$i" -le "$n" ]; do echo "bogus$i 1"; i=$((i + 1)); done >"$cfg"
a=$(mkfeed a "Feed Alpha")
echo "$a" >"$URLS"

start_tui 100x24
wait_for "Configuration: $n errors"
wait_for "$cfg:1: unknown setting 'bogus1'"
wait_for "$cfg:7: unknown setting 'bogus7'"
shows "more errors)" && fail "the first screen already shows the end"
pass "the errors screen lists the errors one a line"

keys G
wait_for "(and 15 more errors)"
wait_for "$cfg:32: unknown setting 'bogus32'"
shows "$cfg:1: " && fail "G did not scroll"
pass "the errors screen scrolls to the errors past the first screen"

keys q
wait_for "Feeds (1)"
wait_for "feeds/a.xml"
pass "q goes on to the feed list"
keys Q
wait_exit
check_stderr
