#!/bin/sh
# Issue 12 "Recovery": broken documents keep their items, and each
# recovery is named on --export's stderr. The counts are those a
# browser-grade reader gets (Universal Feed Parser's rules, read by hand
# off each file: items inside an unclosed element count, a cut-off last
# item counts when its title and link were read, a feed inside an XHTML
# page or an envelope is that feed).
. "$top_srcdir/tests/lib.sh"
d="$top_srcdir/tests/data/feeds"

# FILE  ITEMS  STDERR-SUBSTRING
while read -r file want warning; do
	"$TIDINGS" --export=json "$d/$file" >"$T/out" 2>"$T/err" ||
		fail "$file: $(cat "$T/err")"
	got=$(wc -l <"$T/out")
	[ "$got" -eq "$want" ] || fail "$file: $got items, want $want"
	grep -q "$warning" "$T/err" || fail "$file: no warning '$warning': $(cat "$T/err")"
done <<'CASES'
unclosed_element.xml 2 left open
truncated.xml 3 Missing close tag
atom_in_xhtml.xml 2 inside a <html> document
channel_in_envelope.xml 1 inside a <env:Envelope> document
CASES
"$TIDINGS" --export=json "$d/truncated.xml" 2>/dev/null | tail -1 | grep -q '"title": "Three", "link": "https://t.example/3"' ||
	fail "the cut-off item lost its title or link"
pass "unclosed elements, truncation, wrapped feeds"

# Entities the DOCTYPE declares are expanded, in text and in links.
"$TIDINGS" --export=json "$d/doctype_entities.xml" >"$T/out" 2>"$T/err" ||
	fail "doctype_entities.xml: $(cat "$T/err")"
grep -q '"title": "One by Ann & Bob", "link": "https://d.example/1"' "$T/out" ||
	fail "declared entities not expanded: $(head -1 "$T/out")"
grep -q '"id": "tag:d.example,2014:2"' "$T/out" || fail "declared entity in a guid: $(tail -1 "$T/out")"
pass "DOCTYPE entities"

# The same warnings reach a subscriber: --add and --refresh name them on
# stderr (stderr is no terminal here: a warning is printed all the same),
# and --list shows them with the feed's status.
"$TIDINGS" --add "$d/truncated.xml" >"$T/out" 2>"$T/err" || fail "--add: $(cat "$T/err")"
grep -q "truncated.xml: warning: Missing close tag" "$T/err" || fail "--add: no warning: $(cat "$T/err")"
"$TIDINGS" --refresh >"$T/out" 2>"$T/err" || fail "--refresh: $(cat "$T/err")"
grep -q "truncated.xml: warning: Missing close tag" "$T/err" || fail "--refresh: no warning: $(cat "$T/err")"
"$TIDINGS" --list >"$T/out" 2>"$T/err" || fail "--list: $(cat "$T/err")"
grep -q "updated, 0 new; warning: Missing close tag" "$T/out" || fail "--list: $(cat "$T/out")"
pass "a recovered feed's warning on --add, --refresh and --list"
