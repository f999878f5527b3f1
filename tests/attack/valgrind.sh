#!/bin/sh
# valgrind memcheck on the CLI paths: --export FILE (JSON and text, a
# sample and a hostile feed), --read FILE, --refresh against the local
# server (good feeds, a 404, a redirect loop) and --export from the cache.
# Any memory error or definite leak fails. Skipped (77) when valgrind is
# not installed or the binary is a sanitizer build (ASan and valgrind do
# not mix); set VALGRIND to use another valgrind.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/attack/attack_lib.sh"

VALGRIND=${VALGRIND:-$(command -v valgrind)}
[ -n "$VALGRIND" ] && [ -x "$VALGRIND" ] || skip "no valgrind"
[ "$SANITIZED" = 0 ] || skip "a sanitizer build: valgrind runs on the normal build"

nf="$top_srcdir/data/newsfactor"
R="$T/root"
mkdir -p "$R"
"$PYTHON3" "$top_srcdir/tests/attack/hostile.py" feed "$R/hostile.rss"
"$PYTHON3" "$top_srcdir/tests/attack/hostile.py" page "$R/hostile.html"
cp "$nf/crm-daily.rss" "$nf/sci-tech-today.atom" "$R/"
start_faults

# vg WANT-EXIT NAME TIDINGS-ARGS...: run under memcheck; fail on any error
# it reports, or on another exit status.
n=0
vg() {
	want_rc=$1 name=$2; shift 2
	n=$((n + 1))
	timeout -k 5 300 "$VALGRIND" -q --tool=memcheck --error-exitcode=99 \
		--leak-check=full --errors-for-leak-kinds=definite \
		--show-leak-kinds=definite --child-silent-after-fork=yes \
		--log-file="$T/vg-$n.log" "$TIDINGS" "$@" >"$T/out" 2>"$T/err"
	rc=$?
	if [ $rc -eq 99 ] || [ $rc -eq 124 ] || [ -s "$T/vg-$n.log" ]; then
		cat "$T/vg-$n.log" >&2
		fail "memcheck: $name (exit $rc)"
	fi
	[ $rc -eq "$want_rc" ] || { cat "$T/err" >&2; fail "$name: exit $rc, want $want_rc"; }
}

vg 0 "--export=json FILE" --export=json "$nf/crm-daily.rss"
vg 0 "--export=text FILE" --export=text "$R/hostile.rss" "$nf/sci-tech-today.atom"
vg 0 "--export=json hostile" --export=json "$R/hostile.rss"
vg 0 "--read FILE" --read "$nf/fbi-microsoft.html"
vg 0 "--read=json hostile" --read=json "$R/hostile.html"
printf '%s\n' "$FBASE/crm-daily.rss" "$FBASE/sci-tech-today.atom" "$FBASE/hostile.rss" \
	"$FBASE/status/404" "$FBASE/redirect-loop" >"$URLS"
# one 404 and one redirect loop: exit 1
vg 1 "--refresh" --refresh
vg 1 "--refresh again" --refresh
vg 0 "--export from the cache" --export=json
vg 0 "--list" --list
pass "memcheck clean on $n CLI runs"
