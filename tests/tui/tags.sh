#!/bin/sh
# A tag with blanks stays one tag: t, Enter, Enter leaves the line as it
# was; the list shows the tags in the quoted form the prompt edits; the
# tag filter matches the whole tag (issue 10, item 2).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux_lib.sh"
. "$top_srcdir/tests/tui/ui_helpers.sh"

a=$(mkfeed a "Feed Alpha"); b=$(mkfeed b "Feed Bravo")
printf '%s news "Nested Deeper"\n%s Nested\n' "$a" "$b" >"$URLS"
cp "$URLS" "$T/urls.before"

start_tui 80x24
wait_for "Feeds (2)"
keys R
wait_for "Refreshed 2 feeds"
wait_for "(news \"Nested Deeper\")"
pass "the list shows a tag with blanks quoted"

keys g j t
wait_for "Title (empty"
keys Enter
wait_for 'Tags (blank-separated): news "Nested Deeper"'
keys Enter
wait_for "Saved."
cmp -s "$URLS" "$T/urls.before" || { diff "$T/urls.before" "$URLS" >&2; fail "t, Enter, Enter changed the line"; }
pass "t, Enter, Enter keeps the tags"

# Edit the list: a new two-word tag, one tag dropped.
keys t
wait_for "Title (empty"
keys Enter
wait_for "Tags ("
keys C-u
type_text '"Nested Deeper" "Big News"'
keys Enter
wait_for "Saved."
grep -qxF "$a \"Nested Deeper\" \"Big News\"" "$URLS" || { cat "$URLS" >&2; fail "edited tags: $(head -1 "$URLS")"; }
pass "the prompt edits a list of tags"

keys T
wait_for "Show feeds tagged"
type_text "Nested Deeper"
keys Enter
wait_for "Feeds tagged Nested Deeper (1)"
screen | grep -q "Feed Bravo" && fail "the filter matched part of a tag"
pass "the tag filter matches whole tags"
keys Q
wait_exit
check_stderr
