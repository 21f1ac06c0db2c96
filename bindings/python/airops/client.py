"""The client: identity, host, timeouts, realtime endpoint and event delivery, and the native
connection pool behind them."""

from __future__ import annotations

import atexit
import ctypes
import threading
import weakref
from types import TracebackType
from typing import Any

from ._call import call, invalid_argument
from ._convert import c_id, c_string
from ._handle import NativeHandle
from ._library import library
from ._log import logger
from ._options import Delivery, Identity, Redirects, Settings, new_client
from ._stream import DEFAULT_MAX_BUFFERED_EVENTS, EventSink, unregister
from .apps import Apps
from .execution import Execution

__all__ = ["AirOps"]


_open_clients: weakref.WeakSet[AirOps] = weakref.WeakSet()
_open_clients_lock = threading.Lock()


@atexit.register
def _close_open_clients() -> None:
    """Closes the clients still open when the interpreter exits, before it finalizes.

    A library thread that calls into Python (an event callback) while the interpreter
    finalizes is ended by Python with pthread_exit(), which kills the process (libdispatch
    traps). Closing the clients first stops every callback: close() returns only once none
    runs and none will.
    """
    with _open_clients_lock:
        clients = list(_open_clients)
    for client in clients:
        client.close()


class AirOps:
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

    _handle: NativeHandle | None = None

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
    def identify(cls, user_id: str, workspace_id: str | int, hashed_user_id: str,
                 host: str | None = None, request_timeout: float | None = None, *,
                 realtime_url: str | None = None, pusher_key: str | None = None,
                 pusher_cluster: str | None = None, subscription_timeout: float | None = None,
                 delivery: Delivery = "direct", load_environment: bool = True,
                 max_retries: int | None = None, ca_file: str | None = None,
                 proxy: str | None = None, no_proxy: str | None = None,
                 follow_redirects: Redirects = "never",
                 allow_insecure_http: bool = False,
                 max_buffered_events: int = DEFAULT_MAX_BUFFERED_EVENTS) -> AirOps:
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

    def _open(self, settings: Settings) -> None:
        pointer = new_client(settings)
        self._lock = threading.Lock()
        self._executions: set[NativeHandle] = set()
        self._apps = Apps(self)
        self._queued = settings.delivery == 1
        self._max_buffered_events = settings.max_buffered_events
        self._handle = NativeHandle(pointer, library().airops_client_free)
        with _open_clients_lock:
            _open_clients.add(self)
        logger.debug("client opened (%s delivery)", self.delivery)

    @property
    def apps(self) -> Apps:
        """The app operations: ``get``, ``execute``, ``chat_stream``, ``get_execution``,
        ``get_results``."""
        return self._apps

    @property
    def closed(self) -> bool:
        """Whether the client has been closed."""
        return self._handle is None or self._handle.closed

    def _pointer(self) -> Any:
        pointer = None if self._handle is None else self._handle.pointer
        if pointer is None:
            raise invalid_argument("the client is closed")
        return pointer

    @property
    def delivery(self) -> Delivery:
        """The delivery mode of ``on_event`` callbacks: ``"direct"`` or ``"queued"``."""
        return "queued" if self._queued else "direct"

    @property
    def event_fd(self) -> int | None:
        """Queued delivery: a file descriptor that is readable while events wait for
        :meth:`dispatch` (for ``select``, ``selectors`` or asyncio's ``add_reader``). Owned
        by the client: do not read, write or close it. None in direct delivery or once closed.
        """
        pointer = None if self._handle is None else self._handle.pointer
        if pointer is None:
            return None
        fd: int = library().airops_client_event_fd(pointer)
        return None if fd < 0 else fd

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
        if isinstance(max_events, bool) or not isinstance(max_events, int):
            raise TypeError(f"max_events must be an int, not {type(max_events).__name__}")
        if not 0 <= max_events < 2**64:
            raise invalid_argument(f"max_events is out of range: {max_events}")
        count = ctypes.c_size_t(0)
        call(library().airops_client_dispatch, self._pointer(), max_events, ctypes.byref(count))
        return count.value

    def _adopt(self, pointer: Any, sink: EventSink | None = None,
               stream_key: int | None = None) -> Execution:
        """Wraps a new native execution, tracked so that :meth:`close` frees it first.

        For a streamed execution, freeing it also removes its sink from the registry (the
        library calls its callback no more once airops_execution_free returns).
        """
        free = library().airops_execution_free
        if stream_key is not None:
            key = stream_key

            def free_stream(native: Any) -> None:
                try:
                    free(native)
                finally:
                    unregister(key)

            handle = NativeHandle(pointer, free_stream)
        else:
            handle = NativeHandle(pointer, free)
        with self._lock:
            self._executions.add(handle)
        return Execution(self, handle, sink, stream_key)

    def _forget(self, handle: NativeHandle) -> None:
        with self._lock:
            self._executions.discard(handle)

    def close(self) -> None:
        """Frees the executions made from this client, then the client (idempotent).

        Blocks until the client's connections are closed.
        """
        if self._handle is None:
            return
        self._close_executions()
        if not self._handle.closed:
            self._handle.close()
            logger.debug("client closed")

    def _close_executions(self) -> None:
        """Frees the executions made from this client (the first half of :meth:`close`)."""
        with self._lock:
            executions, self._executions = self._executions, set()
        for handle in executions:
            handle.close()

    def __enter__(self) -> AirOps:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # interpreter shutdown: nothing sensible to do
            pass

    def __repr__(self) -> str:
        state = " closed" if self.closed else ""
        return f"<airops.AirOps{state}>"
