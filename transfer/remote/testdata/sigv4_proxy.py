"""A SigV4-verifying proxy in front of s3rver, for the S3 tests.

s3rver checks the access key id but not the signature. This proxy
recomputes every request's AWS Signature Version 4 with botocore (Debian's
python3-botocore, boto3's own signer) from the secret it is given, answers
403 SignatureDoesNotMatch (or InvalidAccessKeyId) as S3 does, and forwards
the requests that verify to the upstream server unchanged.

usage: sigv4_proxy.py UPSTREAM_PORT ACCESS_KEY SECRET [--stall-get TEXT]

Prints "port N" once it listens on 127.0.0.1 (a free port). With
--stall-get, a GET whose path contains TEXT gets its headers and half of
its body, then "stalled" is printed and the connection is held open until
the proxy is stopped (for kill-during-download tests).
"""
import http.client
import http.server
import re
import sys
import threading

from botocore.auth import S3SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

UPSTREAM = int(sys.argv[1])
ACCESS_KEY, SECRET = sys.argv[2], sys.argv[3]
STALL = sys.argv[5] if len(sys.argv) > 5 and sys.argv[4] == "--stall-get" else None
AUTH = re.compile(r"AWS4-HMAC-SHA256 Credential=([^/]+)/(\d{8})/([^/]+)/s3/aws4_request, *"
                  r"SignedHeaders=([^,]+), *Signature=([0-9a-f]{64})$")


def expected_signature(method, path, headers, key_region, signed):
    request = AWSRequest(method=method, url="http://" + headers["host"] + path)
    for name in signed.split(";"):
        request.headers[name] = headers.get(name, "")
    request.context["timestamp"] = headers.get("x-amz-date", "")
    auth = S3SigV4Auth(Credentials(ACCESS_KEY, SECRET), "s3", key_region)
    canonical = auth.canonical_request(request)
    return auth.signature(auth.string_to_sign(request, canonical), request)


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def error(self, code, message):
        body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>%s</Code>"
                "<Message>%s</Message></Error>" % (code, message)).encode()
        self.send_response(403)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        headers = {k.lower(): v for k, v in self.headers.items()}
        m = AUTH.match(headers.get("authorization", ""))
        if not m:
            return self.error("AccessDenied", "no SigV4 Authorization header")
        key, _, region, signed, signature = m.groups()
        if key != ACCESS_KEY:
            return self.error("InvalidAccessKeyId", "unknown access key")
        if expected_signature(self.command, self.path, headers, region, signed) != signature:
            return self.error("SignatureDoesNotMatch", "the signature does not match")
        upstream = http.client.HTTPConnection("127.0.0.1", UPSTREAM)
        upstream.request(self.command, self.path, body=body, headers=dict(self.headers.items()))
        answer = upstream.getresponse()
        data = answer.read()
        self.send_response(answer.status)
        for k, v in answer.getheaders():
            if k.lower() not in ("transfer-encoding", "connection", "content-length"):
                self.send_header(k, v)
        length = answer.getheader("Content-Length") if self.command == "HEAD" else len(data)
        self.send_header("Content-Length", str(length or 0))
        self.end_headers()
        if self.command == "HEAD":
            return
        if STALL and self.command == "GET" and STALL in self.path and answer.status == 200:
            self.wfile.write(data[: len(data) // 2])
            self.wfile.flush()
            print("stalled", flush=True)
            threading.Event().wait()
        self.wfile.write(data)

    do_GET = do_PUT = do_HEAD = do_POST = do_DELETE = handle_any


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
print("port %d" % server.server_address[1], flush=True)
server.serve_forever()
