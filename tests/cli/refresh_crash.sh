# Crash safety: SIGKILL `tidings --refresh` in the middle of refreshing 200
# feeds. The cache still opens, passes PRAGMA integrity_check, and every
# read flag and rating set before is intact; the next refresh completes.
. "$top_srcdir/tests/lib.sh"

R="$T/root"
mkdir -p "$R" "$XDG_CONFIG_HOME/tidings"
NFEEDS=200


# feed000.xml..feed199.xml, guids fF-1..fF-50
make_feeds "$R" $NFEEDS 50
start_server "$R"
# each answer a little slow, so that "mid-way" lasts a few seconds
feed_urls "$BASE/etag" $NFEEDS "?delay=60" >"$XDG_CONFIG_HOME/tidings/urls"

expect_status 0 "$TIDINGS" --refresh
[ "$(sql 'SELECT count(*) FROM items')" = $((NFEEDS * 50)) ] || fail "first refresh incomplete"
sql "UPDATE items SET read = 1 WHERE guid LIKE '%-3' OR guid LIKE '%-4'"
sql "UPDATE items SET user_rating = 5 WHERE guid LIKE '%-7'"
sql "UPDATE items SET user_rating = 2 WHERE guid LIKE '%-8'"

# Ten more items in every feed: the next refresh writes every feed.
make_feeds "$R" $NFEEDS 60
before=$(wc -l <"$T/server.log")
"$TIDINGS" --refresh >"$T/kill.out" 2>"$T/kill.err" &
pid=$!
n=0 tries=0
while [ "$n" -lt 40 ]; do
	tries=$((tries + 1)); [ $tries -lt 1000 ] || fail "refresh made no progress"
	kill -0 $pid 2>/dev/null || fail "refresh ended before it could be killed"
	n=$(tail -n +$((before + 1)) "$T/server.log" | grep -c ' 200 ')
	sleep 0.02
done
kill -9 $pid 2>/dev/null || fail "refresh ended before the kill"
wait $pid 2>/dev/null
[ "$(sql 'PRAGMA integrity_check')" = ok ] || fail "integrity_check: $(sql 'PRAGMA integrity_check')"
[ "$(sql 'PRAGMA foreign_key_check')" = "" ] || fail "foreign keys broken"
done60=$(sql 'SELECT count(*) FROM (SELECT feed_id FROM items GROUP BY feed_id HAVING count(*) = 60)')
done50=$(sql 'SELECT count(*) FROM (SELECT feed_id FROM items GROUP BY feed_id HAVING count(*) = 50)')
[ $((done60 + done50)) -eq $NFEEDS ] || fail "a feed was half written: $done60 + $done50 != $NFEEDS"
[ "$done60" -gt 0 ] && [ "$done50" -gt 0 ] ||
	fail "not killed mid-way: $done60 feeds refreshed, $done50 not"

check_state() { # WHEN
	[ "$(sql 'SELECT count(*) FROM items WHERE read = 1')" = $((NFEEDS * 2)) ] ||
		fail "$1: read flags lost: $(sql 'SELECT count(*) FROM items WHERE read = 1')"
	[ "$(sql "SELECT count(*) FROM items WHERE read = 1 AND (guid LIKE '%-3' OR guid LIKE '%-4')")" = $((NFEEDS * 2)) ] ||
		fail "$1: read flags moved"
	[ "$(sql 'SELECT count(*), sum(user_rating) FROM items WHERE user_rating IS NOT NULL')" = "$((NFEEDS * 2))|$((NFEEDS * 7))" ] ||
		fail "$1: ratings changed: $(sql 'SELECT count(*), sum(user_rating) FROM items WHERE user_rating IS NOT NULL')"
}
check_state "after SIGKILL"

# The next refresh finishes the job.
expect_status 0 "$TIDINGS" --refresh
[ "$(sql 'SELECT count(*) FROM items')" = $((NFEEDS * 60)) ] ||
	fail "refresh after the crash incomplete: $(sql 'SELECT count(*) FROM items') items"
check_state "after the next refresh"
pass "SIGKILL after $done60 of $NFEEDS feeds: cache intact, read flags and ratings kept"
