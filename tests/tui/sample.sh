#!/bin/sh
# First run: Enter on the welcome screen subscribes to the bundled
# NewsFactor sample through file:// URLs and refreshes it.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux_lib.sh"

# Without a terminal the reader says so instead of drawing into a pipe.
expect_status 1 "$TIDINGS"
grep -q "the reader needs a terminal" "$T/err" || fail "no terminal: $(cat "$T/err")"

start_tui 80x24
wait_for "load the bundled NewsFactor sample"
keys Enter
wait_for "Refreshed 2 feeds: 9 new."
wait_for "CRM Daily"
wait_for "Sci-Tech Today"
urls="$XDG_CONFIG_HOME/tidings/urls"
grep -q '^file:///.*/newsfactor/crm-daily.rss$' "$urls" || fail "urls: $(cat "$urls")"
grep -q '^file:///.*/newsfactor/sci-tech-today.atom$' "$urls" || fail "urls: $(cat "$urls")"
keys L
wait_for "The sample feeds are subscribed already."
[ "$(wc -l <"$urls")" -eq 2 ] || fail "subscribed twice"
keys g j Enter
wait_for "★★★★½ 112"
keys Q
wait_exit
check_stderr
pass "the sample loads from the first screen"
