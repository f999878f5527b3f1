# Crash safety of the batched refresh (issue #15): a refresh saves the
# feeds finished in one step as one transaction (store_batch_begin). Kill
# `tidings --refresh` with SIGKILL at several moments in the middle of its
# batches; after each kill every feed must be either wholly old or wholly
# new: its channel title, its items' titles, its item count and its
# counters all of one version, never a mix.
. "$top_srcdir/tests/lib.sh"

R="$T/root"
mkdir -p "$R" "$XDG_CONFIG_HOME/tidings"
NFEEDS=60 KILLS=3

# write_feeds V: feedNNN.xml, channel "Feed F vV", items 1..40+V titled
# "Item I vV" (guid fF-I), so version V+1 changes every item and adds one.
write_feeds() {
	"$PYTHON3" - "$R" $NFEEDS "$1" <<'EOF' || fail "could not write the feeds"
import sys
root, n, v = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
words = " words of the story" * 10
for f in range(n):
    items = "".join(
        "<item><title>Item %d v%d</title><guid>f%d-%d</guid>"
        "<link>http://example.org/%d/%d</link><description>v%d%s</description></item>\n"
        % (i, v, f, i, f, i, v, words) for i in range(1, 41 + v))
    with open("%s/feed%03d.xml" % (root, f), "w") as fp:
        fp.write('<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Feed %d v%d'
                 '</title><link>http://example.org/%d</link>\n%s</channel></rss>\n'
                 % (f, v, f, items))
EOF
}

# Every feed wholly version A or wholly version B; sets NOLD and NNEW.
check_whole() { # A B WHEN
	a=$1 b=$2
	bad=$(sql "SELECT f.url || ': ' || f.title || ', ' || count(i.id) || ' items, '
	    || sum(i.title NOT LIKE '% v' || substr(f.title, -1)) || ' of another version, counters '
	    || f.nitems || '/' || f.nunread
	  FROM feeds f LEFT JOIN items i ON i.feed_id = f.id GROUP BY f.id
	  HAVING NOT ((f.title LIKE '% v$a' AND count(i.id) = 40 + $a)
	           OR (f.title LIKE '% v$b' AND count(i.id) = 40 + $b))
	      OR sum(i.title NOT LIKE '% v' || substr(f.title, -1)) > 0
	      OR f.nitems <> count(i.id) OR f.nunread <> count(i.id)")
	[ -z "$bad" ] || fail "$3: feeds half written: $bad"
	NOLD=$(sql "SELECT count(*) FROM feeds WHERE title LIKE '% v$a'")
	NNEW=$(sql "SELECT count(*) FROM feeds WHERE title LIKE '% v$b'")
	[ $((NOLD + NNEW)) -eq $NFEEDS ] || fail "$3: $NOLD + $NNEW feeds of $NFEEDS"
}

write_feeds 1
start_server "$R"
# each answer a little slow, so that the refresh lasts long enough to be
# killed in the middle; many answers still finish within one step
feed_urls "$BASE/etag" $NFEEDS "?delay=30" >"$XDG_CONFIG_HOME/tidings/urls"
expect_status 0 "$TIDINGS" --refresh
check_whole 0 1 "first refresh"
[ "$NNEW" -eq $NFEEDS ] || fail "first refresh incomplete"

v=1 mixed=0 k=0
while [ $k -lt $KILLS ]; do
	k=$((k + 1))
	write_feeds $((v + 1))
	before=$(wc -l <"$T/server.log")
	"$TIDINGS" --refresh >"$T/kill.out" 2>"$T/kill.err" &
	pid=$!
	# kill after a different number of answers each time: early, mid-way, late
	want=$((k * NFEEDS / (KILLS + 1)))
	n=0 tries=0
	while [ "$n" -lt "$want" ]; do
		tries=$((tries + 1)); [ $tries -lt 2000 ] || fail "refresh made no progress"
		kill -0 $pid 2>/dev/null || fail "refresh ended before it could be killed"
		n=$(tail -n +$((before + 1)) "$T/server.log" | grep -c ' 200 ')
		sleep 0.01
	done
	kill -9 $pid 2>/dev/null || fail "refresh ended before the kill"
	wait $pid 2>/dev/null
	[ "$(sql 'PRAGMA integrity_check')" = ok ] || fail "kill $k: integrity_check failed"
	check_whole $v $((v + 1)) "kill $k after $n answers"
	[ "$NOLD" -gt 0 ] && [ "$NNEW" -gt 0 ] && mixed=$((mixed + 1))
	# finish this version, so the next kill starts from one version
	expect_status 0 "$TIDINGS" --refresh
	check_whole $v $((v + 1)) "refresh after kill $k"
	[ "$NNEW" -eq $NFEEDS ] || fail "refresh after kill $k incomplete"
	v=$((v + 1))
done
[ $mixed -gt 0 ] || fail "no kill landed mid-way (all feeds old or all new every time)"
pass "$KILLS SIGKILLs mid-refresh ($mixed mid-way): every feed wholly old or wholly new"
