"""The client: identity, host and timeouts, and the native connection pool behind them."""

from __future__ import annotations

import ctypes
import threading
from types import TracebackType
from typing import Any

from ._call import call, invalid_argument
from ._convert import c_id, c_milliseconds, c_string
from ._handle import NativeHandle
from ._library import ClientHandle, library
from .apps import Apps
from .execution import Execution

__all__ = ["AirOps"]


def _new_client(identity: tuple[bytes | None, bytes | None, bytes | None] | None,
                host: bytes | None, timeout_ms: int | None) -> Any:
    """Builds options, creates a native client and frees the options."""
    lib = library()
    options = lib.airops_options_new()
    if not options:
        raise MemoryError("airops_options_new() failed")
    try:
        if identity is not None:
            call(lib.airops_options_set_identity, options, *identity)
        if host is not None:
            call(lib.airops_options_set_host, options, host)
        if timeout_ms is not None:
            call(lib.airops_options_set_request_timeout, options, timeout_ms)
        client = ClientHandle()
        call(lib.airops_client_new, options, ctypes.byref(client))
        return client
    finally:
        lib.airops_options_free(options)


class AirOps:
    """A client of the AirOps API.

    ``AirOps()`` runs public apps only; :meth:`AirOps.identify` identifies an end user so
    that private apps can run. A client holds a native connection pool and may be shared
    between threads; close it with :meth:`close` or a ``with`` block. Closing it closes the
    executions made from it.

    Args:
        host: the API host, e.g. ``"http://127.0.0.1:8080"``; None for the library's default
            (``https://app.airops.com``).
        request_timeout: the timeout of one HTTP request in seconds; None for the library's
            default (30 s).
    """

    _handle: NativeHandle | None = None

    def __init__(self, host: str | None = None, request_timeout: float | None = None) -> None:
        self._open(None, host, request_timeout)

    @classmethod
    def identify(cls, user_id: str, workspace_id: str | int, hashed_user_id: str,
                 host: str | None = None, request_timeout: float | None = None) -> AirOps:
        """Creates a client that identifies an end user (all three values are required).

        Args:
            user_id: your id for the user.
            workspace_id: the AirOps workspace id.
            hashed_user_id: :func:`airops.hash_user_id` of `user_id`, computed on your backend.
            host: as for :class:`AirOps`.
            request_timeout: as for :class:`AirOps`.

        Raises:
            InvalidArgumentError: a missing, empty or malformed value, host or timeout.
        """
        client = cls.__new__(cls)
        identity = (c_string(user_id, "user_id"), c_id(workspace_id, "workspace_id"),
                    c_string(hashed_user_id, "hashed_user_id"))
        client._open(identity, host, request_timeout)
        return client

    def _open(self, identity: tuple[bytes | None, bytes | None, bytes | None] | None,
              host: str | None, request_timeout: float | None) -> None:
        host_c = c_string(host, "host")
        timeout_ms = (None if request_timeout is None
                      else c_milliseconds(request_timeout, "request_timeout"))
        pointer = _new_client(identity, host_c, timeout_ms)
        self._lock = threading.Lock()
        self._executions: set[NativeHandle] = set()
        self._apps = Apps(self)
        self._handle = NativeHandle(pointer, library().airops_client_free)

    @property
    def apps(self) -> Apps:
        """The app operations: ``get``, ``execute``, ``get_execution``, ``get_results``."""
        return self._apps

    @property
    def closed(self) -> bool:
        """Whether the client has been closed."""
        return self._handle is None or self._handle.closed

    def _pointer(self) -> Any:
        pointer = None if self._handle is None else self._handle.pointer
        if pointer is None:
            raise invalid_argument("the client is closed")
        return pointer

    def _adopt(self, pointer: Any) -> Execution:
        """Wraps a new native execution, tracked so that :meth:`close` frees it first."""
        handle = NativeHandle(pointer, library().airops_execution_free)
        with self._lock:
            self._executions.add(handle)
        return Execution(self, handle)

    def _forget(self, handle: NativeHandle) -> None:
        with self._lock:
            self._executions.discard(handle)

    def close(self) -> None:
        """Frees the executions made from this client, then the client (idempotent).

        Blocks until the client's connections are closed.
        """
        if self._handle is None:
            return
        with self._lock:
            executions, self._executions = self._executions, set()
        for handle in executions:
            handle.close()
        self._handle.close()

    def __enter__(self) -> AirOps:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # interpreter shutdown: nothing sensible to do
            pass

    def __repr__(self) -> str:
        state = " closed" if self.closed else ""
        return f"<airops.AirOps{state}>"
