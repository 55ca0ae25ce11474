"""A static file server on 127.0.0.1 for the asset benchmark, started and
stopped by the harness itself.

Debian's nginx when it is installed (what transfer/asset_servers.cc starts
for the tests): one process (`daemon off`, `master_process off`) with a
config generated in a temp directory, on a port the harness picked. Two
locations serve the same files: `/fast/` at loopback speed and `/limited/`
at `limit_rate` bytes per second per connection, so that a download pool
shows on a link where one connection cannot take all of it.

Without nginx, Python's http.server (this file, run as a program) does the
same, with the per-connection limit done by pacing its writes.
"""

import http.server
import os
import signal
import socket
import subprocess
import sys
import time
from typing import Dict, List, Optional


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _can_connect(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.2)
        return s.connect_ex(("127.0.0.1", port)) == 0


NGINX = "/usr/sbin/nginx"


def _nginx_conf(d: str, www: str, port: int, rate: int) -> str:
    t = os.path.join(d, "tmp")
    return f"""daemon off;
master_process off;
worker_processes 1;
pid {d}/nginx.pid;
error_log {d}/error.log;
events {{ worker_connections 256; }}
http {{
  log_format bench '$request_method $uri $status $body_bytes_sent';
  access_log {d}/access.log bench;
  client_body_temp_path {t}/body;
  proxy_temp_path {t}/proxy;
  fastcgi_temp_path {t}/fastcgi;
  uwsgi_temp_path {t}/uwsgi;
  scgi_temp_path {t}/scgi;
  sendfile on;
  server {{
    listen 127.0.0.1:{port};
    location /fast/ {{ alias {www}/; }}
    location /limited/ {{ alias {www}/; limit_rate {rate}; }}
  }}
}}
"""


class FileServer:
    """Serves www at url(kind, name); requests() reads what was served."""

    def __init__(self, www: str, state: str, rate: int, prefer_nginx: bool = True):
        self.www, self.dir, self.rate = www, state, rate
        self.proc: Optional[subprocess.Popen] = None
        self.port = 0
        os.makedirs(os.path.join(state, "tmp"), exist_ok=True)
        self.kind = "nginx" if prefer_nginx and os.access(NGINX, os.X_OK) else "python http.server"

    def __enter__(self) -> "FileServer":
        if self.kind == "nginx":
            self._start_nginx()
        else:
            self._start_python()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def _start_nginx(self) -> None:
        # nginx cannot report a port it picked: take a free one, try again
        # if someone took it in between.
        for _ in range(5):
            port = _free_port()
            conf = os.path.join(self.dir, "nginx.conf")
            with open(conf, "w") as f:
                f.write(_nginx_conf(self.dir, self.www, port, self.rate))
            p = subprocess.Popen([NGINX, "-e", os.path.join(self.dir, "error.log"), "-p", self.dir,
                                  "-c", conf], stdin=subprocess.DEVNULL,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and p.poll() is None and not _can_connect(port):
                time.sleep(0.02)
            if p.poll() is None and _can_connect(port):
                self.proc, self.port = p, port
                return
            if p.poll() is None:
                p.kill()
            p.wait()
        with open(os.path.join(self.dir, "error.log")) as f:
            raise RuntimeError("nginx did not start: " + f.read()[-500:])

    def _start_python(self) -> None:
        # The child binds port 0 and prints the port it got.
        self.proc = subprocess.Popen([sys.executable, os.path.abspath(__file__), self.www,
                                      str(self.rate), os.path.join(self.dir, "access.log")],
                                     stdin=subprocess.DEVNULL, stdout=subprocess.PIPE)
        line = self.proc.stdout.readline().decode().strip()
        if not line.isdigit():
            self.stop()
            raise RuntimeError(f"http.server did not start: {line!r}")
        self.port = int(line)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def url(self, limited: bool, name: str) -> str:
        return f"http://127.0.0.1:{self.port}/{'limited' if limited else 'fast'}/{name}"

    def log_size(self) -> int:
        try:
            return os.path.getsize(os.path.join(self.dir, "access.log"))
        except FileNotFoundError:
            return 0

    def requests(self, since: int = 0) -> Dict[str, int]:
        """GET requests and body bytes served after log offset `since`
        (nginx writes a line when a response is done)."""
        out = {"requests": 0, "bytes": 0}
        try:
            with open(os.path.join(self.dir, "access.log")) as f:
                f.seek(since)
                lines = f.read().splitlines()
        except FileNotFoundError:
            return out
        for line in lines:
            parts = line.split()
            if len(parts) == 4 and parts[0] == "GET":
                out["requests"] += 1
                out["bytes"] += int(parts[3])
        return out


class _Handler(http.server.SimpleHTTPRequestHandler):
    rate = 0
    log_path = ""

    def translate_path(self, path: str) -> str:
        for prefix in ("/fast/", "/limited/"):
            if path.startswith(prefix):
                return super().translate_path("/" + path[len(prefix):])
        return super().translate_path("/-missing-")

    def copyfile(self, source, outputfile) -> None:
        limited = self.path.startswith("/limited/") and self.rate > 0
        start, sent = time.monotonic(), 0
        while True:
            buf = source.read(256 * 1024)
            if not buf:
                break
            outputfile.write(buf)
            sent += len(buf)
            if limited:
                ahead = sent / self.rate - (time.monotonic() - start)
                if ahead > 0:
                    time.sleep(ahead)
        self._sent = sent

    def log_request(self, code="-", size="-") -> None:
        pass

    def do_GET(self) -> None:
        self._sent = 0
        super().do_GET()
        with open(self.log_path, "a") as f:
            f.write(f"GET {self.path} 200 {self._sent}\n")


def _serve(argv: List[str]) -> None:
    www, rate, log = argv[0], int(argv[1]), argv[2]
    _Handler.rate, _Handler.log_path = rate, log
    handler = lambda *a, **k: _Handler(*a, directory=www, **k)  # noqa: E731
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(srv.server_address[1], flush=True)
    srv.serve_forever()


if __name__ == "__main__":
    _serve(sys.argv[1:])
