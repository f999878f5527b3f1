#!/bin/sh
# The screen stays live during a cold refresh of 500 feeds from a local
# server (issue #15): while transfers keep finishing, one fetch step
# reports for FETCH_STEP_MS at most, so keys are answered before the
# refresh ends, not after it. Each key's answer is polled for; the bound
# is "answered while the refresh still runs", never a time. Each feed is
# answered after DELAY_MS, so with FETCH_MAX_PER_HOST (4) connections the
# refresh lasts at least 500 * 40 / 4 ms = 5 s however fast the machine
# parses (a fast refresh ended between two rounds of keys on a loaded
# machine), while 100 articles a feed keep it busy throughout.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux_lib.sh"

NFEEDS=500
R="$T/root"
mkdir -p "$R" "$XDG_CONFIG_HOME/tidings"
make_feeds "$R" $NFEEDS 100 news
start_server "$R"
DELAY_MS=40
feed_urls "$BASE/etag" $NFEEDS "?delay=$DELAY_MS" >"$XDG_CONFIG_HOME/tidings/urls"

# answered_mid_refresh WHAT: the refresh has not finished yet
answered_mid_refresh() {
	shows "Refreshed $NFEEDS feeds" && fail "$1 answered only after the refresh"
	n=$(sql "SELECT count(*) FROM feeds WHERE status <> 0")
	[ "$n" -lt $NFEEDS ] || fail "$1 answered only after the refresh ($n feeds done)"
}

start_tui 80x24
wait_for "Feeds ($NFEEDS)"
keys R
wait_for "Refreshing"
for round in 1 2; do
	keys '?'
	wait_for "Help: the keys in force"
	answered_mid_refresh "help ($round)"
	keys q
	wait_gone "Help: the keys in force"
done
wait_for "Refreshed $NFEEDS feeds"
pass "keys answered twice during a cold refresh of $NFEEDS feeds"
