# Benchmark: refresh 200 feeds of 50 items each from the local test server,
# cold (empty cache) and then warm (every answer a 304), wall time and peak
# memory, next to newsboat with reload-threads 16 on the same feeds.
# Targets: cold <= 2 s, warm <= 0.3 s, peak RSS < 16 MiB.
# Run by `make bench` (build without sanitizers for meaningful numbers).
# Exits 1 when tidings fails or misses a target.
PYTHON3=${PYTHON3:-python3}
. "$top_srcdir/tests/lib.sh"

NFEEDS=${NFEEDS:-200} NITEMS=${NITEMS:-50}
COLD_MAX=2.0 WARM_MAX=0.3 RSS_MAX_KB=16384
R="$T/root"
mkdir -p "$R" "$XDG_CONFIG_HOME/tidings"
[ -x /usr/bin/time ] || skip "no /usr/bin/time"

make_feeds "$R" "$NFEEDS" "$NITEMS" news
start_server "$R"
feed_urls "$BASE/etag" "$NFEEDS" >"$T/urls"
cp "$T/urls" "$XDG_CONFIG_HOME/tidings/urls"
size=$(du -sk "$R" | cut -f1)

# measure NAME CMD...: run CMD once; sets SECS (wall), CPU (user + system
# seconds) and KB (peak RSS)
measure() {
	name=$1; shift
	/usr/bin/time -f '%e %U %S %M' -o "$T/time" "$@" >"$T/$name.out" 2>"$T/$name.err"
	rc=$?
	read -r SECS user sys KB <"$T/time"
	CPU=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
	return $rc
}
count304() { grep -c ' 304 cond=1$' "$T/server.log"; }

measure cold "$TIDINGS" --refresh || fail "tidings cold refresh failed: $(cat "$T/cold.err")"
cold_s=$SECS cold_kb=$KB cold_cpu=$CPU
n0=$(count304)
measure warm "$TIDINGS" --refresh || fail "tidings warm refresh failed: $(cat "$T/warm.err")"
warm_s=$SECS warm_kb=$KB warm_cpu=$CPU
warm304=$(($(count304) - n0))

nb="n/a n/a n/a n/a n/a n/a"
if command -v newsboat >/dev/null 2>&1; then
	mkdir -p "$T/nb"
	printf 'reload-threads 16\n' >"$T/nb/config"
	set -- newsboat -x reload -u "$T/urls" -c "$T/nb/cache.db" -C "$T/nb/config"
	if measure nbcold "$@"; then
		nbc_s=$SECS nbc_kb=$KB nbc_cpu=$CPU
		n1=$(count304)
		measure nbwarm "$@"
		nb="$nbc_s $nbc_cpu $nbc_kb $SECS $CPU $KB"
		nbwarm304=$(($(count304) - n1))
	else
		echo "newsboat failed: $(cat "$T/nbcold.err")"
	fi
fi

set -- $nb
printf '%d feeds x %d items (%d KiB of XML), local server\n' "$NFEEDS" "$NITEMS" "$size"
printf '%-22s %7s %7s %9s %7s %7s %9s\n' "" "cold s" "cpu s" "peak KiB" "warm s" "cpu s" "peak KiB"
printf '%-22s %7s %7s %9s %7s %7s %9s\n' "tidings" "$cold_s" "$cold_cpu" "$cold_kb" "$warm_s" "$warm_cpu" "$warm_kb"
printf '%-22s %7s %7s %9s %7s %7s %9s\n' "newsboat (16 threads)" "$1" "$2" "$3" "$4" "$5" "$6"
printf 'warm refresh: tidings got %d 304s of %d' "$warm304" "$NFEEDS"
[ "$1" = n/a ] || printf ', newsboat %d' "${nbwarm304:-0}"
printf '\n'

missed=""
awk -v a="$cold_s" -v b="$COLD_MAX" 'BEGIN { exit !(a <= b) }' || missed="$missed cold>${COLD_MAX}s"
awk -v a="$warm_s" -v b="$WARM_MAX" 'BEGIN { exit !(a <= b) }' || missed="$missed warm>${WARM_MAX}s"
[ "$cold_kb" -lt $RSS_MAX_KB ] && [ "$warm_kb" -lt $RSS_MAX_KB ] || missed="$missed peak>=${RSS_MAX_KB}KiB"
[ "$warm304" -eq "$NFEEDS" ] || missed="$missed warm-not-all-304"
[ -z "$missed" ] || fail "targets missed:$missed"
pass "targets met: cold <= ${COLD_MAX}s, warm <= ${WARM_MAX}s, peak < ${RSS_MAX_KB} KiB"
