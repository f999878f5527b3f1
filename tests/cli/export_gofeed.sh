#!/bin/sh
# gofeed's RSS, Atom and extension test cases (../shared/corpus/feeds)
# through the parser, every field our model has compared with gofeed's
# expected JSON by tests/gofeed_compare.py: at least 95% must pass.
. "$top_srcdir/tests/lib.sh"
need_shared corpus/feeds
[ -n "${PYTHON3:-}" ] || skip "no python3"

"$PYTHON3" "$top_srcdir/tests/gofeed_compare.py" "$top_builddir/tests/feed_dump" \
	"$SHARED/corpus/feeds" >"$T/report" 2>&1
rc=$?
cat "$T/report"
[ $rc -eq 0 ] || fail "gofeed comparison: $(tail -1 "$T/report")"
pass "$(tail -1 "$T/report")"
