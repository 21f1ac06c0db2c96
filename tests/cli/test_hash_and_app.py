"""`airops hash-user-id` and `airops app get`."""

import hashlib
import hmac
import json
import os


def expected(key: str, user_id: str) -> str:
    return hmac.new(key.encode(), user_id.encode(), hashlib.sha256).hexdigest()


def test_hash_user_id_is_the_hmac(cli):
    for user_id in ("demo-user", "user@example.com", "Zoë ✓"):
        result = cli.run("hash-user-id", "--api-key", "secret key", user_id)
        assert (result.returncode, result.stdout) == (0, expected("secret key", user_id) + "\n")


def test_hash_user_id_reads_the_key_from_the_environment(cli):
    result = cli.run("hash-user-id", "demo-user")
    assert result.stdout.strip() == expected(os.environ["AIROPS_API_KEY"], "demo-user")
    assert result.stdout.strip() == os.environ["AIROPS_HASHED_USER_ID"]


def test_hash_user_id_without_a_key_exits_2(cli):
    result = cli.run("hash-user-id", "demo-user", unset=["AIROPS_API_KEY"])
    assert result.returncode == 2
    assert "AIROPS_API_KEY" in result.stderr


def test_app_get_prints_the_app_as_json(cli):
    for args in (["app", "get", "hello-world"], ["app", "get", "hello-world", "--json"]):
        result = cli.run(*args)
        assert result.returncode == 0, result.stderr
        app = json.loads(result.stdout)
        assert (app["uuid"], app["public"]) == ("hello-world", False)
    assert json.loads(cli.run("app", "get", "public-echo").stdout)["public"] is True


def test_app_get_unknown_app_exits_4(cli):
    assert cli.run("app", "get", "no-such-app").returncode == 4
