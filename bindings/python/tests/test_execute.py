"""apps.execute and results: outputs, versions, failures, server and argument errors."""

from __future__ import annotations

import json
import uuid

import pytest

import airops
from conftest import Server


def test_execute_and_wait(client: airops.AirOps) -> None:
    with client.apps.execute("hello-world", {"name": "Ada"}) as execution:
        assert isinstance(execution, airops.Execution)
        assert str(uuid.UUID(execution.id)) == execution.id
        result = execution.result(timeout=10)
    assert isinstance(result, airops.ExecutionResult)
    assert result.succeeded
    assert result.status == "success"
    assert result.state is airops.ExecutionState.SUCCESS
    assert result.output == "Hello, Ada! Welcome to AirOps."
    assert result.execution_id == execution.id
    assert result.error_code is None and result.error_message is None
    record = result.record
    assert record["uuid"] == execution.id and record["status"] == "success"
    assert json.loads(result.json) == record
    assert result.record is not record  # a fresh dict each time


def test_result_is_a_plain_immutable_object(client: airops.AirOps) -> None:
    with client.apps.execute("hello-world", {"name": "Ada"}) as execution:
        result = execution.result()
    with pytest.raises(AttributeError):
        result.status = "error"  # type: ignore[misc]
    assert result == airops.ExecutionResult(**{
        name: getattr(result, name)
        for name in ("execution_id", "status", "state", "output", "error_code",
                     "error_message", "json")})


def test_execute_by_numeric_id_and_uuid(client: airops.AirOps) -> None:
    app_uuid = client.apps.get("hello-world")["uuid"]
    for app_id in (1, "1", app_uuid):
        with client.apps.execute(app_id, {"name": "Bo"}) as execution:
            assert execution.result().output == "Hello, Bo! Welcome to AirOps."


def test_pinned_version(client: airops.AirOps) -> None:
    with client.apps.execute("hello-world", {"name": "Ada"}, version=1) as execution:
        assert execution.result().output == "Hello, Ada!"
    with client.apps.execute("hello-world", {"name": "Ada"}, version=2) as execution:
        assert execution.result().output == "Hello, Ada! Welcome to AirOps."


def test_negative_version_is_rejected(client: airops.AirOps) -> None:
    with pytest.raises(airops.InvalidArgumentError):
        client.apps.execute("hello-world", {"name": "Ada"}, version=-1)


def test_version_out_of_int64_range_is_rejected(client: airops.AirOps) -> None:
    with pytest.raises(airops.InvalidArgumentError):
        client.apps.execute("hello-world", {"name": "Ada"}, version=2**63)


def test_failing_app_is_a_result_not_an_exception(client: airops.AirOps) -> None:
    with client.apps.execute("always-fails") as execution:
        result = execution.result(timeout=10)
    assert not result.succeeded
    assert result.status == "error"
    assert result.state is airops.ExecutionState.ERROR
    assert result.error_code == "demo_failure"
    assert result.error_message == "This demo app always fails."


def test_fetch_returns_the_current_record(client: airops.AirOps) -> None:
    with client.apps.execute("slow-echo", {"text": "hi"}) as execution:
        current = execution.fetch()
        assert current.execution_id == execution.id
        assert current.state in (airops.ExecutionState.QUEUED, airops.ExecutionState.PENDING,
                                 airops.ExecutionState.RUNNING)
        assert current.output is None
        execution.cancel()


def test_wrong_hash_is_an_authentication_error(server: Server) -> None:
    with airops.AirOps.identify(user_id=server.user_id, workspace_id=server.workspace_id,
                                hashed_user_id="0" * 64, host=server.host) as client:
        with pytest.raises(airops.AuthenticationError) as info:
            client.apps.execute("hello-world", {"name": "Ada"})
    error = info.value
    assert isinstance(error, airops.APIError)
    assert error.status == 401
    assert error.code_name == "AIROPS_ERR_UNAUTHORIZED"
    assert error.message and "AIROPS_ERR" not in error.message  # the server's own text


def test_unknown_app_is_not_found(client: airops.AirOps) -> None:
    with pytest.raises(airops.NotFoundError) as info:
        client.apps.execute("no-such-app", {"name": "Ada"})
    assert info.value.status == 404 and info.value.message


def test_missing_input_is_a_bad_request(client: airops.AirOps) -> None:
    with pytest.raises(airops.BadRequestError) as info:
        client.apps.execute("hello-world", {})
    assert info.value.status == 400
    assert info.value.message == "name can't be blank"


def test_no_inputs_means_empty_object(client: airops.AirOps) -> None:
    with pytest.raises(airops.BadRequestError, match="name can't be blank"):
        client.apps.execute("hello-world")


@pytest.mark.parametrize("inputs", [["name", "Ada"], "Ada", 42, True])
def test_non_object_inputs_are_rejected_by_the_library(client: airops.AirOps,
                                                       inputs: object) -> None:
    with pytest.raises(airops.InvalidArgumentError) as info:
        client.apps.execute("hello-world", inputs)  # type: ignore[arg-type]
    assert info.value.code_name == "AIROPS_ERR_INVALID_ARGUMENT"


def test_malformed_json_inputs_are_rejected_by_the_library(client: airops.AirOps) -> None:
    # json.dumps writes NaN, which is not JSON: the library must refuse the text.
    with pytest.raises(airops.InvalidArgumentError):
        client.apps.execute("hello-world", {"name": float("nan")})


def test_unserializable_inputs(client: airops.AirOps) -> None:
    with pytest.raises(airops.InvalidArgumentError, match="inputs"):
        client.apps.execute("hello-world", {"name": object()})
    with pytest.raises(airops.InvalidArgumentError, match="inputs"):
        client.apps.execute("hello-world", {"name": b"Ada"})


def test_unicode_inputs_round_trip(client: airops.AirOps) -> None:
    with client.apps.execute("hello-world", {"name": "Zoë 👩‍💻"}) as execution:
        assert execution.result().output == "Hello, Zoë 👩‍💻! Welcome to AirOps."


def test_empty_app_id(client: airops.AirOps) -> None:
    with pytest.raises(airops.InvalidArgumentError):
        client.apps.execute("", {"name": "Ada"})


def test_public_app_through_public_client(public_client: airops.AirOps) -> None:
    with public_client.apps.execute("public-echo", {"text": "hi"}) as execution:
        result = execution.result(timeout=10)
    assert result.succeeded and result.output == "You said: hi"


def test_private_app_through_public_client(public_client: airops.AirOps) -> None:
    with pytest.raises(airops.AuthenticationError) as info:
        public_client.apps.execute("hello-world", {"name": "Ada"})
    assert info.value.status in (401, 403)


def test_network_error_while_fetching(server: Server, closed_port: int) -> None:
    with airops.AirOps(host=f"http://127.0.0.1:{closed_port}", request_timeout=5) as client:
        with client.apps.get_execution(str(uuid.uuid4())) as execution:
            with pytest.raises(airops.ConnectionError):
                execution.fetch()
            # a wait may retry until its own deadline: either error is a correct report
            with pytest.raises((airops.ConnectionError, airops.TimeoutError)):
                execution.result(timeout=2)
