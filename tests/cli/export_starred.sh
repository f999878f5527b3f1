#!/bin/sh
# --export --starred prints the starred articles of the cache only (text
# and JSON, with --unread too); JSON records then say "starred": true
# after "read", and so they do, true or false, for every article once a
# sync server is configured; without either the record stays DESIGN.md's.
# --starred with a SOURCE or with opml is a usage error.
. "$top_srcdir/tests/lib.sh"
[ -n "${PYTHON3:-}" ] || skip "no python3"

F="$T/feeds"
mkdir -p "$F"
cp "$top_srcdir/data/newsfactor/crm-daily.rss" "$top_srcdir/data/newsfactor/sci-tech-today.atom" "$F/"
expect_status 0 "$TIDINGS" --add "file://$F/crm-daily.rss"
expect_status 0 "$TIDINGS" --add "file://$F/sci-tech-today.atom"

# What a reader did with * in the TUI (tests/tui/starred.sh drives the
# key): one article of each feed starred, the CRM one read.
sql "UPDATE items SET starred = 1 WHERE guid IN ('0200016HZ8MW', 'tag:sci-tech-today.com,2014:12');
     UPDATE items SET read = 1 WHERE guid = '0200016HZ8MW'"

check_json() {	# FILE WANT_IDS KEYS_PYTHON
	"$PYTHON3" - "$@" <<'PYEOF'
import json, sys
path, want, keys = sys.argv[1], sys.argv[2].split(), json.loads(sys.argv[3])
rows = [json.loads(l) for l in open(path, encoding="utf-8")]
got = sorted(r["id"] for r in rows)
if got != sorted(want):
    sys.exit("ids %r, want %r" % (got, want))
for r in rows:
    if [k for k in r if k not in ("duration", "image")] != keys:
        sys.exit("keys %r, want %r" % (list(r), keys))
PYEOF
}
DESIGN_KEYS='["feed_title", "feed_url", "feed_link", "id", "title", "link", "author", "author_email", "published", "updated", "summary", "content", "categories", "enclosures", "rating", "user_rating", "read"]'
STARRED_KEYS='["feed_title", "feed_url", "feed_link", "id", "title", "link", "author", "author_email", "published", "updated", "summary", "content", "categories", "enclosures", "rating", "user_rating", "read", "starred"]'

expect_status 0 "$TIDINGS" --export=json --starred
check_json "$T/out" "0200016HZ8MW tag:sci-tech-today.com,2014:12" "$STARRED_KEYS" ||
	fail "--export=json --starred"
grep -q '"starred": false' "$T/out" && fail "--starred printed an article not starred"
[ "$(grep -c '"starred": true' "$T/out")" -eq 2 ] || fail "starred is not true on both"
pass "--export=json --starred prints the starred articles, with \"starred\": true"

expect_status 0 "$TIDINGS" --export=json --starred --unread
check_json "$T/out" "tag:sci-tech-today.com,2014:12" "$STARRED_KEYS" ||
	fail "--starred --unread"
pass "--starred --unread: the starred ones not read yet"

expect_status 0 "$TIDINGS" --export --starred --width 72
grep -q "Microsoft Fought the FBI" "$T/out" || fail "the digest lacks the starred CRM article"
[ "$(grep -c "starred" "$T/out")" -eq 2 ] || fail "the digest does not mark both as starred"
[ "$(grep -c "^  http" "$T/out")" -eq 2 ] || fail "the digest has $(grep -c "^  http" "$T/out") articles, want 2"
pass "--export --starred: the text digest of the starred articles"

expect_status 0 "$TIDINGS" --export=json
[ "$(wc -l <"$T/out")" -eq 9 ] || fail "--export=json: $(wc -l <"$T/out") articles"
"$PYTHON3" - "$T/out" "$DESIGN_KEYS" <<'PYEOF' || fail "the default JSON changed"
import json, sys
want = json.loads(sys.argv[2])
for l in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(l)
    assert [k for k in r if k not in ("duration", "image")] == want, list(r)
PYEOF
pass "without sync or --starred the JSON keys are DESIGN.md's"

# With a sync server configured, every record says whether it is starred.
printf 'sync greader\nsync-url https://rss.example.org/api/greader.php\nsync-user me\n' \
	>"$XDG_CONFIG_HOME/tidings/config"
expect_status 0 "$TIDINGS" --export=json
"$PYTHON3" - "$T/out" <<'PYEOF' || fail "--export=json with sync"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert len(rows) == 9, len(rows)
starred = sorted(r["id"] for r in rows if r["starred"] is True)
assert starred == ["0200016HZ8MW", "tag:sci-tech-today.com,2014:12"], starred
assert all(r["starred"] in (True, False) for r in rows)
PYEOF
pass "with sync configured every record carries starred"

expect_status 2 "$TIDINGS" --export --starred "$F/crm-daily.rss"
grep -q -- "--starred exports from the cache only" "$T/err" || fail "SOURCE: $(cat "$T/err")"
expect_status 2 "$TIDINGS" --export=opml --starred
grep -q -- "--starred exports articles" "$T/err" || fail "opml: $(cat "$T/err")"
expect_status 2 "$TIDINGS" --refresh --starred
pass "--starred with a SOURCE, opml or another mode is a usage error"
