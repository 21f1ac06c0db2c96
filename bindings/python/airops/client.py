"""The blocking API: :class:`AirOps`, its :class:`Apps` and their :class:`Execution` objects,
whose methods make the calls of :mod:`airops._core` and block until they return."""

from __future__ import annotations

import math
import queue
import select
import time
from typing import Any, Final, Iterator, TypeVar

from ._convert import c_id, c_string, invalid_argument, timeout_error, wait_seconds
from ._core import AppsBase, ClientBase, ExecutionBase
from ._options import Delivery, Redirects, Settings
from ._stream import DEFAULT_MAX_BUFFERED_EVENTS, EventSink, in_callback
from .events import Event, EventHandler
from .result import ExecutionResult

_C = TypeVar("_C", bound=ClientBase[Any, Any])  # the class identify() is called on

_PUMP_INTERVAL: Final = 0.05  # seconds


class Execution(ExecutionBase["AirOps"]):
    """An execution, owning a native handle: close it with :meth:`close` or ``with`` (which
    does not cancel it), never while another thread is inside one of its methods. A streamed
    one (``stream=True`` or a chat) is an iterable of its :class:`Event` objects."""

    _name = "airops.Execution"

    def fetch(self) -> ExecutionResult:
        """Fetches the execution's current record, whatever its status (one request)."""
        return self._fetch().run()

    def result(self, timeout: float | None = None) -> ExecutionResult:
        """Waits up to `timeout` seconds (None: without limit) for the execution's final record,
        after its last ``on_event`` callback; an ``"error"`` status is returned, not raised.
        Raises TimeoutError (the execution goes on) or the first exception of ``on_event``."""
        return self._wait(timeout).run()

    def cancel(self) -> None:
        """Asks the server to cancel the execution (BadRequestError if it has finished with
        another status). Then ``on_event`` is not called again, and iteration ends."""
        self._cancel().run()

    def events(self, timeout: float | None = None) -> Iterator[Event]:
        """Yields the events in order until COMPLETED, cancel or close, waiting up to
        `timeout` seconds for each (None: without limit); in queued delivery the iterating
        thread dispatches the client's events. Not from inside ``on_event``. Raises TypeError
        (not streamed), TimeoutError, or the first exception of ``on_event`` in place of an event.
        """
        return self._iterate(self._sink(), wait_seconds(timeout))

    def _iterate(self, sink: EventSink, timeout: float | None) -> Iterator[Event]:
        while True:
            event = sink.next_event(self._next_item(sink, timeout))
            if event is None:
                return
            yield event

    def _next_item(self, sink: EventSink, timeout: float | None) -> object:
        client = self._client
        deadline = None if timeout is None else time.monotonic() + timeout
        poller = select.poll()
        fd = client._event_fd()
        if fd is not None:
            poller.register(fd, select.POLLIN)
        while True:
            sink.raise_error()
            try:
                return sink.queue.get_nowait()
            except queue.Empty:
                pass
            if in_callback():
                raise invalid_argument("cannot wait for events inside an event callback")
            remaining = None if deadline is None else deadline - time.monotonic()
            if remaining is not None and remaining <= 0:
                raise timeout_error(f"no event within {timeout} s")
            if not client._queued:
                try:
                    return sink.queue.get(timeout=remaining)
                except queue.Empty:
                    continue
            # Queued delivery: this thread dispatches the client's events until one of this
            # execution's is queued (another thread may dispatch it: look again now and then).
            if client._event_fd() is None:
                raise invalid_argument("the client is closed")
            wait = _PUMP_INTERVAL if remaining is None else min(_PUMP_INTERVAL, remaining)
            if poller.poll(math.ceil(wait * 1000)):
                client._dispatch(0)

    def __iter__(self) -> Iterator[Event]:
        return self.events()


class Apps(AppsBase["AirOps"]):
    """The app operations of a client, reached as ``client.apps``."""

    _name = "airops.Apps"

    def get(self, app_id: str | int) -> dict[str, Any]:
        """Fetches an app's description, e.g. ``{"id": 1, "public": False, ...}``."""
        return self._client._app_get(app_id).run()

    def execute(self, app_id: str | int, inputs: dict[str, Any] | None = None,
                version: int | None = None, stream: bool = False,
                on_event: EventHandler | None = None) -> Execution:
        """Starts an execution and returns it without waiting for its result.

        With ``stream=True`` its output comes as CHUNK events, then one COMPLETED, passed to
        `on_event` and queued for iteration; the call returns once the stream is subscribed
        and the execution started, so no event is missed. `on_event` runs on the thread that
        `delivery` names, one at a time per client; what it raises is logged and raised again
        by :meth:`Execution.result` and by iteration.

        `app_id` is the app's id or uuid, `inputs` a JSON object (None: ``{}``), `version` the
        app version to run (None: the current one). Raises InvalidArgumentError (e.g. no
        realtime endpoint, a closed client) or an :class:`APIError` such as BadRequestError.
        """
        return self._client._execute(app_id, inputs, version, stream, on_event).run()

    def chat_stream(self, app_id: str | int, message: str, inputs: dict[str, Any] | None = None,
                    session_id: str | None = None,
                    on_event: EventHandler | None = None) -> Execution:
        """Sends `message` to an agent app and streams the answer as :meth:`execute` does:
        AGENT_ACTION(_ERROR) events for tool calls, AGENT_RESPONSE tokens, then one COMPLETED
        with the whole reply. `session_id` continues the conversation of an earlier turn's
        :attr:`Execution.session_id`; None starts one."""
        return self._client._chat(app_id, message, inputs, session_id, on_event).run()

    def get_execution(self, execution_id: str) -> Execution:
        """Opens an existing execution by its id, sending no request."""
        return self._client._open_execution(execution_id)

    def get_results(self, execution_id: str) -> ExecutionResult:
        """Fetches an execution's current record by its id (one request), whatever its status."""
        with self.get_execution(execution_id) as execution:
            return execution.fetch()


class AirOps(ClientBase[Execution, Apps]):
    """A client of the AirOps API.

    ``AirOps()`` runs public apps; :meth:`identify` identifies an end user, for private apps.
    A client holds a connection pool and one realtime connection (opened by the first stream),
    may be shared between threads, and closes its executions when closed (:meth:`close` or
    ``with``). Each option is the ``airops_options_set_*`` setter of ``airops.h`` that says
    its rules; None keeps the library's default.

    Args:
        host: the API host, e.g. ``"http://127.0.0.1:8080"`` (``https://app.airops.com``).
        request_timeout: one HTTP request's timeout in seconds (30).
        realtime_url, pusher_cluster: the realtime (Pusher protocol) WebSocket URL, or hosted
            Pusher's cluster (e.g. ``"us2"``), either with `pusher_key`, the app key.
        subscription_timeout: how long (s) a stream waits for its subscription (10).
        delivery: where ``on_event`` runs: ``"direct"``, on the client's delivery thread;
            ``"queued"``, on the thread that calls :meth:`dispatch` or iterates.
        load_environment: apply ``AIROPS_HOST``, ``AIROPS_PUSHER_KEY``, ``AIROPS_REALTIME_URL``,
            ``AIROPS_PUSHER_CLUSTER`` and the proxy variables first (never the identity).
        max_retries: how often a failed request is sent again (2).
        ca_file: a PEM file of certificate authorities to trust instead of the system's.
        proxy: the HTTP proxy, ``"http://[user:password@]host[:port]"``; ``""`` for none.
        no_proxy: the hosts reached without the proxy, comma-separated, or ``"*"``.
        follow_redirects: ``"never"`` (a 3xx raises :class:`RedirectError`) or
            ``"same-origin"``.
        allow_insecure_http: let an identified client use plain ``http://`` to a host that
            is not loopback. The hashed user id is a credential: leave this off.
        max_buffered_events: how many events of one stream may wait for a slow consumer
            before it ends with an ``"events_overflowed"`` COMPLETED (10,000).

    Raises:
        InvalidArgumentError: a malformed value, or an invalid environment variable.
    """

    _name = "airops.AirOps"
    _apps_type = Apps
    _execution_type = Execution

    def __init__(self, host: str | None = None, request_timeout: float | None = None, *,
                 realtime_url: str | None = None, pusher_key: str | None = None,
                 pusher_cluster: str | None = None, subscription_timeout: float | None = None,
                 delivery: Delivery = "direct", load_environment: bool = True,
                 max_retries: int | None = None, ca_file: str | None = None,
                 proxy: str | None = None, no_proxy: str | None = None,
                 follow_redirects: Redirects = "never", allow_insecure_http: bool = False,
                 max_buffered_events: int = DEFAULT_MAX_BUFFERED_EVENTS) -> None:
        self._open(Settings.convert(None, locals()))

    @classmethod
    def identify(cls: type[_C], user_id: str, workspace_id: str | int, hashed_user_id: str,
                 host: str | None = None, request_timeout: float | None = None, *,
                 realtime_url: str | None = None, pusher_key: str | None = None,
                 pusher_cluster: str | None = None, subscription_timeout: float | None = None,
                 delivery: Delivery = "direct", load_environment: bool = True,
                 max_retries: int | None = None, ca_file: str | None = None,
                 proxy: str | None = None, no_proxy: str | None = None,
                 follow_redirects: Redirects = "never", allow_insecure_http: bool = False,
                 max_buffered_events: int = DEFAULT_MAX_BUFFERED_EVENTS) -> _C:
        """A client that identifies the end user `user_id` of workspace `workspace_id` with
        `hashed_user_id`, :func:`airops.hash_user_id` made on your backend; the other
        arguments are those of :class:`AirOps`."""
        identity = (c_string(user_id, "user_id"), c_id(workspace_id, "workspace_id"),
                    c_string(hashed_user_id, "hashed_user_id"))
        client = cls.__new__(cls)
        client._open(Settings.convert(identity, locals()))
        return client

    @property
    def delivery(self) -> Delivery:
        """Where ``on_event`` callbacks run: ``"direct"`` or ``"queued"``."""
        return "queued" if self._queued else "direct"

    @property
    def event_fd(self) -> int | None:
        """Queued delivery: a file descriptor, owned by the client, readable while events wait
        for :meth:`dispatch`; None in direct delivery or once closed."""
        return self._event_fd()

    def dispatch(self, max_events: int = 0) -> int:
        """Queued delivery: runs the ``on_event`` callbacks of up to `max_events` waiting events
        (0: all that wait now) on the calling thread, and returns how many ran."""
        return self._dispatch(max_events)
