#!/bin/sh
# Refresh in the background: while a slow feed is fetched the status line
# says "Refreshing N/M…" and keys still answer at once; a failed feed is
# marked E and E says why. Adding a site's page finds its feed (named in
# the page, or at a common path such as /rss.xml). A feed that moved
# permanently is renamed only when the reader says yes.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux_lib.sh"

R="$T/root"
mkdir -p "$R/site" "$R/plain" "$XDG_CONFIG_HOME/tidings"
cp "$top_srcdir/data/newsfactor/crm-daily.rss" "$top_srcdir/data/newsfactor/sci-tech-today.atom" "$R/"
cp "$top_srcdir/data/newsfactor/sci-tech-today.atom" "$R/rss.xml"
cat >"$R/site/index.html" <<'HTML'
<!DOCTYPE html><html><head><title>A site</title>
<link rel="alternate" type="application/rss+xml" title="News" href="/crm-daily.rss">
</head><body>hello</body></html>
HTML
printf '<html><head><title>plain</title></head><body>no links</body></html>\n' >"$R/plain/index.html"
start_server "$R"
cat >"$XDG_CONFIG_HOME/tidings/urls" <<EOF2
$BASE/crm-daily.rss
$BASE/etag/sci-tech-today.atom?delay=3000
$BASE/status/404
EOF2

start_tui 80x24
wait_for "Feeds (3)"
keys R
wait_for "Refreshing 2/3"
# The reader answers while the slow feed is still on its way.
keys '?'
wait_for "Help: the keys in force"
screen | grep -q "Refreshing 2/3" || fail "the refresh did not go on under the help"
keys q
wait_for "Feeds (3)"
pass "keys answer during a refresh; progress on the status line"

wait_for "Refreshed 3 feeds: 9 new, 1 failed"
line 5 | grep -q "^E .*$BASE/status/404" || fail "error mark: $(line 5)"
keys G E
wait_for "HTTP 404"
pass "a failed feed is marked; E says why"

keys a
type_text "$BASE/site/index.html"
keys Enter
wait_for "Already subscribed to $BASE/crm-daily.rss"
pass "discovery finds the feed a page names (here a duplicate)"

keys a
type_text "$BASE/plain/index.html"
keys Enter
wait_for "Added Sci-Tech Today: 4 articles."
tail -1 "$XDG_CONFIG_HOME/tidings/urls" | grep -qx "$BASE/rss.xml" || fail "urls: $(cat "$XDG_CONFIG_HOME/tidings/urls")"
pass "discovery tries common paths when the page names none"

keys a
type_text "$BASE/status/500"
keys Enter
wait_for "Cannot add $BASE/status/500: HTTP 500"
keys Q
wait_exit
check_stderr
pass "a failed add says why"

# Permanent redirects: the reader is asked; n keeps, y renames.
cp "$R/crm-daily.rss" "$R/moved-a.rss"
cp "$R/sci-tech-today.atom" "$R/moved-b.atom"
cat >"$XDG_CONFIG_HOME/tidings/urls" <<EOF2
$BASE/redirect/301?to=$BASE/moved-a.rss
$BASE/redirect/308?to=$BASE/moved-b.atom
EOF2
rm -f "$T/tui.err"
start_tui 200x24
wait_for "Feeds (2)"
keys R
wait_for "moved permanently to $BASE/moved-"
first=$(screen | grep -o "moved permanently to $BASE/moved-[ab]" | sed 's/.*moved-//')
keys n
wait_for "moved permanently to $BASE/moved-"
keys y
wait_for "Subscription updated."
if [ "$first" = a ]; then keep=301; moved=moved-b.atom; else keep=308; moved=moved-a.rss; fi
grep -qx "$BASE/redirect/$keep?to=.*" "$XDG_CONFIG_HOME/tidings/urls" || fail "n renamed: $(cat "$XDG_CONFIG_HOME/tidings/urls")"
grep -qx "$BASE/$moved" "$XDG_CONFIG_HOME/tidings/urls" || fail "y did not rename: $(cat "$XDG_CONFIG_HOME/tidings/urls")"
wait_for "4/4"
wait_for "5/5"
keys Q
wait_exit
check_stderr
pass "a permanent redirect renames the subscription only after yes"
