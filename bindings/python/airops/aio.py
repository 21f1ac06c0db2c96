"""asyncio API of the airops package: :class:`AsyncAirOps`.

Example::

    import asyncio
    from airops.aio import AsyncAirOps

    async def main() -> None:
        async with AsyncAirOps.identify(user_id="u1", workspace_id=1,
                                        hashed_user_id=hashed) as client:
            async with await client.apps.execute("hello-world", {"name": "Ada"},
                                                 stream=True) as execution:
                async for event in execution:
                    print(event.kind.name, event.content)
                print((await execution.result(timeout=60)).output)

    asyncio.run(main())

The classes here are those of :mod:`airops.client` with awaitable calls: the same
arguments, results, exceptions and docstrings (which are not repeated).

An :class:`AsyncAirOps` is a client in queued delivery (``AIROPS_DELIVERY_QUEUED``). On first
use inside a running event loop it registers the client's event file descriptor with
``loop.add_reader``; whenever it is readable the loop runs ``airops_client_dispatch()``,
which runs, on the loop's own thread, the event callbacks of streamed executions (so
``on_event`` runs there: keep it short) and the completions of the library's ``_async``
calls, which resolve ``asyncio`` futures. No thread, no executor. A client belongs to one
event loop at a time; once that loop is closed it may be used from another one.

Closing a client or an execution fails its calls in flight with
:class:`airops.InvalidArgumentError`. Cancelling a task that awaits a call cancels nothing on
the server: an execution whose start is no longer awaited is freed (it runs on), and a wait
no longer awaited ends by itself.
"""

from __future__ import annotations

import asyncio
import queue
import threading
from types import TracebackType
from typing import Any, AsyncIterator, Callable, Optional

from . import _completion
from ._base import AppsBase, ClientBase, ExecutionBase, with_delivery
from ._call import invalid_argument, timeout_error
from ._core import Call
from ._log import logger
from ._options import DELIVERY_MODES, Settings
from ._stream import EventSink
from .client import AirOps
from .events import Event, EventHandler
from .result import ExecutionResult

__all__ = ["AsyncAirOps", "AsyncApps", "AsyncExecution"]


def _closed_client() -> BaseException:
    return invalid_argument("the client is closed")


def _closed_execution() -> BaseException:
    return invalid_argument("the execution is closed")


def _wake(waiter: asyncio.Future[None]) -> None:
    if not waiter.done():
        waiter.set_result(None)


class _AsyncEventSink(EventSink):
    """An :class:`EventSink` that wakes the coroutine awaiting its next event.

    Events are put inside ``airops_client_dispatch()`` on the loop's thread; the end of the
    stream may be put from another thread (closing from a finalizer), hence
    ``call_soon_threadsafe`` there.
    """

    _waiter: Optional[asyncio.Future[None]] = None
    _waiter_thread = 0

    def put(self, item: Event | object) -> None:
        super().put(item)
        waiter = self._waiter
        if waiter is None:
            return
        if threading.get_ident() == self._waiter_thread:
            _wake(waiter)
            return
        try:
            waiter.get_loop().call_soon_threadsafe(_wake, waiter)
        except RuntimeError:  # the loop is closed: nobody waits
            pass

    async def get(self, timeout: float | None) -> Event | None:
        """The next event, or None at the end, waiting for it in the running loop."""
        loop = asyncio.get_running_loop()
        deadline = None if timeout is None else loop.time() + timeout
        try:
            while True:
                self.raise_error()
                # Set before looking at the queue, so that no wake-up falls between the two.
                self._waiter, self._waiter_thread = loop.create_future(), threading.get_ident()
                try:
                    return self.next_event(self.queue.get_nowait())
                except queue.Empty:
                    pass
                try:
                    await asyncio.wait_for(self._waiter, None if deadline is None
                                           else max(0.0, deadline - loop.time()))
                except asyncio.TimeoutError:  # not the builtin TimeoutError before 3.11
                    raise timeout_error(f"no event within {timeout} s") from None
        finally:
            self._waiter = None


class AsyncExecution(ExecutionBase):
    """:class:`airops.Execution` with awaitable calls, made by :class:`AsyncApps`.

    Close it with :meth:`close`, :meth:`aclose` or ``async with``; that also fails its calls
    in flight. A streamed execution is an async iterable of its :class:`airops.Event` objects
    (``async for event in execution``).
    """

    _name = "airops.aio.AsyncExecution"
    _client: AsyncAirOps

    @property
    def client(self) -> AsyncAirOps:
        """:attr:`airops.Execution.client`."""
        return self._client

    async def fetch(self) -> ExecutionResult:
        """:meth:`airops.Execution.fetch` (``airops_execution_fetch_async``)."""
        record: ExecutionResult = await self._client._make((self,), self._core.fetch)
        return record

    async def result(self, timeout: float | None = None) -> ExecutionResult:
        """:meth:`airops.Execution.result` (``airops_execution_wait_async``; a streamed
        execution completes the moment its COMPLETED event arrives, after every event has
        been dispatched). ``asyncio.wait_for`` around it works too, but `timeout` also ends
        the library's wait."""
        record: ExecutionResult = await self._client._make((self,), self._core.wait,
                                                        timeout)
        return record

    async def cancel(self) -> None:
        """:meth:`airops.Execution.cancel` (``airops_execution_cancel_async``)."""
        await self._client._make((self,), self._core.cancel)

    def close(self) -> None:
        """:meth:`airops.Execution.close`; also fails this execution's calls in flight."""
        self._core.close()
        _completion.abandon(self, _closed_execution)

    async def aclose(self) -> None:
        """:meth:`close`, as a coroutine."""
        self.close()

    def events(self, timeout: float | None = None) -> AsyncIterator[Event]:
        """:meth:`airops.Execution.events`, as an async iterator (``async for event in
        execution`` is ``events()``). A wrong `timeout` or an execution that is not streamed
        raises at once, not when iterating."""
        sink = self._sink()
        if timeout is not None and (timeout != timeout or timeout < 0):
            raise invalid_argument("timeout must be a non-negative number of seconds")
        assert isinstance(sink, _AsyncEventSink)
        return self._iterate(sink, timeout)

    async def _iterate(self, sink: _AsyncEventSink, timeout: float | None) -> AsyncIterator[Event]:
        while True:
            if sink.queue.empty():
                self._client._bind()  # events are dispatched by the loop we wait in
            event = await sink.get(timeout)
            if event is None:
                return
            yield event

    def __aiter__(self) -> AsyncIterator[Event]:
        return self.events()

    async def __aenter__(self) -> AsyncExecution:
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        traceback: TracebackType | None) -> None:
        self.close()


class AsyncApps(AppsBase):
    """:class:`airops.Apps` with awaitable calls, reached as :attr:`AsyncAirOps.apps`."""

    _name = "airops.aio.AsyncApps"
    _client: AsyncAirOps

    async def get(self, app_id: str | int) -> dict[str, Any]:
        """:meth:`airops.Apps.get` (``airops_app_get_async``)."""
        description: dict[str, Any] = await self._client._make((), self._core.app_get, app_id)
        return description

    async def execute(self, app_id: str | int, inputs: dict[str, Any] | None = None,
                      version: int | None = None, stream: bool = False,
                      on_event: EventHandler | None = None) -> AsyncExecution:
        """:meth:`airops.Apps.execute` (``airops_app_execute_async``); `on_event` runs on the
        loop's thread."""
        core = await self._client._make((), self._core.execute, app_id, inputs, version,
                                        stream, on_event, _AsyncEventSink)
        return AsyncExecution(self._client, core)

    async def chat_stream(self, app_id: str | int, message: str,
                          inputs: dict[str, Any] | None = None, session_id: str | None = None,
                          on_event: EventHandler | None = None) -> AsyncExecution:
        """:meth:`airops.Apps.chat_stream` (``airops_app_chat_async``)."""
        core = await self._client._make((), self._core.chat, app_id, message, inputs,
                                        session_id, on_event, _AsyncEventSink)
        return AsyncExecution(self._client, core)

    def get_execution(self, execution_id: str) -> AsyncExecution:
        """:meth:`airops.Apps.get_execution`; sends no request, so it is a plain method."""
        return AsyncExecution(self._client, self._core.open_execution(execution_id))

    async def get_results(self, execution_id: str) -> ExecutionResult:
        """:meth:`airops.Apps.get_results`."""
        async with self.get_execution(execution_id) as execution:
            return await execution.fetch()


class AsyncAirOps(ClientBase):
    """:class:`airops.AirOps` with awaitable calls; the same arguments, except that
    `delivery` is always ``"queued"`` (the event loop dispatches; any other value raises
    :class:`airops.InvalidArgumentError`).

    Close it with ``async with``, :meth:`close` or :meth:`aclose`: that closes its
    executions, fails the calls still in flight with :class:`airops.InvalidArgumentError`
    and removes its reader from the event loop.
    """

    _name = "airops.aio.AsyncAirOps"
    _apps_type = AsyncApps
    _loop: Optional[asyncio.AbstractEventLoop] = None
    _reader_fd: Optional[int] = None
    _closing = False

    __init__ = with_delivery(AirOps.__init__, "queued")
    identify = classmethod(with_delivery(AirOps.identify.__func__, "queued"))  # type: ignore[attr-defined]

    def _open(self, settings: Settings) -> None:
        if settings.delivery != DELIVERY_MODES["queued"]:
            raise invalid_argument("AsyncAirOps always uses delivery='queued' (the event loop "
                                   "dispatches), not 'direct'")
        super()._open(settings)

    @property
    def closed(self) -> bool:
        """Whether the client has been closed."""
        return self._closing or super().closed

    @property
    def apps(self) -> AsyncApps:
        """:attr:`airops.AirOps.apps`."""
        return self._apps

    @property
    def loop(self) -> asyncio.AbstractEventLoop | None:
        """The event loop the client is bound to (on first use), or None."""
        return self._loop

    def _bind(self) -> asyncio.AbstractEventLoop:
        """The running loop, after registering the client's event fd with it (once).

        Raises:
            InvalidArgumentError: the client is closed.
            RuntimeError: no loop runs, or the client is bound to another loop that still
                exists.
        """
        loop = asyncio.get_running_loop()
        fd = None if self.closed or self._core is None else self._core.event_fd()
        if fd is None:
            raise _closed_client()
        if self._loop is loop:
            return loop
        if self._loop is not None and not self._loop.is_closed():
            raise RuntimeError("this AsyncAirOps is bound to another event loop")
        self._unbind()
        loop.add_reader(fd, self._on_readable)
        self._loop, self._reader_fd = loop, fd
        logger.debug("client bound to event loop %r (event fd %d)", loop, fd)
        return loop

    def _unbind(self) -> None:
        loop, fd = self._loop, self._reader_fd
        self._loop, self._reader_fd = None, None
        if loop is not None and fd is not None and not loop.is_closed():
            try:
                loop.remove_reader(fd)
            except (RuntimeError, ValueError, OSError):  # closing, or from another thread
                logger.debug("could not remove the reader of fd %d", fd, exc_info=True)

    def _on_readable(self) -> None:
        """The loop's reader: runs the callbacks of every waiting event and completion."""
        if self.closed or self._core is None:
            return
        try:
            self._core.dispatch(0)
        except Exception:  # noqa: BLE001 - a reader must not raise into the loop
            logger.exception("airops_client_dispatch failed")

    async def _make(self, owners: tuple[object, ...], build: Callable[..., Call],
                    *args: Any) -> Any:
        """Builds a call once the loop is bound (a stream's sink belongs to it), makes it
        through its ``_async`` twin and awaits its outcome."""
        self._bind()
        return await _completion.make(build(*args), (self, *owners))

    def close(self) -> None:
        """Closes the client (idempotent): removes its reader from the event loop, closes its
        executions, fails the calls in flight, and frees the native client (blocking until
        its connections are closed; the completions the library delivers meanwhile find
        their calls failed already)."""
        if self.closed or self._core is None:
            return
        self._closing = True
        self._unbind()
        self._core.close_executions()
        _completion.abandon(self, _closed_client)
        self._core.close()

    async def aclose(self) -> None:
        """:meth:`close`, as a coroutine."""
        self.close()

    async def __aenter__(self) -> AsyncAirOps:
        self._bind()
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        traceback: TracebackType | None) -> None:
        self.close()
