#!/usr/bin/env python3
"""Differential chunk test (issue 12, "well-formed feeds lose items").

Generates COUNT well-formed feeds (tests/feed_chunks_gen.py), and for each:
  - the item count that python's expat (xml.etree.ElementTree, a
    conforming XML parser) reads is the expected count;
  - tidings (feed_dump, from memory) must read exactly that many items
    and report no warning: nothing was wrong with the document;
  - the same document written through a socket in pieces of odd sizes
    (1 byte for small feeds, up to 1 MiB) must give a byte-identical
    model dump; the JSON and text exports are functions of that model.
The first mismatch per feed is printed; exit 1 when any feed mismatched.

usage: feed_chunks.py FEED_DUMP COUNT
"""
import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import feed_chunks_gen  # noqa: E402

# Piece sizes (1 byte to 1 MiB), picked per feed among those that cut it
# into at most MAX_PIECES reads: a read per byte is fine for a few KiB,
# slow for a MiB.
CHUNKS = (1, 3, 7, 61, 509, 4093, 65521, 65537, 262147, 1048576)
MAX_PIECES = 8192


def expat_items(path):
    n = 0
    for _, el in ET.iterparse(path, events=("end",)):
        if el.tag.rsplit("}", 1)[-1] in ("item", "entry"):
            n += 1
            el.clear()
    return n


def dump(tool, path, chunk=0):
    args = [tool] + (["--chunks=%d" % chunk] if chunk else []) + [path, "https://example.org/feed"]
    return subprocess.run(args, stdout=subprocess.PIPE, check=False).stdout


SHOWN = 20  # mismatches printed; the rest only counted


def report(bad, msg):
    if bad < SHOWN:
        print(msg)
    return bad + 1


def main():
    tool, count = sys.argv[1], int(sys.argv[2])
    bad = 0
    runs = 0
    with tempfile.TemporaryDirectory() as d:
        feed_chunks_gen.write_feeds(d, count)
        for k, name in enumerate(sorted(os.listdir(d))):
            path = os.path.join(d, name)
            want = expat_items(path)
            base = dump(tool, path)
            runs += 1
            try:
                model = json.loads(base)
            except ValueError:
                model = {"error": "unreadable dump"}
            got = len(model.get("items", []))
            if got != want or model.get("error") or model.get("warning"):
                bad = report(bad, "%s: %d items, expat reads %d (%s)" % (
                    name, got, want, model.get("error") or model.get("warning")))
                continue
            size = os.path.getsize(path)
            fit = [c for c in CHUNKS if size // c <= MAX_PIECES]
            chunks = sorted({fit[k % len(fit)], fit[(k * 7 + 3) % len(fit)]})
            for c in chunks:
                runs += 1
                if dump(tool, path, c) != base:
                    bad = report(bad, "%s: read in %d-byte pieces, the model differs" % (name, c))
                    break
    print("%d feeds, %d parses, %d mismatched" % (count, runs, bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
