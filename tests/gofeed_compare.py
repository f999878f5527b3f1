#!/usr/bin/env python3
"""Run every gofeed test case in CORPUS through feed_dump and compare.

gofeed's expected JSON is its own per-format model (rss.Feed, atom.Feed);
each field our model has is mapped and compared:

  feed: version, title, link, description (RSS description, Atom
        subtitle), image (RSS image url, Atom logo/icon), updated, the
        number of items;
  item: title, link (RSS link, Atom alternate link), id (guid, Atom id),
        author(s) (RSS author, dc:creator, Atom author names/emails),
        published/updated, summary (description, Atom summary), content
        (content:encoded, Atom content), categories, enclosures, comments.

Text is compared as text: both sides have entities decoded and tags
stripped until nothing changes, and blanks squeezed (gofeed keeps escaped
markup raw, the model decodes titles to plain text). A field gofeed does
not set is not compared. Dates are compared as UTC instants.

JSON Feed cases (parser/json): NAME.json is the feed and
NAME_expected.json gofeed's json.Feed for it (version, title,
home_page_url, description, icon; per item id, url, title, summary,
content_html/content_text, date_published/date_modified, author(s), tags,
attachments); a NAME.json with no NAME_expected.json beside it (invalid/)
is a document gofeed refuses, and tidings must refuse it too.
Cases listed in KNOWN are expected to fail, with the reason.

usage: gofeed_compare.py FEED_DUMP CORPUS [--verbose]
Exit status 0 when at least 95% of the applicable cases pass and every
failure is a known one; 1 otherwise.
"""
import html
import json
import os
import re
import subprocess
import sys

# Cases we fail on purpose or cannot match, and why.
KNOWN = {
}

TAG = re.compile(r"<[a-zA-Z/!?][^>]*>")


def text(s):
    if s is None:
        return None
    s = str(s)
    for _ in range(5):
        t = TAG.sub(" ", html.unescape(s))
        if t == s:
            break
        s = t
    s = " ".join(s.split())
    return s or None


def url(s):
    if s is None:
        return None
    s = str(s).strip()
    return s or None


def names(people):
    out = []
    for p in people or []:
        if isinstance(p, str):
            out.append(p)
        elif isinstance(p, dict):
            n = p.get("name") or p.get("email")
            if n:
                out.append(n)
    return [text(n) for n in out if text(n)]


def alternate(links):
    for l in links or []:
        if isinstance(l, dict) and l.get("href") and l.get("rel", "alternate") == "alternate":
            return l["href"]
    return None


def expected_feed(exp, atom):
    """Map gofeed's feed to our field names (only what it sets)."""
    e = {}
    if "version" in exp:
        e["version"] = exp["version"]
    if exp.get("title"):
        e["title"] = text(exp["title"])
    if atom:
        if alternate(exp.get("links")):
            e["link"] = alternate(exp.get("links"))
        if exp.get("subtitle"):
            e["description"] = text(exp["subtitle"])
        if exp.get("logo") or exp.get("icon"):
            e["image"] = exp.get("logo") or exp.get("icon")
        if exp.get("updatedParsed"):
            e["updated"] = exp["updatedParsed"]
    else:
        if exp.get("link"):
            e["link"] = exp["link"]
        if exp.get("description"):
            e["description"] = text(exp["description"])
        img = exp.get("image")
        if isinstance(img, dict) and img.get("url"):
            e["image"] = img["url"]
        for k in ("lastBuildDateParsed", "pubDateParsed"):
            if exp.get(k):
                e["updated"] = exp[k]
                break
    return e


def expected_item(it, atom):
    e = {}
    if it.get("title"):
        e["title"] = text(it["title"])
    dc = it.get("dcExt") or {}
    if atom:
        if alternate(it.get("links")):
            e["link"] = alternate(it.get("links"))
        if it.get("id"):
            e["id"] = text(it["id"])
        if names(it.get("authors")):
            e["authors"] = names(it.get("authors"))
        if it.get("publishedParsed"):
            e["published"] = it["publishedParsed"]
        if it.get("updatedParsed"):
            e["updated"] = it["updatedParsed"]
        if it.get("summary"):
            e["summary"] = text(it["summary"])
        c = it.get("content")
        if isinstance(c, dict) and c.get("value"):
            e["content"] = text(c["value"])
        cats = []
        for c in it.get("categories") or []:
            v = c.get("term") or c.get("label") if isinstance(c, dict) else c
            if v:
                cats.append(text(v))
        if cats:
            e["categories"] = cats
        encs = [l["href"] for l in it.get("links") or []
                if isinstance(l, dict) and l.get("rel") == "enclosure" and l.get("href")]
        if encs:
            e["enclosures"] = encs
    else:
        if it.get("link"):
            e["link"] = it["link"]
        g = it.get("guid")
        if isinstance(g, dict) and g.get("value"):
            e["id"] = text(g["value"])
        a = []
        if it.get("author"):
            a += names([it["author"]])
        a += names(dc.get("creator"))
        if a:
            e["authors"] = a
        if it.get("pubDateParsed"):
            e["published"] = it["pubDateParsed"]
        elif dc.get("date"):
            e["published"] = dc["date"][0]
        if it.get("description"):
            e["summary"] = text(it["description"])
        if it.get("content"):
            e["content"] = text(it["content"])
        cats = []
        for c in it.get("categories") or []:
            v = c.get("value") if isinstance(c, dict) else c
            if v:
                cats.append(text(v))
        for s in dc.get("subject") or []:
            if text(s) not in cats:
                cats.append(text(s))
        if cats:
            e["categories"] = cats
        encs = [x["url"] for x in it.get("enclosures") or [] if x.get("url")]
        if encs:
            e["enclosures"] = encs
        if it.get("comments"):
            e["comments"] = it["comments"]
    return e


def instant(s):
    """An RFC 3339 date as YYYY-MM-DDTHH:MM:SSZ in UTC (fraction dropped)."""
    import datetime
    if not s:
        return None
    s = re.sub(r"\.\d+", "", s.replace("Z", "+00:00"))
    d = datetime.datetime.fromisoformat(s).astimezone(datetime.timezone.utc)
    return d.strftime("%Y-%m-%dT%H:%M:%SZ")


def expected_json_feed(exp):
    e = {}
    v = exp.get("version")
    if v:
        e["version"] = v.rsplit("/", 1)[-1]
    for ours, theirs in (("title", "title"), ("description", "description")):
        if exp.get(theirs):
            e[ours] = text(exp[theirs])
    if exp.get("home_page_url"):
        e["link"] = exp["home_page_url"]
    if exp.get("icon") or exp.get("favicon"):
        e["image"] = exp.get("icon") or exp.get("favicon")
    return e


def expected_json_item(it):
    e = {}
    if it.get("id") is not None:
        e["id"] = text(it["id"])
    if it.get("title"):
        e["title"] = text(it["title"])
    if it.get("url") or it.get("external_url"):
        e["link"] = it.get("url") or it.get("external_url")
    people = it.get("authors") or ([it["author"]] if it.get("author") else [])
    if names(people):
        e["authors"] = names(people)
    if it.get("date_published"):
        e["published"] = instant(it["date_published"])
    if it.get("date_modified"):
        e["updated"] = instant(it["date_modified"])
    if it.get("summary"):
        e["summary"] = text(it["summary"])
    if it.get("content_html") or it.get("content_text"):
        e["content"] = text(it.get("content_html") or it.get("content_text"))
    if it.get("tags"):
        e["categories"] = [text(t) for t in it["tags"]]
    encs = [a["url"] for a in it.get("attachments") or [] if a.get("url")]
    if encs:
        e["enclosures"] = encs
    return e


def ours_item(it):
    return {
        "title": text(it["title"]),
        "link": url(it["link"]),
        "id": text(it["id"]),
        "authors": text(it["author"]),
        "published": it["published"],
        "updated": it["updated"],
        "summary": text(it["summary"]),
        "content": text(it["content"]),
        "categories": [text(c) for c in it["categories"]],
        "enclosures": [e["url"] for e in it["enclosures"]],
        "comments": url(it["comments"]),
    }


def ours_feed(f):
    return {
        "version": f["version"],
        "title": text(f["title"]),
        "link": url(f["link"]),
        "description": text(f["description"]),
        "image": url(f["image"]),
        "updated": f["updated"],
    }


def same(key, want, got):
    if want == "" and got is None:
        return True
    if key == "authors":
        return got is not None and all(w in got for w in want)
    if key in ("categories", "enclosures"):
        return list(want) == list(got)
    if key in ("link", "image", "comments"):
        return url(want) == got
    return want == got


def compare(exp, got, jsonfeed=False):
    atom = "entries" in exp
    diffs = []
    want = expected_json_feed(exp) if jsonfeed else expected_feed(exp, atom)
    have = ours_feed(got)
    for k, v in want.items():
        if not same(k, v, have.get(k)):
            diffs.append("feed %s: want %r, got %r" % (k, v, have.get(k)))
    items = exp.get("entries" if atom else "items") or []
    if len(items) != len(got["items"]):
        diffs.append("%d items, want %d" % (len(got["items"]), len(items)))
        return diffs
    for i, (it, g) in enumerate(zip(items, got["items"])):
        want = expected_json_item(it) if jsonfeed else expected_item(it, atom)
        have = ours_item(g)
        for k, v in want.items():
            if not same(k, v, have.get(k)):
                diffs.append("item %d %s: want %r, got %r" % (i, k, v, have.get(k)))
    return diffs


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    dump, corpus = sys.argv[1], sys.argv[2]
    verbose = "--verbose" in sys.argv
    cases = []
    for root, _, files in os.walk(corpus):
        for name in files:
            if name.endswith(".json"):
                cases.append(os.path.join(root, name))
    cases.sort()
    passed = failed = known = skipped = json_cases = 0
    unexpected = []
    for case in cases:
        rel = os.path.relpath(case, corpus)
        jsonfeed = rel.startswith("parser/json")
        refuse = False
        if jsonfeed and case.endswith("_expected.json"):
            doc = case[:-len("_expected.json")] + ".json"
        elif jsonfeed and os.path.exists(case[:-5] + "_expected.json"):
            continue    # a feed, compared under its _expected case
        elif jsonfeed:
            doc, refuse = case, True
        else:
            doc = case[:-5] + ".xml"
        if not os.path.exists(doc):
            skipped += 1
            continue
        if refuse:
            exp = None
        else:
            with open(case, encoding="utf-8") as fp:
                exp = json.load(fp)
        r = subprocess.run([dump, doc], capture_output=True, timeout=30)
        try:
            got = json.loads(r.stdout.decode("utf-8"))
        except ValueError:
            got = {"error": "no JSON: %r" % r.stdout[:200] + r.stderr.decode("utf-8", "replace")[:500]}
        if r.returncode not in (0, 1):
            diffs = ["feed_dump exited %d: %s" % (r.returncode, r.stderr.decode("utf-8", "replace")[-800:])]
        elif refuse:
            diffs = [] if "error" in got else ["read a document gofeed refuses"]
        elif "error" in got:
            diffs = ["parse failed: %s (line %s)" % (got["error"], got.get("line"))]
        else:
            diffs = compare(exp, got, jsonfeed)
        name = rel[:-5]
        if jsonfeed:
            json_cases += 1
        if not diffs:
            passed += 1
            if name in KNOWN:
                print("FIXED %s (listed as known: %s)" % (name, KNOWN[name]))
            continue
        if name in KNOWN:
            known += 1
            print("known %s: %s" % (name, KNOWN[name]))
            if verbose:
                for d in diffs:
                    print("    " + d)
            continue
        failed += 1
        unexpected.append(name)
        print("FAIL %s" % name)
        for d in diffs:
            print("    " + d)
    applicable = passed + failed + known
    pct = 100.0 * passed / applicable if applicable else 0
    print("gofeed cases: %d applicable, %d pass (%.1f%%), %d known failures, "
          "%d unexpected failures (%d JSON Feed cases); %d not applicable"
          % (applicable, passed, pct, known, failed, json_cases, skipped))
    return 0 if pct >= 95.0 and failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
