#!/usr/bin/env python3
"""Write NFEEDS generated RSS 2.0 feeds of NITEMS items each into DIR, as
feed000.xml, feed001.xml... (the many-feeds tests and benchmarks share it).

usage: make_feeds.py DIR NFEEDS NITEMS [STYLE [FILLER]]

STYLE:
  plain  "Feed F item I", guid fF-I, a one-line description plus FILLER
         repetitions of "words of story I " (to make the items heavier)
  news   a news site's items: titles, dc:creator, category, a 60-word
         paragraph, a channel description (the refresh benchmark)
  rated  like news with 40 words, no creator, and a media:starRating on
         every item (the start-up benchmark)
The output depends only on the arguments, so runs compare.
"""
import sys

WORDS = ("market customers software enterprise security privacy cloud storage "
         "court agency mobile network device service report company").split()
NS = {
    "plain": "",
    "news": ' xmlns:dc="http://purl.org/dc/elements/1.1/"',
    "rated": ' xmlns:media="http://search.yahoo.com/mrss/"',
}


def plain_item(f, i, filler):
    return ("<item><title>Feed %d item %d</title><guid>f%d-%d</guid>"
            "<link>http://example.org/%d/%d</link>"
            "<pubDate>Fri, 23 May 2014 12:%02d:00 +0000</pubDate>"
            "<description>Story %d of feed %d, with some words to store.%s"
            "</description></item>\n"
            % (f, i, f, i, f, i, i % 60, i, f, (" words of story %d" % i) * filler))


def news_item(f, i, style):
    nwords = 60 if style == "news" else 40
    text = " ".join(WORDS[(f * 7 + i * 3 + k) % len(WORDS)] for k in range(nwords))
    extra = ("<dc:creator>Reporter %d</dc:creator><category>news</category>" % (i % 9)
             if style == "news" else "")
    rating = ('<media:community><media:starRating average="%.1f" count="%d" min="1" max="5"/>'
              "</media:community>" % (1 + (f + i) % 40 / 10.0, (f * i) % 500)
              if style == "rated" else "")
    return ("<item><title>Feed %d story %d about %s</title>"
            "<link>http://news%d.example.org/story/%d</link>"
            '<guid isPermaLink="false">feed%d-story%d</guid>'
            "<pubDate>Fri, %02d May 2014 %02d:%02d:00 -0400</pubDate>"
            "%s<description>&lt;p&gt;%s.&lt;/p&gt;</description>%s</item>\n"
            % (f, i, WORDS[i % len(WORDS)], f, i, f, i, 1 + i % 28, i % 24, i % 60,
               extra, text, rating))


def channel(f, style):
    if style == "plain":
        return "<title>Feed %d</title><link>http://example.org/%d</link>\n" % (f, f)
    desc = "<description>Feed number %d</description>" % f if style == "news" else ""
    return "<title>News %d</title><link>http://news%d.example.org/</link>%s\n" % (f, f, desc)


def main(argv):
    if len(argv) not in (4, 5, 6) or (len(argv) > 4 and argv[4] not in NS):
        sys.exit(__doc__)
    root, nfeeds, nitems = argv[1], int(argv[2]), int(argv[3])
    style = argv[4] if len(argv) > 4 else "plain"
    filler = int(argv[5]) if len(argv) > 5 else 0
    for f in range(nfeeds):
        if style == "plain":
            items = "".join(plain_item(f, i, filler) for i in range(1, nitems + 1))
        else:
            items = "".join(news_item(f, i, style) for i in range(1, nitems + 1))
        with open("%s/feed%03d.xml" % (root, f), "w", encoding="utf-8") as out:
            out.write('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"%s><channel>%s%s'
                      "</channel></rss>\n" % (NS[style], channel(f, style), items))


if __name__ == "__main__":
    main(sys.argv)
