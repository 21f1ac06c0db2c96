"""``client.apps``: app info, executing apps and reaching executions by id."""

from __future__ import annotations

import ctypes
import json
from typing import TYPE_CHECKING, Any

from ._call import call, invalid_argument
from ._convert import c_id, c_int64, c_json, c_string, take_string
from ._library import ExecutionHandle, OwnedString, library
from ._stream import ON_EVENT, EventSink, register, unregister
from .events import EventHandler
from .execution import Execution
from .result import ExecutionResult

if TYPE_CHECKING:
    from .client import AirOps

__all__ = ["Apps"]


class Apps:
    """The app operations of a client, reached as ``client.apps``."""

    def __init__(self, client: AirOps) -> None:
        """Internal: use :attr:`AirOps.apps`."""
        self._client = client

    def get(self, app_id: str | int) -> dict[str, Any]:
        """Fetches an app's description (one request), e.g. ``{"id": 1, "public": False, ...}``.

        Raises:
            AuthenticationError, NotFoundError, AirOpsError: as the server or network answers.
        """
        app = c_id(app_id, "app_id")
        out = OwnedString()
        call(library().airops_app_get, self._client._pointer(), app, ctypes.byref(out))
        description: dict[str, Any] = json.loads(take_string(out))
        return description

    def execute(self, app_id: str | int, inputs: dict[str, Any] | None = None,
                version: int | None = None, stream: bool = False,
                on_event: EventHandler | None = None) -> Execution:
        """Starts an execution and returns at once, without waiting for its result.

        With ``stream=True`` the output is streamed over the client's realtime connection:
        CHUNK events, then one COMPLETED event, passed to `on_event` and queued for
        iteration (``for event in execution``). The call then blocks until the realtime
        subscription is confirmed (connecting first, for a client's first stream) and the
        execution has started, so no event is missed.

        `on_event` runs on the client's delivery thread (``delivery="direct"``) or on the
        thread that dispatches (``delivery="queued"``: :meth:`AirOps.dispatch` or an iterating
        thread), never two at once per client, in the order the server sent the events. If
        it raises, the exception is logged (logger ``"airops"``) and the first one is raised
        again by :meth:`Execution.result` and by iteration; it never reaches the library.

        Args:
            app_id: the app's id or uuid.
            inputs: the app's inputs, sent as JSON (must be a JSON object); None sends ``{}``.
            version: the app version to run; None runs the current version.
            stream: stream the output as events (needs a realtime endpoint, see
                :class:`AirOps`).
            on_event: called with each :class:`Event` of a streamed execution.

        Returns:
            An :class:`Execution`; call :meth:`Execution.result` to wait for its output.

        Raises:
            InvalidArgumentError: inputs that are not a JSON object, a bad id or version,
                `on_event` without `stream`, streaming without a realtime endpoint.
            BadRequestError: e.g. a missing input. AuthenticationError, NotFoundError, ...
            TimeoutError: the realtime server did not confirm the subscription in time.
        """
        app = c_id(app_id, "app_id")
        inputs_json = c_json(inputs, "inputs")
        version_number = 0 if version is None else c_int64(version, "version")
        if not stream:
            if on_event is not None:
                raise invalid_argument("on_event needs stream=True")
            out = ExecutionHandle()
            call(library().airops_app_execute, self._client._pointer(), app, inputs_json,
                 version_number, ctypes.byref(out))
            return self._client._adopt(out)
        return self._start_stream(on_event, library().airops_app_execute_stream, app,
                                  inputs_json, version_number)

    def chat_stream(self, app_id: str | int, message: str, inputs: dict[str, Any] | None = None,
                    session_id: str | None = None,
                    on_event: EventHandler | None = None) -> Execution:
        """Sends a message to an agent app and streams the answer.

        Events: AGENT_ACTION / AGENT_ACTION_ERROR for tool calls, AGENT_RESPONSE tokens, then
        one COMPLETED with the whole reply (:attr:`Event.result`); passed to `on_event` (on
        the thread described in :meth:`execute`) and queued for iteration. Blocks until the
        realtime subscription is confirmed and the chat has started.

        Args:
            app_id: the agent app's id or uuid.
            message: the user's message (non-empty).
            inputs: the app's inputs (a JSON object), or None.
            session_id: the conversation to continue (:attr:`Execution.session_id` of an
                earlier turn), or None to start a new one.
            on_event: called with each :class:`Event`.

        Returns:
            An :class:`Execution` whose :attr:`Execution.session_id` names the conversation.

        Raises:
            InvalidArgumentError: an empty app id, message or session id, malformed inputs,
                no realtime endpoint; and the errors of :meth:`execute`.
        """
        app = c_id(app_id, "app_id")
        text = c_string(message, "message")
        inputs_json = c_json(inputs, "inputs")
        session = c_string(session_id, "session_id")
        return self._start_stream(on_event, library().airops_app_chat, app, text, inputs_json,
                                  session)

    def _start_stream(self, on_event: EventHandler | None, function: Any,
                      *args: Any) -> Execution:
        """Registers an event sink, then calls `function(client, *args, ON_EVENT, key, &out)`.

        The sink is registered first because events may arrive before the call returns.
        """
        if on_event is not None and not callable(on_event):
            raise TypeError("on_event must be callable")
        client = self._client._pointer()
        sink = EventSink(on_event, self._client._max_buffered_events)
        key = register(sink)
        try:
            out = ExecutionHandle()
            call(function, client, *args, ON_EVENT, ctypes.c_void_p(key), ctypes.byref(out))
        except BaseException:
            unregister(key)
            raise
        return self._client._adopt(out, sink, key)

    def get_execution(self, execution_id: str) -> Execution:
        """Opens a handle on an existing execution by its id (uuid). Sends no request.

        An unknown id is reported by the first call that reaches the server (NotFoundError).
        """
        execution = c_string(execution_id, "execution_id")
        out = ExecutionHandle()
        call(library().airops_execution_open, self._client._pointer(), execution,
             ctypes.byref(out))
        return self._client._adopt(out)

    def get_results(self, execution_id: str) -> ExecutionResult:
        """Fetches an execution's current record by its id (one request), whatever its status."""
        with self.get_execution(execution_id) as execution:
            return execution.fetch()

    def __repr__(self) -> str:
        return f"<airops.Apps of {self._client!r}>"
