"""Streamed executions: on_event, iteration, the Event objects, direct delivery."""

from __future__ import annotations

import dataclasses
import json
import threading

import pytest

import airops
from conftest import Server

HELLO = "Hello, Ada! Welcome to AirOps."


def check_stream(events: list[airops.Event], execution_id: str, output: str) -> None:
    """Chunks that join into the output, then exactly one COMPLETED, all of one execution."""
    kinds = [event.kind for event in events]
    assert kinds.count(airops.EventKind.COMPLETED) == 1
    assert kinds[-1] is airops.EventKind.COMPLETED
    assert set(kinds[:-1]) == {airops.EventKind.CHUNK}
    assert "".join(event.content or "" for event in events[:-1]) == output
    assert events[-1].content == output
    assert all(event.execution_id == execution_id for event in events)


def test_streamed_execute_with_on_event(stream_client: airops.AirOps) -> None:
    events: list[airops.Event] = []
    threads: set[int] = set()

    def on_event(event: airops.Event) -> None:
        threads.add(threading.get_ident())
        events.append(event)

    with stream_client.apps.execute("hello-world", {"name": "Ada"}, stream=True,
                                    on_event=on_event) as execution:
        assert execution.streamed and execution.session_id is None
        result = execution.result(timeout=10)
    assert result.succeeded and result.output == HELLO
    assert len(events) >= 2  # chunked by words
    check_stream(events, execution.id, HELLO)
    assert threads and threading.get_ident() not in threads  # the library's delivery thread
    assert len(threads) == 1


def test_streamed_execute_by_iteration(stream_client: airops.AirOps) -> None:
    with stream_client.apps.execute("hello-world", {"name": "Ada"}, stream=True) as execution:
        events = list(execution)
        check_stream(events, execution.id, HELLO)
        assert list(execution) == []  # the stream has ended; a second loop ends at once
        assert execution.result(timeout=10).output == HELLO


def test_on_event_and_iteration_see_the_same_events(stream_client: airops.AirOps) -> None:
    seen: list[airops.Event] = []
    with stream_client.apps.execute("hello-world", {"name": "Bo"}, stream=True,
                                    on_event=seen.append) as execution:
        iterated = list(execution.events(timeout=10))
    assert iterated == seen
    check_stream(iterated, execution.id, "Hello, Bo! Welcome to AirOps.")


def test_events_are_plain_immutable_objects(stream_client: airops.AirOps) -> None:
    with stream_client.apps.execute("hello-world", {"name": "Ada"}, stream=True) as execution:
        events = list(execution)
    chunk, completed = events[0], events[-1]
    assert isinstance(chunk, airops.Event)
    assert chunk.kind is airops.EventKind.CHUNK and chunk.action == "chunk"
    assert completed.action == "completed"
    assert chunk.data == json.loads(chunk.json) == {"content": chunk.content}
    assert completed.data["content"] == HELLO
    assert chunk.token is None and chunk.tool is None and chunk.tool_input is None
    assert chunk.stream_finished is False and chunk.result is None
    with pytest.raises(dataclasses.FrozenInstanceError):
        chunk.content = "changed"  # type: ignore[misc]
    assert hash(chunk) == hash(dataclasses.replace(chunk))


def test_streamed_pinned_version(stream_client: airops.AirOps) -> None:
    with stream_client.apps.execute("hello-world", {"name": "Ada"}, version=1,
                                    stream=True) as execution:
        events = list(execution.events(timeout=10))
    check_stream(events, execution.id, "Hello, Ada!")


def test_streamed_public_app_with_public_client(realtime: Server) -> None:
    with airops.AirOps(host=realtime.host, realtime_url=realtime.realtime_url,
                       pusher_key=realtime.pusher_key, load_environment=False) as client:
        with client.apps.execute("public-echo", {"text": "hi"}, stream=True) as execution:
            events = list(execution.events(timeout=10))
    check_stream(events, execution.id, "You said: hi")


def test_streamed_failing_app(stream_client: airops.AirOps) -> None:
    with stream_client.apps.execute("always-fails", stream=True) as execution:
        events = list(execution.events(timeout=10))
        result = execution.result(timeout=10)
    assert [event.kind for event in events] == [airops.EventKind.COMPLETED]
    assert events[0].content == ""
    assert events[0].data["error_code"] == "demo_failure"
    assert result.status == "error" and result.error_code == "demo_failure"


def test_event_timeout(stream_client: airops.AirOps) -> None:
    with stream_client.apps.execute("slow-echo", {"text": "patience"}, stream=True) as execution:
        with pytest.raises(airops.TimeoutError):
            next(execution.events(timeout=0.05))
        execution.cancel()


def test_iterating_a_plain_execution_is_a_type_error(stream_client: airops.AirOps) -> None:
    with stream_client.apps.execute("hello-world", {"name": "Ada"}) as execution:
        assert not execution.streamed and execution.session_id is None
        with pytest.raises(TypeError, match="stream"):
            iter(execution)
        execution.result(timeout=10)


def test_on_event_needs_stream(stream_client: airops.AirOps) -> None:
    with pytest.raises(airops.InvalidArgumentError, match="stream=True"):
        stream_client.apps.execute("hello-world", {"name": "Ada"}, on_event=print)
    with pytest.raises(TypeError):
        stream_client.apps.execute("hello-world", {"name": "Ada"}, stream=True,
                                   on_event="not callable")  # type: ignore[arg-type]


def test_stream_arguments_are_checked_by_the_library(stream_client: airops.AirOps) -> None:
    with pytest.raises(airops.InvalidArgumentError):
        stream_client.apps.execute("", stream=True)
    with pytest.raises(airops.InvalidArgumentError):
        stream_client.apps.execute("hello-world", [1, 2], stream=True)  # type: ignore[arg-type]
    with pytest.raises(airops.InvalidArgumentError):
        stream_client.apps.execute("hello-world", {"name": "Ada"}, version=-1, stream=True)
    with pytest.raises(airops.NotFoundError):
        stream_client.apps.execute("no-such-app", stream=True)


def test_streamed_missing_input_is_a_bad_request(stream_client: airops.AirOps) -> None:
    with pytest.raises(airops.BadRequestError):
        stream_client.apps.execute("hello-world", {}, stream=True)
