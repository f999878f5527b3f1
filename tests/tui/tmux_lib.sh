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
