"""Every call of both APIs, built once: arguments converted, native handles owned, the event
sinks of streams registered, ids read.

A :class:`Call` is made one of two ways: :meth:`Call.run` blocks (the classes of
:mod:`airops.client`); :mod:`airops.aio` makes its ``_async`` twin with a completion
callback and awaits that. Everything else is here, so the two APIs differ only in how they
wait.
"""

from __future__ import annotations

import atexit
import ctypes
import json
import threading
import weakref
from typing import Any, Callable, Optional, Tuple

from ._call import call, internal_error, invalid_argument
from ._convert import (INT64, SIZE, c_id, c_integer, c_json, c_milliseconds, c_string, from_c,
                       take_string)
from ._library import EventCallback, ExecutionHandle, OwnedString, ResultHandle, library
from ._log import logger
from ._options import DELIVERY_MODES, Settings, new_client
from ._stream import ON_EVENT, EventSink, register, unregister
from .events import EventHandler
from .result import ExecutionResult, take_result

Function = Tuple[Any, Tuple[Any, ...]]
"""A prototyped library function and the arguments it is called with."""

SinkType = Callable[[Optional[EventHandler], int], EventSink]
"""Makes the event sink of a stream from its ``on_event`` and its limit."""

_NO_EVENT_CALLBACK = EventCallback()  # NULL: ctypes refuses None for a function pointer


def _free_result(native: Any) -> None:
    if native:
        library().airops_result_free(native)


def _parse_description(text: str | bytes) -> dict[str, Any]:
    try:
        description: dict[str, Any] = json.loads(text)
    except ValueError as error:
        raise internal_error(f"the library handed over JSON that does not parse: {error}") from None
    return description


class NativeHandle:
    """Owns a pointer returned by the library and the function that frees it.

    ``close()`` is idempotent and thread-safe; after it, :attr:`pointer` is None.
    """

    __slots__ = ("_pointer", "_free", "_lock", "__weakref__")

    def __init__(self, pointer: Any, free: Callable[[Any], None]) -> None:
        self._pointer: Any = pointer
        self._free = free
        self._lock = threading.Lock()

    @property
    def pointer(self) -> Any:
        """The native pointer, or None once closed."""
        return self._pointer

    def live(self, what: str) -> Any:
        """The native pointer; raises ``InvalidArgumentError("the <what> is closed")`` once
        closed."""
        if self._pointer is None:
            raise invalid_argument(f"the {what} is closed")
        return self._pointer

    @property
    def closed(self) -> bool:
        """Whether the handle has been freed."""
        return self._pointer is None

    def close(self) -> None:
        """Frees the native object (once; later calls do nothing)."""
        with self._lock:
            pointer, self._pointer = self._pointer, None
        if pointer:
            self._free(pointer)


class Call:
    """One library call with its arguments converted.

    Attributes:
        kind: what the completion of its ``_async`` twin hands over: ``"execution"``,
            ``"result"`` or ``"json"``.
        blocking: the blocking function, its arguments without the out-parameter and the
            ``airops_error **``.
        nonblocking: the ``_async`` twin, its arguments without the completion callback,
            its ``user_data`` and the ``airops_error **``.
        out: the type of the blocking function's out-parameter, None when it has none.
        take: turns what the call handed over (a handle, the JSON text) into its outcome;
            it owns what it is given, also when it raises.
        discard: releases what the call holds when its outcome is not taken (a handle it
            handed over, or None), without raising.
        after: runs once the call has been made, whether it failed or not.
    """

    __slots__ = ("kind", "blocking", "nonblocking", "out", "take", "discard", "after")

    def __init__(self, kind: str, blocking: Function, nonblocking: Function, out: Any,
                 take: Callable[[Any], Any], discard: Callable[[Any], None] = _free_result,
                 after: Callable[[], None] | None = None) -> None:
        self.kind, self.blocking, self.nonblocking, self.out = kind, blocking, nonblocking, out
        self.take, self.discard, self.after = take, discard, after

    def run(self) -> Any:
        """Makes the blocking call and returns its outcome."""
        function, args = self.blocking
        out = None if self.out is None else self.out()
        try:
            call(function, *args, *(() if out is None else (ctypes.byref(out),)))
        except BaseException:
            self.discard(None)
            raise
        finally:
            if self.after is not None:
                self.after()
        if out is None:
            return None
        return self.take(take_string(out) if self.out is OwnedString else out)

    def begin(self, on_done: Any, user_data: int) -> None:
        """Makes the ``_async`` call; `on_done` is its completion callback."""
        function, args = self.nonblocking
        try:
            call(function, *args, on_done, ctypes.c_void_p(user_data))
        finally:
            if self.after is not None:
                self.after()


_open_clients: weakref.WeakSet[ClientCore] = weakref.WeakSet()
_open_clients_lock = threading.Lock()


@atexit.register
def _close_open_clients() -> None:
    """Closes the clients still open when the interpreter exits, before it finalizes.

    A library thread that calls into Python (an event callback) while the interpreter
    finalizes is ended by Python with pthread_exit(), which kills the process (libdispatch
    traps). Closing the clients first stops every callback: close() returns only once none
    runs and none will.
    """
    with _open_clients_lock:
        clients = list(_open_clients)
    for client in clients:
        client.close()


class ClientCore:
    """One native client and the executions made from it, which it frees first."""

    def __init__(self, settings: Settings) -> None:
        self.queued = settings.delivery == DELIVERY_MODES["queued"]
        self.max_buffered_events = settings.max_buffered_events
        self._lock = threading.Lock()
        self._executions: set[NativeHandle] | None = set()  # None once closing
        self._handle = NativeHandle(new_client(settings), library().airops_client_free)
        with _open_clients_lock:
            _open_clients.add(self)
        logger.debug("client opened (%s delivery)", "queued" if self.queued else "direct")

    @property
    def closed(self) -> bool:
        return self._handle.closed

    def pointer(self) -> Any:
        return self._handle.live("client")

    def event_fd(self) -> int | None:
        pointer = self._handle.pointer
        fd: int = -1 if pointer is None else library().airops_client_event_fd(pointer)
        return None if fd < 0 else fd

    def dispatch(self, max_events: int) -> int:
        limit = c_integer(max_events, "max_events", SIZE)
        count = ctypes.c_size_t(0)
        call(library().airops_client_dispatch, self.pointer(), limit, ctypes.byref(count))
        return count.value

    def app_get(self, app_id: str | int) -> Call:
        args = (self.pointer(), c_id(app_id, "app_id"))
        lib = library()
        return Call("json", (lib.airops_app_get, args), (lib.airops_app_get_async, args),
                    OwnedString, _parse_description, discard=lambda _: None)

    def execute(self, app_id: str | int, inputs: dict[str, Any] | None, version: int | None,
                stream: bool, on_event: EventHandler | None, sink_type: SinkType) -> Call:
        args = (c_id(app_id, "app_id"), c_json(inputs, "inputs"),
                0 if version is None else c_integer(version, "version", INT64))
        lib = library()
        if stream:
            return self._start(lib.airops_app_execute_stream, lib.airops_app_execute_async,
                               args, (1,), sink_type(on_event, self.max_buffered_events))
        if on_event is not None:
            raise invalid_argument("on_event needs stream=True")
        return self._start(lib.airops_app_execute, lib.airops_app_execute_async, args, (0,),
                           None)

    def chat(self, app_id: str | int, message: str, inputs: dict[str, Any] | None,
             session_id: str | None, on_event: EventHandler | None,
             sink_type: SinkType) -> Call:
        args = (c_id(app_id, "app_id"), c_string(message, "message"), c_json(inputs, "inputs"),
                c_string(session_id, "session_id"))
        lib = library()
        return self._start(lib.airops_app_chat, lib.airops_app_chat_async, args, (),
                           sink_type(on_event, self.max_buffered_events))

    def _start(self, blocking: Any, nonblocking: Any, args: tuple[Any, ...],
               stream_flag: tuple[int, ...], sink: EventSink | None) -> Call:
        """A call that starts an execution. A stream's sink is registered first: its events
        may arrive before the call returns."""
        pointer = self.pointer()
        key = None if sink is None else register(sink)
        events = () if key is None else (ON_EVENT, ctypes.c_void_p(key))
        free = library().airops_execution_free

        def discard(native: Any) -> None:  # also frees the execution once adopted
            try:
                if native:
                    free(native)
            finally:
                if key is not None:
                    unregister(key)

        return Call("execution", (blocking, (pointer, *args, *events)),
                    (nonblocking, (pointer, *args, *stream_flag,
                                   *(events or (_NO_EVENT_CALLBACK, None)))),
                    ExecutionHandle, lambda native: self._adopt(native, discard, sink, key),
                    discard)

    def open_execution(self, execution_id: str) -> ExecutionCore:
        """A handle on an existing execution by its id; sends no request."""
        execution = c_string(execution_id, "execution_id")
        out = ExecutionHandle()
        lib = library()
        call(lib.airops_execution_open, self.pointer(), execution, ctypes.byref(out))
        return self._adopt(out, lib.airops_execution_free, None, None)

    def _adopt(self, native: Any, free: Callable[[Any], None], sink: EventSink | None,
               key: int | None) -> ExecutionCore:
        """Owns a new native execution; frees it at once when the client is closing (an
        ``_async`` completion may come that late)."""
        handle = NativeHandle(native, free)
        with self._lock:
            if self._executions is not None:
                self._executions.add(handle)
                return ExecutionCore(self, handle, sink, key)
        handle.close()
        raise invalid_argument("the client is closed")

    def forget(self, handle: NativeHandle) -> None:
        with self._lock:
            if self._executions is not None:
                self._executions.discard(handle)

    def close_executions(self) -> None:
        """Frees the executions made from this client; it adopts no more."""
        with self._lock:
            executions, self._executions = self._executions or set(), None
        for handle in executions:
            handle.close()

    def close(self) -> None:
        """Frees the executions, then the client (idempotent), blocking until its
        connections are closed."""
        self.close_executions()
        if not self._handle.closed:
            self._handle.close()
            logger.debug("client closed")

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # interpreter shutdown: nothing sensible to do
            pass


class ExecutionCore:
    """One native execution, and the event sink of its stream."""

    def __init__(self, client: ClientCore, handle: NativeHandle, sink: EventSink | None,
                 key: int | None) -> None:
        self.client, self.sink, self._handle, self._key = client, sink, handle, key
        lib = library()
        self.id: str = from_c(lib.airops_execution_id(handle.pointer)) or ""
        self.session_id: str | None = from_c(lib.airops_execution_session_id(handle.pointer))

    @property
    def closed(self) -> bool:
        return self._handle.closed

    def pointer(self) -> Any:
        return self._handle.live("execution")

    def fetch(self) -> Call:
        return self._result_call("fetch", (), ResultHandle, take_result)

    def wait(self, timeout: float | None) -> Call:
        timeout_ms = -1 if timeout is None else c_milliseconds(timeout, "timeout")
        return self._result_call("wait", (timeout_ms,), ResultHandle, self._take_final)

    def cancel(self) -> Call:
        """Cancels; the stream's events stop when the call returns, also when it fails."""
        return self._result_call("cancel", (), None, _free_result, after=self.stop_events)

    def _take_final(self, native: Any) -> ExecutionResult:
        record = take_result(native)
        # The wait ends after the execution's last event callback (airops.h).
        if self.sink is not None:
            self.sink.raise_error()
        return record

    def _result_call(self, name: str, args: tuple[Any, ...], out: Any,
                     take: Callable[[Any], Any],
                     after: Callable[[], None] | None = None) -> Call:
        pointer = self.pointer()
        lib = library()
        return Call("result", (getattr(lib, f"airops_execution_{name}"), (pointer, *args)),
                    (getattr(lib, f"airops_execution_{name}_async"), (pointer, *args)),
                    out, take, after=after)

    def stop_events(self) -> None:
        """Ends the stream (call only once the library calls back for it no more)."""
        if self._key is not None:
            unregister(self._key)

    def close(self) -> None:
        """Frees the native execution (idempotent); its stream's events stop."""
        self._handle.close()
        self.client.forget(self._handle)

    def __del__(self) -> None:
        if getattr(self, "_handle", None) is not None:
            try:
                self.close()
            except Exception:  # interpreter shutdown: nothing sensible to do
                pass
