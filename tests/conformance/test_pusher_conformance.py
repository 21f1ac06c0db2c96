"""Third-party conformance: the dev server's realtime half speaks Pusher Channels well enough
for the official `pusher` server library (HTTP trigger API, channel signatures) and for the
Pysher WebSocket client (protocol 6, private channels through the auth endpoint).

Run through the dev server harness, which exports the AIROPS_* variables used here:

    python3 tests/with_dev_server.py -- python3 -m pytest tests/conformance

Everything stays on loopback; every wait is bounded. Needs `pip install pusher Pysher`
(scripts/install-test-deps.sh).
"""

from __future__ import annotations

import json
import os
import socket
import threading
import urllib.parse
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pusher  # type: ignore[import-untyped]  # the official server library (PyPI "pusher")
import pysher  # type: ignore[import-untyped]  # a third-party WebSocket client (PyPI "Pysher")
import pytest
import requests

WAIT_S = 10


@dataclass(frozen=True)
class DevServer:
    """What tests/with_dev_server.py exports about the running dev server."""

    host: str
    port: int
    app_id: str
    key: str
    secret: str
    identity_headers: dict[str, str]

    @property
    def auth_endpoint(self) -> str:
        return f"{self.host}/sdk_api/pusher/auth"

    def server_library(self, secret: str | None = None) -> pusher.Pusher:
        """The official server library, pointed at the dev server's trigger API."""
        return pusher.Pusher(app_id=self.app_id, key=self.key, secret=secret or self.secret,
                             host="127.0.0.1", port=self.port, ssl=False, timeout=WAIT_S)


@pytest.fixture(scope="module")
def dev_server() -> DevServer:
    names = ["AIROPS_HOST", "AIROPS_PUSHER_KEY", "AIROPS_PUSHER_APP_ID", "AIROPS_PUSHER_SECRET",
             "AIROPS_USER_ID", "AIROPS_WORKSPACE_ID", "AIROPS_HASHED_USER_ID"]
    missing = [name for name in names if not os.environ.get(name)]
    if missing:
        pytest.fail(f"{', '.join(missing)} not set: run through tests/with_dev_server.py",
                    pytrace=False)
    host = os.environ["AIROPS_HOST"]
    port = urllib.parse.urlsplit(host).port
    assert port, host
    return DevServer(
        host=host, port=port, app_id=os.environ["AIROPS_PUSHER_APP_ID"],
        key=os.environ["AIROPS_PUSHER_KEY"], secret=os.environ["AIROPS_PUSHER_SECRET"],
        identity_headers={"user_id": os.environ["AIROPS_USER_ID"],
                          "workspace_id": os.environ["AIROPS_WORKSPACE_ID"],
                          "user_id_hashed": os.environ["AIROPS_HASHED_USER_ID"]})


class Connection:
    """A Pysher client that subscribes to its channels as soon as it is connected.

    Subscribing happens inside the ``pusher:connection_established`` handler, as Pysher's
    README does: Pysher sends ``pusher:subscribe`` before it creates the channel object, so
    a subscription made from another thread can lose a fast confirmation. Inside the handler
    the WebSocket thread cannot process the answer before the bindings exist.
    """

    def __init__(self, dev_server: DevServer, channels: list[str], sign_locally: bool = False,
                 expected_events: int = 1) -> None:
        self.socket_id = ""
        self.connected = threading.Event()
        self.subscribed = {name: threading.Event() for name in channels}
        self.received: dict[str, list[str]] = {name: [] for name in channels}
        self.arrived = {name: threading.Event() for name in channels}
        self._expected = expected_events
        self._dev_server = dev_server
        self._sign_locally = sign_locally
        # Pysher's default port is 443 even when secure=False: pass it explicitly.
        self.pysher = pysher.Pusher(key=dev_server.key, custom_host="127.0.0.1",
                                    port=dev_server.port, secure=False,
                                    auth_endpoint=dev_server.auth_endpoint,
                                    auth_endpoint_headers=dev_server.identity_headers,
                                    reconnect_interval=1)
        self.pysher.connection.bind("pusher:connection_established", self._on_connected)

    def _on_connected(self, data: str) -> None:  # Pysher passes the raw JSON string
        self.socket_id = json.loads(data)["socket_id"]
        for name in self.subscribed:
            auth = None
            if self._sign_locally:
                library = self._dev_server.server_library()
                auth = library.authenticate(channel=name, socket_id=self.socket_id)["auth"]
            channel = self.pysher.subscribe(name, auth=auth)  # else via the auth endpoint
            channel.bind("pusher_internal:subscription_succeeded",
                         lambda _data, name=name: self.subscribed[name].set())
            channel.bind("my-event", lambda data, name=name: self._on_event(name, data))
        self.connected.set()

    def _on_event(self, name: str, data: str) -> None:
        self.received[name].append(data)
        if len(self.received[name]) >= self._expected:
            self.arrived[name].set()

    def close(self) -> None:
        """Disconnects and waits for Pysher's thread to end.

        Pysher's disconnect() closes the socket from this thread while its event loop waits
        in a selector on it; when this thread happens to read the server's close reply, the
        loop is never woken (a closed descriptor does not wake epoll) and join() waits out
        its timeout. Shutting the socket down first wakes the loop at once.
        """
        connection = self.pysher.connection
        connection.needs_reconnect = False
        connection.disconnect_called = True
        app = connection.socket
        raw = getattr(getattr(app, "sock", None), "sock", None)
        if raw is not None:
            app.keep_running = False
            try:
                raw.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass  # already closed
        connection.join(WAIT_S)
        assert not connection.is_alive(), "Pysher's thread did not end"

    def wait_subscribed(self) -> None:
        assert self.connected.wait(WAIT_S), "no pusher:connection_established"
        for name, subscribed in self.subscribed.items():
            assert subscribed.wait(WAIT_S), f"{name} was not confirmed"


@pytest.fixture
def connect(dev_server: DevServer) -> Iterator[Callable[..., Connection]]:
    """Connects Pysher clients (subscribed to the given channels); disconnects them after."""
    connections: list[Connection] = []

    def open_connection(channels: list[str], **options: Any) -> Connection:
        connection = Connection(dev_server, channels, **options)
        connections.append(connection)
        connection.pysher.connect()
        connection.wait_subscribed()
        assert "protocol=6" in connection.pysher.url
        return connection

    yield open_connection
    for connection in connections:
        connection.close()


def post_auth(dev_server: DevServer, socket_id: str, channel: str,
              headers: dict[str, str] | None = None) -> requests.Response:
    """The request Pysher makes: a form POST of socket_id and channel_name."""
    return requests.post(dev_server.auth_endpoint,
                         data={"socket_id": socket_id, "channel_name": channel},
                         headers=dev_server.identity_headers if headers is None else headers,
                         timeout=WAIT_S)


def test_private_channel_receives_an_event_triggered_by_the_server_library(
        dev_server: DevServer, connect: Callable[..., Connection]) -> None:
    channel = f"private-conformance-{uuid.uuid4()}"
    client = connect([channel])  # authorized through /sdk_api/pusher/auth
    payload = {"message": "hello from pusher-http-python", "number": 42, "text": "é ü"}
    answer = dev_server.server_library().trigger(channel, "my-event", payload)
    assert isinstance(answer, dict)
    assert client.arrived[channel].wait(WAIT_S), "my-event did not arrive"
    assert len(client.received[channel]) == 1
    data = client.received[channel][0]
    assert isinstance(data, str)  # data arrives as the raw (double-encoded) string
    assert json.loads(data) == payload


def test_public_channel_and_several_events_in_order(
        dev_server: DevServer, connect: Callable[..., Connection]) -> None:
    channel = f"conformance-{uuid.uuid4()}"
    client = connect([channel], expected_events=5)
    library = dev_server.server_library()
    for number in range(5):
        library.trigger([channel, f"nobody-{uuid.uuid4()}"], "my-event", {"n": number})
    assert client.arrived[channel].wait(WAIT_S)
    assert [json.loads(data)["n"] for data in client.received[channel]] == [0, 1, 2, 3, 4]


def test_auth_signature_equals_the_server_library(
        dev_server: DevServer, connect: Callable[..., Connection]) -> None:
    client = connect([])
    library = dev_server.server_library()
    for socket_id, channel in [(client.socket_id, f"private-conformance-{uuid.uuid4()}"),
                               ("1234.5678", "private-foobar"),
                               ("123456.7890123", "private-a_b-c=d@e,f.g;h")]:
        response = post_auth(dev_server, socket_id, channel)
        assert response.status_code == 200, response.text
        expected = library.authenticate(channel=channel, socket_id=socket_id)
        assert response.json() == expected
        assert expected["auth"].startswith(f"{dev_server.key}:")


def test_auth_endpoint_refuses_without_identity(dev_server: DevServer) -> None:
    response = post_auth(dev_server, "1234.5678", "private-x", headers={})
    assert response.status_code in (401, 403)


def test_trigger_with_a_wrong_secret_is_refused(dev_server: DevServer) -> None:
    with pytest.raises(pusher.errors.PusherBadAuth):
        dev_server.server_library(secret="not-the-secret").trigger("any-channel", "my-event",
                                                                   {"x": 1})


def test_locally_signed_subscription(dev_server: DevServer,
                                     connect: Callable[..., Connection]) -> None:
    # A token computed by the server library, given to Pysher directly.
    channel = f"private-conformance-{uuid.uuid4()}"
    client = connect([channel], sign_locally=True)
    dev_server.server_library().trigger(channel, "my-event", "plain text")
    assert client.arrived[channel].wait(WAIT_S)
    assert client.received[channel] == ["plain text"]
