"""Integer (and number) arguments at their extremes: each has a meaning or raises
InvalidArgumentError (or TypeError for a wrong type), never crashes the process or leaks a
bare OverflowError. Against the dev server, so that accepted values are really used."""

from __future__ import annotations

import math

import pytest

import airops

INT64_MIN, INT64_MAX = -2**63, 2**63 - 1
SIZE_MAX = 2**64 - 1
HUGE_SECONDS = [2**63, 10**400, 1e300, 1e306, math.inf, float(INT64_MAX)]


@pytest.mark.parametrize("max_events", [0, 1, INT64_MAX, 2**63, SIZE_MAX - 1, SIZE_MAX])
def test_dispatch_takes_every_size_t(server, max_events):
    with server.identify(delivery="queued") as client:
        assert client.dispatch(max_events) == 0
        execution = client.apps.execute("hello-world", {"name": "Many"}, stream=True)
        assert execution.result(timeout=30).output == "Hello, Many! Welcome to AirOps."
        # Its events wait (chunks, then completed); a limit of 0 or any larger one runs all.
        ran = client.dispatch(max_events)
        if max_events == 1:
            assert ran == 1
        else:
            assert ran >= 2
            assert client.dispatch(max_events) == 0


@pytest.mark.parametrize("max_events", [-1, INT64_MIN, 2**64, 10**30])
def test_dispatch_refuses_what_is_no_size_t(server, max_events):
    with server.identify(delivery="queued") as client:
        with pytest.raises(airops.InvalidArgumentError, match="max_events"):
            client.dispatch(max_events)


@pytest.mark.parametrize("max_events", [0, 2**63, SIZE_MAX])
def test_dispatch_in_direct_delivery_is_an_error(server, max_events):
    with server.identify() as client:
        with pytest.raises(airops.InvalidArgumentError, match="QUEUED"):
            client.dispatch(max_events)


@pytest.mark.parametrize("version", [-1, INT64_MIN, INT64_MAX, 2**31, INT64_MIN - 1, 2**64, 10**30])
@pytest.mark.parametrize("stream", [False, True])
def test_bad_versions_are_refused_before_a_request(server, version, stream):
    with server.identify() as client:
        before = server.stats()["executions_created"]
        with pytest.raises(airops.InvalidArgumentError, match="version"):
            client.apps.execute("hello-world", {"name": "V"}, version=version, stream=stream)
        assert server.stats()["executions_created"] == before


@pytest.mark.parametrize("version", [0, 1, 2**31 - 1])
def test_versions_in_range_reach_the_server(server, version):
    with server.identify() as client:
        if version == 2**31 - 1:
            with pytest.raises(airops.NotFoundError):
                client.apps.execute("hello-world", {"name": "V"}, version=version)
            return
        assert client.apps.execute("hello-world", {"name": "V"}, version=version).result(timeout=30).output


@pytest.mark.parametrize("seconds", HUGE_SECONDS)
def test_huge_timeouts_mean_practically_forever(server, seconds):
    with server.identify(request_timeout=seconds, subscription_timeout=seconds) as client:
        assert client.apps.get("hello-world")["uuid"] == "hello-world"
        execution = client.apps.execute("hello-world", {"name": "T"}, stream=True)
        assert execution.result(timeout=seconds).output == "Hello, T! Welcome to AirOps."


@pytest.mark.parametrize("seconds", [0, -1, -1e300, -math.inf, float(INT64_MIN), 2**-30 - 1])
def test_timeouts_that_are_not_positive_are_refused(server, seconds):
    for option in ("request_timeout", "subscription_timeout"):
        with pytest.raises(airops.InvalidArgumentError, match="timeout"):
            server.identify(**{option: seconds})


def test_nan_and_non_numbers_are_refused(server):
    with pytest.raises(airops.InvalidArgumentError):
        server.identify(request_timeout=math.nan)
    with pytest.raises(TypeError):
        server.identify(request_timeout="10")


@pytest.mark.parametrize("timeout", [None, 0, -1, 1e-9, INT64_MAX, 2**63, 1e306, math.inf, -math.inf])
def test_a_finished_execution_waits_with_any_timeout(server, timeout):
    with server.identify() as client:
        execution = client.apps.execute("hello-world", {"name": "W"})
        assert execution.result(timeout=30).output == "Hello, W! Welcome to AirOps."
        assert execution.result(timeout=timeout).output == "Hello, W! Welcome to AirOps."


def test_a_zero_wait_fetches_once(server):
    with server.identify() as client:
        execution = client.apps.execute("slow-echo", {"text": "x"})
        with pytest.raises(airops.TimeoutError):
            execution.result(timeout=0)


@pytest.mark.parametrize("count", [0, 1, 2**31 - 1])
def test_retry_counts_of_a_c_int(server, count):
    with server.identify(max_retries=count) as client:
        assert client.apps.get("hello-world")["uuid"] == "hello-world"


@pytest.mark.parametrize("count", [-1, -2**31, 2**31, INT64_MAX, 2**64])
def test_retry_counts_out_of_range_are_refused(server, count):
    with pytest.raises(airops.InvalidArgumentError, match="retries|max_retries"):
        server.identify(max_retries=count)
