"""Fixtures: the dev server's coordinates (from tests/with_dev_server.py) and clients."""

from __future__ import annotations

import json
import os
import socket
import sys
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import airops
import airops.aio

# The network test tools' client side (tests/net), shared with the CLI's tests.
sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "tests" / "net"))
from net_client import Faults, NetTools  # noqa: E402


@dataclass(frozen=True)
class Server:
    """What tests/with_dev_server.py exports about the running dev server."""

    host: str
    workspace_id: str
    user_id: str
    api_key: str
    hashed_user_id: str
    realtime_url: str
    pusher_key: str
    admin_token: str

    def dev(self, path: str, method: str = "GET") -> dict[str, Any]:
        """Calls a /dev/ endpoint of the dev server (stats, realtime faults) with the admin
        token, and parses the answer."""
        request = urllib.request.Request(self.host + path, method=method, data=b"" if
                                         method == "POST" else None,
                                         headers={"Authorization": f"Bearer {self.admin_token}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            answer: dict[str, Any] = json.loads(response.read())
        return answer

    def stats(self) -> dict[str, Any]:
        """GET /dev/stats: realtime connections, subscriptions, executions created."""
        return self.dev("/dev/stats")

    def identify(self, **options: Any) -> airops.AirOps:
        """A client identified as the demo user; `options` go to AirOps.identify."""
        return airops.AirOps.identify(user_id=self.user_id, workspace_id=self.workspace_id,
                                      hashed_user_id=self.hashed_user_id,
                                      **{"host": self.host, "request_timeout": 10, **options})

    def identify_async(self, **options: Any) -> airops.aio.AsyncAirOps:
        """An asyncio client identified as the demo user; `options` go to
        AsyncAirOps.identify."""
        return airops.aio.AsyncAirOps.identify(
            user_id=self.user_id, workspace_id=self.workspace_id,
            hashed_user_id=self.hashed_user_id,
            **{"host": self.host, "request_timeout": 10, **options})


@pytest.fixture(scope="session")
def server() -> Server:
    """The dev server; fails clearly when the suite was not started through the harness."""
    host = os.environ.get("AIROPS_HOST")
    if not host:
        pytest.fail("AIROPS_HOST is not set: run the suite through the dev server harness, e.g. "
                    "`PYTHONPATH=bindings/python python3 tests/with_dev_server.py -- "
                    "python3 -m pytest bindings/python/tests`", pytrace=False)
    return Server(
        host=host,
        workspace_id=os.environ.get("AIROPS_WORKSPACE_ID", "1"),
        user_id=os.environ.get("AIROPS_USER_ID", "demo-user"),
        api_key=os.environ.get("AIROPS_API_KEY", "demo-api-key"),
        hashed_user_id=os.environ.get("AIROPS_HASHED_USER_ID", ""),
        realtime_url=os.environ.get("AIROPS_REALTIME_URL", ""),
        pusher_key=os.environ.get("AIROPS_PUSHER_KEY", ""),
        admin_token=os.environ.get("AIROPS_DEV_ADMIN_TOKEN", ""),
    )


@pytest.fixture(scope="session")
def realtime(server: Server) -> Server:
    """The dev server, which must have its realtime endpoint for this test."""
    if not server.realtime_url or not server.pusher_key:
        pytest.fail("the dev server exported no AIROPS_REALTIME_URL / AIROPS_PUSHER_KEY",
                    pytrace=False)
    return server


@pytest.fixture
def queued_client(realtime: Server) -> Iterator[airops.AirOps]:
    """A client identified as the demo user, with queued delivery."""
    with realtime.identify(delivery="queued") as client:
        yield client


@pytest.fixture
def client(server: Server) -> Iterator[airops.AirOps]:
    """A client identified as the dev server's demo user."""
    with airops.AirOps.identify(user_id=server.user_id, workspace_id=server.workspace_id,
                                hashed_user_id=server.hashed_user_id, host=server.host,
                                request_timeout=10) as client:
        yield client


@pytest.fixture
def public_client(server: Server) -> Iterator[airops.AirOps]:
    """A client without identity (public apps only)."""
    with airops.AirOps(host=server.host, request_timeout=10) as client:
        yield client


@pytest.fixture
def closed_port() -> int:
    """A loopback port on which nothing listens (bound, then closed)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


@pytest.fixture
def stream_client(realtime: Server) -> Iterator[airops.AirOps]:
    """A client identified as the demo user, with the realtime endpoint given explicitly
    (not from the environment) and direct delivery."""
    with realtime.identify(realtime_url=realtime.realtime_url, pusher_key=realtime.pusher_key,
                           load_environment=False) as client:
        yield client


@pytest.fixture(scope="session")
def net() -> NetTools:
    """The test proxies and the witness; fails clearly without `with_dev_server.py --net-tools`."""
    tools = NetTools.from_environment()
    if tools is None:
        pytest.fail("the network test tools are not running: run the suite through "
                    "`tests/with_dev_server.py --net-tools`", pytrace=False)
    return tools


@pytest.fixture
def faults(server: Server) -> Iterator[Faults]:
    """The dev server's fault rules, cleared after the test."""
    rules = Faults(server.host, server.admin_token)
    yield rules
    rules.clear()
