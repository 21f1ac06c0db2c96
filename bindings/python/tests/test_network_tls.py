"""The network policy over TLS: HTTPS and WSS through the proxy's CONNECT tunnel, and
redirects from https:// that would downgrade to http://.

Runs under ``tests/with_dev_server.py --tls --net-tools`` (which exports AIROPS_CA_FILE);
skipped in the plain run, where test_network.py covers the rest.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

import airops
from conftest import Server
from net_client import PROXY_VARIABLES, Faults, NetTools, authority, without_credentials
from test_network import EXECUTE_PATH, HELLO, assert_nothing_leaked, run_hello

pytestmark = pytest.mark.skipif(not os.environ.get("AIROPS_CA_FILE"),
                                reason="needs tests/with_dev_server.py --tls --net-tools")


@pytest.fixture
def tls(realtime: Server, monkeypatch: pytest.MonkeyPatch) -> Iterator[Server]:
    """The TLS dev server, with no proxy variables from the machine."""
    assert realtime.host.startswith("https://") and realtime.realtime_url.startswith("wss://")
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    yield realtime


def identify(server: Server, **options: Any) -> airops.AirOps:
    return server.identify(ca_file=os.environ["AIROPS_CA_FILE"], max_retries=0, **options)


def test_https_and_wss_go_through_the_connect_tunnel(tls: Server, net: NetTools) -> None:
    log = net.log(net.proxy)
    with identify(tls, proxy=net.proxy) as client:
        run_hello(client, stream=True)
        assert client.apps.get("hello-world")["name"]
    seen = log.since()
    assert seen["forwards"] == []  # nothing in clear text
    assert seen["connects"]
    assert all(connect == {"target": authority(tls.host), "status": 200}
               for connect in seen["connects"])
    # One tunnel at least for the API, one for the realtime WebSocket.
    assert len(seen["connects"]) >= 2


def test_https_proxy_from_the_environment(tls: Server, net: NetTools,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTPS_PROXY", net.proxy)
    log = net.log(net.proxy)
    with identify(tls) as client:
        run_hello(client)
    assert {"target": authority(tls.host), "status": 200} in log.since()["connects"]


def test_no_proxy_bypasses_the_tunnel(tls: Server, net: NetTools) -> None:
    log = net.log(net.proxy)
    with identify(tls, proxy=net.proxy, no_proxy=urlsplit(tls.host).hostname) as client:
        run_hello(client, stream=True)
    assert log.since() == {"connects": [], "forwards": [], "auth_failures": 0}


def test_the_tunnel_through_the_auth_proxy(tls: Server, net: NetTools) -> None:
    log = net.log(net.proxy_auth)
    with identify(tls, proxy=net.proxy_auth) as client:
        run_hello(client, stream=True)
    seen = log.since()
    assert seen["auth_failures"] == 0 and seen["connects"]
    assert all(connect["status"] == 200 for connect in seen["connects"])


@pytest.mark.parametrize("which", ["refusing", "no-credentials"])
def test_a_refused_tunnel_is_a_network_error_naming_the_proxy(tls: Server, net: NetTools,
                                                              which: str) -> None:
    proxy = net.proxy_refusing if which == "refusing" else without_credentials(net.proxy_auth)
    with identify(tls, proxy=proxy) as client:
        with pytest.raises(airops.ConnectionError) as raised:
            client.apps.execute("hello-world", {"name": "Ada"})
    assert authority(proxy) in str(raised.value) and authority(tls.host) in str(raised.value)
    # Over TLS the API runs on the event loop, whose client does not report a refusal's status.
    assert ("refused the tunnel" if which == "refusing" else "407") in str(raised.value)
    assert raised.value.status == 0  # the proxy's answer, not the server's


@pytest.mark.parametrize("status", [307, 302])
def test_a_redirect_from_https_to_http_is_never_followed(tls: Server, net: NetTools,
                                                         faults: Faults, status: int) -> None:
    path = net.witness_path()
    faults.redirect("async_execute", status, net.witness + path)
    with identify(tls, follow_redirects="same-origin") as client:
        with pytest.raises(airops.RedirectError) as raised:
            client.apps.execute("hello-world", {"name": "Ada"})
    assert raised.value.status == status
    assert_nothing_leaked(net, tls, path)


def test_the_same_host_over_http_is_another_origin(tls: Server, faults: Faults) -> None:
    downgraded = "http://" + tls.host.removeprefix("https://") + EXECUTE_PATH
    faults.redirect("async_execute", 307, downgraded, count=1)
    with identify(tls, follow_redirects="same-origin") as client:
        with pytest.raises(airops.RedirectError) as raised:
            client.apps.execute("hello-world", {"name": "Ada"})
    assert raised.value.status == 307


def test_a_same_origin_https_redirect_is_followed_through_the_proxy(
        tls: Server, net: NetTools, faults: Faults) -> None:
    faults.redirect("async_execute", 307, tls.host + EXECUTE_PATH, count=1)
    with identify(tls, proxy=net.proxy, follow_redirects="same-origin") as client:
        with client.apps.execute("hello-world", {"name": "Ada"}) as execution:
            assert execution.result(timeout=10).output == HELLO
