# The NewsFactor sample served over HTTP: --add both feeds, --refresh,
# --export=json gives the expected items; a second --refresh sends the
# validators, gets two 304s and changes nothing.
. "$top_srcdir/tests/lib.sh"

R="$T/root"
mkdir -p "$R"
cp "$top_srcdir/data/newsfactor/crm-daily.rss" "$top_srcdir/data/newsfactor/sci-tech-today.atom" "$R/"
start_server "$R"
crm="$BASE/etag/crm-daily.rss" sci="$BASE/etag/sci-tech-today.atom"

expect_status 0 "$TIDINGS" --add "$crm"
expect_status 0 "$TIDINGS" --add "$sci"
expect_status 0 "$TIDINGS" --refresh
expect_status 0 "$TIDINGS" --export=json
cp "$T/out" "$T/export1"

"$PYTHON3" - "$T/export1" "$crm" "$sci" <<'EOF' || fail "export after refresh differs"
import json, sys
path, crm, sci = sys.argv[1:4]
want = {
    (crm, "CRM Daily", "0200016HZ8MW", "Microsoft Fought the FBI, But the FBI Won"),
    (crm, "CRM Daily", "6", "Backlash Stirs Against H-1B Visas"),
    (crm, "CRM Daily", "7", "Amazon Intros Zocalo Storage Service"),
    (crm, "CRM Daily", "8", "Review: Microsoft's Surface Pro 3"),
    (crm, "CRM Daily", "9", "34 European Banks Hit by Android-Skirting Malware"),
    (sci, "Sci-Tech Today", "tag:sci-tech-today.com,2014:10",
     "New Web Tracking Technologies Defeat Privacy Protections"),
    (sci, "Sci-Tech Today", "tag:sci-tech-today.com,2014:12",
     "Contrary to Report, Lenovo's Staying in Small Windows Tablets"),
    (sci, "Sci-Tech Today", "tag:sci-tech-today.com,2014:13",
     "Seagate Unveils Networked Drives for Small Businesses"),
    (sci, "Sci-Tech Today", "tag:sci-tech-today.com,2014:14",
     "Another Day, Another Internet of Things Consortium Is Born"),
}
got = set()
with open(path, encoding="utf-8") as f:
    for line in f:
        a = json.loads(line)
        if a["read"] is not False or a["user_rating"] is not None:
            sys.exit("fresh article not unread/unrated: %r" % a)
        got.add((a["feed_url"], a["feed_title"], a["id"], a["title"]))
if got != want:
    sys.exit("missing: %r\nunexpected: %r" % (sorted(want - got), sorted(got - want)))
EOF

# The second refresh: validators sent, nothing parsed, nothing changed.
before=$(wc -l <"$T/server.log")
expect_status 0 "$TIDINGS" --refresh
tail -n +$((before + 1)) "$T/server.log" | grep '^REQ' >"$T/log2"
[ "$(grep -c ' 304 cond=1$' "$T/log2")" = 2 ] || fail "second refresh: not two 304s: $(cat "$T/log2")"
[ "$(wc -l <"$T/log2")" -eq 2 ] || fail "second refresh: other requests: $(cat "$T/log2")"
expect_status 0 "$TIDINGS" --export=json
cmp -s "$T/out" "$T/export1" || fail "second refresh changed the export"
pass "NewsFactor over HTTP: 9 articles, then two 304s"
