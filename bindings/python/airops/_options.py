"""Client options: Python keyword arguments converted to an ``airops_options`` builder."""

from __future__ import annotations

import ctypes
from typing import Any, Final, Literal, Optional, Tuple

from ._call import call, invalid_argument
from ._convert import INT32, SIZE, c_integer, c_milliseconds, c_string
from ._library import ClientHandle, LogCallback, library
from ._log import forward_library_record, library_min_level
from ._stream import DEFAULT_MAX_BUFFERED_EVENTS


def _on_log(level: int, message: bytes | None, user_data: int | None) -> None:
    """The one ``airops_log_callback``: never lets an exception reach C."""
    try:
        forward_library_record(level, (message or b"").decode("utf-8", errors="replace"))
    except BaseException:  # noqa: BLE001 - nothing may propagate into C
        pass


ON_LOG: Final = LogCallback(_on_log)
"""The ``airops_log_callback`` of every client (see :mod:`airops._log`); never freed."""

Delivery = Literal["direct", "queued"]
"""How a client delivers events: ``"direct"`` (``AIROPS_DELIVERY_DIRECT``) or ``"queued"``
(``AIROPS_DELIVERY_QUEUED``)."""

DELIVERY_MODES: Final[dict[str, int]] = {"direct": 0, "queued": 1}

Redirects = Literal["never", "same-origin"]
"""What a client does with an HTTP redirect: ``"never"`` follows none, a 3xx is a
:class:`RedirectError` (``AIROPS_REDIRECTS_NEVER``); ``"same-origin"`` follows those to the
same scheme, host and port only (``AIROPS_REDIRECTS_SAME_ORIGIN``)."""

REDIRECT_POLICIES: Final[dict[str, int]] = {"never": 0, "same-origin": 1}

Identity = Tuple[Optional[bytes], Optional[bytes], Optional[bytes]]


def masked_url(url: str) -> str:
    """`url` with everything between the scheme and its last ``@`` (the credentials, even
    malformed ones) replaced by ``***``."""
    scheme, separator, rest = url.partition("://") if "://" in url else ("", "", url)
    if "@" not in rest:
        return url
    return f"{scheme}{separator}***@{rest.rpartition('@')[2]}"


def _milliseconds(seconds: float | None, name: str) -> int | None:
    return None if seconds is None else c_milliseconds(seconds, name)


def _given(*args: Any) -> tuple[Any, ...] | None:
    """The arguments of a setter, or None (not called) when its option was not given."""
    return None if args[0] is None else args


class Settings:
    """Every client option converted to its C form: the ``airops_options_*`` setter calls
    that apply it, in order, the environment first so that explicit values override it.

    Its repr never shows the identity, nor credentials in a URL (the proxy's; the library
    refuses them in the others, but the repr may come first).
    """

    def __init__(self, setters: list[tuple[str, tuple[Any, ...]]], delivery: int,
                 max_buffered_events: int) -> None:
        self.setters, self.delivery, self.max_buffered_events = setters, delivery, max_buffered_events

    @classmethod
    def convert(cls, identity: Identity | None, host: str | None,
                request_timeout: float | None, realtime_url: str | None,
                pusher_key: str | None, pusher_cluster: str | None,
                subscription_timeout: float | None, delivery: Delivery,
                load_environment: bool, max_retries: int | None = None,
                ca_file: str | None = None, *, proxy: str | None = None,
                no_proxy: str | None = None, follow_redirects: Redirects = "never",
                allow_insecure_http: bool = False,
                max_buffered_events: int = DEFAULT_MAX_BUFFERED_EVENTS) -> Settings:
        """Converts the keyword arguments of :class:`airops.AirOps`.

        Raises:
            InvalidArgumentError: an unencodable string, an unknown delivery mode or redirect
                policy, or realtime options that do not form one endpoint.
            TypeError: a value of the wrong type.
        """
        if delivery not in DELIVERY_MODES:
            raise invalid_argument(f"delivery must be 'direct' or 'queued', not {delivery!r}")
        if follow_redirects not in REDIRECT_POLICIES:
            raise invalid_argument("follow_redirects must be 'never' or 'same-origin', not "
                                   f"{follow_redirects!r}")
        if not isinstance(allow_insecure_http, bool):
            raise TypeError("allow_insecure_http must be a bool, not "
                            f"{type(allow_insecure_http).__name__}")
        if realtime_url is not None and pusher_cluster is not None:
            raise invalid_argument("give realtime_url or pusher_cluster, not both")
        if pusher_key is not None and realtime_url is None and pusher_cluster is None:
            raise invalid_argument("pusher_key needs realtime_url or pusher_cluster")
        limit = c_integer(max_buffered_events, "max_buffered_events", SIZE)
        cluster = c_string(pusher_cluster, "pusher_cluster")
        setters = [
            ("load_environment", () if load_environment else None),
            ("set_identity", identity),
            ("set_host", _given(c_string(host, "host"))),
            ("set_request_timeout", _given(_milliseconds(request_timeout, "request_timeout"))),
            ("set_realtime_url", _given(c_string(realtime_url, "realtime_url"),
                                        c_string(pusher_key, "pusher_key"))),
            ("set_pusher", None if cluster is None else (c_string(pusher_key, "pusher_key"),
                                                         cluster)),
            ("set_subscription_timeout",
             _given(_milliseconds(subscription_timeout, "subscription_timeout"))),
            ("set_max_retries", _given(None if max_retries is None
                                       else c_integer(max_retries, "max_retries", INT32))),
            ("set_ca_file", _given(c_string(ca_file, "ca_file"))),
            ("set_proxy", _given(c_string(proxy, "proxy"))),
            ("set_no_proxy", _given(c_string(no_proxy, "no_proxy"))),
            ("set_redirects", (REDIRECT_POLICIES[follow_redirects],)),
            ("allow_insecure_http", (int(allow_insecure_http),)),
            ("set_delivery", (DELIVERY_MODES[delivery],)),
            ("set_max_buffered_events", (limit,)),
        ]
        return cls([(name, args) for name, args in setters if args is not None],
                   DELIVERY_MODES[delivery], limit)

    def __repr__(self) -> str:
        def shown(name: str, args: tuple[Any, ...]) -> str:
            if name == "set_identity":
                return "<identified>"
            return ", ".join(repr(masked_url(arg.decode("utf-8", errors="replace")))
                             if isinstance(arg, bytes) else repr(arg) for arg in args)
        return f"Settings({', '.join(f'{name}({shown(name, args)})' for name, args in self.setters)})"

    def apply(self, options: Any) -> None:
        """Calls the setters on a native ``airops_options``, then sets the log callback for
        the levels that are enabled now (see :mod:`airops._log`)."""
        lib = library()
        for name, args in self.setters:
            call(getattr(lib, f"airops_options_{name}"), options, *args)
        min_level = library_min_level()
        if min_level is not None:
            call(lib.airops_options_set_log_callback, options, min_level, ON_LOG, None)


def new_client(settings: Settings) -> Any:
    """Builds options, creates a native client and frees the options."""
    lib = library()
    options = lib.airops_options_new()
    if not options:
        raise MemoryError("airops_options_new() failed")
    try:
        settings.apply(options)
        client = ClientHandle()
        call(lib.airops_client_new, options, ctypes.byref(client))
        return client
    finally:
        lib.airops_options_free(options)
