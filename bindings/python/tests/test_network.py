"""The network policy (issue 10) over plain HTTP: redirects, proxies, transport security.

Needs ``tests/with_dev_server.py --net-tools``: the forward proxies and the witness server
(tests/net). The witness stands for another origin: a redirect points at it, and what it
recorded shows what would have leaked. test_network_tls.py covers HTTPS and WSS.
"""

from __future__ import annotations

import asyncio
import json
import logging

import pytest

import airops
import airops.aio
from airops._options import Settings
from conftest import Server
from net_client import (PROXY_VARIABLES, Faults, NetTools, authority, dev_stat, tunnelled,
                        without_credentials)

HELLO = "Hello, Ada! Welcome to AirOps."
EXECUTE_PATH = "/sdk_api/airops_apps/hello-world/async_execute"
PROXY_PASSWORD = "s3cret"


def assert_nothing_leaked(net: NetTools, server: Server, path: str) -> None:
    """The witness got no request at `path`, and nothing it got carries the identity."""
    assert net.witnessed(path) == []
    recorded = json.dumps(net.witnessed())
    assert server.hashed_user_id not in recorded


def run_hello(client: airops.AirOps, stream: bool = False) -> None:
    with client.apps.execute("hello-world", {"name": "Ada"}, stream=stream) as execution:
        if stream:
            events = list(execution.events(timeout=10))
            assert events[-1].kind is airops.EventKind.COMPLETED
        assert execution.result(timeout=10).output == HELLO


@pytest.fixture(autouse=True)
def no_proxy_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    """No proxy variables from the machine: a test sets the ones it means (`monkeypatch`)."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)


# -- Redirects ---------------------------------------------------------------------------------

@pytest.mark.parametrize("status", [307, 302])
def test_a_redirect_of_execute_to_another_origin_fails_and_leaks_nothing(
        server: Server, net: NetTools, faults: Faults, status: int) -> None:
    path = net.witness_path()
    faults.redirect("async_execute", status, net.witness + path)
    created = dev_stat(server.host, "executions_created")
    with server.identify(max_retries=0) as client:
        with pytest.raises(airops.RedirectError) as raised:
            client.apps.execute("hello-world", {"name": "Ada"})
    assert raised.value.status == status
    assert isinstance(raised.value, airops.APIError)
    assert str(status) in raised.value.message and authority(net.witness) in raised.value.message
    assert_nothing_leaked(net, server, path)
    assert dev_stat(server.host, "executions_created") == created


def test_a_redirect_of_a_read_fails_with_its_status(server: Server, net: NetTools,
                                                    faults: Faults) -> None:
    path = net.witness_path()
    faults.redirect("get_app", 302, net.witness + path)
    with server.identify(max_retries=0) as client:
        with pytest.raises(airops.RedirectError) as raised:
            client.apps.get("hello-world")
    assert raised.value.status == 302
    assert_nothing_leaked(net, server, path)


def test_a_redirect_of_the_channel_authorization_leaks_nothing(realtime: Server, net: NetTools,
                                                               faults: Faults) -> None:
    path = net.witness_path()
    faults.redirect("pusher_auth", 307, net.witness + path)
    created = dev_stat(realtime.host, "executions_created")
    with realtime.identify(max_retries=0, follow_redirects="same-origin",
                           subscription_timeout=5) as client:
        with pytest.raises(airops.RedirectError) as raised:
            client.apps.execute("hello-world", {"name": "Ada"}, stream=True)
    assert raised.value.status == 307
    assert_nothing_leaked(net, realtime, path)
    assert dev_stat(realtime.host, "executions_created") == created


def test_by_default_even_a_same_origin_redirect_is_not_followed(server: Server,
                                                                faults: Faults) -> None:
    faults.redirect("async_execute", 307, server.host + EXECUTE_PATH, count=1)
    with server.identify(max_retries=0) as client:
        with pytest.raises(airops.RedirectError) as raised:
            client.apps.execute("hello-world", {"name": "Ada"})
    assert raised.value.status == 307


def test_same_origin_redirects_are_followed_when_asked(server: Server, faults: Faults) -> None:
    faults.redirect("async_execute", 307, server.host + EXECUTE_PATH, count=1)
    created = dev_stat(server.host, "executions_created")
    with server.identify(max_retries=0, follow_redirects="same-origin") as client:
        run_hello(client)  # 307 repeats the POST and its body
        assert dev_stat(server.host, "executions_created") == created + 1
        faults.redirect("get_app", 302, server.host + "/sdk_api/airops_app_bases/hello-world",
                        count=1)
        assert client.apps.get("hello-world")["name"]


def test_cross_origin_redirects_fail_with_same_origin_following(server: Server, net: NetTools,
                                                                faults: Faults) -> None:
    path = net.witness_path()
    faults.redirect("async_execute", 307, net.witness + path)
    with server.identify(max_retries=0, follow_redirects="same-origin") as client:
        with pytest.raises(airops.RedirectError) as raised:
            client.apps.execute("hello-world", {"name": "Ada"})
    assert raised.value.status == 307
    assert_nothing_leaked(net, server, path)


def test_an_unknown_redirect_policy_is_refused(server: Server) -> None:
    with pytest.raises(airops.InvalidArgumentError, match="follow_redirects"):
        server.identify(follow_redirects="always")  # type: ignore[arg-type]


def test_the_async_client_takes_the_network_options(server: Server, net: NetTools,
                                                    faults: Faults) -> None:
    path = net.witness_path()
    faults.redirect("async_execute", 307, net.witness + path)
    log = net.log(net.proxy)

    async def main() -> None:
        async with server.identify_async(max_retries=0, proxy=net.proxy, no_proxy="",
                                         follow_redirects="same-origin",
                                         allow_insecure_http=False) as client:
            with pytest.raises(airops.RedirectError):
                await client.apps.execute("hello-world", {"name": "Ada"})

    asyncio.run(main())
    assert tunnelled(log.since(), server.host)
    assert_nothing_leaked(net, server, path)


# -- Proxies -----------------------------------------------------------------------------------

def test_http_calls_go_through_a_tunnel_of_the_proxy(server: Server, net: NetTools) -> None:
    log = net.log(net.proxy)
    with server.identify(proxy=net.proxy, max_retries=0) as client:
        run_hello(client)
    seen = log.since()
    # Plain HTTP is tunnelled too: the proxy never sees a request or the identity headers.
    assert seen["forwards"] == []
    assert seen["connects"] and all(connect == {"target": authority(server.host), "status": 200}
                                    for connect in seen["connects"])


def test_a_streamed_execution_goes_through_the_proxy(realtime: Server, net: NetTools) -> None:
    log = net.log(net.proxy)
    with realtime.identify(proxy=net.proxy, max_retries=0) as client:
        run_hello(client, stream=True)
    seen = log.since()
    assert seen["forwards"] == []
    assert all(connect == {"target": authority(realtime.realtime_url), "status": 200}
               for connect in seen["connects"])
    # The WebSocket has a connection of its own, so the API calls need another one.
    assert len(seen["connects"]) >= 2


@pytest.mark.parametrize("no_proxy", ["127.0.0.1", "127.0.0.0/8", "*"])
def test_no_proxy_bypasses_the_proxy(realtime: Server, net: NetTools, no_proxy: str) -> None:
    log = net.log(net.proxy)
    with realtime.identify(proxy=net.proxy, no_proxy=no_proxy, max_retries=0) as client:
        run_hello(client, stream=True)
    assert log.since() == {"connects": [], "forwards": [], "auth_failures": 0}


@pytest.mark.parametrize("variable", ["HTTP_PROXY", "http_proxy", "ALL_PROXY"])
def test_the_proxy_variables_are_read_from_the_environment(
        server: Server, net: NetTools, monkeypatch: pytest.MonkeyPatch, variable: str) -> None:
    monkeypatch.setenv(variable, net.proxy)
    log = net.log(net.proxy)
    with server.identify(max_retries=0) as client:
        run_hello(client)
    assert tunnelled(log.since(), server.host)


def test_no_proxy_and_an_empty_proxy_option_override_the_environment(
        server: Server, net: NetTools, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTP_PROXY", net.proxy_refusing)
    log = net.log(net.proxy_refusing)
    with server.identify(max_retries=0, proxy="") as client:
        run_hello(client)
    monkeypatch.setenv("NO_PROXY", "localhost,127.0.0.1")
    with server.identify(max_retries=0) as client:
        run_hello(client)
    monkeypatch.setenv("NO_PROXY", "example.com")
    with server.identify(max_retries=0, no_proxy="127.0.0.1") as client:
        run_hello(client)
    assert log.since() == {"connects": [], "forwards": [], "auth_failures": 0}


def test_the_proxy_option_overrides_the_environment(server: Server, net: NetTools,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTP_PROXY", net.proxy_refusing)
    log = net.log(net.proxy)
    with server.identify(max_retries=0, proxy=net.proxy) as client:
        run_hello(client)
    assert tunnelled(log.since(), server.host)


def test_the_proxy_credentials_are_sent(realtime: Server, net: NetTools) -> None:
    log = net.log(net.proxy_auth)
    with realtime.identify(proxy=net.proxy_auth, max_retries=0) as client:
        run_hello(client, stream=True)
    seen = log.since()
    assert seen["auth_failures"] == 0  # sent with the first request, not after a 407
    assert len(seen["connects"]) >= 2 and seen["forwards"] == []
    assert all(connect == {"target": authority(realtime.realtime_url), "status": 200}
               for connect in seen["connects"])


@pytest.mark.parametrize("stream", [False, True], ids=["request", "stream"])
def test_a_proxy_that_wants_credentials_gives_a_network_error_naming_it(
        realtime: Server, net: NetTools, stream: bool) -> None:
    created = dev_stat(realtime.host, "executions_created")
    for proxy in (without_credentials(net.proxy_auth),
                  net.proxy_auth.replace(PROXY_PASSWORD, "wrong-password")):
        with realtime.identify(proxy=proxy, max_retries=0) as client:
            with pytest.raises(airops.ConnectionError) as raised:
                client.apps.execute("hello-world", {"name": "Ada"}, stream=stream)
        assert authority(net.proxy_auth) in str(raised.value) and "407" in str(raised.value)
        assert raised.value.status == 0  # the proxy's answer, not the server's
        assert "wrong-password" not in str(raised.value) + repr(raised.value)
    assert dev_stat(realtime.host, "executions_created") == created


@pytest.mark.parametrize("stream", [False, True], ids=["request", "stream"])
def test_a_proxy_refusing_the_tunnel_gives_a_network_error_naming_it(
        realtime: Server, net: NetTools, stream: bool) -> None:
    log = net.log(net.proxy_refusing)
    created = dev_stat(realtime.host, "executions_created")
    with realtime.identify(proxy=net.proxy_refusing, max_retries=0) as client:
        with pytest.raises(airops.ConnectionError) as raised:
            client.apps.execute("hello-world", {"name": "Ada"}, stream=stream)
    assert authority(net.proxy_refusing) in str(raised.value) and "403" in str(raised.value)
    assert raised.value.status == 0
    assert {"target": authority(realtime.host), "status": 403} in log.since()["connects"]
    assert dev_stat(realtime.host, "executions_created") == created


@pytest.mark.parametrize("proxy", ["socks5://tester:s3cret@127.0.0.1:1080",
                                   "http://tester:s3cret@", "http://tester:s3cret@host:99999"])
def test_a_malformed_proxy_is_refused_without_showing_its_credentials(server: Server,
                                                                      proxy: str) -> None:
    with pytest.raises(airops.InvalidArgumentError) as raised:
        server.identify(proxy=proxy)
    assert PROXY_PASSWORD not in str(raised.value) + repr(raised.value)


@pytest.mark.parametrize("no_proxy", ["10.0.0.0/99", "host:port", "a b"])
def test_a_malformed_no_proxy_list_is_refused(server: Server, no_proxy: str) -> None:
    with pytest.raises(airops.InvalidArgumentError):
        server.identify(no_proxy=no_proxy)


# -- Transport security ------------------------------------------------------------------------

def test_an_identity_over_plain_http_to_a_remote_host_is_refused_before_any_request(
        server: Server, net: NetTools) -> None:
    log = net.log(net.proxy)
    with pytest.raises(airops.InvalidArgumentError) as raised:
        server.identify(host="http://example.com", proxy=net.proxy)
    assert "https://" in raised.value.message
    assert log.since() == {"connects": [], "forwards": [], "auth_failures": 0}


def test_a_public_client_may_use_plain_http() -> None:
    with airops.AirOps(host="http://example.com", load_environment=False):
        pass


@pytest.mark.parametrize("loopback", ["127.0.0.1", "localhost"])
def test_loopback_hosts_need_no_opt_in(server: Server, loopback: str) -> None:
    with server.identify(host=server.host.replace("127.0.0.1", loopback)) as client:
        run_hello(client)


def test_the_opt_in_allows_plain_http_to_a_remote_host(server: Server) -> None:
    with server.identify(host="http://example.invalid", allow_insecure_http=True,
                         max_retries=0, request_timeout=5) as client:
        with pytest.raises(airops.ConnectionError):
            client.apps.get("hello-world")


def test_the_opt_in_is_a_bool(server: Server) -> None:
    with pytest.raises(TypeError, match="allow_insecure_http"):
        server.identify(allow_insecure_http="yes")  # type: ignore[arg-type]


@pytest.mark.parametrize("allow_insecure_http", [False, True])
def test_ws_realtime_next_to_an_https_host_is_refused(server: Server,
                                                      allow_insecure_http: bool) -> None:
    with pytest.raises(airops.InvalidArgumentError) as raised:
        server.identify(host="https://example.invalid", realtime_url="ws://127.0.0.1:1",
                        pusher_key="key", load_environment=False,
                        allow_insecure_http=allow_insecure_http)
    assert "wss://" in raised.value.message


# -- Secrets -----------------------------------------------------------------------------------

def test_settings_never_show_the_identity_or_the_proxy_credentials() -> None:
    settings = Settings.convert((b"user-1", b"1", b"0123hashed"),
                                {"host": "http://127.0.0.1:1", "load_environment": False,
                                 "proxy": f"http://tester:{PROXY_PASSWORD}@127.0.0.1:3128"})
    shown = repr(settings)
    assert "0123hashed" not in shown and PROXY_PASSWORD not in shown and "tester" not in shown
    assert any(name == "set_proxy" for name, _ in settings.setters)


def test_logs_never_show_the_identity_or_the_proxy_credentials(
        realtime: Server, net: NetTools, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="airops")
    with realtime.identify(proxy=net.proxy_auth, max_retries=0) as client:
        run_hello(client, stream=True)
    with realtime.identify(proxy=without_credentials(net.proxy_auth), max_retries=0) as client:
        with pytest.raises(airops.ConnectionError):
            client.apps.execute("hello-world", {"name": "Ada"}, stream=True)
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert any(record.name.startswith("airops.library") for record in caplog.records)
    for secret in (PROXY_PASSWORD, "dGVzdGVyOnMzY3JldA==", realtime.hashed_user_id):
        assert secret not in logged
