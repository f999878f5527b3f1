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

# keep_feed FILE STAMP ID...: the retention tests' feed "Keep", one item a
# ID (title "Article ID", guid ID), written to FILE with its mtime STAMP
# (touch -d), so that a refresh of file://FILE sees it change.
keep_feed() {
	file=$1 stamp=$2; shift 2
	{
		echo '<?xml version="1.0"?>'
		echo '<rss version="2.0"><channel><title>Keep</title><link>http://example.org/</link>'
		for id in "$@"; do
			echo "<item><title>Article $id</title><guid>$id</guid><link>http://example.org/$id</link><description>Text of $id.</description></item>"
		done
		echo '</channel></rss>'
	} >"$file"
	touch -d "$stamp" "$file"
}

# sql STATEMENTS: run SQL on the cache ($XDG_DATA_HOME/tidings/cache.db)
# and commit; the rows of each statement print one a line, "|" between
# columns, NULL as nothing. A query the cache refuses fails the test.
sql() {
	"$PYTHON3" - "$XDG_DATA_HOME/tidings/cache.db" "$1" <<'PYEOF' || fail "sql: $1"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
stmt = ""
for part in sys.argv[2].split(";"):
    stmt += part + ";"
    if not sqlite3.complete_statement(stmt):
        continue
    if stmt.strip(" \t\n;"):
        for row in db.execute(stmt):
            print("|".join("" if v is None else str(v) for v in row))
    stmt = ""
db.commit()
PYEOF
}

# cached_ids: the ids of the cached articles (--export=json), sorted, on
# one line.
cached_ids() {
	expect_status 0 "$TIDINGS" --export=json
	"$PYTHON3" -c 'import json, sys; print(" ".join(sorted(json.loads(l)["id"] for l in open(sys.argv[1]))))' "$T/out"
}

# make_feeds DIR NFEEDS NITEMS [STYLE [FILLER]]: generated feeds
# (tests/data/make_feeds.py: DIR/feed000.xml, feed001.xml...).
make_feeds() {
	"$PYTHON3" "$top_srcdir/tests/data/make_feeds.py" "$@" ||
		fail "could not write the feeds"
}

# feed_urls PREFIX NFEEDS [SUFFIX]: the generated feeds' URLs, one a line:
# PREFIX/feed000.xmlSUFFIX, PREFIX/feed001.xmlSUFFIX...
feed_urls() {
	i=0
	while [ $i -lt "$2" ]; do
		printf '%s/feed%03d.xml%s\n' "$1" $i "${3:-}"
		i=$((i + 1))
	done
}
