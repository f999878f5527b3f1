#!/bin/sh
# The command-line behaviours issues 10, 11 and 16 named, each against
# file:// feeds or the local test server: a path is a file for --add,
# --list with nothing subscribed, --check-config, plurals, --read on a
# feed, --export of a page, --add with a cache that cannot be created,
# and --refresh naming failures by URL (on a terminal too).
. "$top_srcdir/tests/lib.sh"

urls="$XDG_CONFIG_HOME/tidings/urls"
nf="$top_srcdir/data/newsfactor"
F="$T/feeds"
mkdir -p "$F"
cp "$nf/crm-daily.rss" "$F/"

# --list with no subscriptions says so, on stderr, and exits 0.
expect_status 0 "$TIDINGS" --list
[ ! -s "$T/out" ] || fail "--list printed rows: $(cat "$T/out")"
grep -q "^tidings: no subscriptions in $urls (add one with tidings --add URL)" "$T/err" ||
	fail "--list said: $(cat "$T/err")"
pass "--list with no subscriptions says so"

# A path is a file for --add: absolute, ./ and ~/ (subscribed as file://).
expect_status 0 "$TIDINGS" --add "$F/crm-daily.rss"
grep -q "^added file://$F/crm-daily.rss \"CRM Daily\"" "$T/out" || fail "absolute path: $(cat "$T/out" "$T/err")"
cp "$nf/sci-tech-today.atom" "$HOME/sci.atom"
(cd "$HOME" && "$TIDINGS" --add ./sci.atom) >"$T/out" 2>"$T/err" || fail "./path: $(cat "$T/err")"
grep -q "^added file://$HOME/sci.atom " "$T/out" || fail "./path said: $(cat "$T/out")"
cp "$nf/crm-daily.rss" "$HOME/crm2.rss"
expect_status 0 "$TIDINGS" --add "~/crm2.rss"
grep -q "^added file://$HOME/crm2.rss " "$T/out" || fail "~/path said: $(cat "$T/out" "$T/err")"
[ "$(grep -c '^file://' "$urls")" -eq 3 ] || fail "urls: $(cat "$urls")"
expect_status 1 "$TIDINGS" --add "$F/crm-daily.rss"
grep -q "subscribed already" "$T/err" || fail "a path's duplicate: $(cat "$T/err")"
pass "--add takes a path as a file"

# Plurals: one article, one feed.
printf '<rss version="2.0"><channel><title>One</title><item><title>only</title><guid>1</guid></item></channel></rss>\n' >"$F/one.rss"
expect_status 0 "$TIDINGS" --add "file://$F/one.rss"
grep -q '"One" (1 article)$' "$T/out" || fail "one article: $(cat "$T/out")"
cat >"$T/one.opml" <<OPML
<?xml version="1.0"?><opml version="2.0"><body><outline text="x" xmlUrl="file://$F/x.rss"/></body></opml>
OPML
expect_status 0 "$TIDINGS" --import "$T/one.opml"
grep -q '^imported 1 feed from' "$T/out" || fail "one feed: $(cat "$T/out")"
expect_status 1 "$TIDINGS" --refresh
grep -q "^5 feeds: 4 updated (" "$T/err" || fail "summary: $(cat "$T/err")"
! grep -Eq '(^|[^0-9])1 (articles|feeds|errors)' "$T/out" "$T/err" || fail "a plural after 1: $(cat "$T/out" "$T/err")"
pass "plurals follow the count"

# --refresh names a failure by its URL, never its title, on a terminal too.
grep -q "^tidings: file://$F/x.rss: " "$T/err" || fail "failure not named by URL: $(cat "$T/err")"
if command -v script >/dev/null 2>&1; then
	script -qec "'$TIDINGS' --refresh" /dev/null >"$T/tty" 2>&1 </dev/null
	grep -q "^tidings: file://$F/x.rss: " "$T/tty" || fail "tty: failure not named by URL: $(cat "$T/tty")"
	! grep -q "^tidings: [^f]" "$T/tty" || fail "tty: a failure named by title: $(cat "$T/tty")"
	grep -q "^\[[0-9]/5\] file://$F/one.rss (One): not modified" "$T/tty" || fail "tty progress: $(cat "$T/tty")"
fi
pass "--refresh names failures by URL"

# --read on a feed says it is one, exit 1, nothing on stdout.
expect_status 1 "$TIDINGS" --read "$F/crm-daily.rss"
grep -q "^tidings: $F/crm-daily.rss is a feed (\"CRM Daily\", 5 articles), not a page: try tidings --export $F/crm-daily.rss" "$T/err" ||
	fail "--read feed: $(cat "$T/err")"
[ ! -s "$T/out" ] || fail "--read feed printed: $(cat "$T/out")"
pass "--read on a feed says it is a feed"

# --check-config: every FILE:LINE: message, exit 1; a clean file exits 0.
mkdir -p "$XDG_CONFIG_HOME/tidings"
conf="$XDG_CONFIG_HOME/tidings/config"
printf 'max-parallel 4\n' >"$conf"
expect_status 0 "$TIDINGS" --check-config
grep -q "^$conf: no problems" "$T/out" || fail "clean config: $(cat "$T/out" "$T/err")"
{
	for i in 1 2 3 4 5 6 7; do printf 'no-such-setting-%s yes\n' "$i"; done
	printf 'max-parallel many\n'
} >"$conf"
expect_status 1 "$TIDINGS" --check-config
for i in 1 2 3 4 5 6 7 8; do
	grep -q "^$conf:$i: " "$T/err" || fail "line $i not reported: $(cat "$T/err")"
done
[ "$(wc -l <"$T/err")" -eq 8 ] || fail "not one line per error: $(cat "$T/err")"
pass "--check-config prints every error"

# --add with a cache that cannot be created (its folder would be under a
# file, which stops root too): exit 1, and it says that the subscription
# was added but the articles were not cached.
: >"$T/not-a-folder"
cp "$nf/sci-tech-today.atom" "$F/sci2.atom"
XDG_DATA_HOME="$T/not-a-folder/data" "$TIDINGS" --add "file://$F/sci2.atom" >"$T/out" 2>"$T/err"
[ $? -eq 1 ] || fail "--add without a cache did not exit 1: $(cat "$T/out" "$T/err")"
grep -q "^added file://$F/sci2.atom" "$T/out" || fail "not said what was done: $(cat "$T/out")"
grep -q "is subscribed, but its articles were not cached" "$T/err" || fail "not said what was not done: $(cat "$T/err")"
grep -q "^file://$F/sci2.atom$" "$urls" || fail "not subscribed: $(cat "$urls")"
pass "--add says the cache could not be created, exit 1"
