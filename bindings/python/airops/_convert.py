"""Conversions between Python values and the C types of ``airops.h``."""

from __future__ import annotations

import ctypes
import json
import math
from typing import Any

from ._call import code_name, invalid_argument
from ._errors import ErrorCode, InternalError
from ._library import library

__all__ = ["c_string", "c_id", "c_json", "c_int64", "c_milliseconds", "from_c", "take_string"]

_INT64_MIN = -(2**63)
_INT64_MAX = 2**63 - 1


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


def c_int64(value: int, name: str) -> int:
    """Checks that an integer fits an ``int64_t`` (ctypes would silently truncate it)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    if not _INT64_MIN <= value <= _INT64_MAX:
        raise invalid_argument(f"{name} is out of range: {value}")
    return value


def c_size(value: int, name: str) -> int:
    """Checks that an integer fits a ``size_t`` (ctypes would silently wrap a negative one)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    if not 0 <= value < 1 << 64:
        raise invalid_argument(f"{name} is out of range: {value}")
    return value


def c_milliseconds(seconds: float, name: str) -> int:
    """Converts seconds to whole milliseconds (rounded up), clamped to ``int64_t``."""
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)):
        raise TypeError(f"{name} must be a number of seconds, not {type(seconds).__name__}")
    # Beyond int64_t milliseconds (or infinite) clamps: before isnan, which cannot convert a
    # huge int to a float, and before multiplying, which overflows a huge float to infinity.
    if abs(seconds) >= _INT64_MAX / 1000:
        return _INT64_MAX if seconds > 0 else _INT64_MIN
    if math.isnan(seconds):
        raise invalid_argument(f"{name} is not a number")
    return max(_INT64_MIN, min(_INT64_MAX, math.ceil(seconds * 1000)))


def from_c(value: bytes | None) -> str | None:
    """Decodes a borrowed C string (``const char *`` returned as bytes); NULL becomes None."""
    return None if value is None else value.decode("utf-8")


def take_string(pointer: Any) -> str:
    """Copies a string the library handed over (``char **`` out) and frees it."""
    if not pointer:
        raise InternalError("the library returned success but no string",
                            code=ErrorCode.INTERNAL, code_name=code_name(ErrorCode.INTERNAL))
    try:
        return ctypes.string_at(pointer).decode("utf-8")
    finally:
        library().airops_string_free(pointer)
