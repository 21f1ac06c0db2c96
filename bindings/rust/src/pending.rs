//! [`Pending`]: the outcome of a non-blocking `_async` call, reported by its completion
//! callback, to wait for or to `.await`.

use std::fmt;
use std::future::Future;
use std::mem;
use std::os::raw::{c_char, c_void};
use std::pin::Pin;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};

use crate::client::ClientHandle;
use crate::error::{call, Error, Result};
use crate::execution::Execution;
use crate::result::ExecutionResult;
use crate::stream::EventSink;
use crate::strings::copied;
use crate::sys;

/// A non-blocking call in flight. No thread waits inside the library while it runs: its
/// completion arrives on the client's delivery thread (direct delivery) or in
/// [`Client::dispatch`](crate::Client::dispatch) (queued delivery).
///
/// Wait for it with [`wait`](Pending::wait) or [`wait_timeout`](Pending::wait_timeout), or
/// `.await` it in any executor (it is a [`Future`]). Dropping it does not stop the call;
/// what the call hands over (an execution, a result) is then freed when it completes.
///
/// Its completion runs where the client's handlers run: waiting for it inside a handler of
/// the same client, or on the only thread that dispatches a queued client, never ends. A
/// call that hands over an execution keeps the client alive until it completes (in queued
/// delivery: until its completion is dispatched).
pub struct Pending<T> {
    slot: Arc<Slot<T>>,
}

struct Slot<T> {
    state: Mutex<State<T>>,
    done: Condvar,
}

enum State<T> {
    Waiting(Option<Waker>),
    Done(Result<T>),
    Taken,
}

impl<T> Slot<T> {
    fn new() -> Arc<Slot<T>> {
        Arc::new(Slot {
            state: Mutex::new(State::Waiting(None)),
            done: Condvar::new(),
        })
    }

    fn lock(&self) -> MutexGuard<'_, State<T>> {
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn complete(&self, outcome: Result<T>) {
        let previous = mem::replace(&mut *self.lock(), State::Done(outcome));
        self.done.notify_all();
        if let State::Waiting(Some(waker)) = previous {
            waker.wake();
        }
    }
}

/// Takes the outcome out of a finished call's state.
fn take<T>(state: &mut State<T>) -> Option<Result<T>> {
    match mem::replace(state, State::Taken) {
        State::Done(outcome) => Some(outcome),
        other => {
            *state = other;
            None
        }
    }
}

impl<T> Pending<T> {
    /// Blocks until the call completes and returns its outcome.
    pub fn wait(self) -> Result<T> {
        let mut state = self.slot.lock();
        loop {
            if let Some(outcome) = take(&mut state) {
                return outcome;
            }
            state = self
                .slot
                .done
                .wait(state)
                .unwrap_or_else(|poisoned| poisoned.into_inner());
        }
    }

    /// Blocks until the call completes or `timeout` passes; gives the call back on timeout.
    pub fn wait_timeout(self, timeout: Duration) -> std::result::Result<Result<T>, Pending<T>> {
        let deadline = Instant::now() + timeout;
        {
            let mut state = self.slot.lock();
            loop {
                if let Some(outcome) = take(&mut state) {
                    return Ok(outcome);
                }
                let left = deadline.saturating_duration_since(Instant::now());
                if left == Duration::ZERO {
                    break;
                }
                state = self
                    .slot
                    .done
                    .wait_timeout(state, left)
                    .unwrap_or_else(|poisoned| poisoned.into_inner())
                    .0;
            }
        }
        Err(self)
    }

    /// Whether the call has completed (then [`wait`](Pending::wait) returns at once).
    pub fn is_done(&self) -> bool {
        matches!(*self.slot.lock(), State::Done(_))
    }
}

impl<T> fmt::Debug for Pending<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pending").field("done", &self.is_done()).finish()
    }
}

impl<T> Future for Pending<T> {
    type Output = Result<T>;

    fn poll(self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<Result<T>> {
        let mut state = self.slot.lock();
        match take(&mut state) {
            Some(outcome) => Poll::Ready(outcome),
            None if matches!(*state, State::Taken) => panic!("Pending polled after it completed"),
            None => {
                *state = State::Waiting(Some(context.waker().clone()));
                Poll::Pending
            }
        }
    }
}

/// The `user_data` of an execute or chat completion: what the new execution needs.
struct ExecutionDone {
    slot: Arc<Slot<Execution>>,
    client: Arc<ClientHandle>,
    sink: Option<Arc<EventSink>>,
}

/// Makes a non-blocking call that hands over an execution. `start` makes the C call with
/// the completion callback and its user data.
pub(crate) fn start_execution(
    client: &Arc<ClientHandle>,
    sink: Option<Arc<EventSink>>,
    start: impl FnOnce(sys::airops_execution_callback, *mut c_void, *mut *mut sys::airops_error) -> sys::airops_code,
) -> Result<Pending<Execution>> {
    let slot = Slot::new();
    let done = Box::into_raw(Box::new(ExecutionDone {
        slot: slot.clone(),
        client: client.clone(),
        sink,
    }));
    let started = call(|error| start(Some(on_execution_done), done as *mut c_void, error));
    if started.is_err() {
        // SAFETY: the call failed, so its completion never runs and nothing else owns `done`.
        drop(unsafe { Box::from_raw(done) });
    }
    started.map(|()| Pending { slot })
}

/// `airops_execution_callback`: runs exactly once per started call.
unsafe extern "C" fn on_execution_done(
    code: sys::airops_code,
    execution: *mut sys::airops_execution,
    error: *const sys::airops_error,
    user_data: *mut c_void,
) {
    let done = Box::from_raw(user_data as *mut ExecutionDone);
    let outcome = if code == sys::AIROPS_OK {
        Execution::adopt(execution, done.client, done.sink)
    } else {
        Err(Error::copy(code, error))
    };
    done.slot.complete(outcome);
}

/// Makes a non-blocking call that hands over a JSON text (`airops_app_get_async`).
pub(crate) fn start_json(
    start: impl FnOnce(sys::airops_json_callback, *mut c_void, *mut *mut sys::airops_error) -> sys::airops_code,
) -> Result<Pending<String>> {
    let slot = Slot::new();
    let user_data = Arc::into_raw(slot.clone()) as *mut c_void;
    let started = call(|error| start(Some(on_json_done), user_data, error));
    if started.is_err() {
        // SAFETY: the completion never runs; this is the reference given to it.
        drop(unsafe { Arc::from_raw(user_data as *const Slot<String>) });
    }
    started.map(|()| Pending { slot })
}

/// `airops_json_callback`: runs exactly once per started call; `json` is borrowed.
unsafe extern "C" fn on_json_done(
    code: sys::airops_code,
    json: *const c_char,
    error: *const sys::airops_error,
    user_data: *mut c_void,
) {
    let slot = Arc::from_raw(user_data as *const Slot<String>);
    let outcome = if code == sys::AIROPS_OK {
        Ok(copied(json))
    } else {
        Err(Error::copy(code, error))
    };
    slot.complete(outcome);
}

/// What a fetch, wait or cancel completion hands over.
pub(crate) trait Outcome: Sized {
    /// Takes ownership of the completion's `result` (NULL for cancel).
    ///
    /// # Safety
    /// `result` is NULL or a result the receiver owns.
    unsafe fn take(result: *mut sys::airops_result) -> Result<Self>;
}

impl Outcome for ExecutionResult {
    unsafe fn take(result: *mut sys::airops_result) -> Result<Self> {
        ExecutionResult::adopt(result)
    }
}

impl Outcome for () {
    unsafe fn take(result: *mut sys::airops_result) -> Result<Self> {
        sys::airops_result_free(result);
        Ok(())
    }
}

/// Makes a non-blocking call that hands over a result (or nothing, for cancel).
pub(crate) fn start_result<T: Outcome>(
    start: impl FnOnce(sys::airops_result_callback, *mut c_void, *mut *mut sys::airops_error) -> sys::airops_code,
) -> Result<Pending<T>> {
    let slot = Slot::new();
    let user_data = Arc::into_raw(slot.clone()) as *mut c_void;
    let started = call(|error| start(Some(on_result_done::<T>), user_data, error));
    if started.is_err() {
        // SAFETY: the completion never runs; this is the reference given to it.
        drop(unsafe { Arc::from_raw(user_data as *const Slot<T>) });
    }
    started.map(|()| Pending { slot })
}

/// `airops_result_callback`: runs exactly once per started call.
unsafe extern "C" fn on_result_done<T: Outcome>(
    code: sys::airops_code,
    result: *mut sys::airops_result,
    error: *const sys::airops_error,
    user_data: *mut c_void,
) {
    let slot = Arc::from_raw(user_data as *const Slot<T>);
    let outcome = if code == sys::AIROPS_OK {
        T::take(result)
    } else {
        Err(Error::copy(code, error))
    };
    slot.complete(outcome);
}
