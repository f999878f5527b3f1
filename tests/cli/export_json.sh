#!/bin/sh
# JSON Lines details: the key order of DESIGN.md, null and false rules,
# escaping of every control character (C0, DEL, C1, U+2028/2029),
# enclosures and categories, ids made from link or hash, relative links
# resolved against xml:base.
. "$top_srcdir/tests/lib.sh"
[ -n "${PYTHON3:-}" ] || skip "no python3"

# The feed holds a raw U+0085 (a numeric reference to 133 means
# windows-1252's "…").
cp "$FEEDS_DIR/json-details.rss" "$T/f.xml"
expect_status 0 "$TIDINGS" --export=json "$T/f.xml"
"$PYTHON3" - "$T/out" <<'PY' || fail "JSON Lines check failed"
import json, sys
raw = open(sys.argv[1], encoding="utf-8").read()
lines = raw.split("\n")
assert lines[-1] == "" and len(lines) == 3, lines
keys = ["feed_title", "feed_url", "feed_link", "id", "title", "link", "author",
        "author_email", "published", "updated", "summary", "content", "categories", "enclosures",
        "rating", "user_rating", "read"]
for l in lines[:2]:
    assert "\u2028" not in l and "\u2029" not in l and "\x85" not in l and "\x7f" not in l, repr(l)
    assert all(c >= " " for c in l), repr(l)
    d = json.loads(l)
    assert list(d) == keys, list(d)
    assert d["user_rating"] is None and d["read"] is False
a, b = [json.loads(l) for l in lines[:2]]
assert "\\u2028" in lines[0] and "\\u0085" in lines[0] and "\\u007f" in lines[0] and "\\u2029" in lines[0]
assert a["feed_title"] == "Esc\x85aped \u2028feed \u2026", a["feed_title"]
assert a["feed_link"] == "http://example.org/", a["feed_link"]
assert a["title"] == 'tab quote" back\\slash \x7fdel \u2029para', repr(a["title"])
assert a["link"] == "http://example.org/news/story/1.html", a["link"]
assert a["id"] == a["link"]
assert a["summary"] == "one\n\ntwo", repr(a["summary"])
assert a["content"] is None and a["author"] is None and a["updated"] is None
assert a["published"] == "2014-05-23T16:12:00Z"
assert a["categories"] == ["A", "B"]
assert a["enclosures"] == [
    {"url": "http://example.org/news/a.mp3", "type": "audio/mpeg", "length": 1234},
    {"url": "http://example.org/news/b.ogg", "type": None, "length": None}], a["enclosures"]
assert a["rating"] == {"average": 2.5, "count": None, "min": 0, "max": 5}, a["rating"]
assert b["link"] is None and b["published"] is None and b["rating"] is None
assert len(b["id"]) == 16 and int(b["id"], 16) >= 0, b["id"]
PY
pass "key order, nulls, escaping, links, enclosures"

# author_email: the address of an RSS <author> ("email (Name)" or a bare
# address) and of an Atom <author><email>; a contributor's is not the
# author's, and a feed-level author is no item's.
for f in author_email.rss author_email.atom; do
	expect_status 0 "$TIDINGS" --export=json "$FEEDS_DIR/$f"
	cat "$T/out" >>"$T/mail"
done
"$PYTHON3" - "$T/mail" <<'PY' || fail "author_email check failed"
import json, sys
got = [(d["title"], d["author"], d["author_email"])
       for d in map(json.loads, open(sys.argv[1], encoding="utf-8"))]
want = [("both", "Ann Smith", "ann@example.org"),
        ("bare address", "bob@example.org", "bob@example.org"),
        ("name only", "Carol Jones, carol@example.org", None),
        ("not an address", "at@home and away", None),
        ("name and email", "Dan Brown", "dan@example.org"),
        ("email only", "eve@example.org", "eve@example.org"),
        ("name only", "Fay", None)]
assert got == want, got
PY
pass "author_email from RSS <author> and Atom <author><email>"

# ... and the cache keeps it: the same from an export of the cache
for f in author_email.rss author_email.atom; do
	expect_status 0 "$TIDINGS" --add "$FEEDS_DIR/$f"
done
expect_status 0 "$TIDINGS" --refresh
expect_status 0 "$TIDINGS" --export=json
"$PYTHON3" - "$T/out" "$T/mail" <<'PY' || fail "the cache lost author_email"
import json, sys
def rows(path):
    return sorted((d["title"], d["author"], d["author_email"])
                  for d in map(json.loads, open(path, encoding="utf-8")))
assert rows(sys.argv[1]) == rows(sys.argv[2]), rows(sys.argv[1])
PY
pass "author_email kept in the cache"

# Tabs and newlines only reach JSON through the SOURCE as given.
cp "$T/f.xml" "$T/a	b
c.xml"
expect_status 0 "$TIDINGS" --export=json "$T/a	b
c.xml"
grep -q '"feed_url": "[^"]*a\\tb\\nc.xml"' "$T/out" || fail "tab and newline not escaped: $(head -c 200 "$T/out")"

# The same export twice gives the same ids (stable across refreshes).
"$TIDINGS" --export=json "$T/f.xml" >"$T/first" || fail "export"
"$TIDINGS" --export=json "$T/f.xml" >"$T/again" || fail "second export"
cmp -s "$T/first" "$T/again" || fail "ids or output not stable"

# A number is written with '.', whatever the locale says.
if locale -a 2>/dev/null | grep -qi '^de_DE.utf8$'; then
	LC_ALL=de_DE.UTF-8 "$TIDINGS" --export=json "$T/f.xml" >"$T/de" || fail "de_DE export"
	grep -q '"average": 2.5' "$T/de" || fail "decimal comma in JSON"
fi
pass "stable and locale-proof"
