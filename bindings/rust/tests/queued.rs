//! S16: queued delivery, where events and completions run only in `Client::dispatch`,
//! driven by a dispatch loop on a thread of the test.

mod common;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::thread;
use std::time::Duration;

use airops::{Client, Delivery, Event, Pending};
use common::{builder, chunks, collect_until_completed, completed_content, PATIENCE};

/// Runs `client.dispatch` whenever its event fd is readable, until `stop` is set.
fn dispatch_loop(client: Arc<Client>, stop: Arc<AtomicBool>) -> thread::JoinHandle<thread::ThreadId> {
    thread::spawn(move || {
        while !stop.load(Ordering::SeqCst) {
            if client.wait_for_events(Some(Duration::from_millis(50))).unwrap() {
                client.dispatch(0).unwrap();
            }
        }
        thread::current().id()
    })
}

fn queued_client() -> Arc<Client> {
    Arc::new(builder().delivery(Delivery::Queued).build().unwrap())
}

#[test]
fn s16_events_run_only_in_dispatch() {
    let client = queued_client();
    assert!(client.event_fd().is_some());
    let (sender, receiver) = mpsc::channel::<Event>();
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
    // Events wait, readable on the fd, until someone dispatches them.
    assert!(
        client.wait_for_events(Some(PATIENCE)).unwrap(),
        "events wait for dispatch"
    );
    assert!(receiver.try_recv().is_err(), "no handler ran before dispatch");

    let stop = Arc::new(AtomicBool::new(false));
    let dispatcher = dispatch_loop(client.clone(), stop.clone());
    let events = collect_until_completed(&receiver);
    stop.store(true, Ordering::SeqCst);
    let dispatch_thread = dispatcher.join().unwrap();
    assert!(
        threads.lock().unwrap().iter().all(|thread| *thread == dispatch_thread),
        "handlers run on the dispatching thread"
    );
    assert_eq!(chunks(&events), completed_content(&events));
    assert_eq!(
        execution.wait_timeout(PATIENCE).unwrap().output(),
        Some("one two three four")
    );
}

#[test]
fn s16_completions_run_only_in_dispatch() {
    let client = queued_client();
    let pending: Pending<_> = client
        .execute("hello-world")
        .inputs(r#"{"name": "Ada"}"#)
        .start_async()
        .unwrap();
    assert!(
        client.wait_for_events(Some(PATIENCE)).unwrap(),
        "the completion waits for dispatch"
    );
    assert!(!pending.is_done(), "no completion before dispatch");
    let ran = client.dispatch(1).unwrap();
    assert_eq!(ran, 1);
    assert!(pending.is_done());
    let execution = pending.wait().unwrap();

    let stop = Arc::new(AtomicBool::new(false));
    let dispatcher = dispatch_loop(client.clone(), stop.clone());
    let result = execution.wait_async(Some(PATIENCE)).unwrap().wait().unwrap();
    stop.store(true, Ordering::SeqCst);
    dispatcher.join().unwrap();
    assert_eq!(result.output(), Some("Hello, Ada! Welcome to AirOps."));
    assert_eq!(client.dispatch(0).unwrap(), 0, "nothing waits any more");
}
