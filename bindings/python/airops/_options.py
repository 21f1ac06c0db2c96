"""Client options: Python keyword arguments converted to an ``airops_options`` builder."""

from __future__ import annotations

import contextlib
import ctypes
from typing import Any, Callable, Final, Literal, Mapping, Optional, Tuple

from ._convert import INT32, SIZE, c_integer, c_milliseconds, c_string, call, invalid_argument
from ._library import ClientHandle, LogCallback, library
from ._log import forward_library_record, library_min_level
from ._stream import DEFAULT_MAX_BUFFERED_EVENTS


def _on_log(level: int, message: bytes | None, user_data: int | None) -> None:
    with contextlib.suppress(BaseException):  # nothing may propagate into C
        forward_library_record(level, (message or b"").decode("utf-8", errors="replace"))


ON_LOG: Final = LogCallback(_on_log)  # the log callback of every client; never freed

Delivery = Literal["direct", "queued"]
DELIVERY_MODES: Final[dict[str, int]] = {"direct": 0, "queued": 1}  # airops_delivery
Redirects = Literal["never", "same-origin"]
REDIRECT_POLICIES: Final[dict[str, int]] = {"never": 0, "same-origin": 1}  # airops_redirects

Identity = Tuple[Optional[bytes], Optional[bytes], Optional[bytes]]


class Settings:
    """Every client option converted to its C form: the ``airops_options_*`` setter calls
    that apply it, the environment first so that explicit values override it. It keeps the
    default repr, which shows none of them (the identity, a proxy's credentials)."""

    def __init__(self, setters: list[tuple[str, tuple[Any, ...]]], delivery: int,
                 max_buffered_events: int) -> None:
        self.setters, self.delivery, self.max_buffered_events = setters, delivery, max_buffered_events

    @classmethod
    def convert(cls, identity: Identity | None, arguments: Mapping[str, Any]) -> Settings:
        """The keyword arguments of :class:`airops.AirOps`, by name (missing: the default)."""
        given = arguments.get
        delivery, redirects = given("delivery", "direct"), given("follow_redirects", "never")
        insecure = given("allow_insecure_http", False)
        url, key, cluster = given("realtime_url"), given("pusher_key"), given("pusher_cluster")
        if delivery not in DELIVERY_MODES:
            raise invalid_argument(f"delivery must be 'direct' or 'queued', not {delivery!r}")
        if redirects not in REDIRECT_POLICIES:
            raise invalid_argument("follow_redirects must be 'never' or 'same-origin', not "
                                   f"{redirects!r}")
        if not isinstance(insecure, bool):
            raise TypeError(f"allow_insecure_http must be a bool, not {type(insecure).__name__}")
        if url is not None and cluster is not None:
            raise invalid_argument("give realtime_url or pusher_cluster, not both")
        if key is not None and url is None and cluster is None:
            raise invalid_argument("pusher_key needs realtime_url or pusher_cluster")
        limit = c_integer(given("max_buffered_events", DEFAULT_MAX_BUFFERED_EVENTS),
                          "max_buffered_events", SIZE)

        def optional(name: str, convert: Callable[[Any, str], Any]) -> tuple[Any, ...] | None:
            # A setter's argument, or None (the setter is not called) when not given.
            value = given(name)
            return None if value is None else (convert(value, name),)

        realtime = None if url is None else (c_string(url, "realtime_url"),
                                             c_string(key, "pusher_key"))
        pusher = None if cluster is None else (c_string(key, "pusher_key"),
                                               c_string(cluster, "pusher_cluster"))
        setters = [
            ("load_environment", () if given("load_environment", True) else None),
            ("set_identity", identity),
            ("set_host", optional("host", c_string)),
            ("set_request_timeout", optional("request_timeout", c_milliseconds)),
            ("set_realtime_url", realtime),
            ("set_pusher", pusher),
            ("set_subscription_timeout", optional("subscription_timeout", c_milliseconds)),
            ("set_max_retries", optional("max_retries", lambda n, name: c_integer(n, name, INT32))),
            ("set_ca_file", optional("ca_file", c_string)),
            ("set_proxy", optional("proxy", c_string)),
            ("set_no_proxy", optional("no_proxy", c_string)),
            ("set_redirects", (REDIRECT_POLICIES[redirects],)),
            ("allow_insecure_http", (int(insecure),)),
            ("set_delivery", (DELIVERY_MODES[delivery],)),
            ("set_max_buffered_events", (limit,)),
        ]
        return cls([(name, args) for name, args in setters if args is not None],
                   DELIVERY_MODES[delivery], limit)


def new_client(settings: Settings) -> Any:
    """A native client made with `settings`, and the log callback for the levels that are
    enabled now (see :mod:`airops._log`)."""
    lib = library()
    options = lib.airops_options_new()
    if not options:
        raise MemoryError("airops_options_new() failed")
    try:
        for name, args in settings.setters:
            call(getattr(lib, f"airops_options_{name}"), options, *args)
        min_level = library_min_level()
        if min_level is not None:
            call(lib.airops_options_set_log_callback, options, min_level, ON_LOG, None)
        client = ClientHandle()
        call(lib.airops_client_new, options, ctypes.byref(client))
        return client
    finally:
        lib.airops_options_free(options)
