"""Conversions between Python values and the C types of ``airops.h``."""

from __future__ import annotations

import ctypes
import json
import math
from typing import Any, Final

from ._call import internal_error, invalid_argument
from ._library import library


def c_string(value: str | None, name: str) -> bytes | None:
    """Encodes a str as a NUL-terminated UTF-8 C string; None stays NULL.

    Raises:
        InvalidArgumentError: `value` cannot be encoded (lone surrogates) or contains NUL.
        TypeError: `value` is not a str.
    """
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
    """Like c_string, and also takes bytes as they are (for arguments that need not be text)."""
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
    """Serializes a value with :func:`json.dumps` as a C string; None stays NULL.

    The library validates the text (e.g. that it is an object), not this function.
    """
    if value is None:
        return None
    try:
        text = json.dumps(value)
    except (TypeError, ValueError) as error:
        raise invalid_argument(f"{name} is not JSON serializable: {error}") from None
    return c_string(text, name)


INT32: Final = (-(2**31), 2**31 - 1)
INT64: Final = (-(2**63), 2**63 - 1)
SIZE: Final = (0, 2**64 - 1)
"""The ranges of ``int``, ``int64_t`` and ``size_t``, for :func:`c_integer`."""


def c_integer(value: int, name: str, bounds: tuple[int, int]) -> int:
    """Checks that an integer fits a C integer type of the given bounds (ctypes would
    silently truncate or wrap it); the library checks its range of meaning."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    if not bounds[0] <= value <= bounds[1]:
        raise invalid_argument(f"{name} is out of range: {value}")
    return value


def c_milliseconds(seconds: float, name: str) -> int:
    """Converts seconds to whole milliseconds (rounded up), clamped to ``int64_t``."""
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)):
        raise TypeError(f"{name} must be a number of seconds, not {type(seconds).__name__}")
    # Beyond int64_t milliseconds (or infinite) clamps: before isnan, which cannot convert a
    # huge int to a float, and before multiplying, which overflows a huge float to infinity.
    if abs(seconds) >= INT64[1] / 1000:
        return INT64[1] if seconds > 0 else INT64[0]
    if math.isnan(seconds):
        raise invalid_argument(f"{name} is not a number")
    return max(INT64[0], min(INT64[1], math.ceil(seconds * 1000)))


def from_c(value: bytes | None) -> str | None:
    """Decodes a borrowed C string (``const char *`` returned as bytes); NULL becomes None."""
    return None if value is None else value.decode("utf-8")


def take_string(pointer: Any) -> str:
    """Copies a string the library handed over (``char **`` out) and frees it."""
    if not pointer:
        raise internal_error("the library returned success but no string")
    try:
        return ctypes.string_at(pointer).decode("utf-8")
    finally:
        library().airops_string_free(pointer)
