#!/bin/sh
# First run, offline: the bundled sample ships the page of its first CRM
# Daily article, and `v` on that article shows its readable text from that
# copy (no network: the article's own host does not resolve here), with
# its links resolved against the article's real URL.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux_lib.sh"

start_tui 100x30
wait_for "load the bundled NewsFactor sample"
keys Enter
wait_for "Refreshed 2 feeds: 9 new."
keys j Enter
wait_for "Microsoft Fought the FBI"
keys Enter
wait_for "Link:   http://www.crm-daily.com/story.xhtml?story_id=0200016HZ8MW"
keys v
wait_for "The article from its web page."
# A sentence of the story that the feed's summary does not carry.
last=$(grep -v '^$' "$top_srcdir/data/newsfactor/expected.txt" | tail -1 | cut -c1-40)
keys G
wait_for "$last"
shows "Cannot fetch" && fail "the page was fetched from the network"
# The page is cached: the article opens in its readable form again.
keys q Enter
wait_for "Microsoft Fought the FBI"
keys Q
wait_exit
check_stderr
[ -n "$(sql "SELECT readable FROM items WHERE link LIKE '%0200016HZ8MW' AND readable IS NOT NULL")" ] ||
	fail "the readable text was not cached"
pass "v on the sample's first article works offline"
