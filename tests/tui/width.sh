#!/bin/sh
# Layout by display width: wide (CJK), emoji and combining characters in
# feed and article titles never shift the columns after them, and no line
# is wider than the window.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux_lib.sh"
[ -n "${PYTHON3:-}" ] || skip "no python3"

mkdir -p "$XDG_CONFIG_HOME/tidings"
cat >"$T/wide.rss" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>日本語ニュース速報テスト</title><link>http://wide.example/</link>
<item><title>|東京で新しい技術の発表がありました、とても長い見出しです</title><guid>1</guid><pubDate>Fri, 23 May 2014 12:00:00 GMT</pubDate></item>
<item><title>|Cafe&#x301; re&#x301;sume&#x301; with combining marks</title><guid>2</guid><pubDate>Thu, 22 May 2014 12:00:00 GMT</pubDate></item>
<item><title>|Emoji 🎉🎉🎉 👩‍👩‍👧 party</title><guid>3</guid><pubDate>Wed, 21 May 2014 12:00:00 GMT</pubDate></item>
</channel></rss>
XML
echo "file://$T/wide.rss" >"$XDG_CONFIG_HOME/tidings/urls"
echo "file://$top_srcdir/data/newsfactor/crm-daily.rss" >>"$XDG_CONFIG_HOME/tidings/urls"

# The display width of a character, as the terminal lays it out.
WIDTH_PY='
import sys, unicodedata
def w(c):
    if unicodedata.combining(c) or c == "\u200d" or unicodedata.category(c) == "Mn":
        return 0
    return 2 if unicodedata.east_asian_width(c) in "WF" else 1
'
# column_of_bar: the display column of the first "|" on each line that has one.
column_of_bar() {
	"$PYTHON3" -c "$WIDTH_PY"'
for line in sys.stdin.read().splitlines():
    if "|" in line:
        print(sum(w(c) for c in line[:line.index("|")]))
'
}
# cut_lines_fill COLS: fail unless every line cut with an ellipsis reaches
# the last column exactly (a wide character that does not fit leaves a
# blank before the ellipsis, never a gap or an overflow).
cut_lines_fill() {
	"$PYTHON3" -c "$WIDTH_PY"'
bad = [l for l in sys.stdin.read().splitlines()
       if l.endswith("\u2026") and sum(w(c) for c in l) != int(sys.argv[1])]
for l in bad:
    print("cut short or long: %r" % l)
sys.exit(1 if bad else 0)
' "$1"
}

for size in 80x24 100x24 60x20; do
	start_tui "$size"
	wait_for "Feeds (2)"
	keys R
	wait_for "Refreshed 2 feeds"
	keys g Enter
	wait_for "All articles - 8 articles"
	cols=${size%x*}
	screen | cut_lines_fill "$cols" || { screen >&2; fail "$size: a cut line does not end at the edge"; }
	# The Japanese title is cut at every size, the emoji one whole.
	screen | grep -q "|東京.* …$" || { screen >&2; fail "$size: the wide title is not cut"; }
	screen | grep -q "|Emoji .* party$" || { screen >&2; fail "$size: the emoji title is cut"; }
	n=$(screen | column_of_bar | sort -u | wc -l)
	[ "$n" -eq 1 ] || { screen >&2; fail "$size: titles start at $n different columns"; }
	keys Enter
	wait_for "Title:"
	screen | cut_lines_fill "$cols" || { screen >&2; fail "$size: a cut line in the pager"; }
	keys Q
	wait_exit
	check_stderr
done
pass "wide, emoji and combining characters keep the columns"
