//! Forwarding the client's log messages to a Rust closure.

use std::os::raw::{c_char, c_void};
use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::strings::copied;
use crate::sys;

/// Severity of a log message, lowest first (`airops_log_level`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LogLevel {
    Trace,
    Debug,
    Info,
    Notice,
    Warning,
    Error,
    Critical,
}

impl LogLevel {
    pub(crate) fn raw(self) -> sys::airops_log_level {
        match self {
            LogLevel::Trace => sys::AIROPS_LOG_TRACE,
            LogLevel::Debug => sys::AIROPS_LOG_DEBUG,
            LogLevel::Info => sys::AIROPS_LOG_INFO,
            LogLevel::Notice => sys::AIROPS_LOG_NOTICE,
            LogLevel::Warning => sys::AIROPS_LOG_WARNING,
            LogLevel::Error => sys::AIROPS_LOG_ERROR,
            LogLevel::Critical => sys::AIROPS_LOG_CRITICAL,
        }
    }

    fn from_raw(level: sys::airops_log_level) -> LogLevel {
        match level {
            sys::AIROPS_LOG_TRACE => LogLevel::Trace,
            sys::AIROPS_LOG_DEBUG => LogLevel::Debug,
            sys::AIROPS_LOG_INFO => LogLevel::Info,
            sys::AIROPS_LOG_NOTICE => LogLevel::Notice,
            sys::AIROPS_LOG_WARNING => LogLevel::Warning,
            sys::AIROPS_LOG_ERROR => LogLevel::Error,
            // A level above the known ones is at least critical.
            _ => LogLevel::Critical,
        }
    }
}

/// The closure that receives a client's log messages; its address is the callback's
/// `user_data`. The client holds it until `airops_client_free` has returned.
pub(crate) struct LogSink {
    handler: Box<LogHandler>,
}

type LogHandler = dyn Fn(LogLevel, &str) + Send + Sync;

impl LogSink {
    pub(crate) fn new(handler: impl Fn(LogLevel, &str) + Send + Sync + 'static) -> Box<LogSink> {
        Box::new(LogSink {
            handler: Box::new(handler),
        })
    }

    pub(crate) fn user_data(&self) -> *mut c_void {
        self as *const LogSink as *mut c_void
    }
}

/// `airops_log_callback`: runs on library threads, possibly several at once.
pub(crate) unsafe extern "C" fn on_log(level: sys::airops_log_level, message: *const c_char, user_data: *mut c_void) {
    let sink = &*(user_data as *const LogSink);
    let message = copied(message);
    // Unwinding into C is undefined behaviour.
    if catch_unwind(AssertUnwindSafe(|| (sink.handler)(LogLevel::from_raw(level), &message))).is_err() {
        eprintln!("airops: a log handler panicked; the panic was stopped at the C boundary");
    }
}
