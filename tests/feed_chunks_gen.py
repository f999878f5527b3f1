#!/usr/bin/env python3
"""Write N generated, well-formed feeds of varied sizes into DIR.

The differential chunk test (tests/feed_chunks.py) parses each one with
tidings and with python's expat (a conforming XML parser) and compares.
RSS items come from the benchmark generator (tests/bench/feed_gen.py);
Atom entries are written here. Item shapes vary per feed: some feeds are
dense in self-closing elements (<category term=.../>, starRatings,
enclosures) and attributes, which is where the repair pass once lost
track of what was open when a buffer ended inside "/>".
Deterministic: feed k uses seed k.

usage: feed_chunks_gen.py DIR N
"""
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "bench"))
import feed_gen  # noqa: E402

NS = ('xmlns:media="http://search.yahoo.com/mrss/" '
      'xmlns:dc="http://purl.org/dc/elements/1.1/" '
      'xmlns:content="http://purl.org/rss/1.0/modules/content/"')


def dense_rss_item(r, i):
    out = ["<item>", "<title>%s</title>" % feed_gen.sentence(r, r.randint(2, 8)),
           "<link>https://news.example.com/%d</link>" % i,
           "<guid isPermaLink=\"false\">g-%d</guid>" % i]
    for k in range(r.randint(0, 12)):
        out.append('<enclosure url="https://cdn.example.com/%d/%d.mp3" type="audio/mpeg" length="%d"/>'
                   % (i, k, r.randint(1, 10**6)))
    for _ in range(r.randint(0, 6)):
        out.append('<media:community><media:starRating average="%.1f" count="%d" min="1" max="5"/>'
                   '</media:community>' % (r.uniform(1, 5), r.randint(1, 5000)))
    out.append('<media:group><media:content url="https://v.example.com/%d.mp4" type="video/mp4"/>'
               '<media:thumbnail url="https://v.example.com/%d.jpg" width="%d"/></media:group>'
               % (i, i, r.randint(10, 999)))
    if r.random() < 0.5:
        out.append("<description>%s</description>" % feed_gen.paragraph(r))
    out.append("</item>")
    return "\n".join(out) + "\n"


def atom_entry(r, i, dense):
    out = ["<entry>", "<title type=\"html\">%s &amp;lt;b&amp;gt;x&amp;lt;/b&amp;gt;</title>"
           % feed_gen.sentence(r, r.randint(2, 8)),
           '<link rel="alternate" type="text/html" href="https://atom.example.com/%d"/>' % i,
           "<id>tag:atom.example.com,2014:%d</id>" % i,
           "<updated>2014-05-%02dT%02d:%02d:00Z</updated>" % (1 + i % 28, i % 24, i % 60)]
    for _ in range(r.randint(1, 14) if dense else r.randint(0, 2)):
        out.append('<category term="%s" label="%s"/>' % (r.choice(feed_gen.WORDS),
                                                        r.choice(feed_gen.WORDS)))
    if dense:
        for _ in range(r.randint(0, 5)):
            out.append('<media:group><media:community><media:starRating average="%.1f" '
                       'count="%d" min="1" max="5"/></media:community></media:group>'
                       % (r.uniform(1, 5), r.randint(1, 900)))
    out.append("<author><name>%s</name></author>" % r.choice(feed_gen.WORDS))
    out.append('<summary type="html">%s</summary>' % feed_gen.paragraph(r).replace("e", "&amp;eacute;", 1))
    if not dense or r.random() < 0.3:
        body = "".join("<p>%s</p>" % feed_gen.paragraph(r) for _ in range(r.randint(1, 6)))
        out.append('<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">%s<br/></div></content>'
                   % body)
    out.append("</entry>")
    return "\n".join(out) + "\n"


def feed(r, k, size):
    kind = ("rss", "rss-dense", "atom", "atom-dense")[k % 4]
    parts = []
    if kind.startswith("rss"):
        parts.append('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" %s>\n'
                     '<channel>\n<title>Feed %d</title>\n<link>https://news.example.com/</link>\n'
                     '<description>generated</description>\n' % (NS, k))
    else:
        parts.append('<?xml version="1.0" encoding="utf-8"?>\n'
                     '<feed xmlns="http://www.w3.org/2005/Atom" %s>\n<title>Feed %d</title>\n'
                     '<id>tag:atom.example.com,2014:feed</id>\n<updated>2014-05-01T00:00:00Z</updated>\n'
                     % (NS, k))
    n = len(parts[0])
    i = 0
    while n < size:
        if kind == "rss":
            s = feed_gen.item(r, i, r.random() < 0.7)
        elif kind == "rss-dense":
            s = dense_rss_item(r, i)
        else:
            s = atom_entry(r, i, kind == "atom-dense")
        parts.append(s)
        n += len(s.encode("utf-8"))
        i += 1
    parts.append("</channel>\n</rss>\n" if kind.startswith("rss") else "</feed>\n")
    return "".join(parts)


def write_feeds(out, count):
    for k in range(count):
        r = random.Random(k)
        # Mostly small and middling, a few past 1 MB: sizes spread over
        # several of the pass's buffer lengths (64 KiB, 256 KiB).
        size = int(r.choice((2, 8, 20, 40, 70, 100, 130, 200, 300, 1100)) * 1024 * r.uniform(0.6, 1.4))
        with open(os.path.join(out, "f%03d.xml" % k), "w", encoding="utf-8") as f:
            f.write(feed(r, k, size))


def main():
    write_feeds(sys.argv[1], int(sys.argv[2]))


if __name__ == "__main__":
    main()
