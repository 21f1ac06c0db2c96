"""What the blocking classes (:mod:`airops.client`) and the asyncio ones (:mod:`airops.aio`)
share: the properties of clients and executions, and the asyncio client's copy of the
blocking client's constructors. The two APIs differ only in how they wait."""

from __future__ import annotations

import types
from typing import Any, Callable, TypeVar

from ._core import ClientCore, ExecutionCore
from ._options import Settings
from ._stream import EventSink

F = TypeVar("F", bound=Callable[..., Any])


def with_delivery(function: F, delivery: str) -> F:
    """A copy of a constructor whose `delivery` keyword defaults to `delivery` instead (not a
    wrapper: ``inspect.signature`` shows the copy's own default)."""
    copy = types.FunctionType(function.__code__, function.__globals__, function.__name__,
                              function.__defaults__, function.__closure__)
    copy.__kwdefaults__ = {**(function.__kwdefaults__ or {}), "delivery": delivery}
    copy.__doc__, copy.__annotations__ = function.__doc__, function.__annotations__
    return copy  # type: ignore[return-value]


class ClientBase:
    """A client's native core and its ``apps`` (see :class:`airops.AirOps`)."""

    _core: ClientCore | None = None  # None when the constructor failed
    _apps_type: Callable[[Any, ClientCore], Any]
    _name = ""

    def _open(self, settings: Settings) -> None:
        self._core = ClientCore(settings)
        self._apps = self._apps_type(self, self._core)

    @property
    def closed(self) -> bool:
        """Whether the client has been closed."""
        return self._core is None or self._core.closed

    def __repr__(self) -> str:
        return f"<{self._name}{' closed' if self.closed else ''}>"


class Part:
    """What a client hands out (its ``apps``, its executions): the client and the native
    core behind it."""

    _name = ""

    def __init__(self, client: Any, core: Any) -> None:
        """Internal: made by the client."""
        self._client, self._core = client, core


class AppsBase(Part):
    """The app operations of a client, reached as ``client.apps``."""

    _core: ClientCore

    def __repr__(self) -> str:
        return f"<{self._name} of {self._client!r}>"


class ExecutionBase(Part):
    """An execution's native core and its client (see :class:`airops.Execution`)."""

    _core: ExecutionCore

    @property
    def id(self) -> str:
        """The execution's id (uuid)."""
        return self._core.id

    @property
    def session_id(self) -> str | None:
        """The chat session of an execution started by ``apps.chat_stream``; None for other
        executions. Pass it to the next ``chat_stream`` to continue the conversation."""
        return self._core.session_id

    @property
    def streamed(self) -> bool:
        """Whether the execution delivers events (started with ``stream=True`` or a chat)."""
        return self._core.sink is not None

    @property
    def closed(self) -> bool:
        """Whether the native handle has been freed (also by closing the client)."""
        return self._core.closed

    def _sink(self) -> EventSink:
        if self._core.sink is None:
            raise TypeError("not a streamed execution: start it with stream=True or chat_stream")
        return self._core.sink

    def __repr__(self) -> str:
        return f"<{self._name} id={self.id!r}{' closed' if self.closed else ''}>"
