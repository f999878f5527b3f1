# Shared helpers for the shell tests: sourced, never run on its own.
# The harness sets TIDINGS, top_srcdir, top_builddir, SHARED, PYTHON3, TMUX_BIN.

set -u
: "${TIDINGS:?run through make check}"
: "${top_srcdir:?run through make check}"

# A private temporary folder with its own XDG directories, removed on exit.
T=$(mktemp -d "${TMPDIR:-/tmp}/tidings-test.XXXXXX")
export XDG_CONFIG_HOME="$T/config" XDG_DATA_HOME="$T/data" HOME="$T/home"
mkdir -p "$HOME"
cleanup_hooks=""
at_exit() { cleanup_hooks="$1; $cleanup_hooks"; }
trap 'eval "$cleanup_hooks"; rm -rf "$T"' EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }
skip() { echo "SKIP: $*" >&2; exit 77; }
pass() { echo "ok: $*"; }

# need_shared PATH: skip when the shared corpora are not beside the tree.
need_shared() { [ -e "$SHARED/$1" ] || skip "no $SHARED/$1"; }

# expect_status WANT CMD...: run CMD, fail unless it exits WANT.
expect_status() {
	want=$1; shift
	"$@" >"$T/out" 2>"$T/err"; got=$?
	[ "$got" -eq "$want" ] || {
		cat "$T/out" "$T/err" >&2
		fail "'$*' exited $got, wanted $want"
	}
}

# start_server: start tests/server.py on a free loopback port in the
# background; sets PORT and BASE (http://127.0.0.1:PORT). Stopped on exit.
start_server() {
	[ -n "${PYTHON3:-}" ] || skip "no python3"
	"$PYTHON3" "$top_srcdir/tests/server.py" --root "${1:-$T}" \
		--port-file "$T/port" >"$T/server.log" 2>&1 &
	server_pid=$!
	at_exit "kill $server_pid 2>/dev/null"
	i=0
	while [ ! -s "$T/port" ]; do
		i=$((i + 1)); [ $i -lt 100 ] || fail "test server did not start"
		sleep 0.05
	done
	PORT=$(cat "$T/port"); BASE="http://127.0.0.1:$PORT"
}

# The bundled NewsFactor sample (data/newsfactor/), dated May 2014.
SAMPLE="$top_srcdir/data/newsfactor"

# subscribe_sample: a urls file with the two sample feeds as file:// URLs
# (CRM Daily, then Sci-Tech Today), after any lines already there.
subscribe_sample() {
	mkdir -p "$XDG_CONFIG_HOME/tidings"
	for f in crm-daily.rss sci-tech-today.atom; do
		echo "file://$SAMPLE/$f" >>"$XDG_CONFIG_HOME/tidings/urls"
	done
}
