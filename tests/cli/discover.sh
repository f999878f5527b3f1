#!/bin/sh
# Discovery (include/discover.h) from the command line, against the local
# test server: a page naming Atom and RSS (both listed; --export takes the
# first and says which), a permanent redirect on --export, a page naming
# none (the common paths), and a deeply nested page (fast).
. "$top_srcdir/tests/lib.sh"

nf="$top_srcdir/data/newsfactor"
R="$T/root"
mkdir -p "$R/site" "$R/bare"
cp "$nf/crm-daily.rss" "$R/site/news.rss"
cp "$nf/sci-tech-today.atom" "$R/site/news.atom"
cp "$nf/sci-tech-today.atom" "$R/atom.xml"
cat >"$R/site/index.html" <<'HTML'
<!DOCTYPE html>
<html><head><title>A news site</title>
<link rel="alternate" type="application/atom+xml" title="Atom" href="news.atom">
<link rel="alternate" type="application/rss+xml" title="RSS" href="news.rss">
<link rel="alternate" type="application/rss+xml" href="file:///etc/passwd">
</head><body><p>Hello</p></body></html>
HTML
printf '<html><head><title>None</title></head><body>x</body></html>\n' >"$R/bare/page.html"
start_server "$R"

# --export PAGE: the first feed the page names, said on stderr.
expect_status 0 "$TIDINGS" --export=json "$BASE/site/index.html"
grep -q "^tidings: $BASE/site/index.html is a page; exporting the feed it names, $BASE/site/news.atom$" "$T/err" ||
	fail "--export PAGE said: $(cat "$T/err")"
[ "$(wc -l <"$T/out")" -eq 4 ] || fail "--export PAGE: $(wc -l <"$T/out") items, not the Atom feed's 4"
grep -q '"feed_title": "Sci-Tech Today"' "$T/out" || fail "not the Atom feed: $(head -c 300 "$T/out")"
pass "--export of a page exports the feed it names"

# --add PAGE lists both (RSS under the Atom one chosen); a file:// link of
# a web page is never followed.
expect_status 0 "$TIDINGS" --add "$BASE/site/index.html"
grep -q "^added $BASE/site/news.atom \"Sci-Tech Today\" (4 articles)" "$T/out" || fail "--add: $(cat "$T/out" "$T/err")"
grep -q "^  $BASE/site/news.rss (CRM Daily)$" "$T/out" || fail "RSS not listed: $(cat "$T/out")"
! grep -q "passwd" "$T/out" "$T/err" || fail "a file:// link was offered: $(cat "$T/out")"
pass "a page naming Atom and RSS: both listed"

# A page naming none: the common paths of its site (/atom.xml here).
expect_status 0 "$TIDINGS" --export=json "$BASE/bare/page.html"
grep -q "exporting the feed it names, $BASE/atom.xml" "$T/err" || fail "common path: $(cat "$T/err")"
grep -q 'GET /feed 404' "$T/server.log" || fail "/feed was not tried"
pass "a page naming no feed: the common paths"

# A feed behind a permanent redirect exports as the SOURCE given.
expect_status 0 "$TIDINGS" --export=json "$BASE/redirect/301?to=$BASE/site/news.rss"
[ "$(wc -l <"$T/out")" -eq 5 ] || fail "redirected feed: $(cat "$T/err")"
pass "--export follows a permanent redirect"

# A deeply nested page (100 000 <div>s before its head ends) is handled
# at once: discovery parses the head only, with the nesting limit.
{
	printf '<html><head><link rel="alternate" type="application/rss+xml" href="/site/news.rss">'
	i=0; while [ $i -lt 1000 ]; do printf '<div><div><div><div><div><div><div><div><div><div>'; printf '<div><div><div><div><div><div><div><div><div><div>'; printf '<div><div><div><div><div><div><div><div><div><div>'; printf '<div><div><div><div><div><div><div><div><div><div>'; printf '<div><div><div><div><div><div><div><div><div><div>'; printf '<div><div><div><div><div><div><div><div><div><div>'; printf '<div><div><div><div><div><div><div><div><div><div>'; printf '<div><div><div><div><div><div><div><div><div><div>'; printf '<div><div><div><div><div><div><div><div><div><div>'; printf '<div><div><div><div><div><div><div><div><div><div>'; i=$((i + 1)); done
	printf '</head><body>x</body></html>\n'
} >"$R/deep.html"
start=$(date +%s)
expect_status 0 timeout 20 "$TIDINGS" --export=json "$BASE/deep.html"
took=$(($(date +%s) - start))
[ "$took" -le 3 ] || fail "a nested page took $took s"
grep -q "exporting the feed it names, $BASE/site/news.rss" "$T/err" || fail "deep page: $(cat "$T/err")"
pass "a deeply nested page is fast ($took s)"
