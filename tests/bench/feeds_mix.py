#!/usr/bin/env python3
"""Write NFEEDS feeds of NITEMS items each into DIR (feed000.xml, ...) in
the mix the refresh benchmarks measure (issue #15), about 3 KiB an item:

  f % 4 == 0  RSS 2.0 news: HTML description, content:encoded, categories
  f % 4 == 1  Atom with xhtml content and summaries
  f % 4 == 2  a podcast: itunes tags, enclosures, media:starRating
  f % 4 == 3  RSS in mixed scripts (Cyrillic, Greek, CJK, Arabic) with
              media:community ratings and dc:creator

With --gzip, each file also gets a .gz twin (nginx's gzip_static serves
it), so the server spends no CPU compressing during a measurement.
Deterministic: the output depends only on the arguments.

usage: feeds_mix.py [--gzip] DIR NFEEDS NITEMS
"""
import gzip
import os
import random
import sys

WORDS = ("the government request data customer enterprise court privacy "
         "security network cloud storage service tablet windows device "
         "market business report analyst company software release update "
         "users million billion percent quarter growth revenue mobile web "
         "browser tracking research study university internet standard").split()
SCRIPTS = ("новости рынок данные суд", "ειδήσεις αγορά δεδομένα",
           "新闻 市场 数据 法院 隐私", "أخبار السوق البيانات المحكمة")


def sentence(r, n):
    w = [r.choice(WORDS) for _ in range(n)]
    w[0] = w[0].capitalize()
    return " ".join(w) + "."


def paragraph(r):
    return " ".join(sentence(r, r.randint(8, 16)) for _ in range(r.randint(3, 6)))


def date(i):
    return "%s, %02d May 2014 %02d:%02d:00 -0400" % (
        ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")[i % 7], 1 + i % 28,
        i % 24, i % 60)


def rating(r):
    return ('<media:community><media:starRating average="%.1f" count="%d" '
            'min="1" max="5"/></media:community>' % (r.uniform(1, 5), r.randint(1, 9999)))


def rss_item(r, f, i, scripts):
    link = "https://news.example.com/%d/story?id=%06d" % (f, i)
    title = sentence(r, r.randint(5, 9))[:-1]
    if scripts:
        title = "%s %s" % (SCRIPTS[i % len(SCRIPTS)], title)
    desc = ("&lt;p&gt;%s &lt;a href=&quot;%s&quot;&gt;more&lt;/a&gt;&lt;/p&gt;"
            "&lt;img src=&quot;https://ads.example.net/px.gif&quot; width=&quot;1&quot;&gt;"
            % (paragraph(r), link))
    body = "".join("<p>%s</p>\n" % paragraph(r) for _ in range(r.randint(3, 6)))
    out = ["<item><title>%s &amp; more</title><link>%s</link>" % (title, link),
           "<guid isPermaLink=\"false\">f%d-%d</guid><pubDate>%s</pubDate>" % (f, i, date(i)),
           "<dc:creator>%s</dc:creator>" % r.choice(WORDS).capitalize(),
           "<category>%s</category><category>%s</category>" % (
               r.choice(WORDS), r.choice(WORDS)),
           "<description>%s</description>" % desc,
           "<content:encoded><![CDATA[%s]]></content:encoded>" % body]
    if scripts or i % 3 == 0:
        out.append(rating(r))
    out.append("</item>\n")
    return "".join(out)


def podcast_item(r, f, i):
    return ("<item><title>Episode %d: %s</title><guid>f%d-ep%d</guid>"
            "<pubDate>%s</pubDate><itunes:duration>%d:%02d</itunes:duration>"
            "<itunes:summary>%s</itunes:summary><description>%s %s</description>"
            "<enclosure url=\"https://cdn.example.com/%d/%d.mp3\" type=\"audio/mpeg\" "
            "length=\"%d\"/>%s</item>\n" % (
                i, sentence(r, 6)[:-1], f, i, date(i), r.randint(10, 90), i % 60,
                paragraph(r), paragraph(r), paragraph(r), f, i,
                r.randint(10**6, 10**8), rating(r)))


def atom_entry(r, f, i):
    body = "".join("<p>%s <em>%s</em></p>" % (paragraph(r), r.choice(WORDS))
                   for _ in range(r.randint(3, 6)))
    return ("<entry><title type=\"html\">%s &amp;amp; co</title>"
            "<id>tag:example.com,2014:%d/%d</id>"
            "<link rel=\"alternate\" href=\"https://atom.example.com/%d/%d\"/>"
            "<updated>2014-05-%02dT%02d:%02d:00Z</updated>"
            "<author><name>%s</name></author><summary>%s</summary>"
            "<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">%s</div>"
            "</content></entry>\n" % (
                sentence(r, 7)[:-1], f, i, f, i, 1 + i % 28, i % 24, i % 60,
                r.choice(WORDS).capitalize(), sentence(r, 20), body))


def feed(f, nitems):
    r = random.Random(f)
    kind = f % 4
    if kind == 1:
        entries = "".join(atom_entry(r, f, i) for i in range(nitems))
        return ('<?xml version="1.0" encoding="utf-8"?>\n'
                '<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom feed %d</title>'
                '<id>tag:example.com,2014:%d</id><updated>2014-05-23T12:00:00Z</updated>'
                '<link href="https://atom.example.com/%d/"/>\n%s</feed>\n'
                % (f, f, f, entries))
    if kind == 2:
        items = "".join(podcast_item(r, f, i) for i in range(nitems))
    else:
        items = "".join(rss_item(r, f, i, kind == 3) for i in range(nitems))
    return ('<?xml version="1.0" encoding="utf-8"?>\n'
            '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:media="http://search.yahoo.com/mrss/" '
            'xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel>'
            '<title>Feed %d</title><link>https://news.example.com/%d/</link>'
            '<description>Generated feed %d</description>\n%s</channel></rss>\n'
            % (f, f, f, items))


def main(argv):
    gz = len(argv) > 1 and argv[1] == "--gzip"
    if gz:
        argv = argv[1:]
    if len(argv) != 4:
        sys.exit(__doc__)
    out, nfeeds, nitems = argv[1], int(argv[2]), int(argv[3])
    os.makedirs(out, exist_ok=True)
    for f in range(nfeeds):
        data = feed(f, nitems).encode("utf-8")
        path = os.path.join(out, "feed%03d.xml" % f)
        with open(path, "wb") as fp:
            fp.write(data)
        if gz:
            with open(path + ".gz", "wb") as fp:
                fp.write(gzip.compress(data, 6, mtime=0))
            st = os.stat(path)
            os.utime(path + ".gz", (st.st_atime, st.st_mtime))


if __name__ == "__main__":
    main(sys.argv)
