"""airops: the Python binding of libairops, a native client SDK for AirOps apps.

Example::

    import airops

    with airops.AirOps.identify(user_id="u1", workspace_id=1,
                                hashed_user_id=airops.hash_user_id(api_key, "u1")) as client:
        print(client.apps.execute("hello-world", {"name": "Ada"}).result().output)
        for event in client.apps.execute("hello-world", {"name": "Ada"}, stream=True):
            print(event.kind.name, event.content)

:mod:`airops.aio` has the same API for asyncio. The work happens in ``libairops.so``.
"""

from typing import TYPE_CHECKING, Any

from ._errors import (AirOpsError, APIError, AuthenticationError, BadRequestError,
                      ConnectionError, ErrorCode, ForkedError, InternalError,
                      InvalidArgumentError, LibraryError, LibraryNotFoundError,
                      LibraryVersionError, NotFoundError, ProtocolError, RateLimitError,
                      RedirectError, ServerError, TimeoutError)
from ._library import __version__, version as library_version
from .client import AirOps, Apps, Execution
from .events import Event, EventHandler, EventKind
from .identity import hash_user_id
from .result import ExecutionResult, ExecutionState

__all__ = [
    "__version__", "library_version", "hash_user_id", "AirOps", "Apps", "Execution", "Event",
    "EventKind", "EventHandler", "ExecutionResult", "ExecutionState", "ErrorCode",
    "AirOpsError", "APIError", "InvalidArgumentError", "AuthenticationError", "NotFoundError",
    "BadRequestError", "RateLimitError", "ServerError", "RedirectError", "ForkedError",
    "ConnectionError", "TimeoutError", "ProtocolError", "InternalError", "LibraryError",
    "LibraryNotFoundError", "LibraryVersionError",
]

if TYPE_CHECKING:
    from . import aio


def __getattr__(name: str) -> Any:
    """Imports :mod:`airops.aio` on first access: ``import airops`` does not import asyncio."""
    if name == "aio":
        import importlib
        return importlib.import_module(".aio", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
