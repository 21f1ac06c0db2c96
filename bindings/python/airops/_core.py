"""What the blocking API (:mod:`airops.client`) and the asyncio one (:mod:`airops.aio`) share,
so that they differ only in how they wait: every call, built once (arguments converted,
native handles owned, event sinks registered, ids read) and then made blocking
(:meth:`Call.run`) or through its ``_async`` twin (:meth:`Call.begin`); and the properties of
clients and executions."""

from __future__ import annotations

import atexit
import ctypes
import json
import threading
import types
import weakref
from typing import Any, Callable, Generic, Optional, Tuple, TypeVar

from ._convert import (INT64, SIZE, c_id, c_integer, c_json, c_milliseconds, c_string, call,
                       from_c, internal_error, invalid_argument, take_string)
from ._library import EventCallback, ExecutionHandle, OwnedString, ResultHandle, library
from ._log import logger
from ._options import DELIVERY_MODES, Settings, new_client
from ._stream import ON_EVENT, SINKS, EventSink, unregister
from .events import EventHandler
from .result import ExecutionResult, take_result

Function = Tuple[Any, Tuple[Any, ...]]  # a prototyped library function and its arguments
SinkType = Callable[[Optional[EventHandler], int], EventSink]  # (on_event, limit) -> sink

T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., Any])
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
    """Owns a pointer that the library returned, and frees it once (thread-safe); after
    :meth:`close`, :attr:`pointer` is None."""

    __slots__ = ("_pointer", "_free", "_lock", "__weakref__")

    def __init__(self, pointer: Any, free: Callable[[Any], None]) -> None:
        self._pointer: Any = pointer
        self._free = free
        self._lock = threading.Lock()

    @property
    def pointer(self) -> Any:
        return self._pointer

    @property
    def closed(self) -> bool:
        return self._pointer is None

    def live(self, what: str) -> Any:
        """The pointer, or InvalidArgumentError "the <what> is closed"."""
        if self._pointer is None:
            raise invalid_argument(f"the {what} is closed")
        return self._pointer

    def close(self) -> None:
        with self._lock:
            pointer, self._pointer = self._pointer, None
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


_open_clients: weakref.WeakSet[ClientCore] = weakref.WeakSet()
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


class ClientCore:
    """A native client and the executions made from it, which it frees first."""

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

    def app_get(self, app_id: str | int) -> Call[dict[str, Any]]:
        args = (self.pointer(), c_id(app_id, "app_id"))
        lib = library()
        return Call("json", (lib.airops_app_get, args), (lib.airops_app_get_async, args),
                    OwnedString, _parse_description, discard=lambda _: None)

    def execute(self, app_id: str | int, inputs: dict[str, Any] | None, version: int | None,
                stream: bool, on_event: EventHandler | None,
                sink_type: SinkType) -> Call[ExecutionCore]:
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
             sink_type: SinkType) -> Call[ExecutionCore]:
        args = (c_id(app_id, "app_id"), c_string(message, "message"), c_json(inputs, "inputs"),
                c_string(session_id, "session_id"))
        lib = library()
        return self._start(lib.airops_app_chat, lib.airops_app_chat_async, args, (),
                           sink_type(on_event, self.max_buffered_events))

    def _start(self, blocking: Any, nonblocking: Any, args: tuple[Any, ...],
               stream_flag: tuple[int, ...], sink: EventSink | None) -> Call[ExecutionCore]:
        """A call that starts an execution; a stream's sink is registered first, since its
        events may arrive before the call returns."""
        pointer = self.pointer()
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

    def open_execution(self, execution_id: str) -> ExecutionCore:
        execution = c_string(execution_id, "execution_id")
        out = ExecutionHandle()
        lib = library()
        call(lib.airops_execution_open, self.pointer(), execution, ctypes.byref(out))
        return self._adopt(out, lib.airops_execution_free, None, None)

    def _adopt(self, native: Any, free: Callable[[Any], None], sink: EventSink | None,
               key: int | None) -> ExecutionCore:
        """Owns a new native execution, or frees it when the client is closing (an ``_async``
        completion may come that late)."""
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
        with self._lock:
            executions, self._executions = self._executions or set(), None
        for handle in executions:
            handle.close()

    def close(self) -> None:
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
    """A native execution, and the event sink of its stream."""

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

    def fetch(self) -> Call[ExecutionResult]:
        return self._result_call("fetch", (), ResultHandle, take_result)

    def wait(self, timeout: float | None) -> Call[ExecutionResult]:
        timeout_ms = -1 if timeout is None else c_milliseconds(timeout, "timeout")
        return self._result_call("wait", (timeout_ms,), ResultHandle, self._take_final)

    def cancel(self) -> Call[None]:  # the stream's events stop when it returns, also when it fails
        return self._result_call("cancel", (), None, _free_result, after=self.stop_events)

    def _take_final(self, native: Any) -> ExecutionResult:
        record = take_result(native)
        # The wait ends after the execution's last event callback (airops.h).
        if self.sink is not None:
            self.sink.raise_error()
        return record

    def _result_call(self, name: str, args: tuple[Any, ...], out: Any,
                     take: Callable[[Any], T],
                     after: Callable[[], None] | None = None) -> Call[T]:
        pointer = self.pointer()
        lib = library()
        return Call("result", (getattr(lib, f"airops_execution_{name}"), (pointer, *args)),
                    (getattr(lib, f"airops_execution_{name}_async"), (pointer, *args)),
                    out, take, after=after)

    def stop_events(self) -> None:
        # Only once the library calls back for it no more.
        if self._key is not None:
            unregister(self._key)

    def close(self) -> None:
        self._handle.close()
        self.client.forget(self._handle)

    def __del__(self) -> None:
        if getattr(self, "_handle", None) is not None:
            try:
                self.close()
            except Exception:  # interpreter shutdown: nothing sensible to do
                pass



def with_delivery(function: F, delivery: str) -> F:
    """A copy of a constructor whose `delivery` defaults to `delivery` (a copy, not a wrapper,
    so that ``inspect.signature`` shows the new default)."""
    copy = types.FunctionType(function.__code__, function.__globals__, function.__name__,
                              function.__defaults__, function.__closure__)
    copy.__kwdefaults__ = {**(function.__kwdefaults__ or {}), "delivery": delivery}
    copy.__doc__, copy.__annotations__ = function.__doc__, function.__annotations__
    return copy  # type: ignore[return-value]


class ClientBase:
    _core: ClientCore | None = None  # None when the constructor failed
    _apps_type: Callable[[Any, ClientCore], Any]
    _name = ""

    def _open(self, settings: Settings) -> None:
        self._core = ClientCore(settings)
        self._apps = self._apps_type(self, self._core)

    @property
    def closed(self) -> bool:
        """Whether the client has been closed."""
        return self._core is None or self._core.closed

    def __repr__(self) -> str:
        return f"<{self._name}{' closed' if self.closed else ''}>"


class Part:
    """What a client hands out (its ``apps``, its executions), made by the client."""

    _name = ""

    def __init__(self, client: Any, core: Any) -> None:
        self._client, self._core = client, core


class AppsBase(Part):
    _core: ClientCore

    def __repr__(self) -> str:
        return f"<{self._name} of {self._client!r}>"


class ExecutionBase(Part):
    _core: ExecutionCore

    @property
    def id(self) -> str:
        """The execution's id (uuid)."""
        return self._core.id

    @property
    def session_id(self) -> str | None:
        """A chat's session, to pass to the next ``chat_stream``; None for other executions."""
        return self._core.session_id

    @property
    def streamed(self) -> bool:
        """Whether the execution delivers events (``stream=True`` or a chat)."""
        return self._core.sink is not None

    @property
    def closed(self) -> bool:
        """Whether the native handle has been freed (also by closing the client)."""
        return self._core.closed

    def _sink(self) -> EventSink:
        if self._core.sink is None:
            raise TypeError("not a streamed execution: start it with stream=True or chat_stream")
        return self._core.sink

    def __repr__(self) -> str:
        return f"<{self._name} id={self.id!r}{' closed' if self.closed else ''}>"
