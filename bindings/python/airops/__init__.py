"""airops: the Python binding of libairops, a native client SDK for AirOps apps.

Example::

    import airops

    with airops.AirOps.identify(user_id="u1", workspace_id=1,
                                hashed_user_id=airops.hash_user_id(api_key, "u1")) as client:
        with client.apps.execute("hello-world", {"name": "Ada"}) as execution:
            print(execution.result().output)

        # Streamed: events arrive while the app runs (needs a realtime endpoint).
        with client.apps.execute("hello-world", {"name": "Ada"}, stream=True) as execution:
            for event in execution:
                if event.kind is airops.EventKind.CHUNK:
                    print(event.content, end="", flush=True)

asyncio: :class:`airops.aio.AsyncAirOps` has the same operations as awaitables, driven by
the event loop without threads (``import airops.aio``).

Logging goes to ``logging.getLogger("airops")`` (see :mod:`airops._log`).

The package converts and forwards: validation, HTTP, polling and hashing happen in the
library (``libairops.so``), which is found as described in :mod:`airops._library`.
"""

from typing import TYPE_CHECKING, Any

from ._errors import (AirOpsError, APIError, AuthenticationError, BadRequestError,
                      ConnectionError, ErrorCode, ForkedError, InternalError,
                      InvalidArgumentError, LibraryError, LibraryNotFoundError,
                      LibraryVersionError, NotFoundError, ProtocolError, RateLimitError,
                      RedirectError, ServerError, TimeoutError)
from ._library import version as library_version
from ._version import __version__
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
    """Imports :mod:`airops.aio` on first access (``airops.aio``), so that ``import airops``
    does not import asyncio."""
    if name == "aio":
        import importlib

        return importlib.import_module(".aio", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
