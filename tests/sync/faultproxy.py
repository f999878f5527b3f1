#!/usr/bin/env python3
"""A small HTTP proxy in front of the test FreshRSS, for the sync fault tests.

Standard library only. Listens on 127.0.0.1 (a free port written to
--port-file, or --port), forwards every request to --upstream, and logs
"REQ METHOD PATH STATUS" per request to stderr. The first word of
--mode-file (read per request; absent: pass) breaks the answer:

  pass       forward as it is
  500        HTTP 500 with a short text body
  html       HTTP 200, an HTML maintenance page
  truncated  a JSON answer (by its type or its first byte) cut in half (a
             complete HTTP response whose JSON body stops in the middle);
             other answers pass
  big        HTTP 200, 10 MB of a JSON object that never ends
  stall      read the request, then answer nothing until the client leaves
"""

import argparse
import http.client
import http.server
import os
import sys
import threading
import time
import urllib.parse

BIG_BYTES = 10 * 1000 * 1000
STALL_SECONDS = 600


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def mode(self):
        try:
            with open(self.server.mode_file) as f:
                words = f.read().split()
                return words[0] if words else "pass"
        except OSError:
            return "pass"

    def reply(self, status, body, ctype="text/plain"):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        sys.stderr.write("REQ %s %s %d\n" % (self.command, self.path, status))
        sys.stderr.flush()

    def forward(self, body):
        up = urllib.parse.urlsplit(self.server.upstream)
        conn = http.client.HTTPConnection(up.hostname, up.port, timeout=60)
        headers = {k: v for k, v in self.headers.items()
                   if k.lower() not in ("host", "connection", "accept-encoding")}
        conn.request(self.command, self.path, body=body, headers=headers)
        res = conn.getresponse()
        data = res.read()
        ctype = res.getheader("Content-Type", "text/plain")
        conn.close()
        return res.status, data, ctype

    def handle_any(self):
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n) if n > 0 else None
        mode = self.mode()
        if mode == "stall":
            sys.stderr.write("REQ %s %s stall\n" % (self.command, self.path))
            sys.stderr.flush()
            time.sleep(STALL_SECONDS)
            self.close_connection = True
            return
        if mode == "500":
            return self.reply(500, b"Internal Server Error\n")
        if mode == "html":
            return self.reply(200, b"<!DOCTYPE html><html><body><h1>Down for "
                              b"maintenance</h1></body></html>\n", "text/html")
        if mode == "big":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(BIG_BYTES))
            self.end_headers()
            chunk = b'{"a":"' + b"x" * 65530
            sent = 0
            try:
                while sent < BIG_BYTES:
                    part = chunk[:BIG_BYTES - sent]
                    self.wfile.write(part)
                    sent += len(part)
            except OSError:
                pass
            sys.stderr.write("REQ %s %s 200 big\n" % (self.command, self.path))
            sys.stderr.flush()
            self.close_connection = True
            return
        status, data, ctype = self.forward(body)
        # FreshRSS labels items/ids as text/html: a JSON body is one
        # that says so or starts like an object
        is_json = "json" in ctype or data.lstrip()[:1] == b"{"
        if mode == "truncated" and is_json and len(data) > 1:
            data = data[:len(data) // 2]
        self.reply(status, data, ctype)

    do_GET = handle_any
    do_POST = handle_any


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--upstream", required=True)
    ap.add_argument("--mode-file", required=True)
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--port-file")
    ap.add_argument("--max-lifetime", type=int, default=900)
    a = ap.parse_args()
    http.server.ThreadingHTTPServer.allow_reuse_address = True
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", a.port), Handler)
    srv.daemon_threads = True
    srv.upstream = a.upstream
    srv.mode_file = a.mode_file
    if a.port_file:
        tmp = a.port_file + ".tmp"
        with open(tmp, "w") as f:
            f.write("%d\n" % srv.server_address[1])
        os.rename(tmp, a.port_file)
    threading.Timer(a.max_lifetime, lambda: os._exit(0)).start()
    srv.serve_forever()


if __name__ == "__main__":
    main()
