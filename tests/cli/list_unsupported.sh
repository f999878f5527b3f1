#!/bin/sh
# newsboat's query:, exec: and filter: lines are kept but not run yet:
# --list shows each on a line of its own that says "not supported", next
# to the feeds it does run (issue 10, item 19).
. "$top_srcdir/tests/lib.sh"

urls="$XDG_CONFIG_HOME/tidings/urls"
mkdir -p "$XDG_CONFIG_HOME/tidings" "$T/feeds"
cp "$top_srcdir/data/newsfactor/crm-daily.rss" "$T/feeds/"
crm="file://$T/feeds/crm-daily.rss"
cat >"$urls" <<EOT
$crm news
"query:Unread:unread = \"yes\""
exec:~/bin/make-feed.sh scripts
filter:~/bin/clean.sh:http://filtered.example/feed.xml
EOT

expect_status 0 "$TIDINGS" --list
[ "$(wc -l <"$T/out")" -eq 4 ] || fail "--list printed: $(cat "$T/out")"
grep -q "^$crm	" "$T/out" || fail "the URL feed is missing: $(cat "$T/out")"
grep -q "^query:Unread:.*	Unread	.*not supported (query feed)\$" "$T/out" ||
	fail "no query line: $(cat "$T/out")"
grep -q "^exec:~/bin/make-feed.sh	.*	scripts	.*not supported (exec feed)\$" "$T/out" ||
	fail "no exec line: $(cat "$T/out")"
grep -q "^filter:~/bin/clean.sh:http://filtered.example/feed.xml	.*not supported (filter feed)\$" "$T/out" ||
	fail "no filter line: $(cat "$T/out")"
grep "^$crm	" "$T/out" | grep -q "not supported" && fail "the URL feed says not supported"
pass "--list shows query:, exec: and filter: lines as not supported"

# Only such lines: listed too, not "no subscriptions".
printf '"query:Unread:unread = \\"yes\\""\n' >"$urls"
expect_status 0 "$TIDINGS" --list
grep -q "not supported (query feed)" "$T/out" || fail "alone, --list printed: $(cat "$T/out") / $(cat "$T/err")"
pass "--list shows a lone query line"
