//! S02, S03, S06, S07, S08, S09, S14: executions, waited for by blocking calls.

mod common;

use std::time::Duration;

use airops::{Code, State};
use common::{client, public_builder, PATIENCE};

#[test]
fn s02_templated_output() {
    let client = client();
    let execution = client
        .execute("hello-world")
        .inputs(r#"{"name": "Ada"}"#)
        .start()
        .unwrap();
    let result = execution.wait_timeout(PATIENCE).unwrap();
    assert_eq!(result.state(), State::Success);
    assert_eq!(result.status(), "success");
    assert_eq!(result.output(), Some("Hello, Ada! Welcome to AirOps."));
    assert_eq!(result.execution_id(), execution.id());
    assert!(result.json().contains(execution.id()));
    assert_eq!(result.error_message(), None);
}

#[test]
fn s03_pinned_version() {
    let client = client();
    let execution = client
        .execute("hello-world")
        .inputs(r#"{"name": "Ada"}"#)
        .version(1)
        .start()
        .unwrap();
    assert_eq!(execution.wait().unwrap().output(), Some("Hello, Ada!"));
}

#[test]
fn s06_failing_app() {
    let client = client();
    let result = client
        .execute("always-fails")
        .start()
        .unwrap()
        .wait_timeout(PATIENCE)
        .unwrap();
    assert_eq!(result.state(), State::Error);
    assert_eq!(result.error_message(), Some("This demo app always fails."));
    assert_eq!(result.error_code(), Some("demo_failure"));
}

#[test]
fn s07_app_info() {
    let app = client().get_app("hello-world").unwrap();
    assert!(
        app.contains(r#""uuid":"hello-world""#) || app.contains(r#""uuid": "hello-world""#),
        "{}",
        app
    );
    let public = public_builder().build().unwrap();
    let app = public.get_app("public-echo").unwrap();
    assert!(app.contains("public-echo"), "{}", app);
}

#[test]
fn s08_get_by_id() {
    let client = client();
    let execution = client
        .execute("hello-world")
        .inputs(r#"{"name": "Bob"}"#)
        .start()
        .unwrap();
    let opened = client.open_execution(execution.id()).unwrap();
    assert_eq!(opened.id(), execution.id());
    let result = opened.wait_timeout(PATIENCE).unwrap();
    assert_eq!(result.execution_id(), execution.id());
    assert_eq!(result.output(), Some("Hello, Bob! Welcome to AirOps."));
    assert_eq!(execution.fetch().unwrap().output(), result.output());
}

#[test]
fn s08_unknown_id_is_not_found_on_first_request() {
    let client = client();
    let opened = client.open_execution("00000000-0000-0000-0000-000000000000").unwrap();
    let error = opened.fetch().unwrap_err();
    assert_eq!(
        (error.code(), error.http_status()),
        (Code::NotFound, Some(404)),
        "{}",
        error
    );
}

#[test]
fn s09_cancel_ends_cancelled() {
    let client = client();
    let execution = client
        .execute("slow-echo")
        .inputs(r#"{"text": "stop me"}"#)
        .start()
        .unwrap();
    execution.cancel().unwrap();
    assert_eq!(execution.wait_timeout(PATIENCE).unwrap().state(), State::Cancelled);
    // Cancelling again succeeds; cancelling a finished run is a bad request.
    execution.cancel().unwrap();
    let done = client
        .execute("hello-world")
        .inputs(r#"{"name": "Ada"}"#)
        .start()
        .unwrap();
    done.wait().unwrap();
    assert_eq!(done.cancel().unwrap_err().code(), Code::BadRequest);
}

#[test]
fn s14_wait_timeout_then_success() {
    let client = client();
    let execution = client
        .execute("slow-echo")
        .inputs(r#"{"text": "patience"}"#)
        .start()
        .unwrap();
    let error = execution.wait_timeout(Duration::from_millis(100)).unwrap_err();
    assert_eq!(error.code(), Code::Timeout, "{}", error);
    let result = execution.wait_timeout(PATIENCE).unwrap();
    assert_eq!((result.state(), result.output()), (State::Success, Some("patience")));
}

#[test]
fn fetch_while_running_has_no_output_yet() {
    let client = client();
    let execution = client
        .execute("slow-echo")
        .inputs(r#"{"text": "later"}"#)
        .start()
        .unwrap();
    let result = execution.fetch().unwrap();
    assert!(
        matches!(result.state(), State::Queued | State::Pending | State::Running),
        "{:?}",
        result
    );
    assert_eq!(result.output(), None);
    execution.cancel().unwrap();
}
