#!/usr/bin/env python3
"""The local HTTP server every network test of tidings talks to.

Standard library only. Listens on 127.0.0.1, on a free port that it writes
to --port-file (atomically), speaks HTTP/1.1 with keep-alive, and exits by
itself after --max-lifetime seconds in case a test forgets to stop it.

Paths (NAME is a file under --root; query parameters are optional):
  /NAME                    the file as it is (Content-Length, no validators)
  /etag/NAME[?delay=MS]    the file with ETag and Last-Modified; a 304 to a
                           matching If-None-Match or If-Modified-Since
  /gzip/NAME               the file gzip-compressed (Content-Encoding: gzip)
  /chunked/NAME            the file in several chunks (Transfer-Encoding)
  /status/CODE             that status with a short text body
  /redirect/CODE?to=URL    a CODE (301, 302, 303, 307, 308) redirect to URL
  /redirect-chain/N?to=URL[&code=C]  N redirects (each C, default 302), then URL
  /redirect-loop           redirects to itself, forever
  /to-file                 a redirect to file:///etc/passwd
  /slow[?seconds=S&bare=1] a feed whose body trickles one byte a second,
                           for at most S seconds (default 60), then stops;
                           bare=1: without the XML head sent at once
  /huge[?mb=N&length=1]    N MiB (default 65) of XML, streamed chunked, or
                           with a Content-Length when length=1
  /gzip-bomb[?mb=N]        N MiB (default 200) of spaces, sent gzip-compressed
  /reset                   a Content-Length of 100000, 1000 bytes, then a TCP reset
  /html-with-feed-link[?href=URL]   an HTML page naming its feed in
                           <link rel="alternate" type="application/rss+xml">
  /empty                   200 with an empty body
  /echo-headers            the request's headers as a text body
  /etag-only/NAME          as /etag/NAME, but a 304 only to a matching
                           If-None-Match (If-Modified-Since is ignored): a
                           client that does not send the stored ETag gets 200
  /http09                  a feed with no status line or headers (HTTP/0.9)
  /garbage                 a line of bytes that is no HTTP status line
  /huge-header[?kb=N]      a 200 whose one header is N KiB (default 512) long
  /switch/KEY              answered as if the path were the first line of the
                           file KEY under --root (tests change it between runs)
  /stats                   JSON: {"status": {"200": n, "304": m, ...},
                           "conditional": k, "requests": total,
                           "connections": TCP connections accepted}

Every request is also logged to stderr as "REQ METHOD PATH STATUS cond=0|1".
"""

import argparse
import email.utils
import gzip
import hashlib
import http.server
import json
import os
import socket
import struct
import sys
import threading
import time
import urllib.parse
import zlib

STATS_LOCK = threading.Lock()
STATS = {"status": {}, "conditional": 0, "requests": 0, "connections": 0}
BOMB_CACHE = {}
ETAG_CACHE = {}  # path -> (mtime_ns, size, data, etag): benchmarks time the client


def count(status, conditional):
    with STATS_LOCK:
        key = str(status)
        STATS["status"][key] = STATS["status"].get(key, 0) + 1
        STATS["requests"] += 1
        if conditional:
            STATS["conditional"] += 1


def gzip_bomb(mb):
    """mb MiB of spaces, gzip-compressed (made once, kept)."""
    if mb not in BOMB_CACHE:
        comp = zlib.compressobj(1, zlib.DEFLATED, 31)  # fast: made on demand
        block = b" " * (1 << 20)
        parts = [comp.compress(block) for _ in range(mb)]
        parts.append(comp.flush())
        BOMB_CACHE[mb] = b"".join(parts)
    return BOMB_CACHE[mb]


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "tidings-test-server"
    timeout = 60  # a client that stalls does not keep a thread forever

    def setup(self):
        super().setup()
        # headers and body go out in separate writes: without this, Nagle's
        # algorithm and the client's delayed ACK cost 40 ms per keep-alive answer
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with STATS_LOCK:
            STATS["connections"] += 1

    def log_message(self, fmt, *args):
        pass

    def note(self, status):
        if self.path.startswith("/stats"):
            return
        cond = "If-None-Match" in self.headers or "If-Modified-Since" in self.headers
        count(status, cond)
        sys.stderr.write("REQ %s %s %d cond=%d\n" % (self.command, self.path, status, int(cond)))
        sys.stderr.flush()

    # ---- helpers

    def reply(self, status, body=b"", ctype="text/plain; charset=utf-8", headers=()):
        self.note(status)
        self.send_response(status)
        if status != 304:
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        if status != 304 and self.command != "HEAD":
            self.wfile.write(body)

    def file_path(self, name):
        root = os.path.realpath(self.server.root)
        p = os.path.realpath(os.path.join(root, urllib.parse.unquote(name).lstrip("/")))
        if not (p == root or p.startswith(root + os.sep)) or not os.path.isfile(p):
            return None
        return p

    def read_file(self, name):
        p = self.file_path(name)
        if p is None:
            self.reply(404, b"no such file\n")
            return None, None
        with open(p, "rb") as f:
            return p, f.read()

    @staticmethod
    def ctype_of(name):
        if name.endswith((".html", ".htm")):
            return "text/html; charset=utf-8"
        if name.endswith(".atom"):
            return "application/atom+xml"
        if name.endswith((".rss", ".xml", ".rdf")):
            return "application/rss+xml"
        return "application/octet-stream"

    def redirect(self, code, to):
        self.reply(code, b"moved\n", headers=[("Location", to)])

    def chunk(self, data):
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))

    # ---- the paths

    def do_HEAD(self):
        self.do_GET()

    def do_POST(self):
        """/echo-post: the method, the request headers and the body back;
        anything else a 405 (the feed paths are GET only)."""
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(min(n, 1 << 20))
        if urllib.parse.urlsplit(self.path).path != "/echo-post":
            self.reply(405, b"GET only\n")
            return
        self.reply(200, b"POST\n" + str(self.headers).encode("latin-1", "replace") + body)

    def do_GET(self):
        if self.path.startswith("/switch/"):
            p = self.file_path(self.path[len("/switch/"):])
            if p is None:
                self.reply(404, b"no such switch\n")
                return
            with open(p) as f:
                self.path = f.readline().strip() or "/empty"
        url = urllib.parse.urlsplit(self.path)
        q = dict(urllib.parse.parse_qsl(url.query))
        path = url.path
        parts = path.split("/", 2)  # "", first, rest
        first = parts[1] if len(parts) > 1 else ""
        rest = parts[2] if len(parts) > 2 else ""
        handler = {
            "stats": self.get_stats,
            "etag": self.get_etag,
            "etag-only": self.get_etag_only,
            "http09": self.get_http09,
            "garbage": self.get_garbage,
            "huge-header": self.get_huge_header,
            "gzip": self.get_gzip,
            "chunked": self.get_chunked,
            "status": self.get_status,
            "redirect": self.get_redirect,
            "redirect-chain": self.get_redirect_chain,
            "redirect-loop": self.get_redirect_loop,
            "to-file": self.get_to_file,
            "slow": self.get_slow,
            "huge": self.get_huge,
            "gzip-bomb": self.get_gzip_bomb,
            "reset": self.get_reset,
            "html-with-feed-link": self.get_html_with_feed_link,
            "empty": self.get_empty,
            "echo-headers": self.get_echo_headers,
        }.get(first)
        try:
            if handler is not None:
                handler(rest, q)
            else:
                self.get_plain(path.lstrip("/"), q)
        except (BrokenPipeError, ConnectionResetError, socket.timeout):
            self.close_connection = True

    def get_stats(self, rest, q):
        with STATS_LOCK:
            body = json.dumps(STATS).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def get_plain(self, name, q):
        p, data = self.read_file(name)
        if p is not None:
            self.reply(200, data, self.ctype_of(name))

    def get_etag_only(self, name, q):
        self.get_etag(name, q, etag_only=True)

    def raw(self, data):
        """Send data as the whole answer, then close: no HTTP framing."""
        self.note(0)
        self.wfile.write(data)
        self.close_connection = True

    def get_http09(self, rest, q):
        self.raw(b'<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Old</title>'
                 b"</channel></rss>\n")

    def get_garbage(self, rest, q):
        self.raw(b"\x16\x03\x01 this is not HTTP at all\r\n\r\n")

    def get_huge_header(self, rest, q):
        kb = min(int(q.get("kb", "512")), 4096)
        self.reply(200, b"<rss/>", headers=[("X-Filler", "x" * (kb << 10))])

    def get_etag(self, name, q, etag_only=False):
        if "delay" in q:
            time.sleep(min(float(q["delay"]), 10000) / 1000.0)
        p = self.file_path(name)
        if p is None:
            self.reply(404, b"no such file\n")
            return
        st = os.stat(p)
        cached = ETAG_CACHE.get(p)
        if cached is not None and cached[:2] == (st.st_mtime_ns, st.st_size):
            data, etag = cached[2:]
        else:
            with open(p, "rb") as f:
                data = f.read()
            etag = '"%s"' % hashlib.sha1(data).hexdigest()[:20]
            ETAG_CACHE[p] = (st.st_mtime_ns, st.st_size, data, etag)
        mtime = int(st.st_mtime)
        lm = email.utils.formatdate(mtime, usegmt=True)
        headers = [("ETag", etag), ("Last-Modified", lm)]
        inm = self.headers.get("If-None-Match")
        ims = self.headers.get("If-Modified-Since")
        fresh = False
        if inm is not None:
            fresh = etag in [t.strip() for t in inm.split(",")] or inm.strip() == "*"
        elif ims is not None and not etag_only:
            try:
                fresh = email.utils.parsedate_to_datetime(ims).timestamp() >= mtime
            except (TypeError, ValueError):
                fresh = False
        if fresh:
            self.reply(304, headers=headers)
        else:
            self.reply(200, data, self.ctype_of(name), headers)

    def get_gzip(self, name, q):
        p, data = self.read_file(name)
        if p is not None:
            self.reply(200, gzip.compress(data), self.ctype_of(name),
                       [("Content-Encoding", "gzip")])

    def get_chunked(self, name, q):
        p, data = self.read_file(name)
        if p is None:
            return
        self.note(200)
        self.send_response(200)
        self.send_header("Content-Type", self.ctype_of(name))
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        step = max(1, len(data) // 7)
        for i in range(0, len(data), step):
            self.chunk(data[i:i + step])
            self.wfile.flush()
        self.wfile.write(b"0\r\n\r\n")

    def get_status(self, rest, q):
        try:
            code = int(rest)
        except ValueError:
            code = 400
        if not 200 <= code <= 599:
            code = 400
        self.reply(code, b"status %d\n" % code)

    def get_redirect(self, rest, q):
        code = int(rest) if rest in ("301", "302", "303", "307", "308") else 302
        self.redirect(code, q.get("to", "/empty"))

    def get_redirect_chain(self, rest, q):
        try:
            n = int(rest)
        except ValueError:
            n = 0
        code = int(q.get("code", "302"))
        to = q.get("to", "/empty")
        if n <= 1:
            self.redirect(code, to)
        else:
            nxt = "/redirect-chain/%d?%s" % (n - 1, urllib.parse.urlencode({"to": to, "code": code}))
            self.redirect(code, nxt)

    def get_redirect_loop(self, rest, q):
        self.redirect(302, "/redirect-loop")

    def get_to_file(self, rest, q):
        self.redirect(302, "file:///etc/passwd")

    def get_slow(self, rest, q):
        seconds = min(float(q.get("seconds", "60")), 120)
        head = b'<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Slow</title>'
        if q.get("bare") == "1":
            head = b""  # one byte a second from the first
        self.note(200)
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(head) + 100000))
        self.end_headers()
        self.wfile.write(head)
        self.wfile.flush()
        end = time.time() + seconds
        while time.time() < end:
            time.sleep(1)
            self.wfile.write(b" ")
            self.wfile.flush()
        self.close_connection = True

    def get_huge(self, rest, q):
        mb = min(int(q.get("mb", "65")), 300)
        total = mb << 20
        block = (b"<item><title>filler</title><description>" + b"x" * 900 +
                 b"</description></item>\n")
        self.note(200)
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        if q.get("length") == "1":
            self.send_header("Content-Length", str(total))
        else:
            self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        sent = 0
        while sent < total:
            piece = (block * 64)[:total - sent]
            if q.get("length") == "1":
                self.wfile.write(piece)
            else:
                self.chunk(piece)
            sent += len(piece)
        if q.get("length") != "1":
            self.wfile.write(b"0\r\n\r\n")

    def get_gzip_bomb(self, rest, q):
        mb = min(int(q.get("mb", "200")), 1024)
        self.reply(200, gzip_bomb(mb), "application/rss+xml", [("Content-Encoding", "gzip")])

    def get_reset(self, rest, q):
        self.note(200)
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", "100000")
        self.end_headers()
        self.wfile.write(b'<?xml version="1.0"?>\n<rss version="2.0"><channel>' + b" " * 950)
        self.wfile.flush()
        time.sleep(0.1)
        # SO_LINGER with a zero timeout: close() sends a RST
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True

    def get_html_with_feed_link(self, rest, q):
        href = q.get("href", "/etag/feed.xml")
        esc = href.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
        body = ('<!DOCTYPE html>\n<html><head><title>A site</title>\n'
                '<link rel="alternate" type="application/rss+xml" title="The feed" href="%s">\n'
                '</head><body><p>Not a feed.</p></body></html>\n' % esc).encode()
        self.reply(200, body, "text/html; charset=utf-8")

    def get_echo_headers(self, rest, q):
        self.reply(200, str(self.headers).encode("latin-1", "replace"))

    def get_empty(self, rest, q):
        self.reply(200, b"", "application/rss+xml")


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--root", required=True, help="folder whose files are served")
    ap.add_argument("--port-file", required=True, help="where to write the port")
    ap.add_argument("--max-lifetime", type=float, default=300,
                    help="exit after this many seconds (default 300)")
    args = ap.parse_args()

    srv = Server(("127.0.0.1", 0), Handler)
    srv.root = args.root
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % srv.server_address[1])
    os.rename(tmp, args.port_file)

    def die():
        time.sleep(args.max_lifetime)
        sys.stderr.write("server: lifetime of %gs over, exiting\n" % args.max_lifetime)
        os._exit(0)

    threading.Thread(target=die, daemon=True).start()
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
