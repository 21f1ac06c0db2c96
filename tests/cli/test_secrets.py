"""Secrets kept out of the process list: `--hashed-user-id-file` and `hash-user-id
--api-key-file` (a path, or `-` for stdin), the environment, the help that steers away from the
argv options, conflicts, and messages that never show a secret."""

import hashlib
import hmac
import os

import pytest

from conftest import IDENTITY_VARIABLES

GREETING = "Hello, Ada!"
RUN = ("run", "hello-world", "--input", "name=Ada")
# The identity comes from options and files only, unless a test sets a variable itself.
IDENTITY = ("--user-id", os.environ.get("AIROPS_USER_ID", ""),
            "--workspace-id", os.environ.get("AIROPS_WORKSPACE_ID", ""))


def hashed_id():
    return os.environ["AIROPS_HASHED_USER_ID"]


def write(tmp_path, text, name="secret"):
    path = tmp_path / name
    path.write_text(text, newline="")
    return str(path)


@pytest.mark.parametrize("ending", ["", "\n", "\r\n"])
def test_hashed_id_from_a_file_without_one_trailing_newline(cli, tmp_path, ending):
    path = write(tmp_path, hashed_id() + ending)
    result = cli.run(*RUN, *IDENTITY, "--hashed-user-id-file", path, unset=IDENTITY_VARIABLES)
    assert result.returncode == 0, result.stderr
    assert GREETING in result.stdout


def test_hashed_id_from_stdin(cli):
    result = cli.run(*RUN, *IDENTITY, "--hashed-user-id-file", "-", stdin=hashed_id() + "\n",
                     unset=IDENTITY_VARIABLES)
    assert result.returncode == 0, result.stderr
    assert GREETING in result.stdout


def test_hashed_id_from_the_environment(cli):
    result = cli.run(*RUN, *IDENTITY, unset=IDENTITY_VARIABLES, AIROPS_HASHED_USER_ID=hashed_id())
    assert result.returncode == 0, result.stderr
    assert GREETING in result.stdout


def test_the_file_overrides_the_environment(cli, tmp_path):
    path = write(tmp_path, hashed_id())
    result = cli.run(*RUN, *IDENTITY, "--hashed-user-id-file", path, unset=IDENTITY_VARIABLES,
                     AIROPS_HASHED_USER_ID="0" * 64)
    assert result.returncode == 0, result.stderr


def test_a_wrong_hashed_id_from_a_file_is_refused_without_showing_it(cli, tmp_path):
    wrong = "ab" * 32
    result = cli.run(*RUN, *IDENTITY, "--hashed-user-id-file", write(tmp_path, wrong),
                     unset=IDENTITY_VARIABLES)
    assert result.returncode == 3
    assert wrong not in result.stderr + result.stdout


def test_only_one_trailing_newline_is_stripped(cli, tmp_path):
    # The second newline stays part of the value, which the client refuses as a header value.
    path = write(tmp_path, hashed_id() + "\n\n")
    result = cli.run(*RUN, *IDENTITY, "--hashed-user-id-file", path, unset=IDENTITY_VARIABLES)
    assert result.returncode != 0
    assert "control characters" in result.stderr
    assert hashed_id() not in result.stderr


def test_api_key_from_a_file_and_from_stdin(cli, tmp_path):
    key = "file key ✓"
    expected = hmac.new(key.encode(), b"user-1", hashlib.sha256).hexdigest() + "\n"
    from_file = cli.run("hash-user-id", "--api-key-file", write(tmp_path, key + "\n"), "user-1",
                        unset=["AIROPS_API_KEY"])
    assert (from_file.returncode, from_file.stdout) == (0, expected), from_file.stderr
    from_stdin = cli.run("hash-user-id", "--api-key-file", "-", "user-1", stdin=key,
                         unset=["AIROPS_API_KEY"])
    assert (from_stdin.returncode, from_stdin.stdout) == (0, expected), from_stdin.stderr
    # The file wins over the environment.
    overriding = cli.run("hash-user-id", "--api-key-file", write(tmp_path, key), "user-1",
                         AIROPS_API_KEY="other key")
    assert overriding.stdout == expected


@pytest.mark.parametrize("args, option", [
    (("hash-user-id",), "--api-key"),
    (("run",), "--hashed-user-id"),
    (("chat",), "--hashed-user-id"),
    (("result",), "--hashed-user-id"),
])
def test_help_says_the_option_is_visible_and_names_the_alternatives(cli, args, option):
    environment = {"--api-key": "$AIROPS_API_KEY", "--hashed-user-id": "$AIROPS_HASHED_USER_ID"}
    result = cli.run(*args, "--help")
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    # The option's entry in the list (the last mention: the usage line comes first) runs to
    # the entry of its -file twin.
    start = text.rindex(f"{option} <")
    twin = text.index(f"{option}-file <path>", start)
    entry = text[start:twin]
    assert "process list" in entry
    assert f"{option}-file" in entry and environment[option] in entry
    assert "'-' for stdin" in text[twin:twin + 200]


def test_top_level_help_documents_the_variables_and_files(cli):
    text = " ".join(cli.run("--help").stdout.split())
    for name in ("AIROPS_HASHED_USER_ID", "AIROPS_API_KEY", "--hashed-user-id-file", "--api-key-file",
                 "process list"):
        assert name in text


@pytest.mark.parametrize("args", [
    ("hash-user-id", "--api-key", "argv-secret-1", "--api-key-file", "FILE", "user-1"),
    (*RUN, "--hashed-user-id", "argv-secret-1", "--hashed-user-id-file", "FILE"),
])
def test_value_and_file_together_are_refused(cli, tmp_path, args):
    path = write(tmp_path, "file-secret-2")
    result = cli.run(*(path if arg == "FILE" else arg for arg in args))
    assert result.returncode == 2
    assert "use one of" in result.stderr
    assert "argv-secret-1" not in result.stderr and "file-secret-2" not in result.stderr


@pytest.mark.parametrize("args", [
    ("hash-user-id", "--api-key-file", "PATH", "user-1"),
    (*RUN, *IDENTITY, "--hashed-user-id-file", "PATH"),
])
def test_missing_empty_and_unreadable_files_are_clear_errors(cli, tmp_path, args):
    def run(path):
        return cli.run(*(path if arg == "PATH" else arg for arg in args), unset=IDENTITY_VARIABLES)

    missing = str(tmp_path / "no-such-file")
    result = run(missing)
    assert result.returncode == 2
    assert "cannot read --" in result.stderr and missing in result.stderr
    assert "No such file or directory" in result.stderr

    empty = run(write(tmp_path, "\n", name="empty"))
    assert empty.returncode == 2 and "is empty" in empty.stderr

    directory = run(str(tmp_path))
    assert directory.returncode == 2 and "Is a directory" in directory.stderr

    beneath_a_file = run(str(tmp_path / "empty" / "secret"))
    assert beneath_a_file.returncode == 2 and "Not a directory" in beneath_a_file.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files of mode 000")
def test_a_file_without_read_permission_is_a_clear_error(cli, tmp_path):
    path = write(tmp_path, "unreadable-secret")
    os.chmod(path, 0)
    result = cli.run("hash-user-id", "--api-key-file", path, "user-1")
    assert result.returncode == 2
    assert f"cannot read --api-key-file {path}: Permission denied" in result.stderr


def test_stdin_has_one_reader(cli):
    both = cli.run(*RUN, *IDENTITY, "--inputs-json", "-", "--hashed-user-id-file", "-",
                   stdin='{"name": "Ada"}')
    assert both.returncode == 2 and "cannot both read stdin" in both.stderr
    chat = cli.run("chat", "demo-agent", "--hashed-user-id-file", "-", stdin=hashed_id())
    assert chat.returncode == 2 and "--message" in chat.stderr


def test_one_shot_chat_with_the_hashed_id_on_stdin(cli):
    result = cli.run("chat", "demo-agent", *IDENTITY, "--message", "Hello", "--hashed-user-id-file", "-",
                     stdin=hashed_id() + "\n", unset=IDENTITY_VARIABLES)
    assert result.returncode == 0, result.stderr
    assert "You said: Hello" in result.stdout
