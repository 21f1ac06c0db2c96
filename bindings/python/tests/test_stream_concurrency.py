"""Many streams on one client share one realtime connection; reconnects keep streams whole."""

from __future__ import annotations

import threading
import time

import airops
from conftest import Server


def test_twenty_concurrent_streams_share_one_connection(realtime: Server) -> None:
    before = realtime.stats()["realtime_connections_total"]
    results: dict[int, tuple[str, list[airops.Event]]] = {}
    failures: list[BaseException] = []
    barrier = threading.Barrier(20)

    with realtime.identify() as client:
        def run(index: int) -> None:
            try:
                barrier.wait(10)
                name = f"T{index}"
                with client.apps.execute("hello-world", {"name": name},
                                         stream=True) as execution:
                    events = list(execution.events(timeout=10))
                    assert execution.result(timeout=10).succeeded
                results[index] = (execution.id, events)
            except BaseException as error:  # reported below
                failures.append(error)

        threads = [threading.Thread(target=run, args=(index,)) for index in range(20)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert not failures, failures
        assert realtime.stats()["realtime_connections_total"] == before + 1

    assert len(results) == 20
    for index, (execution_id, events) in results.items():
        expected = f"Hello, T{index}! Welcome to AirOps."
        assert [event.kind for event in events].count(airops.EventKind.COMPLETED) == 1
        assert events[-1].content == expected
        assert "".join(event.content or "" for event in events[:-1]) == expected
        assert {event.execution_id for event in events} == {execution_id}


def test_stream_survives_a_dropped_connection(realtime: Server) -> None:
    with realtime.identify() as client:
        before = realtime.stats()["realtime_connections_total"]
        with client.apps.execute("slow-echo", {"text": "one two three four five six"},
                                 stream=True) as execution:
            iterator = execution.events(timeout=15)
            assert next(iterator).kind is airops.EventKind.CHUNK
            assert realtime.dev("/dev/realtime/drop", method="POST")["dropped"] >= 1
            rest = list(iterator)
            result = execution.result(timeout=10)
        assert [event.kind for event in rest].count(airops.EventKind.COMPLETED) == 1
        assert rest[-1].kind is airops.EventKind.COMPLETED
        assert rest[-1].content == result.output == "one two three four five six"
        deadline = time.monotonic() + 5
        while realtime.stats()["realtime_connections_total"] < before + 1:
            assert time.monotonic() < deadline
            time.sleep(0.05)
