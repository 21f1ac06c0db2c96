"""asyncio API of the airops package: :class:`AsyncAirOps`.

Example, in a coroutine::

    async with AsyncAirOps.identify(user_id="u1", workspace_id=1, hashed_user_id=h) as client:
        execution = await client.apps.execute("hello-world", {"name": "Ada"}, stream=True)
        async with execution:
            async for event in execution:
                print(event.kind.name, event.content)
            print((await execution.result(timeout=60)).output)

The classes are those of :mod:`airops.client` with awaitable calls: the same arguments,
results, exceptions and docstrings. A client's event fd is a reader of the loop it is first
used in, which then runs ``on_event`` and the completions of the library's ``_async`` calls on
its own thread: no thread, no executor. Closing a client or an execution fails its calls in
flight with :class:`airops.InvalidArgumentError`; cancelling a task cancels nothing on the
server.
"""

from __future__ import annotations

import asyncio
import queue
import threading
from typing import Any, AsyncIterator, Callable, Final, Optional, TypeVar, cast

from ._convert import Registry, error_from, invalid_argument, timeout_error, wait_seconds
from ._core import AppsBase, Call, ClientBase, Closable, ExecutionBase, with_delivery
from ._errors import ErrorCode
from ._library import ExecutionCallback, JSONCallback, ResultCallback, library
from ._log import logger
from ._options import DELIVERY_MODES, Settings
from ._stream import EventSink
from .client import AirOps
from .events import Event, EventHandler
from .result import ExecutionResult

__all__ = ["AsyncAirOps", "AsyncApps", "AsyncExecution"]

T = TypeVar("T")
_S = TypeVar("_S", bound="_AsyncClosable")


# The completions of the _async calls, resolved into futures: one callback per completion type
# (_CALLBACKS), whose user_data is the key of its call in _PENDING.

class _Pending:
    """An ``_async`` call in flight: its future, and its owners (closing one abandons it)."""

    __slots__ = ("future", "loop_thread", "owners", "call")

    def __init__(self, loop: asyncio.AbstractEventLoop, owners: tuple[object, ...],
                 request: Call[Any]) -> None:
        self.owners, self.call = owners, request
        self.future: asyncio.Future[Any] = loop.create_future()
        self.loop_thread = threading.get_ident()


_PENDING: Final[Registry[_Pending]] = Registry()


async def _make_call(request: Call[T], owners: tuple[object, ...]) -> T:
    """Makes `request` through its ``_async`` twin and awaits its outcome."""
    entry = _Pending(asyncio.get_running_loop(), owners, request)
    key = _PENDING.add(entry)
    try:
        request.begin(_CALLBACKS[request.kind], key)
    except BaseException:
        _PENDING.pop(key)  # the call failed: its completion never runs
        entry.call.discard(None)
        raise
    return cast(T, await entry.future)


def _abandon(owner: object, error: Callable[[], BaseException]) -> None:
    """Fails `owner`'s calls in flight with `error()`; a completion that still comes for one
    finds no entry, and what it hands over is freed."""
    for entry in _PENDING.pop_where(lambda entry: owner in entry.owners):
        entry.call.discard(None)
        _deliver(entry, None, error())


def _resolve(entry: _Pending, handed: Any, error: BaseException | None) -> None:
    future = entry.future
    if future.done():  # the awaiting task was cancelled
        if error is None:
            entry.call.discard(handed)
    elif error is not None:
        future.set_exception(error)
    else:
        try:
            future.set_result(entry.call.take(handed))
        except BaseException as failure:  # noqa: BLE001 - handed to the awaiting coroutine
            future.set_exception(failure)


def _on_loop(future: asyncio.Future[Any], thread: int, function: Callable[..., None],
            *args: Any) -> bool:
    """Runs ``function(*args)`` on the thread of `future`'s loop, `thread`: at once when
    called there. False when the loop is closed, so nobody awaits `future` any more."""
    if threading.get_ident() == thread:
        function(*args)
        return True
    try:
        future.get_loop().call_soon_threadsafe(function, *args)
    except RuntimeError:
        return False
    return True


def _deliver(entry: _Pending, handed: Any, error: BaseException | None) -> None:
    if not _on_loop(entry.future, entry.loop_thread, _resolve, entry, handed, error) and \
            error is None:
        entry.call.discard(handed)


def _completion(free: Callable[[Any], None] | None) -> Callable[..., None]:
    """A completion callback's body; `free` releases what is handed over for an abandoned call."""

    def on_done(code: int, handed: Any, error: Any, user_data: int | None) -> None:
        try:
            entry, handed = _PENDING.pop(user_data), handed or None
            if entry is None:
                if handed is not None and free is not None:
                    free(handed)
            elif code != ErrorCode.OK:
                entry.call.discard(None)
                _deliver(entry, None, error_from(code, error))
            else:
                _deliver(entry, handed, None)
        except BaseException:  # noqa: BLE001 - nothing may propagate into C
            logger.exception("could not complete a call")

    return on_done


# The completion callback of each Call.kind, passed for every call of that kind; never freed.
_CALLBACKS: Final[dict[str, Any]] = {
    "execution": ExecutionCallback(_completion(lambda p: library().airops_execution_free(p))),
    "result": ResultCallback(_completion(lambda p: library().airops_result_free(p))),
    "json": JSONCallback(_completion(None)),
}


def _wake(waiter: asyncio.Future[None]) -> None:
    if not waiter.done():
        waiter.set_result(None)


class _AsyncEventSink(EventSink):
    """An :class:`EventSink` that wakes the coroutine awaiting its next event. Events come on
    the loop's thread; the end of the stream may come from another (a finalizer's close)."""

    _waiter: Optional[asyncio.Future[None]] = None
    _waiter_thread = 0

    def put(self, item: Event | object) -> None:
        super().put(item)
        waiter = self._waiter
        if waiter is not None:
            _on_loop(waiter, self._waiter_thread, _wake, waiter)

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


class _AsyncClosable(Closable):
    """What ``async with`` closes."""

    async def aclose(self) -> None:
        """:meth:`close`, as a coroutine."""
        self.close()

    async def __aenter__(self: _S) -> _S:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        self.close()


class AsyncExecution(ExecutionBase["AsyncAirOps"], _AsyncClosable):
    """:class:`airops.Execution` with awaitable calls; close it with ``async with``,
    :meth:`close` or :meth:`aclose`. A streamed one is an async iterable of its events."""

    _name = "airops.aio.AsyncExecution"

    async def fetch(self) -> ExecutionResult:
        """:meth:`airops.Execution.fetch` (``airops_execution_fetch_async``)."""
        return await self._client._make((self,), self._fetch)

    async def result(self, timeout: float | None = None) -> ExecutionResult:
        """:meth:`airops.Execution.result` (``airops_execution_wait_async``). `timeout` also
        ends the library's wait, which ``asyncio.wait_for`` around it would not."""
        return await self._client._make((self,), self._wait, timeout)

    async def cancel(self) -> None:
        """:meth:`airops.Execution.cancel` (``airops_execution_cancel_async``)."""
        await self._client._make((self,), self._cancel)

    def close(self) -> None:
        """:meth:`airops.Execution.close`."""
        super().close()
        _abandon(self, lambda: invalid_argument("the execution is closed"))

    async def aclose(self) -> None:
        """:meth:`close`, as a coroutine."""
        self.close()

    def events(self, timeout: float | None = None) -> AsyncIterator[Event]:
        """:meth:`airops.Execution.events` as an async iterator; a wrong `timeout` or an
        execution that is not streamed raises at once."""
        sink = self._sink()
        assert isinstance(sink, _AsyncEventSink)
        return self._iterate(sink, wait_seconds(timeout))

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


class AsyncApps(AppsBase["AsyncAirOps"]):
    """:class:`airops.Apps` with awaitable calls, reached as :attr:`AsyncAirOps.apps`."""

    _name = "airops.aio.AsyncApps"

    async def get(self, app_id: str | int) -> dict[str, Any]:
        """:meth:`airops.Apps.get` (``airops_app_get_async``)."""
        return await self._client._make((), self._client._app_get, app_id)

    async def execute(self, app_id: str | int, inputs: dict[str, Any] | None = None,
                      version: int | None = None, stream: bool = False,
                      on_event: EventHandler | None = None) -> AsyncExecution:
        """:meth:`airops.Apps.execute` (``airops_app_execute_async``)."""
        return await self._client._make((), self._client._execute, app_id, inputs, version,
                                        stream, on_event)

    async def chat_stream(self, app_id: str | int, message: str,
                          inputs: dict[str, Any] | None = None, session_id: str | None = None,
                          on_event: EventHandler | None = None) -> AsyncExecution:
        """:meth:`airops.Apps.chat_stream` (``airops_app_chat_async``)."""
        return await self._client._make((), self._client._chat, app_id, message, inputs,
                                        session_id, on_event)

    def get_execution(self, execution_id: str) -> AsyncExecution:
        """:meth:`airops.Apps.get_execution` (sends no request: not a coroutine)."""
        return self._client._open_execution(execution_id)

    async def get_results(self, execution_id: str) -> ExecutionResult:
        """:meth:`airops.Apps.get_results`."""
        async with self.get_execution(execution_id) as execution:
            return await execution.fetch()


class AsyncAirOps(ClientBase[AsyncExecution, AsyncApps], _AsyncClosable):
    """:class:`airops.AirOps` with awaitable calls, whose `delivery` is always ``"queued"``.
    Close it with ``async with``, :meth:`close` or :meth:`aclose`."""

    _name = "airops.aio.AsyncAirOps"
    _apps_type = AsyncApps
    _execution_type = AsyncExecution
    _sink_type = _AsyncEventSink
    _loop: Optional[asyncio.AbstractEventLoop] = None
    _reader_fd: Optional[int] = None
    _closing = False

    __init__ = with_delivery(AirOps.__init__, "queued")
    identify: Any = classmethod(with_delivery(AirOps.identify.__func__, "queued"))  # type: ignore[attr-defined]

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
    def loop(self) -> asyncio.AbstractEventLoop | None:
        """The event loop the client is bound to (on first use), or None."""
        return self._loop

    def _bind(self) -> asyncio.AbstractEventLoop:
        """The running loop, with the client's event fd added as its reader (once). Raises
        InvalidArgumentError when closed, RuntimeError with no loop or another live one."""
        loop = asyncio.get_running_loop()
        fd = None if self.closed else self._event_fd()
        if fd is None:
            raise invalid_argument("the client is closed")
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
        if self.closed:
            return
        try:
            self._dispatch(0)
        except Exception:  # noqa: BLE001 - a reader must not raise into the loop
            logger.exception("airops_client_dispatch failed")

    async def _make(self, owners: tuple[object, ...], build: Callable[..., Call[T]],
                    *args: Any) -> T:
        # Built once the loop is bound: a stream's sink belongs to it.
        self._bind()
        return await _make_call(build(*args), (self, *owners))

    def close(self) -> None:
        """:meth:`airops.AirOps.close`; also removes the client's reader from its loop."""
        if self.closed:
            return
        self._closing = True
        self._unbind()
        self._close_executions()
        _abandon(self, lambda: invalid_argument("the client is closed"))
        super().close()

    async def __aenter__(self) -> AsyncAirOps:
        self._bind()
        return self
