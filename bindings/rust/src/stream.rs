//! Event delivery: the C event callback, the Rust closure it forwards to, and the channel
//! behind [`Events`].

use std::os::raw::c_void;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::event::Event;
use crate::sys;

/// The closure that receives one execution's events; its address is the callback's
/// `user_data`. The execution that uses it holds it until its events have stopped.
pub(crate) struct EventSink {
    handler: Box<dyn Fn(Event) + Send + Sync>,
}

impl EventSink {
    pub(crate) fn new(handler: impl Fn(Event) + Send + Sync + 'static) -> Arc<EventSink> {
        Arc::new(EventSink {
            handler: Box::new(handler),
        })
    }

    pub(crate) fn user_data(self: &Arc<Self>) -> *mut c_void {
        Arc::as_ptr(self) as *mut c_void
    }
}

/// `airops_event_callback`: copies the event and hands it to the sink's closure.
pub(crate) unsafe extern "C" fn on_event(event: *const sys::airops_event, user_data: *mut c_void) {
    let sink = user_data as *const EventSink;
    // The execution's reference is alive on entry (free and cancel wait for callbacks on
    // other threads). Hold one of our own while the closure runs: it may close its own
    // execution, which drops the execution's.
    Arc::increment_strong_count(sink);
    let sink = Arc::from_raw(sink);
    let event = Event::copy(&*event);
    // Unwinding into C is undefined behaviour.
    if catch_unwind(AssertUnwindSafe(|| (sink.handler)(event))).is_err() {
        eprintln!("airops: an event handler panicked; the panic was stopped at the C boundary");
    }
}

/// The events of one execution as a blocking iterator, in the order the server sent them.
///
/// It ends after the `completed` event, or when the execution's events stop without one
/// (it was cancelled, closed or dropped: keep the [`Execution`](crate::Execution) while
/// iterating). With a client in queued delivery, events arrive only while
/// some thread runs [`Client::dispatch`](crate::Client::dispatch).
#[derive(Debug)]
pub struct Events {
    receiver: Receiver<Event>,
    finished: bool,
}

impl Events {
    /// An iterator and the sink that feeds it.
    pub(crate) fn channel() -> (Arc<EventSink>, Events) {
        let (sender, receiver) = mpsc::channel();
        // Sender is Sync only from Rust 1.72 on.
        let sender = Mutex::new(sender);
        let sink = EventSink::new(move |event| {
            // The receiver may be gone: nobody iterates any more.
            let _ = sender.lock().map(|sender| sender.send(event));
        });
        (
            sink,
            Events {
                receiver,
                finished: false,
            },
        )
    }

    /// The next event, waiting at most `timeout`: `Timeout` when none came in time,
    /// `Disconnected` once the stream has ended.
    pub fn recv_timeout(&mut self, timeout: Duration) -> Result<Event, RecvTimeoutError> {
        if self.finished {
            return Err(RecvTimeoutError::Disconnected);
        }
        let event = self.receiver.recv_timeout(timeout)?;
        self.finished = event.is_completed();
        Ok(event)
    }
}

impl Iterator for Events {
    type Item = Event;

    fn next(&mut self) -> Option<Event> {
        if self.finished {
            return None;
        }
        let event = self.receiver.recv().ok()?;
        self.finished = event.is_completed();
        Some(event)
    }
}
