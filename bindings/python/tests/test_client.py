"""AirOps clients: identify validation, host and timeout options, lifetime, apps.get."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest

import airops
from conftest import Server

PACKAGE_PARENT = str(Path(airops.__file__).resolve().parents[1])


def test_identify_creates_a_client(server: Server) -> None:
    client = airops.AirOps.identify(user_id=server.user_id, workspace_id=server.workspace_id,
                                    hashed_user_id=server.hashed_user_id, host=server.host)
    assert isinstance(client, airops.AirOps)
    assert isinstance(client.apps, airops.Apps)
    assert not client.closed
    client.close()
    assert client.closed
    client.close()  # idempotent


def test_workspace_id_may_be_an_int(server: Server) -> None:
    with airops.AirOps.identify(user_id=server.user_id, workspace_id=int(server.workspace_id),
                                hashed_user_id=server.hashed_user_id, host=server.host) as client:
        assert client.apps.get("hello-world")["name"]


@pytest.mark.parametrize("field", ["user_id", "workspace_id", "hashed_user_id"])
@pytest.mark.parametrize("value", ["", None, "bad\nvalue"])
def test_identify_rejects_missing_values(server: Server, field: str, value: str | None) -> None:
    identity = {"user_id": server.user_id, "workspace_id": server.workspace_id,
                "hashed_user_id": server.hashed_user_id, field: value}
    with pytest.raises(airops.InvalidArgumentError) as info:
        airops.AirOps.identify(**identity, host=server.host)  # type: ignore[arg-type]
    assert info.value.code_name == "AIROPS_ERR_INVALID_ARGUMENT"
    assert info.value.status == 0


def test_identify_rejects_unencodable_values(server: Server) -> None:
    with pytest.raises(airops.InvalidArgumentError, match="user_id"):
        airops.AirOps.identify(user_id="\udc80", workspace_id=server.workspace_id,
                               hashed_user_id=server.hashed_user_id, host=server.host)


@pytest.mark.parametrize("host", ["", "not a url", "ftp://example.com", "http://", "example.com"])
def test_bad_host_is_rejected(host: str) -> None:
    with pytest.raises(airops.InvalidArgumentError):
        airops.AirOps(host=host)


@pytest.mark.parametrize("timeout", [0, -1, -0.5])
def test_request_timeout_must_be_positive(server: Server, timeout: float) -> None:
    with pytest.raises(airops.InvalidArgumentError):
        airops.AirOps(host=server.host, request_timeout=timeout)


def test_request_timeout_nan_is_rejected(server: Server) -> None:
    with pytest.raises(airops.InvalidArgumentError):
        airops.AirOps(host=server.host, request_timeout=float("nan"))


def test_request_timeout_accepts_small_and_large_values(server: Server) -> None:
    for timeout in (0.0001, 2.5, 86400):
        with airops.AirOps(host=server.host, request_timeout=timeout) as client:
            assert not client.closed


@pytest.mark.parametrize("timeout", ["1e10", "float('inf')"])
def test_request_timeout_huge_values_do_not_crash(server: Server, timeout: str) -> None:
    # Any int64 number of milliseconds is valid input for the library. Run in a child
    # process so that a crash of the library fails this test instead of the whole run.
    code = (f"import airops\n"
            f"with airops.AirOps(host={server.host!r}, request_timeout={timeout}) as client:\n"
            f"    print('closed' if client.closed else 'open')\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60, env={**os.environ, "PYTHONPATH": PACKAGE_PARENT})
    assert result.returncode == 0, f"exit {result.returncode}: {result.stderr[-2000:]}"
    assert result.stdout == "open\n"


def test_default_public_client_needs_no_arguments() -> None:
    with airops.AirOps() as client:  # the real service's host; no request is sent
        assert not client.closed
    assert client.closed


def test_closed_client_raises(client: airops.AirOps) -> None:
    client.close()
    with pytest.raises(airops.InvalidArgumentError, match="closed"):
        client.apps.get("hello-world")
    with pytest.raises(airops.InvalidArgumentError, match="closed"):
        client.apps.execute("hello-world", {"name": "Ada"})


def test_closing_the_client_closes_its_executions(client: airops.AirOps) -> None:
    execution = client.apps.execute("hello-world", {"name": "Ada"})
    opened = client.apps.get_execution(execution.id)
    client.close()
    assert execution.closed and opened.closed
    with pytest.raises(airops.InvalidArgumentError, match="closed"):
        execution.fetch()
    execution.close()  # still fine


def test_garbage_collection_frees_handles(server: Server) -> None:
    client = airops.AirOps(host=server.host)
    execution = client.apps.get_execution("00000000-0000-4000-8000-000000000000")
    del client  # the execution keeps its client alive
    assert not execution.client.closed
    del execution
    gc.collect()


def test_repr(client: airops.AirOps) -> None:
    assert repr(client) == "<airops.AirOps>"
    assert "Apps" in repr(client.apps)


def test_get_app(client: airops.AirOps) -> None:
    app = client.apps.get("hello-world")
    assert isinstance(app, dict)
    assert app["id"] == 1
    assert app["public"] is False
    assert client.apps.get(1)["id"] == 1
    assert client.apps.get(app["uuid"])["id"] == 1


def test_get_public_app_with_public_client(public_client: airops.AirOps) -> None:
    app = public_client.apps.get("public-echo")
    assert app["id"] == 4 and app["public"] is True


def test_get_unknown_app(client: airops.AirOps) -> None:
    with pytest.raises(airops.NotFoundError) as info:
        client.apps.get("no-such-app")
    assert info.value.status == 404


def test_get_app_empty_id(client: airops.AirOps) -> None:
    with pytest.raises(airops.InvalidArgumentError):
        client.apps.get("")


def test_network_error(closed_port: int) -> None:
    with airops.AirOps(host=f"http://127.0.0.1:{closed_port}", request_timeout=5) as client:
        with pytest.raises(airops.ConnectionError) as info:
            client.apps.get("public-echo")
    assert info.value.code == airops.ErrorCode.NETWORK and info.value.status == 0
    assert isinstance(info.value, ConnectionError)  # the builtin, too


def test_network_error_on_execute(server: Server, closed_port: int) -> None:
    with airops.AirOps.identify(user_id=server.user_id, workspace_id=server.workspace_id,
                                hashed_user_id=server.hashed_user_id,
                                host=f"http://127.0.0.1:{closed_port}") as client:
        with pytest.raises(airops.ConnectionError):
            client.apps.execute("hello-world", {"name": "Ada"})


def test_max_retries_and_ca_file_options(server) -> None:  # type: ignore[no-untyped-def]
    with airops.AirOps(host=server.host, max_retries=0) as client:
        assert client.apps.execute("public-echo", {"text": "r"}).result(timeout=10).succeeded
    with pytest.raises(airops.InvalidArgumentError):
        airops.AirOps(host=server.host, max_retries=-1)
    with pytest.raises(airops.InvalidArgumentError):
        airops.AirOps(host=server.host, ca_file="/no/such/ca.pem")
    with pytest.raises(TypeError):
        airops.AirOps(host=server.host, max_retries="2")  # type: ignore[arg-type]
