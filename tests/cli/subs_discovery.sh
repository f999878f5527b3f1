#!/bin/sh
# --add with a site's page instead of its feed, against the local test
# server: the feeds named by <link rel="alternate"> (the first is added, the
# others listed), else a common path like /rss.xml; HTTP errors refused;
# a feed found twice refused as a duplicate.
. "$top_srcdir/tests/lib.sh"

urls="$XDG_CONFIG_HOME/tidings/urls"
R="$T/root"
mkdir -p "$R/site" "$R/plain"
cp "$top_srcdir/data/newsfactor/crm-daily.rss" "$R/site/news.rss"
cp "$top_srcdir/data/newsfactor/sci-tech-today.atom" "$R/site/news.atom"
cp "$top_srcdir/data/newsfactor/crm-daily.rss" "$R/rss.xml"
cat >"$R/site/index.html" <<'HTML'
<!DOCTYPE html>
<html><head><title>A news site</title>
<link rel="stylesheet" href="/style.css">
<link rel="alternate" type="application/json" href="/wp-json/">
<link rel="alternate" type="application/rss+xml" title="All news" href="news.rss">
<link rel="alternate" type="application/atom+xml" title="All news (Atom)" href="/site/news.atom">
</head><body><p>Hello</p></body></html>
HTML
printf '<html><head><title>No links</title></head><body>x</body></html>\n' >"$R/plain/page.html"
start_server "$R"

expect_status 0 "$TIDINGS" --add "$BASE/site/index.html" news
grep -q "^added $BASE/site/news.rss \"CRM Daily\" (5 articles)" "$T/out" || fail "discovery: $(cat "$T/out" "$T/err")"
grep -q "^  $BASE/site/news.atom (Sci-Tech Today)$" "$T/out" || fail "other feed not listed: $(cat "$T/out")"
[ "$(cat "$urls")" = "$BASE/site/news.rss news" ] || fail "urls: $(cat "$urls")"
pass "--add finds the feed a page names, lists the others"

# The page's first feed is subscribed: the next one is chosen, and the
# first is listed as subscribed already; the tags go with it.
expect_status 0 "$TIDINGS" --add "$BASE/site/index.html" science
grep -q "^added $BASE/site/news.atom \"Sci-Tech Today\" (4 articles)" "$T/out" ||
	fail "next feed not chosen: $(cat "$T/out" "$T/err")"
grep -q "^  $BASE/site/news.rss (CRM Daily): subscribed already$" "$T/out" ||
	fail "subscribed one not marked: $(cat "$T/out")"
grep -qx "$BASE/site/news.atom science" "$urls" || fail "urls: $(cat "$urls")"
pass "a page whose first feed is subscribed adds the next one"

expect_status 1 "$TIDINGS" --add "$BASE/site/index.html"
grep -q "$BASE/site/news.rss is subscribed already (found at $BASE/site/index.html)" "$T/err" ||
	fail "duplicate by discovery: $(cat "$T/err")"
pass "a page whose feeds are all subscribed is refused"

expect_status 0 "$TIDINGS" --add "$BASE/plain/page.html"
grep -q "^added $BASE/rss.xml \"CRM Daily\"" "$T/out" || fail "common path: $(cat "$T/out" "$T/err")"
grep -q 'GET /feed 404' "$T/server.log" || fail "/feed was not tried first"
pass "--add tries common paths when the page names no feed"

for code in 404 500; do
	expect_status 1 "$TIDINGS" --add "$BASE/status/$code"
	grep -q "cannot fetch $BASE/status/$code: .*$code" "$T/err" || fail "HTTP $code: $(cat "$T/err")"
done
expect_status 1 "$TIDINGS" --add "$BASE/to-file"
grep -q "cannot fetch" "$T/err" || fail "redirect to file://: $(cat "$T/err")"
[ "$(wc -l <"$urls")" -eq 3 ] || fail "failed adds changed the file"
pass "--add refuses HTTP errors and a redirect to file://"

# A feed that moved permanently: its new address is subscribed, and the
# move is named.
cp "$R/site/news.atom" "$R/moved.atom"
expect_status 0 "$TIDINGS" --add "$BASE/redirect/301?to=$BASE/moved.atom"
grep -q "^added $BASE/moved.atom \"Sci-Tech Today\"" "$T/out" ||
	fail "301: $(cat "$T/out" "$T/err")"
grep -q "^note: $BASE/redirect/301?to=$BASE/moved.atom moved permanently to $BASE/moved.atom; the new address is subscribed" "$T/out" ||
	fail "301 not named: $(cat "$T/out")"
grep -qx "$BASE/moved.atom" "$urls" || fail "the old address was subscribed: $(cat "$urls")"
pass "--add subscribes a permanent redirect's target and says so"

# The cache has the articles right away, and the first --refresh only
# asks whether they changed.
expect_status 0 "$TIDINGS" --list
grep -q "^$BASE/site/news.rss	CRM Daily	news	5	5	" "$T/out" || fail "--list: $(cat "$T/out")"
pass "the added feed is cached"
