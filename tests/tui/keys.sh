#!/bin/sh
# The rest of the keys: m, n/N, A, u, 0, S, Esc, t (title and tags), T
# (filter by tag), and the mouse: a click selects, a double click opens,
# the wheel scrolls (xterm mouse reports typed into the pane).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux_lib.sh"

mkdir -p "$XDG_CONFIG_HOME/tidings"
echo "# my feeds" >"$XDG_CONFIG_HOME/tidings/urls"
subscribe_sample
# A mouse report (X10 encoding, as TERM=tmux-256color's kmous): button
# code, then 1-based column and row, each plus 32.
mouse() { tm send-keys -l "$(printf '\033[M%b%b%b' "\\$(printf %o $(($1 + 32)))" \
	"\\$(printf %o $(($2 + 32)))" "\\$(printf %o $(($3 + 32)))")"; }
# ncurses waits its mouseinterval (1/6 s) to tell a click from a double
# one: wait_cursor waits for the click to land.
click() { mouse 0 "$1" "$2"; mouse 3 "$1" "$2"; }

start_tui 80x24
wait_for "Feeds (2)"
keys R
wait_for "Refreshed 2 feeds: 9 new."

# Click on the third row of the screen (Sci-Tech Today), then open it.
click 5 4
wait_cursor "Sci-Tech Today"
keys Enter
wait_for "Sci-Tech Today - 4 articles"
keys Escape
wait_for "Feeds (2)"
# Double click on CRM Daily opens it.
click 5 3; click 5 3
wait_for "CRM Daily - 5 articles"
pass "click selects, double click opens, Esc goes back"

# m marks read and moves on; n/N find unread ones, skipping read ones;
# u hides read ones. The cursor is the reverse-video row.
wait_cursor "Microsoft Fought the FBI"
keys m m
wait_for "  2014-05-22"
line 2 | grep -q "^  2014-05-23 .*Microsoft Fought" || fail "m: $(line 2)"
wait_cursor "Amazon Intros Zocalo"
keys g
wait_cursor "Microsoft Fought the FBI"
keys n
wait_cursor "Amazon Intros Zocalo"
keys j j
wait_cursor "34 European Banks"
keys N
wait_cursor "Review: Microsoft's Surface Pro 3"
keys N
wait_cursor "Amazon Intros Zocalo"
keys N
wait_for "No more unread articles."
cursor_line | grep -q "Amazon Intros Zocalo" || fail "N moved onto a read article: $(cursor_line)"
keys u
wait_for "CRM Daily - 3 articles unread"
keys u
wait_for "CRM Daily - 5 articles - sort"
keys A
wait_for "3 articles marked read."
keys q
wait_for "0/5"
pass "m, n, u and A"

# Ratings: 0 clears; S reverses the sort.
keys Enter 4
wait_for "[4] Microsoft"
keys 0
wait_for "Rating cleared."
screen | grep -q "\[4\]" && fail "0 did not clear"
keys S
wait_for "sort: date (reversed)"
line 2 | grep -q "34 European Banks" || fail "reverse: $(line 2)"
keys q
pass "0 clears a rating, S reverses"

# The wheel moves through a list, three lines a step.
keys g j Enter
wait_for "CRM Daily - 5 articles"
keys g
wait_cursor "Microsoft Fought the FBI"
mouse 65 10 10
wait_cursor "Review: Microsoft's Surface Pro 3"
keys Enter
wait_for "Title:  Review: Microsoft's Surface Pro 3"
keys q
wait_cursor "Review: Microsoft's Surface Pro 3"
mouse 64 10 10
wait_cursor "Microsoft Fought the FBI"
keys Enter
wait_for "Title:  Microsoft Fought"
keys q q
wait_for "Feeds (2)"
pass "the wheel scrolls"

# t: a custom title and tags; T shows only the feeds with a tag.
keys g j t
wait_for "Title (empty: the feed's own):"
type_text "My CRM"
keys Enter
wait_for "Tags (blank-separated):"
type_text "work news"
keys Enter
wait_for "Saved."
wait_for "My CRM  (work news)"
# edited in place: the line keeps its position, the others their bytes
printf '# my feeds\nfile://%s work news "~My CRM"\nfile://%s\n' \
	"$top_srcdir/data/newsfactor/crm-daily.rss" \
	"$top_srcdir/data/newsfactor/sci-tech-today.atom" >"$T/urls.want"
cmp -s "$T/urls.want" "$XDG_CONFIG_HOME/tidings/urls" ||
	fail "urls: $(cat "$XDG_CONFIG_HOME/tidings/urls")"
keys T
wait_for "Show feeds tagged"
type_text "work"
keys Enter
wait_for "Feeds tagged work (1)"
screen | grep -q "Sci-Tech Today" && fail "T did not filter"
keys q
wait_for "Feeds (2)"
wait_for "Sci-Tech Today"
keys Q
wait_exit
check_stderr
pass "t edits title and tags in place; T filters by tag"
