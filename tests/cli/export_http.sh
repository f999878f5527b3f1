#!/bin/sh
# --export of http:// SOURCEs through the local test server: the same items
# as from the file, gzip and chunked bodies, and failures named with the
# URL (404, an HTML page, a server that is not there).
. "$top_srcdir/tests/lib.sh"

nf="$top_srcdir/data/newsfactor"
mkdir -p "$T/www"
cp "$nf/crm-daily.rss" "$nf/sci-tech-today.atom" "$T/www/"
printf '<html><body>not a feed</body></html>\n' >"$T/www/page.html"
start_server "$T/www"

(cd "$nf" && "$TIDINGS" --export=json crm-daily.rss) >"$T/file.jsonl" || fail "file export"
for path in crm-daily.rss gzip/crm-daily.rss chunked/crm-daily.rss; do
	expect_status 0 "$TIDINGS" --export=json "$BASE/$path"
	sed "s|\"feed_url\": \"$BASE/$path\"|\"feed_url\": \"crm-daily.rss\"|" "$T/out" >"$T/http.jsonl"
	diff -u "$T/file.jsonl" "$T/http.jsonl" || fail "$path: items differ from the file's"
done
pass "http, gzip and chunked give the file's items"

expect_status 1 "$TIDINGS" --export=json "$BASE/status/404"
grep -q "$BASE/status/404: .*404" "$T/err" || fail "404 not named: $(cat "$T/err")"
expect_status 1 "$TIDINGS" --export "$BASE/page.html"
grep -q "page.html: not an RSS or Atom feed" "$T/err" || fail "HTML page: $(cat "$T/err")"
expect_status 1 "$TIDINGS" --export "http://127.0.0.1:1/feed.xml"
grep -q "http://127.0.0.1:1/feed.xml: " "$T/err" || fail "refused: $(cat "$T/err")"
pass "failed URLs exit 1, named"
