#!/bin/sh
# libcurl is loaded by the first transfer, not at start-up (src/fetch/):
# runs that fetch nothing never map it, a URL does, and a libcurl that
# cannot be loaded fails each transfer with the reason, never a crash,
# while file work goes on.
. "$top_srcdir/tests/lib.sh"

nf="$top_srcdir/data/newsfactor"
mkdir -p "$T/www" "$T/nolib"
cp "$nf/crm-daily.rss" "$T/www/"
start_server "$T/www"

# loaded: whether the dynamic loader opened libcurl during "$@"
loaded() {
	LD_DEBUG=files "$@" >/dev/null 2>"$T/lddebug"
	grep -q 'file=libcurl' "$T/lddebug"
}
loaded "$TIDINGS" --version && fail "--version loads libcurl"
loaded "$TIDINGS" --read=json "$nf/fbi-microsoft.html" && fail "--read FILE loads libcurl"
loaded "$TIDINGS" --export=json "$nf/crm-daily.rss" && fail "--export FILE loads libcurl"
loaded "$TIDINGS" --export=json "$BASE/crm-daily.rss" || fail "--export URL does not load libcurl"
pass "libcurl is loaded by the first transfer only"

# A libcurl.so.4 the loader finds first and cannot use.
printf 'not a library\n' >"$T/nolib/libcurl.so.4"
expect_status 1 env LD_LIBRARY_PATH="$T/nolib" "$TIDINGS" --export=json "$BASE/crm-daily.rss"
grep -q "$BASE/crm-daily.rss: cannot load libcurl.so.4: " "$T/err" ||
	fail "--export URL: $(cat "$T/err")"
expect_status 1 env LD_LIBRARY_PATH="$T/nolib" "$TIDINGS" --read=json "$BASE/crm-daily.rss"
grep -q "cannot load libcurl.so.4: " "$T/err" || fail "--read URL: $(cat "$T/err")"
expect_status 0 env LD_LIBRARY_PATH="$T/nolib" "$TIDINGS" --export=json "$nf/crm-daily.rss"
[ -s "$T/out" ] || fail "--export FILE without libcurl printed nothing"
mkdir -p "$XDG_CONFIG_HOME/tidings"
echo "$BASE/crm-daily.rss" >"$XDG_CONFIG_HOME/tidings/urls"
expect_status 1 env LD_LIBRARY_PATH="$T/nolib" "$TIDINGS" --refresh
grep -q "cannot load libcurl.so.4: " "$T/err" || fail "--refresh: $(cat "$T/err")"
expect_status 0 "$TIDINGS" --refresh
pass "without libcurl each transfer fails with the reason, files still work"
