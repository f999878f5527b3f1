#!/bin/sh
# Subscriptions from the command line: --add, --remove, --list, --import and
# --export=opml on temporary XDG folders, with file:// feeds (no network).
# The user's own lines in the urls file survive every rewrite.
. "$top_srcdir/tests/lib.sh"

urls="$XDG_CONFIG_HOME/tidings/urls"
F="$T/feeds"
mkdir -p "$F"
cp "$top_srcdir/data/newsfactor/crm-daily.rss" "$top_srcdir/data/newsfactor/sci-tech-today.atom" "$F/"
crm="file://$F/crm-daily.rss" sci="file://$F/sci-tech-today.atom"

# --add creates the folders (0700) and the file, keeps the tags.
expect_status 0 "$TIDINGS" --add "$crm" news "business news"
grep -q "^added $crm \"CRM Daily\" (5 articles)" "$T/out" || fail "--add said: $(cat "$T/out")"
[ "$(stat -c %a "$XDG_CONFIG_HOME/tidings")" = 700 ] || fail "config folder not 0700"
[ "$(stat -c %a "$XDG_DATA_HOME/tidings")" = 700 ] || fail "data folder not 0700"
[ "$(cat "$urls")" = "$crm news \"business news\"" ] || fail "urls file: $(cat "$urls")"
pass "--add a feed"

# A duplicate is refused and changes nothing.
cp "$urls" "$T/urls.before"
expect_status 1 "$TIDINGS" --add "$crm"
grep -q "subscribed already" "$T/err" || fail "duplicate not named: $(cat "$T/err")"
cmp -s "$urls" "$T/urls.before" || fail "duplicate changed the file"
pass "--add refuses a duplicate"

# Not a feed, or not there: refused, nothing added.
printf 'just text\n' >"$F/plain.txt"
expect_status 1 "$TIDINGS" --add "file://$F/plain.txt"
grep -q "no feed found" "$T/err" || fail "plain file: $(cat "$T/err")"
expect_status 1 "$TIDINGS" --add "file://$F/missing.rss"
grep -q "cannot fetch" "$T/err" || fail "missing file: $(cat "$T/err")"
cmp -s "$urls" "$T/urls.before" || fail "a failed --add changed the file"
pass "--add refuses what is not a feed"

# A newsboat user's file: comments, query/exec lines, CRLF, no final newline.
printf '# my feeds\r\n\r\n"query:Unread:unread = \\"yes\\"" virtual\r\nexec:~/bin/feed.sh\r\n%s "~The CRM"\r\n# end' "$crm" >"$urls"
cp "$urls" "$T/newsboat"
expect_status 0 "$TIDINGS" --list
cmp -s "$urls" "$T/newsboat" || fail "--list changed the file"
# The query: and exec: lines are listed as not supported (issue 10, item 19).
printf 'query:Unread:unread = "yes"\tUnread\tvirtual\t0\t0\tnot supported (query feed)\n' >"$T/want"
printf 'exec:~/bin/feed.sh\t\t\t0\t0\tnot supported (exec feed)\n' >>"$T/want"
printf '%s\tThe CRM\t\t5\t5\tupdated, 5 new\n' "$crm" >>"$T/want"
cmp -s "$T/out" "$T/want" || { diff "$T/want" "$T/out" >&2; fail "--list"; }
pass "--list: URL, title, tags, articles, unread, status"

# A line that is no URL is kept, not listed, and pointed out on stderr.
printf '\r\nnot a url at all\r\n' >>"$urls"
expect_status 0 "$TIDINGS" --list
cmp -s "$T/out" "$T/want" || fail "--list with a bad line: $(cat "$T/out")"
grep -q "urls: line 7: not a feed URL, ignored: not a url at all" "$T/err" || fail "bad line not named: $(cat "$T/err")"
cp "$T/newsboat" "$urls"

expect_status 0 "$TIDINGS" --add "$sci" science
{ cat "$T/newsboat"; printf '\r\n%s science\r\n' "$sci"; } >"$T/want"
cmp -s "$urls" "$T/want" || { od -c "$urls" | tail -5 >&2; fail "--add did not keep the user's lines"; }
expect_status 0 "$TIDINGS" --list
[ "$(wc -l <"$T/out")" -eq 4 ] || fail "--list after add: $(cat "$T/out")"
grep -q "^$sci	Sci-Tech Today	science	4	4	" "$T/out" || fail "--list sci: $(cat "$T/out")"
pass "--add keeps comments, query/exec lines and CRLF"

expect_status 0 "$TIDINGS" --remove "$sci"
{ cat "$T/newsboat"; printf '\r\n'; } >"$T/want"
cmp -s "$urls" "$T/want" || fail "--remove did not restore the file"
expect_status 1 "$TIDINGS" --remove "$sci"
grep -q "not subscribed" "$T/err" || fail "--remove of unknown URL: $(cat "$T/err")"
expect_status 1 "$TIDINGS" --remove "exec:~/bin/feed.sh"
cmp -s "$urls" "$T/want" || fail "--remove touched a foreign line"
pass "--remove"

# --export=opml, then --import of it into a fresh config gives the same
# subscriptions.
expect_status 0 "$TIDINGS" --add "$sci" "science & tech"
expect_status 0 "$TIDINGS" --export=opml
cp "$T/out" "$T/subs.opml"
"$PYTHON3" - "$T/subs.opml" "$crm" "$sci" <<'PYEOF' || fail "exported OPML"
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == "opml" and root.get("version") == "2.0", root.attrib
outs = [o for o in root.find("body").iter("outline") if o.get("xmlUrl")]
got = [(o.get("xmlUrl"), o.get("title"), o.get("text"), o.get("category"), o.get("type")) for o in outs]
want = [(sys.argv[2], "The CRM", "The CRM", None, "rss"),
        (sys.argv[3], "Sci-Tech Today", "Sci-Tech Today", "science & tech", "rss")]
assert got == want, got
# A tagged feed sits in a folder named after its first tag.
top = root.find("body").findall("outline")
assert [o.get("text") for o in top] == ["The CRM", "science & tech"], [o.attrib for o in top]
assert top[1].find("outline").get("xmlUrl") == sys.argv[3]
PYEOF
pass "--export=opml is valid OPML 2.0 with cached titles"

# dateCreated is an RFC 822 date in English in any locale (strftime's %a
# and %b gave "So, 06 Dez 2026" under de_DE).
rfc822='<dateCreated>(Mon|Tue|Wed|Thu|Fri|Sat|Sun), [0-3][0-9] (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [0-9]{4} [0-2][0-9]:[0-5][0-9]:[0-6][0-9] GMT</dateCreated>'
grep -Eq "$rfc822" "$T/subs.opml" || fail "dateCreated: $(grep dateCreated "$T/subs.opml")"
if locale -a 2>/dev/null | grep -qi '^de_DE\.utf-\?8$'; then
	LC_ALL=de_DE.UTF-8 "$TIDINGS" --export=opml >"$T/de.opml" || fail "de_DE --export=opml"
	grep -Eq "$rfc822" "$T/de.opml" || fail "dateCreated under de_DE: $(grep dateCreated "$T/de.opml")"
else
	echo "SKIP part: no de_DE.UTF-8 locale for the localised OPML date"
fi
pass "OPML dateCreated in English whatever the locale"

mv "$urls" "$T/urls.old"
expect_status 0 "$TIDINGS" --import "$T/subs.opml"
grep -q "imported 2 feeds" "$T/out" || fail "--import said: $(cat "$T/out")"
printf '%s "~The CRM"\n%s "science & tech" "~Sci-Tech Today"\n' "$crm" "$sci" >"$T/want"
cmp -s "$urls" "$T/want" || { diff "$T/want" "$urls" >&2; fail "--import wrote"; }
expect_status 0 "$TIDINGS" --import "$T/subs.opml"
grep -q "imported 0 feeds .* (2 subscribed already)" "$T/out" || fail "re-import: $(cat "$T/out")"
cmp -s "$urls" "$T/want" || fail "re-import changed the file"
pass "--import of the export"

# Nested outlines become tags.
cat >"$T/nested.opml" <<XML
<?xml version="1.0"?>
<opml version="1.0"><body>
<outline text="News"><outline title="Business">
<outline text="CRM" xmlUrl="https://crm.example/rss"/></outline></outline>
<outline text="Loose" xmlUrl="https://loose.example/atom"/>
</body></opml>
XML
expect_status 0 "$TIDINGS" --import "$T/nested.opml"
tail -n 2 "$urls" >"$T/tail"
printf 'https://crm.example/rss News Business ~CRM\nhttps://loose.example/atom ~Loose\n' >"$T/want"
cmp -s "$T/tail" "$T/want" || { diff "$T/want" "$T/tail" >&2; fail "nested import"; }
pass "--import: nested outlines become tags"

printf 'not xml' >"$T/bad.opml"
cp "$urls" "$T/urls.before"
expect_status 1 "$TIDINGS" --import "$T/bad.opml"
grep -q "not an OPML document" "$T/err" || fail "bad OPML: $(cat "$T/err")"
expect_status 1 "$TIDINGS" --import "$T/missing.opml"
cmp -s "$urls" "$T/urls.before" || fail "a failed import changed the file"
pass "--import refuses a broken file"

expect_status 2 "$TIDINGS" --export=yaml
grep -q "unknown export format" "$T/err" || fail "--export=yaml"
pass "unknown export format"
