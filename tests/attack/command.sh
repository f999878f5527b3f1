#!/bin/sh
# Command injection: items whose links carry quotes, $(...), backticks,
# semicolons, pipes, blanks and leading dashes are opened with `o` in the
# TUI, with BROWSER set to a recorder that writes its arguments. The browser
# must get exactly one argument, byte for byte the link tidings exports, and
# no shell may ever run it; javascript:, file: and data: links are refused.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/attack/attack_lib.sh"
[ -n "${TMUX_BIN:-}" ] && [ -x "$TMUX_BIN" ] || skip "no tmux"

R="$T/root"
mkdir -p "$R" "$T/cwd"
# The recorder: one JSON array of its arguments per call.
cat >"$T/browser" <<EOF
#!$PYTHON3
import json, sys
with open("$T/browser.log", "a") as f:
    f.write(json.dumps(sys.argv[1:]) + "\\n")
EOF
chmod +x "$T/browser"
: >"$T/browser.log"

# KIND (open|refuse) and the link as the feed writes it (XML-escaped below).
# Newest first: the headlines list shows them in this order.
cat >"$T/links" <<EOF
open	http://example.org/a?q="dq"&s='sq'&c=\$(touch $T/INJ1)&b=\`touch $T/INJ2\`;touch $T/INJ3|cat&x=-rf
open	--help
open	-e http://example.org/ --remote=evil
open	http://example.org/a b;\$(id)>$T/INJ4
refuse	javascript:alert(document.cookie)
refuse	file:///etc/passwd
refuse	data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==
refuse	 JaVaScRiPt:alert(1)
refuse	vbscript:msgbox(1)
EOF
"$PYTHON3" - "$T/links" "$R/links.rss" "$T" <<'EOF'
import sys
from xml.sax.saxutils import escape
lines = [l.rstrip("\n").split("\t", 1) for l in open(sys.argv[1])]
out = ['<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Links</title>'
       "<link>http://example.org/</link>\n"]
for i, (kind, link) in enumerate(lines):
    out.append("<item><title>Item %d %s</title><guid>c-%d</guid><link>%s</link>"
               "<pubDate>Mon, 01 Jan 2024 %02d:00:00 +0000</pubDate></item>\n"
               % (i, kind, i, escape(link), 23 - i))
# the last item: links inside its summary, opened from the pager with f N
summary = ('<p><a href="http://example.org/s?a=$(touch %s/INJ5)&amp;b=`id`;x">one</a> '
           '<a href="javascript:alert(1)">two</a> <a href="-rf --kiosk">three</a> '
           '<a href="data:text/html,x">four</a></p>' % sys.argv[3])
out.append("<item><title>Item 9 summary</title><guid>c-9</guid><link>http://example.org/9</link>"
           "<description>%s</description>"
           "<pubDate>Mon, 01 Jan 2024 00:00:00 +0000</pubDate></item>\n" % escape(summary))
out.append("</channel></rss>\n")
open(sys.argv[2], "w").write("".join(out))
EOF
start_faults
echo "$FBASE/links.rss" >"$URLS"
expect_bounded 0 30 "$TIDINGS" --refresh
expect_bounded 0 30 "$TIDINGS" --export=json
cp "$T/out" "$T/export.json"

TM="tidings-attack-$$"
tm() { "$TMUX_BIN" -L "$TM" -f /dev/null "$@"; }
at_exit "tm kill-server 2>/dev/null"
screen() { tm capture-pane -p; }
wait_for() {
	i=0
	while ! screen 2>/dev/null | grep -F -q -- "$1"; do
		i=$((i + 1))
		[ $i -lt 300 ] || { screen >&2; cat "$T/tui.err" >&2; fail "TUI: timed out waiting for: $1"; }
		sleep 0.05
	done
}
# a shell's working directory where a stray "touch" would land too
tm new-session -d -x 200 -y 30 -c "$T/cwd" \
	"env -u TMUX BROWSER='$T/browser' '$TIDINGS' 2>>'$T/tui.err'; echo \$? >'$T/tui.status'; sleep 30"
wait_for "Feeds (1)"
tm send-keys j Enter
wait_for "Links - 10 articles"

# wait_browser WHAT: the browser has been started CALLS times in all, and
# not once more. A refused link is never checked by waiting for nothing:
# the next link that does open is the event that shows the browser was (or
# was not) started for the refused ones before it, since keys are handled
# in order.
calls=0
wait_browser() {
	calls=$((calls + 1))
	i=0
	while [ "$(wc -l <"$T/browser.log")" -lt $calls ]; do
		i=$((i + 1)); [ $i -lt 200 ] || { screen >&2; fail "$1: the browser was not started"; }
		sleep 0.05
	done
	[ "$(wc -l <"$T/browser.log")" -eq $calls ] ||
		fail "$1: the browser was started for a refused link: $(tail -2 "$T/browser.log")"
}

n=0 opened=0 refused=0
while IFS='	' read -r kind link; do
	[ $n -eq 0 ] || tm send-keys j
	n=$((n + 1))
	wait_for "Item $((n - 1)) $kind"
	tm send-keys o
	if [ "$kind" = open ]; then
		wait_browser "item $n ($link)"
		opened=$((opened + 1))
	else
		wait_for "Only http and https links open"
		refused=$((refused + 1))
	fi
done <"$T/links"

# links inside the summary, from the pager: f N
tm send-keys j
wait_for "Item 9 summary"
tm send-keys Enter
wait_for "Title:  Item 9 summary"
open_link() { # N open|refuse
	tm send-keys f
	wait_for "Open link number:"
	tm send-keys "$1" Enter
	[ "$2" = refuse ] || wait_browser "summary link $1"
}
# javascript: and data: hrefs get no reference number at all
screen | grep -q "one\[1\] two three\[2\] four$" ||
	{ screen >&2; fail "the summary's javascript:/data: links are numbered"; }
open_link 1 open	# also shows that none of the refused item links started it
open_link 2 open
open_link 3 refuse
open_link 1 open	# shows that link 3 did not start it
tm send-keys q q q
[ -z "${ATTACK_VERBOSE:-}" ] || cat "$T/browser.log" >&2
tail -3 "$T/browser.log" >"$T/summary.log"
head -n -3 "$T/browser.log" >"$T/items.log"
mv "$T/items.log" "$T/browser.log"
"$PYTHON3" - "$T/summary.log" "$T" <<'EOF' || fail "browser arguments from the summary's links"
import json, sys
calls = [json.loads(l) for l in open(sys.argv[1])]
# the blank inside the href is sent as %20, as a browser does (html)
want0 = "http://example.org/s?a=$(touch%%20%s/INJ5)&b=`id`;x" % sys.argv[2]
if [len(c) for c in calls] != [1, 1, 1]:
    sys.exit("not one argument each: %r" % calls)
if calls[0][0] != want0 or calls[2][0] != want0:
    sys.exit("link 1: got %r, want %r" % (calls[0][0], want0))
if not calls[1][0].startswith("http") or "-rf --kiosk" not in calls[1][0].replace("%20", " "):
    sys.exit("link 3 (relative, leading dash): got %r" % calls[1][0])
EOF

# Every call: exactly one argument, equal to the link the export shows for
# that item, and, for absolute http links, to the feed's own bytes.
"$PYTHON3" - "$T/browser.log" "$T/export.json" "$T/links" <<'EOF' || fail "browser arguments"
import json, sys
calls = [json.loads(l) for l in open(sys.argv[1])]
items = {json.loads(l)["id"]: json.loads(l)["link"] for l in open(sys.argv[2])}
links = [l.rstrip("\n").split("\t", 1) for l in open(sys.argv[3])]
want = [(i, items["c-%d" % i], raw) for i, (kind, raw) in enumerate(links) if kind == "open"]
if len(calls) != len(want):
    sys.exit("%d browser calls, want %d: %r" % (len(calls), len(want), calls))
for argv, (i, exported, raw) in zip(calls, want):
    if len(argv) != 1:
        sys.exit("item %d: %d arguments: %r" % (i, len(argv), argv))
    if argv[0] != exported:
        sys.exit("item %d: browser got %r, the export says %r" % (i, argv[0], exported))
    if raw.startswith("http://") and argv[0] != raw:
        sys.exit("item %d: browser got %r, the feed says %r" % (i, argv[0], raw))
    if not argv[0].startswith(("http://", "https://")):
        sys.exit("item %d: a non-http argument reached the browser: %r" % (i, argv[0]))
EOF
for f in INJ1 INJ2 INJ3 INJ4 INJ5; do
	[ ! -e "$T/$f" ] && [ ! -e "$T/cwd/$f" ] || fail "a shell ran a link: $f exists"
done
ls "$T/cwd" | grep -q . && fail "files appeared in the working directory: $(ls "$T/cwd")"
pass "$opened item links and 3 summary links opened with exactly one byte-identical argument; $refused item links and the summary's javascript:/data: links refused; no shell"
