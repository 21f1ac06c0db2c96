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

How it works: an :class:`AsyncAirOps` is a client in queued delivery
(``AIROPS_DELIVERY_QUEUED``). On first use inside a running event loop it registers the
client's event file descriptor with ``loop.add_reader``; whenever the descriptor is readable
the loop runs ``airops_client_dispatch()``, which runs, on the loop's own thread, the event
callbacks of streamed executions and the completion callbacks of the library's ``_async``
calls (``airops_app_execute_async``, ``airops_execution_wait_async``, ...). Those resolve
``asyncio`` futures. So this module starts no thread and uses no executor, with one
exception: the C ABI has no non-blocking twin of ``airops_app_get`` yet, so
:meth:`AsyncApps.get` runs that one blocking request in the loop's default executor.

Everything runs on the loop's thread: ``on_event`` callbacks run there too (keep them
short; they are plain functions, not coroutines). A client belongs to one event loop at a
time; once that loop is closed it may be used from another one.

Errors are the exceptions of the synchronous API (:class:`airops.NotFoundError`,
:class:`airops.TimeoutError`, ...). Cancelling a task that awaits a call does not cancel
anything on the server: an execution whose start is no longer awaited is freed (it runs on),
and a wait no longer awaited ends by itself.
"""

from __future__ import annotations

import asyncio
import ctypes
import queue
import threading
from collections.abc import AsyncIterator, Callable
from types import TracebackType
from typing import Any, Final, Literal

from . import _completion
from ._call import call, invalid_argument, timeout_error
from ._convert import c_id, c_int64, c_json, c_milliseconds, c_string
from ._library import EventCallback, library
from ._log import logger
from ._options import Redirects
from ._stream import DEFAULT_MAX_BUFFERED_EVENTS, END, ON_EVENT, EventSink, register, unregister
from .client import AirOps
from .events import Event, EventHandler, EventKind
from .execution import Execution
from .result import ExecutionResult

__all__ = ["AsyncAirOps", "AsyncApps", "AsyncExecution"]


_NO_EVENT_CALLBACK: Final = EventCallback()
"""A NULL ``airops_event_callback`` (ctypes refuses None for a function pointer argument)."""


def _closed_client() -> BaseException:
    return invalid_argument("the client is closed")


def _closed_execution() -> BaseException:
    return invalid_argument("the execution is closed")


class _AsyncEventSink(EventSink):
    """An :class:`EventSink` that also wakes the coroutines waiting for its events.

    Events are delivered inside ``airops_client_dispatch()`` on the loop's thread; the end
    of the stream may be marked from another thread (closing from a finalizer), hence
    ``call_soon_threadsafe`` there.
    """

    def __init__(self, on_event: EventHandler | None, loop: asyncio.AbstractEventLoop,
                 loop_thread: int, limit: int) -> None:
        super().__init__(on_event, limit)
        self._loop = loop
        self._loop_thread = loop_thread
        self._changed = asyncio.Event()

    def deliver(self, event: Event) -> None:
        super().deliver(event)
        self._wake()

    def finish(self) -> None:
        super().finish()
        self._wake()

    def _wake(self) -> None:
        if threading.get_ident() == self._loop_thread:
            self._changed.set()
            return
        try:
            self._loop.call_soon_threadsafe(self._changed.set)
        except RuntimeError:  # the loop is closed: nobody waits
            pass

    def _waiter(self) -> asyncio.Event:
        """The event to wait on in the running loop (a new one if the client has moved to
        another loop since: an asyncio.Event belongs to the loop that first waits on it)."""
        loop = asyncio.get_running_loop()
        if loop is not self._loop:
            self._loop, self._loop_thread = loop, threading.get_ident()
            self._changed = asyncio.Event()
        return self._changed

    async def get(self, timeout: float | None) -> Event | object:
        """The next queued item (an :class:`Event` or :data:`END`), waiting for it."""
        changed = self._waiter()
        try:
            async with asyncio.timeout(timeout):
                while True:
                    try:
                        return self.queue.get_nowait()
                    except queue.Empty:
                        pass
                    changed.clear()
                    await changed.wait()
        except TimeoutError:  # the builtin one, from asyncio.timeout
            raise timeout_error(f"no event within {timeout} s") from None

class AsyncAirOps:
    """An asyncio client of the AirOps API: :class:`airops.AirOps` with awaitable calls.

    ``AsyncAirOps()`` runs public apps only; :meth:`AsyncAirOps.identify` identifies an end
    user. Close it with ``async with``, :meth:`close` or :meth:`aclose`: that closes its
    executions, fails the calls still in flight with :class:`airops.InvalidArgumentError`
    and removes its reader from the event loop.

    Args:
        host, request_timeout, realtime_url, pusher_key, pusher_cluster,
        subscription_timeout, load_environment, max_retries, ca_file, proxy, no_proxy,
        follow_redirects, allow_insecure_http, max_buffered_events: as for :class:`airops.AirOps`.
        delivery: always ``"queued"`` (events and completions are dispatched by the event
            loop); accepted for symmetry with :class:`airops.AirOps`, any other value raises.

    Raises:
        InvalidArgumentError: as for :class:`airops.AirOps`, or a delivery other than
            ``"queued"``.
    """

    _sync: AirOps | None = None
    _closed: bool = False

    def __init__(self, host: str | None = None, request_timeout: float | None = None, *,
                 realtime_url: str | None = None, pusher_key: str | None = None,
                 pusher_cluster: str | None = None, subscription_timeout: float | None = None,
                 delivery: Literal["queued"] = "queued", load_environment: bool = True,
                 max_retries: int | None = None, ca_file: str | None = None,
                 proxy: str | None = None, no_proxy: str | None = None,
                 follow_redirects: Redirects = "never", allow_insecure_http: bool = False,
                 max_buffered_events: int = DEFAULT_MAX_BUFFERED_EVENTS) -> None:
        _check_delivery(delivery)
        self._attach(AirOps(host, request_timeout, realtime_url=realtime_url,
                            pusher_key=pusher_key, pusher_cluster=pusher_cluster,
                            subscription_timeout=subscription_timeout, delivery="queued",
                            load_environment=load_environment, max_retries=max_retries,
                            ca_file=ca_file, proxy=proxy, no_proxy=no_proxy,
                            follow_redirects=follow_redirects,
                            allow_insecure_http=allow_insecure_http,
                            max_buffered_events=max_buffered_events))

    @classmethod
    def identify(cls, user_id: str, workspace_id: str | int, hashed_user_id: str,
                 host: str | None = None, request_timeout: float | None = None, *,
                 realtime_url: str | None = None, pusher_key: str | None = None,
                 pusher_cluster: str | None = None, subscription_timeout: float | None = None,
                 delivery: Literal["queued"] = "queued",
                 load_environment: bool = True, max_retries: int | None = None,
                 ca_file: str | None = None, proxy: str | None = None,
                 no_proxy: str | None = None, follow_redirects: Redirects = "never",
                 allow_insecure_http: bool = False,
                 max_buffered_events: int = DEFAULT_MAX_BUFFERED_EVENTS) -> AsyncAirOps:
        """Creates a client that identifies an end user; the arguments are those of
        :meth:`airops.AirOps.identify` (`delivery` must be ``"queued"``).

        Raises:
            InvalidArgumentError: a missing, empty or malformed value.
        """
        _check_delivery(delivery)
        client = cls.__new__(cls)
        client._attach(AirOps.identify(user_id, workspace_id, hashed_user_id, host,
                                       request_timeout, realtime_url=realtime_url,
                                       pusher_key=pusher_key, pusher_cluster=pusher_cluster,
                                       subscription_timeout=subscription_timeout,
                                       delivery="queued", load_environment=load_environment,
                                       max_retries=max_retries, ca_file=ca_file,
                                       proxy=proxy, no_proxy=no_proxy,
                                       follow_redirects=follow_redirects,
                                       allow_insecure_http=allow_insecure_http,
                                       max_buffered_events=max_buffered_events))
        return client

    def _attach(self, sync: AirOps) -> None:
        self._apps = AsyncApps(self)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._loop_thread = 0
        self._reader_fd: int | None = None
        self._closed = False
        self._sync = sync

    @property
    def apps(self) -> AsyncApps:
        """The app operations: ``get``, ``execute``, ``chat_stream``, ``get_execution``,
        ``get_results``."""
        return self._apps

    @property
    def closed(self) -> bool:
        """Whether the client has been closed."""
        return self._closed or self._sync is None

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
        if self.closed:
            raise _closed_client()
        if self._loop is loop:
            return loop
        if self._loop is not None and not self._loop.is_closed():
            raise RuntimeError("this AsyncAirOps is bound to another event loop")
        assert self._sync is not None
        fd = self._sync.event_fd
        if fd is None:
            raise _closed_client()
        self._unbind()
        loop.add_reader(fd, self._on_readable)
        self._loop, self._loop_thread, self._reader_fd = loop, threading.get_ident(), fd
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
        sync = self._sync
        if sync is None or self._closed:
            return
        try:
            sync.dispatch()
        except Exception:  # noqa: BLE001 - a reader must not raise into the loop
            logger.exception("airops_client_dispatch failed")

    def _pointer(self) -> Any:
        if self.closed:
            raise _closed_client()
        assert self._sync is not None
        return self._sync._pointer()

    async def _start(self, function: Any, args: tuple[Any, ...], stream: bool,
                     on_event: EventHandler | None) -> AsyncExecution:
        """Calls an execute/chat ``_async`` function and awaits the new execution.

        A streamed call registers its event sink first: events may be dispatched before the
        completion.
        """
        if on_event is not None and not callable(on_event):
            raise TypeError("on_event must be callable")
        loop = self._bind()
        pointer = self._pointer()
        sink: _AsyncEventSink | None = None
        key: int | None = None
        if stream:
            assert self._sync is not None
            sink = _AsyncEventSink(on_event, loop, self._loop_thread, self._sync._max_buffered_events)
            key = register(sink)
        free = library().airops_execution_free

        def adopt(native: Any) -> AsyncExecution:
            if self.closed:  # closed while the completion was queued on the loop
                raise _closed_client()
            assert self._sync is not None
            return AsyncExecution(self, self._sync._adopt(native, sink, key))

        def discard(native: Any) -> None:
            try:
                if native is not None:
                    free(native)
            finally:
                if key is not None:
                    unregister(key)

        entry = _completion.start(loop, self._loop_thread, (self,), adopt, discard)
        try:
            call(function, pointer, *args, ON_EVENT if stream else _NO_EVENT_CALLBACK,
                 ctypes.c_void_p(key) if stream else None, _completion.ON_EXECUTION_DONE,
                 ctypes.c_void_p(entry.key))
        except BaseException:
            _completion.forget(entry)
            raise
        execution: AsyncExecution = await entry.future
        return execution

    def close(self) -> None:
        """Closes the client (idempotent): removes its reader from the event loop, closes its
        executions, fails the calls in flight with :class:`airops.InvalidArgumentError`, and
        frees the native client (blocking until its connections are closed; the library
        delivers the completions of the calls in flight during that, which find them failed
        already)."""
        if self.closed:
            return
        self._closed = True
        self._unbind()
        assert self._sync is not None
        self._sync._close_executions()
        _completion.abandon(self, _closed_client)
        self._sync.close()

    async def aclose(self) -> None:
        """:meth:`close`, as a coroutine."""
        self.close()

    async def __aenter__(self) -> AsyncAirOps:
        self._bind()
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        traceback: TracebackType | None) -> None:
        self.close()

    def __del__(self) -> None:
        if self._sync is not None:
            try:
                self.close()
            except Exception:  # interpreter shutdown: nothing sensible to do
                pass

    def __repr__(self) -> str:
        state = " closed" if self.closed else ""
        return f"<airops.aio.AsyncAirOps{state}>"


def _check_delivery(delivery: str) -> None:
    if delivery != "queued":
        raise invalid_argument(
            f"AsyncAirOps always uses delivery='queued' (the event loop dispatches), "
            f"not {delivery!r}")


class AsyncApps:
    """The app operations of an :class:`AsyncAirOps`, reached as ``client.apps``."""

    def __init__(self, client: AsyncAirOps) -> None:
        """Internal: use :attr:`AsyncAirOps.apps`."""
        self._client = client

    async def get(self, app_id: str | int) -> dict[str, Any]:
        """Fetches an app's description (``airops_app_get_async``), e.g.
        ``{"id": 1, "public": False, ...}``.

        Raises:
            AuthenticationError, NotFoundError, AirOpsError: as the server or network answers.
            InvalidArgumentError: an empty id, or the client is closed.
        """
        app = c_id(app_id, "app_id")
        client = self._client
        loop = client._bind()
        entry = _completion.start(loop, client._loop_thread, (client,))
        try:
            call(library().airops_app_get_async, client._pointer(), app, _completion.ON_JSON_DONE,
                 ctypes.c_void_p(entry.key))
        except BaseException:
            _completion.forget(entry)
            raise
        description: dict[str, Any] = await entry.future
        return description

    async def execute(self, app_id: str | int, inputs: dict[str, Any] | None = None,
                      version: int | None = None, stream: bool = False,
                      on_event: EventHandler | None = None) -> AsyncExecution:
        """Starts an execution (``airops_app_execute_async``) and returns its handle once the
        server has accepted it, without waiting for its result.

        With ``stream=True`` its output arrives as events (CHUNK ..., then one COMPLETED),
        passed to `on_event` on the loop's thread and queued for ``async for``; the call
        returns once the realtime subscription is confirmed and the execution has started,
        so no event is missed.

        Args:
            app_id: the app's id or uuid.
            inputs: the app's inputs, sent as JSON (must be a JSON object); None sends ``{}``.
            version: the app version to run; None runs the current version.
            stream: stream the output as events (needs a realtime endpoint).
            on_event: called with each :class:`airops.Event` of a streamed execution. If it
                raises, the exception is logged and the first one is raised again by
                :meth:`AsyncExecution.result` and by iteration.

        Returns:
            An :class:`AsyncExecution`; ``await execution.result()`` waits for its output.

        Raises:
            InvalidArgumentError: inputs that are not a JSON object, a bad id or version,
                `on_event` without `stream`, streaming without a realtime endpoint, a closed
                client.
            BadRequestError, AuthenticationError, NotFoundError, TimeoutError, ...: as for
                :meth:`airops.Apps.execute`.
        """
        app = c_id(app_id, "app_id")
        inputs_json = c_json(inputs, "inputs")
        version_number = 0 if version is None else c_int64(version, "version")
        if not stream and on_event is not None:
            raise invalid_argument("on_event needs stream=True")
        return await self._client._start(library().airops_app_execute_async,
                                         (app, inputs_json, version_number, int(bool(stream))),
                                         bool(stream), on_event)

    async def chat_stream(self, app_id: str | int, message: str,
                          inputs: dict[str, Any] | None = None, session_id: str | None = None,
                          on_event: EventHandler | None = None) -> AsyncExecution:
        """Sends a message to an agent app (``airops_app_chat_async``) and streams the answer:
        AGENT_ACTION / AGENT_ACTION_ERROR, AGENT_RESPONSE tokens, then one COMPLETED.

        Args:
            app_id: the agent app's id or uuid.
            message: the user's message (non-empty).
            inputs: the app's inputs (a JSON object), or None.
            session_id: the conversation to continue (:attr:`AsyncExecution.session_id` of an
                earlier turn), or None to start a new one.
            on_event: called with each :class:`airops.Event`, as for :meth:`execute`.

        Returns:
            An :class:`AsyncExecution` whose :attr:`~AsyncExecution.session_id` names the
            conversation.

        Raises:
            InvalidArgumentError: an empty app id, message or session id, malformed inputs,
                no realtime endpoint; and the errors of :meth:`execute`.
        """
        app = c_id(app_id, "app_id")
        text = c_string(message, "message")
        inputs_json = c_json(inputs, "inputs")
        session = c_string(session_id, "session_id")
        return await self._client._start(library().airops_app_chat_async,
                                         (app, text, inputs_json, session), True, on_event)

    def get_execution(self, execution_id: str) -> AsyncExecution:
        """Opens a handle on an existing execution by its id (uuid). Sends no request, so it
        is a plain method; an unknown id is reported by the first call that reaches the
        server (:class:`airops.NotFoundError`)."""
        client = self._client
        if client.closed:
            raise _closed_client()
        assert client._sync is not None
        return AsyncExecution(client, client._sync.apps.get_execution(execution_id))

    async def get_results(self, execution_id: str) -> ExecutionResult:
        """Fetches an execution's current record by its id (one request), whatever its status."""
        async with self.get_execution(execution_id) as execution:
            return await execution.fetch()

    def __repr__(self) -> str:
        return f"<airops.aio.AsyncApps of {self._client!r}>"


class AsyncExecution:
    """An execution started by :meth:`AsyncApps.execute` / :meth:`AsyncApps.chat_stream` or
    opened by :meth:`AsyncApps.get_execution`.

    It owns a native handle: close it with :meth:`close`, :meth:`aclose` or ``async with``
    (closing does not cancel the execution on the server; it fails this execution's calls
    in flight with :class:`airops.InvalidArgumentError`). Closing its client closes it.

    A streamed execution is also an async iterable of its :class:`airops.Event` objects:
    ``async for event in execution`` yields them in order and ends after COMPLETED, or once
    the execution is cancelled or closed.
    """

    def __init__(self, client: AsyncAirOps, execution: Execution) -> None:
        """Internal: use the methods of :class:`AsyncApps`."""
        self._client = client
        self._execution = execution
        sink = execution._sink
        self._sink: _AsyncEventSink | None = sink if isinstance(sink, _AsyncEventSink) else None

    @property
    def id(self) -> str:
        """The execution's id (uuid)."""
        return self._execution.id

    @property
    def session_id(self) -> str | None:
        """The chat session of an execution started by :meth:`AsyncApps.chat_stream`, else None."""
        return self._execution.session_id

    @property
    def streamed(self) -> bool:
        """Whether the execution delivers events (started with ``stream=True`` or a chat)."""
        return self._sink is not None

    @property
    def client(self) -> AsyncAirOps:
        """The client this execution belongs to."""
        return self._client

    @property
    def closed(self) -> bool:
        """Whether the native handle has been freed (or the client closed)."""
        return self._execution.closed or self._client.closed

    def _pointer(self) -> Any:
        if self._client.closed:
            raise _closed_client()
        return self._execution._pointer()

    async def _result_call(self, function: Any, *args: Any,
                           after_call: Callable[[], None] | None = None) -> Any:
        """Calls a fetch/wait/cancel ``_async`` function and awaits its completion."""
        loop = self._client._bind()
        pointer = self._pointer()
        entry = _completion.start(loop, self._client._loop_thread, (self._client, self))
        try:
            call(function, pointer, *args, _completion.ON_RESULT_DONE, ctypes.c_void_p(entry.key))
        except BaseException:
            _completion.forget(entry)
            raise
        finally:
            if after_call is not None:
                after_call()
        return await entry.future

    async def fetch(self) -> ExecutionResult:
        """Fetches the execution's current record once, whatever its status
        (``airops_execution_fetch_async``).

        Raises:
            AirOpsError: e.g. :class:`airops.NotFoundError` for an unknown execution id.
        """
        record: ExecutionResult = await self._result_call(
            library().airops_execution_fetch_async)
        return record

    async def result(self, timeout: float | None = None) -> ExecutionResult:
        """Waits until the execution has finished and returns its final record
        (``airops_execution_wait_async``; a streamed execution completes the moment its
        COMPLETED event arrives).

        A finished execution whose status is ``"error"`` is returned, not raised. For a
        streamed execution, every event up to COMPLETED has been dispatched when this
        returns; if ``on_event`` raised, the first exception it raised is raised here instead
        of returning (the record stays available through :meth:`fetch`).

        Args:
            timeout: the longest wait in seconds; None (or a negative value) waits without
                limit. (``asyncio.timeout`` around the await works too, but this one also
                ends the library's wait.)

        Raises:
            TimeoutError: `timeout` passed first; the execution goes on.
            AirOpsError: the errors of :meth:`fetch`.
            Exception: the first exception raised by this execution's ``on_event``.
        """
        timeout_ms = -1 if timeout is None else c_milliseconds(timeout, "timeout")
        record: ExecutionResult = await self._result_call(
            library().airops_execution_wait_async, timeout_ms)
        # The completion came after the execution's last event (airops.h): the sink has them all.
        if self._sink is not None:
            self._sink.raise_error()
        return record

    async def cancel(self) -> None:
        """Asks the server to cancel the execution (``airops_execution_cancel_async``); its
        final status becomes ``"cancelled"``. A streamed execution's events stop at once:
        ``on_event`` is not called again and iteration ends after the events already queued,
        also when the request then fails.

        Raises:
            BadRequestError: it has already finished with another status.
        """
        key = self._execution._stream_key

        def stop_events() -> None:
            if key is not None:
                unregister(key)

        await self._result_call(library().airops_execution_cancel_async,
                                after_call=stop_events)

    def close(self) -> None:
        """Frees the native handle (idempotent). Does not cancel the execution. Its events
        stop and iteration ends; its calls in flight fail with
        :class:`airops.InvalidArgumentError`."""
        self._execution.close()
        _completion.abandon(self, _closed_execution)

    async def aclose(self) -> None:
        """:meth:`close`, as a coroutine."""
        self.close()

    def events(self, timeout: float | None = None) -> AsyncIterator[Event]:
        """Yields the events of a streamed execution in order, ending after COMPLETED or when
        the execution is cancelled or closed (``async for event in execution`` is
        ``events()``).

        Args:
            timeout: the longest wait in seconds for each event; None waits without limit.

        Raises:
            TypeError: the execution is not streamed (raised at once, not when iterating).
            TimeoutError: no event came within `timeout`.
            Exception: the first exception raised by ``on_event``, instead of the event at
                which (or after which) it was raised.
        """
        sink = self._sink
        if sink is None:
            raise TypeError("not a streamed execution: start it with stream=True or chat_stream")
        if timeout is not None and (timeout != timeout or timeout < 0):
            raise invalid_argument("timeout must be a non-negative number of seconds")
        return self._iterate(sink, timeout)

    async def _iterate(self, sink: _AsyncEventSink, timeout: float | None) -> AsyncIterator[Event]:
        while True:
            sink.raise_error()
            if sink.queue.empty():
                self._client._bind()  # events are dispatched by the loop we wait in
            item = await sink.get(timeout)
            if item is END:
                sink.queue.put(END)  # sticky: later iterators end at once too
                sink.raise_error()
                return
            sink.raise_error()
            assert isinstance(item, Event)
            yield item
            if item.kind is EventKind.COMPLETED:
                return

    def __aiter__(self) -> AsyncIterator[Event]:
        return self.events()

    async def __aenter__(self) -> AsyncExecution:
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        traceback: TracebackType | None) -> None:
        self.close()

    def __repr__(self) -> str:
        state = " closed" if self.closed else ""
        return f"<airops.aio.AsyncExecution id={self.id!r}{state}>"

