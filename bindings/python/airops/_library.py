"""Finding, loading and describing libairops.

The library is looked up, in this order:

1. the environment variable ``AIROPS_LIBRARY`` (the full path of the ``.so``);
2. ``libairops.so`` next to this package's ``__init__.py`` (where a wheel bundles it);
3. ``<repo>/build/lib/libairops.so`` relative to the package source, for a source checkout
   (``bindings/python/airops`` -> ``../../../build/lib``).

It is loaded once, on first use, so that ``import airops`` never fails. After loading, its
``airops_version_number()`` must equal the version this package expects, and every function
of ``airops.h`` gets its ``argtypes``/``restype``.
"""

from __future__ import annotations

import ctypes
import os
import threading
from pathlib import Path

from ._errors import LibraryError, LibraryNotFoundError, LibraryVersionError
from ._log import logger
from ._version import EXPECTED_LIBRARY_VERSION_NUMBER, __version__

__all__ = [
    "ENV_VAR",
    "LIBRARY_NAME",
    "ErrorHandle",
    "OptionsHandle",
    "ClientHandle",
    "ExecutionHandle",
    "ResultHandle",
    "OwnedString",
    "EventStruct",
    "EventCallback",
    "ExecutionCallback",
    "ResultCallback",
    "JSONCallback",
    "LogCallback",
    "candidate_paths",
    "load",
    "library",
    "path",
    "version",
]

ENV_VAR = "AIROPS_LIBRARY"
LIBRARY_NAME = "libairops.so"

_PACKAGE_DIR = Path(__file__).resolve().parent


# Opaque C types. Only pointers to them ever cross the boundary.
class _AiropsError(ctypes.Structure):
    """``struct airops_error`` (opaque)."""


class _AiropsOptions(ctypes.Structure):
    """``struct airops_options`` (opaque)."""


class _AiropsClient(ctypes.Structure):
    """``struct airops_client`` (opaque)."""


class _AiropsExecution(ctypes.Structure):
    """``struct airops_execution`` (opaque)."""


class _AiropsResult(ctypes.Structure):
    """``struct airops_result`` (opaque)."""


ErrorHandle = ctypes.POINTER(_AiropsError)
OptionsHandle = ctypes.POINTER(_AiropsOptions)
ClientHandle = ctypes.POINTER(_AiropsClient)
ExecutionHandle = ctypes.POINTER(_AiropsExecution)
ResultHandle = ctypes.POINTER(_AiropsResult)


# struct airops_event and the members of its union (airops.h, "Streaming and chat"). The
# pointers in it are borrowed for the duration of one callback: copy them out at once.
class _ChunkEvent(ctypes.Structure):
    """``airops_chunk_event``."""

    _fields_ = [("content", ctypes.c_char_p)]


class _CompletedEvent(ctypes.Structure):
    """``airops_completed_event``."""

    _fields_ = [("content", ctypes.c_char_p), ("result", ctypes.c_char_p)]


class _AgentResponseEvent(ctypes.Structure):
    """``airops_agent_response_event``."""

    _fields_ = [("token", ctypes.c_char_p), ("stream_finished", ctypes.c_int),
                ("result", ctypes.c_char_p)]


class _AgentActionEvent(ctypes.Structure):
    """``airops_agent_action_event``."""

    _fields_ = [("tool", ctypes.c_char_p), ("tool_input_json", ctypes.c_char_p)]


class _AgentActionErrorEvent(ctypes.Structure):
    """``airops_agent_action_error_event``."""

    _fields_ = [("tool", ctypes.c_char_p), ("tool_error", ctypes.c_char_p)]


class _EventData(ctypes.Union):
    """The anonymous union ``data`` of ``airops_event``: the member named by ``kind``."""

    _fields_ = [("chunk", _ChunkEvent), ("completed", _CompletedEvent),
                ("agent_response", _AgentResponseEvent), ("agent_action", _AgentActionEvent),
                ("agent_action_error", _AgentActionErrorEvent)]


class EventStruct(ctypes.Structure):
    """``airops_event`` (``kind`` is the C enum ``airops_event_kind``, an int)."""

    _fields_ = [("size", ctypes.c_size_t), ("kind", ctypes.c_int),
                ("execution", ExecutionHandle), ("execution_id", ctypes.c_char_p),
                ("json", ctypes.c_char_p), ("data", _EventData), ("error_code", ctypes.c_char_p)]


# ``airops_event_callback``: void (*)(const airops_event *event, void *user_data).
EventCallback = ctypes.CFUNCTYPE(None, ctypes.POINTER(EventStruct), ctypes.c_void_p)

# ``airops_execution_callback`` and ``airops_result_callback`` (airops.h, "Non-blocking
# calls"): void (*)(airops_code code, <handle> *owned_or_null, const airops_error *borrowed,
# void *user_data).
ExecutionCallback = ctypes.CFUNCTYPE(None, ctypes.c_int, ExecutionHandle, ErrorHandle,
                                     ctypes.c_void_p)
ResultCallback = ctypes.CFUNCTYPE(None, ctypes.c_int, ResultHandle, ErrorHandle,
                                  ctypes.c_void_p)
# ``airops_json_callback``: void (*)(airops_code code, const char *borrowed_json_or_null,
# const airops_error *borrowed, void *user_data).
JSONCallback = ctypes.CFUNCTYPE(None, ctypes.c_int, ctypes.c_char_p, ErrorHandle, ctypes.c_void_p)

# ``airops_log_callback``: void (*)(airops_log_level level, const char *message, void *user_data).
LogCallback = ctypes.CFUNCTYPE(None, ctypes.c_int, ctypes.c_char_p, ctypes.c_void_p)

# A string the library hands over (freed with airops_string_free): never c_char_p, which
# would copy it into bytes and lose the pointer.
OwnedString = ctypes.POINTER(ctypes.c_char)

_c_int = ctypes.c_int
_c_int64 = ctypes.c_int64
_c_char_p = ctypes.c_char_p
_c_size_t = ctypes.c_size_t
_c_void_p = ctypes.c_void_p
_ErrorOut = ctypes.POINTER(ErrorHandle)
_P = ctypes.POINTER

# name: (restype, argtypes) for every function of include/airops.h.
PROTOTYPES: dict[str, tuple[object, list[object]]] = {
    # Version
    "airops_version": (_c_char_p, []),
    "airops_version_number": (_c_int, []),
    # Errors
    "airops_error_code": (_c_int, [ErrorHandle]),
    "airops_error_http_status": (_c_int, [ErrorHandle]),
    "airops_error_message": (_c_char_p, [ErrorHandle]),
    "airops_error_free": (None, [ErrorHandle]),
    "airops_code_name": (_c_char_p, [_c_int]),
    # Strings
    "airops_string_free": (None, [OwnedString]),
    # Identity
    "airops_hash_user_id": (_c_int, [_c_char_p, _c_char_p, _P(OwnedString), _ErrorOut]),
    # Client options
    "airops_options_new": (OptionsHandle, []),
    "airops_options_free": (None, [OptionsHandle]),
    "airops_options_set_identity": (_c_int, [OptionsHandle, _c_char_p, _c_char_p, _c_char_p,
                                             _ErrorOut]),
    "airops_options_set_host": (_c_int, [OptionsHandle, _c_char_p, _ErrorOut]),
    "airops_options_set_request_timeout": (_c_int, [OptionsHandle, _c_int64, _ErrorOut]),
    "airops_options_load_environment": (_c_int, [OptionsHandle, _ErrorOut]),
    "airops_options_set_realtime_url": (_c_int, [OptionsHandle, _c_char_p, _c_char_p,
                                                 _ErrorOut]),
    "airops_options_set_pusher": (_c_int, [OptionsHandle, _c_char_p, _c_char_p, _ErrorOut]),
    "airops_options_set_subscription_timeout": (_c_int, [OptionsHandle, _c_int64, _ErrorOut]),
    "airops_options_set_max_buffered_events": (_c_int, [OptionsHandle, ctypes.c_size_t, _ErrorOut]),
    "airops_options_set_ca_file": (_c_int, [OptionsHandle, _c_char_p, _ErrorOut]),
    "airops_options_set_max_retries": (_c_int, [OptionsHandle, _c_int, _ErrorOut]),
    "airops_options_set_log_callback": (_c_int, [OptionsHandle, _c_int, LogCallback, _c_void_p,
                                                 _ErrorOut]),
    "airops_options_set_delivery": (_c_int, [OptionsHandle, _c_int, _ErrorOut]),
    # Network: proxies, redirects, transport security
    "airops_options_set_proxy": (_c_int, [OptionsHandle, _c_char_p, _ErrorOut]),
    "airops_options_set_no_proxy": (_c_int, [OptionsHandle, _c_char_p, _ErrorOut]),
    "airops_options_set_redirects": (_c_int, [OptionsHandle, _c_int, _ErrorOut]),
    "airops_options_allow_insecure_http": (_c_int, [OptionsHandle, _c_int, _ErrorOut]),
    # Client
    "airops_client_new": (_c_int, [OptionsHandle, _P(ClientHandle), _ErrorOut]),
    "airops_client_free": (None, [ClientHandle]),
    "airops_app_get": (_c_int, [ClientHandle, _c_char_p, _P(OwnedString), _ErrorOut]),
    # Executions
    "airops_app_execute": (_c_int, [ClientHandle, _c_char_p, _c_char_p, _c_int64,
                                    _P(ExecutionHandle), _ErrorOut]),
    "airops_execution_open": (_c_int, [ClientHandle, _c_char_p, _P(ExecutionHandle),
                                       _ErrorOut]),
    "airops_execution_id": (_c_char_p, [ExecutionHandle]),
    "airops_execution_fetch": (_c_int, [ExecutionHandle, _P(ResultHandle), _ErrorOut]),
    "airops_execution_wait": (_c_int, [ExecutionHandle, _c_int64, _P(ResultHandle),
                                       _ErrorOut]),
    "airops_execution_cancel": (_c_int, [ExecutionHandle, _ErrorOut]),
    "airops_execution_free": (None, [ExecutionHandle]),
    # Streaming and chat
    "airops_app_execute_stream": (_c_int, [ClientHandle, _c_char_p, _c_char_p, _c_int64,
                                           EventCallback, _c_void_p, _P(ExecutionHandle),
                                           _ErrorOut]),
    "airops_app_chat": (_c_int, [ClientHandle, _c_char_p, _c_char_p, _c_char_p, _c_char_p,
                                 EventCallback, _c_void_p, _P(ExecutionHandle), _ErrorOut]),
    "airops_execution_session_id": (_c_char_p, [ExecutionHandle]),
    # Non-blocking calls
    "airops_app_execute_async": (_c_int, [ClientHandle, _c_char_p, _c_char_p, _c_int64, _c_int,
                                          EventCallback, _c_void_p, ExecutionCallback,
                                          _c_void_p, _ErrorOut]),
    "airops_app_chat_async": (_c_int, [ClientHandle, _c_char_p, _c_char_p, _c_char_p,
                                       _c_char_p, EventCallback, _c_void_p, ExecutionCallback,
                                       _c_void_p, _ErrorOut]),
    "airops_app_get_async": (_c_int, [ClientHandle, _c_char_p, JSONCallback, _c_void_p, _ErrorOut]),
    "airops_execution_fetch_async": (_c_int, [ExecutionHandle, ResultCallback, _c_void_p,
                                              _ErrorOut]),
    "airops_execution_wait_async": (_c_int, [ExecutionHandle, _c_int64, ResultCallback,
                                             _c_void_p, _ErrorOut]),
    "airops_execution_cancel_async": (_c_int, [ExecutionHandle, ResultCallback, _c_void_p,
                                               _ErrorOut]),
    "airops_client_event_fd": (_c_int, [ClientHandle]),
    "airops_client_dispatch": (_c_int, [ClientHandle, _c_size_t, _P(_c_size_t), _ErrorOut]),
    # Results
    "airops_result_state": (_c_int, [ResultHandle]),
    "airops_result_status": (_c_char_p, [ResultHandle]),
    "airops_result_execution_id": (_c_char_p, [ResultHandle]),
    "airops_result_output": (_c_char_p, [ResultHandle]),
    "airops_result_error_code": (_c_char_p, [ResultHandle]),
    "airops_result_error_message": (_c_char_p, [ResultHandle]),
    "airops_result_json": (_c_char_p, [ResultHandle]),
    "airops_result_free": (None, [ResultHandle]),
}


def candidate_paths() -> list[Path]:
    """The places where the library is looked for, in order (see the module docstring)."""
    override = os.environ.get(ENV_VAR)
    if override:
        return [Path(override)]
    return [_PACKAGE_DIR / LIBRARY_NAME,
            _PACKAGE_DIR.parent.parent.parent / "build" / "lib" / LIBRARY_NAME]


def _find() -> Path:
    candidates = candidate_paths()
    for path in candidates:
        if path.is_file():
            return path
    tried = ", ".join(str(path) for path in candidates)
    raise LibraryNotFoundError(
        f"libairops was not found (looked for {tried}). Build it (`make`) or set "
        f"{ENV_VAR} to the full path of {LIBRARY_NAME}.")


def _prototype(cdll: ctypes.CDLL, path: Path) -> None:
    for name, (restype, argtypes) in PROTOTYPES.items():
        try:
            function = getattr(cdll, name)
        except AttributeError:
            raise LibraryError(f"{path} does not export {name}(): not a matching libairops") from None
        function.restype = restype
        function.argtypes = argtypes


def load(path: Path | str | None = None) -> ctypes.CDLL:
    """Loads libairops from `path` (or the lookup order), checks its version, sets prototypes.

    Raises:
        LibraryNotFoundError: no library at any of the candidate paths.
        LibraryError: the file could not be loaded or lacks a function of ``airops.h``.
        LibraryVersionError: its version number is not the one this package expects.
    """
    resolved = Path(path) if path is not None else _find()
    try:
        cdll = ctypes.CDLL(str(resolved))
    except OSError as error:
        raise LibraryError(f"could not load libairops from {resolved}: {error}") from error
    try:
        version_number = cdll.airops_version_number
    except AttributeError:
        raise LibraryError(f"{resolved} does not export airops_version_number(): "
                           f"not a libairops") from None
    version_number.restype = ctypes.c_int
    version_number.argtypes = []
    found = version_number()
    if found != EXPECTED_LIBRARY_VERSION_NUMBER:
        raise LibraryVersionError(
            f"{resolved} is libairops version number {found}, but the airops Python package "
            f"{__version__} expects {EXPECTED_LIBRARY_VERSION_NUMBER}")
    _prototype(cdll, resolved)
    return cdll


_lock = threading.Lock()
_loaded: ctypes.CDLL | None = None
_loaded_path: Path | None = None


def library() -> ctypes.CDLL:
    """The loaded library, loading it on first call (thread-safe). See :func:`load`."""
    global _loaded, _loaded_path
    if _loaded is None:
        with _lock:
            if _loaded is None:
                path = _find()
                _loaded = load(path)
                _loaded_path = path
                logger.debug("loaded libairops %s from %s",
                             _loaded.airops_version().decode("utf-8", "replace"), path)
    return _loaded


def path() -> Path:
    """The path the library was loaded from (loading it if needed)."""
    library()
    assert _loaded_path is not None
    return _loaded_path


def version() -> str:
    """The loaded library's version string (``airops_version()``), e.g. ``"0.1.0"``."""
    text: bytes = library().airops_version()
    return text.decode("utf-8")
