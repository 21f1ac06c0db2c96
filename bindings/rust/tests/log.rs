//! The log callback: messages reach the closure, never carry secrets, and stop with the
//! client.

mod common;

use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use airops::LogLevel;
use common::{builder, var, PATIENCE};

#[test]
fn log_messages_reach_the_handler_until_the_client_is_freed() {
    let messages: Arc<Mutex<Vec<(LogLevel, String)>>> = Arc::default();
    let sink = messages.clone();
    let client = builder()
        .log(LogLevel::Trace, move |level, message| {
            sink.lock().unwrap().push((level, message.to_owned()))
        })
        .build()
        .unwrap();
    let execution = client
        .execute("hello-world")
        .inputs(r#"{"name": "Ada"}"#)
        .start()
        .unwrap();
    execution.wait_timeout(PATIENCE).unwrap();
    drop(execution);
    drop(client);
    let logged = messages.lock().unwrap().clone();
    assert!(!logged.is_empty(), "the client logs its requests");
    let secret = var("AIROPS_HASHED_USER_ID");
    assert!(
        logged.iter().all(|(_, message)| !message.contains(&secret)),
        "no secret in {:?}",
        logged
    );
    thread::sleep(Duration::from_millis(200));
    assert_eq!(
        messages.lock().unwrap().len(),
        logged.len(),
        "no log call after the client is freed"
    );
}

#[test]
fn min_level_filters_messages() {
    let messages: Arc<Mutex<Vec<LogLevel>>> = Arc::default();
    let sink = messages.clone();
    let client = builder()
        .log(LogLevel::Error, move |level, _| sink.lock().unwrap().push(level))
        .build()
        .unwrap();
    client
        .execute("hello-world")
        .inputs(r#"{"name": "Ada"}"#)
        .start()
        .unwrap()
        .wait()
        .unwrap();
    drop(client);
    assert!(messages.lock().unwrap().iter().all(|level| *level >= LogLevel::Error));
}
