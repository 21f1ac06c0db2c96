"""A witness HTTP server: it records every request it receives and answers 200 ``{}``.

Tests point a redirect at it and then read ``GET /__witness`` (a JSON list of
``{method, path, headers, body}``, headers lower-cased, those reads not included) to prove
what another origin would have seen.
"""

from __future__ import annotations

import collections
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from http_bodies import BodyError, read_body

MAX_RECORDS = 1000
SOCKET_TIMEOUT_S = 30
POLL_S = 0.1  # how soon stop() takes effect


class _WitnessHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = SOCKET_TIMEOUT_S
    server: WitnessServer

    def _answer(self, body: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _record(self) -> None:
        if self.command == "GET" and self.path == "/__witness":
            self._answer(json.dumps(self.server.records()).encode())
            return
        try:
            body = read_body(self.rfile, self.headers)
        except BodyError as error:
            self.send_error(400, str(error))
            self.close_connection = True
            return
        headers: dict[str, str] = {}
        for name, value in self.headers.items():
            key = name.lower()
            headers[key] = f"{headers[key]}, {value}" if key in headers else value
        self.server.add({"method": self.command, "path": self.path, "headers": headers,
                         "body": body.decode("utf-8", errors="replace")})
        self._answer(b"{}")

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = _record

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base's name
        pass


class WitnessServer(ThreadingHTTPServer):
    """The witness on `address` (port 0: a free one); :meth:`start` serves it on a thread."""

    daemon_threads = True
    block_on_close = False

    def __init__(self, address: tuple[str, int] = ("127.0.0.1", 0)) -> None:
        super().__init__(address, _WitnessHandler)
        self._lock = threading.Lock()
        self._records: collections.deque[dict[str, Any]] = collections.deque(maxlen=MAX_RECORDS)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def add(self, record: dict[str, Any]) -> None:
        with self._lock:
            self._records.append(record)

    def records(self) -> list[dict[str, Any]]:
        with self._lock:
            return list(self._records)

    def start(self) -> WitnessServer:
        threading.Thread(target=self.serve_forever, args=(POLL_S,), name="witness",
                         daemon=True).start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()
