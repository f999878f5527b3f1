#!/bin/sh
# Every resize sequence ends drawn at the final size (issue 10, item 4):
# grow, shrink, 1x1 and back, and 50 random sizes sent without waiting.
# The whole captured screen is checked against the size: the hints on the
# last row, the title bar and a long feed title cut at the last column,
# nothing below the last row. C-l redraws from scratch.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux_lib.sh"
. "$top_srcdir/tests/tui/ui_helpers.sh"

RANDOM_SIZES=50
long="A feed whose title is much longer than any terminal this test uses, by far, so every width cuts it somewhere along its length - really long, longer than two hundred columns of text without any doubt at all"
mkfeed a "$long" >"$URLS"

# drawn_at W H: the screen is laid out for W columns and H rows.
drawn_at() {
	screen >"$T/screen"
	[ "$(wc -l <"$T/screen")" -eq "$2" ] || return 1
	# The hints sit on the last row, the title bar on the first.
	sed -n "${2}p" "$T/screen" | grep -q '^?:help' || return 1
	sed -n 1p "$T/screen" | grep -q '^tidings .* - Feeds (1)' || return 1
	# Row 3 (the long title) is cut at exactly W columns, with an ellipsis.
	row=$(sed -n 3p "$T/screen")
	[ "$(printf '%s' "$row" | wc -m)" -eq "$1" ] || return 1
	printf '%s' "$row" | grep -q '…$'
}

# wait_drawn W H: until drawn_at W H (bounded).
wait_drawn() {
	i=0
	until drawn_at "$1" "$2"; do
		i=$((i + 1))
		if [ $i -ge $TM_STEPS ]; then
			echo "--- screen (want $1x$2):" >&2; cat -A "$T/screen" >&2
			fail "not drawn at $1x$2"
		fi
		sleep 0.05
	done
}

start_tui 120x35
wait_for "Feeds (1)"
keys R
wait_for "Refreshed 1 feed"
keys Escape
wait_drawn 120 35

for step in 100x30 110x30 80x25 80x35 100x30 120x35 60x20 40x12 120x35; do
	tm resize-window -x "${step%x*}" -y "${step#*x}"
	wait_drawn "${step%x*}" "${step#*x}"
done
pass "grow and shrink: each size drawn"

tm resize-window -x 1 -y 1
tm resize-window -x 19 -y 3
wait_for "Terminal too sm"
tm resize-window -x 1 -y 1
tm resize-window -x 40 -y 20
wait_drawn 40 20
pass "1x1 and back to 40x20"

# Many sizes at once: only the last one matters.
awk -v n=$RANDOM_SIZES -v seed="$$" 'BEGIN { srand(seed);
	for (i = 0; i < n; i++) printf "%d %d\n", 30 + int(rand() * 150), 6 + int(rand() * 44) }' >"$T/sizes"
while read -r w h; do
	tm resize-window -x "$w" -y "$h"
done <"$T/sizes"
tm resize-window -x 97 -y 31
wait_drawn 97 31
pass "$RANDOM_SIZES sizes in a row end drawn at the last"

# C-l: a screen damaged behind the reader's back is drawn again whole.
tm resize-window -x 80 -y 24
wait_drawn 80 24
tm send-keys C-l
wait_drawn 80 24
pass "C-l redraws"
keys Q
wait_exit
check_stderr
