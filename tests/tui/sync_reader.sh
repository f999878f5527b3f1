#!/bin/sh
# The reader with a sync server (issue 14), against a real FreshRSS
# (tests/sync/sync_lib.sh): a cache without the server's feeds syncs at
# start, the password command runs once, before the screen; R syncs in
# the event loop and the feed list is the server's; * and reading go to the server on the next R; with the
# server gone the reader starts at once, shows and lets the user star,
# and R fails in one status line with the reason under E, nothing lost;
# back online R sends what waited, and A marks the feed read on the
# server.
. "$top_srcdir/tests/sync/sync_lib.sh"
. "$top_srcdir/tests/tui/tmux_lib.sh"

fr_start 2 3
all_row_has() { screen | grep -F "All articles" | grep -F -q -- "$1"; }
# starred_on_server: the server's starred item ids, sorted, on one line
starred_on_server() { fr_ids "s=user/-/state/com.google/starred" | sort -n | tr '\n' ' '; }
unread_on_server() {
	fr_ids "s=user/-/state/com.google/reading-list&xt=user/-/state/com.google/read" | wc -l
}

# the password from a command that counts its runs
cat >"$T/pw.sh" <<EOF
#!/bin/sh
echo run >>"$T/pw.runs"
cat "$T/password"
EOF
chmod 700 "$T/pw.sh"
sed -i "s|^sync-password-file .*|sync-password-command $T/pw.sh|" \
	"$XDG_CONFIG_HOME/tidings/config"
start_tui 100x30
wait_for "Synced 2 feeds: 6 new"
wait_for "Feed 2"
poll "All articles at 6/6" all_row_has " 6/6 "
pass "the first start syncs; the feed list is the server's"

# Star the first article of Feed 1 from the pager (reading it).
keys g j Enter
wait_for "Feed 1 - 3 articles"
keys Enter
wait_for "Title:  Feed 1 item"
keys '*'
wait_for "Starred."
first=$(db "SELECT server_id FROM items WHERE starred = 1")
keys q q
wait_for "Feeds (2)"
keys R
wait_for "Synced 2 feeds: 0 new, 2 changes"
[ "$(starred_on_server)" = "$first " ] || fail "the server's starred: $(starred_on_server), want $first"
[ "$(unread_on_server)" -eq 5 ] || fail "the server has $(unread_on_server) unread, want 5"
pass "* and reading reach the server on the next R"
keys Q
wait_exit
[ "$(wc -l <"$T/pw.runs")" -eq 1 ] ||
	fail "the password command ran $(wc -l <"$T/pw.runs") times in one session, not once"
pass "the password command runs once a session"

# The server is gone: the reader starts, shows everything, stars.
proxy_stop
start_tui 100x30
wait_for "Feeds (2)"
poll "All articles at 5/6 offline" all_row_has " 5/6 "
keys g j j j Enter
wait_for "Feed 2 - 3 articles"
keys '*'
wait_for "Starred."
second=$(db "SELECT server_id FROM items WHERE starred = 1 AND server_id != $first")
keys q
wait_for "Feeds (2)"
keys R
wait_for "Sync failed:"
keys g E
wait_for "The last sync with the server:"
pass "offline: the reader starts and stars; R fails with the reason under E"
keys q
wait_for "Feeds (2)"
keys Q
wait_exit
[ "$("$SYNC_TOOL" "$DB" pending | wc -l)" -ge 1 ] || fail "the star did not wait in the queue"

# Back online: R sends what waited; A marks Feed 2 read on the server.
proxy_start "$PPORT"
start_tui 100x30
wait_for "Feeds (2)"
keys R
wait_for "Synced 2 feeds"
want=$(printf '%s\n' "$first" "$second" | sort -n | tr '\n' ' ')
[ "$(starred_on_server)" = "$want" ] || fail "the server's starred: $(starred_on_server), want $want"
pass "back online R sends the star made offline"
keys g j j j
wait_cursor "Feed 2"
keys A
wait_for "3 articles marked read"
keys R
wait_for "Synced 2 feeds"
[ "$(unread_on_server)" -eq 2 ] || fail "the server has $(unread_on_server) unread after A, want 2"
pass "A marks the feed read on the server"
keys Q
wait_exit
check_stderr
