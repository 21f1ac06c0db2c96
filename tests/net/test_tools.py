"""Self-tests of the network test tools: the proxies carry requests to the witness.

Run with ``python3 -m pytest -q tests/net`` (no dev server needed).
"""

from __future__ import annotations

import base64
import http.client
import json
import socket
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from forward_proxy import ForwardProxy
from net_tools import PROXY_CREDENTIALS, start_net_tools
from witness import WitnessServer

TIMEOUT_S = 10


@pytest.fixture
def witness() -> Iterator[WitnessServer]:
    server = WitnessServer().start()
    yield server
    server.stop()


@pytest.fixture
def proxy() -> Iterator[ForwardProxy]:
    server = ForwardProxy().start()
    yield server
    server.stop()


def _address(server: Any) -> tuple[str, int]:
    host, port = server.server_address[:2]
    return host, port


def _stats(proxy: ForwardProxy) -> dict[str, Any]:
    connection = http.client.HTTPConnection(*_address(proxy), timeout=TIMEOUT_S)
    try:
        connection.request("GET", "/__stats")
        return json.loads(connection.getresponse().read())
    finally:
        connection.close()


def _witnessed(witness: WitnessServer) -> list[dict[str, Any]]:
    with urllib.request.urlopen(witness.url + "/__witness", timeout=TIMEOUT_S) as response:
        return json.loads(response.read())


def _opener(proxy_url: str) -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(urllib.request.ProxyHandler({"http": proxy_url}))


def test_the_witness_records_requests_but_not_its_own_reads(witness: WitnessServer) -> None:
    request = urllib.request.Request(witness.url + "/seen?x=1", data=b'{"a": 1}', method="POST",
                                     headers={"X-Marker": "m1", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
        assert (response.status, response.read()) == (200, b"{}")
    _witnessed(witness)  # reads are not recorded: one record after two reads
    [record] = _witnessed(witness)
    assert (record["method"], record["path"], record["body"]) == ("POST", "/seen?x=1", '{"a": 1}')
    assert record["headers"]["x-marker"] == "m1"


def test_the_witness_reads_chunked_bodies(witness: WitnessServer) -> None:
    connection = http.client.HTTPConnection(*_address(witness), timeout=TIMEOUT_S)
    connection.request("PUT", "/chunked", body=iter([b"hello ", b"world"]), encode_chunked=True)
    assert connection.getresponse().read() == b"{}"
    connection.close()
    assert _witnessed(witness)[0]["body"] == "hello world"


def test_absolute_form_requests_are_forwarded_on_one_kept_alive_connection(
        proxy: ForwardProxy, witness: WitnessServer) -> None:
    connection = http.client.HTTPConnection(*_address(proxy), timeout=TIMEOUT_S)
    for index in range(3):
        connection.request("POST", f"{witness.url}/forwarded/{index}", body=f"body {index}",
                           headers={"X-Index": str(index)})
        response = connection.getresponse()
        assert (response.status, response.read()) == (200, b"{}")
    sock = connection.sock
    connection.request("PATCH", f"{witness.url}/chunked", body=iter([b"a", b"b"]), encode_chunked=True)
    assert connection.getresponse().read() == b"{}"
    assert connection.sock is sock  # never reconnected
    connection.close()
    records = _witnessed(witness)
    assert [(r["path"], r["body"], r["headers"]["x-index"]) for r in records[:3]] == [
        (f"/forwarded/{i}", f"body {i}", str(i)) for i in range(3)]
    assert records[3]["body"] == "ab"
    assert "proxy-connection" not in records[0]["headers"]
    assert [(f["method"], f["status"]) for f in _stats(proxy)["forwards"]] == \
        [("POST", 200)] * 3 + [("PATCH", 200)]


class _ChunkedOrUnframed(BaseHTTPRequestHandler):
    """Answers /chunked with a chunked body, anything else with a body ended by closing."""

    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self.send_response(200)
        if self.path == "/chunked":
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for piece in (b"first ", b"second"):
                self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
            self.wfile.write(b"0\r\n\r\n")
        else:
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(b"until the end")

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


def test_chunked_and_unframed_answers_are_streamed_back(proxy: ForwardProxy) -> None:
    target = ThreadingHTTPServer(("127.0.0.1", 0), _ChunkedOrUnframed)
    target.daemon_threads = True
    threading.Thread(target=target.serve_forever, daemon=True).start()
    try:
        host, port = _address(target)
        connection = http.client.HTTPConnection(*_address(proxy), timeout=TIMEOUT_S)
        connection.request("GET", f"http://{host}:{port}/chunked")
        response = connection.getresponse()
        assert (response.chunked, response.read()) == (True, b"first second")
        connection.request("GET", f"http://{host}:{port}/unframed")
        response = connection.getresponse()
        assert (response.getheader("Connection"), response.read()) == ("close", b"until the end")
        connection.close()
    finally:
        target.shutdown()
        target.server_close()
    assert [f["status"] for f in _stats(proxy)["forwards"]] == [200, 200]


def test_connect_tunnels_are_byte_pipes(proxy: ForwardProxy, witness: WitnessServer) -> None:
    connection = http.client.HTTPConnection(*_address(proxy), timeout=TIMEOUT_S)
    host, port = _address(witness)
    connection.set_tunnel(host, port)
    connection.request("GET", "/through-the-tunnel")
    assert connection.getresponse().read() == b"{}"
    connection.request("GET", "/again")  # the tunnel stays open for keep-alive
    assert connection.getresponse().read() == b"{}"
    connection.close()
    assert [r["path"] for r in _witnessed(witness)] == ["/through-the-tunnel", "/again"]
    assert _stats(proxy)["connects"] == [{"target": f"{host}:{port}", "status": 200}]


def test_connect_to_a_closed_port_is_a_bad_gateway(proxy: ForwardProxy) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    connection = http.client.HTTPConnection(*_address(proxy), timeout=TIMEOUT_S)
    connection.set_tunnel("127.0.0.1", port)
    with pytest.raises(OSError, match="502"):
        connection.request("GET", "/")
    connection.close()
    assert _stats(proxy)["connects"] == [{"target": f"127.0.0.1:{port}", "status": 502}]


def test_the_auth_proxy_wants_its_credentials(witness: WitnessServer) -> None:
    proxy = ForwardProxy(credentials=PROXY_CREDENTIALS).start()
    try:
        host, port = _address(proxy)
        with pytest.raises(urllib.error.HTTPError) as refused:
            _opener(f"http://{host}:{port}").open(witness.url + "/no-credentials", timeout=TIMEOUT_S)
        assert refused.value.code == 407
        assert "Basic" in refused.value.headers["Proxy-Authenticate"]
        wrong = "Basic " + base64.b64encode(b"tester:wrong").decode()
        connection = http.client.HTTPConnection(host, port, timeout=TIMEOUT_S)
        witness_host, witness_port = _address(witness)
        connection.set_tunnel(witness_host, witness_port, headers={"Proxy-Authorization": wrong})
        with pytest.raises(OSError, match="407"):
            connection.request("GET", "/")
        connection.close()
        with _opener(proxy.url).open(witness.url + "/with-credentials", timeout=TIMEOUT_S) as response:
            assert response.status == 200
        stats = _stats(proxy)
        assert stats["auth_failures"] == 2
        assert [f["status"] for f in stats["forwards"]] == [407, 200]
        assert stats["connects"][0]["status"] == 407
    finally:
        proxy.stop()
    [record] = _witnessed(witness)
    assert record["path"] == "/with-credentials"
    assert "proxy-authorization" not in record["headers"]


def test_the_refusing_proxy_refuses_everything(witness: WitnessServer) -> None:
    proxy = ForwardProxy(refusing=True).start()
    try:
        with pytest.raises(urllib.error.HTTPError) as refused:
            _opener(proxy.url).open(witness.url + "/x", timeout=TIMEOUT_S)
        assert refused.value.code == 403
        connection = http.client.HTTPConnection(*_address(proxy), timeout=TIMEOUT_S)
        connection.set_tunnel(*_address(witness))
        with pytest.raises(OSError, match="403"):
            connection.request("GET", "/")
        connection.close()
        stats = _stats(proxy)
        assert ([c["status"] for c in stats["connects"]], [f["status"] for f in stats["forwards"]]) \
            == ([403], [403])
    finally:
        proxy.stop()
    assert _witnessed(witness) == []


def test_start_net_tools_exports_four_working_urls() -> None:
    env, stop = start_net_tools()
    try:
        assert set(env) == {"AIROPS_TEST_PROXY", "AIROPS_TEST_PROXY_AUTH",
                            "AIROPS_TEST_PROXY_REFUSING", "AIROPS_TEST_WITNESS"}
        assert env["AIROPS_TEST_PROXY_AUTH"].startswith(f"http://{PROXY_CREDENTIALS}@127.0.0.1:")
        with _opener(env["AIROPS_TEST_PROXY_AUTH"]).open(env["AIROPS_TEST_WITNESS"] + "/ok",
                                                         timeout=TIMEOUT_S) as response:
            assert response.read() == b"{}"
    finally:
        stop()
