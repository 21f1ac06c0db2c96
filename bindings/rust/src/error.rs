//! `airops::Error`: an `airops_error` copied into Rust, with its code, HTTP status and message.

use std::fmt;
use std::ptr;

use crate::strings::{borrowed, static_str};
use crate::sys;

/// The result type of every fallible call of this crate.
pub type Result<T> = std::result::Result<T, Error>;

/// What kind of failure an [`Error`] is (`airops_code`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Code {
    /// A missing, empty or malformed argument; detected before any request is sent.
    InvalidArgument,
    /// HTTP 401/403: missing or wrong identity.
    Unauthorized,
    /// HTTP 404: no such app or execution.
    NotFound,
    /// Any other HTTP 4xx.
    BadRequest,
    /// HTTP 429.
    RateLimited,
    /// HTTP 5xx.
    Server,
    /// The server could not be reached, or the connection broke.
    Network,
    /// A request timeout, or the timeout given to a wait.
    Timeout,
    /// A 2xx answer whose body is not what the protocol says.
    Protocol,
    /// A bug or an unexpected state inside the library.
    Internal,
    /// An HTTP 3xx that the redirect policy does not follow (see
    /// [`ClientBuilder::redirects`](crate::ClientBuilder::redirects)): the status is in
    /// [`Error::http_status`], the message names it and the target.
    Redirect,
    /// The client was created in the parent of this forked process: create a new one here.
    Forked,
    /// A non-blocking call had not ended when its client was freed.
    Cancelled,
    /// A code this version of the crate does not know (from a newer library).
    Unknown(u32),
}

impl Code {
    pub(crate) fn from_raw(code: sys::airops_code) -> Code {
        match code {
            sys::AIROPS_ERR_INVALID_ARGUMENT => Code::InvalidArgument,
            sys::AIROPS_ERR_UNAUTHORIZED => Code::Unauthorized,
            sys::AIROPS_ERR_NOT_FOUND => Code::NotFound,
            sys::AIROPS_ERR_BAD_REQUEST => Code::BadRequest,
            sys::AIROPS_ERR_RATE_LIMITED => Code::RateLimited,
            sys::AIROPS_ERR_SERVER => Code::Server,
            sys::AIROPS_ERR_NETWORK => Code::Network,
            sys::AIROPS_ERR_TIMEOUT => Code::Timeout,
            sys::AIROPS_ERR_PROTOCOL => Code::Protocol,
            sys::AIROPS_ERR_INTERNAL => Code::Internal,
            sys::AIROPS_ERR_REDIRECT => Code::Redirect,
            sys::AIROPS_ERR_FORKED => Code::Forked,
            sys::AIROPS_ERR_CANCELLED => Code::Cancelled,
            other => Code::Unknown(other),
        }
    }

    /// The C value of the code.
    pub fn raw(self) -> u32 {
        match self {
            Code::InvalidArgument => sys::AIROPS_ERR_INVALID_ARGUMENT,
            Code::Unauthorized => sys::AIROPS_ERR_UNAUTHORIZED,
            Code::NotFound => sys::AIROPS_ERR_NOT_FOUND,
            Code::BadRequest => sys::AIROPS_ERR_BAD_REQUEST,
            Code::RateLimited => sys::AIROPS_ERR_RATE_LIMITED,
            Code::Server => sys::AIROPS_ERR_SERVER,
            Code::Network => sys::AIROPS_ERR_NETWORK,
            Code::Timeout => sys::AIROPS_ERR_TIMEOUT,
            Code::Protocol => sys::AIROPS_ERR_PROTOCOL,
            Code::Internal => sys::AIROPS_ERR_INTERNAL,
            Code::Redirect => sys::AIROPS_ERR_REDIRECT,
            Code::Forked => sys::AIROPS_ERR_FORKED,
            Code::Cancelled => sys::AIROPS_ERR_CANCELLED,
            Code::Unknown(raw) => raw,
        }
    }

    /// The library's name of the code, e.g. `"AIROPS_ERR_NOT_FOUND"`.
    pub fn name(self) -> &'static str {
        // SAFETY: airops_code_name returns static storage, never NULL.
        unsafe { static_str(sys::airops_code_name(self.raw())) }
    }
}

/// A failed call: the library's code, the HTTP status that caused it and its message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    code: Code,
    http_status: u16,
    message: String,
}

impl Error {
    /// A failure detected while converting arguments for the C call (e.g. a NUL byte inside
    /// a string), reported as the library reports bad arguments.
    pub(crate) fn invalid_argument(message: impl Into<String>) -> Error {
        Error {
            code: Code::InvalidArgument,
            http_status: 0,
            message: message.into(),
        }
    }

    /// A broken promise of the library (e.g. success without the object it hands over).
    pub(crate) fn internal(message: impl Into<String>) -> Error {
        Error {
            code: Code::Internal,
            http_status: 0,
            message: message.into(),
        }
    }

    /// An operation on a handle that was closed.
    pub(crate) fn closed(what: &str) -> Error {
        Error::invalid_argument(format!("the {} is closed", what))
    }

    /// Copies a borrowed `airops_error` (as completion callbacks receive it). `code` is what
    /// the call returned, used when the library gave no error object.
    ///
    /// # Safety
    /// `error` is NULL or a valid `airops_error`.
    pub(crate) unsafe fn copy(code: sys::airops_code, error: *const sys::airops_error) -> Error {
        if error.is_null() {
            return Error {
                code: Code::from_raw(code),
                http_status: 0,
                message: String::new(),
            };
        }
        Error {
            code: Code::from_raw(sys::airops_error_code(error)),
            http_status: u16::try_from(sys::airops_error_http_status(error)).unwrap_or(0),
            message: borrowed(sys::airops_error_message(error))
                .unwrap_or_default()
                .to_owned(),
        }
    }

    /// The kind of failure.
    pub fn code(&self) -> Code {
        self.code
    }

    /// The HTTP status of the answer that caused the error; None when no HTTP answer did.
    pub fn http_status(&self) -> Option<u16> {
        if self.http_status == 0 {
            None
        } else {
            Some(self.http_status)
        }
    }

    /// The server's error text for HTTP errors, else the library's message.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}", self.message, self.code.name())?;
        if let Some(status) = self.http_status() {
            write!(f, ", HTTP {}", status)?;
        }
        f.write_str(")")
    }
}

impl std::error::Error for Error {}

/// Runs a C call that reports failure through an `airops_error **` and turns its outcome
/// into a `Result`, freeing the error object.
pub(crate) fn call(body: impl FnOnce(*mut *mut sys::airops_error) -> sys::airops_code) -> Result<()> {
    let mut error = ptr::null_mut();
    let code = body(&mut error);
    if code == sys::AIROPS_OK {
        return Ok(());
    }
    // SAFETY: on failure the library filled `error` (or left it NULL); we own it.
    unsafe {
        let copied = Error::copy(code, error);
        sys::airops_error_free(error);
        Err(copied)
    }
}
