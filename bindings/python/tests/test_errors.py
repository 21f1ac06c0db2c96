"""The exception hierarchy and how library errors are mapped onto it."""

from __future__ import annotations

import builtins

import pytest

import airops
from airops._convert import code_name

CLASSES = {
    1: airops.InvalidArgumentError,
    2: airops.AuthenticationError,
    3: airops.NotFoundError,
    4: airops.BadRequestError,
    5: airops.RateLimitError,
    6: airops.ServerError,
    7: airops.ConnectionError,
    8: airops.TimeoutError,
    9: airops.ProtocolError,
    10: airops.InternalError,
    11: airops.RedirectError,
}


@pytest.mark.parametrize("code, cls", sorted(CLASSES.items()))
def test_classes_carry_their_codes(code: int, cls: type[airops.AirOpsError]) -> None:
    assert issubclass(cls, airops.AirOpsError)
    assert cls.code == code == airops.ErrorCode(code)
    assert issubclass(cls, airops.APIError) == (2 <= code <= 6 or code == 11)


def test_builtin_bases() -> None:
    assert issubclass(airops.ConnectionError, builtins.ConnectionError)
    assert issubclass(airops.TimeoutError, builtins.TimeoutError)
    assert issubclass(airops.LibraryNotFoundError, OSError)
    assert issubclass(airops.LibraryVersionError, airops.LibraryError)


def test_code_names_come_from_the_library() -> None:
    assert code_name(airops.ErrorCode.NOT_FOUND) == "AIROPS_ERR_NOT_FOUND"
    assert code_name(airops.ErrorCode.UNAUTHORIZED) == "AIROPS_ERR_UNAUTHORIZED"
    assert code_name(airops.ErrorCode.OK) == "AIROPS_OK"


def test_library_error_is_converted_and_freed() -> None:
    with pytest.raises(airops.InvalidArgumentError) as info:
        airops.hash_user_id("", "someone")
    error = info.value
    assert error.code == 1
    assert error.code_name == "AIROPS_ERR_INVALID_ARGUMENT"
    assert error.status == 0
    assert error.message
    assert error.message in str(error) and "AIROPS_ERR_INVALID_ARGUMENT" in str(error)
    assert "InvalidArgumentError" in repr(error)
