"""Logging, with no handler added: ``"airops"`` for the package's own messages (including what
``on_event`` raised), ``"airops.library"`` for libairops' (which never hold secrets). A client
forwards the levels that ``"airops.library"`` enabled when it was created."""

from __future__ import annotations

import logging
from typing import Final

logger: Final = logging.getLogger("airops")
library_logger: Final = logging.getLogger("airops.library")
TRACE: Final = 5  # the logging level of the library's trace messages, below DEBUG

# The logging level of each airops_log_level (airops.h), by value: TRACE, DEBUG, INFO, NOTICE,
# WARNING, ERROR, CRITICAL.
LIBRARY_LEVELS: Final = (TRACE, logging.DEBUG, logging.INFO, logging.INFO, logging.WARNING,
                         logging.ERROR, logging.CRITICAL)


def forward_library_record(level: int, message: str) -> None:
    """Logs one message of libairops (its log callback, on any thread); an unknown level,
    from a newer library, logs as WARNING."""
    python_level = LIBRARY_LEVELS[level] if 0 <= level < len(LIBRARY_LEVELS) else logging.WARNING
    if library_logger.isEnabledFor(python_level):
        library_logger.log(python_level, "%s", message)


def library_min_level() -> int | None:
    """The lowest ``airops_log_level`` that :data:`library_logger` logs now, or None for none
    (then a new client gets no log callback)."""
    return next((level for level, python_level in enumerate(LIBRARY_LEVELS)
                 if library_logger.isEnabledFor(python_level)), None)
