#!/bin/sh
# The urls file, hand-edited: nonsense lines, controls and invalid UTF-8, a
# 1 MB line, CRLF line ends, no final newline, a symlink into a dotfiles
# folder (and a dangling one), a read-only file; hostile OPML for --import.
# --list reports it without crashing; --add and --remove keep every byte
# they do not own; nothing is ever rewritten destructively.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/attack/attack_lib.sh"

R="$T/root"
mkdir -p "$R"
start_faults
for f in a b c; do
	printf '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Feed %s</title><item><title>x</title><guid>%s1</guid></item></channel></rss>\n' $f $f >"$R/$f.xml"
done

# after_add OLD NEW: NEW is OLD (byte for byte) plus lines naming URL only
# (with a newline put in first when OLD lacked the final one).
kept_prefix() { # OLD NEW URL
	"$PYTHON3" - "$@" <<'EOF'
import sys
old, new, url = open(sys.argv[1], "rb").read(), open(sys.argv[2], "rb").read(), sys.argv[3].encode()
if not new.startswith(old):
    k = next((i for i in range(min(len(old), len(new))) if old[i] != new[i]), min(len(old), len(new)))
    sys.exit("the old bytes changed at %d: %r -> %r" % (k, old[k:k + 40], new[k:k + 40]))
rest = new[len(old):]
if old and not old.endswith(b"\n"):
    if not rest.startswith((b"\n", b"\r\n")):
        sys.exit("the new line was glued to the last one: %r" % rest[:80])
    rest = rest.lstrip(b"\r\n")
if rest.rstrip(b"\r\n").split(b" ")[0] != url or rest.count(b"\n") != 1:
    sys.exit("unexpected addition: %r" % rest[:200])
EOF
}

add_and_check() { # WHAT
	cp "$URLS" "$T/before"
	expect_bounded 0 30 "$TIDINGS" --add "$FBASE/$2.xml"
	kept_prefix "$T/before" "$URLS" "$FBASE/$2.xml" || fail "$1: --add rewrote the file"
	expect_bounded 0 30 "$TIDINGS" --remove "$FBASE/$2.xml"
	# (a file without a final newline may keep the one --add put in)
	cp "$T/before" "$T/before.nl"
	[ -z "$(tail -c 1 "$T/before")" ] || echo >>"$T/before.nl"
	cmp -s "$T/before" "$URLS" || cmp -s "$T/before.nl" "$URLS" || {
		"$PYTHON3" -c 'import sys; print(repr(open(sys.argv[1], "rb").read()[-200:])); print(repr(open(sys.argv[2], "rb").read()[-200:]))' "$T/before" "$URLS" >&2
		fail "$1: --add then --remove did not give the file back byte for byte"
	}
}

# ---- hand-edited nonsense, controls and invalid UTF-8 between good lines
printf '%s\n' "# my feeds, edited by hand" "$FBASE/a.xml news \"tech news\" \"~Feed A, renamed\"" \
	"not a url at all" "   " "	$FBASE/b.xml	tabbed" "\"unterminated quote" \
	"query:unread:unread = \"yes\"" "http://example.org/x \"tag with \\\" escaped\" ~" >"$URLS"
printf 'http://evil.example/\033]0;pwned\007 \033[2J\n' >>"$URLS"
printf 'http://example.org/\377\376bad-utf8 \303(\n' >>"$URLS"
printf 'http://example.org/nul\000byte\n' >>"$URLS"
printf '\n\n# trailing comment' >>"$URLS"
sum=$(checksum "$URLS")
expect_bounded 0 30 "$TIDINGS" --list
"$PYTHON3" "$top_srcdir/tests/attack/hostile.py" check-text "$T/out" --any || fail "--list prints controls from the urls file"
"$PYTHON3" "$top_srcdir/tests/attack/hostile.py" check-text "$T/err" --any || fail "--list warnings print controls"
grep -q "Feed A, renamed" "$T/out" || fail "--list lost the good line: $(cat "$T/out")"
# "not a url at all" (line 3) is no subscription: it should be pointed out
grep -q "line 3: not a feed URL, ignored: not a url at all" "$T/err" ||
	fail "--list does not point out the line that is not a URL: $(cat "$T/err")"
! grep -q "^not	\|^unterminated" "$T/out" || fail "--list lists a line that is not a URL: $(cat "$T/out")"
[ "$(checksum "$URLS")" = "$sum" ] || fail "--list changed the urls file"
add_and_check "nonsense" c
pass "hand-edited nonsense: listed, kept byte for byte by --add and --remove"

# ---- CRLF line ends, no final newline
printf '# windows\r\n%s\r\n%s news\r\n' "$FBASE/a.xml" "$FBASE/b.xml" >"$URLS"
add_and_check "CRLF" c
printf '%s\n%s' "$FBASE/a.xml" "$FBASE/b.xml" >"$URLS"
cp "$URLS" "$T/before"
expect_bounded 0 30 "$TIDINGS" --add "$FBASE/c.xml"
kept_prefix "$T/before" "$URLS" "$FBASE/c.xml" || fail "no final newline: --add"
expect_bounded 0 30 "$TIDINGS" --list
[ "$(grep -c "^http" "$T/out")" -eq 3 ] || fail "no final newline: $(cat "$T/out")"
pass "CRLF and a missing final newline kept"

# ---- a 1 MB line (past SUBS_MAX_LINE): reported, the file never rewritten
{
	echo "$FBASE/a.xml"
	printf 'http://example.org/long?'
	head -c 1048576 /dev/zero | tr '\0' 'x'
	printf '\n%s\n' "$FBASE/b.xml"
} >"$URLS"
sum=$(checksum "$URLS")
bounded 30 "$TIDINGS" --list
[ "$RC" -eq 1 ] || [ "$RC" -eq 0 ] || fail "1 MB line: --list exit $RC"
no_sanitizer_report
[ "$RC" -eq 0 ] || grep -q "urls" "$T/err" || fail "1 MB line: --list error does not name the file: $(head -c 300 "$T/err")"
[ "$RC" -eq 1 ] || grep -q -i "long\|large\|skip\|ignor" "$T/err" || fail "1 MB line: --list says nothing about it"
cp "$T/err" "$T/long.err"
cp "$URLS" "$T/before"
bounded 30 "$TIDINGS" --add "$FBASE/c.xml"
no_sanitizer_report
case $RC in
0) kept_prefix "$T/before" "$URLS" "$FBASE/c.xml" || fail "1 MB line: --add rewrote the file" ;;
1) [ "$(checksum "$URLS")" = "$sum" ] || fail "1 MB line: a failed --add changed the file" ;;
*) fail "1 MB line: --add exit $RC" ;;
esac
pass "a 1 MB line: '$(head -1 "$T/long.err" | cut -c1-100)', the file not rewritten"

# ---- a symlinked urls file (dotfiles in git): --add writes through it
mkdir -p "$T/dotfiles"
printf '%s\n' "$FBASE/a.xml" >"$T/dotfiles/urls"
rm -f "$URLS"
ln -s "$T/dotfiles/urls" "$URLS"
chmod 604 "$T/dotfiles/urls"
expect_bounded 0 30 "$TIDINGS" --add "$FBASE/b.xml"
[ -L "$URLS" ] || fail "symlink: --add replaced the symlinked urls file by a plain file"
grep -q "b.xml" "$T/dotfiles/urls" || fail "symlink: the target was not updated"
[ "$(stat -c %a "$T/dotfiles/urls")" = 604 ] || fail "symlink: the target's mode changed to $(stat -c %a "$T/dotfiles/urls")"
pass "a symlinked urls file stays a symlink, its target written through"

# ---- a dangling symlink: refused, the link kept, no file made in its place
rm "$T/dotfiles/urls"
expect_bounded 1 30 "$TIDINGS" --add "$FBASE/b.xml"
[ -L "$URLS" ] || fail "dangling symlink: replaced by a plain file"
[ ! -e "$T/dotfiles/urls" ] || fail "dangling symlink: its target was created"
grep -q "urls" "$T/err" || fail "dangling symlink: the message does not name the file: $(cat "$T/err")"
pass "a dangling symlinked urls file is refused: $(head -1 "$T/err")"

# ---- the file's mode is kept
rm -f "$URLS"
printf '%s\n' "$FBASE/a.xml" >"$URLS"
chmod 640 "$URLS"
expect_bounded 0 30 "$TIDINGS" --add "$FBASE/b.xml"
mode=$(stat -c %a "$URLS")
[ "$mode" = 640 ] || fail "--add changed the urls file's mode from 640 to $mode"
pass "the urls file's mode is kept"

# ---- a read-only (0444) urls file: refused, as root too; not replaced
chmod 444 "$URLS"
sum=$(checksum "$URLS")
ino=$(stat -c %i "$URLS")
expect_bounded 1 30 "$TIDINGS" --add "$FBASE/c.xml"
[ "$(stat -c %i "$URLS")" = "$ino" ] || fail "read-only: the urls file was replaced by rename"
[ "$(checksum "$URLS")" = "$sum" ] || fail "read-only: the urls file changed"
[ "$(stat -c %a "$URLS")" = 444 ] || fail "read-only: its mode changed"
grep -q -i "urls.*\(read-only\|permission denied\)" "$T/err" || fail "read-only: no clear message: $(cat "$T/err")"
expect_bounded 1 30 "$TIDINGS" --remove "$FBASE/a.xml"
[ "$(checksum "$URLS")" = "$sum" ] || fail "read-only: --remove changed the urls file"
chmod 644 "$URLS"
pass "a read-only urls file is refused: $(head -1 "$T/err")"

# ---- --import of hostile OPML: controls and bidi in titles and categories,
# javascript:/blank/dash URLs, outlines 10 000 deep, entities (laughs and
# /etc/passwd): bounded; nothing raw reaches the urls file or --list
rm -f "$URLS"
"$PYTHON3" - "$T/hostile.opml" "$T/entities.opml" <<'PYEOF'
import sys
c1 = "\u009b2J\u009d0;x\u009c\u202eevil\u202c"
doc = ('<?xml version="1.0"?>\n<opml version="2.0"><body>\n'
       '<outline text="T %s" xmlUrl="http://ok.example/feed" category="a%sb,c"/>\n'
       '<outline text="js" xmlUrl="javascript:alert(1)"/>\n'
       '<outline text="blank" xmlUrl="http://a.example/ b c"/>\n'
       '<outline text="dash" xmlUrl="--help"/>\n'
       '%s<outline text="deep %s" xmlUrl="http://deep.example/"/>%s\n'
       '</body></opml>\n' % (c1, c1, '<outline text="d">' * 10000, c1, '</outline>' * 10000))
open(sys.argv[1], "w", encoding="utf-8").write(doc)
ent = ('<?xml version="1.0"?>\n<!DOCTYPE opml [<!ENTITY xxe SYSTEM "file:///etc/passwd">'
       '<!ENTITY l0 "lollollollollollollollollollol">'
       + "".join('<!ENTITY l%d "%s">' % (i, ("&l%d;" % (i - 1)) * 10) for i in range(1, 9))
       + ']>\n<opml version="2.0"><body>\n'
       '<outline text="T &xxe; &l8;" xmlUrl="http://x.example/&xxe;" category="&xxe;"/>\n'
       '</body></opml>\n')
open(sys.argv[2], "w").write(ent)
PYEOF
bounded 30 "$TIDINGS" --import "$T/hostile.opml"
[ "$RC" -eq 0 ] || [ "$RC" -eq 1 ] || fail "hostile OPML: exit $RC"
no_sanitizer_report
"$PYTHON3" "$top_srcdir/tests/attack/hostile.py" check-text "$T/err" --any || fail "--import warnings print controls"
grep -q "javascript:" "$T/err" || fail "hostile OPML: the javascript: URL was not reported as skipped: $(cat "$T/err")"
! grep -q "javascript:\|^--help\|a.example/ b" "$URLS" || fail "hostile OPML: unusable URLs subscribed: $(cat -v "$URLS")"
grep -q "http://ok.example/feed" "$URLS" && grep -q "http://deep.example/" "$URLS" ||
	fail "hostile OPML: the good feeds were not imported: $(cat -v "$URLS")"
"$PYTHON3" "$top_srcdir/tests/attack/hostile.py" check-text "$URLS" --any || fail "--import wrote controls to the urls file"
expect_bounded 0 30 "$TIDINGS" --list
"$PYTHON3" "$top_srcdir/tests/attack/hostile.py" check-text "$T/out" --any || fail "--list after --import prints controls"
sum=$(checksum "$URLS")
bounded 30 "$TIDINGS" --import "$T/entities.opml"
[ "$RC" -eq 0 ] || [ "$RC" -eq 1 ] || fail "OPML with entities: exit $RC"
no_sanitizer_report
! grep -q -F "$(head -1 /etc/passwd | cut -d: -f1-3)" "$URLS" "$T/out" "$T/err" || fail "OPML: /etc/passwd leaked"
[ "$(wc -c <"$URLS")" -lt 100000 ] || fail "OPML: entities expanded into the urls file"
[ "$RC" -eq 0 ] || [ "$(checksum "$URLS")" = "$sum" ] || fail "a refused OPML changed the urls file"
pass "hostile OPML: unusable URLs skipped and named, nothing raw written, no entity expanded"
