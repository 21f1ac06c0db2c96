"""Client options: Python keyword arguments converted to an ``airops_options`` builder."""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, fields
from typing import Any, Final, Literal, Optional, Tuple

from ._call import call, invalid_argument
from ._convert import c_milliseconds, c_size, c_string
from ._library import ClientHandle, LogCallback, library
from ._log import forward_library_record, library_min_level
from ._stream import DEFAULT_MAX_BUFFERED_EVENTS

__all__ = ["Delivery", "DELIVERY_MODES", "Redirects", "REDIRECT_POLICIES", "Identity", "Settings",
           "masked_url", "new_client", "ON_LOG"]


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


def c_int(value: int, name: str) -> int:
    """An int argument that fits a C int; the library checks its range of meaning."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    if not -2**31 <= value < 2**31:
        raise invalid_argument(f"{name} is out of range: {value}")
    return value


@dataclass(frozen=True, repr=False)
class Settings:
    """Every client option, already converted to its C form (None: not set).

    Its repr never shows the identity, nor credentials in a URL (the proxy's; the library
    refuses them in the others, but the repr may come first).
    """

    identity: Identity | None = None
    host: bytes | None = None
    request_timeout_ms: int | None = None
    realtime_url: bytes | None = None
    pusher_key: bytes | None = None
    pusher_cluster: bytes | None = None
    subscription_timeout_ms: int | None = None
    delivery: int = 0
    load_environment: bool = True
    max_retries: int | None = None
    ca_file: bytes | None = None
    proxy: bytes | None = None
    no_proxy: bytes | None = None
    redirects: int = 0
    allow_insecure_http: bool = False
    max_buffered_events: int = DEFAULT_MAX_BUFFERED_EVENTS

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
        return cls(
            identity=identity,
            host=c_string(host, "host"),
            request_timeout_ms=(None if request_timeout is None
                                else c_milliseconds(request_timeout, "request_timeout")),
            realtime_url=c_string(realtime_url, "realtime_url"),
            pusher_key=c_string(pusher_key, "pusher_key"),
            pusher_cluster=c_string(pusher_cluster, "pusher_cluster"),
            subscription_timeout_ms=(None if subscription_timeout is None
                                     else c_milliseconds(subscription_timeout,
                                                         "subscription_timeout")),
            delivery=DELIVERY_MODES[delivery],
            load_environment=bool(load_environment),
            max_retries=None if max_retries is None else c_int(max_retries, "max_retries"),
            ca_file=c_string(ca_file, "ca_file"),
            proxy=c_string(proxy, "proxy"),
            no_proxy=c_string(no_proxy, "no_proxy"),
            redirects=REDIRECT_POLICIES[follow_redirects],
            allow_insecure_http=allow_insecure_http,
            max_buffered_events=c_size(max_buffered_events, "max_buffered_events"),
        )

    def __repr__(self) -> str:
        shown: dict[str, object] = {field.name: getattr(self, field.name) for field in fields(self)}
        shown["identity"] = None if self.identity is None else "<identified>"
        for name in ("host", "realtime_url", "proxy"):
            url: bytes | None = getattr(self, name)
            if url is not None:
                shown[name] = masked_url(url.decode("utf-8", errors="replace"))
        return f"Settings({', '.join(f'{name}={value!r}' for name, value in shown.items())})"

    def apply(self, options: Any) -> None:
        """Calls the setters on a native ``airops_options``: the environment first, so that
        every explicit value overrides it."""
        lib = library()
        if self.load_environment:
            call(lib.airops_options_load_environment, options)
        if self.identity is not None:
            call(lib.airops_options_set_identity, options, *self.identity)
        if self.host is not None:
            call(lib.airops_options_set_host, options, self.host)
        if self.request_timeout_ms is not None:
            call(lib.airops_options_set_request_timeout, options, self.request_timeout_ms)
        if self.realtime_url is not None:
            call(lib.airops_options_set_realtime_url, options, self.realtime_url,
                 self.pusher_key)
        elif self.pusher_cluster is not None:
            call(lib.airops_options_set_pusher, options, self.pusher_key, self.pusher_cluster)
        if self.subscription_timeout_ms is not None:
            call(lib.airops_options_set_subscription_timeout, options,
                 self.subscription_timeout_ms)
        if self.max_retries is not None:
            call(lib.airops_options_set_max_retries, options, self.max_retries)
        if self.ca_file is not None:
            call(lib.airops_options_set_ca_file, options, self.ca_file)
        if self.proxy is not None:
            call(lib.airops_options_set_proxy, options, self.proxy)
        if self.no_proxy is not None:
            call(lib.airops_options_set_no_proxy, options, self.no_proxy)
        call(lib.airops_options_set_redirects, options, self.redirects)
        call(lib.airops_options_allow_insecure_http, options, int(self.allow_insecure_http))
        call(lib.airops_options_set_delivery, options, self.delivery)
        call(lib.airops_options_set_max_buffered_events, options, self.max_buffered_events)
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
