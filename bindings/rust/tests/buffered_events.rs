//! `ClientBuilder::max_buffered_events`: a small bound still streams a short execution;
//! counts outside 1..=10000000 are refused when the client is built.

mod common;

use std::sync::{mpsc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use airops::{Code, EventKind, State};
use common::{builder, collect_until_completed, completed_content, PATIENCE};

#[test]
fn max_buffered_events_bounds() {
    let client = builder().max_buffered_events(64).build().unwrap();
    let (sender, events) = mpsc::channel();
    let execution = client
        .execute("hello-world")
        .inputs(r#"{"name":"Ada"}"#)
        .stream(move |event| drop(sender.send(event)))
        .unwrap();
    let events = collect_until_completed(&events);
    assert_eq!(completed_content(&events), "Hello, Ada! Welcome to AirOps.");
    drop(execution);
    for count in [0, 10_000_001, usize::MAX] {
        let error = builder().max_buffered_events(count).build().unwrap_err();
        assert_eq!(error.code(), Code::InvalidArgument, "{}: {}", count, error);
    }
}

/// A handler that falls behind a bound of one event gets, instead of the rest of the stream,
/// one `Completed` with `error_code` "events_overflowed"; the execution itself succeeds.
#[test]
fn max_buffered_events_overflow_ends_the_stream() {
    let client = builder().max_buffered_events(1).build().unwrap();
    let (release, gate) = mpsc::channel::<()>();
    let gate = Mutex::new(gate);
    let (sender, events) = mpsc::channel();
    let sender = Mutex::new(sender);
    let execution = client
        .execute("slow-echo")
        .inputs(r#"{"text": "a b c d e f g h"}"#)
        .stream(move |event| {
            // The first event holds the delivery thread until the execution has finished.
            if let Ok(gate) = gate.lock() {
                let _ = gate.recv_timeout(PATIENCE);
            }
            let _ = sender.lock().unwrap().send(event);
        })
        .unwrap();
    let deadline = Instant::now() + PATIENCE;
    while execution.fetch().unwrap().state() != State::Success {
        assert!(
            Instant::now() < deadline,
            "slow-echo did not finish within {:?}",
            PATIENCE
        );
        thread::sleep(Duration::from_millis(100));
    }
    drop(release); // every later recv_timeout returns at once
    let events = collect_until_completed(&events);
    match &events.last().unwrap().kind {
        EventKind::Completed { error_code, .. } => {
            assert_eq!(error_code.as_deref(), Some("events_overflowed"), "{:?}", events)
        }
        other => panic!("the stream ends with completed, not {:?}", other),
    }
    assert_eq!(execution.wait().unwrap().output(), Some("a b c d e f g h"));
}
