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
start_faults
NFEEDS=10

# step.py DB ROOT NFEEDS N: print the cache's state, "integrity|read
# flags|rating sum" (with DB "-": nothing), then write feeds
# feed0..feed{NFEEDS-1} with items 1..N each (guid F-I), when N > 0.
cat >"$T/step.py" <<'EOF'
import os, sqlite3, sys
db, root, nf, ni = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
if db != "-":
    c = sqlite3.connect(db, timeout=10)
    ic = c.execute("PRAGMA integrity_check").fetchone()[0]
    r = c.execute("SELECT count(*) FROM items WHERE read = 1 AND (guid LIKE '%-1' OR guid LIKE '%-2')").fetchone()[0]
    s = c.execute("SELECT coalesce(sum(user_rating), 0) FROM items WHERE guid LIKE '%-3'").fetchone()[0]
    c.close()
    print("%s|%d|%d" % (ic, r, s))
for f in range(nf if ni > 0 else 0):
    items = "".join("<item><title>Feed %d item %d</title><guid>%d-%d</guid>"
                    "<link>http://example.org/%d/%d</link><description>%s</description></item>\n"
                    % (f, i, f, i, f, i, "words " * 40) for i in range(1, ni + 1))
    with open("%s/feed%d.tmp" % (root, f), "w") as out:
        out.write('<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Feed %d</title>'
                  "<link>http://example.org/%d</link>\n%s</channel></rss>\n" % (f, f, items))
    os.rename("%s/feed%d.tmp" % (root, f), "%s/feed%d.xml" % (root, f))
EOF
gen() { "$PYTHON3" "$T/step.py" - "$R" "$NFEEDS" "$1"; }
state() { "$PYTHON3" "$T/step.py" "$DB" "$R" "$NFEEDS" 0; }

gen 20
: >"$URLS"
i=0
while [ $i -lt $NFEEDS ]; do echo "$FBASE/feed$i.xml" >>"$URLS"; i=$((i + 1)); done
t0=$(date +%s%N)
expect_bounded 0 60 "$TIDINGS" --refresh
# how long a refresh takes here: the kills below land within that
span=$((($(date +%s%N) - t0) / 1000000))
[ $span -ge 20 ] || span=20
sql "UPDATE items SET read = 1 WHERE guid LIKE '%-1' OR guid LIKE '%-2'"
sql "UPDATE items SET user_rating = 4 WHERE guid LIKE '%-3'"
WANT_STATE="ok|$((NFEEDS * 2))|$((NFEEDS * 4))"
[ "$(state)" = "$WANT_STATE" ] || fail "setup: $(state)"

# ---- SIGKILL at random points, 50 times (each refresh has new items to write)
start=$(date +%s) killed=0 finished=0
n=1
gen 21
while [ $n -le 50 ]; do
	"$TIDINGS" --refresh >/dev/null 2>"$T/kill.err" &
	pid=$!
	# a random delay within the time a refresh takes
	d=$(awk -v s="$n$$" -v m=$span 'BEGIN { srand(s); printf "%.3f", int(rand() * m) / 1000 }')
	sleep "$d"
	if kill -9 $pid 2>/dev/null; then killed=$((killed + 1)); else finished=$((finished + 1)); fi
	wait $pid 2>/dev/null
	# check, and give every feed one more item for the next round
	s=$("$PYTHON3" "$T/step.py" "$DB" "$R" "$NFEEDS" $((21 + n)))
	[ "$s" = "$WANT_STATE" ] || fail "after SIGKILL $n (at ${d}s): $s, want $WANT_STATE"
	n=$((n + 1))
done
elapsed=$(($(date +%s) - start))
[ $killed -ge 20 ] || fail "only $killed of 50 refreshes were killed mid-way (a refresh takes ${span} ms)"
expect_bounded 0 60 "$TIDINGS" --refresh
[ "$(sql 'SELECT count(*) FROM items')" = $((NFEEDS * 71)) ] || fail "the refresh after the kills: $(sql 'SELECT count(*) FROM items') items"
[ "$(state)" = "$WANT_STATE" ] || fail "after the kills: $(state)"
pass "50 SIGKILLs ($killed mid-refresh, within ${span} ms) in ${elapsed}s: cache whole, read flags and ratings kept"

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
ro_ok=1
if [ "$(id -u)" = 0 ]; then
	if command -v setpriv >/dev/null 2>&1 && id nobody >/dev/null 2>&1; then
		chown -R nobody "$T"
		RO="setpriv --reuid=nobody --regid=$(id -g nobody) --clear-groups"
	else
		ro_ok=0
	fi
fi
if [ $ro_ok = 1 ]; then
	sum=$(checksum "$DB")
	chmod 555 "$XDG_DATA_HOME/tidings"
	chmod 444 "$DB"
	gen 401
	bounded 60 $RO "$TIDINGS" --refresh
	[ "$RC" -eq 1 ] || fail "read-only cache: --refresh exit $RC: $(cat "$T/err")"
	no_sanitizer_report
	grep -q "$DB\|read-only\|readonly\|permission" "$T/err" || fail "read-only cache: no clear error: $(cat "$T/err")"
	cp "$T/err" "$T/ro.err"
	bounded 60 $RO "$TIDINGS" --export=json
	[ "$RC" -eq 0 ] || [ "$RC" -eq 1 ] || fail "read-only cache: --export exit $RC"
	[ "$RC" -eq 1 ] || [ "$(wc -l <"$T/out")" -eq $((NFEEDS * 400)) ] || fail "read-only cache: --export lost items"
	[ "$(checksum "$DB")" = "$sum" ] || fail "the read-only cache changed"
	chmod 755 "$XDG_DATA_HOME/tidings"
	chmod 644 "$DB"
	pass "a read-only cache folder: '$(head -1 "$T/ro.err")', nothing changed"
else
	echo "SKIP part: read-only folder (running as root without setpriv)" >&2
fi

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
corrupt() { # HOW
	rm -f "$DB-wal" "$DB-shm"
	case $1 in
	garbage) printf 'this is not a database, it is a shopping list\n' >"$DB" ;;
	header) cp "$T/good.db" "$DB"
		printf 'SQLite formut 3\000' | dd of="$DB" conv=notrunc 2>/dev/null ;;
	pages) cp "$T/good.db" "$DB"
		dd if=/dev/urandom of="$DB" bs=4096 seek=2 count=8 conv=notrunc 2>/dev/null ;;
	truncated) cp "$T/good.db" "$DB"
		"$PYTHON3" -c 'import os, sys; os.truncate(sys.argv[1], os.path.getsize(sys.argv[1]) // 3 + 100)' "$DB" ;;
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
		if [ "$RC" -eq 0 ]; then
			# a few damaged pages may go unseen by a query; the file must be as it was
			[ "$how" = pages ] || [ "$how" = truncated ] ||
				fail "corrupt cache ($how): $mode exit 0"
		else
			[ "$RC" -eq 1 ] || fail "corrupt cache ($how): $mode exit $RC"
			grep -q -F "$DB" "$T/err" || fail "corrupt cache ($how): $mode does not name the file: $(cat "$T/err")"
			grep -q -i 'move\|rename\|remove\|delete\|restore\|backup' "$T/err" ||
				known_bug store "corrupt cache ($how): $mode names the file but not how to recover: $(head -1 "$T/err")"
		fi
		[ "$(checksum "$DB")" = "$sum" ] || fail "corrupt cache ($how): $mode changed the file"
	done
	cp "$T/err" "$T/corrupt-$how.err"
done
pass "a corrupt cache: '$(head -1 "$T/corrupt-garbage.err")', the file untouched"
