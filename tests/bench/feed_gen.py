#!/usr/bin/env python3
"""Write a realistic RSS 2.0 feed of about SIZE megabytes to PATH.

Items look like a news site's: a title with entities, a link and guid,
pubDate, dc:creator, categories, an HTML description (paragraphs, links,
an image, an ad), content:encoded with a longer article, an enclosure on
some, a media:starRating on most. Deterministic (seeded) so runs compare.

usage: feed_gen.py PATH [SIZE_MB [summaries]]
With "summaries", items carry no content:encoded (a summary-only feed).
"""
import random
import sys

WORDS = ("the government request data customer enterprise court privacy "
         "security network cloud storage service tablet windows device "
         "market business report analyst company software release update "
         "users million billion percent quarter growth revenue mobile web "
         "browser tracking research study university consortium internet "
         "things devices talking standard open source developers platform").split()


def sentence(r, n):
    w = [r.choice(WORDS) for _ in range(n)]
    w[0] = w[0].capitalize()
    return " ".join(w) + "."


def paragraph(r):
    return " ".join(sentence(r, r.randint(8, 20)) for _ in range(r.randint(2, 5)))


def item(r, i, content=True):
    title = sentence(r, r.randint(5, 10))[:-1].replace("cloud", "Caf&#233;")
    link = "https://news.example.com/story.xhtml?story_id=%08d" % i
    day = 1 + i % 28
    desc = "&lt;p&gt;%s &lt;a href=&quot;%s&quot;&gt;more&lt;/a&gt;&lt;/p&gt;" \
        "&lt;img src=&quot;https://ads.example.net/px.gif&quot; width=&quot;1&quot; height=&quot;1&quot;&gt;" % (
            paragraph(r), link)
    body = "".join("<p>%s</p>\n" % paragraph(r) for _ in range(r.randint(3, 8)))
    out = ["<item>",
           "<title>%s &amp; more</title>" % title,
           "<link>%s</link>" % link,
           "<guid isPermaLink=\"false\">story-%d</guid>" % i,
           "<pubDate>%s, %02d May 2014 %02d:%02d:00 -0400</pubDate>" % (
               ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")[i % 7], day,
               i % 24, i % 60),
           "<dc:creator>%s %s</dc:creator>" % (r.choice(WORDS).capitalize(),
                                               r.choice(WORDS).capitalize()),
           "<category>%s</category>" % r.choice(WORDS).capitalize(),
           "<category>%s</category>" % r.choice(WORDS).capitalize(),
           "<description>%s</description>" % desc]
    if content:
        out.append("<content:encoded><![CDATA[%s]]></content:encoded>" % body)
    if i % 5 == 0:
        out.append("<enclosure url=\"https://cdn.example.com/a/%d.mp3\" "
                   "type=\"audio/mpeg\" length=\"%d\"/>" % (i, r.randint(10**5, 10**8)))
    if i % 4 != 0:
        out.append("<media:community><media:starRating average=\"%.1f\" count=\"%d\" "
                   "min=\"1\" max=\"5\"/></media:community>" % (
                       r.uniform(1, 5), r.randint(1, 5000)))
    out.append("</item>\n")
    return "\n".join(out)


def main():
    if len(sys.argv) < 2 or sys.argv[1].startswith("-"):
        # an option is never an output file (--help once wrote 50 MB)
        sys.exit("usage: feed_gen.py OUT.xml [MiB] [summaries]")
    path = sys.argv[1]
    size = float(sys.argv[2]) if len(sys.argv) > 2 else 50
    content = not (len(sys.argv) > 3 and sys.argv[3] == "summaries")
    r = random.Random(2014)
    limit = int(size * 1024 * 1024)
    with open(path, "w", encoding="utf-8") as f:
        head = ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                "<rss version=\"2.0\" xmlns:media=\"http://search.yahoo.com/mrss/\" "
                "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
                "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\n"
                "<channel>\n<title>Benchmark News</title>\n"
                "<link>https://news.example.com/</link>\n"
                "<description>Generated for tidings' benchmark</description>\n")
        f.write(head)
        n = len(head)
        i = 0
        while n < limit:
            s = item(r, i, content)
            f.write(s)
            n += len(s.encode("utf-8"))
            i += 1
        f.write("</channel>\n</rss>\n")
    print("%s: %d items, %.1f MiB" % (path, i, n / 1048576.0))


if __name__ == "__main__":
    main()
