"""`airops run`: output text, versions, inputs, --json, --stream, --no-wait, identities."""

import json
import re
import subprocess
import threading
import time

from conftest import IDENTITY_VARIABLES, TIMEOUT_S

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def test_prints_the_output_and_a_newline(cli):
    result = cli.run("run", "hello-world", "--input", "name=Ada")
    assert (result.returncode, result.stdout, result.stderr) == (0, "Hello, Ada! Welcome to AirOps.\n", "")


def test_runs_the_given_version(cli):
    result = cli.run("run", "hello-world", "--input", "name=Ada", "--version", "1")
    assert (result.returncode, result.stdout) == (0, "Hello, Ada!\n")


def test_json_prints_the_final_record(cli):
    result = cli.run("run", "hello-world", "--input", "name=Ada", "--json")
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["status"] == "success"
    assert record["output"] == "Hello, Ada! Welcome to AirOps."
    assert UUID.match(record["uuid"])
    assert record["inputs"] == {"name": "Ada"}
    assert record["error_code"] is None


def test_input_values_are_strings(cli):
    result = cli.run("run", "public-echo", "--input", "text=42", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["inputs"] == {"text": "42"}


def test_inputs_json_from_a_file_with_input_overriding_it(cli, tmp_path):
    inputs = tmp_path / "inputs.json"
    inputs.write_text(json.dumps({"name": "Grace", "text": 7}))
    assert cli.run("run", "hello-world", "--inputs-json", str(inputs)).stdout == "Hello, Grace! Welcome to AirOps.\n"
    result = cli.run("run", "hello-world", "--inputs-json", str(inputs), "--input", "name=Ada", "--json")
    assert json.loads(result.stdout)["inputs"] == {"name": "Ada", "text": 7}


def test_inputs_json_from_stdin(cli):
    result = cli.run("run", "hello-world", "--inputs-json", "-", stdin='{"name": "Linus"}\n')
    assert (result.returncode, result.stdout) == (0, "Hello, Linus! Welcome to AirOps.\n")


def test_stream_prints_chunks_as_they_arrive(cli):
    # slow-echo spreads its output over 3 s: the first chunk must come long before the end.
    text = "one two three four five six"
    started = time.monotonic()
    with subprocess.Popen([cli.path, "run", "slow-echo", "--input", f"text={text}", "--stream"],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                          env=cli.env()) as process:
        watchdog = threading.Timer(TIMEOUT_S, process.kill)
        watchdog.start()
        try:
            first = process.stdout.read1(1024)
            first_at = time.monotonic() - started
            rest, errors = process.communicate(timeout=TIMEOUT_S)
        finally:
            watchdog.cancel()
            process.kill()
    ended_at = time.monotonic() - started
    assert process.returncode == 0, errors
    assert (first + rest).decode() == text + "\n"
    assert len(first) < len(text)
    assert ended_at - first_at > 1.0, (first_at, ended_at)


def test_stream_with_json_prints_only_the_record(cli):
    result = cli.run("run", "hello-world", "--input", "name=Ada", "--stream", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["output"] == "Hello, Ada! Welcome to AirOps."


def test_no_wait_prints_the_execution_id(cli):
    result = cli.run("run", "hello-world", "--input", "name=Ada", "--no-wait")
    assert result.returncode == 0, result.stderr
    execution_id = result.stdout.strip()
    assert UUID.match(execution_id)
    assert cli.run("result", execution_id, "--wait", "--timeout", "10").stdout == "Hello, Ada! Welcome to AirOps.\n"


def test_without_identity_the_client_is_public(cli):
    public = cli.run("run", "public-echo", "--input", "text=hi", unset=IDENTITY_VARIABLES)
    assert (public.returncode, public.stdout) == (0, "You said: hi\n")
    private = cli.run("run", "hello-world", "--input", "name=Ada", unset=IDENTITY_VARIABLES)
    assert private.returncode == 3, private.stderr


def test_hashes_the_user_id_locally_from_the_api_key(cli):
    result = cli.run("run", "hello-world", "--input", "name=Ada", unset=["AIROPS_HASHED_USER_ID"])
    assert (result.returncode, result.stdout) == (0, "Hello, Ada! Welcome to AirOps.\n")


def test_options_override_the_environment(cli):
    result = cli.run("run", "hello-world", "--user-id", "someone-else")
    assert result.returncode == 3, result.stderr


def test_no_spinner_when_stderr_is_not_a_terminal(cli):
    result = cli.run("run", "slow-echo", "--input", "text=hi")
    assert (result.returncode, result.stdout, result.stderr) == (0, "hi\n", "")
