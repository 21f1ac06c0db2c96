//! S04, S05, S18: failures as `airops::Error`s carrying the code, HTTP status and message.

mod common;

use std::time::Duration;

use airops::{hash_user_id, Client, Code, Error};
use common::{client, public_builder, var};

fn assert_invalid(outcome: Result<impl std::fmt::Debug, Error>, what: &str) {
    let error = outcome.expect_err(what);
    assert_eq!(error.code(), Code::InvalidArgument, "{}: {}", what, error);
    assert_eq!(error.http_status(), None, "{}", what);
    assert!(!error.message().is_empty(), "{}", what);
}

#[test]
fn s04_wrong_hashed_user_id_is_unauthorized() {
    let wrong = hash_user_id("not-the-api-key", var("AIROPS_USER_ID")).unwrap();
    let client = public_builder()
        .identity(&var("AIROPS_USER_ID"), &var("AIROPS_WORKSPACE_ID"), &wrong)
        .build()
        .unwrap();
    let error = client
        .execute("hello-world")
        .inputs(r#"{"name": "Ada"}"#)
        .start()
        .unwrap_err();
    assert_eq!(error.code(), Code::Unauthorized);
    assert_eq!(error.http_status(), Some(401));
    assert_eq!(
        error.message(),
        "Invalid user_id_hashed: it is not the HMAC-SHA256 of user_id with the workspace API key"
    );
    let shown = error.to_string();
    assert!(
        shown.contains("AIROPS_ERR_UNAUTHORIZED") && shown.contains("401"),
        "{}",
        shown
    );
    let source: &dyn std::error::Error = &error;
    assert!(source.source().is_none());
}

#[test]
fn s05_unknown_app_is_not_found() {
    let error = client().execute("no-such-app").start().unwrap_err();
    assert_eq!(
        (error.code(), error.http_status()),
        (Code::NotFound, Some(404)),
        "{}",
        error
    );
    assert_eq!(error.message(), "App not found");
    let error = client().get_app("no-such-app").unwrap_err();
    assert_eq!(error.code(), Code::NotFound);
}

#[test]
fn s18_invalid_json_inputs() {
    let client = client();
    for inputs in ["{not json", "[1, 2]", "\"text\"", ""] {
        assert_invalid(client.execute("hello-world").inputs(inputs).start(), inputs);
        assert_invalid(client.execute("hello-world").inputs(inputs).events(), inputs);
        assert_invalid(client.execute("hello-world").inputs(inputs).start_async(), inputs);
        assert_invalid(client.chat("demo-agent", "hi").inputs(inputs).start(), inputs);
        assert_invalid(
            client.chat("demo-agent", "hi").inputs(inputs).stream_async(|_| {}),
            inputs,
        );
    }
}

#[test]
fn s18_empty_ids_and_messages() {
    let client = client();
    assert_invalid(client.execute("").start(), "empty app id");
    assert_invalid(client.execute("").stream(|_| {}), "empty app id, streamed");
    assert_invalid(client.get_app(""), "empty app id, get");
    assert_invalid(client.open_execution(""), "empty execution id");
    assert_invalid(client.chat("", "hi").start(), "empty agent id");
    assert_invalid(client.chat("demo-agent", "").start(), "empty message");
    assert_invalid(client.chat("demo-agent", "hi").session("").start(), "empty session id");
    // The async calls report empty strings in their completion.
    let pending = client.chat("demo-agent", "").start_async().unwrap();
    assert_invalid(
        pending.wait_timeout(common::PATIENCE).expect("completes"),
        "empty message, async",
    );
    let pending = client.execute("").stream_async(|_| {}).unwrap();
    assert_invalid(
        pending.wait_timeout(common::PATIENCE).expect("completes"),
        "empty app id, async",
    );
}

#[test]
fn s18_nul_bytes_and_bad_versions() {
    let client = client();
    assert_invalid(client.execute("hello\0world").start(), "NUL in app id");
    assert_invalid(
        client.execute("hello-world").inputs("{\"name\": \"A\0\"}").start(),
        "NUL in inputs",
    );
    assert_invalid(
        client.execute("hello-world").version(u32::MAX).start(),
        "version out of range",
    );
    assert_invalid(
        client.execute("hello-world").version(u32::MAX).start_async(),
        "version out of range, async",
    );
    assert_invalid(hash_user_id("key\0", "user"), "NUL in api key");
}

#[test]
fn s18_closed_handles() {
    let mut client = client();
    let mut execution = client
        .execute("hello-world")
        .inputs(r#"{"name": "Ada"}"#)
        .start()
        .unwrap();
    execution.wait().unwrap();
    execution.close();
    execution.close();
    assert!(execution.is_closed());
    assert_eq!(execution.id(), "");
    assert_eq!(execution.session_id(), None);
    assert_invalid(execution.fetch(), "fetch on a closed execution");
    assert_invalid(execution.wait(), "wait on a closed execution");
    assert_invalid(
        execution.wait_timeout(Duration::from_secs(1)),
        "wait_timeout on a closed execution",
    );
    assert_invalid(execution.cancel(), "cancel on a closed execution");
    assert_invalid(execution.fetch_async(), "fetch_async on a closed execution");
    assert_invalid(execution.wait_async(None), "wait_async on a closed execution");
    assert_invalid(execution.cancel_async(), "cancel_async on a closed execution");

    client.close();
    client.close();
    assert!(client.is_closed());
    assert_eq!(client.event_fd(), None);
    assert_invalid(client.execute("hello-world").start(), "execute on a closed client");
    assert_invalid(client.chat("demo-agent", "hi").events(), "chat on a closed client");
    assert_invalid(client.get_app("hello-world"), "get_app on a closed client");
    assert_invalid(client.open_execution("x"), "open on a closed client");
    assert_invalid(client.dispatch(0), "dispatch on a closed client");
}

#[test]
fn s18_queued_calls_on_a_direct_client() {
    let client = client();
    assert_eq!(client.event_fd(), None);
    assert_invalid(client.dispatch(0), "dispatch in direct delivery");
    assert_invalid(
        client.wait_for_events(Some(Duration::from_millis(10))),
        "wait_for_events in direct delivery",
    );
}

#[test]
fn s18_unreachable_host_is_a_network_error() {
    // Port 9 (discard) on loopback: nothing listens there in the test environment.
    let client = Client::builder()
        .host("http://127.0.0.1:9")
        .max_retries(0)
        .build()
        .unwrap();
    let error = client.get_app("hello-world").unwrap_err();
    assert_eq!(error.code(), Code::Network, "{}", error);
}

#[test]
fn code_names_of_the_library() {
    assert_eq!(Code::Forked.name(), "AIROPS_ERR_FORKED");
    assert_eq!(Code::Cancelled.name(), "AIROPS_ERR_CANCELLED");
    assert_eq!(Code::Unknown(99).name(), "AIROPS_ERR_UNKNOWN");
    assert_eq!((Code::Forked.raw(), Code::Cancelled.raw()), (12, 13));
}
