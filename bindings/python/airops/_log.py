"""Logging, with no handler added: ``"airops"`` for the package's own messages (including what
``on_event`` raised), ``"airops.library"`` for libairops' (which never hold secrets). A client
forwards the levels that ``"airops.library"`` enabled when it was created."""

from __future__ import annotations

import logging
from typing import Final

logger: Final = logging.getLogger("airops")
library_logger: Final = logging.getLogger("airops.library")
TRACE: Final = 5  # the logging level of the library's trace messages, below DEBUG

# airops_log_level (airops.h) -> the logging level it is logged at.

LIBRARY_LEVELS: Final[dict[int, int]] = {
    0: TRACE,             # AIROPS_LOG_TRACE
    1: logging.DEBUG,     # AIROPS_LOG_DEBUG
    2: logging.INFO,      # AIROPS_LOG_INFO
    3: logging.INFO,      # AIROPS_LOG_NOTICE
    4: logging.WARNING,   # AIROPS_LOG_WARNING
    5: logging.ERROR,     # AIROPS_LOG_ERROR
    6: logging.CRITICAL,  # AIROPS_LOG_CRITICAL
}


def forward_library_record(level: int, message: str) -> None:
    """Logs one message of libairops (its log callback, on any thread); an unknown level,
    from a newer library, logs as WARNING."""
    python_level = LIBRARY_LEVELS.get(level, logging.WARNING)
    if library_logger.isEnabledFor(python_level):
        library_logger.log(python_level, "%s", message)


def library_min_level() -> int | None:
    """The lowest ``airops_log_level`` that :data:`library_logger` logs now, or None for none
    (then a new client gets no log callback)."""
    for level, python_level in sorted(LIBRARY_LEVELS.items()):
        if library_logger.isEnabledFor(python_level):
            return level
    return None
