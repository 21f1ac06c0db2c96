//! The Rust binding of libairops, the native AirOps client SDK.
//!
//! A thin, safe layer over the C ABI of `airops.h` (declared in [`sys`]): every call
//! converts its arguments and forwards them to `libairops.so`, where the logic lives.
//!
//! - [`Client`] (from [`Client::builder`]) runs apps: [`Client::execute`],
//!   [`Client::chat`], [`Client::get_app`], [`Client::open_execution`];
//! - [`Execution`] waits for, fetches and cancels one run; [`ExecutionResult`] is its record;
//! - events of streamed runs and chats reach a closure or an [`Events`] iterator;
//! - the non-blocking `_async` calls return a [`Pending`], to wait for or to `.await`;
//! - failures are [`Error`]s with a [`Code`], the HTTP status and the message.
//!
//! Handles are freed when dropped; [`Client`] and [`Execution`] are `Send + Sync`. Event and
//! log handlers run on library threads (or in [`Client::dispatch`] with
//! [`Delivery::Queued`]), so they are `Fn + Send + Sync + 'static`.
//!
//! ```no_run
//! let client = airops::Client::builder()
//!     .host("http://127.0.0.1:8080")
//!     .identity("user-1", "1", "<hashed user id>")
//!     .build()?;
//! let result = client.execute("hello-world").inputs(r#"{"name": "Ada"}"#).start()?.wait()?;
//! println!("{}", result.output().unwrap_or_default());
//! # Ok::<(), airops::Error>(())
//! ```

mod client;
mod error;
mod event;
mod execution;
mod identity;
mod log;
mod options;
mod pending;
mod poll;
mod request;
mod result;
mod stream;
mod strings;
pub mod sys;

pub use client::Client;
pub use error::{Code, Error, Result};
pub use event::{Event, EventKind};
pub use execution::Execution;
pub use identity::hash_user_id;
pub use log::LogLevel;
pub use options::{ClientBuilder, Delivery, Redirects};
pub use pending::Pending;
pub use request::{Chat, Execute};
pub use result::{ExecutionResult, State};
pub use stream::Events;

/// The library's version string, e.g. `"0.1.0"`.
pub fn version() -> &'static str {
    // SAFETY: static storage, never NULL.
    unsafe { strings::static_str(sys::airops_version()) }
}

/// The library's version as one number (major * 10000 + minor * 100 + patch), to compare
/// with [`sys::AIROPS_VERSION_NUMBER`], the header version of this crate.
pub fn version_number() -> i32 {
    // SAFETY: no arguments.
    unsafe { sys::airops_version_number() }
}
