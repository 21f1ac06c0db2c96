"""`--proxy`, `--no-proxy`, `--follow-redirects`, `--allow-insecure-http` and the proxy
variables, against the test proxies and the witness of `with_dev_server.py --net-tools`."""

import json
import os

import pytest

from net_client import PROXY_VARIABLES, authority, dev_stat, tunnelled, without_credentials

HELLO = "Hello, Ada! Welcome to AirOps.\n"
EXECUTE_PATH = "/sdk_api/airops_apps/hello-world/async_execute"
HOST = os.environ.get("AIROPS_HOST", "")


def run_hello(cli, *options, **env):
    """`airops run hello-world` with no proxy variable but those in `env`."""
    return cli.run("run", "hello-world", "--input", "name=Ada", *options, unset=PROXY_VARIABLES, **env)


def test_help_lists_the_network_options(cli):
    result = cli.run("run", "--help")
    assert result.returncode == 0
    for option in ("--proxy", "--no-proxy", "--follow-redirects", "--allow-insecure-http"):
        assert option in result.stdout
    assert "NO_PROXY" in cli.run("--help").stdout


def test_run_goes_through_a_tunnel_of_the_proxy(cli, net):
    log = net.log(net.proxy)
    result = run_hello(cli, "--proxy", net.proxy)
    assert (result.returncode, result.stdout) == (0, HELLO), result.stderr
    seen = log.since()
    assert seen["forwards"] == [] and {"target": authority(HOST), "status": 200} in seen["connects"]


def test_a_streamed_run_goes_through_the_proxy(cli, net):
    log = net.log(net.proxy)
    result = run_hello(cli, "--stream", "--proxy", net.proxy)
    assert (result.returncode, result.stdout) == (0, HELLO), result.stderr
    realtime = os.environ["AIROPS_REALTIME_URL"]
    seen = log.since()
    assert seen["forwards"] == [] and len(seen["connects"]) >= 2  # the WebSocket and the API
    assert all(connect == {"target": authority(realtime), "status": 200} for connect in seen["connects"])


def test_the_proxy_variables_and_no_proxy(cli, net):
    log = net.log(net.proxy)
    assert run_hello(cli, HTTP_PROXY=net.proxy).returncode == 0
    assert tunnelled(log.since(), HOST)
    log = net.log(net.proxy)
    assert run_hello(cli, "--stream", HTTP_PROXY=net.proxy, NO_PROXY="127.0.0.1").returncode == 0
    assert run_hello(cli, "--stream", "--no-proxy", "127.0.0.0/8", HTTP_PROXY=net.proxy).returncode == 0
    assert run_hello(cli, "--proxy", "", HTTP_PROXY=net.proxy).returncode == 0
    assert log.since() == {"connects": [], "forwards": [], "auth_failures": 0}


def test_the_auth_proxy_with_and_without_credentials(cli, net):
    log = net.log(net.proxy_auth)
    result = run_hello(cli, "--stream", "--proxy", net.proxy_auth)
    assert (result.returncode, result.stdout) == (0, HELLO), result.stderr
    assert log.since()["auth_failures"] == 0
    for proxy in (without_credentials(net.proxy_auth), net.proxy_auth.replace("s3cret", "wrong-password")):
        result = run_hello(cli, "--proxy", proxy, "--stream")
        assert result.returncode == 6, result.stderr
        assert authority(proxy) in result.stderr and "407" in result.stderr
        assert "wrong-password" not in result.stderr


def test_a_refusing_proxy_exits_6_naming_it(cli, net):
    created = dev_stat(HOST, "executions_created")
    result = run_hello(cli, "--stream", "--proxy", net.proxy_refusing)
    assert result.returncode == 6, result.stderr
    assert result.stderr.startswith("airops: ") and authority(net.proxy_refusing) in result.stderr
    assert "refused the tunnel" in result.stderr
    assert dev_stat(HOST, "executions_created") == created


def test_a_malformed_proxy_is_a_usage_error_that_hides_the_credentials(cli):
    result = run_hello(cli, "--proxy", "socks5://tester:s3cret@127.0.0.1:1080")
    assert result.returncode == 2
    assert "s3cret" not in result.stderr


@pytest.mark.parametrize("status", [307, 302])
def test_a_redirect_fails_and_the_other_origin_sees_nothing(cli, net, faults, status):
    path = net.witness_path()
    faults.redirect("async_execute", status, net.witness + path)
    result = run_hello(cli, "--follow-redirects", "same-origin")
    assert result.returncode == 7, result.stderr
    assert str(status) in result.stderr
    assert net.witnessed(path) == []
    assert os.environ["AIROPS_HASHED_USER_ID"] not in json.dumps(net.witnessed())


def test_same_origin_redirects_are_followed_only_when_asked(cli, faults):
    faults.redirect("async_execute", 307, HOST + EXECUTE_PATH, count=1)
    assert run_hello(cli).returncode == 7
    faults.redirect("async_execute", 307, HOST + EXECUTE_PATH, count=1)
    result = run_hello(cli, "--follow-redirects", "same-origin")
    assert (result.returncode, result.stdout) == (0, HELLO), result.stderr


def test_an_unknown_redirect_policy_is_a_usage_error(cli):
    assert run_hello(cli, "--follow-redirects", "always").returncode == 2


def test_plain_http_to_a_remote_host_needs_the_opt_in(cli, net):
    log = net.log(net.proxy)
    refused = run_hello(cli, "--host", "http://example.com", "--proxy", net.proxy)
    assert refused.returncode == 2, refused.stderr
    assert "https://" in refused.stderr
    assert log.since() == {"connects": [], "forwards": [], "auth_failures": 0}
    allowed = run_hello(cli, "--host", "http://example.invalid", "--allow-insecure-http")
    assert allowed.returncode == 6, allowed.stderr


def test_localhost_needs_no_opt_in(cli):
    result = run_hello(cli, "--host", HOST.replace("127.0.0.1", "localhost"))
    assert (result.returncode, result.stdout) == (0, HELLO), result.stderr
