//! [`ClientBuilder`]: the client's options (`airops_options`), each forwarded to the
//! library as it is set.

use std::os::raw::c_int;
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

/// What a client does with an HTTP redirect, a 3xx with a Location (`airops_redirects`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Redirects {
    /// A 3xx answer is an error: [`Code::Redirect`](crate::Code::Redirect), the status in
    /// [`Error::http_status`], the target in the message. The default.
    Never,
    /// Redirects to the same origin (scheme, host and port) are followed, up to 5 in a row;
    /// any other target is an error as with [`Redirects::Never`], so the identity and the body
    /// never reach another origin and https is never downgraded to http. 307 and 308 repeat
    /// the method and body; 303, and 301/302 after a POST, continue with a GET.
    SameOrigin,
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
    /// `AIROPS_PUSHER_CLUSTER`, where set (never the identity), and the proxy variables,
    /// lower-case names first as in libcurl: `https_proxy`/`HTTPS_PROXY` for https:// and
    /// wss:// targets, `http_proxy`/`HTTP_PROXY` for http:// and ws:// (the upper-case one is
    /// ignored when `REQUEST_METHOD` is set, as in a CGI program), `all_proxy`/`ALL_PROXY` for
    /// both when the specific one is unset, and `no_proxy`/`NO_PROXY`. Later setters override
    /// them; [`proxy`](ClientBuilder::proxy) and [`no_proxy`](ClientBuilder::no_proxy)
    /// override the proxy variables whenever they are called.
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

    /// How many events of one streamed execution may wait for its handler, and in queued
    /// delivery how many handlers may wait for a dispatch (default 10000; 1 to 10000000). A
    /// handler that falls further behind gets, instead of the rest of the stream, one
    /// `Completed` event whose `error_code` is `"events_overflowed"`.
    pub fn max_buffered_events(self, max_events: usize) -> Self {
        self.set(|options| {
            call(|error| unsafe { sys::airops_options_set_max_buffered_events(options, max_events, error) })
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

    /// Sends every connection through the HTTP proxy `proxy_url`,
    /// `"http://[user:password@]host[:port]"` (port 80 when omitted), overriding
    /// `HTTPS_PROXY`, `HTTP_PROXY` and `ALL_PROXY`. Every connection, API and realtime
    /// WebSocket alike, is a CONNECT tunnel to the target host, with TLS to the target inside
    /// it for https:// and wss://: the proxy relays bytes and never sees a request or the
    /// identity headers. Credentials in the URL are percent-decoded and sent as
    /// `Proxy-Authorization: Basic`; they never appear in a log or an error message. `""`
    /// connects directly, whatever the environment says. Hosts that
    /// [`no_proxy`](ClientBuilder::no_proxy) (or `NO_PROXY`) names are reached directly.
    ///
    /// A proxy that refuses the tunnel (or wants credentials) fails the call with
    /// [`Code::Network`](crate::Code::Network) and a message that names the proxy and says
    /// "refused the tunnel" (with the proxy's status where it is known: 407 always). A URL
    /// that is not http:// with a host, or has a path or an invalid port, is an
    /// invalid-argument error.
    pub fn proxy(self, proxy_url: &str) -> Self {
        self.set(|options| {
            let url = c_string(proxy_url, "proxy_url")?;
            call(|error| unsafe { sys::airops_options_set_proxy(options, url.as_ptr(), error) })
        })
    }

    /// Sets the hosts reached without the proxy, overriding `NO_PROXY`: a comma-separated
    /// list of host names, domain suffixes (`".example.com"` and `"example.com"` both match
    /// the domain and its subdomains), IP addresses and CIDR ranges (`"10.0.0.0/8"`,
    /// `"::1/128"`), each optionally with `":port"`; `"*"` matches every host. `""` proxies
    /// every host. Loopback hosts are proxied too unless the list names them, as in libcurl.
    /// An entry of another form is an invalid-argument error.
    pub fn no_proxy(self, hosts: &str) -> Self {
        self.set(|options| {
            let hosts = c_string(hosts, "hosts")?;
            call(|error| unsafe { sys::airops_options_set_no_proxy(options, hosts.as_ptr(), error) })
        })
    }

    /// Chooses how redirects are handled (default [`Redirects::Never`]).
    pub fn redirects(self, redirects: Redirects) -> Self {
        let raw = match redirects {
            Redirects::Never => sys::AIROPS_REDIRECTS_NEVER,
            Redirects::SameOrigin => sys::AIROPS_REDIRECTS_SAME_ORIGIN,
        };
        self.set(|options| call(|error| unsafe { sys::airops_options_set_redirects(options, raw, error) }))
    }

    /// Allows (`true`) or forbids (`false`, the default) an identified client to talk plain
    /// http:// to a host that is not loopback. By default [`build`](ClientBuilder::build)
    /// refuses such a client, since the hashed user id is a credential; loopback hosts
    /// (127.0.0.0/8, ::1, `"localhost"`) are always allowed, so the dev server needs no
    /// opt-in. A ws:// realtime URL next to an https:// host is refused whatever this says.
    pub fn allow_insecure_http(self, allow: bool) -> Self {
        self.set(|options| {
            call(|error| unsafe { sys::airops_options_allow_insecure_http(options, c_int::from(allow), error) })
        })
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
