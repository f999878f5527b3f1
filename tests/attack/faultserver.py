#!/usr/bin/env python3
"""A misbehaving HTTP(S) server for the attack suites of tidings.

Standard library only; listens on 127.0.0.1 on free ports and writes them to
--port-file (line 1: HTTP; line 2: HTTPS when --cert and --key are given,
else empty), atomically. Exits by itself after --max-lifetime seconds.

Paths:
  /NAME                 the file NAME under --root, as it is (read at every
                        request, so a test may change it between refreshes)
  /status/CODE          that status, a short body
  /empty                200, Content-Type application/rss+xml, no body
  /reset                Content-Length 100000, 1000 bytes, then a TCP reset
  /stall                Content-Length 100000, a feed's first bytes, then
                        silence (until the client gives up or 60 s)
  /endless              a chunked body that never ends (until the client
                        hangs up)
  /bigcl                Content-Length: 2147483648 (2 GiB), a short feed,
                        then the connection closes
  /bomb?mb=N            N MiB (default 256) of spaces, gzip-compressed
  /redirect-loop        302 to itself
  /chain/N?to=PATH      N 302 redirects, then PATH
  /drip/NAME?ms=M       the file NAME (as above) with its Content-Length, sent
                        in DRIP_PIECES pieces spread over M milliseconds (a
                        refresh that takes at least that long, whatever the
                        load: a test can kill it inside for sure)
Every request is logged to stderr as "REQ PATH".
"""

import argparse
import http.server
import os
import socket
import ssl
import struct
import sys
import threading
import time
import urllib.parse
import zlib

BOMBS = {}
DRIP_PIECES = 20
FEED_HEAD = (b'<?xml version="1.0"?>\n<rss version="2.0"><channel>'
             b'<title>Fault</title>\n')


def bomb(mb):
    if mb not in BOMBS:
        comp = zlib.compressobj(9, zlib.DEFLATED, 31)
        block = b" " * (1 << 20)
        BOMBS[mb] = b"".join([comp.compress(block) for _ in range(mb)] + [comp.flush()])
    return BOMBS[mb]


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 90

    def log_message(self, fmt, *args):
        pass

    def head(self, status, ctype="application/rss+xml", length=None, extra=()):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        if length is not None:
            self.send_header("Content-Length", str(length))
        for k, v in extra:
            self.send_header(k, v)
        self.end_headers()

    def reply(self, status, body, ctype="application/rss+xml", extra=()):
        self.head(status, ctype, len(body), extra)
        self.wfile.write(body)

    def do_GET(self):
        sys.stderr.write("REQ %s\n" % self.path)
        sys.stderr.flush()
        url = urllib.parse.urlsplit(self.path)
        q = dict(urllib.parse.parse_qsl(url.query))
        parts = url.path.split("/", 2)
        first = parts[1] if len(parts) > 1 else ""
        rest = parts[2] if len(parts) > 2 else ""
        try:
            {
                "status": self.get_status, "empty": self.get_empty,
                "reset": self.get_reset, "stall": self.get_stall,
                "endless": self.get_endless, "bigcl": self.get_bigcl,
                "bomb": self.get_bomb, "redirect-loop": self.get_loop,
                "chain": self.get_chain, "drip": self.get_drip,
            }.get(first, self.get_file)(rest, q)
        except (BrokenPipeError, ConnectionResetError, socket.timeout, ssl.SSLError):
            self.close_connection = True

    def read_file(self, name):
        """The file name under --root, or None after a 404."""
        root = os.path.realpath(self.server.root)
        p = os.path.realpath(os.path.join(root, urllib.parse.unquote(name).lstrip("/")))
        if not p.startswith(root + os.sep) or not os.path.isfile(p):
            self.reply(404, b"no such file\n", "text/plain")
            return None
        with open(p, "rb") as f:
            return f.read()

    def get_drip(self, rest, q):
        data = self.read_file(rest)
        if data is None:
            return
        pause = min(float(q.get("ms", "1000")), 60000) / 1000.0 / DRIP_PIECES
        self.head(200, length=len(data))
        step = len(data) // DRIP_PIECES + 1
        for i in range(0, len(data), step):
            time.sleep(pause)
            self.wfile.write(data[i:i + step])
            self.wfile.flush()

    def get_file(self, rest, q):
        name = urllib.parse.urlsplit(self.path).path
        data = self.read_file(name)
        if data is None:
            return
        if name.endswith((".html", ".htm")):
            ctype = "text/html; charset=utf-8"
        elif name.endswith(".json"):
            ctype = "application/json"
        else:
            ctype = "application/rss+xml"
        self.reply(200, data, ctype)

    def get_status(self, rest, q):
        code = int(rest) if rest.isdigit() and 200 <= int(rest) <= 599 else 400
        self.reply(code, b"status %d\n" % code, "text/plain")

    def get_empty(self, rest, q):
        self.reply(200, b"")

    def get_reset(self, rest, q):
        self.head(200, length=100000)
        self.wfile.write(FEED_HEAD + b" " * 950)
        self.wfile.flush()
        time.sleep(0.1)
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True

    def get_stall(self, rest, q):
        self.head(200, length=100000)
        self.wfile.write(FEED_HEAD)
        self.wfile.flush()
        # silence; the client hangs up first (a write then fails)
        end = time.time() + 60
        while time.time() < end:
            time.sleep(0.5)
            try:
                self.connection.setblocking(False)
                if self.connection.recv(1) == b"":
                    break
            except BlockingIOError:
                pass
            except OSError:
                break
            finally:
                try:
                    self.connection.setblocking(True)
                except OSError:
                    pass
        self.close_connection = True

    def get_endless(self, rest, q):
        self.head(200, extra=[("Transfer-Encoding", "chunked")])
        item = (b"<item><title>more</title><description>" + b"y" * 4000 +
                b"</description></item>\n") * 16
        self.wfile.write(b"%x\r\n%s\r\n" % (len(FEED_HEAD), FEED_HEAD))
        end = time.time() + 120
        while time.time() < end:
            self.wfile.write(b"%x\r\n%s\r\n" % (len(item), item))
        self.close_connection = True

    def get_bigcl(self, rest, q):
        self.head(200, length=2 << 30)
        self.wfile.write(FEED_HEAD + b"<item><title>short</title></item>\n")
        self.wfile.flush()
        self.close_connection = True

    def get_bomb(self, rest, q):
        mb = min(int(q.get("mb", "256")), 1024)
        self.reply(200, bomb(mb), extra=[("Content-Encoding", "gzip")])

    def get_loop(self, rest, q):
        self.reply(302, b"again\n", "text/plain", [("Location", "/redirect-loop")])

    def get_chain(self, rest, q):
        n = int(rest) if rest.isdigit() else 0
        to = q.get("to", "/empty")
        loc = to if n <= 1 else "/chain/%d?%s" % (n - 1, urllib.parse.urlencode({"to": to}))
        self.reply(302, b"next\n", "text/plain", [("Location", loc)])


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64


def serve(srv):
    threading.Thread(target=srv.serve_forever, daemon=True).start()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--root", required=True)
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--cert")
    ap.add_argument("--key")
    ap.add_argument("--max-lifetime", type=float, default=600)  # a bound if a test dies; tests stop it
    args = ap.parse_args()

    # made before the port is announced: compressing 200 MiB takes seconds,
    # which a client with a short timeout must not wait for
    bomb(200)
    http_srv = Server(("127.0.0.1", 0), Handler)
    http_srv.root = args.root
    serve(http_srv)
    tls_port = ""
    if args.cert and args.key:
        tls_srv = Server(("127.0.0.1", 0), Handler)
        tls_srv.root = args.root
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(args.cert, args.key)
        tls_srv.socket = ctx.wrap_socket(tls_srv.socket, server_side=True,
                                         do_handshake_on_connect=False)
        serve(tls_srv)
        tls_port = str(tls_srv.server_address[1])
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n%s\n" % (http_srv.server_address[1], tls_port))
    os.rename(tmp, args.port_file)
    time.sleep(args.max_lifetime)
    sys.stderr.write("faultserver: lifetime over\n")
    os._exit(0)


if __name__ == "__main__":
    main()
