"""A handle on one execution of an app: fetch, wait for, cancel it, and iterate its events."""

from __future__ import annotations

import ctypes
import math
import queue
import select
import threading
import time
from collections.abc import Iterator
from types import TracebackType
from typing import TYPE_CHECKING, Any, Final

from ._call import call, invalid_argument, timeout_error
from ._convert import c_milliseconds, from_c
from ._handle import NativeHandle
from ._library import ResultHandle, library
from ._stream import END, EventSink, in_callback, unregister
from .events import Event, EventKind
from .result import ExecutionResult, take_result

if TYPE_CHECKING:
    from .client import AirOps

__all__ = ["Execution"]

_PUMP_INTERVAL: Final = 0.05
"""Queued delivery: how long (s) an iterator waits on the event fd before it checks its queue
again (another thread may have dispatched its events)."""


class Execution:
    """An execution started by :meth:`Apps.execute` / :meth:`Apps.chat_stream` or opened by
    :meth:`Apps.get_execution`.

    It owns a native handle: close it with :meth:`close` or a ``with`` block (closing does not
    cancel the execution on the server). Do not close it while another thread is inside one
    of its methods. Its client must stay open; closing the client closes its executions.

    A streamed execution (``stream=True`` or a chat) is also an iterable of its
    :class:`Event` objects: ``for event in execution`` yields them in order and ends after the
    COMPLETED event, or once the execution is cancelled or closed. Events are queued for
    iteration whether or not anyone iterates, and in addition to ``on_event``.
    """

    def __init__(self, client: AirOps, handle: NativeHandle, sink: EventSink | None = None,
                 stream_key: int | None = None) -> None:
        """Internal: use :meth:`Apps.execute`, :meth:`Apps.chat_stream` or
        :meth:`Apps.get_execution`."""
        self._client = client
        self._handle = handle
        self._sink = sink
        self._stream_key = stream_key
        lib = library()
        self._id: str = from_c(lib.airops_execution_id(handle.pointer)) or ""
        self._session_id: str | None = from_c(lib.airops_execution_session_id(handle.pointer))

    @property
    def id(self) -> str:
        """The execution's id (uuid)."""
        return self._id

    @property
    def session_id(self) -> str | None:
        """The chat session of an execution started by :meth:`Apps.chat_stream`; None for
        other executions. Pass it to the next ``chat_stream`` to continue the conversation."""
        return self._session_id

    @property
    def streamed(self) -> bool:
        """Whether the execution delivers events (started with ``stream=True`` or a chat)."""
        return self._sink is not None

    @property
    def client(self) -> AirOps:
        """The client this execution belongs to."""
        return self._client

    @property
    def closed(self) -> bool:
        """Whether the native handle has been freed."""
        return self._handle.closed

    def _pointer(self) -> Any:
        pointer = self._handle.pointer
        if pointer is None:
            raise invalid_argument("the execution is closed")
        return pointer

    def fetch(self) -> ExecutionResult:
        """Fetches the execution's current record once, whatever its status (one request).

        Raises:
            AirOpsError: e.g. :class:`NotFoundError` for an unknown execution id.
        """
        out = ResultHandle()
        call(library().airops_execution_fetch, self._pointer(), ctypes.byref(out))
        return take_result(out)

    def result(self, timeout: float | None = None) -> ExecutionResult:
        """Blocks until the execution has finished and returns its final record.

        A finished execution whose status is ``"error"`` is returned, not raised: check
        :attr:`ExecutionResult.succeeded`.

        For a streamed execution with an ``on_event`` callback: if that callback raised, the
        first exception it raised is raised here instead of returning the record (the
        record stays available through :meth:`fetch`). In direct delivery the callbacks have
        run up to COMPLETED when this returns (unless it is called from inside a callback).

        Args:
            timeout: the longest wait in seconds; None (or a negative value) waits without limit.

        Raises:
            TimeoutError: `timeout` passed first; the execution goes on, wait again later.
            AirOpsError: the errors of :meth:`fetch`.
            Exception: the first exception raised by this execution's ``on_event``.
        """
        timeout_ms = -1 if timeout is None else c_milliseconds(timeout, "timeout")
        out = ResultHandle()
        call(library().airops_execution_wait, self._pointer(), timeout_ms, ctypes.byref(out))
        record = take_result(out)
        # The wait returned after the execution's last event callback (airops.h).
        if self._sink is not None:
            self._sink.raise_error()
        return record

    def cancel(self) -> None:
        """Asks the server to cancel the execution; its final status becomes ``"cancelled"``.

        Cancelling an already cancelled execution succeeds again. A streamed execution's
        events stop first: when this returns (or raises), ``on_event`` is not called again
        and iteration ends after the events already queued.

        Raises:
            BadRequestError: it has already finished with another status.
        """
        pointer = self._pointer()
        try:
            call(library().airops_execution_cancel, pointer)
        finally:
            if self._stream_key is not None:
                unregister(self._stream_key)

    def close(self) -> None:
        """Frees the native handle (idempotent). Does not cancel the execution.

        A streamed execution's events stop: when this returns, ``on_event`` is not called
        again (also when called from inside it), and iteration ends.
        """
        self._handle.close()
        self._client._forget(self._handle)

    def events(self, timeout: float | None = None) -> Iterator[Event]:
        """Yields the events of a streamed execution in order, ending after COMPLETED or when
        the execution is cancelled or closed (``iter(execution)`` is ``events()``).

        In queued delivery, the iterating thread dispatches the client's waiting events
        itself (waiting on :attr:`AirOps.event_fd`), so ``on_event`` callbacks of any of the
        client's executions may run on it. In direct delivery events come from the
        library's delivery thread. Do not iterate from inside an ``on_event`` callback.

        Args:
            timeout: the longest wait in seconds for each event; None waits without limit.

        Raises:
            TypeError: the execution is not streamed.
            TimeoutError: no event came within `timeout`.
            Exception: the first exception raised by ``on_event``, instead of the event at
                which (or after which) it was raised.
        """
        sink = self._sink
        if sink is None:
            raise TypeError("not a streamed execution: start it with stream=True or chat_stream")
        return self._iterate(sink, timeout)

    def _iterate(self, sink: EventSink, timeout: float | None) -> Iterator[Event]:
        while True:
            sink.raise_error()
            item = self._next_item(sink, timeout)
            if item is END:
                sink.queue.put(END)  # sticky: later iterators end at once too
                sink.raise_error()
                return
            sink.raise_error()
            assert isinstance(item, Event)
            yield item
            if item.kind is EventKind.COMPLETED:
                return

    def _next_item(self, sink: EventSink, timeout: float | None) -> Event | object:
        try:
            return sink.queue.get_nowait()
        except queue.Empty:
            pass
        if in_callback():
            raise invalid_argument("cannot wait for events inside an event callback")
        if timeout is not None and (math.isnan(timeout) or timeout < 0):
            raise invalid_argument("timeout must be a non-negative number of seconds")
        if timeout is not None and timeout > threading.TIMEOUT_MAX:
            timeout = None  # longer than any wait a thread can make: no limit
        if not self._client._queued:
            try:
                return sink.queue.get(timeout=timeout)
            except queue.Empty:
                raise timeout_error(f"no event within {timeout} s") from None
        return self._pump(sink, timeout)

    def _pump(self, sink: EventSink, timeout: float | None) -> Event | object:
        """Queued delivery: waits on the client's event fd and dispatches until an event of
        this execution (or its end) is queued."""
        deadline = None if timeout is None else time.monotonic() + timeout
        poller = select.poll()
        fd = self._client.event_fd
        if fd is None:
            raise invalid_argument("the client is closed")
        poller.register(fd, select.POLLIN)
        while True:
            try:
                return sink.queue.get_nowait()
            except queue.Empty:
                pass
            wait = _PUMP_INTERVAL
            if deadline is not None:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise timeout_error(f"no event within {timeout} s")
                wait = min(wait, remaining)
            if poller.poll(math.ceil(wait * 1000)):
                self._client.dispatch()

    def __iter__(self) -> Iterator[Event]:
        return self.events()

    def __enter__(self) -> Execution:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()

    def __del__(self) -> None:
        if getattr(self, "_handle", None) is not None:
            try:
                self.close()
            except Exception:  # interpreter shutdown: nothing sensible to do
                pass

    def __repr__(self) -> str:
        state = " closed" if self.closed else ""
        return f"<airops.Execution id={self._id!r}{state}>"
