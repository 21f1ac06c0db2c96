//! [`ExecutionResult`]: an execution record as the server returned it.

use std::fmt;
use std::ptr::NonNull;

use crate::error::{Error, Result};
use crate::strings::borrowed;
use crate::sys;

/// The status of an execution (`airops_state`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum State {
    /// A status this library does not know; see [`ExecutionResult::status`].
    Unknown,
    Queued,
    Pending,
    Running,
    Success,
    Error,
    Cancelled,
    ReviewNeeded,
}

impl State {
    fn from_raw(state: sys::airops_state) -> State {
        match state {
            sys::AIROPS_STATE_QUEUED => State::Queued,
            sys::AIROPS_STATE_PENDING => State::Pending,
            sys::AIROPS_STATE_RUNNING => State::Running,
            sys::AIROPS_STATE_SUCCESS => State::Success,
            sys::AIROPS_STATE_ERROR => State::Error,
            sys::AIROPS_STATE_CANCELLED => State::Cancelled,
            sys::AIROPS_STATE_REVIEW_NEEDED => State::ReviewNeeded,
            _ => State::Unknown,
        }
    }
}

/// An execution record (`airops_result`), freed when dropped. Its strings are borrowed
/// from it.
pub struct ExecutionResult {
    raw: NonNull<sys::airops_result>,
}

// SAFETY: a result is immutable, and every function may be called from any thread.
unsafe impl Send for ExecutionResult {}
unsafe impl Sync for ExecutionResult {}

impl ExecutionResult {
    /// Takes ownership of a result a successful call handed over (NULL would break the
    /// library's promise).
    ///
    /// # Safety
    /// `raw` is NULL or a result nobody else owns.
    pub(crate) unsafe fn adopt(raw: *mut sys::airops_result) -> Result<ExecutionResult> {
        NonNull::new(raw)
            .map(|raw| ExecutionResult { raw })
            .ok_or_else(|| Error::internal("the library returned no result"))
    }

    fn text(
        &self,
        getter: unsafe extern "C" fn(*const sys::airops_result) -> *const std::os::raw::c_char,
    ) -> Option<&str> {
        // SAFETY: the string lives as long as the result, which `self` borrows.
        unsafe { borrowed(getter(self.raw.as_ptr())) }
    }

    /// The status as an enum.
    pub fn state(&self) -> State {
        // SAFETY: a valid result.
        State::from_raw(unsafe { sys::airops_result_state(self.raw.as_ptr()) })
    }

    /// The status string as the server sent it, e.g. `"success"`.
    pub fn status(&self) -> &str {
        self.text(sys::airops_result_status_text).unwrap_or_default()
    }

    /// The execution id (uuid).
    pub fn execution_id(&self) -> &str {
        self.text(sys::airops_result_execution_id).unwrap_or_default()
    }

    /// The output: the text itself when the server's `output` is a JSON string, the JSON text
    /// of any other value; None while there is none.
    pub fn output(&self) -> Option<&str> {
        self.text(sys::airops_result_output)
    }

    /// The server's `error_code`, if any.
    pub fn error_code(&self) -> Option<&str> {
        self.text(sys::airops_result_error_code)
    }

    /// The server's `error_message`, if any.
    pub fn error_message(&self) -> Option<&str> {
        self.text(sys::airops_result_error_message)
    }

    /// The whole execution record as the JSON text the server sent.
    pub fn json(&self) -> &str {
        self.text(sys::airops_result_json).unwrap_or_default()
    }
}

impl fmt::Debug for ExecutionResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ExecutionResult")
            .field("execution_id", &self.execution_id())
            .field("status", &self.status())
            .field("output", &self.output())
            .field("error_message", &self.error_message())
            .finish()
    }
}

impl Drop for ExecutionResult {
    fn drop(&mut self) {
        // SAFETY: we own the result.
        unsafe { sys::airops_result_free(self.raw.as_ptr()) }
    }
}
