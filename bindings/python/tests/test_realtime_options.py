"""Client options for streaming: realtime endpoint, environment, delivery, timeouts."""

from __future__ import annotations

import pytest

import airops
from conftest import Server


def test_no_realtime_endpoint_is_an_invalid_argument(server: Server) -> None:
    with server.identify(load_environment=False) as client:
        with pytest.raises(airops.InvalidArgumentError):
            client.apps.execute("hello-world", {"name": "Ada"}, stream=True)
        with pytest.raises(airops.InvalidArgumentError):
            client.apps.chat_stream("demo-agent", "hi")
        # executions without a stream still work
        with client.apps.execute("hello-world", {"name": "Ada"}) as execution:
            assert execution.result(timeout=10).succeeded


@pytest.mark.parametrize("url", ["", "not a url", "http://127.0.0.1:1", "ws://", "127.0.0.1:80"])
def test_bad_realtime_url_is_rejected(server: Server, url: str) -> None:
    with pytest.raises(airops.InvalidArgumentError):
        server.identify(realtime_url=url, pusher_key="key", load_environment=False)


@pytest.mark.parametrize("key", ["", "bad key", "key/with/slash"])
def test_bad_pusher_key_is_rejected(realtime: Server, key: str) -> None:
    with pytest.raises(airops.InvalidArgumentError):
        realtime.identify(realtime_url=realtime.realtime_url, pusher_key=key,
                          load_environment=False)


def test_realtime_url_needs_a_key(realtime: Server) -> None:
    with pytest.raises(airops.InvalidArgumentError):
        realtime.identify(realtime_url=realtime.realtime_url, load_environment=False)


def test_pusher_cluster(server: Server) -> None:
    with server.identify(pusher_key="abc123", pusher_cluster="eu",
                         load_environment=False) as client:  # hosted Pusher; nothing is sent
        assert not client.closed
    with pytest.raises(airops.InvalidArgumentError):
        server.identify(pusher_key="abc123", pusher_cluster="", load_environment=False)
    with pytest.raises(airops.InvalidArgumentError):
        server.identify(pusher_key="abc123", pusher_cluster="e u", load_environment=False)


def test_realtime_option_combinations(realtime: Server) -> None:
    with pytest.raises(airops.InvalidArgumentError, match="pusher_key needs"):
        realtime.identify(pusher_key="abc", load_environment=False)
    with pytest.raises(airops.InvalidArgumentError, match="not both"):
        realtime.identify(realtime_url=realtime.realtime_url, pusher_key="abc",
                          pusher_cluster="eu", load_environment=False)


@pytest.mark.parametrize("delivery", ["", "DIRECT", "polling"])
def test_unknown_delivery_is_rejected(server: Server, delivery: str) -> None:
    with pytest.raises(airops.InvalidArgumentError, match="delivery"):
        server.identify(delivery=delivery)


@pytest.mark.parametrize("timeout", [0, -1])
def test_subscription_timeout_must_be_positive(realtime: Server, timeout: float) -> None:
    with pytest.raises(airops.InvalidArgumentError):
        realtime.identify(subscription_timeout=timeout)


def test_unconfirmed_subscription_times_out(realtime: Server) -> None:
    with realtime.identify(subscription_timeout=0.3) as client:
        realtime.dev("/dev/realtime/ignore_subscriptions?enabled=true", method="POST")
        try:
            with pytest.raises(airops.TimeoutError):
                client.apps.execute("hello-world", {"name": "Ada"}, stream=True)
        finally:
            realtime.dev("/dev/realtime/ignore_subscriptions?enabled=false", method="POST")
        with client.apps.execute("hello-world", {"name": "Ada"}, stream=True) as execution:
            assert list(execution.events(timeout=10))[-1].content
    assert realtime.stats()["subscriptions"] >= 0


def test_unreachable_realtime_server(server: Server, closed_port: int) -> None:
    with server.identify(realtime_url=f"ws://127.0.0.1:{closed_port}", pusher_key="key",
                         subscription_timeout=5, load_environment=False) as client:
        with pytest.raises(airops.ConnectionError):  # refused: not a subscription timeout
            client.apps.execute("hello-world", {"name": "Ada"}, stream=True)


def test_unknown_pusher_key(realtime: Server) -> None:
    with realtime.identify(realtime_url=realtime.realtime_url, pusher_key="wrong-key",
                           subscription_timeout=2, load_environment=False) as client:
        with pytest.raises(airops.AirOpsError) as info:
            client.apps.execute("hello-world", {"name": "Ada"}, stream=True)
    assert not isinstance(info.value, airops.InvalidArgumentError)


def test_environment_supplies_host_and_realtime(realtime: Server,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AIROPS_HOST", realtime.host)
    monkeypatch.setenv("AIROPS_REALTIME_URL", realtime.realtime_url)
    monkeypatch.setenv("AIROPS_PUSHER_KEY", realtime.pusher_key)
    with airops.AirOps.identify(user_id=realtime.user_id, workspace_id=realtime.workspace_id,
                                hashed_user_id=realtime.hashed_user_id) as client:
        with client.apps.execute("hello-world", {"name": "Ada"}, stream=True) as execution:
            assert list(execution)[-1].content == "Hello, Ada! Welcome to AirOps."
    with airops.AirOps() as public:  # AirOps() reads the environment too
        with public.apps.execute("public-echo", {"text": "env"}, stream=True) as execution:
            assert list(execution)[-1].content == "You said: env"


def test_explicit_arguments_override_the_environment(realtime: Server, closed_port: int,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AIROPS_HOST", f"http://127.0.0.1:{closed_port}")
    monkeypatch.setenv("AIROPS_REALTIME_URL", f"ws://127.0.0.1:{closed_port}")
    monkeypatch.setenv("AIROPS_PUSHER_KEY", "env-key")
    with realtime.identify(realtime_url=realtime.realtime_url,
                           pusher_key=realtime.pusher_key) as client:
        with client.apps.execute("hello-world", {"name": "Ada"}, stream=True) as execution:
            assert list(execution)[-1].content == "Hello, Ada! Welcome to AirOps."


def test_invalid_environment(realtime: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AIROPS_REALTIME_URL", "not a url")
    monkeypatch.setenv("AIROPS_PUSHER_KEY", realtime.pusher_key)
    with pytest.raises(airops.InvalidArgumentError):
        realtime.identify()
    with realtime.identify(load_environment=False) as client:  # ignores it
        assert not client.closed


def test_load_environment_false_ignores_the_environment(realtime: Server,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AIROPS_REALTIME_URL", realtime.realtime_url)
    monkeypatch.setenv("AIROPS_PUSHER_KEY", realtime.pusher_key)
    with realtime.identify(load_environment=False) as client:
        with pytest.raises(airops.InvalidArgumentError):  # no realtime endpoint
            client.apps.execute("hello-world", {"name": "Ada"}, stream=True)
