#!/bin/sh
# Terminal injection: a feed and a page whose titles, authors, summaries and
# links carry ESC/CSI, OSC 0/2 (window title), OSC 52 (clipboard), OSC 8
# (links), DCS, C1 controls (U+009B, U+009D), bidi overrides, NUL and an
# over-long line (tests/attack/hostile.py makes them). Nothing may reach a
# terminal as a control: --export=text, --list, --read and the TUI show
# inert text; --export=json and --read=json escape every control and keep
# the text (as XML can carry it).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/attack/attack_lib.sh"

H="$top_srcdir/tests/attack/hostile.py"
hostile() { "$PYTHON3" "$H" "$@"; }
R="$T/root"
mkdir -p "$R"
hostile page "$R/hostile.html"
start_faults
# the first item links to the hostile page (for the TUI's readable view)
hostile feed "$R/hostile.rss" "$FBASE/hostile.html"

# ---- one-shot exports, from a file and over HTTP
for src in "$R/hostile.rss" "$FBASE/hostile.rss"; do
	expect_bounded 0 30 "$TIDINGS" --export=text --width 80 "$src"
	hostile check-text "$T/out" || fail "--export=text $src lets controls through"
	expect_bounded 0 30 "$TIDINGS" --export=json "$src"
	hostile check-json "$T/out" title author || fail "--export=json $src"
	[ "$(wc -l <"$T/out")" -eq 3 ] || fail "--export=json $src: $(wc -l <"$T/out") lines, want 3"
done
pass "--export=text is inert, --export=json escapes and keeps the text"

# ---- the same through the cache: --refresh, --list, --export
echo "$FBASE/hostile.rss" >"$URLS"
expect_bounded 0 30 "$TIDINGS" --refresh
[ ! -s "$T/err" ] || hostile check-text "$T/err" --any || fail "--refresh: $(cat -v "$T/err")"
# progress lines (with the feed's title) are printed when stderr is a
# terminal: give it one with script(1)
if command -v script >/dev/null 2>&1; then
	touch "$R/hostile.rss"
	TIDINGS_BIN="$TIDINGS" timeout 30 script -q -e -c '"$TIDINGS_BIN" --refresh' /dev/null >"$T/tty.out" 2>&1 </dev/null
	tr -d '\r' <"$T/tty.out" >"$T/tty.txt"
	grep -q "HOSTILE" "$T/tty.txt" || fail "--refresh on a terminal: no progress line: $(cat -v "$T/tty.txt")"
	hostile check-text "$T/tty.txt" || fail "--refresh progress on a terminal lets controls through"
fi
expect_bounded 0 30 "$TIDINGS" --list
hostile check-text "$T/out" || fail "--list lets controls through"
expect_bounded 0 30 "$TIDINGS" --export=text
hostile check-text "$T/out" || fail "--export=text from the cache lets controls through"
expect_bounded 0 30 "$TIDINGS" --export=json
hostile check-json "$T/out" title author || fail "--export=json from the cache"
pass "--list and exports from the cache are inert"

# ---- errors that quote hostile text: a redirect's Location in the message
# (from the network), and a SOURCE given on the command line
has_raw_controls() {
	"$PYTHON3" -c 'import sys
d = open(sys.argv[1], "rb").read()
sys.exit(0 if b"\x1b" in d or b"\x07" in d or b"\xc2\x9b" in d else 1)' "$1"
}
loc=$(printf 'file:///etc/x\033]0;pwned\007\302\2332J' | "$PYTHON3" -c 'import sys, urllib.parse
print(urllib.parse.quote(sys.stdin.buffer.read(), safe=""))')
echo "$FBASE/chain/1?to=$loc" >"$URLS"
expect_bounded 1 30 "$TIDINGS" --refresh
! has_raw_controls "$T/err" || fail "a redirect's Location reaches the terminal: $(cat -v "$T/err")"
expect_bounded 1 30 "$TIDINGS" --export=text "$FBASE/chain/1?to=$loc"
! has_raw_controls "$T/err" || fail "a redirect's Location reaches the terminal: $(cat -v "$T/err")"
pass "error messages quoting the network are inert"
echo "$FBASE/hostile.rss" >"$URLS"
bad="$FBASE/status/404?$(printf 'x\033]0;pwned\007y')"
expect_bounded 1 30 "$TIDINGS" --export=text "$bad"
! has_raw_controls "$T/err" ||
	fail "export_source() prints the SOURCE argument raw in its error message: $(cat -v "$T/err")"
grep -q "status/404?x.*y: " "$T/err" || fail "the SOURCE is not named: $(cat -v "$T/err")"
# the same for a file SOURCE, --read, and the arguments of other modes
bad="$T/$(printf 'no\033]0;pwned\007such')"
expect_bounded 1 30 "$TIDINGS" --export=text "$bad"
! has_raw_controls "$T/err" || fail "--export FILE quotes it raw: $(cat -v "$T/err")"
expect_bounded 1 30 "$TIDINGS" --read "$bad"
! has_raw_controls "$T/err" || fail "--read FILE quotes it raw: $(cat -v "$T/err")"
expect_bounded 1 30 "$TIDINGS" --import "$bad"
! has_raw_controls "$T/err" || fail "--import FILE quotes it raw: $(cat -v "$T/err")"
expect_bounded 2 30 "$TIDINGS" "--export=$(printf 'x\033[2J')" "$bad"
! has_raw_controls "$T/err" || fail "a bad --export format is quoted raw: $(cat -v "$T/err")"
expect_bounded 2 30 "$TIDINGS" "--$(printf 'x\033[2J')"
! has_raw_controls "$T/err" || fail "an unknown option is quoted raw: $(cat -v "$T/err")"
pass "error messages quoting command-line arguments are inert"

# ---- --read on a hostile page, from a file and over HTTP
for src in "$R/hostile.html" "$FBASE/hostile.html"; do
	expect_bounded 0 30 "$TIDINGS" --read "$src"
	hostile check-text "$T/out" || fail "--read $src lets controls through"
	expect_bounded 0 30 "$TIDINGS" --read=json "$src"
	hostile check-json "$T/out" --lenient title author text ||
		fail "--read=json $src"
done
pass "--read is inert, --read=json escapes"

# ---- the TUI through tmux
[ -n "${TMUX_BIN:-}" ] && [ -x "$TMUX_BIN" ] || skip "no tmux: the TUI part is not run"
TM="tidings-attack-$$"
tm() { "$TMUX_BIN" -L "$TM" -f /dev/null "$@"; }
at_exit "tm kill-server 2>/dev/null"
screen() { tm capture-pane -p; }
wait_for() {
	i=0
	while ! screen 2>/dev/null | grep -F -q -- "$1"; do
		i=$((i + 1))
		[ $i -lt 300 ] || { screen >&2; cat "$T/tui.err" >&2; fail "TUI: timed out waiting for: $1"; }
		sleep 0.05
	done
}
tm new-session -d -x 220 -y 40 "printf '\\033]2;%s\\033\\\\' tidings-attack-title; env -u TMUX '$TIDINGS' 2>>'$T/tui.err'; echo \$? >'$T/tui.status'; sleep 30"
# OSC 52 from the application would make a tmux buffer (set-clipboard on);
# titles set by the application would show in #{pane_title}.
tm set-option -g set-clipboard on
tm set-option -g allow-passthrough off 2>/dev/null
title0=$(tm display -p '#{pane_title}')

check_tui() { # WHERE
	s=$(screen)
	# the text between the sequences is shown; the sequences themselves
	# were dropped whole by the XML pass (not left as "[31;1m" text)
	case $s in
	*"HOSTILE<|red|"*) ;;
	*) echo "$s" >&2; fail "TUI $1: the text around the escape sequences is not shown" ;;
	esac
	case $s in
	*"31;1m"*|*"]0;pwned-title"*) echo "$s" >&2; fail "TUI $1: escape sequence leftovers on the screen" ;;
	esac
	screen >"$T/screen"
	hostile check-text "$T/screen" || fail "TUI $1: controls on the screen"
	[ "$(tm display -p '#{pane_title}')" = "$title0" ] ||
		fail "TUI $1: the pane title changed to $(tm display -p '#{pane_title}')"
	b=$(tm list-buffers 2>/dev/null)
	[ -z "$b" ] || fail "TUI $1: OSC 52 reached the clipboard: $b"
}
wait_for "Feeds (1)"
wait_for "HOSTILE"
check_tui "feed list"
tm send-keys j Enter
wait_for "3 articles"
check_tui "headlines"
tm send-keys Enter
wait_for "Title:"
wait_for "WWWWWWWW"
check_tui "article"
# the readable view (v): the hostile page's text, fetched and extracted
tm send-keys v
wait_for "Paragraph 1 of a long enough article"
check_tui "readable view"
pass "TUI: the readable view of a hostile page is inert"
tm send-keys q q q
i=0
while [ ! -s "$T/tui.status" ]; do
	i=$((i + 1)); [ $i -lt 200 ] || fail "TUI did not quit"
	sleep 0.05
done
[ "$(cat "$T/tui.status")" = 0 ] || fail "TUI exited $(cat "$T/tui.status")"
[ ! -s "$T/tui.err" ] || { cat "$T/tui.err" >&2; fail "TUI wrote to stderr"; }
pass "TUI: inert text, pane title and clipboard untouched"
