# Benchmark (issue #15): build a cache of 250 feeds x 200 items (50 000
# articles, about 125 MiB of XML in the mix of feeds_mix.py) from nginx on
# loopback with gzip, for tidings, newsboat 2.21 (reload-threads 16) and
# sfeed_update (8 jobs) in the same run; medians of BENCH_RUNS runs (see
# bench_lib.sh). Targets, measured in this run: tidings' wall time below
# sfeed_update's, and its peak RSS <= 16 MiB (it must not grow with the
# size of the largest feed). Run by `make bench`. Exits 1 on a miss.
PYTHON3=${PYTHON3:-python3}
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/bench/bench_lib.sh"

NFEEDS=${NFEEDS:-250} NITEMS=${NITEMS:-200}
RSS_MAX_KB=16384
serve_mix "$NFEEDS" "$NITEMS"

run=0
while [ $run -lt "$BENCH_RUNS" ]; do
	cold_caches
	run_tidings build
	run_newsboat build
	run_sfeed build
	run=$((run + 1))
done
items=$(sql 'SELECT count(*) FROM items')

printf '%d feeds x %d items (%d KiB of XML, gzip), nginx on loopback, median of %d\n' \
	"$NFEEDS" "$NITEMS" "$size" "$BENCH_RUNS"
header "build the cache"
row "tidings" tidingsbuild
row "newsboat (16 threads)" newsboatbuild
row "sfeed_update (8 jobs)" sfeedbuild
echo "tidings cached $items articles"

wall=$(field tidingsbuild 1) kb=$(field tidingsbuild 3)
missed=""
[ "$items" -eq $((NFEEDS * NITEMS)) ] || missed="$missed items=$items"
if [ -s "$T/sfeedbuild.times" ]; then
	sf=$(field sfeedbuild 1)
	awk -v a="$wall" -v b="$sf" 'BEGIN { exit !(a < b) }' || missed="$missed wall>=sfeed"
fi
[ "$kb" -le $RSS_MAX_KB ] || { missed="$missed peak>${RSS_MAX_KB}KiB"; explain_peak; }
[ -z "$missed" ] || fail "targets missed:$missed"
pass "targets met: faster than sfeed_update, peak <= ${RSS_MAX_KB} KiB"
