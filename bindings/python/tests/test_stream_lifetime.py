"""Lifetimes around streams: cancel, close, callback exceptions, the one callback object."""

from __future__ import annotations

import ctypes
import gc
import logging
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import airops
from airops import _library, _stream
from conftest import Server

SLOW_TEXT = "one two three four five six"  # slow-echo: six chunks over 3 s


def test_cancel_mid_stream_ends_iteration(stream_client: airops.AirOps) -> None:
    calls: list[airops.Event] = []
    with stream_client.apps.execute("slow-echo", {"text": SLOW_TEXT}, stream=True,
                                    on_event=calls.append) as execution:
        key = execution._key
        assert key is not None and key in _stream.SINKS
        iterated = []
        for event in execution.events(timeout=10):
            iterated.append(event)
            execution.cancel()
            after_cancel = len(calls)
        assert len(iterated) == 1 and iterated[0].kind is airops.EventKind.CHUNK
        assert key not in _stream.SINKS
        time.sleep(0.7)  # longer than the gap between two chunks
        assert len(calls) == after_cancel  # no callback after cancel returned
        assert execution.result(timeout=10).status == "cancelled"
        assert list(execution) == []


def test_cancel_from_another_thread_ends_a_blocked_iterator(stream_client: airops.AirOps) -> None:
    with stream_client.apps.execute("slow-echo", {"text": "x"}, stream=True) as execution:
        timer = threading.Timer(0.3, execution.cancel)
        timer.start()
        started = time.monotonic()
        events = list(execution.events(timeout=10))  # single chunk only after 3 s
        timer.join()
        assert time.monotonic() - started < 2
        assert events == []


def test_close_mid_stream_ends_iteration_and_callbacks(stream_client: airops.AirOps) -> None:
    calls: list[airops.Event] = []
    execution = stream_client.apps.execute("slow-echo", {"text": SLOW_TEXT}, stream=True,
                                           on_event=calls.append)
    key = execution._key
    assert key is not None
    iterator = execution.events(timeout=10)
    assert next(iterator).kind is airops.EventKind.CHUNK
    execution.close()
    count = len(calls)
    assert key not in _stream.SINKS
    assert list(iterator) == []
    time.sleep(0.7)
    assert len(calls) == count


def test_close_from_inside_on_event(stream_client: airops.AirOps) -> None:
    calls: list[airops.Event] = []
    holder: list[airops.Execution] = []
    closed = threading.Event()

    def on_event(event: airops.Event) -> None:
        calls.append(event)
        holder[0].close()  # the library allows free from inside the callback
        closed.set()

    execution = stream_client.apps.execute("slow-echo", {"text": SLOW_TEXT}, stream=True,
                                           on_event=on_event)
    holder.append(execution)
    assert closed.wait(5)
    assert execution.closed
    time.sleep(0.7)
    assert len(calls) == 1
    assert list(execution) == []  # closed: iteration ends


def test_closing_the_client_ends_streams(realtime: Server) -> None:
    client = realtime.identify()
    execution = client.apps.execute("slow-echo", {"text": SLOW_TEXT}, stream=True)
    key = execution._key
    assert key is not None
    threading.Timer(0.2, client.close).start()
    events = list(execution.events(timeout=10))
    assert len(events) <= 1
    assert execution.closed and key not in _stream.SINKS


def test_dropping_an_execution_unregisters_it(stream_client: airops.AirOps) -> None:
    execution = stream_client.apps.execute("hello-world", {"name": "Ada"}, stream=True)
    key = execution._key
    assert key is not None and key in _stream.SINKS
    del execution
    gc.collect()
    assert key not in _stream.SINKS


def test_exception_in_on_event_surfaces(stream_client: airops.AirOps,
                                        caplog: pytest.LogCaptureFixture) -> None:
    calls: list[airops.Event] = []

    class Boom(Exception):
        pass

    def on_event(event: airops.Event) -> None:
        calls.append(event)
        if len(calls) == 1:
            raise Boom("first")
        if event.kind is airops.EventKind.CHUNK:
            raise Boom("later")

    with caplog.at_level(logging.ERROR, logger="airops"):
        with stream_client.apps.execute("hello-world", {"name": "Ada"}, stream=True,
                                        on_event=on_event) as execution:
            with pytest.raises(Boom, match="first"):
                execution.result(timeout=10)
            with pytest.raises(Boom, match="first"):  # raised again, still the first one
                execution.result(timeout=10)
            with pytest.raises(Boom, match="first"):
                list(execution)
            assert execution.fetch().succeeded  # the record is still there
    # later events were still delivered (each exception logged, the first one kept)
    assert calls[-1].kind is airops.EventKind.COMPLETED
    records = [record for record in caplog.records if record.name == "airops"]
    assert len(records) == len(calls) - 1
    assert all(record.exc_info for record in records)


def test_exception_in_on_event_stops_iteration_at_that_event(
        queued_client: airops.AirOps) -> None:
    def on_event(event: airops.Event) -> None:
        if event.content == "Ada! ":
            raise ValueError("bad chunk")

    with queued_client.apps.execute("hello-world", {"name": "Ada"}, stream=True,
                                    on_event=on_event) as execution:
        received = []
        with pytest.raises(ValueError, match="bad chunk"):
            for event in execution.events(timeout=10):
                received.append(event.content)
    assert received == ["Hello, "]


def test_exception_in_on_event_for_a_chat(stream_client: airops.AirOps) -> None:
    def on_event(event: airops.Event) -> None:
        if event.kind is airops.EventKind.COMPLETED:
            raise RuntimeError("at the end")

    with stream_client.apps.chat_stream("demo-agent", "hi", on_event=on_event) as execution:
        with pytest.raises(RuntimeError, match="at the end"):
            execution.result(timeout=10)


def test_one_callback_object_for_every_stream(stream_client: airops.AirOps) -> None:
    def callbacks() -> int:
        return sum(1 for item in gc.get_objects() if isinstance(item, _library.EventCallback))

    before = callbacks()
    assert before >= 1 and isinstance(_stream.ON_EVENT, _library.EventCallback)
    for _ in range(3):
        with stream_client.apps.execute("public-echo", {"text": "x"}, stream=True,
                                        on_event=lambda event: None) as execution:
            execution.result(timeout=10)
    assert callbacks() == before


def test_callbacks_survive_garbage_collection_pressure(stream_client: airops.AirOps) -> None:
    done = threading.Event()
    outputs: dict[str, str] = {}
    lock = threading.Lock()

    def start(name: str) -> airops.Execution:
        pieces: list[str] = []

        def on_event(event: airops.Event) -> None:  # a closure only the sink references
            gc.collect()  # collect on the library's thread too, inside the callback
            if event.kind is airops.EventKind.CHUNK:
                pieces.append(event.content or "")
            else:
                with lock:
                    outputs[name] = "".join(pieces)
                    if len(outputs) == 8:
                        done.set()

        return stream_client.apps.execute("hello-world", {"name": name}, stream=True,
                                          on_event=on_event)

    executions = [start(f"G{index}") for index in range(8)]
    deadline = time.monotonic() + 20
    while not done.is_set() and time.monotonic() < deadline:
        gc.collect()
        ctypes.string_at(ctypes.create_string_buffer(b"x" * 4096))  # churn some memory
    assert done.is_set()
    assert outputs == {f"G{index}": f"Hello, G{index}! Welcome to AirOps." for index in range(8)}
    for execution in executions:
        execution.close()


EXIT_WITHOUT_CLOSING = """
import os, sys, time
import airops
client = airops.AirOps.identify(os.environ["AIROPS_USER_ID"], os.environ["AIROPS_WORKSPACE_ID"],
                                os.environ["AIROPS_HASHED_USER_ID"])
text = " ".join("word%d" % index for index in range(30))  # a chunk every 100 ms
executions = [client.apps.execute("slow-echo", {"text": text}, stream=True,
                                  on_event=lambda event: None) for _ in range(3)]
time.sleep(float(sys.argv[1]))
print("bye")
"""


def test_exit_with_open_streams_does_not_crash(realtime: Server) -> None:
    # Callbacks into a finalizing interpreter would kill the process: the package closes the
    # clients that are still open at exit, before finalization.
    environment = {**os.environ,
                   "PYTHONPATH": str(Path(airops.__file__).resolve().parents[1])}
    processes = [subprocess.Popen([sys.executable, "-c", EXIT_WITHOUT_CLOSING, str(delay)],
                                  env=environment, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True)
                 for delay in (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)]
    for process in processes:
        out, err = process.communicate(timeout=60)
        assert (process.returncode, out) == (0, "bye\n"), err[-2000:]
