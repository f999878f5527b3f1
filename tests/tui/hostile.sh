#!/bin/sh
# A feed whose titles and text carry OSC 52 (clipboard), OSC 0/2 (window
# title), CSI (clear screen, colours) and C1 controls: the reader shows
# them as inert text and the terminal is unchanged (no tmux paste buffer,
# the pane title untouched). The XML pass already drops ESC, so a second
# part writes the same sequences straight into the cache (as a feed parsed
# by an older version, or any other way into the store, would leave them):
# only the reader's own sanitiser stands between them and the terminal.
# A control run shows tmux would have obeyed.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux_lib.sh"

# The feed is tests/data/feeds/hostile.rss, the sequences raw in it;
# the control run at the end prints two of them itself.
esc=$(printf '\033'); bel=$(printf '\007')

start_tui 80x24
tm set-option -s set-clipboard on
title_before=$(tm display -p '#{pane_title}')
wait_for "You have no subscriptions yet."
keys a
wait_for "Add feed (URL):"
type_text "$FEEDS_DIR/hostile.rss"
keys Enter
# The XML pass drops each escape sequence whole, not only its ESC byte.
wait_for "Added Hostile Feed: 1 article."
wait_for "Hostile Feed"
keys j Enter
wait_for "Inert red and"
wait_for "C1 and"
keys Enter
wait_for "Title:  Inert red and"
wait_for "Body text"
wait_for "two"
expect_screen hostile-pager "two"
pass "escape sequences show as inert text"

tm show-buffer >/dev/null 2>&1 && fail "a paste buffer was set: $(tm show-buffer)"
[ "$(tm display -p '#{pane_title}')" = "$title_before" ] || fail "pane title changed to $(tm display -p '#{pane_title}')"
# Every byte the reader wrote is printable text or its own drawing:
# capture with attributes and look for controls other than SGR.
tm capture-pane -p -e | LC_ALL=C tr -d '\033' | LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" && fail "control bytes on the screen"
pass "no paste buffer, pane title unchanged"

keys Q
wait_exit
check_stderr

# The cache itself holds the sequences: the feed's title and error, and the
# article's title, author and link, as raw ESC, C1 and bidi controls.
"$PYTHON3" - "$XDG_DATA_HOME/tidings/cache.db" <<'PYEOF' || fail "could not write the cache"
import sqlite3, sys
esc, bel, csi1, osc1, st1, rlo = "\033", "\007", "\u009b", "\u009d", "\u009c", "\u202e"
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE feeds SET title = ?",
           ("Stored" + esc + "]52;c;cHduZWQ=" + bel + " feed" + esc + "]2;PWNED" + bel,))
db.execute("UPDATE items SET title = ?, author = ?, link = ?",
           ("Row " + esc + "[2J" + esc + "[31mred" + esc + "[0m " + csi1 + "7m C1 " + rlo + "bidi",
            "Mallory" + esc + "]2;PWNED4" + bel + osc1 + "0;PWNED5" + st1 + " end",
            "http://evil.example/" + esc + "[5mlink"))
db.commit()
PYEOF
start_tui 80x24 TZ=UTC
tm set-option -s set-clipboard on
wait_for "Stored feed"
keys g j Enter
wait_for "Row red C1 bidi"
keys Enter
wait_for "Author: Mallory end"
expect_screen hostile-cached "Link:   http://evil.example/"
tm show-buffer >/dev/null 2>&1 && fail "a paste buffer was set from the cache: $(tm show-buffer)"
[ "$(tm display -p '#{pane_title}')" = "$title_before" ] || fail "pane title changed from the cache to $(tm display -p '#{pane_title}')"
tm capture-pane -p -e | LC_ALL=C tr -d '\033' | LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" && fail "control bytes on the screen"
keys Q
wait_exit
check_stderr
pass "sequences stored in the cache are shown inert too (the reader's own sanitiser)"

# Control: the same sequences printed raw do set a buffer and the title.
# (tidings' session has ended, so this is a new server: set the option again)
tm new-session -d -s control "sleep 0.3; printf '${esc}]52;c;cHduZWQ=${bel}${esc}]2;PWNED${bel}'; sleep 5" \; \
	set-option -s set-clipboard on
i=0
until tm show-buffer >/dev/null 2>&1; do
	i=$((i + 1)); [ $i -lt 100 ] || skip "this tmux ignores OSC 52: the test cannot tell"
	sleep 0.05
done
[ "$(tm show-buffer)" = "pwned" ] || fail "control buffer: $(tm show-buffer)"
i=0
until [ "$(tm display -p -t control '#{pane_title}')" = PWNED ]; do
	i=$((i + 1)); [ $i -lt 100 ] || fail "control: the pane title did not change"
	sleep 0.05
done
pass "control: tmux obeys the raw sequences"
