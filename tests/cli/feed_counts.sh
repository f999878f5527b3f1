#!/bin/sh
# Issue 12, differential self-check: every feed in tests/data/feeds and in
# the gofeed corpus (../shared/corpus/feeds) gives as many items in
# tidings as a conforming parser recovers: expat (python's
# xml.etree.ElementTree) for well-formed XML, python's json for JSON Feed;
# for ill-formed documents the counts tests/feed_counts.py lists with
# the reason (tests/data) or gofeed's own (the corpus).
. "$top_srcdir/tests/lib.sh"
[ -n "${PYTHON3:-}" ] || skip "no python3"

corpus=""
[ -e "$SHARED/corpus/feeds" ] && corpus="$SHARED/corpus/feeds"
"$PYTHON3" "$top_srcdir/tests/feed_counts.py" "$top_builddir/tests/feed_dump" \
	"$top_srcdir/tests/data/feeds" $corpus >"$T/report" 2>&1
rc=$?
cat "$T/report"
[ $rc -eq 0 ] || fail "$(tail -1 "$T/report")"
[ -n "$corpus" ] || skip "tests/data agrees; no $SHARED/corpus/feeds for the rest"
pass "$(tail -1 "$T/report")"
