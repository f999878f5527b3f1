# Shared helpers for the sync tests (tests/sync/*.sh): sourced, never run
# on its own. Each test starts ONE throw-away FreshRSS (the real server, from
# ../shared/servers/freshrss, on PHP's built-in server) on a free loopback
# port, a tests/server.py serving the feeds it subscribes to, and a fault
# proxy (tests/sync/faultproxy.py) in front of FreshRSS that tidings talks
# to. Everything is stopped on exit. Skips (77) only without php or
# ../shared.

. "$top_srcdir/tests/lib.sh"

FR="$SHARED/servers/freshrss"
[ -x "$FR/start-freshrss.sh" ] || skip "no $FR"
command -v php >/dev/null 2>&1 || skip "no php (apt-get install php-cli php-curl php-sqlite3 php-xml php-mbstring php-intl php-zip php-gmp)"
command -v curl >/dev/null 2>&1 || skip "no curl"
[ -n "${PYTHON3:-}" ] || skip "no python3"
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy

SYNC_TOOL="$top_builddir/tests/sync/sync_tool"
DB="$XDG_DATA_HOME/tidings/cache.db"
FR_USER=alice
FR_API_PASSWORD=apipass123
# a stalled or broken server must fail the test in seconds, not minutes
export TIDINGS_TIMEOUT_MS=${TIDINGS_TIMEOUT_MS:-4000}

# db SQL: run SQL on the cache; one line per row, columns joined by |.
# The sqlite3 shell when there is one (python starts slowly on a loaded
# machine), else python's sqlite3.
if command -v sqlite3 >/dev/null 2>&1; then
	db() { sqlite3 -batch "${DBFILE:-$DB}" "$1"; }
else
	db() {
		"$PYTHON3" - "${DBFILE:-$DB}" "$1" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
for r in c.execute(sys.argv[2]):
    print("|".join("" if v is None else str(v) for v in r))
PY
	}
fi

# snapshot: what must not change when a sync fails (feeds, items, queue).
snapshot() {
	db "SELECT id, url, server_id, title, server_folders FROM feeds ORDER BY id;
	    " >"$T/snap.$1"
	db "SELECT id, feed_id, server_id, title, read, starred, user_rating
	    FROM items ORDER BY id" >>"$T/snap.$1"
	db "SELECT seq, kind, item_sid, value FROM sync_pending ORDER BY seq" >>"$T/snap.$1"
}

# free_port: a loopback port nobody listens on now
free_port() {
	"$PYTHON3" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# make_sync_feeds NFEEDS NITEMS [NAME...]: NFEEDS RSS files feed1.xml... of
# NITEMS items each under $T/feeds, and $T/subs.opml subscribing to them
# in three folders (Folder A, B, C, round robin) at $BASE, and to each
# NAME (a file the test put in $T/feeds) in folder Rated, served with
# validators (/etag/NAME).
make_sync_feeds() {
	mkdir -p "$T/feeds"
	nf=$1 ni=$2
	shift 2
	"$PYTHON3" - "$T/feeds" "$nf" "$ni" "$BASE" "$T/subs.opml" "$@" <<'PY'
import sys
d, nf, ni, base, opml = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
extra = sys.argv[6:]
folders = {"Folder A": [], "Folder B": [], "Folder C": []}
names = list(folders)
for f in range(1, nf + 1):
    items = []
    for i in range(1, ni + 1):
        items.append("<item><title>Feed %d item %d</title>"
                     "<link>http://example.org/f%d/%d</link>"
                     "<guid isPermaLink=\"false\">f%d-i%d</guid>"
                     "<pubDate>Mon, 01 Jan 2024 %02d:%02d:00 GMT</pubDate>"
                     "<description>Body %d of feed %d</description></item>"
                     % (f, i, f, i, f, i, (i // 60) % 24, i % 60, i, f))
    with open("%s/feed%d.xml" % (d, f), "w") as out:
        out.write("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>"
                  "<title>Feed %d</title><link>http://example.org/f%d/</link>"
                  "<description>test feed %d</description>%s</channel></rss>\n"
                  % (f, f, f, "".join(items)))
    folders[names[(f - 1) % 3]].append(f)
with open(opml, "w") as out:
    out.write('<?xml version="1.0" encoding="UTF-8"?><opml version="2.0">'
              '<head><title>t</title></head><body>')
    for name, fs in folders.items():
        if not fs:
            continue
        out.write('<outline text="%s">' % name)
        for f in fs:
            out.write('<outline text="Feed %d" type="rss" xmlUrl="%s/feed%d.xml"/>'
                      % (f, base, f))
        out.write('</outline>')
    if extra:
        out.write('<outline text="Rated">')
        for name in extra:
            out.write('<outline text="%s" type="rss" xmlUrl="%s/etag/%s"/>'
                      % (name, base, name))
        out.write('</outline>')
    out.write('</body></opml>\n')
PY
}

# proxy_start [PORT]: the fault proxy in front of FreshRSS (mode in
# $T/mode, "pass" when absent); sets PPORT. Again on the same PORT after
# proxy_stop: the server "comes back".
proxy_start() {
	rm -f "$T/pport"
	"$PYTHON3" "$top_srcdir/tests/sync/faultproxy.py" --upstream "$FR_BASE" \
		--mode-file "$T/mode" --port "${1:-0}" --port-file "$T/pport" \
		2>>"$T/proxy.log" &
	proxy_pid=$!
	i=0
	while [ ! -s "$T/pport" ]; do
		i=$((i + 1)); [ $i -lt 200 ] || fail "the fault proxy did not start"
		sleep 0.05
	done
	PPORT=$(cat "$T/pport")
}
proxy_stop() { kill "$proxy_pid" 2>/dev/null; wait "$proxy_pid" 2>/dev/null; }
proxy_mode() { echo "$1" >"$T/mode"; }
# proxy_count TEXT: requests the proxy logged holding TEXT
proxy_count() { grep -c -F -- "$1" "$T/proxy.log"; }

# fr_start NFEEDS NITEMS [NAME...]: feeds (make_sync_feeds), FreshRSS
# subscribed to them (fetched once), the proxy, and the tidings config
# pointing at the proxy.
fr_start() {
	start_server "$T/feeds"
	make_sync_feeds "$@"
	FR_PORT=$(free_port)
	FEEDS_OPML="$T/subs.opml" "$FR/start-freshrss.sh" "$FR/src" "$T/fr" \
		"$FR_PORT" >"$T/fr.out" 2>"$T/fr.err" ||
		{ cat "$T/fr.err" >&2; fail "FreshRSS did not start"; }
	at_exit "'$FR/stop-freshrss.sh' '$T/fr' >/dev/null 2>&1"
	FR_BASE="http://127.0.0.1:$FR_PORT"
	API="$FR_BASE/api/greader.php"
	AUTH=$(curl -sf -d "Email=$FR_USER" -d "Passwd=$FR_API_PASSWORD" \
		"$API/accounts/ClientLogin" | sed -n 's/^Auth=//p')
	[ -n "$AUTH" ] || fail "no Auth from FreshRSS"
	WTOKEN=$(fr_get /reader/api/0/token)
	proxy_start
	at_exit "proxy_stop"
	write_config "$FR_API_PASSWORD"
}

# write_config PASSWORD [API]: the sync lines (API: the proxy's by
# default), the password in a private file.
write_config() {
	mkdir -p "$XDG_CONFIG_HOME/tidings"
	printf '%s\n' "$1" >"$T/password"
	chmod 600 "$T/password"
	cat >"$XDG_CONFIG_HOME/tidings/config" <<CFG
sync greader
sync-url ${2:-http://127.0.0.1:$PPORT/api/greader.php}
sync-user $FR_USER
sync-password-file $T/password
CFG
}

# fr_get PATH: a GET on FreshRSS's API as alice, straight (no proxy)
fr_get() { curl -sf -H "Authorization: GoogleLogin auth=$AUTH" "$API$1"; }
# fr_post PATH CURL-ARGS...: a write with the token
fr_post() {
	p=$1; shift
	curl -sf -H "Authorization: GoogleLogin auth=$AUTH" -d "T=$WTOKEN" "$@" "$API$p"
}
# fr_ids QUERY: the decimal item ids of items/ids?QUERY, one a line
fr_ids() {
	fr_get "/reader/api/0/stream/items/ids?output=json&n=10000&$1" |
		grep -o '"id":"[0-9]*"' | tr -dc '0-9\n'
}
# fr_refresh: FreshRSS fetches its feeds again (after a feed file changed)
fr_refresh() { "$FR/refresh-freshrss.sh" "$T/fr" >/dev/null 2>&1 || true; }

# tsync [ARGS]: tidings --sync, output in $T/out and $T/err, status in $rc
tsync() {
	"$TIDINGS" --sync "$@" >"$T/out" 2>"$T/err"; rc=$?
}
# sync_ok: tidings --sync must succeed
sync_ok() {
	tsync
	[ "$rc" -eq 0 ] || { cat "$T/err" >&2; fail "--sync exited $rc: $(cat "$T/err")"; }
}
# sync_fails PATTERN: --sync must exit 1 with ONE line on stderr holding
# PATTERN (an extended regex)
sync_fails() {
	tsync
	[ "$rc" -eq 1 ] || { cat "$T/err" >&2; fail "--sync exited $rc, wanted 1"; }
	[ "$(wc -l <"$T/err")" -eq 1 ] || { cat "$T/err" >&2; fail "not one line on stderr"; }
	grep -Eq "^tidings: sync: .*($1)" "$T/err" ||
		fail "stderr '$(cat "$T/err")' does not say $1"
	! grep -q "$FR_API_PASSWORD" "$T/err" || fail "the password is in the message"
}
# row SERVER_ID: the cache's rowid of the item the server calls SERVER_ID
row() { db "SELECT id FROM items WHERE server_id = $1"; }

# fr_requests: API requests FreshRSS has served so far (its php -S log;
# the same count tests/bench/sync.sh takes)
fr_requests() { grep -c ']: \(GET\|POST\) ' "$T/fr/php-server.log"; }
# sync_const NAME: a SYNC_* limit of include/sync.h, evaluated
sync_const() {
	echo $(( $(sed -n "s/^#define $1 \([^/]*\).*/\1/p" "$top_srcdir/include/sync.h") ))
}
# new_id_pages: the proxy's requests for the ids of new items (the reading
# list without the unread filter)
new_id_pages() {
	grep 'items/ids' "$T/proxy.log" | grep 'reading-list' | grep -vc 'xt='
}
