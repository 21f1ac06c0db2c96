"""The blocking API: :class:`AirOps`, its :class:`Apps` and their :class:`Execution` objects.

Every call is built by :mod:`airops._core`; the methods here make it and block until it
returns.
"""

from __future__ import annotations

import math
import queue
import select
import threading
import time
from types import TracebackType
from typing import Any, Final, Iterator, TypeVar

from ._base import AppsBase, ClientBase, ExecutionBase
from ._call import invalid_argument, timeout_error
from ._convert import c_id, c_string
from ._core import ClientCore
from ._options import Delivery, Identity, Redirects, Settings
from ._stream import DEFAULT_MAX_BUFFERED_EVENTS, EventSink, in_callback
from .events import Event, EventHandler
from .result import ExecutionResult

_C = TypeVar("_C", bound=ClientBase)  # the class identify() is called on

_PUMP_INTERVAL: Final = 0.05
"""Queued delivery: how long (s) an iterator waits on the event fd before it checks its queue
again (another thread may have dispatched its events)."""


class Execution(ExecutionBase):
    """An execution started by :meth:`Apps.execute` / :meth:`Apps.chat_stream` or opened by
    :meth:`Apps.get_execution`.

    It owns a native handle: close it with :meth:`close` or a ``with`` block (closing does not
    cancel the execution on the server). Do not close it while another thread is inside one
    of its methods. Its client must stay open; closing the client closes its executions.

    A streamed execution (``stream=True`` or a chat) is also an iterable of its
    :class:`Event` objects: ``for event in execution`` yields them in order and ends after the
    COMPLETED event, or once the execution is cancelled or closed. Events are queued for
    iteration whether or not anyone iterates, and in addition to ``on_event``.
    """

    _name = "airops.Execution"
    _client: AirOps

    @property
    def client(self) -> AirOps:
        """The client this execution belongs to."""
        return self._client

    def fetch(self) -> ExecutionResult:
        """Fetches the execution's current record once, whatever its status (one request).

        Raises:
            AirOpsError: e.g. :class:`NotFoundError` for an unknown execution id.
        """
        record: ExecutionResult = self._core.fetch().run()
        return record

    def result(self, timeout: float | None = None) -> ExecutionResult:
        """Blocks until the execution has finished and returns its final record.

        A finished execution whose status is ``"error"`` is returned, not raised: check
        :attr:`ExecutionResult.succeeded`.

        For a streamed execution with an ``on_event`` callback: if that callback raised, the
        first exception it raised is raised here instead of returning the record (the
        record stays available through :meth:`fetch`). In direct delivery the callbacks have
        run up to COMPLETED when this returns (unless it is called from inside a callback).

        Args:
            timeout: the longest wait in seconds; None (or a negative value) waits without limit.

        Raises:
            TimeoutError: `timeout` passed first; the execution goes on, wait again later.
            AirOpsError: the errors of :meth:`fetch`.
            Exception: the first exception raised by this execution's ``on_event``.
        """
        record: ExecutionResult = self._core.wait(timeout).run()
        return record

    def cancel(self) -> None:
        """Asks the server to cancel the execution; its final status becomes ``"cancelled"``.

        Cancelling an already cancelled execution succeeds again. A streamed execution's
        events stop first: when this returns (or raises), ``on_event`` is not called again
        and iteration ends after the events already queued.

        Raises:
            BadRequestError: it has already finished with another status.
        """
        self._core.cancel().run()

    def close(self) -> None:
        """Frees the native handle (idempotent). Does not cancel the execution.

        A streamed execution's events stop: when this returns, ``on_event`` is not called
        again (also when called from inside it), and iteration ends.
        """
        self._core.close()

    def events(self, timeout: float | None = None) -> Iterator[Event]:
        """Yields the events of a streamed execution in order, ending after COMPLETED or when
        the execution is cancelled or closed (``iter(execution)`` is ``events()``).

        In queued delivery, the iterating thread dispatches the client's waiting events
        itself (waiting on :attr:`AirOps.event_fd`), so ``on_event`` callbacks of any of the
        client's executions may run on it. In direct delivery events come from the
        library's delivery thread. Do not iterate from inside an ``on_event`` callback.

        Args:
            timeout: the longest wait in seconds for each event; None waits without limit.

        Raises:
            TypeError: the execution is not streamed.
            TimeoutError: no event came within `timeout`.
            Exception: the first exception raised by ``on_event``, instead of the event at
                which (or after which) it was raised.
        """
        return self._iterate(self._sink(), timeout)

    def _iterate(self, sink: EventSink, timeout: float | None) -> Iterator[Event]:
        while True:
            event = sink.next_event(self._next_item(sink, timeout))
            if event is None:
                return
            yield event

    def _next_item(self, sink: EventSink, timeout: float | None) -> object:
        sink.raise_error()
        try:
            return sink.queue.get_nowait()
        except queue.Empty:
            pass
        if in_callback():
            raise invalid_argument("cannot wait for events inside an event callback")
        if timeout is not None and (math.isnan(timeout) or timeout < 0):
            raise invalid_argument("timeout must be a non-negative number of seconds")
        if timeout is not None and timeout > threading.TIMEOUT_MAX:
            timeout = None  # longer than any wait a thread can make: no limit
        if not self._core.client.queued:
            try:
                return sink.queue.get(timeout=timeout)
            except queue.Empty:
                raise timeout_error(f"no event within {timeout} s") from None
        return self._pump(sink, timeout, self._core.client)

    @staticmethod
    def _pump(sink: EventSink, timeout: float | None, client: ClientCore) -> object:
        """Queued delivery: waits on the client's event fd and dispatches until an event of
        this execution (or its end) is queued."""
        deadline = None if timeout is None else time.monotonic() + timeout
        fd = client.event_fd()
        if fd is None:
            raise invalid_argument("the client is closed")
        poller = select.poll()
        poller.register(fd, select.POLLIN)
        while True:
            try:
                return sink.queue.get_nowait()
            except queue.Empty:
                pass
            wait = _PUMP_INTERVAL
            if deadline is not None:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise timeout_error(f"no event within {timeout} s")
                wait = min(wait, remaining)
            if poller.poll(math.ceil(wait * 1000)):
                client.dispatch(0)

    def __iter__(self) -> Iterator[Event]:
        return self.events()

    def __enter__(self) -> Execution:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()


class Apps(AppsBase):
    """The app operations of a client, reached as ``client.apps``."""

    _name = "airops.Apps"
    _client: AirOps

    def get(self, app_id: str | int) -> dict[str, Any]:
        """Fetches an app's description (one request), e.g. ``{"id": 1, "public": False, ...}``.

        Raises:
            AuthenticationError, NotFoundError, AirOpsError: as the server or network answers.
            InvalidArgumentError: an empty id, or the client is closed.
        """
        description: dict[str, Any] = self._core.app_get(app_id).run()
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
                `on_event` without `stream`, streaming without a realtime endpoint, a closed
                client.
            BadRequestError: e.g. a missing input. AuthenticationError, NotFoundError, ...
            TimeoutError: the realtime server did not confirm the subscription in time.
        """
        request = self._core.execute(app_id, inputs, version, stream, on_event, EventSink)
        return Execution(self._client, request.run())

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
        request = self._core.chat(app_id, message, inputs, session_id, on_event, EventSink)
        return Execution(self._client, request.run())

    def get_execution(self, execution_id: str) -> Execution:
        """Opens a handle on an existing execution by its id (uuid). Sends no request.

        An unknown id is reported by the first call that reaches the server (NotFoundError).
        """
        return Execution(self._client, self._core.open_execution(execution_id))

    def get_results(self, execution_id: str) -> ExecutionResult:
        """Fetches an execution's current record by its id (one request), whatever its status."""
        with self.get_execution(execution_id) as execution:
            return execution.fetch()


class AirOps(ClientBase):
    """A client of the AirOps API.

    ``AirOps()`` runs public apps only; :meth:`AirOps.identify` identifies an end user so
    that private apps can run. A client holds a native connection pool and one realtime
    connection (opened on the first streamed execution and shared by all of them), and may
    be shared between threads; close it with :meth:`close` or a ``with`` block. Closing it
    closes the executions made from it.

    Args:
        host: the API host, e.g. ``"http://127.0.0.1:8080"``; None for ``AIROPS_HOST`` (when
            `load_environment`) or else the library's default (``https://app.airops.com``).
        request_timeout: the timeout of one HTTP request in seconds; None for the library's
            default (30 s).
        realtime_url: the realtime (Pusher protocol) WebSocket URL for streamed executions and
            chat, e.g. ``"ws://127.0.0.1:8080"`` as the dev server prints it; needs
            `pusher_key`.
        pusher_key: the Pusher app key, with `realtime_url` or `pusher_cluster`.
        pusher_cluster: hosted Pusher's cluster, e.g. ``"us2"`` (instead of `realtime_url`).
        subscription_timeout: how long, in seconds, a streamed call waits for the realtime
            server to confirm its subscription; None for the library's default (10 s).
        delivery: where ``on_event`` callbacks run. ``"direct"`` (default): on the
            library's delivery thread, one per client, as soon as events arrive.
            ``"queued"``: on the thread that calls :meth:`dispatch` (or that iterates an
            execution); :attr:`event_fd` is readable while events wait.
        load_environment: first apply ``AIROPS_HOST``, ``AIROPS_PUSHER_KEY`` with
            ``AIROPS_REALTIME_URL`` or ``AIROPS_PUSHER_CLUSTER``, and the proxy variables
            (``HTTPS_PROXY``, ``HTTP_PROXY``, ``ALL_PROXY``, ``NO_PROXY``, also lower-case)
            from the environment (never the identity); explicit arguments override them. An
            invalid value in one of those variables raises :class:`InvalidArgumentError`;
            pass False to ignore them.
        max_retries: how often the library sends a failed request again (None: its
            default, 2; 0: never). Calls that start an execution are only retried when the
            server cannot have started it (see the header).
        ca_file: a PEM file of certificate authorities to trust instead of the system's,
            for HTTPS and WSS (e.g. a local server's self-signed certificate).
        proxy: the HTTP proxy of every connection, ``"http://[user:password@]host[:port]"``,
            overriding ``HTTPS_PROXY``, ``HTTP_PROXY`` and ``ALL_PROXY`` (which the library
            reads when `load_environment`); ``""`` connects directly. HTTPS and the realtime
            WebSocket go through a CONNECT tunnel. The credentials are sent as
            ``Proxy-Authorization`` and never logged.
        no_proxy: the hosts reached without the proxy, overriding ``NO_PROXY``: a
            comma-separated list of host names, domain suffixes, IP addresses and CIDR
            ranges, each optionally with ``:port``, or ``"*"``; ``""`` proxies every host.
        follow_redirects: ``"never"`` (default): an HTTP 3xx raises :class:`RedirectError`
            with its status. ``"same-origin"``: redirects to the same scheme, host and port
            are followed (up to 5); any other target still raises, so the identity and
            request bodies never reach another origin.
        allow_insecure_http: let an identified client use a plain ``http://`` host that is
            not loopback (127.0.0.0/8, ::1, ``localhost`` are always allowed). The hashed user
            id is a credential: leave this off outside development.
        max_buffered_events: how many events of one stream may wait for a consumer that falls
            behind (``on_event`` or iteration), from 1 to 10,000,000 (default 10,000); then
            the stream ends with a COMPLETED whose ``error_code`` is ``"events_overflowed"``
            and ``result()`` still returns the record. Memory stays bounded.

    Raises:
        InvalidArgumentError: a malformed host, URL, key, cluster, timeout, delivery mode,
            proxy, no-proxy list or redirect policy, or an invalid environment variable.
    """

    _name = "airops.AirOps"
    _apps_type = Apps

    def __init__(self, host: str | None = None, request_timeout: float | None = None, *,
                 realtime_url: str | None = None, pusher_key: str | None = None,
                 pusher_cluster: str | None = None, subscription_timeout: float | None = None,
                 delivery: Delivery = "direct", load_environment: bool = True,
                 max_retries: int | None = None, ca_file: str | None = None,
                 proxy: str | None = None, no_proxy: str | None = None,
                 follow_redirects: Redirects = "never", allow_insecure_http: bool = False,
                 max_buffered_events: int = DEFAULT_MAX_BUFFERED_EVENTS) -> None:
        self._open(Settings.convert(None, host, request_timeout, realtime_url, pusher_key,
                                    pusher_cluster, subscription_timeout, delivery,
                                    load_environment, max_retries, ca_file, proxy=proxy,
                                    no_proxy=no_proxy, follow_redirects=follow_redirects,
                                    allow_insecure_http=allow_insecure_http,
                                    max_buffered_events=max_buffered_events))

    @classmethod
    def identify(cls: type[_C], user_id: str, workspace_id: str | int, hashed_user_id: str,
                 host: str | None = None, request_timeout: float | None = None, *,
                 realtime_url: str | None = None, pusher_key: str | None = None,
                 pusher_cluster: str | None = None, subscription_timeout: float | None = None,
                 delivery: Delivery = "direct", load_environment: bool = True,
                 max_retries: int | None = None, ca_file: str | None = None,
                 proxy: str | None = None, no_proxy: str | None = None,
                 follow_redirects: Redirects = "never",
                 allow_insecure_http: bool = False,
                 max_buffered_events: int = DEFAULT_MAX_BUFFERED_EVENTS) -> _C:
        """Creates a client that identifies an end user (all three values are required).

        Args:
            user_id: your id for the user.
            workspace_id: the AirOps workspace id.
            hashed_user_id: :func:`airops.hash_user_id` of `user_id`, computed on your backend.
            host, request_timeout, realtime_url, pusher_key, pusher_cluster,
            subscription_timeout, delivery, load_environment, max_retries, ca_file, proxy,
            no_proxy, follow_redirects, allow_insecure_http, max_buffered_events: as for
                :class:`AirOps` (the identity is never read from the environment).

        Raises:
            InvalidArgumentError: a missing, empty or malformed value, a plain ``http://``
                host that is not loopback without `allow_insecure_http`, or as for
                :class:`AirOps`.
        """
        client = cls.__new__(cls)
        identity: Identity = (c_string(user_id, "user_id"), c_id(workspace_id, "workspace_id"),
                              c_string(hashed_user_id, "hashed_user_id"))
        client._open(Settings.convert(identity, host, request_timeout, realtime_url,
                                      pusher_key, pusher_cluster, subscription_timeout,
                                      delivery, load_environment, max_retries, ca_file,
                                      proxy=proxy, no_proxy=no_proxy,
                                      follow_redirects=follow_redirects,
                                      allow_insecure_http=allow_insecure_http,
                                      max_buffered_events=max_buffered_events))
        return client

    @property
    def apps(self) -> Apps:
        """The app operations: ``get``, ``execute``, ``chat_stream``, ``get_execution``,
        ``get_results``."""
        return self._apps

    @property
    def delivery(self) -> Delivery:
        """The delivery mode of ``on_event`` callbacks: ``"direct"`` or ``"queued"``."""
        return "queued" if self._core is not None and self._core.queued else "direct"

    @property
    def event_fd(self) -> int | None:
        """Queued delivery: a file descriptor that is readable while events wait for
        :meth:`dispatch` (for ``select``, ``selectors`` or asyncio's ``add_reader``). Owned
        by the client: do not read, write or close it. None in direct delivery or once closed.
        """
        return None if self._core is None else self._core.event_fd()

    def dispatch(self, max_events: int = 0) -> int:
        """Queued delivery: runs the ``on_event`` callbacks (and queues the events for
        iteration) of up to `max_events` waiting events, 0 (or any count larger than that,
        up to 2**64 - 1, a ``size_t``) meaning all that wait now, on the calling thread.
        Returns at once when none wait.

        Returns:
            How many events were dispatched.

        Raises:
            InvalidArgumentError: a client in direct delivery, a closed client, or a
                `max_events` that is negative or above 2**64 - 1.
        """
        assert self._core is not None
        return self._core.dispatch(max_events)

    def close(self) -> None:
        """Frees the executions made from this client, then the client (idempotent).

        Blocks until the client's connections are closed.
        """
        if self._core is not None:
            self._core.close()

    def __enter__(self) -> AirOps:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()
