"""airops.aio at scale: many streams in one event loop, with no thread of their own."""

from __future__ import annotations

import asyncio
import threading

import airops
from airops.aio import AsyncAirOps
from conftest import Server

STREAMS = 50


def test_fifty_concurrent_streams_in_one_loop_start_no_thread(realtime: Server) -> None:
    connections_before = realtime.stats()["realtime_connections_total"]
    threads_before = threading.active_count()
    samples: list[int] = []
    callback_threads: set[int] = set()

    async def one(client: AsyncAirOps, index: int) -> tuple[str, list[airops.Event], str | None]:
        name = f"S{index}"
        execution = await client.apps.execute(
            "hello-world", {"name": name}, stream=True,
            on_event=lambda event: callback_threads.add(threading.get_ident()))
        async with execution:
            samples.append(threading.active_count())
            events = [event async for event in execution.events(timeout=30)]
            result = await execution.result(timeout=30)
            samples.append(threading.active_count())
        return execution.id, events, result.output

    async def sample(stop: asyncio.Event) -> None:
        while not stop.is_set():
            samples.append(threading.active_count())
            await asyncio.sleep(0.01)

    async def main() -> list[tuple[str, list[airops.Event], str | None]]:
        stop = asyncio.Event()
        sampler = asyncio.ensure_future(sample(stop))
        async with realtime.identify_async() as client:
            try:
                return await asyncio.gather(*(one(client, index) for index in range(STREAMS)))
            finally:
                stop.set()
                await sampler

    outcomes = asyncio.run(asyncio.wait_for(main(), 120))
    samples.append(threading.active_count())

    assert len(samples) > STREAMS
    assert max(samples) <= threads_before, (threads_before, max(samples))
    assert callback_threads == {threading.get_ident()}
    assert realtime.stats()["realtime_connections_total"] == connections_before + 1
    assert len(airops.aio._PENDING) == 0
    assert len(outcomes) == STREAMS
    assert len({execution_id for execution_id, _, _ in outcomes}) == STREAMS
    for index, (execution_id, events, output) in enumerate(outcomes):
        expected = f"Hello, S{index}! Welcome to AirOps."
        assert output == expected
        kinds = [event.kind for event in events]
        assert kinds.count(airops.EventKind.COMPLETED) == 1
        assert kinds[-1] is airops.EventKind.COMPLETED
        assert events[-1].content == expected
        assert "".join(event.content or "" for event in events[:-1]) == expected
        assert {event.execution_id for event in events} == {execution_id}
