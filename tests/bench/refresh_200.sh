# Benchmark (issue #15): refresh 200 feeds of 50 items each (the mix of
# feeds_mix.py, about 25 MiB of XML) served by nginx on loopback with
# gzip, cold (empty cache) and then warm (tidings and newsboat get 304s;
# sfeed_update 1.7 has no conditional fetch and fetches all again), for
# tidings, newsboat 2.21 (reload-threads 16) and sfeed_update (8 jobs) in
# the same run; medians of BENCH_RUNS runs (see bench_lib.sh).
# Targets, as ratios measured in this run: tidings' cold refresh at least
# 4x faster (wall) than newsboat's, peak RSS <= 16 MiB, every warm
# answer a 304 and the warm refresh under WARM_MAX seconds.
# Run by `make bench` (build without sanitizers). Exits 1 on a miss.
PYTHON3=${PYTHON3:-python3}
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/bench/bench_lib.sh"

NFEEDS=${NFEEDS:-200} NITEMS=${NITEMS:-50}
SPEEDUP_MIN=4 WARM_MAX=0.3 RSS_MAX_KB=16384
serve_mix "$NFEEDS" "$NITEMS"

count304() { grep -c '" 304 ' "$T/nginx/access.log"; }
run=0
while [ $run -lt "$BENCH_RUNS" ]; do
	cold_caches
	run_tidings cold
	n0=$(count304)
	run_tidings warm
	warm304=$(($(count304) - n0))
	run_newsboat cold
	run_newsboat warm
	run_sfeed cold
	run_sfeed warm
	run=$((run + 1))
done

printf '%d feeds x %d items (%d KiB of XML, gzip), nginx on loopback, median of %d\n' \
	"$NFEEDS" "$NITEMS" "$size" "$BENCH_RUNS"
header "cold refresh"
row "tidings" tidingscold
row "newsboat (16 threads)" newsboatcold
row "sfeed_update (8 jobs)" sfeedcold
header "warm refresh"
row "tidings" tidingswarm
row "newsboat (16 threads)" newsboatwarm
row "sfeed_update (8 jobs)" sfeedwarm
printf 'warm refresh: tidings got %d 304s of %d\n' "$warm304" "$NFEEDS"

cold=$(field tidingscold 1) kb=$(field tidingscold 3) warm=$(field tidingswarm 1)
missed=""
if [ -s "$T/newsboatcold.times" ]; then
	nb=$(field newsboatcold 1)
	ratio=$(awk -v a="$nb" -v b="$cold" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 99) }')
	echo "cold: tidings ${ratio}x faster than newsboat"
	awk -v r="$ratio" -v m=$SPEEDUP_MIN 'BEGIN { exit !(r >= m) }' ||
		missed="$missed cold<${SPEEDUP_MIN}x-newsboat"
fi
[ "$kb" -le $RSS_MAX_KB ] && [ "$(field tidingswarm 3)" -le $RSS_MAX_KB ] ||
	{ missed="$missed peak>${RSS_MAX_KB}KiB"; explain_peak; }
awk -v a="$warm" -v b=$WARM_MAX 'BEGIN { exit !(a <= b) }' || missed="$missed warm>${WARM_MAX}s"
[ "$warm304" -eq "$NFEEDS" ] || missed="$missed warm-not-all-304"
[ -z "$missed" ] || fail "targets missed:$missed"
pass "targets met: cold >= ${SPEEDUP_MIN}x newsboat, warm <= ${WARM_MAX}s, peak <= ${RSS_MAX_KB} KiB"
