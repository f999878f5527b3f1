#!/bin/sh
# Several tidings at once on one cache, as the TUI and a cron --refresh
# would be: three refreshes of the same 40 feeds, exports reading all the
# while and another process rating articles. Nothing fails, nothing is
# lost, and the cache passes PRAGMA integrity_check.
. "$top_srcdir/tests/lib.sh"
[ -n "${PYTHON3:-}" ] || skip "no python3"

F="$T/feeds"
mkdir -p "$F" "$XDG_CONFIG_HOME/tidings"
db="$XDG_DATA_HOME/tidings/cache.db"
# 40 feeds of 200 items (guids fF-I), each description padded to about
# 800 bytes so that a refresh writes a good deal.
make_feeds "$F" 40 200 plain 40
feed_urls "file://$F" 40 >"$XDG_CONFIG_HOME/tidings/urls"

# A first refresh fills the cache; then the reader rates some articles.
expect_status 0 "$TIDINGS" --refresh

# Three refreshes at once (the files changed: every feed is parsed and
# saved again), exports reading in a loop, and ratings being written.
touch "$F"/*.xml
for i in 1 2 3; do
	"$TIDINGS" --refresh >"$T/refresh$i.out" 2>"$T/refresh$i.err" &
	eval "pid$i=\$!"
done
(
	n=0
	while [ $n -lt 20 ]; do
		"$TIDINGS" --export=json --unread >/dev/null 2>>"$T/export.err" || { echo "export $n failed" >>"$T/export.err"; exit 1; }
		n=$((n + 1))
	done
) &
export_pid=$!
"$PYTHON3" - "$db" <<'PYEOF' || fail "the rating process failed"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], timeout=10)
for n in range(200):
    with db:
        db.execute("UPDATE items SET user_rating = ?, read = 1 WHERE guid = ?",
                   (1 + n % 5, "f%d-%d" % (n % 40, 1 + n)))
PYEOF
for i in 1 2 3; do
	eval "wait \$pid$i" || fail "refresh $i failed: $(cat "$T/refresh$i.err")"
done
wait $export_pid || fail "an export failed: $(cat "$T/export.err")"
pass "three refreshes, exports and ratings at once all succeed"

"$PYTHON3" - "$db" <<'PYEOF' || fail "the cache after concurrent use"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
assert db.execute("SELECT count(*) FROM items").fetchone()[0] == 40 * 200
rated = db.execute("SELECT count(*) FROM items WHERE user_rating IS NOT NULL AND read = 1").fetchone()[0]
assert rated == 200, rated
bad = db.execute("SELECT count(*) FROM items WHERE user_rating IS NOT NULL AND "
                 "user_rating != 1 + (CAST(substr(guid, instr(guid, '-') + 1) AS INTEGER) - 1) % 5").fetchone()[0]
assert bad == 0, bad
PYEOF
pass "integrity_check ok, every article and rating there"
