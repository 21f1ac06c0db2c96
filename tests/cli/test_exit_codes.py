"""Exit codes and error messages that scripts rely on."""

import json
import socket
import time

import pytest


def test_failing_execution_exits_1_with_its_error_on_stderr(cli):
    result = cli.run("run", "always-fails")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith("airops: ")
    assert "demo_failure: This demo app always fails." in result.stderr


def test_failing_execution_with_json_prints_the_record_and_exits_1(cli):
    result = cli.run("run", "always-fails", "--json")
    assert result.returncode == 1
    record = json.loads(result.stdout)
    assert (record["status"], record["error_code"], record["error_message"]) == (
        "error", "demo_failure", "This demo app always fails.")
    assert "demo_failure" in result.stderr


def test_failing_streamed_execution_exits_1(cli):
    result = cli.run("run", "always-fails", "--stream")
    assert result.returncode == 1
    assert "demo_failure" in result.stderr


def test_unknown_app_exits_4(cli):
    result = cli.run("run", "no-such-app")
    assert result.returncode == 4
    assert result.stderr.startswith("airops: ") and "404" in result.stderr


def test_wrong_hashed_user_id_exits_3(cli):
    result = cli.run("run", "hello-world", "--input", "name=Ada", "--hashed-user-id", "0" * 64)
    assert result.returncode == 3
    assert result.stderr.startswith("airops: ") and "401" in result.stderr


def test_timeout_exits_5_and_says_how_to_pick_the_execution_up(cli):
    started = time.monotonic()
    result = cli.run("run", "slow-echo", "--input", "text=hi", "--timeout", "0.5")
    assert result.returncode == 5
    assert time.monotonic() - started < 2.5
    assert "airops result " in result.stderr and "--wait" in result.stderr


def test_unreachable_server_exits_6(cli):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = cli.run("run", "hello-world", "--host", f"http://127.0.0.1:{port}")
    assert result.returncode == 6
    assert result.stderr.startswith("airops: ")


@pytest.mark.parametrize("args", [
    ["run"],
    ["run", "hello-world", "--input", "no-equals-sign"],
    ["run", "hello-world", "--timeout", "-1"],
    ["run", "hello-world", "--version", "0"],
    ["run", "hello-world", "--no-such-option"],
    ["run", "hello-world", "--host", "ftp://example.com"],
    ["run", "hello-world", "--inputs-json", "/no/such/file.json"],
    ["run", "hello-world", "--inputs-json", "-"],
    ["result", "some-id", "--timeout", "1"],
    ["no-such-command"],
])
def test_usage_errors_exit_2(cli, args):
    result = cli.run(*args, stdin="[1, 2]" if args[-1] == "-" else None)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("airops: "), result.stderr


def test_incomplete_identity_is_a_usage_error(cli):
    result = cli.run("run", "hello-world", unset=["AIROPS_WORKSPACE_ID"])
    assert result.returncode == 2
    assert "workspace id" in result.stderr


def test_help_documents_exit_codes_and_environment(cli):
    result = cli.run("--help")
    assert result.returncode == 0
    for text in ("EXIT CODES", "AIROPS_HOST", "AIROPS_HASHED_USER_ID", "AIROPS_PUSHER_KEY"):
        assert text in result.stdout


@pytest.mark.parametrize("command", [["run"], ["result"], ["cancel"], ["chat"], ["app", "get"], ["hash-user-id"]])
def test_each_subcommand_has_examples(cli, command):
    result = cli.run(*command, "--help")
    assert result.returncode == 0
    assert "EXAMPLES" in result.stdout
