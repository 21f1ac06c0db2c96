"""Calling a fallible library function: the ``airops_error **`` protocol as exceptions."""

from __future__ import annotations

import ctypes
from typing import Any, TypeVar

from ._errors import (AirOpsError, ErrorCode, InternalError, InvalidArgumentError, TimeoutError,
                      exception_for)
from ._library import ErrorHandle, library

E = TypeVar("E", bound=AirOpsError)


def code_name(code: int) -> str:
    """The library's name of an error code, e.g. ``"AIROPS_ERR_NOT_FOUND"``."""
    name: bytes = library().airops_code_name(code)
    return name.decode("utf-8", errors="replace")


def error_from(status: int, error: Any) -> AirOpsError:
    """Copies a native error that is borrowed (e.g. the ``const airops_error *`` of a
    completion callback) into an exception; does not free it."""
    lib = library()
    if error:
        code = lib.airops_error_code(error)
        http_status = lib.airops_error_http_status(error)
        message = lib.airops_error_message(error).decode("utf-8", errors="replace")
    else:  # the library broke its contract; report what is known
        code, http_status, message = status, 0, "the library returned no error details"
    return exception_for(code, message, code_name=code_name(code), status=http_status)


def _take_error(status: int, error: Any) -> AirOpsError:
    """Copies a native error into an exception and frees the native error."""
    try:
        return error_from(status, error)
    finally:
        library().airops_error_free(error)


def call(function: Any, *args: Any) -> None:
    """Calls `function(*args, &error)` and raises the matching :class:`AirOpsError` on failure.

    `function` is a prototyped library function whose last parameter is ``airops_error **``
    and which returns an ``airops_code``.
    """
    error = ErrorHandle()
    status = function(*args, ctypes.byref(error))
    if status != ErrorCode.OK:
        raise _take_error(status, error)


def _raised_here(cls: type[E], message: str) -> E:
    return cls(message, code=cls.code, code_name=code_name(cls.code))


def invalid_argument(message: str) -> InvalidArgumentError:
    """An :class:`InvalidArgumentError` for a value that cannot be converted to C."""
    return _raised_here(InvalidArgumentError, message)


def timeout_error(message: str) -> TimeoutError:
    """A :class:`TimeoutError` for a wait of this package (e.g. for the next event)."""
    return _raised_here(TimeoutError, message)


def internal_error(message: str) -> InternalError:
    """An :class:`InternalError` for something the library handed over against its contract."""
    return _raised_here(InternalError, message)
