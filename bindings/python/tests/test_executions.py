"""Executions after start: cancel, waiting with a timeout, reopening by id."""

from __future__ import annotations

import time
import uuid

import pytest

import airops


def test_cancel_running_execution(client: airops.AirOps) -> None:
    with client.apps.execute("slow-echo", {"text": "stop me"}) as execution:
        execution.cancel()
        result = execution.result(timeout=10)
        assert result.status == "cancelled"
        assert result.state is airops.ExecutionState.CANCELLED
        assert not result.succeeded
        execution.cancel()  # a second cancel succeeds too


def test_cancel_after_completion_is_a_bad_request(client: airops.AirOps) -> None:
    with client.apps.execute("hello-world", {"name": "Ada"}) as execution:
        assert execution.result(timeout=10).succeeded
        with pytest.raises(airops.BadRequestError) as info:
            execution.cancel()
    assert info.value.status == 400
    assert isinstance(info.value, airops.APIError)


def test_result_timeout_then_wait_again(client: airops.AirOps) -> None:
    with client.apps.execute("slow-echo", {"text": "patience"}) as execution:
        started = time.monotonic()
        with pytest.raises(airops.TimeoutError) as info:
            execution.result(timeout=0.2)
        assert time.monotonic() - started < 2
        assert info.value.code == airops.ErrorCode.TIMEOUT and info.value.status == 0
        assert isinstance(info.value, TimeoutError)  # the builtin, too

        # The execution went on: its id still reaches it, and a second wait gets the result.
        pending = client.apps.get_results(execution.id)
        assert pending.execution_id == execution.id
        assert pending.state in (airops.ExecutionState.QUEUED, airops.ExecutionState.PENDING,
                                 airops.ExecutionState.RUNNING)
        result = execution.result()
        assert result.succeeded and result.output == "patience"
    final = client.apps.get_results(execution.id)
    assert final.succeeded and final.output == "patience"


def test_result_with_zero_timeout(client: airops.AirOps) -> None:
    with client.apps.execute("slow-echo", {"text": "x"}) as execution:
        with pytest.raises(airops.TimeoutError):
            execution.result(timeout=0)
        execution.cancel()


def test_get_execution_opens_by_id(client: airops.AirOps) -> None:
    with client.apps.execute("hello-world", {"name": "Ada"}) as started:
        execution_id = started.id
    assert started.closed
    with client.apps.get_execution(execution_id) as execution:
        assert execution.id == execution_id
        assert repr(execution) == f"<airops.Execution id={execution_id!r}>"
        result = execution.result(timeout=10)
        assert result.output == "Hello, Ada! Welcome to AirOps."
        assert execution.fetch().output == result.output
    assert execution.closed
    assert repr(execution).endswith(" closed>")


def test_get_execution_of_unknown_id(client: airops.AirOps) -> None:
    unknown = str(uuid.uuid4())
    with client.apps.get_execution(unknown) as execution:  # no request yet
        assert execution.id == unknown
        with pytest.raises(airops.NotFoundError) as info:
            execution.fetch()
        assert info.value.status == 404
        with pytest.raises(airops.NotFoundError):
            execution.cancel()
    with pytest.raises(airops.NotFoundError):
        client.apps.get_results(unknown)


def test_get_execution_empty_id(client: airops.AirOps) -> None:
    with pytest.raises(airops.InvalidArgumentError):
        client.apps.get_execution("")
    with pytest.raises(airops.InvalidArgumentError):
        client.apps.get_results("")


def test_closed_execution_raises(client: airops.AirOps) -> None:
    execution = client.apps.execute("hello-world", {"name": "Ada"})
    execution.close()
    execution.close()  # idempotent
    assert execution.closed
    assert execution.id  # kept after close
    for method in (execution.fetch, execution.result, execution.cancel):
        with pytest.raises(airops.InvalidArgumentError, match="closed"):
            method()


def test_execution_outlives_with_block_of_result(client: airops.AirOps) -> None:
    execution = client.apps.execute("hello-world", {"name": "Ada"})
    result = execution.result()
    execution.close()
    assert result.output == "Hello, Ada! Welcome to AirOps."  # copied, not borrowed


def test_result_with_unlimited_timeouts(client: airops.AirOps) -> None:
    for timeout in (None, -1, float("inf"), 1e13):
        with client.apps.execute("hello-world", {"name": "Ada"}) as execution:
            assert execution.result(timeout=timeout).succeeded
