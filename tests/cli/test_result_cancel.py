"""`airops result` and `airops cancel`."""

import json


def start(cli, app, *inputs):
    result = cli.run("run", app, *[arg for name_value in inputs for arg in ("--input", name_value)], "--no-wait")
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_result_waits_and_prints_the_output(cli):
    execution_id = start(cli, "hello-world", "name=Ada")
    waited = cli.run("result", execution_id, "--wait", "--timeout", "10")
    assert (waited.returncode, waited.stdout) == (0, "Hello, Ada! Welcome to AirOps.\n")
    fetched = cli.run("result", execution_id, "--json")
    assert fetched.returncode == 0
    assert json.loads(fetched.stdout)["uuid"] == execution_id


def test_result_of_a_running_execution_without_wait_exits_5(cli):
    execution_id = start(cli, "slow-echo", "text=hi")
    result = cli.run("result", execution_id, "--json")
    assert result.returncode == 5
    assert json.loads(result.stdout)["status"] in ("pending", "running")
    assert "still" in result.stderr


def test_result_wait_timeout_exits_5(cli):
    execution_id = start(cli, "slow-echo", "text=hi")
    assert cli.run("result", execution_id, "--wait", "--timeout", "0.3").returncode == 5


def test_cancel_a_slow_run_then_result_shows_cancelled(cli):
    execution_id = start(cli, "slow-echo", "text=hi")
    cancelled = cli.run("cancel", execution_id)
    assert (cancelled.returncode, cancelled.stdout, cancelled.stderr) == (0, "", "")
    result = cli.run("result", execution_id, "--wait", "--timeout", "10", "--json")
    assert result.returncode == 1
    assert json.loads(result.stdout)["status"] == "cancelled"
    assert "cancelled" in result.stderr


def test_cancelling_a_finished_execution_fails(cli):
    execution_id = start(cli, "hello-world", "name=Ada")
    assert cli.run("result", execution_id, "--wait", "--timeout", "10").returncode == 0
    result = cli.run("cancel", execution_id)
    assert result.returncode == 7, result.stderr
    assert result.stderr.startswith("airops: ")


def test_unknown_execution_exits_4(cli):
    assert cli.run("result", "00000000-0000-0000-0000-000000000000").returncode == 4
    assert cli.run("cancel", "00000000-0000-0000-0000-000000000000").returncode == 4
