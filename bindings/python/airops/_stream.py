"""Callback plumbing: from the library's event callback to one execution's event sink.

ctypes keeps no reference to a ``CFUNCTYPE`` object, and C may call it on any thread at any
time, so this module follows uniffi's pattern (``reference/c-sdk-anchors.md`` sections 4
and 8): ONE module-level callback, :data:`ON_EVENT`, alive for the life of the process, is
passed to the library for every streamed execution, and its ``user_data`` is an integer key
into a lock-protected registry of :class:`EventSink` objects. No per-call closure is ever
handed to C.

A sink is registered before the call that starts the stream (events may arrive before that
call returns) and removed after the execution is cancelled or freed, when the library
guarantees that no callback for it runs again.
"""

from __future__ import annotations

import itertools
import json
import queue
import threading
from types import TracebackType
from typing import Any, Final, Optional, Tuple

from ._library import EventCallback
from ._log import logger
from .events import Event, EventHandler, EventKind, event_from_c

END: Final = object()
"""Queued after the last event (COMPLETED, cancel or close); sticky: consumers put it back."""

DEFAULT_MAX_BUFFERED_EVENTS: Final = 10_000
"""As the library's default (``airops_options_set_max_buffered_events``)."""

OVERFLOW_CODE: Final = "events_overflowed"
"""The ``error_code`` of the COMPLETED that ends a stream whose consumer fell too far behind."""


class EventSink:
    """Where one streamed execution's events go: the user's ``on_event``, then a queue.

    The first exception that ``on_event`` raises is logged and kept (with its traceback);
    later events are still delivered. Iteration and ``result()`` re-raise it.

    At most `limit` events wait for iteration: when the iterator falls further behind (or
    nobody iterates), the queue ends with a COMPLETED whose ``error_code`` is
    :data:`OVERFLOW_CODE`, as the library's own buffer does; ``on_event`` still sees every event.
    """

    def __init__(self, on_event: EventHandler | None, limit: int) -> None:
        if on_event is not None and not callable(on_event):
            raise TypeError("on_event must be callable")
        self.on_event = on_event
        self.limit = limit
        self.queue: queue.SimpleQueue[Event | object] = queue.SimpleQueue()
        self.ended = threading.Event()
        self._lock = threading.Lock()
        self._error: Optional[Tuple[BaseException, Optional[TracebackType]]] = None

    def raise_error(self) -> None:
        """Raises the first exception of ``on_event`` (with its traceback), if there was one."""
        stored = self._error
        if stored is not None:
            raise stored[0].with_traceback(stored[1])

    def deliver(self, event: Event) -> None:
        """Runs ``on_event`` (catching what it raises), then queues the event for iteration."""
        if self.on_event is not None:
            try:
                self.on_event(event)
            except Exception as error:
                logger.exception("on_event raised for %s event of execution %s",
                                 event.action, event.execution_id)
                with self._lock:
                    if self._error is None:
                        self._error = (error, error.__traceback__)
        if self.ended.is_set():  # closed, cancelled or overflowed
            return
        if event.kind is not EventKind.COMPLETED and self.queue.qsize() >= self.limit:
            message = (f"more than {self.limit} events waited for iteration: the rest of the "
                       "stream was dropped; wait for the execution's result")
            event = Event(kind=EventKind.COMPLETED, execution_id=event.execution_id, content="",
                          error_code=OVERFLOW_CODE,
                          json=json.dumps({"content": "", "error_code": OVERFLOW_CODE,
                                           "error_message": message}))
        self.put(event)
        if event.kind is EventKind.COMPLETED:
            self.finish()

    def finish(self) -> None:
        """Marks the end of the stream: iteration ends once the queued events are consumed."""
        self.put(END)
        self.ended.set()

    def put(self, item: Event | object) -> None:
        """Queues an event or :data:`END` (a subclass also wakes its consumer here)."""
        self.queue.put(item)

    def next_event(self, item: Event | object) -> Event | None:
        """What iteration yields for a dequeued item: the event, or None at the end (after
        putting :data:`END` back). Raises the first exception of ``on_event`` instead."""
        self.raise_error()
        if item is END:
            self.queue.put(END)  # sticky: later iterators end at once too
            return None
        assert isinstance(item, Event)
        return item


_lock = threading.Lock()
_sinks: dict[int, EventSink] = {}
_keys = itertools.count(1)
_local = threading.local()


def register(sink: EventSink) -> int:
    """Adds a sink to the registry; returns the key to pass to C as ``user_data``."""
    with _lock:
        key = next(_keys)
        _sinks[key] = sink
    return key


def unregister(key: int) -> None:
    """Removes a sink (idempotent) and ends its stream. Call only once C will not call for it."""
    with _lock:
        sink = _sinks.pop(key, None)
    if sink is not None:
        sink.finish()


def registered(key: int) -> bool:
    """Whether `key` is in the registry (for tests)."""
    with _lock:
        return key in _sinks


def in_callback() -> bool:
    """Whether the calling thread is running an event callback (then it must not wait for
    other events: they are delivered after it returns)."""
    return bool(getattr(_local, "depth", 0))


def _on_event(event: Any, user_data: int | None) -> None:
    """The one callback given to C: copies the event and hands it to its sink.

    Never lets an exception reach C (ctypes would print and ignore it anyway).
    """
    try:
        with _lock:
            sink = _sinks.get(user_data or 0)
        if sink is None or not event:
            return
        copied = event_from_c(event.contents)
        _local.depth = getattr(_local, "depth", 0) + 1
        try:
            sink.deliver(copied)
        finally:
            _local.depth -= 1
    except BaseException:  # noqa: BLE001 - nothing may propagate into C
        logger.exception("dropped an event that could not be delivered")


ON_EVENT: Final = EventCallback(_on_event)
"""The ``airops_event_callback`` passed for every streamed execution; never freed."""
