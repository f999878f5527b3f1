#!/usr/bin/env python3
"""Differential item count (issue 12): for every feed document in
tests/data/feeds and in the gofeed corpus (CORPUS, when given), the number
of items tidings reads (feed_dump) must equal what a conforming parser
recovers.

Where the expected count comes from:
  - a well-formed XML document: python's xml.etree.ElementTree (expat),
    counting the <item> and <entry> elements (any namespace) that are
    not inside another item or entry, under the first feed root
    (rss, rdf:RDF, feed, channel) found in document order, as a feed
    reader reads them;
  - a JSON document: python's json module, the objects of its "items"
    array (0 when the document is no JSON Feed);
  - an ill-formed XML document, which expat refuses at its first error
    (where tidings recovers more): in the gofeed corpus, gofeed's own
    count from the case's expected JSON (gofeed is the lenient reader the
    corpus was written for); in tests/data, the count written in
    MALFORMED below, with what tidings recovers and why that is right
    (each checked by hand against the file: the items a person sees in
    it). An ill-formed document in tests/data that is not listed is a
    failure, so that each such case is looked at once.

usage: feed_counts.py FEED_DUMP DATA_DIR [CORPUS]
Exit status 0 when every count agrees, 1 otherwise.
"""
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

FEED_ROOTS = ("rss", "RDF", "feed", "channel")
ITEMS = ("item", "entry")

# Ill-formed documents (expat stops at an error), by path relative to the
# folder scanned: the item count tidings must recover, and why.
MALFORMED = {
    "truncated.xml": (3, "cut off inside the third item, after its title "
                      "and link: the two complete items and the third, "
                      "kept because its title and link were read"),
    "unclosed_element.xml": (2, "an <itunes:category> left open before "
                             "the items and a stray end tag: the open "
                             "element is closed at its parent's end, the "
                             "stray tag dropped, both items read"),
    "channel_in_envelope.xml": (1, "a BOM and junk before the XML "
                                "declaration (expat: syntax error at 1:1); "
                                "after them a well-formed envelope around "
                                "a <channel> of one item"),
    "escape_sequences.xml": (1, "ESC bytes in the text, which XML 1.0 "
                             "forbids; dropped with their sequences, "
                             "the one item read"),
    "hostile.rss": (1, "ESC and C1 control bytes in the text; dropped, "
                    "the one item read"),
}

# An ill-formed gofeed case is counted as gofeed (a lenient parser, the
# reading the corpus was written for) counts it: the length of the items
# or entries of its expected JSON, NAME.json beside NAME.xml.


def gofeed_expected(path):
    exp = path[:-len(".xml")] + ".json"
    if not os.path.exists(exp):
        return None
    with open(exp, encoding="utf-8") as fp:
        doc = json.load(fp)
    return len(doc.get("entries" if "entries" in doc else "items") or [])


def local(tag):
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def count_items(el, inside=False):
    n = 0
    for child in el:
        name = local(child.tag)
        if name in ITEMS and not inside:
            n += 1 + count_items(child, True)
        else:
            n += count_items(child, inside or name in ITEMS)
    return n


def find_root(el):
    if local(el.tag) in FEED_ROOTS:
        return el
    for child in el:
        r = find_root(child)
        if r is not None:
            return r
    return None


def expected_xml(path):
    """(count, None) for a well-formed document, (None, error) else."""
    try:
        tree = ET.parse(path)
    except ET.ParseError as e:
        return None, str(e)
    root = find_root(tree.getroot())
    return (count_items(root) if root is not None else 0), None


def expected_json(path):
    try:
        with open(path, encoding="utf-8-sig") as fp:
            doc = json.load(fp)
    except (ValueError, UnicodeDecodeError) as e:
        return None, str(e)
    items = doc.get("items") if isinstance(doc, dict) else None
    if not isinstance(items, list):
        return 0, None
    return sum(1 for it in items if isinstance(it, dict)), None


def tidings_count(tool, path):
    r = subprocess.run([tool, path], capture_output=True, timeout=60)
    try:
        got = json.loads(r.stdout.decode("utf-8"))
    except ValueError:
        return None
    if "error" in got:
        return 0
    return len(got.get("items") or [])


def documents(top, gofeed):
    for root, _, files in os.walk(top):
        for name in sorted(files):
            path = os.path.join(root, name)
            rel = os.path.relpath(path, top)
            if gofeed:
                # gofeed keeps its expectations beside the feeds as .json
                if name.endswith(".xml"):
                    yield rel, path, "xml"
                elif rel.startswith("parser/json") and not name.endswith("_expected.json"):
                    yield rel, path, "json"
            elif name.endswith((".xml", ".rss", ".atom", ".rdf")):
                yield rel, path, "xml"
            elif name.endswith(".json"):
                yield rel, path, "json"


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    tool = sys.argv[1]
    tops = [(sys.argv[2], False)] + ([(sys.argv[3], True)] if len(sys.argv) > 3 else [])
    total = bad = malformed = 0
    for top, gofeed in tops:
        for rel, path, kind in documents(top, gofeed):
            want, err = expected_json(path) if kind == "json" else expected_xml(path)
            how = "expat" if kind == "xml" else "json"
            if want is None and kind == "xml" and gofeed:
                want = gofeed_expected(path)
                how = "ill-formed (%s): gofeed's count" % err
                malformed += 1
                if want is None:
                    print("FAIL %s: ill-formed (%s) and no gofeed expectation" % (rel, err))
                    bad += 1
                    total += 1
                    continue
            elif want is None and kind == "xml":
                if rel not in MALFORMED:
                    print("FAIL %s: ill-formed (%s) and not listed in MALFORMED" % (rel, err))
                    bad += 1
                    total += 1
                    continue
                want, why = MALFORMED[rel]
                how = "listed: " + why
                malformed += 1
            elif want is None:
                want, how = 0, "not JSON: refused"
            got = tidings_count(tool, path)
            total += 1
            if want is not None and got != want:
                print("FAIL %s: tidings reads %s items, want %d (%s)" % (rel, got, want, how))
                bad += 1
    print("item counts: %d documents, %d agree, %d ill-formed ones by the "
          "listed count, %d differ" % (total, total - bad, malformed, bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
