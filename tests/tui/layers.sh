#!/bin/sh
# The reader's files call only down: each file of src/ui/ sits on a layer
# (the table below, the same as in src/ui/ui_private.h), and a file may
# call functions of files on lower layers only. So a screen never calls
# another screen (they share the selection below them), and the actions
# and the loop sit above every screen. Read from the built objects with
# nm: what a file defines, and what it leaves undefined (calls).
. "$top_srcdir/tests/lib.sh"

# file layer
cat >"$T/layers" <<'EOF'
draw 1
browser 1
tags 1
prompt 2
core 3
keys 3
selection 4
feeds 5
welcome 5
items 5
pager 5
help 5
pick 5
errors 5
textview 5
actions 6
loop 7
EOF

NM=${NM:-nm}
command -v "$NM" >/dev/null 2>&1 || skip "no nm"
objdir="$top_builddir/src/ui"

# Every source file has a layer: a new file must be placed in the table.
for c in "$top_srcdir"/src/ui/*.c; do
	f=$(basename "$c" .c)
	grep -q "^$f " "$T/layers" || fail "src/ui/$f.c has no layer in $0"
done

# obj FILE: the object built from src/ui/FILE.c (with or without a
# per-target prefix).
obj() {
	for o in "$objdir/$1.o" "$objdir"/*-"$1".o; do
		[ -f "$o" ] && { echo "$o"; return; }
	done
	fail "no object for src/ui/$1.c under $objdir"
}

: >"$T/defs"
: >"$T/uses"
while read -r f layer; do
	o=$(obj "$f")
	"$NM" -g --defined-only "$o" | awk -v f="$f" 'NF >= 3 { print $3, f }' >>"$T/defs"
	"$NM" -u "$o" | awk -v f="$f" '{ print f, $NF }' >>"$T/uses"
done <"$T/layers"

# caller symbol -> caller callee: one line per call that breaks the order.
awk '
	FILENAME == ARGV[1] { layer[$1] = $2; next }
	FILENAME == ARGV[2] { owner[$1] = $2; next }
	{
		callee = owner[$2]
		if (callee == "" || callee == $1)
			next
		if (layer[callee] >= layer[$1])
			printf "%s.c (layer %d) calls %s of %s.c (layer %d)\n",
			    $1, layer[$1], $2, callee, layer[callee]
	}
' "$T/layers" "$T/defs" "$T/uses" >"$T/bad"

# The check sees calls at all: loop.c calls the core, the screens call
# the selection.
grep -q "^ui_switch core$" "$T/defs" || fail "nm found no ui_switch in core.o"
grep -q "^items ui_items_row$" "$T/uses" || fail "nm found no call of ui_items_row"

if [ -s "$T/bad" ]; then
	cat "$T/bad" >&2
	fail "src/ui/ calls across or up its layers"
fi
pass "src/ui/ calls only down its $(wc -l <"$T/layers") files' layers"
