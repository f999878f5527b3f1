#!/bin/sh
# The reader through tmux at 80x24, against the local test server with the
# NewsFactor sample: the first-run screen, subscribing by keys, refresh,
# headlines with stars and counts, rating (and the feed's average moving),
# sorting by rating (kept for the next run), the pager paging through a long
# article, search, deleting a feed, and a resize to 60x20 and back.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tmux_lib.sh"

R="$T/root"
mkdir -p "$R"
cp "$top_srcdir/data/newsfactor/crm-daily.rss" "$top_srcdir/data/newsfactor/sci-tech-today.atom" "$R/"
# A feed with one long article, to page through.
{
	printf '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Long Reads</title>\n'
	printf '<link>http://long.example/</link><item><title>A very long story</title>\n'
	printf '<link>http://long.example/1</link><guid>long-1</guid><description>'
	i=1
	while [ $i -le 80 ]; do
		printf '&lt;p&gt;Paragraph number %d of the long story.&lt;/p&gt;' $i
		i=$((i + 1))
	done
	printf '</description></item></channel></rss>\n'
} >"$R/long.rss"
start_server "$R"

start_tui 80x24
wait_for "You have no subscriptions yet."
wait_for "load the bundled NewsFactor sample"
pass "first run offers to add a feed or load the sample"

keys a
wait_for "Add feed (URL):"
type_text "$BASE/crm-daily.rss"
keys Enter
wait_for "Added CRM Daily: 5 articles."
wait_for "5/5"
keys a
type_text "$BASE/sci-tech-today.atom"
keys Enter
wait_for "Added Sci-Tech Today: 4 articles."
keys a
type_text "$BASE/long.rss"
keys Enter
wait_for "Added Long Reads: 1 article."
grep -qx "$BASE/crm-daily.rss" "$XDG_CONFIG_HOME/tidings/urls" || fail "urls file: $(cat "$XDG_CONFIG_HOME/tidings/urls")"
wait_for "Feeds (3)"
pass "subscribing by keys"

keys R
wait_for "Refreshed 3 feeds: 0 new."
pass "refresh all"

# The headlines of CRM Daily (row 2 is the first feed).
keys g j Enter
wait_for "CRM Daily - 5 articles - sort: date"
wait_for "★★★★½ 112"
line 2 | grep -q "^N 2014-05-23 ★★★★½ 112 .*Microsoft Fought the FBI, But the FBI Won" || fail "headline: $(line 2)"
line 3 | grep -q "★★★☆☆ 41 .*Backlash Stirs Against H-1B Visas" || fail "headline 2: $(line 3)"
pass "headlines with community stars and counts"

# Rate the first article 5 and the third 4: the feed's average is 4.5.
keys 5
wait_for "Rated 5 of 5."
line 2 | grep -q "\[5\] Microsoft Fought" || fail "own rating not shown: $(line 2)"
keys j j 4
wait_for "Rated 4 of 5."
keys q
wait_for "Feeds (3)"
line 3 | grep -q " 5/5 ★★★★½ CRM Daily" || fail "feed average: $(line 3)"
keys Enter
wait_for "CRM Daily - 5 articles"
keys g 5 j j 5 q
wait_for "Feeds (3)"
wait_for "★★★★★ CRM Daily"
pass "rating an article moves the feed's average"

keys Enter
wait_for "sort: date"
keys s
wait_for "sort: rating"
wait_for "Sorted by rating."
line 2 | grep -q "\[5\] Microsoft Fought" || fail "rating sort, 1st: $(line 2)"
line 3 | grep -q "\[5\] Amazon Intros Zocalo" || fail "rating sort, 2nd: $(line 3)"
line 4 | grep -q "★★★★☆ 203 .*Review: Microsoft's Surface Pro 3" || fail "rating sort, 3rd: $(line 4)"
grep -qx "sort rating" "$XDG_DATA_HOME/tidings/ui-state" || fail "sort not saved"
pass "sort by rating, saved"

# Open the long article and page through it.
keys q G Enter
wait_for "Long Reads - 1 article"
keys Enter
wait_for "Title:  A very long story"
wait_for "Paragraph number 1 of the long story."
screen | grep -q "Paragraph number 60 " && fail "page 1 shows too much"
keys Space
wait_for "Paragraph number 12 of the long story."
wait_gone "Title:  A very long story"
keys G
wait_for "Paragraph number 80 of the long story."
wait_for "Article 100%"
keys g
wait_for "Title:  A very long story"
keys q
wait_for "Long Reads - 1 article"
line 2 | grep -q "^  " || fail "opened article still unread: $(line 2)"
pass "the pager pages through an article and marks it read"

# Search every feed.
keys /
wait_for "Search:"
type_text "zocalo"
keys Enter
wait_for "Search: zocalo - 1 article"
line 2 | grep -q "CRM Daily .*Amazon Intros Zocalo Storage Service" || fail "search row: $(line 2)"
keys q
wait_for "Feeds (3)"
pass "search across feeds"

# Resize to 60x20 and back: the layout follows the window (the key hints
# move to the new last row, titles are cut at the new width).
tm resize-window -x 60 -y 20
wait_line 20 "?:help  q:quit  a:add  Enter:open  R:refresh all  /:search"
keys g j j Enter
wait_for "Sci-Tech Today - 4 articles"
line 2 | grep -q "★★★★☆ 17 .*New Web Tracking Technologies .*…$" || fail "60 columns: $(line 2)"
[ "$(line 2 | wc -m)" -eq 61 ] || fail "60 columns, cut at $(line 2 | wc -m) characters: $(line 2)"
tm resize-window -x 80 -y 24
wait_line 24 "?:help  q:back  Enter:open  /:search  s:sort  m:read/unread  1-5:rate  o:browser"
line 2 | grep -q "★★★★☆ 17 .*New Web Tracking Technologies Defeat Privacy Prote…$" || fail "80 columns again: $(line 2)"
[ "$(line 2 | wc -m)" -eq 81 ] || fail "80 columns, cut at $(line 2 | wc -m) characters: $(line 2)"
keys q
pass "resize to 60x20 and back"

# Delete Sci-Tech Today (row 3 = the second feed).
keys g j j d
wait_for "Delete Sci-Tech Today and its 4 articles? (y/n)"
keys n
wait_for "Kept."
keys d
wait_for "(y/n)"
keys y
wait_for "Deleted."
wait_for "Feeds (2)"
screen | grep -q "Sci-Tech Today" && fail "deleted feed still listed"
grep -q "sci-tech-today" "$XDG_CONFIG_HOME/tidings/urls" && fail "still in urls"
pass "delete a feed after confirming"

keys '?'
wait_for "Help: the keys in force"
wait_for "rate the article 5 stars (rate-5)"
keys q
wait_for "Feeds (2)"
keys q
wait_exit
[ "$TUI_STATUS" -eq 0 ] || fail "exit status $TUI_STATUS"
check_stderr

# The sort comes back on the next run.
start_tui 80x24
wait_for "Feeds (2)"
keys j Enter
wait_for "sort: rating"
keys Q
wait_exit
check_stderr
pass "the sort persists; clean exit"
