"""Agent chat: sessions, turns, every event kind, argument checks."""

from __future__ import annotations

import uuid

import pytest

import airops
from conftest import Server

Kind = airops.EventKind


def reply(turn: int, message: str, previous: str | None) -> str:
    """What the dev server's demo-agent answers to message `turn` of a session."""
    tail = " This is a new session." if previous is None else f" Before that you said: {previous}."
    return f"Turn {turn}. You said: {message}.{tail}"


def chat(client: airops.AirOps, message: str, session_id: str | None = None,
         app: str = "demo-agent") -> tuple[airops.Execution, list[airops.Event]]:
    """One turn: the execution (closed) and its events, checked for the stream's shape."""
    seen: list[airops.Event] = []
    with client.apps.chat_stream(app, message, session_id=session_id,
                                 on_event=seen.append) as execution:
        events = list(execution.events(timeout=10))
        result = execution.result(timeout=10)
    assert events == seen
    assert result.succeeded
    assert [event.kind for event in events].count(Kind.COMPLETED) == 1
    assert events[-1].kind is Kind.COMPLETED
    assert all(event.execution_id == execution.id for event in events)
    return execution, events


def check_reply(events: list[airops.Event], expected: str) -> None:
    responses = [event for event in events if event.kind is Kind.AGENT_RESPONSE]
    assert "".join(event.token or "" for event in responses) == expected
    assert [event.stream_finished for event in responses] == [False] * (len(responses) - 1) + [True]
    assert responses[-1].result == expected
    assert all(event.result is None for event in responses[:-1])
    assert events[-1].result == expected and events[-1].content is None
    assert events[-1].data == {"result": expected}


def test_three_turns_in_one_session_then_a_new_one(stream_client: airops.AirOps) -> None:
    messages = ["hello", "how are you", "goodbye"]
    session_id: str | None = None
    previous: str | None = None
    for turn, message in enumerate(messages, start=1):
        execution, events = chat(stream_client, message, session_id)
        assert execution.session_id is not None
        if session_id is None:
            session_id = execution.session_id
            assert str(uuid.UUID(session_id)) == session_id
        assert execution.session_id == session_id
        check_reply(events, reply(turn, message, previous))
        recall = [event for event in events if event.tool == "recall_session"]
        assert len(recall) == 1 and recall[0].kind is Kind.AGENT_ACTION
        assert recall[0].tool_input == {"turns_so_far": turn - 1}
        previous = message

    execution, events = chat(stream_client, "hello again")
    assert execution.session_id and execution.session_id != session_id
    check_reply(events, reply(1, "hello again", None))


def test_a_chosen_session_id_is_kept(stream_client: airops.AirOps) -> None:
    chosen = str(uuid.uuid4())
    execution, events = chat(stream_client, "first", chosen)
    assert execution.session_id == chosen
    check_reply(events, reply(1, "first", None))
    execution, events = chat(stream_client, "second", chosen)
    check_reply(events, reply(2, "second", "first"))


def test_every_chat_event_kind(stream_client: airops.AirOps) -> None:
    _, events = chat(stream_client, "what is the weather, or will it fail")
    kinds = {event.kind for event in events}
    assert kinds == {Kind.AGENT_ACTION, Kind.AGENT_ACTION_ERROR, Kind.AGENT_RESPONSE,
                     Kind.COMPLETED}
    actions = {event.tool: event for event in events if event.kind is Kind.AGENT_ACTION}
    assert actions["get_weather"].tool_input == {"city": "Paris"}
    assert actions["get_weather"].action == "agent-action"
    assert actions["get_weather"].data["tool_input"] == {"city": "Paris"}
    failures = [event for event in events if event.kind is Kind.AGENT_ACTION_ERROR]
    assert len(failures) == 1
    failure = failures[0]
    assert failure.tool == "flaky_tool" and failure.tool_error == "flaky_tool is unavailable"
    assert failure.action == "agent-action-error" and failure.tool_input is None
    response = next(event for event in events if event.kind is Kind.AGENT_RESPONSE)
    assert response.action == "agent-response" and response.tool is None


def test_action_names_mirror_the_javascript_sdk() -> None:
    assert [kind.action for kind in Kind] == ["chunk", "completed", "agent-response",
                                              "agent-action", "agent-action-error"]
    assert [int(kind) for kind in Kind] == [1, 2, 3, 4, 5]


def test_chat_with_public_agent_and_public_client(realtime: Server) -> None:
    with airops.AirOps(host=realtime.host, realtime_url=realtime.realtime_url,
                       pusher_key=realtime.pusher_key, load_environment=False) as client:
        execution, events = chat(client, "hi", app="public-agent")
    check_reply(events, reply(1, "hi", None))


def test_chat_with_inputs(stream_client: airops.AirOps) -> None:
    with stream_client.apps.chat_stream("demo-agent", "hi", inputs={"topic": "x"}) as execution:
        assert list(execution)[-1].result == reply(1, "hi", None)


@pytest.mark.parametrize("message", ["", "bad\0message"])
def test_bad_message_is_rejected(stream_client: airops.AirOps, message: str) -> None:
    with pytest.raises(airops.InvalidArgumentError):
        stream_client.apps.chat_stream("demo-agent", message)


def test_bad_chat_arguments_are_rejected(stream_client: airops.AirOps) -> None:
    with pytest.raises(airops.InvalidArgumentError):
        stream_client.apps.chat_stream("", "hi")
    with pytest.raises(airops.InvalidArgumentError):
        stream_client.apps.chat_stream("demo-agent", "hi", session_id="")
    with pytest.raises(airops.InvalidArgumentError):
        stream_client.apps.chat_stream("demo-agent", "hi", inputs=["x"])  # type: ignore[arg-type]
    with pytest.raises(airops.InvalidArgumentError):  # NULL for the library
        stream_client.apps.chat_stream("demo-agent", None)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        stream_client.apps.chat_stream("demo-agent", 42)  # type: ignore[arg-type]
    with pytest.raises(airops.NotFoundError):
        stream_client.apps.chat_stream("no-such-agent", "hi")
