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
	# the server is on loopback: a proxy from the environment must not
	# get in between
	unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy
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

# server_requests TEXT: how many lines of the test server's log hold TEXT
# (a fixed string; the log has one "REQ METHOD PATH STATUS cond=0|1" line
# per request).
server_requests() { grep -c -F -- "$1" "$T/server.log"; }

# wait_requests TEXT [N]: until the server has logged N (default 1)
# requests holding TEXT: a positive event to wait for before asserting
# that something else did not happen.
wait_requests() {
	i=0
	while [ "$(server_requests "$1")" -lt "${2:-1}" ]; do
		i=$((i + 1))
		[ $i -lt 300 ] || { cat "$T/server.log" >&2; fail "the server never saw ${2:-1} of: $1"; }
		sleep 0.05
	done
}

# The bundled NewsFactor sample (data/newsfactor/), dated May 2014.
SAMPLE="$top_srcdir/data/newsfactor"
# The feeds the shell tests read: tests/data/feeds/NAME. One that links to
# the test server writes the server's address as @BASE@.
FEEDS_DIR="$top_srcdir/tests/data/feeds"

# subscribe URL...: append these lines to the urls file.
subscribe() {
	mkdir -p "$XDG_CONFIG_HOME/tidings"
	for url; do
		echo "$url" >>"$XDG_CONFIG_HOME/tidings/urls"
	done
}

# subscribe_sample: the two sample feeds as file:// URLs (CRM Daily, then
# Sci-Tech Today), after any lines already in the urls file.
subscribe_sample() {
	subscribe "file://$SAMPLE/crm-daily.rss" "file://$SAMPLE/sci-tech-today.atom"
}

# put_feed NAME [DEST]: the feed tests/data/feeds/NAME copied to DEST
# (default: the server's root, $T/root/NAME), @BASE@ made $BASE.
put_feed() {
	dest=${2:-$T/root/$1}
	[ -f "$FEEDS_DIR/$1" ] || fail "no tests/data/feeds/$1"
	mkdir -p "${dest%/*}"
	sed "s|@BASE@|$BASE|g" "$FEEDS_DIR/$1" >"$dest"
}

# serve_feeds [NAME...]: start the test server on $T/root with these feeds
# in it (put_feed); more files may go into $T/root afterwards.
serve_feeds() {
	mkdir -p "$T/root"
	start_server "$T/root"
	for name; do
		put_feed "$name"
	done
}
