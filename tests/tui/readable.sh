#!/bin/sh
# The readable view: v in the pager fetches the article's page in the
# background (the reader keeps answering), shows its main text without the
# page around it, keeps it in the cache (the next time the article opens
# with it, without a request), and v again goes back to the feed's text.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux_lib.sh"
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy

R="$T/root"
mkdir -p "$R" "$XDG_CONFIG_HOME/tidings"
cp "$top_srcdir/data/newsfactor/fbi-microsoft.html" "$R/story.html"
start_server "$R"
cat >"$R/feed.rss" <<EOF2
<?xml version="1.0"?>
<rss version="2.0"><channel><title>Pages</title><link>$BASE/</link>
<item><title>Microsoft Fought the FBI</title><guid>p1</guid><pubDate>Fri, 23 May 2014 12:00:00 GMT</pubDate>
<link>$BASE/story.html</link>
<description>Government requests are rare (a summary).</description></item>
<item><title>Gone page</title><guid>p2</guid><pubDate>Thu, 22 May 2014 12:00:00 GMT</pubDate><link>$BASE/status/404</link>
<description>x</description></item>
</channel></rss>
EOF2
echo "file://$R/feed.rss" >"$XDG_CONFIG_HOME/tidings/urls"

start_tui 100x30
wait_for "Feeds (1)"
keys R
wait_for "Refreshed 1 feed"
keys g j Enter
wait_for "Pages - 2 articles"
keys Enter
wait_for "Government requests are rare (a summary)."
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
