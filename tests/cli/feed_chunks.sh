#!/bin/sh
# Issue 12, "well-formed feeds lose items": 250 generated well-formed feeds
# (RSS and Atom, 1 KiB to 1.5 MiB) read by tidings must give every item
# python's expat reads, with no warning, and the same model whether the
# bytes came from memory or through a socket in pieces of 1 byte to 1 MiB.
# It caught the repair pass losing a "/>" that straddled its output buffer.
. "$top_srcdir/tests/lib.sh"
[ -n "${PYTHON3:-}" ] || skip "no python3"

"$PYTHON3" "$top_srcdir/tests/feed_chunks.py" "$top_builddir/tests/feed_dump" 250 \
	>"$T/report" 2>&1
rc=$?
cat "$T/report"
[ $rc -eq 0 ] || fail "$(tail -1 "$T/report")"
pass "$(tail -1 "$T/report")"
