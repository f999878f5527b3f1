#!/bin/sh
# The command-line contract: --help, --version, and every usage error as
# two lines (what is wrong, then "Try 'tidings --help'."), exit 2.
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

# usage_error WANT ARGS...: exit 2, stderr exactly "tidings: WANT" and the
# hint, nothing on stdout.
usage_error() {
	msg=$1; shift
	expect_status 2 "$TIDINGS" "$@"
	printf "tidings: %s\nTry 'tidings --help'.\n" "$msg" | cmp -s - "$T/err" ||
		fail "tidings $*: stderr is: $(cat "$T/err")"
	[ ! -s "$T/out" ] || fail "tidings $*: wrote to stdout: $(cat "$T/out")"
}

usage_error "unknown option '--no-such-option'" --no-such-option
usage_error "unknown option '-Z'" -Z
usage_error "option '--add' needs an argument" --add
pass "unknown options exit 2 with a two-line error"

# Modes do not combine, and nothing is done when they are given together.
usage_error "--add and --list cannot be combined" --add http://127.0.0.1:9/x.xml --list
[ ! -e "$XDG_CONFIG_HOME/tidings/urls" ] || fail "--add --list added something"
usage_error "--list and --refresh cannot be combined" --list --refresh
usage_error "--export and --read cannot be combined" --export --read x.html
usage_error "--import and --remove cannot be combined" --import a.opml --remove x
usage_error "--add given twice" --add http://127.0.0.1:9/a.xml --add http://127.0.0.1:9/b.xml
pass "two modes are refused"

# Options of one mode are refused elsewhere, and alone.
usage_error "--unread works only with --export" --unread
usage_error "--full works only with --export" --full
usage_error "--width works only with --export or --read" --width 40
usage_error "--unread cannot be used with --list" --list --unread
usage_error "--base-url cannot be used with --export" --export --base-url http://x/ a.rss
pass "an option outside its mode is refused"

# Stray operands: the reader does not start, --list does not ignore them.
usage_error "unexpected argument 'http://example.org/feed' (to subscribe to a feed: tidings --add URL)" http://example.org/feed
usage_error "unexpected argument 'extra' after --list" --list extra
usage_error "unexpected argument 'x' after --refresh" --refresh x
usage_error "unexpected argument 'b.html' after --read" --read a.html b.html
usage_error "--read needs one URL or FILE" --read
pass "stray arguments are refused"

# Every long option --help lists must be known to the parser: nothing that
# is only in the help text. (Run alone: a missing argument is not "unknown".)
"$TIDINGS" --help | grep -o -- '--[a-z][a-z-]*' | sort -u >"$T/opts"
while read -r opt; do
	timeout 10 "$TIDINGS" "$opt" </dev/null >/dev/null 2>"$T/e"
	! grep -q 'unknown option' "$T/e" || fail "--help lists $opt but it is unknown"
done <"$T/opts"
pass "every option in --help is accepted"
