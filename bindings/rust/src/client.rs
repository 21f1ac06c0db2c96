//! [`Client`]: the connection pool, realtime connection and event delivery of one identity.

use std::fmt;
use std::os::unix::io::RawFd;
use std::ptr::{self, NonNull};
use std::sync::Arc;
use std::time::Duration;

use crate::error::{call, Error, Result};
use crate::execution::Execution;
use crate::log::LogSink;
use crate::options::ClientBuilder;
use crate::pending::{start_json, Pending};
use crate::poll::wait_readable;
use crate::request::{Chat, Execute};
use crate::strings::{c_string, take};
use crate::sys;

/// The `airops_client` shared by a [`Client`] and the executions made from it, so that it is
/// freed after the last of them (the library requires executions to be freed first).
pub(crate) struct ClientHandle {
    raw: NonNull<sys::airops_client>,
    /// Declared after `raw`: dropped once `airops_client_free` has returned.
    _log: Option<Box<LogSink>>,
}

// SAFETY: every function may be called from any thread, and handles may be shared.
unsafe impl Send for ClientHandle {}
unsafe impl Sync for ClientHandle {}

impl ClientHandle {
    pub(crate) fn as_ptr(&self) -> *mut sys::airops_client {
        self.raw.as_ptr()
    }
}

impl Drop for ClientHandle {
    fn drop(&mut self) {
        // SAFETY: the last owner; every execution of the client has been freed.
        unsafe { sys::airops_client_free(self.raw.as_ptr()) }
    }
}

/// A client of the AirOps API (`airops_client`), built with [`Client::builder`].
///
/// Share one client between threads (it is `Send + Sync`). Dropping or
/// [closing](Client::close) it closes its connections once the executions made from it are
/// freed too; after that no handler of it runs again.
pub struct Client {
    /// None once closed.
    handle: Option<Arc<ClientHandle>>,
}

impl Client {
    /// Options for a new client: public by default, identified with
    /// [`ClientBuilder::identity`].
    pub fn builder() -> ClientBuilder {
        ClientBuilder::new()
    }

    pub(crate) fn adopt(raw: NonNull<sys::airops_client>, log: Option<Box<LogSink>>) -> Client {
        Client {
            handle: Some(Arc::new(ClientHandle { raw, _log: log })),
        }
    }

    pub(crate) fn handle(&self) -> Result<&Arc<ClientHandle>> {
        self.handle.as_ref().ok_or_else(|| Error::closed("client"))
    }

    /// Fetches an app's description as JSON. Blocks for one request.
    pub fn get_app(&self, app_id: &str) -> Result<String> {
        let client = self.handle()?;
        let app_id = c_string(app_id, "app_id")?;
        let mut out = ptr::null_mut();
        call(|error| unsafe { sys::airops_app_get(client.as_ptr(), app_id.as_ptr(), &mut out, error) })?;
        // SAFETY: the call handed the string over.
        Ok(unsafe { take(out) })
    }

    /// [`get_app`](Client::get_app) without blocking: the description arrives as the
    /// call's outcome.
    pub fn get_app_async(&self, app_id: &str) -> Result<Pending<String>> {
        let client = self.handle()?;
        let app_id = c_string(app_id, "app_id")?;
        start_json(|on_done, user_data, error| unsafe {
            sys::airops_app_get_async(client.as_ptr(), app_id.as_ptr(), on_done, user_data, error)
        })
    }

    /// Starts an execution of `app_id`: set its inputs and version on the returned request,
    /// then start it plain, streamed or without blocking.
    pub fn execute<'a>(&'a self, app_id: &'a str) -> Execute<'a> {
        Execute::new(self, app_id)
    }

    /// Sends `message` to the agent app `app_id`; continue a conversation with
    /// [`Chat::session`].
    pub fn chat<'a>(&'a self, app_id: &'a str, message: &'a str) -> Chat<'a> {
        Chat::new(self, app_id, message)
    }

    /// Opens a handle on an existing execution by its id, to fetch, wait for or cancel it.
    /// Sends no request: an unknown id is reported by the first call that reaches the server.
    pub fn open_execution(&self, execution_id: &str) -> Result<Execution> {
        let client = self.handle()?;
        let id = c_string(execution_id, "execution_id")?;
        let mut out = ptr::null_mut();
        call(|error| unsafe { sys::airops_execution_open(client.as_ptr(), id.as_ptr(), &mut out, error) })?;
        Execution::adopt(out, client.clone(), None)
    }

    /// Queued delivery: a descriptor that is readable while events wait for
    /// [`dispatch`](Client::dispatch) (for poll/epoll); None in direct delivery or once
    /// closed. Owned by the client: do not read, write or close it.
    pub fn event_fd(&self) -> Option<RawFd> {
        let client = self.handle.as_ref()?;
        // SAFETY: a valid client.
        let fd = unsafe { sys::airops_client_event_fd(client.as_ptr()) };
        if fd < 0 {
            None
        } else {
            Some(fd)
        }
    }

    /// Queued delivery: runs the handlers of up to `max_events` waiting events and
    /// completions (0: all that wait now) on the calling thread; returns how many ran.
    pub fn dispatch(&self, max_events: usize) -> Result<usize> {
        let client = self.handle()?;
        let mut count = 0;
        call(|error| unsafe { sys::airops_client_dispatch(client.as_ptr(), max_events, &mut count, error) })?;
        Ok(count)
    }

    /// Queued delivery: blocks until events wait for [`dispatch`](Client::dispatch) or
    /// `timeout` passes (None: no limit); returns whether they wait.
    pub fn wait_for_events(&self, timeout: Option<Duration>) -> Result<bool> {
        let fd = self
            .event_fd()
            .ok_or_else(|| Error::invalid_argument("wait_for_events needs an open client in queued delivery"))?;
        wait_readable(fd, timeout).map_err(|error| Error::internal(format!("poll failed: {}", error)))
    }

    /// Releases the client now (dropping it does the same): its connections close once the
    /// executions made from it are freed too. Closing twice is harmless; other calls on a
    /// closed client fail with an invalid-argument error.
    pub fn close(&mut self) {
        self.handle = None;
    }

    /// Whether [`close`](Client::close) has been called.
    pub fn is_closed(&self) -> bool {
        self.handle.is_none()
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client").field("closed", &self.is_closed()).finish()
    }
}
