"""A forward HTTP proxy for tests: CONNECT tunnels and absolute-form HTTP requests.

- ``CONNECT host:port`` opens a TCP connection to the target and pipes bytes both ways, so
  TLS and WebSockets pass through untouched.
- ``GET http://host:port/path`` (any method) is sent on to the target, with the body
  (Content-Length or chunked) and the answer streamed back; the client's connection is kept
  alive.
- With `credentials` ("user:password"), requests without the matching
  ``Proxy-Authorization: Basic`` get 407; with `refusing`, every CONNECT and request gets 403.
- ``GET /__stats`` (origin form, sent to the proxy itself) answers what it did, as JSON:
  ``{"connects": [{"target", "status"}], "forwards": [{"method", "url", "status"}],
  "auth_failures": n}``.
"""

from __future__ import annotations

import base64
import collections
import http.client
import json
import selectors
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from http_bodies import BodyError, read_body

SOCKET_TIMEOUT_S = 30
CONNECT_TIMEOUT_S = 10
# A tunnel with no byte either way for this long is closed (the realtime connection pings
# far more often).
TUNNEL_IDLE_S = 300
MAX_CONNECTIONS = 64
MAX_RECORDS = 10000
PIPE_CHUNK = 65536
POLL_S = 0.1  # how soon stop() takes effect
HOP_BY_HOP = frozenset({"connection", "keep-alive", "proxy-authorization", "proxy-authenticate",
                        "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade"})


class _ProxyHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = SOCKET_TIMEOUT_S
    # Unbuffered reads: the bytes that follow a CONNECT's header belong to the tunnel and
    # must not be left behind in a read buffer.
    rbufsize = 0
    server: ForwardProxy

    def _reply(self, status: int, text: str, extra: tuple[tuple[str, str], ...] = ()) -> None:
        body = (text + "\n").encode()
        self.send_response_only(status)
        for name, value in extra:
            self.send_header(name, value)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _admitted(self) -> int:
        """0 when the proxy serves this request, else the status it answered it with."""
        if self.server.refusing:
            self._reply(403, "refused by the test proxy")
            return 403
        expected = self.server.authorization
        if expected is not None and self.headers.get("Proxy-Authorization") != expected:
            self.server.count_auth_failure()
            self._reply(407, "proxy authentication required",
                        (("Proxy-Authenticate", 'Basic realm="airops-test-proxy"'),))
            return 407
        return 0

    def do_CONNECT(self) -> None:  # noqa: N802 - http.server's naming
        target = self.path
        status = self._admitted()
        if status:
            self.server.record("connects", {"target": target, "status": status})
            return
        host, _, port = target.rpartition(":")
        try:
            upstream = socket.create_connection((host.strip("[]"), int(port)),
                                                timeout=CONNECT_TIMEOUT_S)
        except (OSError, ValueError) as error:
            self.server.record("connects", {"target": target, "status": 502})
            self._reply(502, f"cannot reach {target}: {error}")
            return
        upstream.settimeout(SOCKET_TIMEOUT_S)
        self.server.record("connects", {"target": target, "status": 200})
        self.send_response_only(200, "Connection Established")
        self.end_headers()
        self.close_connection = True
        self._pipe(upstream)

    def _pipe(self, upstream: socket.socket) -> None:
        client = self.connection
        self.server.track(upstream, True)
        try:
            with selectors.DefaultSelector() as selector:
                selector.register(client, selectors.EVENT_READ, upstream)
                selector.register(upstream, selectors.EVENT_READ, client)
                while True:
                    ready = selector.select(TUNNEL_IDLE_S)
                    if not ready:
                        return
                    for key, _ in ready:
                        data = key.fileobj.recv(PIPE_CHUNK)  # type: ignore[union-attr]
                        if not data:
                            return
                        key.data.sendall(data)
        except OSError:
            return
        finally:
            self.server.track(upstream, False)
            upstream.close()

    def _forward(self) -> None:
        if self.command == "GET" and self.path == "/__stats":
            body = json.dumps(self.server.stats()).encode()
            self.send_response_only(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        try:
            body = read_body(self.rfile, self.headers)
        except BodyError as error:
            self.close_connection = True
            self._reply(400, str(error))
            return
        status = self._admitted()
        if not status:
            status = self._send_on(body)
        self.server.record("forwards", {"method": self.command, "url": self.path, "status": status})

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = _forward

    def _send_on(self, body: bytes) -> int:
        """Sends the request to its target and streams the answer back; returns its status."""
        url = urlsplit(self.path)
        if url.scheme != "http" or not url.hostname:
            self._reply(400, f"expected an absolute http:// URL, not {self.path!r}")
            return 400
        target = url.path or "/"
        if url.query:
            target += "?" + url.query
        upstream = http.client.HTTPConnection(url.hostname, url.port or 80,
                                              timeout=SOCKET_TIMEOUT_S)
        try:
            try:
                upstream.putrequest(self.command, target, skip_host=True, skip_accept_encoding=True)
                if "Host" not in self.headers:
                    upstream.putheader("Host", url.netloc)
                for name, value in self.headers.items():
                    if name.lower() not in HOP_BY_HOP and name.lower() != "content-length":
                        upstream.putheader(name, value)
                if body or self.command in ("POST", "PUT", "PATCH"):
                    upstream.putheader("Content-Length", str(len(body)))
                upstream.endheaders(body or None)
                response = upstream.getresponse()
            except OSError as error:
                self._reply(502, f"cannot reach {url.netloc}: {error}")
                return 502
            self._relay(response)
            return response.status
        finally:
            upstream.close()

    def _relay(self, response: http.client.HTTPResponse) -> None:
        self.send_response_only(response.status, response.reason)
        for name, value in response.getheaders():
            if name.lower() not in HOP_BY_HOP:
                self.send_header(name, value)
        bodiless = self.command == "HEAD" or response.status in (204, 304) or response.status < 200
        chunked = not bodiless and response.getheader("Content-Length") is None and response.chunked
        if chunked:
            self.send_header("Transfer-Encoding", "chunked")
        elif not bodiless and response.getheader("Content-Length") is None:
            self.send_header("Connection", "close")  # the body ends when the connection does
        self.end_headers()
        if bodiless:
            return
        try:
            while piece := response.read1(PIPE_CHUNK):
                self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece) if chunked else piece)
        except OSError:
            self.close_connection = True  # the answer broke off: the client sees it end early
            return
        if chunked:
            self.wfile.write(b"0\r\n\r\n")

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base's name
        pass


class ForwardProxy(ThreadingHTTPServer):
    """The proxy on `address` (port 0: a free one); :meth:`start` serves it on a thread.

    Args:
        credentials: "user:password" that requests must carry, or None for none.
        refusing: answer 403 to every CONNECT and request (``/__stats`` still works).
    """

    daemon_threads = True
    block_on_close = False

    def __init__(self, address: tuple[str, int] = ("127.0.0.1", 0), *,
                 credentials: str | None = None, refusing: bool = False) -> None:
        super().__init__(address, _ProxyHandler)
        self.credentials = credentials
        self.authorization = (None if credentials is None else
                              "Basic " + base64.b64encode(credentials.encode()).decode())
        self.refusing = refusing
        self._slots = threading.BoundedSemaphore(MAX_CONNECTIONS)
        self._lock = threading.Lock()
        self._records: dict[str, collections.deque[dict[str, Any]]] = {
            "connects": collections.deque(maxlen=MAX_RECORDS),
            "forwards": collections.deque(maxlen=MAX_RECORDS)}
        self._auth_failures = 0
        self._tunnels: set[socket.socket] = set()

    @property
    def url(self) -> str:
        """The proxy's URL, with the credentials when it has some."""
        host, port = self.server_address[:2]
        userinfo = f"{self.credentials}@" if self.credentials else ""
        return f"http://{userinfo}{host}:{port}"

    def process_request(self, request: Any, client_address: Any) -> None:
        # At most MAX_CONNECTIONS at once: a tunnel holds its thread until it closes.
        if not self._slots.acquire(blocking=False):
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    def record(self, kind: str, entry: dict[str, Any]) -> None:
        with self._lock:
            self._records[kind].append(entry)

    def count_auth_failure(self) -> None:
        with self._lock:
            self._auth_failures += 1

    def stats(self) -> dict[str, Any]:
        with self._lock:
            return {"connects": list(self._records["connects"]),
                    "forwards": list(self._records["forwards"]),
                    "auth_failures": self._auth_failures}

    def track(self, upstream: socket.socket, open_: bool) -> None:
        with self._lock:
            (self._tunnels.add if open_ else self._tunnels.discard)(upstream)

    def start(self) -> ForwardProxy:
        threading.Thread(target=self.serve_forever, args=(POLL_S,), name="forward-proxy",
                         daemon=True).start()
        return self

    def stop(self) -> None:
        """Stops serving and closes the open tunnels (their threads then end)."""
        self.shutdown()
        self.server_close()
        with self._lock:
            tunnels, self._tunnels = list(self._tunnels), set()
        for upstream in tunnels:
            try:
                upstream.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
