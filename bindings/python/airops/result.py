"""An execution record as the server returned it, copied out of the library."""

from __future__ import annotations

import enum
import json as _json
from dataclasses import dataclass
from typing import Any

from ._convert import from_c
from ._library import library

__all__ = ["ExecutionState", "ExecutionResult"]


class ExecutionState(enum.IntEnum):
    """Mirrors ``airops_state``: an execution's status as an enum (UNKNOWN: a status this
    library does not know, see :attr:`ExecutionResult.status`)."""

    UNKNOWN = 0
    QUEUED = 1
    PENDING = 2
    RUNNING = 3
    SUCCESS = 4
    ERROR = 5
    CANCELLED = 6
    REVIEW_NEEDED = 7


@dataclass(frozen=True)
class ExecutionResult:
    """One execution record, copied out of the library.

    Attributes:
        status: the status as the server sent it, e.g. ``"success"``; `state` as an enum.
        output: the output text (the JSON text of a non-string output), or None.
        error_code, error_message: the server's, or None.
        json: the whole record as the JSON text the server sent.
    """

    execution_id: str
    status: str
    state: ExecutionState
    output: str | None
    error_code: str | None
    error_message: str | None
    json: str

    @property
    def record(self) -> dict[str, Any]:
        """:attr:`json` parsed (a new dict on each access)."""
        record: dict[str, Any] = _json.loads(self.json)
        return record

    @property
    def succeeded(self) -> bool:
        """Whether the execution finished with status ``success``."""
        return self.state == ExecutionState.SUCCESS


def take_result(pointer: Any) -> ExecutionResult:
    """Copies every value out of a native ``airops_result`` and frees it."""
    lib = library()
    try:
        return ExecutionResult(
            execution_id=from_c(lib.airops_result_execution_id(pointer)) or "",
            status=from_c(lib.airops_result_status_text(pointer)) or "",
            state=ExecutionState(lib.airops_result_state(pointer)),
            output=from_c(lib.airops_result_output(pointer)),
            error_code=from_c(lib.airops_result_error_code(pointer)),
            error_message=from_c(lib.airops_result_error_message(pointer)),
            json=from_c(lib.airops_result_json(pointer)) or "",
        )
    finally:
        lib.airops_result_free(pointer)
