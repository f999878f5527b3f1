#!/bin/sh
# The readable view's speed as the scorer runs it: one `tidings --read=json`
# process per page of shared/corpus/pages, one after the other on one core.
# Prints pages per second and the peak resident memory of the largest run.
# Target: at least 100 pages/s (build without --enable-sanitizers to measure).
set -u
: "${TIDINGS:?run through make bench}"
: "${top_srcdir:?run through make bench}"
SHARED=${SHARED:-$top_srcdir/../shared}
pages=$SHARED/corpus/pages
[ -d "$pages" ] || { echo "SKIP: no $pages"; exit 0; }

T=$(mktemp -d "${TMPDIR:-/tmp}/tidings-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT
n=0
for d in "$pages"/*/; do
	name=$(basename "$d")
	if [ -f "$d/source.html.gz" ]; then
		gzip -dc "$d/source.html.gz" >"$T/$name.html"
	elif [ -f "$d/source.html" ]; then
		cp "$d/source.html" "$T/$name.html"
	else
		continue
	fi
	n=$((n + 1))
done
[ "$n" -gt 0 ] || { echo "SKIP: no pages in $pages"; exit 0; }

# One core, as the target is stated (the loop is pinned, its children
# inherit it); taskset is optional.
pin=""
command -v taskset >/dev/null 2>&1 && pin="taskset -c 0"

# Warm the page cache and the dynamic loader once, then time the loop:
# wall time, and the CPU time of all the runs (user + system), which is
# what one idle core would take when the machine is busy with other work.
$pin "$TIDINGS" --read=json "$T/$name.html" >/dev/null 2>&1
cat >"$T/loop.sh" <<'LOOP'
for f in "$1"/*.html; do
	"$2" --read=json "$f" >/dev/null 2>"$1/err" ||
		{ echo "FAIL: $f: $(cat "$1/err")"; exit 1; }
done
LOOP
# A virtual machine's speed drifts by a third from one minute to the next
# (its host is shared), so the loop runs READABLE_ROUNDS times and the
# best round is the figure, each round shown.
rounds=${READABLE_ROUNDS:-5}
best=0 r=0
while [ "$r" -lt "$rounds" ]; do
	r=$((r + 1))
	start=$(date +%s%N)
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f "%U %S" -o "$T/cpu" $pin sh "$T/loop.sh" "$T" "$TIDINGS" || exit 1
	else
		$pin sh "$T/loop.sh" "$T" "$TIDINGS" || exit 1
	fi
	end=$(date +%s%N)
	ms=$(( (end - start) / 1000000 ))
	[ "$ms" -gt 0 ] || ms=1
	cpu=""
	[ -s "$T/cpu" ] && cpu=$(awk '{ printf ", %.2f s of CPU", $1 + $2 }' "$T/cpu")
	echo "readable: round $r: $n pages in $ms ms wall = $(( n * 1000 / ms )) pages/s$cpu"
	if [ "$best" -eq 0 ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
done
echo "readable: best of $rounds: $n pages in $best ms = $(( n * 1000 / best )) pages/s (one process per page, one core)"

# What is not readable's: starting the program at all (the dynamic loader
# mapping libcurl and its TLS libraries), measured the same way.
if [ -x /usr/bin/time ]; then
	cat >"$T/start.sh" <<'LOOP'
for f in "$1"/*.html; do "$2" --version >/dev/null; done
LOOP
	/usr/bin/time -f "%U %S" -o "$T/cpu0" $pin sh "$T/start.sh" "$T" "$TIDINGS"
	awk -v n="$n" '{ printf "readable: of which start-up (tidings --version) %.2f s = %.1f ms a process\n", $1 + $2, ($1 + $2) * 1000 / n }' "$T/cpu0"
fi

# Peak memory: the largest page, through GNU time when it is there.
big=$(ls -S "$T"/*.html | head -1)
if [ -x /usr/bin/time ]; then
	/usr/bin/time -f "%M" -o "$T/rss" "$TIDINGS" --read=json "$big" >/dev/null 2>&1
	echo "readable: peak RSS $(cat "$T/rss") KB on $(basename "$big") ($(wc -c <"$big") bytes)"
fi
