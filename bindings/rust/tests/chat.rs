//! S12 and S13: chat sessions with the dev server's demo agent and its four event kinds.

mod common;

use airops::{Event, EventKind, State};
use common::{client, drain, PATIENCE};

fn tools(events: &[Event]) -> Vec<&str> {
    events
        .iter()
        .filter_map(|event| match &event.kind {
            EventKind::AgentAction { tool, .. } => Some(tool.as_str()),
            _ => None,
        })
        .collect()
}

/// The reply as the agent-response tokens spell it, checking that the last one finishes
/// the stream with the whole reply, which the completed event repeats.
fn reply(events: &[Event]) -> String {
    let responses: Vec<_> = events
        .iter()
        .filter_map(|event| match &event.kind {
            EventKind::AgentResponse {
                token,
                stream_finished,
                result,
            } => Some((token, *stream_finished, result)),
            _ => None,
        })
        .collect();
    assert!(!responses.is_empty(), "agent-response tokens in {:?}", events);
    let tokens: String = responses.iter().map(|(token, _, _)| token.as_str()).collect();
    let (_, finished, result) = responses.last().unwrap();
    assert!(*finished, "the last token finishes the stream");
    assert!(responses[..responses.len() - 1]
        .iter()
        .all(|(_, finished, _)| !finished));
    assert_eq!(result.as_deref(), Some(tokens.as_str()));
    match &events.last().unwrap().kind {
        EventKind::Completed {
            result: Some(result),
            content: None,
            ..
        } => assert_eq!(result, &tokens),
        other => panic!("a chat ends with completed and its result, not {:?}", other),
    }
    tokens
}

#[test]
fn s12_chat_two_turns_in_one_session() {
    let client = client();
    let (first, mut events) = client.chat("demo-agent", "Hello, my name is Ada").events().unwrap();
    let turn1 = drain(&mut events);
    assert_eq!(tools(&turn1), ["recall_session"]);
    let reply1 = reply(&turn1);
    assert!(reply1.contains("You said: Hello, my name is Ada"), "{}", reply1);
    let session = first.session_id().expect("a chat has a session").to_owned();
    assert_eq!(first.wait_timeout(PATIENCE).unwrap().state(), State::Success);

    let (second, mut events) = client
        .chat("demo-agent", "What is the weather like?")
        .session(&session)
        .events()
        .unwrap();
    let turn2 = drain(&mut events);
    assert!(tools(&turn2).contains(&"get_weather"), "{:?}", turn2);
    let reply2 = reply(&turn2);
    assert!(
        reply2.contains("Before that you said: Hello, my name is Ada"),
        "{}",
        reply2
    );
    assert_eq!(second.session_id(), Some(session.as_str()));
    let action = turn2.iter().find_map(|event| match &event.kind {
        EventKind::AgentAction { tool, tool_input_json } if tool == "get_weather" => Some(tool_input_json.clone()),
        _ => None,
    });
    assert!(action.unwrap().contains("Paris"));
}

#[test]
fn s13_chat_tool_error() {
    let client = client();
    let (_execution, mut events) = client.chat("demo-agent", "please fail now").events().unwrap();
    let events = drain(&mut events);
    let errors: Vec<_> = events
        .iter()
        .filter_map(|event| match &event.kind {
            EventKind::AgentActionError { tool, tool_error } => Some((tool.as_str(), tool_error.as_str())),
            _ => None,
        })
        .collect();
    assert_eq!(errors, [("flaky_tool", "flaky_tool is unavailable")], "{:#?}", events);
}

#[test]
fn chat_without_handler_is_waited_for() {
    let client = client();
    let execution = client.chat("demo-agent", "Hi").start().unwrap();
    assert!(execution.session_id().is_some());
    assert_eq!(execution.wait_timeout(PATIENCE).unwrap().state(), State::Success);
}
