"""The events of streamed executions and agent chats, copied out of the library."""

from __future__ import annotations

import ctypes
import enum
import json as _json
from dataclasses import dataclass, field
from typing import Any, Callable

from ._library import EventStruct

__all__ = ["EventKind", "Event", "EventHandler", "event_from_c"]


class EventKind(enum.IntEnum):
    """Mirrors ``airops_event_kind``: what an :class:`Event` reports."""

    CHUNK = 1
    """A piece of a streamed execution's output (:attr:`Event.content`)."""
    COMPLETED = 2
    """The end of the stream: :attr:`Event.content` (execution) or :attr:`Event.result` (chat)."""
    AGENT_RESPONSE = 3
    """A piece of an agent's reply (:attr:`Event.token`, :attr:`Event.stream_finished`)."""
    AGENT_ACTION = 4
    """An agent calls a tool (:attr:`Event.tool`, :attr:`Event.tool_input`)."""
    AGENT_ACTION_ERROR = 5
    """A tool call failed (:attr:`Event.tool`, :attr:`Event.tool_error`)."""

    @property
    def action(self) -> str:
        """The event's name as the JavaScript SDK spells it, e.g. ``"agent-response"``."""
        return self.name.lower().replace("_", "-")


@dataclass(frozen=True)
class Event:
    """One event of a streamed execution or chat: a plain, immutable Python object.

    The typed attributes hold what the library parsed for this :attr:`kind` and are None
    (``stream_finished``: False) for the other kinds.

    Attributes:
        kind: what the event reports.
        execution_id: the id (uuid) of the execution it belongs to.
        json: the event's data as the server sent it (JSON text).
        data: :attr:`json` parsed (an empty dict if it is not a JSON object).
        content: CHUNK: the piece of output; COMPLETED of an execution: the whole output.
        token: AGENT_RESPONSE: the piece of the reply.
        stream_finished: AGENT_RESPONSE: whether this is the reply's last token.
        result: COMPLETED of a chat, or the last AGENT_RESPONSE: the whole reply.
        tool: AGENT_ACTION and AGENT_ACTION_ERROR: the tool's name.
        tool_input: AGENT_ACTION: the tool's input.
        tool_error: AGENT_ACTION_ERROR: the error message.
        error_code: COMPLETED that the library made: the failed execution's error code, or
            ``"events_overflowed"`` when the consumer fell more than ``max_buffered_events``
            behind (the rest of the stream was dropped; ``result()`` still returns the record).
    """

    kind: EventKind
    execution_id: str
    json: str
    content: str | None = None
    token: str | None = None
    stream_finished: bool = False
    result: str | None = None
    tool: str | None = None
    tool_input: dict[str, Any] | None = field(default=None, hash=False)
    tool_error: str | None = None
    error_code: str | None = None
    # `data`, parsed on first use: most callbacks never look at it, and parsing every event
    # would cost more than the rest of its copy.
    _data: dict[str, Any] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def data(self) -> dict[str, Any]:
        """:attr:`json` parsed (an empty dict if it is not a JSON object)."""
        if self._data is None:
            object.__setattr__(self, "_data", _object(self.json))
        assert self._data is not None
        return self._data

    @property
    def action(self) -> str:
        """The JavaScript SDK's name of the event: ``"chunk"``, ``"completed"``,
        ``"agent-response"``, ``"agent-action"`` or ``"agent-action-error"``."""
        return self.kind.action


EventHandler = Callable[[Event], object]
"""An ``on_event`` callback: called with each :class:`Event`; its return value is ignored."""


def _text(value: bytes | None) -> str | None:
    return None if value is None else value.decode("utf-8", errors="replace")


def _object(text: str | None) -> dict[str, Any]:
    """Parses JSON text that should hold an object; anything else gives an empty dict."""
    if not text:
        return {}
    try:
        value = _json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def event_from_c(event: EventStruct) -> Event:
    """Copies every value out of a borrowed ``airops_event`` (valid only during the callback).

    Raises:
        ValueError: an event kind this package does not know.
    """
    kind = EventKind(event.kind)
    common: dict[str, Any] = {"kind": kind, "execution_id": _text(event.execution_id) or "",
                              "json": _text(event.json) or ""}
    data = event.data
    if kind is EventKind.CHUNK:
        return Event(**common, content=_text(data.chunk.content))
    if kind is EventKind.COMPLETED:
        # error_code is read only from a library whose airops_event is long enough to have it.
        has_error_code = event.size >= type(event).error_code.offset + ctypes.sizeof(ctypes.c_char_p)
        return Event(**common, content=_text(data.completed.content),
                     result=_text(data.completed.result),
                     error_code=_text(event.error_code) if has_error_code else None)
    if kind is EventKind.AGENT_RESPONSE:
        response = data.agent_response
        return Event(**common, token=_text(response.token),
                     stream_finished=bool(response.stream_finished),
                     result=_text(response.result))
    if kind is EventKind.AGENT_ACTION:
        action = data.agent_action
        return Event(**common, tool=_text(action.tool),
                     tool_input=_object(_text(action.tool_input_json)))
    failure = data.agent_action_error
    return Event(**common, tool=_text(failure.tool), tool_error=_text(failure.tool_error))
