"""From the library's event callback to one execution's event sink: ONE callback,
:data:`ON_EVENT`, for every stream, whose ``user_data`` is the key of its sink in
:data:`SINKS`. A sink is added before the call that starts its stream and removed once the
execution is cancelled or freed, when no callback for it runs again."""

from __future__ import annotations

import json
import queue
import threading
from types import TracebackType
from typing import Any, Final, Optional, Tuple

from ._convert import Registry
from ._library import EventCallback
from ._log import logger
from .events import Event, EventHandler, EventKind, event_from_c

END: Final = object()  # queued after the last event; sticky: consumers put it back
DEFAULT_MAX_BUFFERED_EVENTS: Final = 10_000  # the library's default
OVERFLOW_CODE: Final = "events_overflowed"  # the error_code of a COMPLETED that drops the rest


class EventSink:
    """Where one stream's events go: ``on_event`` (its first exception is logged and kept for
    iteration and ``result()`` to raise), then a queue for iteration, which overflows past
    `limit` events as the library's own buffer does."""

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
        stored = self._error
        if stored is not None:
            raise stored[0].with_traceback(stored[1])

    def deliver(self, event: Event) -> None:
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
        self.put(END)
        self.ended.set()

    def put(self, item: Event | object) -> None:
        # A subclass also wakes its consumer here.
        self.queue.put(item)

    def next_event(self, item: Event | object) -> Event | None:
        """The event that iteration yields for a dequeued item, or None at the end."""
        self.raise_error()
        if item is END:
            self.queue.put(END)  # sticky: later iterators end at once too
            return None
        assert isinstance(item, Event)
        return item


SINKS: Final[Registry[EventSink]] = Registry()
_local = threading.local()


def unregister(key: int) -> None:
    """Removes a sink (idempotent) and ends its stream, once C calls back for it no more."""
    sink = SINKS.pop(key)
    if sink is not None:
        sink.finish()


def in_callback() -> bool:
    """Whether the calling thread runs an event callback, and so must not wait for events."""
    return bool(getattr(_local, "depth", 0))


def _on_event(event: Any, user_data: int | None) -> None:
    try:
        sink = SINKS.get(user_data)
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


ON_EVENT: Final = EventCallback(_on_event)  # passed for every stream; never freed
