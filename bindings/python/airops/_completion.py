"""Completion callbacks of the ``_async`` calls of ``airops.h``, resolved into asyncio futures.

The same pattern as :mod:`airops._stream` (``reference/c-sdk-anchors.md`` sections 4 and 8):
three module-level callbacks, :data:`ON_EXECUTION_DONE` (``airops_execution_callback``),
:data:`ON_RESULT_DONE` (``airops_result_callback``) and :data:`ON_JSON_DONE`
(``airops_json_callback``), alive for the life of the process, are
passed for every call; their ``user_data`` is an integer key into a lock-protected registry
of :class:`Pending` calls. No per-call closure is ever handed to C.

A completion runs inside ``airops_client_dispatch()``, i.e. on the event loop's thread when
the client is driven by :mod:`airops.aio`; should one ever run on another thread, the future
is resolved through ``loop.call_soon_threadsafe``. What the library hands over is taken at
once, whatever happens to the future: a result is copied and freed, an execution handle is
adopted by the awaiting coroutine or, when nobody awaits it any more (the task was
cancelled, or the client or execution was closed), freed.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
from collections.abc import Callable
from typing import Any, Final

from ._call import code_name, error_from
from ._errors import AirOpsError, ErrorCode, InternalError
from ._library import ExecutionCallback, JSONCallback, ResultCallback, library
from ._log import logger
from .result import take_result

__all__ = ["Pending", "start", "forget", "abandon", "pending_count", "ON_EXECUTION_DONE",
           "ON_RESULT_DONE", "ON_JSON_DONE"]

Adopt = Callable[[Any], Any]
"""Turns a native handle handed over by a completion into the awaited Python object."""

Discard = Callable[[Any], None]
"""Releases what a call holds when its outcome will never be adopted: the native handle the
completion handed over (or None when there is none, e.g. the call failed)."""


class Pending:
    """One ``_async`` call in flight: the future it resolves and the objects it belongs to.

    Attributes:
        key: the ``user_data`` passed to C.
        future: resolved with the call's outcome on the loop's thread.
        owners: the objects whose closing abandons the call (a client, an execution).
    """

    __slots__ = ("key", "future", "loop", "loop_thread", "owners", "adopt", "discard")

    def __init__(self, key: int, loop: asyncio.AbstractEventLoop, loop_thread: int,
                 owners: tuple[object, ...], adopt: Adopt | None, discard: Discard | None) -> None:
        self.key = key
        self.future: asyncio.Future[Any] = loop.create_future()
        self.loop = loop
        self.loop_thread = loop_thread
        self.owners = owners
        self.adopt = adopt
        self.discard = discard

    def release(self, pointer: Any) -> None:
        """Runs :attr:`discard` (never raising): the outcome will not be adopted."""
        if self.discard is not None:
            try:
                self.discard(pointer)
            except BaseException:  # noqa: BLE001 - called from C callbacks and close()
                logger.exception("could not release the outcome of an abandoned call")


_lock = threading.Lock()
_pending: dict[int, Pending] = {}
_keys = itertools.count(1)


def start(loop: asyncio.AbstractEventLoop, loop_thread: int, owners: tuple[object, ...],
          adopt: Adopt | None = None, discard: Discard | None = None) -> Pending:
    """Registers a call before it is made (its completion may run before the call returns).

    Args:
        loop: the running loop, whose thread is `loop_thread`.
        owners: the objects whose :func:`abandon` fails this call.
        adopt: for an execution completion: wraps the handed-over handle.
        discard: frees what the call holds when its outcome is not adopted.
    """
    with _lock:
        key = next(_keys)
        entry = Pending(key, loop, loop_thread, owners, adopt, discard)
        _pending[key] = entry
    return entry


def forget(entry: Pending) -> None:
    """Removes a call whose C function failed (then its completion never runs)."""
    with _lock:
        removed = _pending.pop(entry.key, None)
    if removed is not None:
        removed.release(None)
        if not removed.future.done():
            removed.future.cancel()


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
        _deliver(entry, error(), None)
    return len(entries)


def pending_count() -> int:
    """How many calls are in flight (for tests)."""
    with _lock:
        return len(_pending)


def _take(key: int | None) -> Pending | None:
    with _lock:
        return _pending.pop(key or 0, None)


def _resolve(entry: Pending, outcome: Any, pointer: Any) -> None:
    """On the loop's thread: settles the future, or releases the outcome if it is done."""
    future = entry.future
    if future.done():  # the awaiting task was cancelled
        if pointer is not None:
            entry.release(pointer)
        return
    if isinstance(outcome, BaseException):
        future.set_exception(outcome)
        return
    if pointer is not None:
        assert entry.adopt is not None
        try:
            outcome = entry.adopt(pointer)
        except BaseException as error:  # noqa: BLE001 - handed to the awaiting coroutine
            entry.release(pointer)
            future.set_exception(error)
            return
    future.set_result(outcome)


def _deliver(entry: Pending, outcome: Any, pointer: Any) -> None:
    """Resolves the entry on its loop's thread (directly when already there)."""
    if threading.get_ident() == entry.loop_thread:
        _resolve(entry, outcome, pointer)
        return
    try:
        entry.loop.call_soon_threadsafe(_resolve, entry, outcome, pointer)
    except RuntimeError:  # the loop is closed: nobody can await the outcome any more
        if pointer is not None:
            entry.release(pointer)


def _failure(code: int, error: Any) -> AirOpsError:
    return error_from(code, error)


def _on_execution_done(code: int, execution: Any, error: Any, user_data: int | None) -> None:
    """``airops_execution_callback``: the outcome of execute_async / chat_async."""
    try:
        entry = _take(user_data)
        pointer = execution if execution else None
        if entry is None:  # abandoned: nobody takes the execution
            if pointer is not None:
                library().airops_execution_free(pointer)
            return
        if code != ErrorCode.OK:
            if pointer is not None:  # not per the contract, but never leak it
                library().airops_execution_free(pointer)
            entry.release(None)
            _deliver(entry, _failure(code, error), None)
        elif pointer is None:
            entry.release(None)
            _deliver(entry, InternalError(
                "the library reported success but handed over no execution",
                code=ErrorCode.INTERNAL, code_name=code_name(ErrorCode.INTERNAL)), None)
        else:
            _deliver(entry, None, pointer)
    except BaseException:  # noqa: BLE001 - nothing may propagate into C
        logger.exception("could not complete an execute/chat call")


def _on_result_done(code: int, result: Any, error: Any, user_data: int | None) -> None:
    """``airops_result_callback``: the outcome of fetch_async / wait_async / cancel_async."""
    try:
        record = take_result(result) if result else None  # always taken: the receiver owns it
        entry = _take(user_data)
        if entry is None:
            return
        if code != ErrorCode.OK:
            _deliver(entry, _failure(code, error), None)
        else:
            _deliver(entry, record, None)
    except BaseException:  # noqa: BLE001 - nothing may propagate into C
        logger.exception("could not complete a fetch/wait/cancel call")


def _on_json_done(code: int, text: bytes | None, error: Any, user_data: int | None) -> None:
    """``airops_json_callback``: the outcome of app_get_async, parsed (the text is borrowed)."""
    try:
        entry = _take(user_data)
        if entry is None:
            return
        if code != ErrorCode.OK:
            _deliver(entry, _failure(code, error), None)
            return
        try:
            outcome: Any = json.loads((text or b"").decode("utf-8"))
        except ValueError as failure:
            outcome = InternalError(f"the library handed over JSON that does not parse: {failure}",
                                    code=ErrorCode.INTERNAL, code_name=code_name(ErrorCode.INTERNAL))
        _deliver(entry, outcome, None)
    except BaseException:  # noqa: BLE001 - nothing may propagate into C
        logger.exception("could not complete an app get call")


ON_EXECUTION_DONE: Final = ExecutionCallback(_on_execution_done)
"""The ``airops_execution_callback`` passed for every execute/chat ``_async`` call; never freed."""

ON_RESULT_DONE: Final = ResultCallback(_on_result_done)
"""The ``airops_result_callback`` passed for every fetch/wait/cancel ``_async`` call; never freed."""

ON_JSON_DONE: Final = JSONCallback(_on_json_done)
"""The ``airops_json_callback`` passed for every ``airops_app_get_async`` call; never freed."""
