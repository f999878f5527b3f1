#!/bin/sh
# --export with no SOURCE prints the cache: JSON carries read and
# user_rating, --unread and --feed filter; a damaged cache.db is named,
# with what to do, and left as it is.
. "$top_srcdir/tests/lib.sh"

F="$T/feeds"
mkdir -p "$F"
cp "$top_srcdir/data/newsfactor/crm-daily.rss" "$top_srcdir/data/newsfactor/sci-tech-today.atom" "$F/"
crm="file://$F/crm-daily.rss" sci="file://$F/sci-tech-today.atom"
db="$XDG_DATA_HOME/tidings/cache.db"

expect_status 0 "$TIDINGS" --add "$crm"
expect_status 0 "$TIDINGS" --add "$sci"
[ "$(stat -c %a "$db")" = 600 ] || fail "cache.db is not 0600"

# What a reader did in the TUI: one article read, one rated.
"$PYTHON3" - "$db" <<'PYEOF' || fail "could not mark the cache"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE items SET read = 1 WHERE guid = '0200016HZ8MW'")
db.execute("UPDATE items SET user_rating = 4 WHERE guid = 'tag:sci-tech-today.com,2014:12'")
db.commit()
PYEOF

check_json() {	# FILE WANT_COUNT PYTHON-CONDITION
	"$PYTHON3" - "$@" <<'PYEOF'
import json, sys
path, want, cond = sys.argv[1], int(sys.argv[2]), sys.argv[3]
rows = [json.loads(l) for l in open(path, encoding="utf-8")]
if len(rows) != want:
    sys.exit("%d articles, want %d" % (len(rows), want))
for a in rows:
    if not eval(cond):
        sys.exit("condition %s fails for %r" % (cond, a))
PYEOF
}

expect_status 0 "$TIDINGS" --export=json
check_json "$T/out" 9 'a["feed_url"] in ("'"$crm"'", "'"$sci"'") and a["title"]' ||
	fail "--export=json: $(head -c 600 "$T/out")"
check_json "$T/out" 9 '(a["read"] is True) == (a["id"] == "0200016HZ8MW")' || fail "read flags"
check_json "$T/out" 9 '(a["user_rating"] == 4) == (a["id"] == "tag:sci-tech-today.com,2014:12") and a["user_rating"] in (None, 4)' ||
	fail "user ratings"
grep -q '"feed_title": *"CRM Daily"' "$T/out" || fail "no feed title"
pass "--export=json from the cache carries read and user_rating"

expect_status 0 "$TIDINGS" --export=json --unread
check_json "$T/out" 8 'a["read"] is False' || fail "--unread"
expect_status 0 "$TIDINGS" --export=json --feed "$sci"
check_json "$T/out" 4 'a["feed_url"] == "'"$sci"'"' || fail "--feed"
expect_status 1 "$TIDINGS" --export=json --feed "file:///not/subscribed"
grep -q "not in the cache" "$T/err" || fail "unknown --feed: $(cat "$T/err")"
pass "--unread and --feed filter"

expect_status 0 "$TIDINGS" --export
grep -q "CRM Daily" "$T/out" && grep -q "Microsoft Fought the FBI" "$T/out" ||
	fail "text export: $(head -20 "$T/out")"
pass "--export (text) from the cache"

# A damaged cache: named, with the way out, and never wiped.
head -c 8192 /dev/urandom >"$db"
rm -f "$db-wal" "$db-shm"
cp "$db" "$T/damaged"
for args in "--export=json" "--list"; do
	expect_status 1 "$TIDINGS" $args
	grep -q "cache.db is damaged: .*; move it away to start a new cache" "$T/err" ||
		fail "$args on a damaged cache said: $(cat "$T/err")"
	cmp -s "$db" "$T/damaged" || fail "$args changed the damaged cache"
done
pass "a damaged cache is reported and left alone"
