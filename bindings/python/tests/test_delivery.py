"""Queued delivery: client.event_fd, client.dispatch, iteration that dispatches itself."""

from __future__ import annotations

import select
import threading
import time

import pytest

import airops
from conftest import Server

HELLO = "Hello, Ada! Welcome to AirOps."


def readable(fd: int, timeout: float = 0.0) -> bool:
    ready, _, _ = select.select([fd], [], [], timeout)
    return bool(ready)


def test_direct_client_has_no_event_fd(stream_client: airops.AirOps) -> None:
    assert stream_client.delivery == "direct"
    assert stream_client.event_fd is None
    with pytest.raises(airops.InvalidArgumentError):
        stream_client.dispatch()


def test_callbacks_run_only_on_the_dispatching_thread(queued_client: airops.AirOps) -> None:
    assert queued_client.delivery == "queued"
    fd = queued_client.event_fd
    assert isinstance(fd, int) and fd >= 0
    assert not readable(fd)
    assert queued_client.dispatch() == 0  # nothing waits: returns at once

    events: list[airops.Event] = []
    threads: set[int] = set()

    def on_event(event: airops.Event) -> None:
        threads.add(threading.get_ident())
        events.append(event)

    with queued_client.apps.execute("hello-world", {"name": "Ada"}, stream=True,
                                    on_event=on_event) as execution:
        result = execution.result(timeout=10)  # the library does not need dispatch for it
        assert result.output == HELLO
        time.sleep(0.2)
        assert events == []  # held until dispatched
        assert readable(fd, timeout=5)
        deadline = time.monotonic() + 10
        while not events or events[-1].kind is not airops.EventKind.COMPLETED:
            assert time.monotonic() < deadline
            if readable(fd, timeout=1):
                assert queued_client.dispatch() > 0
        assert not readable(fd)  # none wait any more
        assert queued_client.dispatch() == 0
    assert threads == {threading.get_ident()}
    assert "".join(event.content or "" for event in events[:-1]) == HELLO


def test_dispatch_max_events(queued_client: airops.AirOps) -> None:
    with queued_client.apps.execute("hello-world", {"name": "Ada"}, stream=True) as execution:
        execution.result(timeout=10)
        fd = queued_client.event_fd
        assert fd is not None
        deadline = time.monotonic() + 5
        dispatched = 0
        while dispatched < 6:  # five chunks and completed
            assert time.monotonic() < deadline
            if readable(fd, timeout=1):
                assert queued_client.dispatch(max_events=1) == 1
                dispatched += 1
        assert not readable(fd)
        events = list(execution.events(timeout=0))
    assert [event.kind for event in events][-1] is airops.EventKind.COMPLETED
    assert len(events) == 6


def test_dispatch_argument_checks(queued_client: airops.AirOps) -> None:
    with pytest.raises(airops.InvalidArgumentError):
        queued_client.dispatch(-1)
    with pytest.raises(TypeError):
        queued_client.dispatch(1.5)  # type: ignore[arg-type]


def test_iteration_dispatches_in_queued_mode(queued_client: airops.AirOps) -> None:
    threads: set[int] = set()
    with queued_client.apps.execute("hello-world", {"name": "Ada"}, stream=True,
                                    on_event=lambda event: threads.add(threading.get_ident())
                                    ) as execution:
        events = list(execution.events(timeout=10))
    assert threads == {threading.get_ident()}
    assert events[-1].content == HELLO
    assert "".join(event.content or "" for event in events[:-1]) == HELLO


def test_chat_iteration_in_queued_mode(queued_client: airops.AirOps) -> None:
    with queued_client.apps.chat_stream("demo-agent", "hello") as execution:
        events = list(execution.events(timeout=10))
    assert events[-1].result == "Turn 1. You said: hello. This is a new session."


def test_concurrent_iterators_in_queued_mode(queued_client: airops.AirOps) -> None:
    # Each thread's dispatch may run the other executions' events: every iterator must still
    # get exactly its own events.
    outputs: dict[str, list[airops.Event]] = {}
    failures: list[BaseException] = []

    def run(name: str) -> None:
        try:
            with queued_client.apps.execute("hello-world", {"name": name},
                                            stream=True) as execution:
                outputs[name] = list(execution.events(timeout=10))
        except BaseException as error:  # reported below
            failures.append(error)

    threads = [threading.Thread(target=run, args=(f"N{index}",)) for index in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not failures
    for name, events in outputs.items():
        expected = f"Hello, {name}! Welcome to AirOps."
        assert events[-1].content == expected
        assert "".join(event.content or "" for event in events[:-1]) == expected
    assert len(outputs) == 6


def test_queued_events_of_a_closed_execution_are_dropped(queued_client: airops.AirOps) -> None:
    seen: list[airops.Event] = []
    execution = queued_client.apps.execute("hello-world", {"name": "Ada"}, stream=True,
                                           on_event=seen.append)
    execution.result(timeout=10)
    execution.close()
    time.sleep(0.1)
    queued_client.dispatch()
    assert seen == []
    assert list(execution) == []


def test_queued_client_from_environment(realtime: Server) -> None:
    with realtime.identify(delivery="queued") as client:  # realtime endpoint from AIROPS_*
        with client.apps.execute("public-echo", {"text": "x"}, stream=True) as execution:
            assert list(execution.events(timeout=10))[-1].content == "You said: x"
