"""A server that dies mid-run: clear network errors within the timeout, no hang, and new
calls succeed once it is back. Runs a dev server of its own, on a port it keeps."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator

import pytest

import airops


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _start(binary: str, port: int) -> subprocess.Popen[str]:
    process = subprocess.Popen([binary, "--port", str(port), "--log-level", "error"],
                               stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    deadline = time.monotonic() + 30
    for line in process.stdout:
        if line.strip() == "# ready" or time.monotonic() > deadline:
            break
    return process


@pytest.fixture
def binary() -> str:
    path = os.environ.get("AIROPS_DEV_SERVER_BIN")
    if not path:
        pytest.fail("AIROPS_DEV_SERVER_BIN is not set: run through tests/with_dev_server.py")
    return path


@pytest.fixture
def port() -> Iterator[int]:
    yield _free_port()


def test_killed_server_gives_network_errors_and_recovers(binary: str, port: int) -> None:
    server = _start(binary, port)
    with airops.AirOps(host=f"http://127.0.0.1:{port}", request_timeout=2, max_retries=1,
                       load_environment=False) as client:
        execution = client.apps.execute("public-echo", {"text": "before"})
        assert execution.result(timeout=10).output == "You said: before"
        slow = client.apps.execute("public-echo", {"text": "in flight"})
        server.send_signal(signal.SIGKILL)
        server.wait(timeout=10)

        # A network error, not the wait's own timeout: the failure does not hang the wait.
        with pytest.raises(airops.ConnectionError):
            slow.result(timeout=30)
        with pytest.raises(airops.ConnectionError):
            client.apps.execute("public-echo", {"text": "while down"})

        server = _start(binary, port)
        try:
            again = client.apps.execute("public-echo", {"text": "after"})
            assert again.result(timeout=10).output == "You said: after"
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=10)
