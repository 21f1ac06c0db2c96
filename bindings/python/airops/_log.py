"""Logging: the package's own messages and the library's, through :mod:`logging`.

* ``logging.getLogger("airops")``: the package's own messages (the library it loaded, clients
  opened and closed, event loops bound, and every exception raised by an ``on_event``
  callback, which never reaches the library).
* ``logging.getLogger("airops.library")``: the messages of libairops itself (requests and
  their status, realtime connections, reconnects, protocol problems), which never contain
  secrets (hashed user ids, API keys, channel signatures).

The package adds no handler, so warnings and errors reach Python's last-resort handler
(stderr) until the application configures logging.

Every client gets ONE module-level ``airops_log_callback`` (:data:`airops._options.ON_LOG`)
whose body calls :func:`forward_library_record`. The library filters by level before it calls
back: a client forwards the levels that ``"airops.library"`` had enabled when the client was
created (:func:`library_min_level`), so configure logging before creating clients. The
callback runs on library threads, which :mod:`threading` then knows as ``Dummy-N`` threads.
"""

from __future__ import annotations

import logging
from typing import Final


logger: Final = logging.getLogger("airops")
"""The package's logger."""

library_logger: Final = logging.getLogger("airops.library")
"""The logger that carries libairops' own messages (see :func:`forward_library_record`)."""

TRACE: Final = 5
"""The :mod:`logging` level of the library's trace messages (below DEBUG)."""

LIBRARY_LEVELS: Final[dict[int, int]] = {
    0: TRACE,             # AIROPS_LOG_TRACE
    1: logging.DEBUG,     # AIROPS_LOG_DEBUG
    2: logging.INFO,      # AIROPS_LOG_INFO
    3: logging.INFO,      # AIROPS_LOG_NOTICE
    4: logging.WARNING,   # AIROPS_LOG_WARNING
    5: logging.ERROR,     # AIROPS_LOG_ERROR
    6: logging.CRITICAL,  # AIROPS_LOG_CRITICAL
}
"""``airops_log_level`` (airops.h) -> the :mod:`logging` level it is logged at."""


def forward_library_record(level: int, message: str) -> None:
    """Logs one message of libairops on :data:`library_logger`.

    Called by the library's log callback, on any thread; it only hands the record to
    :mod:`logging`. An unknown level (a newer library) logs as WARNING.

    Args:
        level: the ``airops_log_level`` of the message.
        message: the message text.
    """
    python_level = LIBRARY_LEVELS.get(level, logging.WARNING)
    if library_logger.isEnabledFor(python_level):
        library_logger.log(python_level, "%s", message)


def library_min_level() -> int | None:
    """The lowest ``airops_log_level`` that :data:`library_logger` would log now, or None
    when it logs none of them (then a new client gets no log callback at all)."""
    for level, python_level in sorted(LIBRARY_LEVELS.items()):
        if library_logger.isEnabledFor(python_level):
            return level
    return None
