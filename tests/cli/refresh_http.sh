# tidings --refresh against the local test server: every way a feed can
# answer gives the right per-feed result, and a failing refresh loses
# nothing cached (items, read flags, ratings, validators).
#
# Each subscription is a /switch/KEY URL: the server answers it as the
# path written in the file KEY, so the same subscriptions first serve good
# feeds (filling the cache) and then misbehave.
. "$top_srcdir/tests/lib.sh"

R="$T/root"
mkdir -p "$R" "$XDG_CONFIG_HOME/tidings"

# KEY  ROUTE-IN-PHASE-2  WANT-STATUS(1 updated, 2 not modified, 3 failed)  ERROR-SUBSTRING
cat >"$T/cases" <<'EOF'
ok200	/etag/f_ok200.xml	1	-
notmod	/etag/f_notmod.xml	2	-
gzip	/gzip/f_gzip.xml	1	-
chunked	/chunked/f_chunked.xml	1	-
r301	/redirect/301?to=/etag/f_r301.xml	2	-
r302	/redirect/302?to=/f_r302.xml	1	-
r308	/redirect/308?to=/gzip/f_r308.xml	1	-
loop	/redirect-loop	3	redirects
s404	/status/404	3	HTTP 404
s500	/status/500	3	HTTP 500
slow	/slow?seconds=30	3	timed out
huge	/huge?mb=65	3	too large
bomb	/gzip-bomb?mb=70	3	too large
badxml	/bad.xml	3	-
html	/html-with-feed-link	3	-
reset	/reset	3	-
tofile	/to-file	3	file:///etc/passwd
empty	/empty	3	-
EOF

# Five items per feed, guids KEY-1..KEY-5 (six for ok200 in phase 2).
make_feed() { # KEY NITEMS
	{
		printf '<?xml version="1.0" encoding="utf-8"?>\n'
		printf '<rss version="2.0"><channel><title>Feed %s</title>\n' "$1"
		printf '<link>http://example.org/%s</link>\n' "$1"
		i=1
		while [ $i -le "$2" ]; do
			printf '<item><title>%s item %d</title><guid>%s-%d</guid>' "$1" $i "$1" $i
			printf '<link>http://example.org/%s/%d</link>' "$1" $i
			printf '<description>Text %d</description></item>\n' $i
			i=$((i + 1))
		done
		printf '</channel></rss>\n'
	} >"$R/f_$1.xml"
}

: >"$XDG_CONFIG_HOME/tidings/urls"
while IFS='	' read -r key route want err; do
	make_feed "$key" 5
	echo "/etag/f_$key.xml" >"$R/$key"
done <"$T/cases"
printf '\0\1\2 this is { not XML at all\n' >"$R/bad.xml"

start_server "$R"
while IFS='	' read -r key route want err; do
	echo "$BASE/switch/$key" >>"$XDG_CONFIG_HOME/tidings/urls"
done <"$T/cases"
nfeeds=$(wc -l <"$T/cases")

# ---- phase 1: every feed is good
expect_status 0 "$TIDINGS" --refresh
[ "$(sql 'SELECT count(*) FROM feeds WHERE status = 1')" = "$nfeeds" ] ||
	fail "phase 1: not every feed updated: $(sql 'SELECT url, status, error FROM feeds')"
[ "$(sql 'SELECT count(*) FROM items')" = $((nfeeds * 5)) ] ||
	fail "phase 1: $(sql 'SELECT count(*) FROM items') items, want $((nfeeds * 5))"
[ "$(sql 'SELECT count(*) FROM feeds WHERE etag IS NULL')" = 0 ] ||
	fail "phase 1: validators not kept"
[ ! -s "$T/err" ] || fail "phase 1: stderr not empty without a terminal: $(cat "$T/err")"
sql "UPDATE items SET read = 1 WHERE guid LIKE '%-1'"
sql "UPDATE items SET user_rating = 4 WHERE guid LIKE '%-2'"
sql 'SELECT url, etag FROM feeds ORDER BY url' >"$T/etags1"

# ---- phase 1b: nothing changed: validators sent, every answer a 304
before=$(wc -l <"$T/server.log")
expect_status 0 "$TIDINGS" --refresh
tail -n +$((before + 1)) "$T/server.log" | grep '^REQ' >"$T/log1b"
[ "$(grep -c ' 304 cond=1$' "$T/log1b")" = "$nfeeds" ] ||
	fail "phase 1b: not all conditional 304s: $(cat "$T/log1b")"
[ "$(grep -c ' 200 ' "$T/log1b")" = 0 ] || fail "phase 1b: full answers sent"
[ "$(sql 'SELECT count(*) FROM feeds WHERE status = 2')" = "$nfeeds" ] ||
	fail "phase 1b: not every feed 'not modified'"

# ---- phase 2: each feed answers its own way
while IFS='	' read -r key route want err; do
	echo "$route" >"$R/$key"
done <"$T/cases"
make_feed ok200 6
# Long enough for the 65 MB answers to reach their cap on a loaded
# machine (at 3 s they timed out first), short of the slow one.
export TIDINGS_TIMEOUT_MS=10000
expect_status 1 "$TIDINGS" --refresh
nfail=$(awk -F'\t' '$3 == 3' "$T/cases" | wc -l)
[ "$(grep -c '^tidings: http://127.0.0.1:[0-9]*/switch/' "$T/err")" = "$nfail" ] ||
	fail "phase 2: want $nfail failures named on stderr, got: $(cat "$T/err")"
[ "$(grep -c 'feeds:.*failed' "$T/err")" = 1 ] || fail "phase 2: no summary line"

while IFS='	' read -r key route want err; do
	url="$BASE/switch/$key"
	got=$(sql "SELECT status, coalesce(error, '') FROM feeds WHERE url = '$url'")
	status=${got%%|*} message=${got#*|}
	[ "$status" = "$want" ] || fail "$key ($route): status $status ($message), want $want"
	if [ "$err" != - ]; then
		case $message in
		*"$err"*) ;;
		*) fail "$key: error '$message' does not say '$err'" ;;
		esac
	fi
	grep -F "$url" "$T/err" | grep -qF "$message" || [ "$want" != 3 ] ||
		fail "$key: stderr does not name the failure"
	n=$(sql "SELECT count(*) FROM items i JOIN feeds f ON f.id = i.feed_id WHERE f.url = '$url'")
	wantn=5; [ "$key" = ok200 ] && wantn=6
	[ "$n" = "$wantn" ] || fail "$key: $n items cached, want $wantn"
	r=$(sql "SELECT sum(read), count(user_rating), sum(user_rating) FROM items i JOIN feeds f ON f.id = i.feed_id WHERE f.url = '$url'")
	[ "$r" = "1|1|4" ] || fail "$key: read/rating state changed: $r"
done <"$T/cases"

# failures keep the validators they had
sql 'SELECT url, etag FROM feeds ORDER BY url' >"$T/etags2"
for key in loop s404 s500 slow huge bomb badxml html reset tofile empty; do
	a=$(grep -F "/switch/$key|" "$T/etags1") b=$(grep -F "/switch/$key|" "$T/etags2")
	[ -n "$a" ] && [ "$a" = "$b" ] || fail "$key: validators changed on failure: $a -> $b"
done

pass "refresh over HTTP: $nfeeds feeds, $nfail failures, nothing lost"
