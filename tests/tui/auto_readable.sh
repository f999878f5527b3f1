#!/bin/sh
# auto-readable yes (tidings-config(5)): opening an article whose feed gives
# only a teaser (no content and a short summary, or a text that ends like
# "[...]") fetches its page in the background and shows the readable
# version by itself; an article with its whole text in the feed is shown
# as it is, nothing fetched. Off by default: then only v fetches.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux_lib.sh"

# The feed comes from the server too: a refresh after opening an article
# is a request the server logs after any page fetch the opening started.
pages_server teasers.rss http
requests() { server_requests "GET /story.html$1 "; }

# Off by default: the teaser stays a teaser until v.
pages_open 3
keys q R
wait_requests "GET /teasers.rss " 2
wait_for "Refreshed 1 feed"
[ "$(requests '')" -eq 0 ] || fail "the page was fetched without auto-readable"
keys Q
wait_exit
check_stderr
pass "auto-readable is off by default"

echo "auto-readable yes" >"$XDG_CONFIG_HOME/tidings/config"
start_tui 100x30
wait_for "Feeds (1)"
keys g j Enter
wait_for "Pages - 3 articles"
keys Enter
wait_for "Documents released this week show that Microsoft was ready"
wait_for "Shown:  the article from its web page"
[ "$(requests '')" -eq 1 ] || fail "page requests: $(grep GET "$T/server.log")"
keys v
wait_for "Government requests are rare (a summary)."
pass "a short summary without content: the page is fetched and shown by itself"

keys q j Enter
wait_for "Whole paragraph of the feed text number 0."
# The next article's page is fetched after any fetch this one started.
keys q j Enter
wait_requests "GET /story.html?three "
[ "$(requests '?two')" -eq 0 ] || fail "the page of a whole article was fetched"
pass "an article with its whole text in the feed is left as it is"

wait_for "Shown:  the article from its web page"
wait_for "Documents released this week show that Microsoft was ready"
[ "$(requests '?three')" -eq 1 ] || fail "page requests: $(grep GET "$T/server.log")"
pass "a long summary ending in [...] is a teaser too"

# Once kept, the page opens from the cache: no second request.
keys q k k Enter
wait_for "Documents released this week show that Microsoft was ready"
keys Q
wait_exit
check_stderr
[ "$(requests '')" -eq 1 ] || fail "the kept page was fetched again"
pass "the fetched page is kept in the cache"
