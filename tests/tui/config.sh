#!/bin/sh
# The config file in the reader: an error names FILE:LINE and the reader
# still starts; bind works; the browser runs without a shell with the URL
# as one argument, only for http(s); numbered links open with f; the ASCII
# fallback for stars; tiny and huge windows.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux_lib.sh"

cfg="$XDG_CONFIG_HOME/tidings/config"
mkdir -p "$XDG_CONFIG_HOME/tidings"
cat >"$T/browser.sh" <<EOF2
#!/bin/sh
{ echo "argc=\$#"; for a in "\$@"; do echo "arg=\$a"; done; } >>"$T/browser.out"
EOF2
chmod +x "$T/browser.sh"
cat >"$cfg" <<EOF2
# a test config
bind x quit
frobnicate 1
color title red nocolour
browser $T/browser.sh --flag
show-read yes
EOF2
subscribe "file://$FEEDS_DIR/links.rss" "file://$SAMPLE/crm-daily.rss"

start_tui 200x24
wait_for "$cfg:3: unknown setting 'frobnicate'"
wait_for "$cfg:4: "
keys q
wait_for "Feeds (2)"
pass "config errors name file and line; the reader starts"

keys R
wait_for "Refreshed 2 feeds"
keys g j Enter
wait_for "Links - 2 articles"
keys o
poll "the browser to run" test -s "$T/browser.out"
wait_for "Links - 2 articles"
printf 'argc=2\narg=--flag\narg=http://links.example/a?q=$(touch PWNED);b c&d=`id`\n' | cmp -s - "$T/browser.out" ||
	fail "browser argv: $(cat "$T/browser.out")"
[ ! -e PWNED ] && [ ! -e "$T/PWNED" ] || fail "a shell saw the URL"
pass "the browser gets the URL as one argument, no shell"

keys j o
wait_for "Only http and https links open in a browser: file:///etc/passwd"
[ "$(grep -c '^argc' "$T/browser.out")" -eq 1 ] || fail "file:// link was opened"
pass "only http(s) links open"

: >"$T/browser.out"
keys k Enter
wait_for "Title:  Tricky link"
wait_for "[1]"
keys f
wait_for "Open link number:"
type_text 2
keys Enter
poll "link 2 to open" test -s "$T/browser.out"
grep -qx "arg=https://example.org/two" "$T/browser.out" || fail "link 2: $(cat "$T/browser.out")"
keys f
type_text 9
keys Enter
wait_for "No link [9]: this article has 2 links."
pass "f opens a numbered link"

# A terminal browser takes the screen; the reader comes back after it.
cat >"$T/termbrowser.sh" <<'EOF2'
#!/bin/sh
clear; echo "TERMINAL BROWSER SHOWING $1"; read answer
EOF2
chmod +x "$T/termbrowser.sh"
keys q
wait_for "Links - 2 articles"
keys x
wait_exit
# The bad lines go: from here on the reader starts on its feed list, not
# on the config errors screen.
sed -i -e '/^frobnicate/d' -e '/nocolour$/d' "$cfg"
sed -i "s|^browser .*|browser $T/termbrowser.sh|" "$cfg"
start_tui 200x24
wait_for "Feeds (2)"
keys g j Enter
wait_for "Links - 2 articles"
keys o
wait_for "TERMINAL BROWSER SHOWING http://links.example/a?q="
wait_gone "Links - 2 articles"
keys Enter
wait_for "Links - 2 articles"
wait_for "Tricky link"
wait_gone "TERMINAL BROWSER"
pass "the screen comes back after a terminal browser"

keys x
wait_exit
[ "$TUI_STATUS" -eq 0 ] || fail "bind x quit: status $TUI_STATUS"
check_stderr
pass "bind x quit"

# No UTF-8: stars in ASCII.
start_tui 80x24 LC_ALL=C LANG=C
wait_for "Feeds (2)"
keys g j j Enter
wait_for "CRM Daily - 5 articles"
line 2 | grep -q '^N 2014-05-23 \*\*\*\*+ 112 .*Microsoft Fought' || fail "ascii stars: $(line 2)"
line 3 | grep -q '\*\*\*\.\. 41 ' || fail "ascii stars 3: $(line 3)"
keys x
wait_exit
pass "ASCII fallback for stars"

# Colours: the default theme has them; NO_COLOR and a monochrome terminal
# leave attributes only (capture-pane -e shows the SGR codes).
colours() { tm capture-pane -p -e | grep -c "$(printf '\033')\[[34][0-7]m"; }
for env in "" NO_COLOR=1 TERM=vt100; do
	cat >"$cfg" <<EOF2
bind x quit
EOF2
	start_tui 80x24 $env
	wait_for "Feeds (2)"
	n=$(colours)
	if [ -z "$env" ]; then
		[ "$n" -gt 0 ] || fail "no colours by default"
	else
		[ "$n" -eq 0 ] || fail "$env: $n coloured lines"
		tm capture-pane -p -e | grep -q "$(printf '\033')\[[0-9;]*7m" || fail "$env: no reverse video"
	fi
	keys x
	wait_exit
done
# A colour set in the config is used even with NO_COLOR (no-color.org).
printf 'bind x quit\ncolor title green default\n' >"$cfg"
start_tui 80x24 NO_COLOR=1
wait_for "Feeds (2)"
tm capture-pane -p -e | head -1 | grep -q "$(printf '\033')\[32m" || fail "config colour not used: $(tm capture-pane -p -e | head -1 | od -c | head -3)"
keys x
wait_exit
check_stderr
pass "colours from the theme; NO_COLOR and monochrome honoured"

# Tiny and huge windows: the key hints sit on the last row and are cut
# with an ellipsis at the window's width; below 20x4 only a note is shown.
hints="?:help  q:quit  a:add  Enter:open  R:refresh all  /:search"
# cut_to COLS TEXT: TEXT as the reader cuts it to COLS columns (ASCII).
cut_to() { [ ${#2} -le "$1" ] && echo "$2" || echo "$(echo "$2" | cut -c1-$(($1 - 1)))…"; }
for size in 40x10 300x100 20x4 10x3; do
	start_tui "$size" NO_COLOR=1
	cols=${size%x*}; rows=${size#*x}
	if [ "$cols" -ge 20 ]; then
		wait_for "$(cut_to "$cols" "$hints")"
		[ "$(line "$rows")" = "$(cut_to "$cols" "$hints")" ] ||
			{ screen >&2; fail "$size: the hints are not on the last row: $(line "$rows")"; }
	fi
	if [ "$cols" -ge 40 ]; then
		wait_for "Feeds (2)"
		keys g j j Enter
		wait_for "Microsoft"
		keys Enter
		wait_for "Feed:"
		[ "$(line "$rows")" = "$(cut_to "$cols" "?:help  q:back  m:read/unread  1-5:rate  o:browser  f:link N  v:web page  n:next unread")" ] ||
			{ screen >&2; fail "$size: the pager's hints: $(line "$rows")"; }
		keys Space Space b G g j k q q
		wait_for "Feeds (2)"
	elif [ "$cols" -ge 20 ]; then
		wait_for "All articles"
		line 1 | grep -q "^tidings .*…$" || fail "$size: title bar: $(line 1)"
	else
		wait_for "Terminal …"
		[ "$(screen | tr -d '\n')" = "Terminal …" ] || { screen >&2; fail "$size: more than the note"; }
	fi
	keys x
	wait_exit
	[ "$TUI_STATUS" -eq 0 ] || fail "$size: status $TUI_STATUS"
	check_stderr
done
pass "40x10, 300x100 and smaller windows"
