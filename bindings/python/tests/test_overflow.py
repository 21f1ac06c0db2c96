"""Bounded memory: a stream whose consumer falls more than max_buffered_events behind ends
with one COMPLETED whose error_code is "events_overflowed"; the result is still the record."""

from __future__ import annotations

import asyncio

import pytest

import airops
from conftest import Server

HELLO = "Hello, Ada! Welcome to AirOps."


def check_overflowed(events: list[airops.Event], limit: int) -> None:
    assert events[-1].kind is airops.EventKind.COMPLETED
    assert events[-1].error_code == "events_overflowed"
    assert "error_message" in events[-1].data
    assert [event.kind for event in events].count(airops.EventKind.COMPLETED) == 1
    assert len(events) - 1 <= 2 * limit + 1


# Queued: the events wait in the library (its buffer and as many queued callbacks), so
# hello-world's six events overflow only a limit of 1.
@pytest.mark.parametrize(("delivery", "limit"), [("direct", 2), ("queued", 1)])
def test_a_consumer_that_reads_late_gets_the_overflow(realtime: Server, delivery: str,
                                                      limit: int) -> None:
    seen: list[airops.Event] = []
    with realtime.identify(delivery=delivery, max_buffered_events=limit) as client:
        with client.apps.execute("hello-world", {"name": "Ada"}, stream=True,
                                 on_event=seen.append) as execution:
            assert execution.result(timeout=10).output == HELLO  # nothing iterated yet
            check_overflowed(list(execution.events(timeout=10)), limit)
    if delivery == "direct":  # on_event saw the whole stream
        assert "".join(event.content or "" for event in seen[:-1]) == HELLO
        assert seen[-1].error_code is None


def test_a_consumer_that_keeps_up_sees_no_overflow(realtime: Server) -> None:
    with realtime.identify(max_buffered_events=2) as client:
        with client.apps.execute("hello-world", {"name": "Ada"}, stream=True) as execution:
            events = list(execution.events(timeout=10))
    assert events[-1].error_code is None and events[-1].content == HELLO


def test_asyncio_consumer_that_reads_late(realtime: Server) -> None:
    async def main() -> None:
        async with realtime.identify_async(max_buffered_events=2) as client:
            execution = await client.apps.execute("hello-world", {"name": "Ada"}, stream=True)
            async with execution:
                assert (await execution.result(timeout=10)).output == HELLO
                check_overflowed([event async for event in execution.events(timeout=10)], 2)
    asyncio.run(asyncio.wait_for(main(), 30))


@pytest.mark.parametrize("value", [0, -1, 10_000_001, 2**64])
def test_max_buffered_events_out_of_range(realtime: Server, value: int) -> None:
    with pytest.raises(airops.InvalidArgumentError, match="max_buffered_events"):
        realtime.identify(max_buffered_events=value)
