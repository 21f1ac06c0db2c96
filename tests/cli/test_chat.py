"""`airops chat`: one-shot turns, sessions across turns and invocations, tool actions, and an
interactive session through a pseudo-terminal."""

import re

import pexpect

from conftest import TIMEOUT_S

SESSION = re.compile(r"^session ([0-9a-f-]{36})$", re.MULTILINE)


def first_reply(message):
    return f"Turn 1. You said: {message}. This is a new session."


def test_one_shot_turn_prints_the_reply_and_the_session(cli):
    result = cli.run("chat", "demo-agent", "--message", "Hello")
    assert result.returncode == 0, result.stderr
    assert result.stdout == first_reply("Hello") + "\n"
    assert SESSION.search(result.stderr)
    assert '[tool recall_session] {"turns_so_far":0}' in result.stderr


def test_tool_actions_and_failures_show_on_stderr(cli):
    result = cli.run("chat", "demo-agent", "--message", "weather or fail")
    assert result.returncode == 0, result.stderr
    assert '[tool get_weather] {"city":"Paris"}' in result.stderr
    assert "[tool flaky_tool failed] flaky_tool is unavailable" in result.stderr
    assert "[tool" not in result.stdout


def test_session_continues_across_invocations(cli):
    first = cli.run("chat", "demo-agent", "--message", "I am Ada")
    session = SESSION.search(first.stderr).group(1)
    second = cli.run("chat", "demo-agent", "--session", session, "--message", "Who am I")
    assert second.returncode == 0, second.stderr
    assert second.stdout == "Turn 2. You said: Who am I. Before that you said: I am Ada.\n"
    assert f"session {session}" in second.stderr


def test_piped_turns_share_a_session_and_end_at_exit(cli):
    result = cli.run("chat", "demo-agent", stdin="First\n\nSecond\n/exit\nNever sent\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        first_reply("First"),
        "Turn 2. You said: Second. Before that you said: First.",
    ]
    assert "> " not in result.stderr  # no prompt when stdin is not a terminal


def test_unknown_agent_exits_4(cli):
    assert cli.run("chat", "no-such-agent", "--message", "Hi").returncode == 4


def test_interactive_chat_in_a_terminal(cli):
    child = pexpect.spawn(cli.path, ["chat", "demo-agent"], env=cli.env(), encoding="utf-8", timeout=TIMEOUT_S)
    try:
        child.expect(r"session [0-9a-f-]{36}")
        child.expect_exact("> ")
        child.sendline("My name is Ada")
        child.expect_exact("[tool recall_session]")
        child.expect_exact(first_reply("My name is Ada"))
        child.expect_exact("> ")
        child.sendline("What is my name")
        child.expect_exact("Turn 2. You said: What is my name. Before that you said: My name is Ada.")
        child.expect_exact("> ")
        child.sendline("/exit")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0


def test_interactive_chat_ends_at_end_of_input(cli):
    child = pexpect.spawn(cli.path, ["chat", "demo-agent"], env=cli.env(), encoding="utf-8", timeout=TIMEOUT_S)
    try:
        child.expect_exact("> ")
        child.sendeof()
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0


def test_spinner_shows_elapsed_seconds_in_a_terminal(cli):
    child = pexpect.spawn(cli.path, ["run", "slow-echo", "--input", "text=done"], env=cli.env(),
                          encoding="utf-8", timeout=TIMEOUT_S)
    try:
        child.expect(r"running \d+\.\ds")
        child.expect_exact("done")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0
