#!/bin/sh
# Feed throughput next to sfeed, on a generated 50 MB RSS feed in two
# forms: items with a summary and a full content:encoded article each, and
# summary-only items. For each:
#   - the XML pass as --refresh runs it (feed_parse on the bytes in memory,
#     no HTML rendered; tests/bench/feed_xml_pass): at least 60 MiB/s;
#     the same pass streamed (feed_parse_file, each item dropped as it
#     completes) is shown beside it, for information;
#   - `tidings --export=json`, which streams the file and renders every
#     summary and content through gumbo (html_to_text): at least 12 MiB/s,
#     peak RSS under 32 MiB;
#   - sfeed (when installed: apt-get install sfeed), which renders no HTML.
# MiB/s is counted on CPU time (user + sys), which a busy machine does not
# distort as it does wall time. The XML pass holds the whole document as
# refresh does, so its peak RSS is shown but not held to the 32 MiB bar.
# Exit 1 when a bar is missed. Not part of `make check`.
#
# usage: TIDINGS=path/to/tidings [top_builddir=...] feed_throughput.sh [SIZE_MB]
set -u
: "${TIDINGS:?set TIDINGS to the tidings binary}"
: "${top_srcdir:=$(dirname "$0")/../..}"
: "${top_builddir:=$(dirname "$TIDINGS")}"
XML_PASS="$top_builddir/tests/bench/feed_xml_pass"
[ -x "$XML_PASS" ] || { echo "build $XML_PASS first (make check or make bench)"; exit 1; }
size=${1:-50}
T=$(mktemp -d "${TMPDIR:-/tmp}/tidings-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT

XML_MIN_RATE=60		# MiB/s of the XML pass
EXPORT_MIN_RATE=12	# MiB/s of --export=json
EXPORT_MAX_RSS=32	# MiB of peak RSS for --export=json

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

# "RATE RSS_MIB" of a run measured on file $2 of $1 MiB: exits on failure.
rate_of() {
	mib=$1
	shift
	set -- $(measure "$@")
	[ "$1" -eq 0 ] || { echo "failed: $*"; exit 1; }
	python3 -c "import sys; c, r, m = map(float, sys.argv[1:]); print('%.1f %.1f' % (m / max(c, 0.001), r / 1024.0))" "$2" "$3" "$mib"
}

# check WHAT VALUE OP LIMIT: prints a line and clears $status when missed.
check() {
	python3 -c "import sys; v, l = float(sys.argv[1]), float(sys.argv[3]); sys.exit(0 if (v >= l if sys.argv[2] == 'min' else v < l) else 1)" "$2" "$3" "$4" ||
		{ echo "  $1: $2, bar $3 $4"; status=1; }
}

status=0
for kind in full summaries; do
	f="$T/$kind.rss"
	python3 "$top_srcdir/tests/bench/feed_gen.py" "$f" "$size" \
		"$([ $kind = summaries ] && echo summaries)" >/dev/null || exit 1
	mib=$(python3 -c "import os,sys; print('%.1f' % (os.path.getsize(sys.argv[1]) / 1048576.0))" "$f")
	set -- $(rate_of "$mib" "$XML_PASS" "$f")
	xml_rate=$1 xml_rss=$2
	set -- $(rate_of "$mib" "$XML_PASS" --stream "$f")
	stream_rate=$1 stream_rss=$2
	set -- $(rate_of "$mib" "$TIDINGS" --export=json "$f")
	exp_rate=$1 exp_rss=$2
	line="$kind: $mib MiB; XML pass $xml_rate MiB/s (peak RSS $xml_rss MiB), streamed $stream_rate MiB/s ($stream_rss MiB); --export=json $exp_rate MiB/s (peak RSS $exp_rss MiB)"
	if command -v sfeed >/dev/null 2>&1; then
		set -- $(rate_of "$mib" sh -c 'exec sfeed <"$1"' sh "$f")
		line="$line; sfeed $1 MiB/s (peak RSS $2 MiB)"
	fi
	echo "$line"
	check "XML pass MiB/s" "$xml_rate" min "$XML_MIN_RATE"
	check "--export=json MiB/s" "$exp_rate" min "$EXPORT_MIN_RATE"
	check "--export=json peak RSS MiB" "$exp_rss" max "$EXPORT_MAX_RSS"
done
exit $status
