#!/usr/bin/python3
"""A small HTTP server that misbehaves on purpose, for wfgen-transfer's tests.

Usage: fault_server.py DOCROOT LOGFILE

Binds 127.0.0.1 on a free port and prints the port on stdout. Every request
is appended to LOGFILE as "METHOD PATH RANGE" (RANGE is "-" without a Range
header) before it is answered, so tests can count requests. The first path
component picks the behaviour; the rest names a file under DOCROOT:

  /plain/F        200 with the file; honours "Range: bytes=N-" with 206
  /fail-N/F       the first N requests for this path get 500, then as plain
  /cut-range/F    the first request gets half the body and the connection is
                  closed; later requests as plain (Range honoured)
  /cut-norange/F  the same, but later requests ignore Range (always 200)
  /stall-once/F   the first request gets a quarter of the body, then nothing
                  for 60 s; later requests as plain
  /slow/F         200, the body in 1 KiB pieces every 50 ms
  anything else   404 Not Found

Asked as a proxy (an absolute URL in the request line), it serves the path
of that URL the same way, so a test can check that http_proxy is used.

Standard library only; runs until SIGTERM.
"""
import http.server
import os
import re
import sys
import threading
import time


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def do_GET(self):
        server = self.server
        rng = self.headers.get("Range")
        with server.lock:
            server.log.write("GET %s %s\n" % (self.path, rng or "-"))
            server.log.flush()
            count = server.counts.get(self.path, 0)
            server.counts[self.path] = count + 1
        self.close_connection = True
        path = self.path
        if path.startswith("http://"):
            # Asked as a proxy: "GET http://host/plain/F". Logged as asked.
            path = "/" + path.split("/", 3)[3]
        parts = path.split("/", 2)
        if len(parts) < 3:
            return self.send_error(404)
        mode, name = parts[1], parts[2]
        path = os.path.join(server.docroot, name)
        if ".." in name.split("/") or not os.path.isfile(path):
            return self.send_error(404)
        with open(path, "rb") as f:
            body = f.read()

        fail = re.fullmatch(r"fail-(\d+)", mode)
        if fail:
            if count < int(fail.group(1)):
                return self.send_error(500)
            return self.send_file(body, rng)
        if mode == "plain":
            return self.send_file(body, rng)
        if mode in ("cut-range", "cut-norange"):
            if count == 0:
                return self.send_partial(body, len(body) // 2, 0)
            return self.send_file(body, rng if mode == "cut-range" else None)
        if mode == "stall-once":
            if count == 0:
                return self.send_partial(body, len(body) // 4, 60)
            return self.send_file(body, rng)
        if mode == "slow":
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Connection", "close")
            self.end_headers()
            for i in range(0, len(body), 1024):
                self.wfile.write(body[i:i + 1024])
                self.wfile.flush()
                time.sleep(0.05)
            return None
        return self.send_error(404)

    def send_file(self, body, rng):
        start = 0
        m = re.fullmatch(r"bytes=(\d+)-", rng or "")
        if m and int(m.group(1)) < len(body):
            start = int(m.group(1))
            self.send_response(206)
            self.send_header("Content-Range", "bytes %d-%d/%d" % (start, len(body) - 1, len(body)))
        else:
            self.send_response(200)
        self.send_header("Content-Length", str(len(body) - start))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body[start:])

    def send_partial(self, body, size, stall_s):
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body[:size])
        self.wfile.flush()
        if stall_s:
            time.sleep(stall_s)


def main():
    docroot, logfile = sys.argv[1], sys.argv[2]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.docroot = docroot
    server.log = open(logfile, "a")
    server.lock = threading.Lock()
    server.counts = {}
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
