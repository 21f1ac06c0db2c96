"""Conversions between Python and the C of ``airops.h``: values, the strings the library hands
over, the ``airops_error **`` protocol as exceptions, and objects as ``user_data`` keys."""

from __future__ import annotations

import ctypes
import itertools
import json
import math
import threading
from typing import Any, Callable, Final, Generic, TypeVar

from ._errors import (AirOpsError, ErrorCode, InternalError, InvalidArgumentError, TimeoutError,
                      exception_for)
from ._library import ErrorHandle, library

E = TypeVar("E", bound=AirOpsError)
T = TypeVar("T")

# The ranges of int, int64_t and size_t, for c_integer().
INT32: Final = (-(2**31), 2**31 - 1)
INT64: Final = (-(2**63), 2**63 - 1)
SIZE: Final = (0, 2**64 - 1)


def code_name(code: int) -> str:
    name: bytes = library().airops_code_name(code)
    return name.decode("utf-8", errors="replace")


def error_from(status: int, error: Any) -> AirOpsError:
    """Copies a borrowed native error (a completion's) into an exception, without freeing it."""
    lib = library()
    if error:
        code = lib.airops_error_code(error)
        http_status = lib.airops_error_http_status(error)
        message = lib.airops_error_message(error).decode("utf-8", errors="replace")
    else:  # the library broke its contract; report what is known
        code, http_status, message = status, 0, "the library returned no error details"
    return exception_for(code, message, code_name=code_name(code), status=http_status)


def call(function: Any, *args: Any) -> None:
    """Calls ``function(*args, &error)``, a library function that returns an ``airops_code``,
    and raises the matching :class:`AirOpsError` (freeing the native error) on failure."""
    error = ErrorHandle()
    status = function(*args, ctypes.byref(error))
    if status != ErrorCode.OK:
        try:
            raise error_from(status, error)
        finally:
            library().airops_error_free(error)


def _raised_here(cls: type[E]) -> Callable[[str], E]:
    return lambda message: cls(message, code=cls.code, code_name=code_name(cls.code))


# The errors that this package raises itself: a value that cannot be converted to C, a wait of
# its own (for the next event), something the library handed over against its contract.
invalid_argument: Final = _raised_here(InvalidArgumentError)
timeout_error: Final = _raised_here(TimeoutError)
internal_error: Final = _raised_here(InternalError)


def c_string(value: str | None, name: str) -> bytes | None:
    """Encodes a str as NUL-terminated UTF-8; None stays NULL. TypeError for another type,
    InvalidArgumentError for a NUL or what UTF-8 cannot encode (lone surrogates)."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, not {type(value).__name__}")
    try:
        encoded = value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise invalid_argument(f"{name} is not encodable as UTF-8: {error.reason}") from None
    if b"\0" in encoded:
        raise invalid_argument(f"{name} contains a NUL character")
    return encoded


def c_bytes(value: str | bytes, name: str) -> bytes:
    """:func:`c_string`, also taking bytes as they are (for arguments that need not be text)."""
    if isinstance(value, bytes):
        if b"\0" in value:
            raise invalid_argument(f"{name} contains a NUL byte")
        return value
    return c_string(value, name)  # type: ignore[return-value]  # a str is never None


def c_id(value: str | int | None, name: str) -> bytes | None:
    """Encodes an id given as a str or an int (e.g. a numeric app or workspace id)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return c_string(str(value), name)
    return c_string(value, name)  # type: ignore[arg-type]  # c_string rejects other types


def c_json(value: Any, name: str) -> bytes | None:
    """:func:`json.dumps` of a value (None stays NULL); the library checks the text."""
    if value is None:
        return None
    try:
        text = json.dumps(value)
    except (TypeError, ValueError) as error:
        raise invalid_argument(f"{name} is not JSON serializable: {error}") from None
    return c_string(text, name)


def c_integer(value: int, name: str, bounds: tuple[int, int]) -> int:
    """Checks that an int fits a C integer type (ctypes would truncate or wrap it silently);
    the library checks its range of meaning."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    if not bounds[0] <= value <= bounds[1]:
        raise invalid_argument(f"{name} is out of range: {value}")
    return value


def c_milliseconds(seconds: float, name: str) -> int:
    """Converts seconds to whole milliseconds (rounded up), clamped to ``int64_t``."""
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)):
        raise TypeError(f"{name} must be a number of seconds, not {type(seconds).__name__}")
    # Clamp first: isnan cannot convert a huge int to a float, and multiplying overflows a
    # huge float to infinity.
    if abs(seconds) >= INT64[1] / 1000:
        return INT64[1] if seconds > 0 else INT64[0]
    if math.isnan(seconds):
        raise invalid_argument(f"{name} is not a number")
    return max(INT64[0], min(INT64[1], math.ceil(seconds * 1000)))


def wait_seconds(timeout: float | None) -> float | None:
    """Checks the `timeout` of a wait for events: None, or seconds that are not negative;
    longer than any wait a thread can make becomes None."""
    if timeout is not None and (math.isnan(timeout) or timeout < 0):
        raise invalid_argument("timeout must be a non-negative number of seconds")
    return None if timeout is None or timeout > threading.TIMEOUT_MAX else timeout


def from_c(value: bytes | None) -> str | None:
    """Decodes a borrowed C string (``const char *``); NULL becomes None."""
    return None if value is None else value.decode("utf-8", errors="replace")


def take_string(pointer: Any) -> str:
    """Copies a string that the library handed over (a ``char **`` out) and frees it."""
    if not pointer:
        raise internal_error("the library returned success but no string")
    try:
        return ctypes.string_at(pointer).decode("utf-8")
    finally:
        library().airops_string_free(pointer)


class Registry(Generic[T]):
    """Objects that C refers to by an integer ``user_data`` key: ctypes keeps no reference to
    what it hands to C, and C may call back on any thread (uniffi's pattern)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: dict[int, T] = {}
        self._keys = itertools.count(1)

    def add(self, item: T) -> int:
        with self._lock:
            key = next(self._keys)
            self._items[key] = item
        return key

    def get(self, key: int | None) -> T | None:
        with self._lock:
            return self._items.get(key or 0)

    def pop(self, key: int | None) -> T | None:
        with self._lock:
            return self._items.pop(key or 0, None)

    def pop_where(self, belongs: Callable[[T], bool]) -> list[T]:
        with self._lock:
            keys = [key for key, item in self._items.items() if belongs(item)]
            return [self._items.pop(key) for key in keys]

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def __len__(self) -> int:
        return len(self._items)
