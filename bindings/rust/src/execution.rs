//! [`Execution`]: a handle on one run of an app, to wait for, fetch or cancel.

use std::fmt;
use std::ptr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::client::ClientHandle;
use crate::error::{call, Error, Result};
use crate::pending::{start_result, Pending};
use crate::result::ExecutionResult;
use crate::stream::EventSink;
use crate::strings::borrowed;
use crate::sys;

/// An execution (`airops_execution`), freed when dropped or [closed](Execution::close).
///
/// It may be shared between threads (`&Execution` is enough to wait, fetch or cancel). It
/// keeps its client's connections alive until it is freed. Once it is freed, its event
/// handler never runs again.
pub struct Execution {
    /// NULL once closed.
    raw: *mut sys::airops_execution,
    /// The streamed execution's handler, held until its events have stopped.
    sink: Mutex<Option<Arc<EventSink>>>,
    client: Option<Arc<ClientHandle>>,
}

// SAFETY: every function may be called from any thread and handles may be shared; the
// pointer is only freed through `&mut self`.
unsafe impl Send for Execution {}
unsafe impl Sync for Execution {}

/// A timeout in the milliseconds of the C calls.
pub(crate) fn millis(timeout: Duration) -> i64 {
    i64::try_from(timeout.as_millis()).unwrap_or(i64::MAX)
}

impl Execution {
    /// Takes ownership of an execution a successful call handed over (NULL would break
    /// the library's promise).
    pub(crate) fn adopt(
        raw: *mut sys::airops_execution,
        client: Arc<ClientHandle>,
        sink: Option<Arc<EventSink>>,
    ) -> Result<Execution> {
        if raw.is_null() {
            return Err(Error::internal("the library returned no execution"));
        }
        Ok(Execution {
            raw,
            sink: Mutex::new(sink),
            client: Some(client),
        })
    }

    fn raw(&self) -> Result<*mut sys::airops_execution> {
        if self.raw.is_null() {
            Err(Error::closed("execution"))
        } else {
            Ok(self.raw)
        }
    }

    /// The execution's id (uuid); "" once closed.
    pub fn id(&self) -> &str {
        // SAFETY: borrowed from the execution, which `self` borrows; NULL in, NULL out.
        unsafe { borrowed(sys::airops_execution_id(self.raw)) }.unwrap_or_default()
    }

    /// The chat session of an execution started by a chat, else None.
    pub fn session_id(&self) -> Option<&str> {
        // SAFETY: as for `id`.
        unsafe { borrowed(sys::airops_execution_session_id(self.raw)) }
    }

    /// Fetches the execution's current record once, whatever its status. Blocks for one
    /// request.
    pub fn fetch(&self) -> Result<ExecutionResult> {
        let raw = self.raw()?;
        let mut out = ptr::null_mut();
        call(|error| unsafe { sys::airops_execution_fetch(raw, &mut out, error) })?;
        // SAFETY: the call succeeded and handed the result over.
        unsafe { ExecutionResult::adopt(out) }
    }

    /// Blocks until the execution has finished and returns its final record (an app that
    /// failed is a finished execution: see [`ExecutionResult::state`]).
    pub fn wait(&self) -> Result<ExecutionResult> {
        self.wait_ms(-1)
    }

    /// As [`wait`](Execution::wait), failing with [`Code::Timeout`](crate::Code::Timeout)
    /// when `timeout` passes first (the execution goes on; wait again later).
    pub fn wait_timeout(&self, timeout: Duration) -> Result<ExecutionResult> {
        self.wait_ms(millis(timeout))
    }

    fn wait_ms(&self, timeout_ms: i64) -> Result<ExecutionResult> {
        let raw = self.raw()?;
        let mut out = ptr::null_mut();
        call(|error| unsafe { sys::airops_execution_wait(raw, timeout_ms, &mut out, error) })?;
        // SAFETY: the call succeeded and handed the result over.
        unsafe { ExecutionResult::adopt(out) }
    }

    /// Asks the server to cancel the execution; wait for it to see the status `cancelled`.
    /// Blocks for one request. Its events stop first: the handler does not run again.
    pub fn cancel(&self) -> Result<()> {
        let raw = self.raw()?;
        let cancelled = call(|error| unsafe { sys::airops_execution_cancel(raw, error) });
        self.events_stopped();
        cancelled
    }

    /// [`fetch`](Execution::fetch) without blocking.
    pub fn fetch_async(&self) -> Result<Pending<ExecutionResult>> {
        let raw = self.raw()?;
        start_result(|on_done, user_data, error| unsafe {
            sys::airops_execution_fetch_async(raw, on_done, user_data, error)
        })
    }

    /// [`wait`](Execution::wait) (None) or [`wait_timeout`](Execution::wait_timeout) without
    /// blocking.
    pub fn wait_async(&self, timeout: Option<Duration>) -> Result<Pending<ExecutionResult>> {
        let raw = self.raw()?;
        let timeout_ms = timeout.map_or(-1, millis);
        start_result(|on_done, user_data, error| unsafe {
            sys::airops_execution_wait_async(raw, timeout_ms, on_done, user_data, error)
        })
    }

    /// [`cancel`](Execution::cancel) without blocking (the events stop before it returns).
    pub fn cancel_async(&self) -> Result<Pending<()>> {
        let raw = self.raw()?;
        let started = start_result(|on_done, user_data, error| unsafe {
            sys::airops_execution_cancel_async(raw, on_done, user_data, error)
        });
        self.events_stopped();
        started
    }

    /// Frees the handle now (dropping it does the same): its handler does not run again
    /// once this returns. Does not cancel the execution on the server. Closing twice is
    /// harmless; other calls on a closed execution fail with an invalid-argument error.
    pub fn close(&mut self) {
        // SAFETY: we own the execution; `&mut self` rules out calls in flight.
        unsafe { sys::airops_execution_free(self.raw) };
        self.raw = ptr::null_mut();
        self.events_stopped();
        self.client = None;
    }

    /// Whether [`close`](Execution::close) has been called.
    pub fn is_closed(&self) -> bool {
        self.raw.is_null()
    }

    /// Releases the event handler once the library has promised not to call it again
    /// (an [`Events`](crate::Events) iterator then ends).
    fn events_stopped(&self) {
        self.sink.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).take();
    }
}

impl fmt::Debug for Execution {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Execution")
            .field("id", &self.id())
            .field("session_id", &self.session_id())
            .field("closed", &self.is_closed())
            .finish()
    }
}

impl Drop for Execution {
    fn drop(&mut self) {
        self.close();
    }
}
