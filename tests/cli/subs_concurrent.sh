#!/bin/sh
# Several programs writing the urls file at once (issue 10 item 1, issue
# 16): every --add and --remove applies its own change to the file as it
# is when it saves, so none undoes another's, and the user's own lines stay
# byte for byte. The feeds come from the local test server with a delay,
# so every --add holds its copy of the file while others save: the window
# in which a stale copy used to be written back.
. "$top_srcdir/tests/lib.sh"

SECONDS_MAX=20		# the interleaving part: issue 10's bound
DELAY_MS=300		# each feed's answer: --add waits that long mid-way
ADDERS=20
PROC_MAX=60		# seconds any one tidings may take: nothing hangs
started=$(date +%s)
took() { echo $(($(date +%s) - $1)); }

urls="$XDG_CONFIG_HOME/tidings/urls"
mkdir -p "$T/root" "$XDG_CONFIG_HOME/tidings"
cp "$top_srcdir/data/newsfactor/crm-daily.rss" "$T/root/crm.rss"
start_server "$T/root"
feed() { echo "$BASE/etag/crm.rss?delay=$DELAY_MS&n=$1"; }
# The same feed as files, for the loops' adds: quicker, so the 20 changes
# fit in the time.
quick() { echo "file://$T/root/crm.rss#$1"; }

# The user's file: comments, a blank line, an unknown line, CRLF on one.
head='# my feeds, kept in git
"query:Unread:unread = \"yes\"" virtual

not a url, but mine
'
printf '%s' "$head" >"$urls"
printf 'file:///kept/one.xml "two words" # a comment\r\n' >>"$urls"
cp "$urls" "$T/before"

# ---- 20 parallel --add: all 20 in the file --------------------------------
i=1
while [ $i -le $ADDERS ]; do
	timeout $PROC_MAX "$TIDINGS" --add "$(feed $i)" >"$T/add.$i.out" 2>"$T/add.$i.err" &
	eval "pid_$i=\$!"
	i=$((i + 1))
done
i=1
while [ $i -le $ADDERS ]; do
	eval "wait \$pid_$i" || { cat "$T/add.$i.err" >&2; fail "--add $i failed"; }
	grep -q "^added " "$T/add.$i.out" || fail "--add $i said: $(cat "$T/add.$i.out")"
	i=$((i + 1))
done
n=$(grep -c "^$BASE/etag/crm.rss" "$urls")
[ "$n" -eq $ADDERS ] || fail "$n of $ADDERS parallel --add are in the file"
i=1
while [ $i -le $ADDERS ]; do
	grep -qxF "$(feed $i)" "$urls" || fail "--add $i is not in the file"
	i=$((i + 1))
done
lines=$(wc -l <"$T/before")
head -n "$lines" "$urls" | cmp -s - "$T/before" || fail "the user's lines changed"
pass "$ADDERS parallel --add: all in the file, the user's lines byte for byte ($(took $started)s)"

# ---- the write replaces the file, never rewrites it in place ---------------
# A reader that opened the file before a save reads the old file whole,
# and the file is a new inode: true as root too, where a read-only folder
# proves nothing.
cp "$urls" "$T/old"
ino=$(stat -c %i "$urls")
exec 3<"$urls"
expect_status 0 timeout $PROC_MAX "$TIDINGS" --remove "$(feed 1)"
cat <&3 >"$T/seen"
exec 3<&-
cmp -s "$T/seen" "$T/old" || fail "a reader of the old file saw it change"
[ "$(stat -c %i "$urls")" != "$ino" ] || fail "the file was rewritten in place"
pass "a save renames a new file over the old one"

# ---- two loops of --add/--remove, a reader watching ------------------------
# Loop A adds a1..a5 and removes feeds 2..6; loop B adds b1..b5 and removes
# feeds 7..11: 20 changes, interleaved. A third loop reads the file all
# along: it must always see a whole file (the head, then complete lines).
cp "$urls" "$T/start"
head -c ${#head} "$T/before" >"$T/head"
interleaving=$(date +%s)
touch "$T/watching"
(
	bad=0
	while [ -e "$T/watching" ]; do
		cp "$urls" "$T/snap" 2>/dev/null || continue
		cmp -s -n ${#head} "$T/snap" "$T/head" || bad=$((bad + 1))
		# $(...) drops a final newline: a whole file leaves nothing
		[ -z "$(tail -c 1 "$T/snap")" ] || bad=$((bad + 1))
	done
	echo $bad >"$T/watch.bad"
) &
watcher=$!
loop() {	# NAME FIRST_REMOVED
	k=1
	while [ $k -le 5 ]; do
		timeout $PROC_MAX "$TIDINGS" --add "$(quick "$1$k")" >/dev/null 2>"$T/$1.err" ||
			{ echo "--add $1$k: $(cat "$T/$1.err")" >"$T/$1.failed"; return; }
		timeout $PROC_MAX "$TIDINGS" --remove "$(feed $(($2 + k - 1)))" >/dev/null 2>"$T/$1.err" ||
			{ echo "--remove: $(cat "$T/$1.err")" >"$T/$1.failed"; return; }
		k=$((k + 1))
	done
}
loop a 2 &
la=$!
loop b 7 &
lb=$!
wait $la
wait $lb
rm "$T/watching"
wait $watcher
for l in a b; do
	[ ! -e "$T/$l.failed" ] || fail "loop $l: $(cat "$T/$l.failed")"
done
[ "$(cat "$T/watch.bad")" -eq 0 ] || fail "a reader saw a partial file $(cat "$T/watch.bad") times"

# Want: the file as it started, feeds 2..11 gone, the 10 new ones after.
{
	grep -vxF -f /dev/stdin "$T/start" <<EOF
$(i=2; while [ $i -le 11 ]; do feed $i; i=$((i + 1)); done)
EOF
} >"$T/want.kept"
kept=$(wc -l <"$T/want.kept")
head -n "$kept" "$urls" | cmp -s - "$T/want.kept" ||
	{ diff "$T/want.kept" "$urls" >&2; fail "after the loops: the kept lines differ"; }
for l in a b; do for k in 1 2 3 4 5; do quick "$l$k"; done; done | sort >"$T/want.added"
tail -n +$((kept + 1)) "$urls" | sort | cmp -s - "$T/want.added" ||
	{ diff "$T/want.added" "$urls" >&2; fail "after the loops: the added lines differ"; }
elapsed=$(took $interleaving)
[ $elapsed -le $SECONDS_MAX ] || fail "the interleaving took ${elapsed}s, more than ${SECONDS_MAX}s"
pass "20 interleaved --add/--remove: exactly the union of the changes (${elapsed}s, at most ${SECONDS_MAX}s)"
