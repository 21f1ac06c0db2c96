"""Finding, loading and describing libairops: the file named by ``AIROPS_LIBRARY``, else
``libairops.so`` beside this package (in a wheel), else ``build/lib`` of a source checkout.
It is loaded on first use, so that ``import airops`` never fails."""

from __future__ import annotations

import ctypes
import os
import threading
from pathlib import Path
from typing import Any, Final

from ._errors import LibraryError, LibraryNotFoundError, LibraryVersionError
from ._log import logger

__version__: Final = "0.1.0"  # the airops package's
EXPECTED_LIBRARY_VERSION_NUMBER: Final = 100  # airops_version_number() of the library it speaks to

ENV_VAR = "AIROPS_LIBRARY"
LIBRARY_NAME = "libairops.so"

_PACKAGE_DIR = Path(__file__).resolve().parent


def _opaque(name: str) -> type:
    return ctypes.POINTER(type(name, (ctypes.Structure,), {}))


ErrorHandle, OptionsHandle, ClientHandle, ExecutionHandle, ResultHandle = (
    _opaque(f"airops_{name}") for name in ("error", "options", "client", "execution", "result"))


def _struct(name: str, *fields: tuple[str, Any], base: type = ctypes.Structure) -> Any:
    return type(name, (base,), {"_fields_": list(fields)})


_S = ctypes.c_char_p

# airops_event and the members of its union (airops.h, "Streaming and chat"); ``data`` holds
# the member named by ``kind``. Its pointers are borrowed for one callback: copy them at once.
EventStruct = _struct(
    "airops_event", ("size", ctypes.c_size_t), ("kind", ctypes.c_int),
    ("execution", ExecutionHandle), ("execution_id", _S), ("json", _S),
    ("data", _struct("airops_event_data",
                     ("chunk", _struct("airops_chunk_event", ("content", _S))),
                     ("completed", _struct("airops_completed_event", ("content", _S),
                                           ("result", _S))),
                     ("agent_response", _struct("airops_agent_response_event", ("token", _S),
                                                ("stream_finished", ctypes.c_int),
                                                ("result", _S))),
                     ("agent_action", _struct("airops_agent_action_event", ("tool", _S),
                                              ("tool_input_json", _S))),
                     ("agent_action_error", _struct("airops_agent_action_error_event",
                                                    ("tool", _S), ("tool_error", _S))),
                     base=ctypes.Union)),
    ("error_code", _S))

# The callback types (airops.h): the event callback, the completions of the ``_async`` calls
# (code, the handle handed over or NULL, a borrowed error, user_data), and the log callback.
EventCallback = ctypes.CFUNCTYPE(None, ctypes.POINTER(EventStruct), ctypes.c_void_p)
ExecutionCallback = ctypes.CFUNCTYPE(None, ctypes.c_int, ExecutionHandle, ErrorHandle,
                                     ctypes.c_void_p)
ResultCallback = ctypes.CFUNCTYPE(None, ctypes.c_int, ResultHandle, ErrorHandle, ctypes.c_void_p)
JSONCallback = ctypes.CFUNCTYPE(None, ctypes.c_int, _S, ErrorHandle, ctypes.c_void_p)
LogCallback = ctypes.CFUNCTYPE(None, ctypes.c_int, _S, ctypes.c_void_p)

# A string that the library hands over, to free with airops_string_free (not c_char_p: a copy).
OwnedString = ctypes.POINTER(ctypes.c_char)

# Short names for the table below.
_I, _I64, _Z, _V, _P = ctypes.c_int, ctypes.c_int64, ctypes.c_size_t, ctypes.c_void_p, ctypes.POINTER
_E: Any = _P(ErrorHandle)
_O, _C, _X, _R = OptionsHandle, ClientHandle, ExecutionHandle, ResultHandle

# name: (restype, argtypes) for every function of include/airops.h.
PROTOTYPES: dict[str, tuple[object, list[object]]] = {
    # Version, errors, strings, identity
    "airops_version": (_S, []), "airops_version_number": (_I, []),
    "airops_error_code": (_I, [ErrorHandle]), "airops_error_http_status": (_I, [ErrorHandle]),
    "airops_error_message": (_S, [ErrorHandle]), "airops_error_free": (None, [ErrorHandle]),
    "airops_code_name": (_S, [_I]), "airops_string_free": (None, [OwnedString]),
    "airops_hash_user_id": (_I, [_S, _S, _P(OwnedString), _E]),
    # Client options; network: proxies, redirects, transport security
    "airops_options_new": (_O, []), "airops_options_free": (None, [_O]),
    "airops_options_set_identity": (_I, [_O, _S, _S, _S, _E]),
    "airops_options_set_host": (_I, [_O, _S, _E]),
    "airops_options_set_request_timeout": (_I, [_O, _I64, _E]),
    "airops_options_load_environment": (_I, [_O, _E]),
    "airops_options_set_realtime_url": (_I, [_O, _S, _S, _E]),
    "airops_options_set_pusher": (_I, [_O, _S, _S, _E]),
    "airops_options_set_subscription_timeout": (_I, [_O, _I64, _E]),
    "airops_options_set_max_buffered_events": (_I, [_O, _Z, _E]),
    "airops_options_set_ca_file": (_I, [_O, _S, _E]),
    "airops_options_set_max_retries": (_I, [_O, _I, _E]),
    "airops_options_set_log_callback": (_I, [_O, _I, LogCallback, _V, _E]),
    "airops_options_set_delivery": (_I, [_O, _I, _E]),
    "airops_options_set_proxy": (_I, [_O, _S, _E]),
    "airops_options_set_no_proxy": (_I, [_O, _S, _E]),
    "airops_options_set_redirects": (_I, [_O, _I, _E]),
    "airops_options_allow_insecure_http": (_I, [_O, _I, _E]),
    # Client, executions, streaming and chat
    "airops_client_new": (_I, [_O, _P(_C), _E]), "airops_client_free": (None, [_C]),
    "airops_app_get": (_I, [_C, _S, _P(OwnedString), _E]),
    "airops_app_execute": (_I, [_C, _S, _S, _I64, _P(_X), _E]),
    "airops_app_execute_stream": (_I, [_C, _S, _S, _I64, EventCallback, _V, _P(_X), _E]),
    "airops_app_chat": (_I, [_C, _S, _S, _S, _S, EventCallback, _V, _P(_X), _E]),
    "airops_execution_open": (_I, [_C, _S, _P(_X), _E]),
    "airops_execution_id": (_S, [_X]), "airops_execution_session_id": (_S, [_X]),
    "airops_execution_fetch": (_I, [_X, _P(_R), _E]),
    "airops_execution_wait": (_I, [_X, _I64, _P(_R), _E]),
    "airops_execution_cancel": (_I, [_X, _E]), "airops_execution_free": (None, [_X]),
    # Non-blocking calls
    "airops_app_execute_async": (_I, [_C, _S, _S, _I64, _I, EventCallback, _V,
                                      ExecutionCallback, _V, _E]),
    "airops_app_chat_async": (_I, [_C, _S, _S, _S, _S, EventCallback, _V, ExecutionCallback,
                                   _V, _E]),
    "airops_app_get_async": (_I, [_C, _S, JSONCallback, _V, _E]),
    "airops_execution_fetch_async": (_I, [_X, ResultCallback, _V, _E]),
    "airops_execution_wait_async": (_I, [_X, _I64, ResultCallback, _V, _E]),
    "airops_execution_cancel_async": (_I, [_X, ResultCallback, _V, _E]),
    "airops_client_event_fd": (_I, [_C]), "airops_client_dispatch": (_I, [_C, _Z, _P(_Z), _E]),
    # Results
    "airops_result_state": (_I, [_R]), "airops_result_status_text": (_S, [_R]),
    "airops_result_status": (_S, [_R]), "airops_result_execution_id": (_S, [_R]),
    "airops_result_output": (_S, [_R]), "airops_result_error_code": (_S, [_R]),
    "airops_result_error_message": (_S, [_R]), "airops_result_json": (_S, [_R]),
    "airops_result_free": (None, [_R]),
}


def candidate_paths() -> list[Path]:
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


def _prototype(cdll: ctypes.CDLL, path: Path, name: str) -> Any:
    try:
        function = getattr(cdll, name)
    except AttributeError:
        raise LibraryError(f"{path} does not export {name}(): not a matching libairops") from None
    function.restype, function.argtypes = PROTOTYPES[name]
    return function


def load(path: Path | str | None = None) -> ctypes.CDLL:
    """Loads libairops from `path` (or the lookup order), checks its version number and sets
    the prototypes; raises a :class:`LibraryError`."""
    resolved = Path(path) if path is not None else _find()
    try:
        cdll = ctypes.CDLL(str(resolved))
    except OSError as error:
        raise LibraryError(f"could not load libairops from {resolved}: {error}") from error
    found = _prototype(cdll, resolved, "airops_version_number")()
    if found != EXPECTED_LIBRARY_VERSION_NUMBER:
        raise LibraryVersionError(
            f"{resolved} is libairops version number {found}, but the airops Python package "
            f"{__version__} expects {EXPECTED_LIBRARY_VERSION_NUMBER}")
    for name in PROTOTYPES:
        _prototype(cdll, resolved, name)
    return cdll


_lock = threading.Lock()
_loaded: tuple[ctypes.CDLL, Path] | None = None


def _load_once() -> tuple[ctypes.CDLL, Path]:
    global _loaded
    with _lock:
        if _loaded is None:
            found = _find()
            _loaded = (load(found), found)
            logger.debug("loaded libairops %s from %s", _loaded[0].airops_version().decode(), found)
    return _loaded


def library() -> ctypes.CDLL:
    """The loaded library, loading it on first call (thread-safe). See :func:`load`."""
    return (_loaded or _load_once())[0]


def path() -> Path:
    """The path the library was loaded from (loading it if needed)."""
    return (_loaded or _load_once())[1]


def version() -> str:
    """The loaded library's version string (``airops_version()``), e.g. ``"0.1.0"``."""
    text: bytes = library().airops_version()
    return text.decode("utf-8")
