#!/bin/sh
# Network faults against tests/attack/faultserver.py: each subscription first
# caches three good items, then its URL misbehaves in its own way. The
# refresh must name every failing feed on stderr with the right reason, exit
# 1 in bounded time and memory, and keep every item cached before (with its
# read flag and rating).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/attack/attack_lib.sh"

R="$T/root"
mkdir -p "$R"

# A self-signed certificate for the TLS case, when openssl is there.
tls_args=""
if command -v openssl >/dev/null 2>&1 &&
	openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 \
		-keyout "$T/key.pem" -out "$T/cert.pem" >/dev/null 2>&1; then
	tls_args="--cert $T/cert.pem --key $T/key.pem"
fi
# shellcheck disable=SC2086
start_faults $tls_args
closed=$(free_port)

make_feed() { # FILE TITLE PREFIX
	{
		printf '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>%s</title>\n' "$2"
		for i in 1 2 3; do
			printf '<item><title>%s %d</title><guid>%s-%d</guid>' "$2" $i "$3" $i
			printf '<link>http://example.org/%s/%d</link><description>d</description></item>\n' "$3" $i
		done
		printf '</channel></rss>\n'
	} >"$1"
}

# KEY  URL-IN-PHASE-2  WANT(fail|ok)  STDERR-SUBSTRING
{
	printf 'refused\thttp://127.0.0.1:%s/feed.xml\tfail\tcannot connect\n' "$closed"
	printf 'dns\thttp://feed.tidings-test.invalid/feed.xml\tfail\thost not found\n'
	[ -z "$tls_args" ] || printf 'tls\thttps://127.0.0.1:%s/good_tls.xml\tfail\tTLS\n' "$TLSPORT"
	printf 'reset\t%s/reset\tfail\ttransfer failed\n' "$FBASE"
	printf 'stall\t%s/stall\tfail\ttimed out\n' "$FBASE"
	printf 'bomb\t%s/bomb?mb=200\tfail\ttoo large\n' "$FBASE"
	printf 'endless\t%s/endless\tfail\ttoo large\n' "$FBASE"
	printf 'loop\t%s/redirect-loop\tfail\tredirects\n' "$FBASE"
	printf 'longchain\t%s/chain/30?to=/good_longchain.xml\tfail\tredirects\n' "$FBASE"
	printf 'shortchain\t%s/chain/5?to=/good_shortchain.xml\tok\t-\n' "$FBASE"
	printf 'empty\t%s/empty\tfail\tempty document\n' "$FBASE"
	printf 'html\t%s/page.html\tfail\tnot an RSS or Atom feed\n' "$FBASE"
	printf 'json\t%s/feed.json\tok\t-\n' "$FBASE"	# JSON Feed is read too
	printf 'bigcl\t%s/bigcl\tfail\ttoo large\n' "$FBASE"
	printf 'status503\t%s/status/503\tfail\tHTTP 503\n' "$FBASE"
	printf 'other\t%s/good_other.xml\tok\t-\n' "$FBASE"
} >"$T/cases"

printf '<!DOCTYPE html><html><head><title>A page</title></head><body><p>Not a feed.</p></body></html>\n' >"$R/page.html"
printf '{"version": "https://jsonfeed.org/version/1", "title": "JSON", "items": [{"id": "1", "title": "x"}]}\n' >"$R/feed.json"

# ---- phase 1: every subscription is a good feed
: >"$URLS"
while IFS='	' read -r key url want err; do
	make_feed "$R/good_$key.xml" "Feed $key" "$key"
	echo "$FBASE/good_$key.xml" >>"$URLS"
done <"$T/cases"
ncases=$(wc -l <"$T/cases")
expect_bounded 0 60 "$TIDINGS" --refresh
[ "$(sql 'SELECT count(*) FROM items')" = $((ncases * 3)) ] || fail "phase 1: $(sql 'SELECT count(*) FROM items') items cached"
sql "UPDATE items SET read = 1 WHERE guid LIKE '%-1'"
sql "UPDATE items SET user_rating = 3 WHERE guid LIKE '%-2'"

# ---- phase 2: move every cached feed to its faulty URL (as a rename would)
: >"$URLS"
while IFS='	' read -r key url want err; do
	[ "$key" = tls ] || [ "$key" = other ] || [ "$key" = longchain ] ||
		[ "$key" = shortchain ] ||
		sql "UPDATE feeds SET url = '$url' WHERE url = '$FBASE/good_$key.xml'"
	[ "$key" = other ] || [ "$key" = longchain ] || [ "$key" = shortchain ] ||
		[ "$key" = tls ] || echo "$url" >>"$URLS"
done <"$T/cases"
# tls: the same file over https; the chains end at the cached feed's file;
# other: the same URL now serves a different feed.
if [ -n "$tls_args" ]; then
	sql "UPDATE feeds SET url = 'https://127.0.0.1:$TLSPORT/good_tls.xml' WHERE url = '$FBASE/good_tls.xml'"
	echo "https://127.0.0.1:$TLSPORT/good_tls.xml" >>"$URLS"
fi
for key in longchain shortchain; do
	url=$(awk -F'\t' -v k=$key '$1 == k { print $2 }' "$T/cases")
	sql "UPDATE feeds SET url = '$url' WHERE url = '$FBASE/good_$key.xml'"
	echo "$url" >>"$URLS"
done
echo "$FBASE/good_other.xml" >>"$URLS"
make_feed "$R/good_other.xml" "A different feed" "different"

export TIDINGS_TIMEOUT_MS=5000
start=$(date +%s)
expect_bounded 1 90 "$TIDINGS" --refresh
elapsed=$(($(date +%s) - start))
cp "$T/err" "$T/refresh.err"
[ -z "${ATTACK_VERBOSE:-}" ] || cat "$T/refresh.err" >&2

nfail=0
while IFS='	' read -r key url want err; do
	line=$(grep -F "tidings: $url: " "$T/refresh.err")
	if [ "$want" = fail ]; then
		nfail=$((nfail + 1))
		[ -n "$line" ] || fail "$key: no error named on stderr: $(cat "$T/refresh.err")"
		[ "$err" = - ] || case $line in
			*"$err"*) ;;
			*) fail "$key: '$line' does not say '$err'" ;;
		esac
	else
		[ -z "$line" ] || fail "$key: should have succeeded: $line"
	fi
	n=$(sql "SELECT count(*), sum(read), sum(user_rating) FROM items i JOIN feeds f ON f.id = i.feed_id WHERE f.url = '$url' AND i.guid LIKE '$key-%'")
	[ "$n" = "3|1|3" ] || fail "$key: cached items, read flags or ratings lost: $n"
done <"$T/cases"
pass "$nfail network faults named, each with its reason, in ${elapsed}s; nothing cached lost"

# the different feed at the same URL: old items kept beside the new ones
n=$(sql "SELECT count(*) FROM items i JOIN feeds f ON f.id = i.feed_id WHERE f.url = '$FBASE/good_other.xml'")
[ "$n" = 6 ] || fail "a different feed at the same URL: $n items, want 3 old + 3 new"

# everything cached still exports
expect_bounded 0 30 "$TIDINGS" --export=json
"$PYTHON3" - "$T/out" "$ncases" <<'EOF' || fail "export after the faults"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
# every case's 3 items, 3 more from the different feed at good_other's URL
# and the JSON Feed's one item beside the 3 cached at its old URL
want = int(sys.argv[2]) * 3 + 3 + 1
if len(rows) != want:
    sys.exit("exported %d items, want %d" % (len(rows), want))
EOF
pass "every cached item still exported after the faults"

# One-shot --export SOURCE on the same faults: exit 1, error named, bounded.
# (the stalled body is left to the refresh above, whose timeout a test may cut;
# --export waits for the low-speed limit, FETCH_LOW_SPEED_TIME seconds)
for path in reset bomb?mb=200 endless redirect-loop empty bigcl page.html; do
	expect_bounded 1 30 "$TIDINGS" --export=json "$FBASE/$path"
	grep -q "tidings: .*$(echo "$path" | sed 's/?.*//')" "$T/err" || fail "--export $path: $(cat "$T/err")"
done
pass "--export SOURCE fails cleanly on the same faults"

# --add on a fault: refused, nothing subscribed, urls file unchanged.
sum=$(checksum "$URLS")
expect_bounded 1 30 "$TIDINGS" --add "http://127.0.0.1:$closed/feed.xml"
[ "$(checksum "$URLS")" = "$sum" ] || fail "--add of an unreachable feed changed the urls file"
expect_bounded 1 30 "$TIDINGS" --add "$FBASE/bomb?mb=200"
[ "$(checksum "$URLS")" = "$sum" ] || fail "--add of a gzip bomb changed the urls file"
pass "--add on faults: an error, the urls file untouched"
