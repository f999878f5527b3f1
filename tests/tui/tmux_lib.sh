# Helpers for the TUI tests, sourced after tests/lib.sh: tidings runs in a
# private tmux server (its own socket, no config file) at a fixed size,
# keys go in with send-keys, and the screen comes back from capture-pane.
# Waits poll the screen with a bounded loop instead of sleeping blindly.

[ -n "${TMUX_BIN:-}" ] && [ -x "$TMUX_BIN" ] || skip "no tmux"
TM_SOCKET="tidings-test-$$"
tm() { "$TMUX_BIN" -L "$TM_SOCKET" -f /dev/null "$@"; }
at_exit "tm kill-server 2>/dev/null"

# How long a wait may take, in 50 ms steps (sanitizer builds are slow).
TM_STEPS=${TM_STEPS:-300}

# start_tui [COLSxROWS] [ENV=VALUE...]: start tidings in a new session;
# its stderr goes to $T/tui.err and its exit status to $T/tui.status.
start_tui() {
	size=${1:-80x24}; shift 2>/dev/null || true
	rm -f "$T/tui.status"
	tm new-session -d -x "${size%x*}" -y "${size#*x}" \
		"env $* '$TIDINGS' 2>>'$T/tui.err'; echo \$? >'$T/tui.status'"
}

screen() { tm capture-pane -p; }

# wait_for TEXT: until the screen shows TEXT (fixed string).
wait_for() {
	i=0
	while ! screen 2>/dev/null | grep -F -q -- "$1"; do
		i=$((i + 1))
		if [ $i -ge $TM_STEPS ]; then
			echo "--- screen:" >&2; screen >&2
			echo "--- stderr:" >&2; cat "$T/tui.err" >&2 2>/dev/null
			fail "timed out waiting for: $1"
		fi
		sleep 0.05
	done
}

# wait_gone TEXT: until the screen no longer shows TEXT.
wait_gone() {
	i=0
	while screen 2>/dev/null | grep -F -q -- "$1"; do
		i=$((i + 1))
		[ $i -lt $TM_STEPS ] || { screen >&2; fail "still showing: $1"; }
		sleep 0.05
	done
}

# line N: line N (1-based) of the screen.
line() { screen | sed -n "${1}p"; }

# keys KEY...: send tmux key names (Enter, Escape, PageDown, j...).
keys() { tm send-keys "$@"; }
# type TEXT: send TEXT literally.
type_text() { tm send-keys -l -- "$1"; }

# wait_exit: until tidings has exited; sets TUI_STATUS.
wait_exit() {
	i=0
	while [ ! -s "$T/tui.status" ]; do
		i=$((i + 1))
		[ $i -lt $TM_STEPS ] || { screen >&2; fail "tidings did not exit"; }
		sleep 0.05
	done
	TUI_STATUS=$(cat "$T/tui.status")
}

# check_stderr: no sanitizer report or other noise from tidings.
check_stderr() {
	if [ -s "$T/tui.err" ]; then
		cat "$T/tui.err" >&2
		fail "tidings wrote to stderr"
	fi
}

# cursor_line: the selected row of a list (drawn in reverse video), as
# plain text; empty when no row below the title bar is selected.
cursor_line() {
	esc=$(printf '\033')
	tm capture-pane -p -e | sed 1d | grep -m1 "$esc\[\([0-9;]*;\)\{0,1\}7m" |
		sed "s/$esc\[[0-9;]*m//g"
}

# wait_cursor TEXT: until the selected row shows TEXT (fixed string), so a
# key that should move the cursor is seen to move it.
wait_cursor() {
	i=0
	while ! cursor_line 2>/dev/null | grep -F -q -- "$1"; do
		i=$((i + 1))
		if [ $i -ge $TM_STEPS ]; then
			echo "--- screen:" >&2; screen >&2
			fail "timed out waiting for the cursor on: $1 (it is on: $(cursor_line))"
		fi
		sleep 0.05
	done
}

# Whole-screen comparisons, as tmux's regress suite does: the pane as
# capture-pane prints it, byte for byte against tests/tui/expect/NAME.screen.
# TM_MASK is a sed script applied to the capture first, for the parts that
# may not be fixed (the version in the title bar).
TM_MASK=${TM_MASK:-}
# How long a differing screen must stay unchanged before it counts as
# settled (50 ms steps): a screen that is still drawing gets the time.
TM_SETTLE_STEPS=20

screen_masked() { screen | sed -e "${TM_MASK:-}"; }

# expect_screen NAME MARKER: wait for MARKER, then poll the screen until it
# equals the expected one, or until it has stopped changing and does not;
# then print a diff and fail. TIDINGS_UPDATE_SCREENS=1 writes the expected
# file from the screen once it has settled (review it before committing).
expect_screen() {
	want="$top_srcdir/tests/tui/expect/$1.screen"
	got="$T/$1.screen"
	wait_for "$2"
	screen_masked >"$got"
	i=0; same=0
	while [ -n "${TIDINGS_UPDATE_SCREENS:-}" ] || ! cmp -s "$want" "$got"; do
		sleep 0.05
		screen_masked >"$got.next"
		if cmp -s "$got" "$got.next"; then
			same=$((same + 1))
		else
			same=0; mv "$got.next" "$got"
		fi
		[ $same -lt $TM_SETTLE_STEPS ] || break
		i=$((i + 1))
		[ $i -lt $TM_STEPS ] || fail "screen $1 never settled"
	done
	if [ -n "${TIDINGS_UPDATE_SCREENS:-}" ]; then
		cp "$got" "$want"
		echo "wrote $want"
		return 0
	fi
	cmp -s "$want" "$got" || {
		diff -u "$want" "$got" >&2
		fail "screen $1 differs from tests/tui/expect/$1.screen"
	}
}

# wait_line N TEXT: until line N (1-based) of the screen is exactly TEXT.
wait_line() {
	i=0
	while [ "$(line "$1" 2>/dev/null)" != "$2" ]; do
		i=$((i + 1))
		if [ $i -ge $TM_STEPS ]; then
			echo "--- screen:" >&2; screen >&2
			fail "timed out waiting for line $1 to be: $2"
		fi
		sleep 0.05
	done
}
