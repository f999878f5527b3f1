#!/bin/sh
# A formula in the article is text, inline: a MathML <math> as its TeX
# annotation, else its alttext, else its tokens; MathJax's <script
# type="math/tex"> as its TeX; any other script left out; a MathML copy
# hidden beside a picture of it (Wikipedia's) as its TeX, once, the
# picture left out; MathJax 2's rendering of a TeX script left out.
# tests/data/pages/math.expected is the whole --read=text output.
. "$top_srcdir/tests/lib.sh"

page=$top_srcdir/tests/data/pages/math.html
expect_status 0 "$TIDINGS" --read=text --width 70 "$page"
diff -u "$top_srcdir/tests/data/pages/math.expected" "$T/out" >"$T/diff" ||
	fail "formulas rendered wrong: $(cat "$T/diff")"
pass "--read=text: MathML and MathJax formulas are inline text"
