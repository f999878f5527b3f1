#!/bin/sh
# In a build configured with --enable-fuzzing: every libFuzzer harness
# (tests/fuzz/fuzz_NAME) replays its seed corpus (tests/fuzz/corpus/NAME,
# where every crash found is kept as a regression seed), then fuzzes for
# FUZZ_SECONDS (default 3) from a copy of it, with NAME.dict when there is
# one. Skipped (77) in builds without the harnesses.
. "$top_srcdir/tests/lib.sh"

: "${top_builddir:?run through make check}"
secs=${FUZZ_SECONDS:-3}
n=0
for f in "$top_builddir"/tests/fuzz/fuzz_*; do
	[ -x "$f" ] && [ -f "$f" ] || continue
	case $f in *.o) continue ;; esac
	name=${f##*/fuzz_}
	seeds="$top_srcdir/tests/fuzz/corpus/$name"
	[ -d "$seeds" ] || fail "fuzz_$name has no seed corpus in tests/fuzz/corpus/$name"
	dict=""
	[ ! -f "$top_srcdir/tests/fuzz/$name.dict" ] || dict="-dict=$top_srcdir/tests/fuzz/$name.dict"
	timeout 120 "$f" -runs=0 "$seeds" >"$T/replay-$name.log" 2>&1 ||
		{ tail -40 "$T/replay-$name.log" >&2; fail "fuzz_$name: a seed fails (see above)"; }
	n=$((n + 1))	# counted once its seeds replay, whatever FUZZ_SECONDS is
	[ "$secs" -gt 0 ] || continue	# FUZZ_SECONDS=0: the seeds only
	mkdir -p "$T/corpus-$name"
	cp "$seeds"/* "$T/corpus-$name/"
	# shellcheck disable=SC2086
	timeout $((secs + 60)) "$f" -max_total_time="$secs" -max_len=65536 $dict \
		-artifact_prefix="$T/crash-$name-" "$T/corpus-$name" >"$T/fuzz-$name.log" 2>&1 || {
		tail -40 "$T/fuzz-$name.log" >&2
		for c in "$T"/crash-"$name"-*; do
			[ -f "$c" ] && echo "input (base64): $(base64 -w0 <"$c")" >&2
		done
		fail "fuzz_$name found a crash in ${secs}s"
	}
	execs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$T/fuzz-$name.log")
	echo "fuzz_$name: seeds replayed, ${execs:-?} runs in ${secs}s"
done
[ $n -gt 0 ] || skip "no fuzz harnesses built (./configure CC=clang --enable-fuzzing)"
pass "$n fuzz harnesses: seeds replayed, ${secs}s of fuzzing each, no crash"
