#!/bin/sh
# The urls file changed by another program while the reader runs: the
# reader's list shows the change without a key (on its tick), and its own
# next edit keeps it (issue 10, item 1).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux_lib.sh"
. "$top_srcdir/tests/tui/ui_helpers.sh"

a=$(mkfeed a "Feed Alpha"); b=$(mkfeed b "Feed Bravo"); c=$(mkfeed c "Feed Charlie")
echo "$a" >"$URLS"

start_tui 80x24
wait_for "Feeds (1)"
"$TIDINGS" --add "$b" >"$T/add.out" 2>&1 || { cat "$T/add.out"; fail "--add $b"; }
# No key pressed: the tick reads the file again.
wait_for "Feeds (2)"
wait_for "Feed Bravo"
pass "an outside --add shows in the running reader"

keys a
wait_for "Add feed (URL):"
type_text "$c"
keys Enter
wait_for "Added Feed Charlie"
for u in "$a" "$b" "$c"; do
	grep -qxF "$u" "$URLS" || { cat "$URLS" >&2; fail "lost $u"; }
done
[ "$(wc -l <"$URLS")" -eq 3 ] || { cat "$URLS" >&2; fail "urls file has extra lines"; }
pass "a adds to the file as it is now: the outside --add stays"

# An outside --remove: the list follows, the selection stays on its feed.
keys G
"$TIDINGS" --remove "$a" >"$T/rm.out" 2>&1 || { cat "$T/rm.out"; fail "--remove"; }
wait_for "Feeds (2)"
wait_gone "Feed Alpha"
keys Enter
wait_for "Feed Charlie - 1 article"
pass "an outside --remove shows; the selection keeps its feed"

keys Q
wait_exit
[ "$TUI_STATUS" -eq 0 ] || fail "exit status $TUI_STATUS"
check_stderr
