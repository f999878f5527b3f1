#!/bin/sh
# Storage faults: SIGKILL at random points of a refresh (50 times), a full
# disk (RLIMIT_FSIZE with SIGXFSZ ignored), a read-only cache folder, two
# refreshes at once, and a corrupt cache file. The cache always opens,
# passes PRAGMA integrity_check and keeps its read flags and ratings; a
# corrupt file gets a clear message naming it and how to recover, and is
# never touched.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/attack/attack_lib.sh"

R="$T/root"
mkdir -p "$R"
start_faults --max-lifetime 900
NFEEDS=10

# step.py DB ROOT NFEEDS N: print the cache's state, "integrity|read
# flags|rating sum|torn feeds" (with DB "-": nothing), then write feeds
# feed0..feed{NFEEDS-1} with items 1..N each (guid F-I), when N > 0. Each
# feed's title says how many items it has ("Feed F has N"): a feed whose
# stored title and item count disagree was saved by halves (torn), which
# one transaction per feed rules out.
# step.py watch DB STOPFILE: until STOPFILE exists, read the cache as often
# as possible and print every torn feed a reader ever sees.
cat >"$T/step.py" <<'EOF'
import os, sqlite3, sys, time
TITLED = ("SELECT f.title, (SELECT count(*) FROM items i WHERE i.feed_id = f.id) "
          "FROM feeds f WHERE f.title LIKE 'Feed % has %'")


def torn(c):
    return [(t, n) for t, n in c.execute(TITLED) if int(t.split(" has ")[1]) != n]


if sys.argv[1] == "watch":
    c = sqlite3.connect(sys.argv[2], timeout=10)
    while not os.path.exists(sys.argv[3]):
        try:
            for row in torn(c):
                print("torn: %r with %d items" % row, flush=True)
        except sqlite3.OperationalError:
            pass  # busy while the next refresh recovers the WAL after a kill
        time.sleep(0.002)  # lets checkpoints through: the WAL stays small
    sys.exit(0)
db, root, nf, ni = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
if db != "-":
    c = sqlite3.connect(db, timeout=10)
    ic = c.execute("PRAGMA integrity_check").fetchone()[0]
    r = c.execute("SELECT count(*) FROM items WHERE read = 1 AND (guid LIKE '%-1' OR guid LIKE '%-2')").fetchone()[0]
    s = c.execute("SELECT coalesce(sum(user_rating), 0) FROM items WHERE guid LIKE '%-3'").fetchone()[0]
    t = len(torn(c))
    c.close()
    print("%s|%d|%d|%d" % (ic, r, s, t))
for f in range(nf if ni > 0 else 0):
    # the new item comes last: saved without a transaction, the feed's
    # title would be new while its items are still being written
    items = "".join("<item><title>Feed %d item %d</title><guid>%d-%d</guid>"
                    "<link>http://example.org/%d/%d</link><description>%s</description></item>\n"
                    % (f, i, f, i, f, i, "words " * 40) for i in range(1, ni + 1))
    with open("%s/feed%d.tmp" % (root, f), "w") as out:
        out.write('<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Feed %d has %d</title>'
                  "<link>http://example.org/%d</link>\n%s</channel></rss>\n" % (f, ni, f, items))
    os.rename("%s/feed%d.tmp" % (root, f), "%s/feed%d.xml" % (root, f))
EOF
gen() { "$PYTHON3" "$T/step.py" - "$R" "$NFEEDS" "$1"; }
state() { "$PYTHON3" "$T/step.py" "$DB" "$R" "$NFEEDS" 0; }

# Every feed trickles in (faultserver.py /drip): feed I over (I + 1) *
# 100 ms, the last one over DRIP_LAST_MS. So the feeds are written at
# different moments, and no refresh can end before DRIP_LAST_MS however
# loaded the machine is: a kill within KILL_WITHIN_MS lands inside it.
DRIP_LAST_MS=1500
KILL_WITHIN_MS=1400
NKILLS=50
last=$((NFEEDS - 1))
drip_url() { # FEED
	if [ "$1" -eq $last ]; then ms=$DRIP_LAST_MS; else ms=$((($1 + 1) * 100)); fi
	echo "$FBASE/drip/feed$1.xml?ms=$ms"
}
# last_title: the stored title of the slowest feed
last_title() { sql "SELECT title FROM feeds WHERE url = '$(drip_url $last)'"; }

gen 20
: >"$URLS"
i=0
while [ $i -lt $NFEEDS ]; do drip_url $i >>"$URLS"; i=$((i + 1)); done
expect_bounded 0 60 "$TIDINGS" --refresh
sql "UPDATE items SET read = 1 WHERE guid LIKE '%-1' OR guid LIKE '%-2'"
sql "UPDATE items SET user_rating = 4 WHERE guid LIKE '%-3'"
WANT_STATE="ok|$((NFEEDS * 2))|$((NFEEDS * 4))|0"
[ "$(state)" = "$WANT_STATE" ] || fail "setup: $(state)"
[ "$(last_title)" = "Feed $last has 20" ] || fail "setup: the last feed is titled '$(last_title)'"

# ---- SIGKILL at random points, NKILLS times (each refresh has new items to
# write), while a reader watches every state the cache goes through
start=$(date +%s)
"$PYTHON3" "$T/step.py" watch "$DB" "$T/watch.stop" >"$T/watch.out" 2>&1 &
watch_pid=$!
at_exit "touch '$T/watch.stop'; kill $watch_pid 2>/dev/null"
n=1
gen 21
while [ $n -le $NKILLS ]; do
	"$TIDINGS" --refresh >/dev/null 2>"$T/kill.err" &
	pid=$!
	d=$(awk -v s="$n$$" -v m=$KILL_WITHIN_MS 'BEGIN { srand(s); printf "%.3f", int(rand() * m) / 1000 }')
	sleep "$d"
	kill -9 $pid 2>/dev/null || fail "SIGKILL $n (at ${d}s): the refresh had ended: $(cat "$T/kill.err")"
	wait $pid 2>/dev/null
	# the slowest feed was still trickling in (so it is never saved in
	# this loop): the kill was inside the refresh
	[ "$(last_title)" = "Feed $last has 20" ] ||
		fail "SIGKILL $n (at ${d}s): the last feed is titled '$(last_title)': the refresh had ended"
	# check, and give every feed one more item for the next round
	s=$("$PYTHON3" "$T/step.py" "$DB" "$R" "$NFEEDS" $((21 + n)))
	[ "$s" = "$WANT_STATE" ] ||
		fail "after SIGKILL $n (at ${d}s): $s (integrity|read flags|rating sum|torn feeds), want $WANT_STATE"
	echo "round $n: killed at ${d}s, $(($(date +%s) - start))s in" >&2
	n=$((n + 1))
done
touch "$T/watch.stop"
wait $watch_pid
[ ! -s "$T/watch.out" ] ||
	fail "a reader saw a feed saved by halves (not one transaction per feed): $(head -3 "$T/watch.out")"
elapsed=$(($(date +%s) - start))
expect_bounded 0 60 "$TIDINGS" --refresh
[ "$(sql 'SELECT count(*) FROM items')" = $((NFEEDS * (21 + NKILLS))) ] || fail "the refresh after the kills: $(sql 'SELECT count(*) FROM items') items"
[ "$(state)" = "$WANT_STATE" ] || fail "after the kills: $(state)"
pass "$NKILLS SIGKILLs, each inside a refresh, in ${elapsed}s: cache whole, no feed torn (nor seen torn by a reader), read flags and ratings kept"

# ---- a full disk: no file may grow past the cache's size plus 16 KiB
cat >"$T/fsize.py" <<'EOF'
# fsize.py BYTES CMD...: run CMD with RLIMIT_FSIZE = BYTES, SIGXFSZ ignored
# (a write past it fails with EFBIG, as on a full disk)
import os, resource, signal, sys
n = int(sys.argv[1])
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (n, n))
os.execv(sys.argv[2], sys.argv[2:])
EOF
"$PYTHON3" -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1]); c.execute("PRAGMA wal_checkpoint(TRUNCATE)")' "$DB"
size=$(wc -c <"$DB")
gen 400	# 330 new items a feed, about 1 MB to write
bounded 60 "$PYTHON3" "$T/fsize.py" $((size + 16384)) "$TIDINGS" --refresh
[ "$RC" -eq 1 ] || fail "a full disk: exit $RC, want 1: $(head -c 1000 "$T/err")"
no_sanitizer_report
grep -q -i 'cache\|disk\|full\|large\|write' "$T/err" || fail "a full disk: no clear error: $(cat "$T/err")"
cp "$T/err" "$T/full.err"
[ "$(state)" = "$WANT_STATE" ] || fail "after the full disk: $(state)"
expect_bounded 0 60 "$TIDINGS" --refresh
[ "$(sql 'SELECT count(*) FROM items')" = $((NFEEDS * 400)) ] || fail "the refresh after the full disk"
[ "$(state)" = "$WANT_STATE" ] || fail "after the full disk and a refresh: $(state)"
pass "a full disk: '$(head -1 "$T/full.err")', then the cache still works"

# ---- a read-only cache folder (root ignores modes: run as nobody)
RO=""
if [ "$(id -u)" = 0 ]; then
	command -v setpriv >/dev/null 2>&1 && id nobody >/dev/null 2>&1 ||
		fail "running as root without setpriv (util-linux) or a nobody user: the read-only folder cannot be checked"
	chown -R nobody "$T"
	RO="setpriv --reuid=nobody --regid=$(id -g nobody) --clear-groups"
fi
{
	sum=$(checksum "$DB")
	chmod 555 "$XDG_DATA_HOME/tidings"
	chmod 444 "$DB"
	gen 401
	bounded 60 $RO "$TIDINGS" --refresh
	[ "$RC" -eq 1 ] || fail "read-only cache: --refresh exit $RC: $(cat "$T/err")"
	no_sanitizer_report
	grep -q "$DB\|read-only\|readonly\|permission" "$T/err" || fail "read-only cache: no clear error: $(cat "$T/err")"
	cp "$T/err" "$T/ro.err"
	# reading needs the WAL's shared memory, which a read-only folder cannot hold
	bounded 60 $RO "$TIDINGS" --export=json
	[ "$RC" -eq 1 ] || fail "read-only cache: --export exit $RC, want 1: $(cat "$T/err")"
	grep -q -F "$DB" "$T/err" || fail "read-only cache: --export does not name the file: $(cat "$T/err")"
	[ "$(checksum "$DB")" = "$sum" ] || fail "the read-only cache changed"
	chmod 755 "$XDG_DATA_HOME/tidings"
	chmod 644 "$DB"
	pass "a read-only cache folder: '$(head -1 "$T/ro.err")', nothing changed"
}

# ---- two refreshes at once
gen 420
"$TIDINGS" --refresh >"$T/a.out" 2>"$T/a.err" &
a=$!
"$TIDINGS" --refresh >"$T/b.out" 2>"$T/b.err" &
b=$!
wait $a; ra=$?
wait $b; rb=$?
[ $ra -eq 0 ] && [ $rb -eq 0 ] || fail "two refreshes at once: exits $ra and $rb: $(cat "$T/a.err" "$T/b.err")"
grep -q -E 'Sanitizer|runtime error' "$T/a.err" "$T/b.err" && fail "sanitizer report"
[ "$(sql 'SELECT count(*) FROM items')" = $((NFEEDS * 420)) ] || fail "two refreshes: $(sql 'SELECT count(*) FROM items') items"
[ "$(state)" = "$WANT_STATE" ] || fail "after two refreshes at once: $(state)"
pass "two refreshes at once: both succeed, cache whole"

# ---- a corrupt cache file: a clear message naming it, the file untouched
# corrupt HOW: damage $DB so that every mode must read a damaged page:
# garbage; a bad header; the root pages of both tables overwritten with
# random bytes (the same ones every run); cut after the first page.
corrupt() { # HOW
	rm -f "$DB-wal" "$DB-shm"
	case $1 in
	garbage) printf 'this is not a database, it is a shopping list\n' >"$DB" ;;
	header) cp "$T/good.db" "$DB"
		printf 'SQLite formut 3\000' | dd of="$DB" conv=notrunc 2>/dev/null ;;
	pages) cp "$T/good.db" "$DB"
		"$PYTHON3" -c 'import random, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
size = c.execute("PRAGMA page_size").fetchone()[0]
roots = [r for (r,) in c.execute("SELECT rootpage FROM sqlite_master WHERE name IN (\x27feeds\x27, \x27items\x27)")]
c.close()
rnd = random.Random(16)
with open(sys.argv[1], "r+b") as f:
    for r in roots:
        f.seek((r - 1) * size)
        f.write(bytes(rnd.randrange(256) for _ in range(size)))' "$DB" ;;
	truncated) cp "$T/good.db" "$DB"
		"$PYTHON3" -c 'import os, sys; os.truncate(sys.argv[1], 4096 + 100)' "$DB" ;;
	esac
}
"$PYTHON3" -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1]); c.execute("PRAGMA wal_checkpoint(TRUNCATE)")' "$DB"
cp "$DB" "$T/good.db"
for how in garbage header pages truncated; do
	corrupt $how
	sum=$(checksum "$DB")
	for mode in --refresh --export --list; do
		bounded 60 "$TIDINGS" $mode
		no_sanitizer_report
		[ "$RC" -eq 1 ] || fail "corrupt cache ($how): $mode exit $RC, want 1"
		grep -q -F "$DB" "$T/err" || fail "corrupt cache ($how): $mode does not name the file: $(cat "$T/err")"
		grep -q -i 'move it away' "$T/err" ||
			fail "corrupt cache ($how): $mode names the file but not how to recover: $(head -1 "$T/err")"
		[ "$(checksum "$DB")" = "$sum" ] || fail "corrupt cache ($how): $mode changed the file"
	done
	cp "$T/err" "$T/corrupt-$how.err"
done
pass "a corrupt cache: '$(head -1 "$T/corrupt-garbage.err")', the file untouched"
