#!/bin/sh
# The readable view: v in the pager fetches the article's page in the
# background (the reader keeps answering), shows its main text without the
# page around it, keeps it in the cache (the next time the article opens
# with it, without a request), and v again goes back to the feed's text.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux_lib.sh"

pages_server readable.rss
pages_open 2
keys v
wait_for "The article from its web page."
wait_for "Shown:  the article from its web page"
wait_for "Documents released this week show that Microsoft was ready"
screen | grep -q "(a summary)" && fail "still the summary"
keys G
wait_for "Article 100%"
pass "v shows the article from its web page"

keys v
wait_for "Government requests are rare (a summary)."
keys q Enter
wait_for "Documents released this week"
[ "$(grep -c 'GET /story.html' "$T/server.log")" -eq 1 ] || fail "the page was fetched again: $(grep GET "$T/server.log")"
pass "the readable text is kept in the cache"

keys q j Enter v
wait_for "Cannot fetch the page: HTTP 404"
keys Q
wait_exit
check_stderr
pass "a page that cannot be fetched says why"
