#!/bin/sh
# One way into gumbo (issue 11): html_parse() in src/html/parse.c is the only
# caller of gumbo's parse functions, so every parse gets the input cap and
# html_limit_nesting(). Any other file of src/, include/ or tests/ that
# calls gumbo_parse, gumbo_parse_with_options or gumbo_parse_fragment fails.
. "$top_srcdir/tests/lib.sh"
entry=src/html/parse.c
cd "$top_srcdir" || fail "no $top_srcdir"
[ -f "$entry" ] || fail "$entry is gone: update this test with the new entry"
# Comments are not calls: strip /* ... */ (one line or several) first.
calls=$(find src include tests -name '*.[ch]' | sort | while read -r f; do
	sed -e ':a' -e '/\/\*/{' -e '/\*\//!{N;ba' -e '}' -e 's|/\*.*\*/||g' -e '}' "$f" |
		grep -n 'gumbo_parse[a-z_]*[[:space:]]*(' | sed "s|^|$f:|"
done)
others=$(printf '%s\n' "$calls" | grep -v "^$entry:" | grep -v '^$')
[ -z "$others" ] || fail "gumbo parsed outside html_parse(): $others"
n=$(printf '%s\n' "$calls" | grep -c "^$entry:.*gumbo_parse_with_options")
[ "$n" -eq 1 ] || fail "$entry calls gumbo_parse_with_options $n times, not once"
pass "gumbo is parsed only in html_parse()"
