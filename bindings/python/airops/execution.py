"""A handle on one execution of an app: fetch, wait for and cancel it."""

from __future__ import annotations

import ctypes
from types import TracebackType
from typing import TYPE_CHECKING, Any

from ._call import call, invalid_argument
from ._convert import c_milliseconds, from_c
from ._handle import NativeHandle
from ._library import ResultHandle, library
from .result import ExecutionResult, take_result

if TYPE_CHECKING:
    from .client import AirOps

__all__ = ["Execution"]


class Execution:
    """An execution started by :meth:`Apps.execute` or opened by :meth:`Apps.get_execution`.

    It owns a native handle: close it with :meth:`close` or a ``with`` block (closing does not
    cancel the execution on the server). Do not close it while another thread is inside one
    of its methods. Its client must stay open; closing the client closes its executions.
    """

    def __init__(self, client: AirOps, handle: NativeHandle) -> None:
        """Internal: use :meth:`Apps.execute` or :meth:`Apps.get_execution`."""
        self._client = client
        self._handle = handle
        self._id: str = from_c(library().airops_execution_id(handle.pointer)) or ""

    @property
    def id(self) -> str:
        """The execution's id (uuid)."""
        return self._id

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

        Args:
            timeout: the longest wait in seconds; None (or a negative value) waits without limit.

        Raises:
            TimeoutError: `timeout` passed first; the execution goes on, wait again later.
            AirOpsError: the errors of :meth:`fetch`.
        """
        timeout_ms = -1 if timeout is None else c_milliseconds(timeout, "timeout")
        out = ResultHandle()
        call(library().airops_execution_wait, self._pointer(), timeout_ms, ctypes.byref(out))
        return take_result(out)

    def cancel(self) -> None:
        """Asks the server to cancel the execution; its final status becomes ``"cancelled"``.

        Cancelling an already cancelled execution succeeds again.

        Raises:
            BadRequestError: it has already finished with another status.
        """
        call(library().airops_execution_cancel, self._pointer())

    def close(self) -> None:
        """Frees the native handle (idempotent). Does not cancel the execution."""
        self._handle.close()
        self._client._forget(self._handle)

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
