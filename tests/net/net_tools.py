"""The network test tools of tests/with_dev_server.py --net-tools, in-process on free ports."""

from __future__ import annotations

from collections.abc import Callable

from forward_proxy import ForwardProxy
from witness import WitnessServer

PROXY_CREDENTIALS = "tester:s3cret"


def start_net_tools() -> tuple[dict[str, str], Callable[[], None]]:
    """Starts a plain, an authenticating and a refusing proxy and a witness on loopback.

    Returns the environment that names them (AIROPS_TEST_PROXY, AIROPS_TEST_PROXY_AUTH with
    its credentials in the URL, AIROPS_TEST_PROXY_REFUSING, AIROPS_TEST_WITNESS) and a
    function that stops them all.
    """
    tools = {
        "AIROPS_TEST_PROXY": ForwardProxy(),
        "AIROPS_TEST_PROXY_AUTH": ForwardProxy(credentials=PROXY_CREDENTIALS),
        "AIROPS_TEST_PROXY_REFUSING": ForwardProxy(refusing=True),
        "AIROPS_TEST_WITNESS": WitnessServer(),
    }
    for tool in tools.values():
        tool.start()

    def stop() -> None:
        for tool in tools.values():
            tool.stop()

    return {name: tool.url for name, tool in tools.items()}, stop
