"""Completion callbacks of the ``_async`` calls of ``airops.h``, resolved into asyncio futures.

The same pattern as :mod:`airops._stream` (``reference/c-sdk-anchors.md`` sections 4 and 8):
one module-level callback per completion type (:data:`CALLBACKS`), alive for the life of the
process, is passed for every call; its ``user_data`` is an integer key into a lock-protected
registry of :class:`Pending` calls. No per-call closure is ever handed to C.

A completion runs inside ``airops_client_dispatch()``, i.e. on the event loop's thread when
the client is driven by :mod:`airops.aio`; should one ever run on another thread, the future
is resolved through ``loop.call_soon_threadsafe``. What the library hands over is owned at
once: it is taken (:attr:`airops._core.Call.take`) for the awaiting coroutine or, when nobody
awaits it any more (the task was cancelled, or the client or execution was closed), released.
"""

from __future__ import annotations

import asyncio
import itertools
import threading
from typing import Any, Callable, Final

from ._call import error_from, internal_error
from ._core import Call
from ._errors import ErrorCode
from ._library import ExecutionCallback, JSONCallback, ResultCallback, library
from ._log import logger


class Pending:
    """One ``_async`` call in flight: the future it resolves and the objects it belongs to
    (whose closing abandons it)."""

    __slots__ = ("key", "future", "loop_thread", "owners", "call")

    def __init__(self, key: int, loop: asyncio.AbstractEventLoop, owners: tuple[object, ...],
                 request: Call) -> None:
        self.key, self.owners, self.call = key, owners, request
        self.future: asyncio.Future[Any] = loop.create_future()
        self.loop_thread = threading.get_ident()

    def release(self, handed: Any) -> None:
        """Discards what the call holds (never raising): its outcome will not be taken."""
        try:
            self.call.discard(handed)
        except BaseException:  # noqa: BLE001 - called from C callbacks and close()
            logger.exception("could not release the outcome of an abandoned call")


_lock = threading.Lock()
_pending: dict[int, Pending] = {}
_keys = itertools.count(1)


async def make(request: Call, owners: tuple[object, ...]) -> Any:
    """Makes `request` through its ``_async`` twin on the running loop and awaits its outcome.

    It is registered first: its completion may run before the call returns.
    """
    loop = asyncio.get_running_loop()
    with _lock:
        entry = Pending(next(_keys), loop, owners, request)
        _pending[entry.key] = entry
    try:
        request.begin(CALLBACKS[request.kind], entry.key)
    except BaseException:
        with _lock:  # the call failed: its completion never runs
            del _pending[entry.key]
        entry.release(None)
        raise
    return await entry.future


def abandon(owner: object, error: Callable[[], BaseException]) -> int:
    """Fails every call in flight that belongs to `owner` (being closed) with `error()`.

    A completion that still arrives for one of them finds no entry: what it hands over is
    freed. Returns how many calls were abandoned.
    """
    with _lock:
        entries = [entry for entry in _pending.values() if owner in entry.owners]
        for entry in entries:
            del _pending[entry.key]
    for entry in entries:
        entry.release(None)
        _deliver(entry, None, error())
    return len(entries)


def pending_count() -> int:
    """How many calls are in flight (for tests)."""
    with _lock:
        return len(_pending)


def _resolve(entry: Pending, handed: Any, error: BaseException | None) -> None:
    """On the loop's thread: settles the future, or releases what was handed over."""
    future = entry.future
    if future.done():  # the awaiting task was cancelled
        if error is None:
            entry.release(handed)
    elif error is not None:
        future.set_exception(error)
    else:
        try:
            future.set_result(entry.call.take(handed))
        except BaseException as failure:  # noqa: BLE001 - handed to the awaiting coroutine
            future.set_exception(failure)


def _deliver(entry: Pending, handed: Any, error: BaseException | None) -> None:
    """Resolves the entry on its loop's thread (directly when already there)."""
    if threading.get_ident() == entry.loop_thread:
        _resolve(entry, handed, error)
        return
    try:
        entry.future.get_loop().call_soon_threadsafe(_resolve, entry, handed, error)
    except RuntimeError:  # the loop is closed: nobody can await the outcome any more
        if error is None:
            entry.release(handed)


def _completion(free: Callable[[Any], None] | None, required: bool) -> Callable[..., None]:
    """The body of one completion callback type: `free` releases what it hands over when
    nobody takes it; `required`: success must hand something over."""

    def on_done(code: int, handed: Any, error: Any, user_data: int | None) -> None:
        try:
            with _lock:
                entry = _pending.pop(user_data or 0, None)
            if not handed:
                handed = None
            if entry is None or code != ErrorCode.OK or (required and handed is None):
                if handed is not None and free is not None:  # abandoned, or not per contract
                    free(handed)
                if entry is not None:
                    entry.release(None)
                    _deliver(entry, None, error_from(code, error) if code != ErrorCode.OK else
                             internal_error("the library reported success but handed over "
                                            "nothing"))
                return
            _deliver(entry, handed, None)
        except BaseException:  # noqa: BLE001 - nothing may propagate into C
            logger.exception("could not complete a call")

    return on_done


CALLBACKS: Final[dict[str, Any]] = {
    "execution": ExecutionCallback(_completion(lambda p: library().airops_execution_free(p),
                                               required=True)),
    "result": ResultCallback(_completion(lambda p: library().airops_result_free(p),
                                         required=False)),
    "json": JSONCallback(_completion(None, required=True)),
}
"""The completion callback of each :attr:`airops._core.Call.kind`, passed for every call of
that kind; never freed."""
