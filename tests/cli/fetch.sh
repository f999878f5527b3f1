# fetch against the local test server: every case of tests/unit/test_fetch.c
# (200, 304, gzip, chunked, redirects and loops, 404/500, slow, too large,
# gzip bomb, reset, redirect to file://, file:// URLs), blocking and multi.
. "$top_srcdir/tests/lib.sh"

driver="$top_builddir/tests/unit/test_fetch"
[ -x "$driver" ] || fail "no $driver (make check builds it)"
mkdir -p "$T/root"
cp "$top_srcdir/data/newsfactor/crm-daily.rss" "$T/root/feed.xml"
start_server "$T/root"
"$driver" "$BASE" "$T/root" || fail "test_fetch failed (server log: $(tail -5 "$T/server.log"))"
pass "fetch"
