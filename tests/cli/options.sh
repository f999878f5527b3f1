#!/bin/sh
# The command-line contract: --help, --version, unknown options.
. "$top_srcdir/tests/lib.sh"

expect_status 0 "$TIDINGS" --version
grep -q '^tidings [0-9]' "$T/out" || fail "--version printed: $(cat "$T/out")"
pass "--version"

expect_status 0 "$TIDINGS" -V
grep -q '^tidings [0-9]' "$T/out" || fail "-V"

expect_status 0 "$TIDINGS" --help
grep -q '^usage: tidings' "$T/out" || fail "--help has no usage line"
[ ! -s "$T/err" ] || fail "--help wrote to stderr"
pass "--help"

expect_status 2 "$TIDINGS" --no-such-option
grep -q "unknown option '--no-such-option'" "$T/err" || fail "unknown long option not named"
grep -q '^usage: tidings' "$T/err" || fail "no usage on stderr"
[ ! -s "$T/out" ] || fail "usage went to stdout"
expect_status 2 "$TIDINGS" -Z
grep -q "unknown option '-Z'" "$T/err" || fail "unknown short option not named"
pass "unknown options exit 2 with usage"

# Every long option --help lists must be known to the parser: nothing that
# is only in the help text. (Run alone: a missing argument is not "unknown".)
"$TIDINGS" --help | grep -o -- '--[a-z][a-z-]*' | sort -u >"$T/opts"
while read -r opt; do
	timeout 10 "$TIDINGS" "$opt" </dev/null >/dev/null 2>"$T/e"
	! grep -q 'unknown option' "$T/e" || fail "--help lists $opt but it is unknown"
done <"$T/opts"
pass "every option in --help is accepted"
