//! S10 and S17: streamed executions in direct delivery, with closures and iterators, and
//! the promise that no handler runs once its execution and client are closed.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use airops::{EventKind, State};
use common::{chunks, client, collect_until_completed, completed_content, drain, PATIENCE};

#[test]
fn s10_streamed_chunks_arrive_in_order_before_completed() {
    let client = client();
    let (sender, receiver) = mpsc::channel();
    let sender = Mutex::new(sender);
    let threads: Arc<Mutex<Vec<thread::ThreadId>>> = Arc::default();
    let seen = threads.clone();
    let execution = client
        .execute("slow-echo")
        .inputs(r#"{"text": "one two three four"}"#)
        .stream(move |event| {
            seen.lock().unwrap().push(thread::current().id());
            let _ = sender.lock().unwrap().send(event);
        })
        .unwrap();
    let events = collect_until_completed(&receiver);
    let threads = threads.lock().unwrap().clone();
    assert!(events.len() >= 3, "several chunks, then completed: {:?}", events);
    assert!(matches!(events[0].kind, EventKind::Chunk { .. }), "{:?}", events);
    let output = completed_content(&events);
    assert_eq!(chunks(&events), output);
    assert_eq!(output, "one two three four");
    assert!(events.iter().all(|event| event.execution_id == execution.id()));
    // Direct delivery: on the library's delivery thread, never the caller's.
    assert!(threads.iter().all(|id| *id != thread::current().id()));
    let result = execution.wait_timeout(PATIENCE).unwrap();
    assert_eq!(
        (result.state(), result.output()),
        (State::Success, Some(output.as_str()))
    );
}

#[test]
fn s10_events_iterator_ends_after_completed() {
    let client = client();
    let (execution, events) = client
        .execute("slow-echo")
        .inputs(r#"{"text": "a b c"}"#)
        .events()
        .unwrap();
    let events: Vec<_> = events.collect();
    assert_eq!(completed_content(&events), "a b c");
    assert_eq!(chunks(&events), "a b c");
    assert!(events.iter().all(|event| event.json.starts_with('{')), "{:?}", events);
    assert_eq!(execution.wait().unwrap().output(), Some("a b c"));
}

#[test]
fn s10_cancelling_a_stream_ends_its_iterator_without_completed() {
    let client = client();
    let (execution, mut events) = client
        .execute("slow-echo")
        .inputs(r#"{"text": "x y z"}"#)
        .events()
        .unwrap();
    execution.cancel().unwrap();
    let rest = drain(&mut events);
    assert!(rest.iter().all(|event| !event.is_completed()), "{:?}", rest);
    assert_eq!(execution.wait_timeout(PATIENCE).unwrap().state(), State::Cancelled);
}

#[test]
fn s17_no_handler_runs_after_close() {
    let mut client = client();
    let calls = Arc::new(AtomicUsize::new(0));
    let (first, chunk) = mpsc::channel();
    let first = Mutex::new(first);
    let counter = calls.clone();
    let mut execution = client
        .execute("slow-echo")
        .inputs(r#"{"text": "one two three four five six seven eight"}"#)
        .stream(move |_| {
            counter.fetch_add(1, Ordering::SeqCst);
            let _ = first.lock().unwrap().send(());
        })
        .unwrap();
    chunk.recv_timeout(PATIENCE).expect("a first chunk");
    execution.close();
    client.close();
    let after_close = calls.load(Ordering::SeqCst);
    thread::sleep(Duration::from_millis(500));
    assert_eq!(calls.load(Ordering::SeqCst), after_close, "a handler ran after close");
    execution.close();
    client.close();
    drop(execution);
    drop(client);
    assert_eq!(calls.load(Ordering::SeqCst), after_close);
}

#[test]
fn s17_closing_an_execution_from_its_own_handler() {
    let client = client();
    let slot: Arc<Mutex<Option<airops::Execution>>> = Arc::default();
    let calls = Arc::new(AtomicUsize::new(0));
    let (closed, was_closed) = mpsc::channel();
    let closed = Mutex::new(closed);
    let (inside, counter) = (slot.clone(), calls.clone());
    // The handler may run before the execution is in the slot: it closes it on the first
    // event that finds it there.
    let execution = client
        .execute("slow-echo")
        .inputs(r#"{"text": "one two three four five six"}"#)
        .stream(move |_| {
            counter.fetch_add(1, Ordering::SeqCst);
            if let Some(mut execution) = inside.lock().unwrap().take() {
                execution.close();
                let _ = closed.lock().unwrap().send(());
            }
        })
        .unwrap();
    *slot.lock().unwrap() = Some(execution);
    was_closed
        .recv_timeout(PATIENCE)
        .expect("the handler closes its execution");
    let after_close = calls.load(Ordering::SeqCst);
    thread::sleep(Duration::from_millis(500));
    assert_eq!(
        calls.load(Ordering::SeqCst),
        after_close,
        "a handler ran after its execution closed"
    );
}

#[test]
fn a_panicking_handler_is_stopped_at_the_c_boundary() {
    let client = client();
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = calls.clone();
    let execution = client
        .execute("hello-world")
        .inputs(r#"{"name": "Ada"}"#)
        .stream(move |_| {
            counter.fetch_add(1, Ordering::SeqCst);
            panic!("a handler that fails");
        })
        .unwrap();
    let result = execution.wait_timeout(PATIENCE).unwrap();
    assert_eq!(result.state(), State::Success);
    // Later events still reach the handler: the panic did not end the delivery thread.
    let deadline = std::time::Instant::now() + PATIENCE;
    while calls.load(Ordering::SeqCst) < 2 && std::time::Instant::now() < deadline {
        thread::sleep(Duration::from_millis(10));
    }
    assert!(calls.load(Ordering::SeqCst) >= 2);
}
