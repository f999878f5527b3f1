#!/bin/sh
# Community ratings survive sync: FreshRSS serves CRM Daily (the NewsFactor
# sample, media:starRating on four of its five stories) without them, so
# tidings reads the feed's own document for its ratings after the sync,
# gives each to the synced item with the same link, reads it again only
# when due, conditionally, and keeps a rating when the server sends its
# item again.
. "$top_srcdir/tests/sync/sync_lib.sh"

mkdir -p "$T/feeds"
cp "$top_srcdir/data/newsfactor/crm-daily.rss" "$T/feeds/crm.rss" ||
	fail "no CRM Daily sample"
fr_start 2 3 crm.rss
CRM="$BASE/etag/crm.rss"
crm_gets() { grep -c 'GET /etag/crm.rss' "$T/server.log"; }
stars() {
	db "SELECT i.title || '|' || coalesce(i.stars, '-') || '|' ||
	    coalesce(i.rating_count, '-') FROM items i JOIN feeds f ON f.id = i.feed_id
	    WHERE f.url = '$CRM' ORDER BY i.title"
}

sync_ok
[ "$(db "SELECT count(*) FROM items i JOIN feeds f ON f.id = i.feed_id
	WHERE f.url = '$CRM' AND i.server_id IS NOT NULL")" -eq 5 ] ||
	fail "the 5 CRM Daily stories did not come from the server"
stars >"$T/got"
cat >"$T/want" <<'EOF'
34 European Banks Hit by Android-Skirting Malware|-|-
Amazon Intros Zocalo Storage Service|3.5|58
Backlash Stirs Against H-1B Visas|3.0|41
Microsoft Fought the FBI, But the FBI Won|4.5|112
Review: Microsoft's Surface Pro 3|4.0|203
EOF
diff "$T/want" "$T/got" >&2 || fail "the synced items do not carry the feed's ratings"
"$TIDINGS" --export >"$T/export" || fail "--export failed"
grep -q 'Seth Fitzgerald · ★★★★½ (112)' "$T/export" ||
	fail "--export does not show the rating: $(head -12 "$T/export")"
[ "$(db "SELECT count(*) FROM items WHERE stars IS NOT NULL")" -eq 4 ] ||
	fail "ratings reached items of the feeds without any"
pass "ratings from the feed's own document on the synced items"

# not due: the next sync does not read the document again
n=$(crm_gets)
sync_ok
[ "$(crm_gets)" -eq "$n" ] || fail "the feed was read again before it was due"
pass "a feed is read for ratings only when due"

# due: a conditional GET, answered 304, the ratings kept
db "UPDATE feeds SET checked = checked - 100000"
sync_ok
[ "$(crm_gets)" -eq $((n + 1)) ] || fail "the due feed was not read again"
grep 'GET /etag/crm.rss' "$T/server.log" | tail -n 1 | grep -q ' 304 ' ||
	fail "the read was not conditional: $(grep 'GET /etag/crm.rss' "$T/server.log" | tail -n 1)"
stars >"$T/got"
diff "$T/want" "$T/got" >&2 || fail "a 304 lost the ratings"
pass "read again when due, conditionally"

# the site changes a rating: the next read brings it
sed 's/average="4.5" count="112"/average="2" count="130"/' \
	"$top_srcdir/data/newsfactor/crm-daily.rss" >"$T/feeds/crm.rss"
db "UPDATE feeds SET checked = checked - 100000"
sync_ok
[ "$(db "SELECT stars || '|' || rating_count FROM items
	WHERE title = 'Microsoft Fought the FBI, But the FBI Won'")" = "2.0|130" ] ||
	fail "the changed rating did not arrive: $(stars)"
pass "a changed rating arrives"

# the server sends every item again (a cut-short sync is redone from
# its old mark): the items are updated, their ratings stay
db "UPDATE items SET hash = 0; DELETE FROM sync_state WHERE key = 'since_usec'"
sync_ok
[ "$(db "SELECT count(*) FROM items WHERE stars IS NOT NULL")" -eq 4 ] ||
	fail "items sent again lost their ratings: $(stars)"
pass "an item sent again keeps its rating"

# a feed whose document fails: its error is kept, the sync succeeds
db "UPDATE feeds SET checked = checked - 100000"
rm "$T/feeds/crm.rss"
sync_ok
[ "$(db "SELECT status FROM feeds WHERE url = '$CRM'")" -eq 3 ] ||
	fail "the failed read is not recorded"
db "SELECT error FROM feeds WHERE url = '$CRM'" | grep -q 404 ||
	fail "the feed's error does not say why: $(db "SELECT error FROM feeds WHERE url = '$CRM'")"
[ "$(db "SELECT count(*) FROM items WHERE stars IS NOT NULL")" -eq 4 ] ||
	fail "a failed read lost the ratings"
pass "a feed that fails keeps its ratings and says why; the sync succeeds"
