#!/usr/bin/env python3
"""Hostile documents for the attack suites, made at test time, and the
checks run on what tidings prints for them.

  hostile.py feed OUT [LINK]     an RSS feed whose every text field carries
                                 terminal escapes, C1 controls, bidi overrides
                                 and NUL; LINK (optional) is the item link
  hostile.py page OUT            an HTML page carrying the same
  hostile.py payload             the payload string itself, JSON-encoded
  hostile.py check-text FILE [--any]  FILE holds no ESC, no C0 but \\n and \\t, no
                                 C1, no bidi controls, valid UTF-8
  hostile.py check-json FILE [--lenient] [FIELD...]  every line is a JSON
                                 object with every control \\u-escaped, and
                                 each FIELD (default: title) that carries the
                                 payload's marker holds it as XML can carry it
                                 (--lenient: controls may be U+FFFD or gone;
                                 --any: for any document, no payload needed)
  hostile.py doc KIND OUT [BASE] a hostile document: laughs, xxe, xxe-param
                                 (external entities at BASE/xxe-*), many-items,
                                 deep, deep-html, huge-title, bad-utf8,
                                 nul-bytes; pages: deep-page, huge-page
"""

import json
import re
import sys

ESC = "\x1b"
BEL = "\x07"
ST = ESC + "\\"
# Each attack a terminal would act on, one after the other, with a visible
# marker around them so the checks can find the field again.
ATTACKS = [
    ESC + "[2J" + ESC + "[H",                       # clear screen, home
    ESC + "[31;1m" + "red" + ESC + "[0m",             # SGR
    ESC + "]0;pwned-title" + BEL,                     # OSC 0: icon + window title
    ESC + "]2;pwned-title2" + ST,                     # OSC 2: window title
    ESC + "]52;c;cHduZWQ=" + BEL,                     # OSC 52: set the clipboard
    ESC + "]52;p;cHduZWQ=" + ST,
    ESC + "]8;;http://evil.example/" + ST + "click" + ESC + "]8;;" + ST,  # OSC 8 link
    ESC + "P+q544e" + ST,                             # DCS (XTGETTCAP)
    ESC + "[>c" + ESC + "[6n",                        # device attribute / cursor reports
    "\u009b31m",                                      # C1 CSI
    "\u009d0;c1-title\u009c",                         # C1 OSC ... C1 ST
    "\u0090q\u009c",                                  # C1 DCS
    "\u0085\u008d",                                   # NEL, RI
    "\u202eevil\u202c",                               # RLO ... PDF
    "\u2066\u2067\u2068\u2069\u202a\u202b\u202d\u061c\u200e\u200f",  # isolates, embeddings, marks
    "\x08\x08\x7f\r\x0b\x0c",                         # BS, DEL, CR, VT, FF
]
MARKER = "HOSTILE"
PAYLOAD = MARKER + "<" + "|".join(ATTACKS) + ">" + MARKER
BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c\u200e\u200f")
LONG_WORD = "W" * 20000


def xml_text(s):
    """s for XML character data: markup escaped; controls XML 1.0 forbids
    written raw (a lenient parser sees them; a strict one refuses)."""
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def feed(out, link=None):
    p = xml_text(PAYLOAD)
    link = xml_text(link) if link is not None else "http://example.org/a" + xml_text("\x1b]52;c;eA==\x07")
    html = xml_text("<p>" + PAYLOAD + "</p><p>" + LONG_WORD + "</p>")
    doc = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
        "<channel><title>Chan " + p + "</title><link>http://example.org/</link>\n"
        "<description>" + p + "</description>\n"
        "<item><title>" + p + "</title><guid>g-1</guid>\n"
        "<pubDate>Mon, 02 Jan 2023 10:00:00 +0000</pubDate>\n"
        "<link>" + link + "</link>\n"
        "<dc:creator>" + p + "</dc:creator>\n"
        "<category>" + p + "</category>\n"
        "<description>" + html + "</description>\n"
        '<enclosure url="http://example.org/x.mp3' + xml_text("\x1b[2J") + '" type="audio/mpeg" length="1"/>\n'
        "</item>\n"
        "<item><title>NUL" + "\x00" + "in" + "\x00" + "title " + p + "</title><guid>g-2</guid>"
        "<pubDate>Sun, 01 Jan 2023 10:00:00 +0000</pubDate>"
        "<link>http://example.org/b</link><description>x\x00y " + p + "</description></item>\n"
        "<item><title>&#27;[2Jref&#x9b;31m&#x202e;rlo&#7;bel " + MARKER + "</title><guid>g-3</guid>"
        "<pubDate>Sat, 31 Dec 2022 10:00:00 +0000</pubDate>"
        "<link>http://example.org/c</link><description>&amp;#27;[31m escaped twice</description></item>\n"
        "</channel></rss>\n")
    with open(out, "wb") as f:
        f.write(doc.encode("utf-8"))


def page(out):
    p = xml_text(PAYLOAD)
    doc = (
        "<!DOCTYPE html><html><head><title>" + p + "</title>"
        '<meta name="author" content="' + p.replace('"', "&quot;") + '"></head><body>'
        "<article><h1>" + p + "</h1>"
        + "".join("<p>Paragraph %d of a long enough article to be readable. %s The text "
                  "goes on with ordinary words, commas, and sentences, so that the "
                  "extraction keeps it.</p>" % (i, p) for i in range(8))
        + "<p>" + LONG_WORD + '</p><p><a href="http://evil.example/' + xml_text("\x1b]8;;x\x1b\\") +
        '">' + p + "</a></p><pre>" + p + "\x00nul</pre></article></body></html>\n")
    with open(out, "wb") as f:
        f.write(doc.encode("utf-8"))


def bad_chars(text):
    """The controls and bidi characters in text, as a list of (index, char)."""
    bad = []
    for i, ch in enumerate(text):
        o = ord(ch)
        if (o < 0x20 and ch not in "\n\t") or 0x7f <= o <= 0x9f or ch in BIDI:
            bad.append((i, ch))
    return bad


def as_xml_text(s):
    """s as an XML feed can carry it in a plain-text field: the C0 controls
    XML 1.0 forbids (all but tab, newline, CR) and NUL dropped, whitespace
    runs collapsed to one space (DESIGN.md: titles are plain text,
    whitespace collapsed). DEL and C1 are legal XML and must survive."""
    kept = "".join(ch for ch in s if ord(ch) >= 0x20 or ch in "\t\n\r")
    return re.sub(r"[ \t\n\r]+", " ", kept).strip(" ")


ESC_SEQ_MAX = 32   # src/feed/input.c: bytes after an ESC dropped with it


def escape_rest(s):
    """How much of s, the text after an ESC in a feed's XML, the repair
    pass drops with it (src/feed/input.c escape_rest): a CSI up to its
    final byte, an OSC/DCS/APC/PM/SOS string up to BEL or ST, a two-byte
    escape; never past '<' or '&' (markup), nor past ESC_SEQ_MAX."""
    top = min(len(s), ESC_SEQ_MAX)
    if not s:
        return 0
    c = s[0]
    if c == "[":
        for i in range(1, top):
            o = ord(s[i])
            if s[i] in "<&" or o < 0x20 or o > 0x7E:
                return i
            if o >= 0x40:
                return i + 1
    elif c in "]P_^X":
        for i in range(1, top):
            if s[i] in "<&\n":
                return i
            if s[i] == BEL:
                return i + 1
            if s[i] == ESC:
                return i + (2 if i + 1 < len(s) and s[i + 1] == "\\" else 1)
    elif 0x20 <= ord(c) <= 0x7E and c not in "<&":
        i = 0
        while i < top and 0x20 <= ord(s[i]) <= 0x2F:
            i += 1
        if i < top:
            return i + (1 if 0x2F < ord(s[i]) <= 0x7E and s[i] not in "<&" else 0)
    else:
        return 0
    return top


def as_feed_text(s):
    """s as the feed module reads it from XML character data: each ESC
    dropped with the rest of its sequence, then as_xml_text."""
    x, out, i = xml_text(s), [], 0
    while i < len(x):
        if x[i] == ESC:
            i += 1 + escape_rest(x[i + 1:])
            continue
        out.append(x[i])
        i += 1
    kept = "".join(out).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return as_xml_text(kept)


def check_text(path, any_text=False):
    data = open(path, "rb").read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        sys.exit("%s: invalid UTF-8: %s" % (path, e))
    bad = bad_chars(text)
    if bad:
        i, ch = bad[0]
        sys.exit("%s: %d control or bidi characters, first U+%04X at %d: %r"
                 % (path, len(bad), ord(ch), i, text[max(0, i - 30):i + 30]))
    if MARKER not in text and not any_text:
        sys.exit("%s: the hostile fields are missing altogether" % path)


def check_json(path, fields):
    lenient = "--lenient" in fields
    any_text = "--any" in fields
    fields = [f for f in fields if f not in ("--lenient", "--any")] or ["title"]
    data = open(path, "rb").read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        sys.exit("%s: invalid UTF-8: %s" % (path, e))
    # JSON may carry bidi characters raw (they are text, not controls); every
    # C0, DEL and C1 must be \u-escaped.
    bad = [b for b in bad_chars(text) if b[1] != "\t" and b[1] not in BIDI]
    if bad:
        i, ch = bad[0]
        sys.exit("%s: a raw U+%04X in JSON at %d: %r" % (path, ord(ch), i, text[max(0, i - 30):i + 30]))
    want = as_feed_text(PAYLOAD)
    seen = 0
    for n, line in enumerate(text.splitlines(), 1):
        try:
            obj = json.loads(line)
        except ValueError as e:
            sys.exit("%s:%d: not JSON: %s" % (path, n, e))
        if not isinstance(obj, dict):
            sys.exit("%s:%d: not an object" % (path, n))
        for field in fields:
            v = obj.get(field)
            if isinstance(v, str) and v.startswith(MARKER + "<"):
                seen += 1
                # lenient (a page through html_parse, which drops escape
                # sequences its own way): the field is whole, between its
                # markers, and every control in it was \u-escaped above
                if lenient and re.fullmatch(re.escape(MARKER + "<") + ".*" +
                                            re.escape(">" + MARKER), v, re.S):
                    continue
                if v != want:
                    # the first difference, for the report
                    k = next((k for k in range(min(len(v), len(want))) if v[k] != want[k]),
                             min(len(v), len(want)))
                    sys.exit("%s:%d: %s does not round-trip the payload: differs at %d: "
                             "got %r, want %r" % (path, n, field, k, v[k:k + 20], want[k:k + 20]))
    if seen == 0 and not any_text:
        sys.exit("%s: no %s carries the payload" % (path, "/".join(fields)))


def doc(kind, out, base=b"http://127.0.0.1:9"):
    with open(out, "wb") as f:
        w = f.write
        head = b'<?xml version="1.0" encoding="utf-8"?>\n'
        if kind == "laughs":
            w(head + b'<!DOCTYPE rss [\n<!ENTITY lol "lol">\n')
            w(b'<!ENTITY lol0 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n')
            for i in range(1, 10):
                w(('<!ENTITY lol%d "%s">\n' % (i, ("&lol%d;" % (i - 1)) * 10)).encode())
            w(b']>\n<rss version="2.0"><channel><title>Laughs</title>\n'
              b'<item><title>&lol9;</title><guid>l1</guid><description>&lol9;</description></item>\n'
              b'<item><title>after the laughs</title><guid>l2</guid></item>\n</channel></rss>\n')
        elif kind == "xxe":
            w(head + b'<!DOCTYPE rss [\n<!ENTITY xxe SYSTEM "file:///etc/passwd">\n'
              b'<!ENTITY web SYSTEM "' + base + b'/xxe-fetched">\n]>\n'
              b'<rss version="2.0"><channel><title>XXE &xxe;</title>\n'
              b'<item><title>t &xxe;</title><guid>x1</guid><description>&xxe; &web;</description>'
              b'<link>http://example.org/&xxe;</link></item>\n</channel></rss>\n')
        elif kind == "xxe-param":
            w(head + b'<!DOCTYPE rss [\n<!ENTITY % p SYSTEM "file:///etc/passwd">\n%p;\n'
              b'<!ENTITY % ext SYSTEM "' + base + b'/xxe-dtd-fetched">\n%ext;\n]>\n'
              b'<rss version="2.0"><channel><title>XXE param</title>\n'
              b'<item><title>p</title><guid>x2</guid></item>\n</channel></rss>\n')
        elif kind == "many-items":
            w(head + b'<rss version="2.0"><channel><title>Many</title>\n')
            for i in range(100000):
                w(b"<item><title>item %d</title><guid>m-%d</guid></item>\n" % (i, i))
            w(b"</channel></rss>\n")
        elif kind == "deep":
            w(head + b'<rss version="2.0"><channel><title>Deep</title>\n'
              b'<item><title>before</title><guid>d1</guid></item>\n<item><description>')
            w(b"<x>" * 10000 + b"deep" + b"</x>" * 10000)
            w(b"</description><title>deep item</title><guid>d2</guid></item>\n</channel></rss>\n")
        elif kind == "deep-html":
            w(head + b'<rss version="2.0"><channel><title>Deep HTML</title>\n'
              b"<item><title>deep html</title><guid>h1</guid><description>")
            w(b"&lt;div&gt;" * 10000 + b"deep" + b"&lt;/div&gt;" * 10000)
            w(b"</description></item>\n</channel></rss>\n")
        elif kind == "huge-title":
            w(head + b'<rss version="2.0"><channel><title>Huge</title>\n<item><title>')
            chunk = b"huge title " * 100000
            for _ in range((60 << 20) // len(chunk)):
                w(chunk)
            w(b"</title><guid>h1</guid></item>\n<item><title>small</title><guid>h2</guid></item>\n"
              b"</channel></rss>\n")
        elif kind == "bad-utf8":
            w(head + b'<rss version="2.0"><channel><title>Bad \xff\xfe UTF-8 \xc3</title>\n')
            for i, junk in enumerate([b"\xc3\x28", b"\xa0\xa1", b"\xe2\x28\xa1", b"\xf0\x90\x28\xbc",
                                      b"\xf8\xa1\xa1\xa1\xa1", b"\xed\xa0\x80", b"\xc0\xaf",
                                      b"\xef\xbf\xbe", b"\xf4\x90\x80\x80"]):
                w(b"<item><title>bad " + junk + b" title</title><guid>b" + junk + b"</guid>"
                  b"<author>" + junk + b"</author><link>http://example.org/" + junk + b"</link>"
                  b"<description>" + junk + b" &lt;p&gt;" + junk + b"&lt;/p&gt;</description></item>\n")
            w(b"</channel></rss>\n")
        elif kind == "deep-page":
            w(b"<!DOCTYPE html><html><head><title>Deep page</title></head><body><article>")
            w(b"<p>A paragraph before the depths, with enough words to count as text.</p>")
            w(b"<div><p>" * 20000 + b"deep text" + b"</p></div>" * 20000)
            w(b"<table><tr><td>" * 5000 + b"cell" + b"</td></tr></table>" * 5000)
            w(b"<ul><li>" * 5000 + b"item" + b"</li></ul>" * 5000)
            w(b"</article></body></html>\n")
        elif kind == "huge-page":
            w(b"<!DOCTYPE html><html><head><title>Huge page</title></head><body><article><p>")
            chunk = b"word " * 200000
            for _ in range(10):
                w(chunk)
            w(b"</p>" + b"<p>short paragraph</p>" * 200000 + b"</article></body></html>\n")
        elif kind == "nul-bytes":
            w(head + b'<rss version="2.0"><channel><title>N\x00U\x00L</title>\n'
              b"<item><title>a\x00b</title><guid>n\x001</guid><description>c\x00d</description></item>\n"
              b"<item\x00><title>x</title></item>\n</channel></rss>\n\x00\x00")
        else:
            sys.exit("unknown kind " + kind)


def main():
    a = sys.argv[1:]
    if not a:
        sys.exit(__doc__)
    if a[0] == "feed":
        feed(a[1], a[2] if len(a) > 2 else None)
    elif a[0] == "page":
        page(a[1])
    elif a[0] == "payload":
        print(json.dumps(PAYLOAD))
    elif a[0] == "check-text":
        check_text(a[1], "--any" in a[2:])
    elif a[0] == "check-json":
        check_json(a[1], a[2:] or ["title"])
    elif a[0] == "doc":
        doc(a[1], a[2], *([a[3].encode()] if len(a) > 3 else []))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
