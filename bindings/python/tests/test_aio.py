"""airops.aio: AsyncAirOps, AsyncApps, AsyncExecution against the dev server.

No asyncio plugin is needed: each test runs its coroutine with asyncio.run.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import os
import subprocess
import sys
import threading
import time
import typing
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest

import airops
import airops.aio
from airops import _stream
from airops.aio import AsyncAirOps, AsyncApps, AsyncExecution
from conftest import Server

T = TypeVar("T")
Kind = airops.EventKind
HELLO = "Hello, Ada! Welcome to AirOps."
SLOW_TEXT = "one two three four five six"  # slow-echo: six chunks over 3 s


def run(coroutine: Awaitable[T], timeout: float = 60) -> T:
    """Runs a coroutine in a new event loop, failing the test if it hangs."""
    async def bounded() -> T:
        return await asyncio.wait_for(coroutine, timeout)
    return asyncio.run(bounded())


# --- clients ---------------------------------------------------------------------------------

def test_identify_and_close(server: Server) -> None:
    async def main() -> None:
        client = server.identify_async()
        assert isinstance(client, AsyncAirOps)
        assert isinstance(client.apps, AsyncApps)
        assert client.loop is None  # bound on first use
        assert not client.closed
        assert repr(client) == "<airops.aio.AsyncAirOps>" and "AsyncApps" in repr(client.apps)
        async with client:
            assert client.loop is asyncio.get_running_loop()
        assert client.closed and client.loop is None
        assert repr(client) == "<airops.aio.AsyncAirOps closed>"
        client.close()  # idempotent
        await client.aclose()
    run(main())


def test_public_client_runs_a_public_app(server: Server) -> None:
    async def main() -> airops.ExecutionResult:
        async with AsyncAirOps(host=server.host, request_timeout=10) as client:
            async with await client.apps.execute("public-echo", {"text": "hi"}) as execution:
                return await execution.result(timeout=10)
    result = run(main())
    assert result.succeeded and result.output == "You said: hi"


@pytest.mark.parametrize("name", ["__init__", "identify"])
def test_same_keywords_as_the_sync_client(name: str) -> None:
    sync = inspect.signature(getattr(airops.AirOps, name)).parameters
    async_ = inspect.signature(getattr(AsyncAirOps, name)).parameters
    assert [(p.name, p.kind, p.default) for p in sync.values() if p.name != "delivery"] == \
        [(p.name, p.kind, p.default) for p in async_.values() if p.name != "delivery"]
    assert async_["delivery"].default == "queued"


def test_only_queued_delivery(server: Server) -> None:
    with pytest.raises(airops.InvalidArgumentError, match="queued"):
        AsyncAirOps(host=server.host, delivery="direct")  # type: ignore[arg-type]
    with pytest.raises(airops.InvalidArgumentError, match="queued"):
        server.identify_async(delivery="direct")
    client = server.identify_async(delivery="queued")
    assert client._queued
    client.close()


@pytest.mark.parametrize("field", ["user_id", "workspace_id", "hashed_user_id"])
def test_identify_rejects_missing_values(server: Server, field: str) -> None:
    identity = {"user_id": server.user_id, "workspace_id": server.workspace_id,
                "hashed_user_id": server.hashed_user_id, field: ""}
    with pytest.raises(airops.InvalidArgumentError):
        AsyncAirOps.identify(**identity, host=server.host)  # type: ignore[arg-type]


def test_bad_options_are_rejected() -> None:
    with pytest.raises(airops.InvalidArgumentError):
        AsyncAirOps(host="not a url")
    with pytest.raises(airops.InvalidArgumentError):
        AsyncAirOps(request_timeout=0)


def test_closed_client_raises(server: Server) -> None:
    async def main() -> None:
        client = server.identify_async()
        client.close()
        with pytest.raises(airops.InvalidArgumentError, match="closed"):
            await client.apps.execute("hello-world", {"name": "Ada"})
        with pytest.raises(airops.InvalidArgumentError, match="closed"):
            await client.apps.get("hello-world")
        with pytest.raises(airops.InvalidArgumentError, match="closed"):
            client.apps.get_execution(str(uuid.uuid4()))
        with pytest.raises(airops.InvalidArgumentError, match="closed"):
            async with client:
                pass
    run(main())


def test_client_moves_to_a_new_loop_once_the_old_one_is_closed(server: Server) -> None:
    client = server.identify_async()

    async def one_run(name: str) -> str | None:
        async with await client.apps.execute("hello-world", {"name": name}) as execution:
            return (await execution.result(timeout=10)).output

    try:
        assert run(one_run("A")) == "Hello, A! Welcome to AirOps."
        assert run(one_run("B")) == "Hello, B! Welcome to AirOps."  # the first loop is closed

        other = asyncio.new_event_loop()  # bound, and left open
        try:
            assert other.run_until_complete(one_run("C")) == "Hello, C! Welcome to AirOps."
            with pytest.raises(RuntimeError, match="another event loop"):
                run(one_run("D"))
        finally:
            other.close()
    finally:
        client.close()


def test_import_airops_does_not_import_asyncio() -> None:
    code = ("import sys, airops\n"
            "assert 'asyncio' not in sys.modules and 'airops.aio' not in sys.modules\n"
            "assert airops.aio.AsyncAirOps.__name__ == 'AsyncAirOps'\n"
            "assert 'airops.aio' in sys.modules\n"
            "try:\n"
            "    airops.no_such_name\n"
            "except AttributeError:\n"
            "    print('ok')\n")
    environment = {**os.environ, "PYTHONPATH": str(Path(airops.__file__).resolve().parents[1])}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60, env=environment)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "ok\n"


# --- apps ----------------------------------------------------------------------------------------

def test_get_app_and_errors(server: Server) -> None:
    async def main() -> None:
        async with server.identify_async() as client:
            app = await client.apps.get("hello-world")
            assert app["id"] == 1 and app["public"] is False
            assert (await client.apps.get(1))["uuid"] == app["uuid"]
            with pytest.raises(airops.NotFoundError) as info:
                await client.apps.get("no-such-app")
            assert info.value.status == 404
            with pytest.raises(airops.InvalidArgumentError):
                await client.apps.get("")
            with pytest.raises(TypeError):
                await client.apps.get(1.5)  # type: ignore[arg-type]
    run(main())


def test_close_during_get_fails_it_and_frees_at_once(server: Server) -> None:
    async def main() -> None:
        client = server.identify_async()
        async with client:
            assert (await client.apps.get("hello-world"))["id"] == 1
            pending = asyncio.ensure_future(client.apps.get("hello-world"))
            await asyncio.sleep(0)  # airops_app_get_async is in flight
        assert client.closed
        assert client._handle.closed  # freed by close itself
        with pytest.raises(airops.InvalidArgumentError, match="closed"):
            await pending
    run(main())


def test_execute_and_result(server: Server) -> None:
    async def main() -> None:
        async with server.identify_async() as client:
            execution = await client.apps.execute("hello-world", {"name": "Ada"})
            assert isinstance(execution, AsyncExecution)
            assert str(uuid.UUID(execution.id)) == execution.id
            assert execution.client is client
            assert not execution.streamed and execution.session_id is None
            assert repr(execution) == f"<airops.aio.AsyncExecution id={execution.id!r}>"
            result = await execution.result(timeout=10)
            assert isinstance(result, airops.ExecutionResult)
            assert result.succeeded and result.output == HELLO
            assert result.execution_id == execution.id
            again = await execution.fetch()
            assert again.output == HELLO and again.state is airops.ExecutionState.SUCCESS
            assert await client.apps.get_results(execution.id) == again
            with pytest.raises(TypeError, match="not a streamed execution"):
                execution.events()
            await execution.aclose()
            assert execution.closed
            assert repr(execution).endswith(" closed>")
            with pytest.raises(airops.InvalidArgumentError, match="closed"):
                await execution.fetch()
            execution.close()  # idempotent
    run(main())


def test_pinned_version_and_numeric_id(server: Server) -> None:
    async def main() -> list[str | None]:
        async with server.identify_async() as client:
            outputs = []
            for app_id, version in (("hello-world", 1), (1, 2), ("1", None)):
                async with await client.apps.execute(app_id, {"name": "Ada"},
                                                     version=version) as execution:
                    outputs.append((await execution.result(timeout=10)).output)
            return outputs
    assert run(main()) == ["Hello, Ada!", HELLO, HELLO]


def test_failing_app_is_a_result(server: Server) -> None:
    async def main() -> airops.ExecutionResult:
        async with server.identify_async() as client:
            async with await client.apps.execute("always-fails") as execution:
                return await execution.result(timeout=10)
    result = run(main())
    assert not result.succeeded and result.status == "error"
    assert result.error_code == "demo_failure"


def test_get_execution_fetch_and_cancel(server: Server) -> None:
    async def main() -> None:
        async with server.identify_async() as client:
            started = await client.apps.execute("slow-echo", {"text": "hi"})
            opened = client.apps.get_execution(started.id)
            assert opened.id == started.id and not opened.streamed
            current = await opened.fetch()
            assert current.state in (airops.ExecutionState.QUEUED, airops.ExecutionState.PENDING,
                                     airops.ExecutionState.RUNNING)
            await opened.cancel()
            await opened.cancel()  # cancelling again succeeds
            assert (await started.result(timeout=10)).status == "cancelled"
    run(main())


def test_cancel_a_finished_execution_is_a_bad_request(server: Server) -> None:
    async def main() -> None:
        async with server.identify_async() as client:
            async with await client.apps.execute("hello-world", {"name": "Ada"}) as execution:
                await execution.result(timeout=10)
                with pytest.raises(airops.BadRequestError) as info:
                    await execution.cancel()
                assert info.value.status == 400
    run(main())


def test_result_timeout(server: Server) -> None:
    async def main() -> None:
        async with server.identify_async() as client:
            async with await client.apps.execute("slow-echo", {"text": "hi"}) as execution:
                started = time.monotonic()
                with pytest.raises(airops.TimeoutError) as info:
                    await execution.result(timeout=0.2)
                assert time.monotonic() - started < 2
                assert isinstance(info.value, TimeoutError)
                assert info.value.code_name == "AIROPS_ERR_TIMEOUT"
                assert (await execution.result(timeout=10)).output == "hi"  # it went on
    run(main())


# --- errors: the classes of the synchronous API ------------------------------------------------

ErrorCase = Callable[[Any], Any]

ERROR_CASES: dict[str, tuple[type[airops.AirOpsError], ErrorCase]] = {
    "unknown app": (airops.NotFoundError,
                    lambda apps: apps.execute("no-such-app", {"name": "Ada"})),
    "missing input": (airops.BadRequestError, lambda apps: apps.execute("hello-world", {})),
    "unknown execution": (airops.NotFoundError,
                          lambda apps: apps.get_results(str(uuid.uuid4()))),
    "non-object inputs": (airops.InvalidArgumentError,
                          lambda apps: apps.execute("hello-world", ["Ada"])),
    "NaN in inputs": (airops.InvalidArgumentError,
                      lambda apps: apps.execute("hello-world", {"name": float("nan")})),
    "negative version": (airops.InvalidArgumentError,
                         lambda apps: apps.execute("hello-world", {"name": "A"}, version=-1)),
    "empty app id": (airops.InvalidArgumentError, lambda apps: apps.execute("", {})),
    "empty message": (airops.InvalidArgumentError, lambda apps: apps.chat_stream("demo-agent", "")),
    "empty session": (airops.InvalidArgumentError,
                      lambda apps: apps.chat_stream("demo-agent", "hi", session_id="")),
    "unknown agent": (airops.NotFoundError, lambda apps: apps.chat_stream("no-such-app", "hi")),
    "on_event without stream": (airops.InvalidArgumentError,
                                lambda apps: apps.execute("hello-world", {"name": "A"},
                                                          on_event=print)),
}


@pytest.mark.parametrize("case", sorted(ERROR_CASES))
def test_errors_match_the_sync_api(realtime: Server, case: str) -> None:
    expected, operation = ERROR_CASES[case]
    with realtime.identify() as client:
        with pytest.raises(airops.AirOpsError) as sync_info:
            operation(client.apps)

    async def main() -> airops.AirOpsError:
        async with realtime.identify_async() as client:
            with pytest.raises(airops.AirOpsError) as info:
                await operation(client.apps)
            return info.value

    async_error = run(main())
    sync_error = sync_info.value
    assert type(async_error) is type(sync_error) is expected
    assert (async_error.code, async_error.code_name, async_error.status) == (
        sync_error.code, sync_error.code_name, sync_error.status)
    assert async_error.message == sync_error.message


def test_wrong_hash_is_an_authentication_error(server: Server) -> None:
    async def main() -> None:
        client = AsyncAirOps.identify(user_id=server.user_id, workspace_id=server.workspace_id,
                                      hashed_user_id="0" * 64, host=server.host)
        async with client:
            with pytest.raises(airops.AuthenticationError) as info:
                await client.apps.execute("hello-world", {"name": "Ada"})
            assert info.value.status == 401 and isinstance(info.value, airops.APIError)
            with pytest.raises(airops.AuthenticationError):
                await client.apps.get("hello-world")
    run(main())


def test_network_errors(closed_port: int) -> None:
    async def main() -> None:
        async with AsyncAirOps(host=f"http://127.0.0.1:{closed_port}", request_timeout=5,
                               load_environment=False) as client:
            with pytest.raises(airops.ConnectionError) as info:
                await client.apps.execute("hello-world", {"name": "Ada"})
            assert isinstance(info.value, ConnectionError)
            async with client.apps.get_execution(str(uuid.uuid4())) as execution:
                with pytest.raises(airops.ConnectionError):
                    await execution.fetch()
                with pytest.raises((airops.ConnectionError, airops.TimeoutError)):
                    await execution.result(timeout=2)
    run(main())


def test_streaming_needs_a_realtime_endpoint(server: Server) -> None:
    async def main() -> None:
        async with AsyncAirOps(host=server.host, load_environment=False) as client:
            with pytest.raises(airops.InvalidArgumentError):
                await client.apps.execute("public-echo", {"text": "x"}, stream=True)
            with pytest.raises(airops.InvalidArgumentError):
                await client.apps.chat_stream("public-agent", "hi")
    run(main())


def test_argument_types(server: Server) -> None:
    async def main() -> None:
        async with server.identify_async() as client:
            with pytest.raises(TypeError):
                await client.apps.execute("hello-world", {"name": "A"}, stream=True,
                                          on_event="not callable")  # type: ignore[arg-type]
            with pytest.raises(TypeError):
                await client.apps.execute("hello-world", {"name": "A"},
                                          version="1")  # type: ignore[arg-type]
            with pytest.raises(airops.InvalidArgumentError, match="inputs"):
                await client.apps.execute("hello-world", {"name": object()})
            async with await client.apps.execute("hello-world", {"name": "A"}) as execution:
                with pytest.raises(TypeError):
                    await execution.result(timeout="soon")  # type: ignore[arg-type]
            assert len(airops.aio._PENDING) == 0  # nothing left registered by failed calls
    run(main())


# --- streams -------------------------------------------------------------------------------------

def test_streamed_execution(realtime: Server) -> None:
    async def main() -> None:
        seen: list[airops.Event] = []
        threads: set[int] = set()

        def on_event(event: airops.Event) -> None:
            threads.add(threading.get_ident())
            seen.append(event)

        async with realtime.identify_async() as client:
            execution = await client.apps.execute("hello-world", {"name": "Ada"}, stream=True,
                                                  on_event=on_event)
            async with execution:
                assert execution.streamed
                events = [event async for event in execution]
                result = await execution.result(timeout=10)
                assert [event async for event in execution] == []  # the stream has ended
        assert events == seen
        assert threads == {threading.get_ident()}  # on the loop's thread
        assert [event.kind for event in events].count(Kind.COMPLETED) == 1
        assert events[-1].kind is Kind.COMPLETED and events[-1].content == HELLO
        assert "".join(event.content or "" for event in events[:-1]) == HELLO
        assert {event.execution_id for event in events} == {execution.id}
        assert result.output == HELLO
    run(main())


def test_on_event_is_an_event_handler() -> None:
    assert typing.get_args(airops.EventHandler) == ([airops.Event], object)
    handler: airops.EventHandler = print
    assert callable(handler)


def test_result_first_then_iterate(realtime: Server) -> None:
    async def main() -> list[airops.Event]:
        async with realtime.identify_async() as client:
            async with await client.apps.execute("hello-world", {"name": "Ada"},
                                                 stream=True) as execution:
                assert (await execution.result(timeout=10)).output == HELLO
                return [event async for event in execution.events(timeout=5)]
    events = run(main())
    assert events[-1].kind is Kind.COMPLETED and events[-1].content == HELLO


def test_chat_two_turns(realtime: Server) -> None:
    async def turn(client: AsyncAirOps, message: str,
                   session_id: str | None) -> tuple[AsyncExecution, list[airops.Event]]:
        async with await client.apps.chat_stream("demo-agent", message,
                                                 session_id=session_id) as execution:
            events = [event async for event in execution.events(timeout=10)]
            assert (await execution.result(timeout=10)).succeeded
        return execution, events

    async def main() -> None:
        async with realtime.identify_async() as client:
            first, events = await turn(client, "hello", None)
            assert first.session_id is not None and first.streamed
            assert str(uuid.UUID(first.session_id)) == first.session_id
            assert events[-1].result == "Turn 1. You said: hello. This is a new session."
            assert any(event.kind is Kind.AGENT_ACTION for event in events)
            assert any(event.kind is Kind.AGENT_RESPONSE for event in events)
            second, events = await turn(client, "bye", first.session_id)
            assert second.session_id == first.session_id
            assert events[-1].result == "Turn 2. You said: bye. Before that you said: hello."
    run(main())


def test_event_timeout(realtime: Server) -> None:
    async def main() -> None:
        async with realtime.identify_async() as client:
            async with await client.apps.execute("slow-echo", {"text": "x"},
                                                 stream=True) as execution:
                with pytest.raises(airops.TimeoutError, match="no event"):
                    async for _ in execution.events(timeout=0.1):
                        pass
                with pytest.raises(airops.InvalidArgumentError):
                    execution.events(timeout=-1)
                await execution.cancel()
    run(main())


def test_cancel_mid_stream_ends_iteration_and_callbacks(realtime: Server) -> None:
    async def main() -> None:
        calls: list[airops.Event] = []
        async with realtime.identify_async() as client:
            execution = await client.apps.execute("slow-echo", {"text": SLOW_TEXT},
                                                  stream=True, on_event=calls.append)
            key = execution._key
            assert key is not None and key in _stream.SINKS
            iterated = []
            async for event in execution.events(timeout=10):
                iterated.append(event)
                await execution.cancel()
                after_cancel = len(calls)
            assert len(iterated) == 1 and iterated[0].kind is Kind.CHUNK
            assert key not in _stream.SINKS
            await asyncio.sleep(0.7)  # longer than the gap between two chunks
            assert len(calls) == after_cancel
            assert (await execution.result(timeout=10)).status == "cancelled"
            execution.close()
    run(main())


def test_close_mid_stream_ends_iteration(realtime: Server) -> None:
    async def main() -> None:
        async with realtime.identify_async() as client:
            execution = await client.apps.execute("slow-echo", {"text": SLOW_TEXT}, stream=True)
            iterator = execution.events(timeout=10)
            assert (await iterator.__anext__()).kind is Kind.CHUNK
            closer = asyncio.get_running_loop().call_later(0.1, execution.close)
            assert [event async for event in iterator] == []
            closer.cancel()
            assert execution.closed
    run(main())


def test_on_event_exception_is_logged_and_raised(realtime: Server,
                                                 caplog: pytest.LogCaptureFixture) -> None:
    class Boom(Exception):
        pass

    def on_event(event: airops.Event) -> None:
        if event.kind is Kind.CHUNK:
            raise Boom(event.content)

    async def main() -> None:
        async with realtime.identify_async() as client:
            async with await client.apps.execute("hello-world", {"name": "Ada"}, stream=True,
                                                 on_event=on_event) as execution:
                with pytest.raises(Boom, match="Hello, "):
                    await execution.result(timeout=10)
                with pytest.raises(Boom):
                    async for _ in execution:
                        pass
                assert (await execution.fetch()).output == HELLO

    with caplog.at_level(logging.ERROR, logger="airops"):
        run(main())
    assert any("on_event raised" in record.getMessage() for record in caplog.records)


# --- lifetimes of calls in flight ----------------------------------------------------------------

def test_closing_an_execution_fails_its_pending_calls(server: Server) -> None:
    async def main() -> None:
        async with server.identify_async() as client:
            execution = await client.apps.execute("slow-echo", {"text": "hi"})
            waiting = asyncio.ensure_future(execution.result())
            await asyncio.sleep(0.2)
            execution.close()
            with pytest.raises(airops.InvalidArgumentError, match="execution is closed"):
                await waiting
            assert len(airops.aio._PENDING) == 0
            # the client goes on working while the library ends the abandoned wait
            async with await client.apps.execute("hello-world", {"name": "Ada"}) as other:
                assert (await other.result(timeout=10)).output == HELLO
    run(main())


def test_closing_the_client_fails_pending_calls_and_removes_its_reader(server: Server) -> None:
    async def main() -> None:
        client = server.identify_async()
        execution = await client.apps.execute("slow-echo", {"text": "hi"})
        loop = asyncio.get_running_loop()
        fd = client._event_fd()
        assert fd is not None
        waiting = asyncio.ensure_future(execution.result())
        await asyncio.sleep(0.2)
        client.close()
        with pytest.raises(airops.InvalidArgumentError, match="client is closed"):
            await waiting
        assert execution.closed
        assert not loop.remove_reader(fd)  # already removed
        assert len(airops.aio._PENDING) == 0
    run(main())


def test_cancelled_await_leaves_the_client_usable(server: Server) -> None:
    async def main() -> None:
        async with server.identify_async() as client:
            async with await client.apps.execute("slow-echo", {"text": "hi"}) as execution:
                with pytest.raises(asyncio.TimeoutError):  # not the builtin one before 3.11
                    await asyncio.wait_for(execution.result(), 0.2)  # cancels the await
                assert (await execution.result(timeout=10)).output == "hi"
                deadline = time.monotonic() + 5
                while len(airops.aio._PENDING):  # the abandoned wait completes too
                    assert time.monotonic() < deadline
                    await asyncio.sleep(0.05)
    run(main())


def test_cancelled_execute_frees_the_execution(realtime: Server) -> None:
    async def main() -> None:
        async with realtime.identify_async() as client:
            assert client._executions is not None
            before = len(client._executions)
            sinks = len(_stream.SINKS)
            task = asyncio.ensure_future(client.apps.execute("hello-world", {"name": "Ada"},
                                                             stream=True))
            await asyncio.sleep(0)  # the call is made, its completion not yet dispatched
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
            deadline = time.monotonic() + 10
            while len(airops.aio._PENDING):
                assert time.monotonic() < deadline
                await asyncio.sleep(0.05)
            assert len(client._executions) == before  # freed, not adopted
            assert len(_stream.SINKS) == sinks  # and its event sink removed
    run(main())


def test_on_event_may_close_its_execution(realtime: Server) -> None:
    async def main() -> None:
        holder: list[AsyncExecution] = []
        calls: list[airops.Event] = []

        def on_event(event: airops.Event) -> None:
            calls.append(event)
            holder[0].close()

        async with realtime.identify_async() as client:
            execution = await client.apps.execute("slow-echo", {"text": SLOW_TEXT},
                                                  stream=True, on_event=on_event)
            holder.append(execution)
            events = [event async for event in execution.events(timeout=10)]
            assert len(calls) == 1 and events == []
            assert execution.closed
    run(main())


def test_on_event_may_close_the_client(realtime: Server) -> None:
    async def main() -> None:
        calls: list[airops.Event] = []
        client = realtime.identify_async()

        def on_event(event: airops.Event) -> None:
            calls.append(event)
            client.close()  # frees the client inside its own dispatch

        async with client:
            execution = await client.apps.execute("slow-echo", {"text": SLOW_TEXT},
                                                  stream=True, on_event=on_event)
            other = await client.apps.execute("slow-echo", {"text": "x"})
            waiting = asyncio.ensure_future(other.result())
            events = [event async for event in execution.events(timeout=10)]
            with pytest.raises(airops.InvalidArgumentError, match="client is closed"):
                await waiting
        assert len(calls) == 1 and events == []
        assert client.closed and execution.closed and other.closed
        await asyncio.sleep(0.7)
        assert len(calls) == 1
    run(main())


def test_a_stream_can_be_read_in_a_later_loop(realtime: Server) -> None:
    client = realtime.identify_async()

    async def start() -> AsyncExecution:
        execution = await client.apps.execute("hello-world", {"name": "Ada"}, stream=True)
        assert (await execution.events(timeout=10).__anext__()).kind is Kind.CHUNK
        return execution

    async def finish(execution: AsyncExecution) -> list[airops.Event]:
        async with execution:
            return [event async for event in execution.events(timeout=10)]

    try:
        execution = run(start())
        events = run(finish(execution))  # the first loop is closed; the client rebinds
        assert events[-1].kind is Kind.COMPLETED and events[-1].content == HELLO
    finally:
        client.close()
