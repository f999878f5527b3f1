#!/bin/sh
# The man pages are lint-clean (mandoc -T lint, warnings and up).
. "$top_srcdir/tests/lib.sh"
command -v mandoc >/dev/null 2>&1 || skip "mandoc is not installed"
for page in "$top_srcdir"/man/*.[0-9]; do
	mandoc -T lint -W warning "$page" >"$T/lint" 2>&1
	[ ! -s "$T/lint" ] || { cat "$T/lint" >&2; fail "$page is not lint-clean"; }
	pass "$(basename "$page")"
done
