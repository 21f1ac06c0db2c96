"""The events of streamed executions and agent chats, copied out of the library."""

from __future__ import annotations

import enum
import json as _json
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Callable

from ._convert import from_c
from ._library import EventStruct

__all__ = ["EventKind", "Event", "EventHandler", "event_from_c"]


class EventKind(enum.IntEnum):
    """Mirrors ``airops_event_kind``: what an :class:`Event` reports (see its attributes)."""

    CHUNK = 1
    COMPLETED = 2
    AGENT_RESPONSE = 3
    AGENT_ACTION = 4
    AGENT_ACTION_ERROR = 5

    @property
    def action(self) -> str:
        """The event's name as the JavaScript SDK spells it, e.g. ``"agent-response"``."""
        return self.name.lower().replace("_", "-")


@dataclass(frozen=True)
class Event:
    """One event of a streamed execution or chat, copied out of the library. The attributes
    of other kinds than its own are None (``stream_finished``: False).

    Attributes:
        json: the event's data as the server sent it (JSON text); :attr:`data` parsed.
        content: CHUNK: a piece of output; COMPLETED of an execution: the whole output.
        token: AGENT_RESPONSE: a piece of the reply; stream_finished: whether it is the last.
        result: COMPLETED of a chat, or the last AGENT_RESPONSE: the whole reply.
        tool: AGENT_ACTION (an agent calls a tool) and AGENT_ACTION_ERROR: the tool's name.
        tool_input: AGENT_ACTION: the tool's input; tool_error: AGENT_ACTION_ERROR's message.
        error_code: COMPLETED that the library made: the failed execution's error code, or
            ``"events_overflowed"`` when iteration fell ``max_buffered_events`` behind and
            the rest of the stream was dropped.
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

    @cached_property  # parsing every event would cost more than the rest of its copy
    def data(self) -> dict[str, Any]:
        return _object(self.json)

    @property
    def action(self) -> str:
        """:attr:`EventKind.action` of its kind, e.g. ``"agent-response"``."""
        return self.kind.action


EventHandler = Callable[[Event], object]  # an on_event callback; what it returns is ignored


def _object(text: str | None) -> dict[str, Any]:
    """Parses JSON text that should hold an object; anything else gives ``{}``."""
    if not text:
        return {}
    try:
        value = _json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def event_from_c(event: EventStruct) -> Event:
    """Copies a borrowed ``airops_event``, valid during its callback (ValueError: unknown kind)."""
    kind = EventKind(event.kind)
    common: dict[str, Any] = {"kind": kind, "execution_id": from_c(event.execution_id) or "",
                              "json": from_c(event.json) or ""}
    data = event.data
    if kind is EventKind.CHUNK:
        return Event(**common, content=from_c(data.chunk.content))
    if kind is EventKind.COMPLETED:
        return Event(**common, content=from_c(data.completed.content),
                     result=from_c(data.completed.result), error_code=from_c(event.error_code))
    if kind is EventKind.AGENT_RESPONSE:
        response = data.agent_response
        return Event(**common, token=from_c(response.token),
                     stream_finished=bool(response.stream_finished),
                     result=from_c(response.result))
    if kind is EventKind.AGENT_ACTION:
        action = data.agent_action
        return Event(**common, tool=from_c(action.tool),
                     tool_input=_object(from_c(action.tool_input_json)))
    failure = data.agent_action_error
    return Event(**common, tool=from_c(failure.tool), tool_error=from_c(failure.tool_error))
