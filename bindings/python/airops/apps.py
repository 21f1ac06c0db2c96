"""``client.apps``: app info, executing apps and reaching executions by id."""

from __future__ import annotations

import ctypes
import json
from typing import TYPE_CHECKING, Any

from ._call import call
from ._convert import c_id, c_int64, c_json, c_string, take_string
from ._library import ExecutionHandle, OwnedString, library
from .execution import Execution
from .result import ExecutionResult

if TYPE_CHECKING:
    from .client import AirOps

__all__ = ["Apps"]


class Apps:
    """The app operations of a client, reached as ``client.apps``."""

    def __init__(self, client: AirOps) -> None:
        """Internal: use :attr:`AirOps.apps`."""
        self._client = client

    def get(self, app_id: str | int) -> dict[str, Any]:
        """Fetches an app's description (one request), e.g. ``{"id": 1, "public": False, ...}``.

        Raises:
            AuthenticationError, NotFoundError, AirOpsError: as the server or network answers.
        """
        app = c_id(app_id, "app_id")
        out = OwnedString()
        call(library().airops_app_get, self._client._pointer(), app, ctypes.byref(out))
        description: dict[str, Any] = json.loads(take_string(out))
        return description

    def execute(self, app_id: str | int, inputs: dict[str, Any] | None = None,
                version: int | None = None) -> Execution:
        """Starts an execution and returns at once (one request), without waiting for it.

        Args:
            app_id: the app's id or uuid.
            inputs: the app's inputs, sent as JSON (must be a JSON object); None sends ``{}``.
            version: the app version to run; None runs the current version.

        Returns:
            An :class:`Execution`; call :meth:`Execution.result` to wait for its output.

        Raises:
            InvalidArgumentError: inputs that are not a JSON object, a bad id or version.
            BadRequestError: e.g. a missing input. AuthenticationError, NotFoundError, ...
        """
        app = c_id(app_id, "app_id")
        inputs_json = c_json(inputs, "inputs")
        version_number = 0 if version is None else c_int64(version, "version")
        out = ExecutionHandle()
        call(library().airops_app_execute, self._client._pointer(), app, inputs_json,
             version_number, ctypes.byref(out))
        return self._client._adopt(out)

    def get_execution(self, execution_id: str) -> Execution:
        """Opens a handle on an existing execution by its id (uuid). Sends no request.

        An unknown id is reported by the first call that reaches the server (NotFoundError).
        """
        execution = c_string(execution_id, "execution_id")
        out = ExecutionHandle()
        call(library().airops_execution_open, self._client._pointer(), execution,
             ctypes.byref(out))
        return self._client._adopt(out)

    def get_results(self, execution_id: str) -> ExecutionResult:
        """Fetches an execution's current record by its id (one request), whatever its status."""
        with self.get_execution(execution_id) as execution:
            return execution.fetch()

    def __repr__(self) -> str:
        return f"<airops.Apps of {self._client!r}>"
