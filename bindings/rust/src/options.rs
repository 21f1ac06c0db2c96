//! [`ClientBuilder`]: the client's options (`airops_options`), each forwarded to the
//! library as it is set.

use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::ptr::{self, NonNull};
use std::time::Duration;

use crate::client::Client;
use crate::error::{call, Error, Result};
use crate::execution::millis;
use crate::log::{on_log, LogLevel, LogSink};
use crate::strings::c_string;
use crate::sys;

/// How a client delivers events and completions to their handlers (`airops_delivery`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Delivery {
    /// On the client's delivery thread as soon as they arrive, one at a time. The default.
    Direct,
    /// Held until a thread calls [`Client::dispatch`]; [`Client::event_fd`] is readable
    /// while they wait.
    Queued,
}

/// Builds a [`Client`]. Each setter hands its value to the library at once; the first one
/// the library rejects is the error [`build`](ClientBuilder::build) returns.
///
/// Without [`identity`](ClientBuilder::identity) the client runs public apps only.
pub struct ClientBuilder {
    raw: NonNull<sys::airops_options>,
    error: Option<Error>,
    log: Option<Box<LogSink>>,
}

// SAFETY: the options are only touched through `self`, and any thread may call the library.
unsafe impl Send for ClientBuilder {}

impl ClientBuilder {
    pub(crate) fn new() -> ClientBuilder {
        // SAFETY: returns NULL only when memory is exhausted.
        let raw = unsafe { sys::airops_options_new() };
        ClientBuilder {
            raw: NonNull::new(raw).expect("airops_options_new: out of memory"),
            error: None,
            log: None,
        }
    }

    /// Forwards one setter unless an earlier one failed.
    fn set(mut self, body: impl FnOnce(*mut sys::airops_options) -> Result<()>) -> Self {
        if self.error.is_none() {
            self.error = body(self.raw.as_ptr()).err();
        }
        self
    }

    /// Identifies the end user: your id for the user, the workspace id and the hashed user
    /// id ([`hash_user_id`](crate::hash_user_id), computed on your backend).
    pub fn identity(self, user_id: &str, workspace_id: &str, hashed_user_id: &str) -> Self {
        self.set(|options| {
            let (user, workspace, hashed) = (
                c_string(user_id, "user_id")?,
                c_string(workspace_id, "workspace_id")?,
                c_string(hashed_user_id, "hashed_user_id")?,
            );
            call(|error| unsafe {
                sys::airops_options_set_identity(options, user.as_ptr(), workspace.as_ptr(), hashed.as_ptr(), error)
            })
        })
    }

    /// The API host, e.g. `"http://127.0.0.1:8080"` (default `"https://app.airops.com"`).
    pub fn host(self, host: &str) -> Self {
        self.set(|options| {
            let host = c_string(host, "host")?;
            call(|error| unsafe { sys::airops_options_set_host(options, host.as_ptr(), error) })
        })
    }

    /// The timeout of one HTTP request, from connecting to the last byte (default 30 s).
    pub fn request_timeout(self, timeout: Duration) -> Self {
        self.set(|options| {
            call(|error| unsafe { sys::airops_options_set_request_timeout(options, millis(timeout), error) })
        })
    }

    /// Applies `AIROPS_HOST` and `AIROPS_PUSHER_KEY` with `AIROPS_REALTIME_URL` or
    /// `AIROPS_PUSHER_CLUSTER`, where set (never the identity). Later setters override them.
    pub fn load_environment(self) -> Self {
        self.set(|options| call(|error| unsafe { sys::airops_options_load_environment(options, error) }))
    }

    /// The realtime endpoint for streamed executions and chat: a `ws://` or `wss://` URL and
    /// the Pusher app key.
    pub fn realtime_url(self, url: &str, key: &str) -> Self {
        self.set(|options| {
            let (url, key) = (c_string(url, "url")?, c_string(key, "key")?);
            call(|error| unsafe { sys::airops_options_set_realtime_url(options, url.as_ptr(), key.as_ptr(), error) })
        })
    }

    /// The realtime endpoint on hosted Pusher: the app key and the cluster, e.g. `"us2"`.
    pub fn pusher(self, key: &str, cluster: &str) -> Self {
        self.set(|options| {
            let (key, cluster) = (c_string(key, "key")?, c_string(cluster, "cluster")?);
            call(|error| unsafe { sys::airops_options_set_pusher(options, key.as_ptr(), cluster.as_ptr(), error) })
        })
    }

    /// How long a streamed call waits for the realtime server to confirm its subscription
    /// (default 10 s).
    pub fn subscription_timeout(self, timeout: Duration) -> Self {
        self.set(|options| {
            call(|error| unsafe { sys::airops_options_set_subscription_timeout(options, millis(timeout), error) })
        })
    }

    /// Trusts the certificate authorities in this PEM file instead of the system's.
    pub fn ca_file(self, path: impl AsRef<Path>) -> Self {
        self.set(|options| {
            let path = c_string(path.as_ref().as_os_str().as_bytes(), "path")?;
            call(|error| unsafe { sys::airops_options_set_ca_file(options, path.as_ptr(), error) })
        })
    }

    /// How often a failed request is sent again (default 2; 0 never).
    pub fn max_retries(self, max_retries: u32) -> Self {
        self.set(|options| {
            let count = i32::try_from(max_retries)
                .map_err(|_| Error::invalid_argument(format!("max_retries is out of range: {}", max_retries)))?;
            call(|error| unsafe { sys::airops_options_set_max_retries(options, count, error) })
        })
    }

    /// Sends the client's log messages at `min_level` and above to `handler`, which runs on
    /// library threads, possibly several at once, and must not block.
    pub fn log(mut self, min_level: LogLevel, handler: impl Fn(LogLevel, &str) + Send + Sync + 'static) -> Self {
        let sink = LogSink::new(handler);
        let user_data = sink.user_data();
        self = self.set(|options| {
            call(|error| unsafe {
                sys::airops_options_set_log_callback(options, min_level.raw(), Some(on_log), user_data, error)
            })
        });
        // The options point at the sink: the client keeps it until it is freed.
        self.log = Some(sink);
        self
    }

    /// Chooses how events and completions are delivered (default [`Delivery::Direct`]).
    pub fn delivery(self, delivery: Delivery) -> Self {
        let raw = match delivery {
            Delivery::Direct => sys::AIROPS_DELIVERY_DIRECT,
            Delivery::Queued => sys::AIROPS_DELIVERY_QUEUED,
        };
        self.set(|options| call(|error| unsafe { sys::airops_options_set_delivery(options, raw, error) }))
    }

    /// Creates the client, or reports the first option the library rejected.
    pub fn build(mut self) -> Result<Client> {
        if let Some(error) = self.error.take() {
            return Err(error);
        }
        let mut out = ptr::null_mut();
        call(|error| unsafe { sys::airops_client_new(self.raw.as_ptr(), &mut out, error) })?;
        let raw = NonNull::new(out).ok_or_else(|| Error::internal("the library returned no client"))?;
        Ok(Client::adopt(raw, self.log.take()))
    }
}

impl Drop for ClientBuilder {
    fn drop(&mut self) {
        // SAFETY: we own the options; a client built from them copied what it needs.
        unsafe { sys::airops_options_free(self.raw.as_ptr()) }
    }
}
