"""What the blocking API (:mod:`airops.client`) and the asyncio one (:mod:`airops.aio`) share,
so that they differ only in how they wait: the native handles, and every call built once
(arguments converted, event sinks registered), then made blocking (:meth:`Call.run`) or
through its ``_async`` twin (:meth:`Call.begin`)."""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import json
import threading
import types
import weakref
from typing import Any, Callable, Generic, Optional, Tuple, TypeVar

from ._convert import (INT64, SIZE, c_id, c_integer, c_json, c_milliseconds, c_string, call,
                       from_c, invalid_argument, take_string)
from ._library import EventCallback, ExecutionHandle, OwnedString, ResultHandle, library
from ._log import logger
from ._options import DELIVERY_MODES, Settings, new_client
from ._stream import ON_EVENT, SINKS, EventSink, unregister
from .events import EventHandler
from .result import ExecutionResult, take_result

Function = Tuple[Any, Tuple[Any, ...]]  # a prototyped library function and its arguments
SinkType = Callable[[Optional[EventHandler], int], EventSink]  # (on_event, limit) -> a sink

T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., Any])
X = TypeVar("X", bound="ExecutionBase[Any]")  # what a client's executions are
A = TypeVar("A")  # what a client's apps are
C = TypeVar("C", bound="ClientBase[Any, Any]")  # what an execution's client is
S = TypeVar("S", bound="Closable")
_NO_EVENT_CALLBACK = EventCallback()  # NULL: ctypes refuses None for a function pointer


def _free_result(native: Any) -> None:
    if native:
        library().airops_result_free(native)


class NativeHandle:
    """Owns a pointer from the library, and frees it once (thread-safe), leaving None."""

    __slots__ = ("pointer", "_free", "_lock", "__weakref__")

    def __init__(self, pointer: Any, free: Callable[[Any], None]) -> None:
        self.pointer: Any = pointer
        self._free = free
        self._lock = threading.Lock()

    @property
    def closed(self) -> bool:
        return self.pointer is None

    def live(self, what: str) -> Any:
        """The pointer, or InvalidArgumentError "the <what> is closed"."""
        if self.pointer is None:
            raise invalid_argument(f"the {what} is closed")
        return self.pointer

    def close(self) -> None:
        with self._lock:
            pointer, self.pointer = self.pointer, None
        if pointer:
            self._free(pointer)


class Call(Generic[T]):
    """One library call with its arguments converted: `kind`, what the ``_async`` twin hands
    over; `blocking` and `nonblocking`, each function and its arguments (less out-parameter,
    completion and error); `out`, the out-parameter's type or None; `take`, what turns what
    was handed over into the outcome (owning it); `discard`, what releases it when nobody
    takes it; `after`, what runs once the call was made, failed or not."""

    __slots__ = ("kind", "blocking", "nonblocking", "out", "take", "discard", "after")

    def __init__(self, kind: str, blocking: Function, nonblocking: Function, out: Any,
                 take: Callable[[Any], T], discard: Callable[[Any], None] = _free_result,
                 after: Callable[[], None] | None = None) -> None:
        self.kind, self.blocking, self.nonblocking, self.out = kind, blocking, nonblocking, out
        self.take, self.discard, self.after = take, discard, after

    def run(self) -> T:
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
        return self.take(take_string(out) if self.out is OwnedString else out)

    def begin(self, on_done: Any, user_data: int) -> None:
        function, args = self.nonblocking
        try:
            call(function, *args, on_done, ctypes.c_void_p(user_data))
        finally:
            if self.after is not None:
                self.after()


_open_clients: weakref.WeakSet[ClientBase[Any, Any]] = weakref.WeakSet()
_open_clients_lock = threading.Lock()


@atexit.register
def _close_open_clients() -> None:
    """Closes the clients still open at exit, before the interpreter finalizes: a library
    thread that calls into Python then is ended with pthread_exit(), which kills the process
    (libdispatch traps). close() returns once no callback runs or will."""
    with _open_clients_lock:
        clients = list(_open_clients)
    for client in clients:
        client.close()


def with_delivery(function: F, delivery: str) -> F:
    """A copy of a constructor whose `delivery` defaults to `delivery` (a copy, not a wrapper,
    so that ``inspect.signature`` shows the new default)."""
    copy = types.FunctionType(function.__code__, function.__globals__, function.__name__,
                              function.__defaults__, function.__closure__)
    copy.__kwdefaults__ = {**(function.__kwdefaults__ or {}), "delivery": delivery}
    copy.__doc__, copy.__annotations__ = function.__doc__, function.__annotations__
    return copy  # type: ignore[return-value]


class Closable:
    """What ``with`` closes, and the garbage collector."""

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self: S) -> S:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __del__(self) -> None:
        with contextlib.suppress(Exception):  # interpreter shutdown: nothing sensible to do
            self.close()


class ClientBase(Closable, Generic[X, A]):
    """A native client and its executions (freed first), with the calls both APIs make."""

    _name = ""
    _apps_type: Callable[[Any], A]  # (client) -> its apps
    _execution_type: Callable[..., X]  # (client, handle, sink, key) -> an execution
    _sink_type: SinkType = EventSink
    _handle = NativeHandle(None, lambda _: None)  # closed until _open succeeds
    _executions: set[NativeHandle] | None = None  # None once closing

    def _open(self, settings: Settings) -> None:
        self._queued = settings.delivery == DELIVERY_MODES["queued"]
        self._max_buffered_events = settings.max_buffered_events
        self._lock = threading.Lock()
        self._executions = set()
        self._handle = NativeHandle(new_client(settings), library().airops_client_free)
        self._apps = self._apps_type(self)
        with _open_clients_lock:
            _open_clients.add(self)
        logger.debug("client opened (%s delivery)", "queued" if self._queued else "direct")

    @property
    def apps(self) -> A:
        """The app operations."""
        return self._apps

    @property
    def closed(self) -> bool:
        """Whether the client has been closed."""
        return self._handle.closed

    def close(self) -> None:
        """Frees the executions, then the client (idempotent), once its connections close."""
        self._close_executions()
        if not self._handle.closed:
            self._handle.close()
            logger.debug("client closed")

    def __repr__(self) -> str:
        return f"<{self._name}{' closed' if self.closed else ''}>"

    def _event_fd(self) -> int | None:
        pointer = self._handle.pointer
        fd: int = -1 if pointer is None else library().airops_client_event_fd(pointer)
        return None if fd < 0 else fd

    def _dispatch(self, max_events: int) -> int:
        limit = c_integer(max_events, "max_events", SIZE)
        count = ctypes.c_size_t(0)
        call(library().airops_client_dispatch, self._handle.live("client"), limit,
             ctypes.byref(count))
        return count.value

    def _app_get(self, app_id: str | int) -> Call[dict[str, Any]]:
        args = (self._handle.live("client"), c_id(app_id, "app_id"))
        lib = library()
        return Call("json", (lib.airops_app_get, args), (lib.airops_app_get_async, args),
                    OwnedString, json.loads, discard=lambda _: None)

    def _execute(self, app_id: str | int, inputs: dict[str, Any] | None, version: int | None,
                 stream: bool, on_event: EventHandler | None) -> Call[X]:
        args = (c_id(app_id, "app_id"), c_json(inputs, "inputs"),
                0 if version is None else c_integer(version, "version", INT64))
        lib = library()
        if stream:
            return self._start(lib.airops_app_execute_stream, lib.airops_app_execute_async,
                               args, (1,), self._sink_type(on_event, self._max_buffered_events))
        if on_event is not None:
            raise invalid_argument("on_event needs stream=True")
        return self._start(lib.airops_app_execute, lib.airops_app_execute_async, args, (0,),
                           None)

    def _chat(self, app_id: str | int, message: str, inputs: dict[str, Any] | None,
              session_id: str | None, on_event: EventHandler | None) -> Call[X]:
        args = (c_id(app_id, "app_id"), c_string(message, "message"), c_json(inputs, "inputs"),
                c_string(session_id, "session_id"))
        lib = library()
        return self._start(lib.airops_app_chat, lib.airops_app_chat_async, args, (),
                           self._sink_type(on_event, self._max_buffered_events))

    def _start(self, blocking: Any, nonblocking: Any, args: tuple[Any, ...],
               stream_flag: tuple[int, ...], sink: EventSink | None) -> Call[X]:
        """A call that starts an execution; a stream's sink is registered first, since its
        events may arrive before the call returns."""
        pointer = self._handle.live("client")
        key = None if sink is None else SINKS.add(sink)
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

    def _open_execution(self, execution_id: str) -> X:
        execution = c_string(execution_id, "execution_id")
        out = ExecutionHandle()
        lib = library()
        call(lib.airops_execution_open, self._handle.live("client"), execution,
             ctypes.byref(out))
        return self._adopt(out, lib.airops_execution_free, None, None)

    def _adopt(self, native: Any, free: Callable[[Any], None], sink: EventSink | None,
               key: int | None) -> X:
        """Owns a new native execution, or frees it if the client is closing (a late completion)."""
        handle = NativeHandle(native, free)
        with self._lock:
            if self._executions is not None:
                self._executions.add(handle)
                return self._execution_type(self, handle, sink, key)
        handle.close()
        raise invalid_argument("the client is closed")

    def _forget(self, handle: NativeHandle) -> None:
        with self._lock:
            if self._executions is not None:
                self._executions.discard(handle)

    def _close_executions(self) -> None:
        if self._executions is None:  # closing, or never opened
            return
        with self._lock:
            executions, self._executions = self._executions or set(), None
        for handle in executions:
            handle.close()


class AppsBase(Generic[C]):
    """A client's app operations, reached as its ``apps``."""

    _name = ""

    def __init__(self, client: C) -> None:
        self._client = client

    def __repr__(self) -> str:
        return f"<{self._name} of {self._client!r}>"


class ExecutionBase(Closable, Generic[C]):
    """A native execution of a client, and the event sink of its stream."""

    _name = ""

    def __init__(self, client: C, handle: NativeHandle, sink: EventSink | None,
                 key: int | None) -> None:
        self._client, self._handle, self._stream, self._key = client, handle, sink, key
        lib = library()
        self._id: str = from_c(lib.airops_execution_id(handle.pointer)) or ""
        self._session_id: str | None = from_c(lib.airops_execution_session_id(handle.pointer))

    @property
    def client(self) -> C:
        """The client this execution belongs to."""
        return self._client

    @property
    def id(self) -> str:
        """The execution's id (uuid)."""
        return self._id

    @property
    def session_id(self) -> str | None:
        """A chat's session, to pass to the next ``chat_stream``; None for other executions."""
        return self._session_id

    @property
    def streamed(self) -> bool:
        """Whether the execution delivers events (``stream=True`` or a chat)."""
        return self._stream is not None

    @property
    def closed(self) -> bool:
        """Whether the native handle has been freed (also by closing the client)."""
        return self._handle.closed

    def close(self) -> None:
        """Frees the native handle (idempotent); ``on_event`` runs no more and iteration ends."""
        self._handle.close()
        self._client._forget(self._handle)

    def __repr__(self) -> str:
        return f"<{self._name} id={self.id!r}{' closed' if self.closed else ''}>"

    def _sink(self) -> EventSink:
        if self._stream is None:
            raise TypeError("not a streamed execution: start it with stream=True or chat_stream")
        return self._stream

    def _fetch(self) -> Call[ExecutionResult]:
        return self._result_call("fetch", (), ResultHandle, take_result)

    def _wait(self, timeout: float | None) -> Call[ExecutionResult]:
        timeout_ms = -1 if timeout is None else c_milliseconds(timeout, "timeout")
        return self._result_call("wait", (timeout_ms,), ResultHandle, self._take_final)

    def _cancel(self) -> Call[None]:  # the stream's events stop when it returns, also when it fails
        return self._result_call("cancel", (), None, _free_result, after=self._stop_events)

    def _take_final(self, native: Any) -> ExecutionResult:
        record = take_result(native)
        # The wait ends after the execution's last event callback (airops.h).
        if self._stream is not None:
            self._stream.raise_error()
        return record

    def _result_call(self, name: str, args: tuple[Any, ...], out: Any,
                     take: Callable[[Any], T],
                     after: Callable[[], None] | None = None) -> Call[T]:
        pointer = self._handle.live("execution")
        lib = library()
        return Call("result", (getattr(lib, f"airops_execution_{name}"), (pointer, *args)),
                    (getattr(lib, f"airops_execution_{name}_async"), (pointer, *args)),
                    out, take, after=after)

    def _stop_events(self) -> None:
        # Only once the library calls back for it no more.
        if self._key is not None:
            unregister(self._key)
