"""Fixtures: the dev server's coordinates (from tests/with_dev_server.py) and clients."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

import airops


@dataclass(frozen=True)
class Server:
    """What tests/with_dev_server.py exports about the running dev server."""

    host: str
    workspace_id: str
    user_id: str
    api_key: str
    hashed_user_id: str


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
    )


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
