#!/bin/sh
# Parse throughput and peak memory of `tidings --export=json` on a
# generated 50 MB RSS feed, next to sfeed (which renders no HTML) on the
# same file. Two feeds: items with a summary and a full content:encoded
# article each, and summary-only items. MiB/s is counted on CPU time
# (user + sys), which a busy machine does not distort as it does wall time.
# Targets: >= 30 MiB/s, peak RSS < 32 MiB. Not part of `make check`.
#
# usage: TIDINGS=path/to/tidings feed_throughput.sh [SIZE_MB]
set -u
: "${TIDINGS:?set TIDINGS to the tidings binary}"
: "${top_srcdir:=$(dirname "$0")/../..}"
size=${1:-50}
T=$(mktemp -d "${TMPDIR:-/tmp}/tidings-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT

# Exit status, CPU seconds and peak RSS (KiB) of a command: GNU time when
# installed (Debian package "time"), else python's resource module (whose
# peak RSS includes python's own image before exec: an overestimate).
measure() {
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f "%x %U %S %M" -o "$T/time" "$@" >/dev/null 2>"$T/stderr"
		read -r rc user sys rss <"$T/time"
		echo "$rc $(python3 -c "print('%.3f' % ($user + $sys))") $rss"
		return
	fi
	python3 - "$@" <<'PY'
import resource, subprocess, sys
with open("/dev/null", "wb") as null:
    rc = subprocess.call(sys.argv[1:], stdout=null)
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
print("%d %.3f %d" % (rc, ru.ru_utime + ru.ru_stime, ru.ru_maxrss))
PY
}

status=0
for kind in full summaries; do
	f="$T/$kind.rss"
	python3 "$top_srcdir/tests/bench/feed_gen.py" "$f" "$size" \
		"$([ $kind = summaries ] && echo summaries)" >/dev/null || exit 1
	mib=$(python3 -c "import os,sys; print('%.1f' % (os.path.getsize(sys.argv[1]) / 1048576.0))" "$f")
	set -- $(measure "$TIDINGS" --export=json "$f")
	rc=$1 cpu=$2 rss=$3
	[ "$rc" -eq 0 ] || { echo "tidings failed on $f"; exit 1; }
	rate=$(python3 -c "print('%.1f' % ($mib / max($cpu, 0.001)))")
	rss_mib=$(python3 -c "print('%.1f' % ($rss / 1024.0))")
	line="$kind: $mib MiB; tidings --export=json: $cpu s CPU, $rate MiB/s, peak RSS $rss_mib MiB"
	if command -v sfeed >/dev/null 2>&1; then
		set -- $(measure sh -c 'exec sfeed <"$1"' sh "$f")
		srate=$(python3 -c "print('%.1f' % ($mib / max($2, 0.001)))")
		line="$line; sfeed: $2 s CPU, $srate MiB/s, peak RSS $(python3 -c "print('%.1f' % ($3 / 1024.0))") MiB"
	fi
	echo "$line"
	python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) < 32 else 1)" "$rss_mib" ||
		{ echo "  peak memory over 32 MiB"; status=1; }
	python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) >= 30 else 1)" "$rate" ||
		echo "  under the 30 MiB/s target"
done
exit $status
