# The non-blocking refresh API (tests/unit/test_refresh.c) against the local
# test server: a shared fetch handle, outcomes per feed, 304s on the second
# run, a permanent redirect reported, refresh_free() cancelling mid-way.
. "$top_srcdir/tests/lib.sh"

driver="$top_builddir/tests/unit/test_refresh"
[ -x "$driver" ] || fail "no $driver (make check builds it)"
mkdir -p "$T/root" "$T/cache"
cp "$top_srcdir/data/newsfactor/crm-daily.rss" "$T/root/feed.xml"
start_server "$T/root"
"$driver" "$BASE" "$T/cache" || fail "test_refresh failed (server log: $(tail -5 "$T/server.log"))"
pass "refresh API"
