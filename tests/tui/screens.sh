#!/bin/sh
# Whole screens at 80x24, compared byte for byte with tests/tui/expect/
# (tmux's regress suite does the same): the welcome screen, the feed list,
# the headline list with community ratings, the pager and the help screen.
# Everything on them is fixed: the bundled NewsFactor sample (dated 2014),
# TZ=UTC, C.UTF-8, a fresh cache refreshed before the reader starts (so no
# refresh message), and the version in the title bar masked.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux_lib.sh"

version=$("$TIDINGS" --version | sed -n '1s/^tidings //p')
TM_MASK="1s/^tidings $version\\b/tidings VERSION/"
export TZ=UTC

start_tui 80x24 TZ=UTC
expect_screen welcome "load the bundled NewsFactor sample"
keys q
wait_exit
check_stderr
pass "the welcome screen"

subscribe_sample
expect_status 0 "$TIDINGS" --refresh
start_tui 80x24 TZ=UTC
expect_screen feeds "Sci-Tech Today"
pass "the feed list"

keys j Enter
expect_screen headlines "34 European Banks"
pass "the headline list with ratings"

keys Enter
expect_screen pager "them."
pass "the pager"

keys q q '?'
expect_screen help "Help: the keys in force"
pass "the help screen"

keys q
wait_for "Feeds (2)"
keys Q
wait_exit
check_stderr
