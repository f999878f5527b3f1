#!/bin/sh
# Twenty --add/--remove from a loop while the reader adds, deletes and
# retitles: the urls file ends with exactly the union of the intended
# changes, and its comment and the lines tidings does not use stay byte
# for byte (issue 10, item 1). Bounded: at most INTERLEAVE_MAX_S seconds.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux_lib.sh"
. "$top_srcdir/tests/tui/ui_helpers.sh"

INTERLEAVE_MAX_S=20
OUTSIDE_PAIRS=10	# each an --add and a --remove: 20 commands
started=$(date +%s)

r1=$(mkfeed r1 "Reader One"); r2=$(mkfeed r2 "Reader Two")
u1=$(mkfeed u1 "Added One"); u2=$(mkfeed u2 "Added Two")
{
	echo "# my feeds, kept in git"
	echo "$r1 mine"
	echo "$r2 mine \"two words\""
	echo 'query:Unread:unread = "yes"'
	echo "not-a-url but kept"
} >"$URLS"
: >"$T/want"
i=1
while [ $i -le $OUTSIDE_PAIRS ]; do
	echo "$(mkfeed "rm$i" "Removed $i") outside" >>"$URLS"
	echo "$(mkfeed "add$i" "Outside $i")" >>"$T/want"
	i=$((i + 1))
done
printf '%s\n' "$r2" "$u1" "$u2" >>"$T/want"

start_tui 80x24
wait_for "Feeds ($((OUTSIDE_PAIRS + 2)))"

# The loop: add one, remove one, ten times, as fast as it can.
(
	i=1
	while [ $i -le $OUTSIDE_PAIRS ]; do
		"$TIDINGS" --add "file://$T/feeds/add$i.xml" || echo "add $i failed"
		"$TIDINGS" --remove "file://$T/feeds/rm$i.xml" || echo "remove $i failed"
		i=$((i + 1))
	done
) >"$T/loop.out" 2>&1 &
loop_pid=$!
at_exit "kill $loop_pid 2>/dev/null"

# Meanwhile the reader, on its own feeds (the tag keeps the rows still).
keys T
wait_for "Show feeds tagged"
type_text mine
keys Enter
wait_for "Feeds tagged mine (2)"
keys a
wait_for "Add feed (URL):"
type_text "$u1"
keys Enter
wait_for "Added Added One"
keys g j d
wait_for "Delete "
keys y
wait_for "Deleted."
keys a
wait_for "Add feed (URL):"
type_text "$u2"
keys Enter
wait_for "Added Added Two"
keys g j t
wait_for "Title (empty"
type_text "Retitled"
keys Enter
wait_for "Tags"
keys Enter
wait_for "Saved."

wait $loop_pid || fail "the loop failed"
[ -s "$T/loop.out" ] && grep -q failed "$T/loop.out" && { cat "$T/loop.out" >&2; fail "outside commands failed"; }

# Every URL line: exactly the union of the changes, in any order.
grep '^file://' "$URLS" | cut -d' ' -f1 | sort >"$T/got"
sort "$T/want" >"$T/want.sorted"
diff "$T/want.sorted" "$T/got" >&2 || { cat "$URLS" >&2; fail "subscriptions differ"; }
grep -qxF "$r2 mine \"two words\" ~Retitled" "$URLS" ||
	{ cat "$URLS" >&2; fail "retitle lost or tags damaged"; }
# The lines tidings does not use, byte for byte and first, in order.
head -n 1 "$URLS" | grep -qxF "# my feeds, kept in git" || fail "comment lost"
grep -qxF 'query:Unread:unread = "yes"' "$URLS" || fail "query line lost"
grep -qxF "not-a-url but kept" "$URLS" || fail "unknown line lost"
pass "the file holds exactly the union of the reader's and the loop's changes"

keys Escape
wait_for "Feeds ($((OUTSIDE_PAIRS + 3)))"
pass "the reader's list follows the loop's changes"
keys Q
wait_exit
[ "$TUI_STATUS" -eq 0 ] || fail "exit status $TUI_STATUS"
check_stderr
[ $(($(date +%s) - started)) -le $INTERLEAVE_MAX_S ] ||
	fail "took more than $INTERLEAVE_MAX_S s"
