#!/bin/sh
# The readable view against shared/corpus/pages (Mozilla Readability's test
# pages; the gold texts are Readability.js's output) with the shared
# scorer: the F1 must stay above a floor a little under what it reaches
# (0.990 when this was written), and no page may fail. About 5 s with
# --jobs 2 under the sanitizers.
. "$top_srcdir/tests/lib.sh"
need_shared tools/extract-score
need_shared corpus/pages
[ -n "${PYTHON3:-}" ] || skip "no python3 for the scorer"

FLOOR=0.97

"$PYTHON3" "$SHARED/tools/extract-score" --bin "$TIDINGS" \
    --corpus "$SHARED/corpus/pages" --jobs 2 --show-worst 10 \
    >"$T/score" 2>&1 || { cat "$T/score" >&2; fail "extract-score did not run"; }
last=$(tail -1 "$T/score")
set -- $last
[ "$1" = F1 ] && [ "$9" = failed ] || { cat "$T/score" >&2; fail "no score line: $last"; }
cat "$T/score"
[ "${10}" -eq 0 ] || fail "${10} page(s) failed"
awk -v f="$2" -v floor="$FLOOR" 'BEGIN { exit !(f + 0 >= floor + 0) }' ||
	fail "F1 $2 is below the floor $FLOOR"
pass "F1 $2 (precision $4, recall $6) on $8 pages, floor $FLOOR"
