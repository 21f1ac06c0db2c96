"""The exceptions of the ``airops`` package: every failure that libairops reports is an
:class:`AirOpsError` whose subclass follows its error code (``airops_code``)."""

from __future__ import annotations

import builtins
import enum


class ErrorCode(enum.IntEnum):
    """Mirrors ``airops_code`` of ``airops.h``."""
    OK = 0
    INVALID_ARGUMENT = 1
    UNAUTHORIZED = 2
    NOT_FOUND = 3
    BAD_REQUEST = 4
    RATE_LIMITED = 5
    SERVER = 6
    NETWORK = 7
    TIMEOUT = 8
    PROTOCOL = 9
    INTERNAL = 10
    REDIRECT = 11
    FORKED = 12
    CANCELLED = 13


class AirOpsError(Exception):
    """An error reported by libairops: its `code` (:class:`ErrorCode`) and `code_name`
    (``"AIROPS_ERR_NOT_FOUND"``), the HTTP `status` that caused it or 0, and the `message`
    (the server's ``error`` text for HTTP errors, otherwise the library's)."""

    code: int = ErrorCode.INTERNAL

    def __init__(self, message: str, *, code: int | None = None, code_name: str = "",
                 status: int = 0) -> None:
        super().__init__(message)
        self.message: str = message
        if code is not None:
            self.code = code
        self.code_name: str = code_name
        self.status: int = status

    def __str__(self) -> str:
        details = [self.code_name or f"code {self.code}"]
        if self.status:
            details.append(f"HTTP {self.status}")
        return f"{self.message} [{', '.join(details)}]"

    def __repr__(self) -> str:
        return (f"{type(self).__name__}(message={self.message!r}, code={int(self.code)}, "
                f"code_name={self.code_name!r}, status={self.status})")


class InvalidArgumentError(AirOpsError):
    """A missing or malformed argument; nothing was sent (``AIROPS_ERR_INVALID_ARGUMENT``)."""
    code = ErrorCode.INVALID_ARGUMENT


class APIError(AirOpsError):
    """Base of the errors that come from an HTTP error response; ``status`` holds its status."""


class AuthenticationError(APIError):
    """HTTP 401/403: missing or wrong identity (``AIROPS_ERR_UNAUTHORIZED``)."""
    code = ErrorCode.UNAUTHORIZED


class NotFoundError(APIError):
    """HTTP 404: no such app or execution for this identity (``AIROPS_ERR_NOT_FOUND``)."""
    code = ErrorCode.NOT_FOUND


class BadRequestError(APIError):
    """Any other HTTP 4xx, e.g. a missing input (``AIROPS_ERR_BAD_REQUEST``)."""
    code = ErrorCode.BAD_REQUEST


class RateLimitError(APIError):
    """HTTP 429 (``AIROPS_ERR_RATE_LIMITED``)."""
    code = ErrorCode.RATE_LIMITED


class ServerError(APIError):
    """HTTP 5xx (``AIROPS_ERR_SERVER``)."""
    code = ErrorCode.SERVER


class RedirectError(APIError):
    """A 3xx that ``follow_redirects`` refuses; the message names it (``AIROPS_ERR_REDIRECT``)."""
    code = ErrorCode.REDIRECT


class ConnectionError(AirOpsError, builtins.ConnectionError):  # noqa: A001 - mirrors the SDK name
    """The server could not be reached or the connection broke (``AIROPS_ERR_NETWORK``)."""
    code = ErrorCode.NETWORK


class TimeoutError(AirOpsError, builtins.TimeoutError):  # noqa: A001 - mirrors the SDK name
    """A request's or a wait's timeout passed (``AIROPS_ERR_TIMEOUT``)."""
    code = ErrorCode.TIMEOUT


class ProtocolError(AirOpsError):
    """The server answered 2xx with a body the protocol does not allow (``AIROPS_ERR_PROTOCOL``)."""
    code = ErrorCode.PROTOCOL


class InternalError(AirOpsError):
    """A bug or unexpected state inside the library (``AIROPS_ERR_INTERNAL``)."""
    code = ErrorCode.INTERNAL


class ForkedError(AirOpsError):
    """A client made before ``os.fork()``, used in the child (``AIROPS_ERR_FORKED``)."""
    code = ErrorCode.FORKED


_CLASS_BY_CODE: dict[int, type[AirOpsError]] = {
    cls.code: cls
    for cls in (InvalidArgumentError, AuthenticationError, NotFoundError, BadRequestError,
                RateLimitError, ServerError, RedirectError, ConnectionError, TimeoutError,
                ProtocolError, InternalError, ForkedError)
}


def exception_for(code: int, message: str, *, code_name: str = "", status: int = 0) -> AirOpsError:
    """Builds the exception that matches a library error code (:class:`AirOpsError` if unknown)."""
    cls = _CLASS_BY_CODE.get(code, AirOpsError)
    return cls(message, code=code, code_name=code_name, status=status)


class LibraryError(OSError):
    """libairops could not be loaded or is not the version this package expects."""


class LibraryNotFoundError(LibraryError):
    """No loadable libairops was found (see the lookup order in :mod:`airops._library`)."""


class LibraryVersionError(LibraryError):
    """The loaded libairops reports a version this package was not written for."""
