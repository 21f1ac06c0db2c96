//! S15: the `_async` calls, as `Pending` handles to wait for and as futures to `.await`.

mod common;

use std::future::Future;
use std::pin::Pin;
use std::sync::{mpsc, Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::thread::{self, Thread};
use std::time::{Duration, Instant};

use airops::{Code, State};
use common::{chunks, client, collect_until_completed, completed_content, PATIENCE};

/// A minimal executor: polls the future on this thread and parks between wake-ups. No
/// thread waits inside the library.
fn block_on<F: Future>(future: F) -> F::Output {
    struct Unpark(Thread);
    impl Wake for Unpark {
        fn wake(self: Arc<Self>) {
            self.0.unpark();
        }
    }
    let waker = Waker::from(Arc::new(Unpark(thread::current())));
    let mut context = Context::from_waker(&waker);
    let mut future = Box::pin(future);
    loop {
        if let Poll::Ready(output) = Pin::new(&mut future).poll(&mut context) {
            return output;
        }
        thread::park_timeout(PATIENCE);
    }
}

#[test]
fn s15_execute_and_wait_without_blocking() {
    let client = client();
    let pending = client
        .execute("hello-world")
        .inputs(r#"{"name": "Ada"}"#)
        .start_async()
        .unwrap();
    let execution = pending.wait_timeout(PATIENCE).expect("execute completes").unwrap();
    let result = execution.wait_async(Some(PATIENCE)).unwrap().wait().unwrap();
    assert_eq!(result.output(), Some("Hello, Ada! Welcome to AirOps."));
}

#[test]
fn s15_futures_are_awaited() {
    let client = client();
    let output = block_on(async {
        let execution = client
            .execute("hello-world")
            .inputs(r#"{"name": "Ada"}"#)
            .start_async()?
            .await?;
        let result = execution.wait_async(None)?.await?;
        let fetched = execution.fetch_async()?.await?;
        assert_eq!(fetched.output(), result.output());
        Ok::<_, airops::Error>(result.output().map(str::to_owned))
    })
    .unwrap();
    assert_eq!(output.as_deref(), Some("Hello, Ada! Welcome to AirOps."));
}

#[test]
fn s15_streams_and_chats_without_blocking() {
    let client = client();
    let (sender, receiver) = mpsc::channel();
    let sender = Mutex::new(sender);
    let pending = client
        .execute("slow-echo")
        .inputs(r#"{"text": "no thread blocked"}"#)
        .stream_async(move |event| {
            let _ = sender.lock().unwrap().send(event);
        })
        .unwrap();
    let events = collect_until_completed(&receiver);
    assert_eq!(chunks(&events), completed_content(&events));
    let execution = pending.wait().unwrap();
    assert_eq!(
        execution.wait_async(Some(PATIENCE)).unwrap().wait().unwrap().output(),
        Some("no thread blocked")
    );

    let chat = block_on(client.chat("demo-agent", "Hello").start_async().unwrap()).unwrap();
    assert!(chat.session_id().is_some());
    assert_eq!(chat.wait().unwrap().state(), State::Success);
}

#[test]
fn s15_cancel_and_wait_timeout_without_blocking() {
    let client = client();
    let execution = client.execute("slow-echo").inputs(r#"{"text": "x"}"#).start().unwrap();
    let error = execution
        .wait_async(Some(Duration::from_millis(100)))
        .unwrap()
        .wait()
        .unwrap_err();
    assert_eq!(error.code(), Code::Timeout);
    execution.cancel_async().unwrap().wait().unwrap();
    assert_eq!(
        execution.wait_async(None).unwrap().wait().unwrap().state(),
        State::Cancelled
    );
    let error = block_on(client.execute("no-such-app").start_async().unwrap()).unwrap_err();
    assert_eq!((error.code(), error.http_status()), (Code::NotFound, Some(404)));
}

#[test]
fn s15_a_dropped_pending_call_frees_what_it_hands_over() {
    let client = client();
    // The handler holds a token: it is released once the execution handed over is freed.
    let token = Arc::new(());
    let held = token.clone();
    drop(
        client
            .execute("slow-echo")
            .inputs(r#"{"text": "nobody waits"}"#)
            .stream_async(move |_| {
                let _ = &held;
            })
            .unwrap(),
    );
    let deadline = Instant::now() + PATIENCE;
    while Arc::strong_count(&token) > 1 && Instant::now() < deadline {
        thread::sleep(Duration::from_millis(10));
    }
    assert_eq!(
        Arc::strong_count(&token),
        1,
        "the abandoned execution and its handler are freed"
    );
}
