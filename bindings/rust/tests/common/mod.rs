//! What the tests share: the dev server's coordinates (exported by tests/with_dev_server.py),
//! clients identified as its demo user, its /dev/stats counters, and the network tools.

// Each test binary uses its own part of these helpers.
#![allow(dead_code)]

pub mod http;
pub mod net;

use std::env;
use std::sync::mpsc::Receiver;
use std::time::Duration;

use airops::{Client, ClientBuilder, Event, EventKind};

/// How long a test waits for anything at most; the suite stops by itself when the library
/// does not deliver.
pub const PATIENCE: Duration = Duration::from_secs(30);

pub fn var(name: &str) -> String {
    env::var(name).unwrap_or_else(|_| {
        panic!(
            "{} is not set: run the tests under tests/with_dev_server.py (see bindings/rust/run-tests.sh)",
            name
        )
    })
}

/// Options of a public client of the dev server, with its realtime endpoint.
pub fn public_builder() -> ClientBuilder {
    Client::builder()
        .host(&var("AIROPS_HOST"))
        .realtime_url(&var("AIROPS_REALTIME_URL"), &var("AIROPS_PUSHER_KEY"))
        .request_timeout(Duration::from_secs(10))
}

/// Options of a client identified as the dev server's demo user.
pub fn builder() -> ClientBuilder {
    public_builder().identity(
        &var("AIROPS_USER_ID"),
        &var("AIROPS_WORKSPACE_ID"),
        &var("AIROPS_HASHED_USER_ID"),
    )
}

pub fn client() -> Client {
    builder().build().expect("a client of the dev server")
}

/// The `Authorization` header value of the dev server's /dev/ endpoints.
pub fn admin_authorization() -> String {
    format!("Bearer {}", var("AIROPS_DEV_ADMIN_TOKEN"))
}

/// A counter of GET /dev/stats, e.g. `realtime_connections_total`.
pub fn stat(name: &str) -> u64 {
    let url = format!("{}/dev/stats", var("AIROPS_HOST"));
    let token = admin_authorization();
    let (status, body) = http::request("GET", &url, &[("Authorization", token.as_str())], "");
    assert_eq!(status, 200, "GET {}: {}", url, body);
    http::number_field(&body, name)
}

/// Receives events until `completed` (included), failing after PATIENCE.
pub fn collect_until_completed(events: &Receiver<Event>) -> Vec<Event> {
    let mut received = Vec::new();
    loop {
        let event = events
            .recv_timeout(PATIENCE)
            .expect("the stream goes on until completed");
        let completed = event.is_completed();
        received.push(event);
        if completed {
            return received;
        }
    }
}

/// The concatenated contents of the chunk events.
pub fn chunks(events: &[Event]) -> String {
    events
        .iter()
        .filter_map(|event| match &event.kind {
            EventKind::Chunk { content } => Some(content.as_str()),
            _ => None,
        })
        .collect()
}

/// The content of the one completed event, which must be the last one.
pub fn completed_content(events: &[Event]) -> String {
    let completed: Vec<_> = events.iter().filter(|event| event.is_completed()).collect();
    assert_eq!(completed.len(), 1, "exactly one completed event in {:?}", events);
    assert!(
        events.last().unwrap().is_completed(),
        "completed comes last in {:?}",
        events
    );
    match &completed[0].kind {
        EventKind::Completed {
            content: Some(content), ..
        } => content.clone(),
        other => panic!("an execution's completed event carries its content, not {:?}", other),
    }
}

/// Everything an [`airops::Events`] iterator yields until it ends, failing after PATIENCE
/// without an event.
pub fn drain(events: &mut airops::Events) -> Vec<Event> {
    let mut received = Vec::new();
    loop {
        match events.recv_timeout(PATIENCE) {
            Ok(event) => received.push(event),
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return received,
            Err(timeout) => panic!("{:?} after {:?}", timeout, received),
        }
    }
}
