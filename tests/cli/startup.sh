#!/bin/sh
# What a process does before its work, for `tidings --read` once per page:
# the libraries configure linked statically are not loaded at run time,
# and JSON or OPML output (the same in every locale) loads no locale.
. "$top_srcdir/tests/lib.sh"

nf="$top_srcdir/data/newsfactor"

# The libraries configure linked statically ("-Wl,-Bstatic -lgumbo ...").
static=$(sed -n 's/^[A-Z]*_LIBS = .*-Wl,-Bstatic \(.*\) -Wl,-Bdynamic.*/\1/p' \
	"$top_builddir/Makefile" | tr ' ' '\n' | sed -n 's/^-l//p')
if [ -z "$static" ]; then
	echo "SKIP part: configure linked every library shared (--disable-static-deps, or no archives)"
else
	LD_DEBUG=files "$TIDINGS" --read=json "$nf/fbi-microsoft.html" >/dev/null 2>"$T/ld" ||
		fail "--read=json failed: $(tail -3 "$T/ld")"
	for l in $static; do
		! grep -q "file=lib$l\.so" "$T/ld" || fail "lib$l was loaded at run time though linked statically"
	done
	pass "statically linked, not loaded:" $static
fi

# Locale files: none for JSON and OPML, the user's for text.
if command -v strace >/dev/null 2>&1; then
	opens() { LANG=C.UTF-8 strace -f -e trace=open,openat -o "$T/trace" "$@" >/dev/null 2>&1; grep -c '/locale' "$T/trace"; }
	[ "$(opens "$TIDINGS" --read=json "$nf/fbi-microsoft.html")" -eq 0 ] || fail "--read=json loads the locale"
	[ "$(opens "$TIDINGS" --export=json "$nf/crm-daily.rss")" -eq 0 ] || fail "--export=json loads the locale"
	[ "$(opens "$TIDINGS" --read=text "$nf/fbi-microsoft.html")" -gt 0 ] || fail "--read=text does not load the locale"
	pass "JSON output loads no locale; text does"
else
	echo "SKIP part: no strace to see which files are opened"
fi
