//! The network tools that `tests/with_dev_server.py --net-tools` runs (tests/net): what a
//! forward proxy did, what the witness received, and the dev server's fault rules.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};

use super::http::{after_key, authority, get, number_field, request, string_field};
use super::{admin_authorization, var};

/// One CONNECT a proxy answered: its target (`host:port`) and the status it gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Connect {
    pub target: String,
    pub status: u16,
}

/// What a proxy did (`GET /__stats` on it), or did since a [`ProxyLog`] began.
#[derive(Debug, PartialEq, Eq)]
pub struct ProxyStats {
    pub connects: Vec<Connect>,
    /// Requests it read and forwarded itself; the library only ever tunnels.
    pub forwards: usize,
    pub auth_failures: u64,
}

/// The objects of the JSON array of `"key"` in `json`, whose objects hold no arrays.
fn objects<'a>(json: &'a str, key: &str) -> Vec<&'a str> {
    let array = after_key(json, key)
        .strip_prefix('[')
        .unwrap_or_else(|| panic!("{} is not an array in {}", key, json));
    let array = &array[..array.find(']').expect("the end of the array")];
    array.split('}').filter(|object| object.contains('{')).collect()
}

pub fn proxy_stats(proxy_url: &str) -> ProxyStats {
    let json = get(&format!("http://{}/__stats", authority(proxy_url)));
    let connects = objects(&json, "connects")
        .into_iter()
        .map(|object| Connect {
            target: string_field(object, "target").to_owned(),
            status: number_field(object, "status") as u16,
        })
        .collect();
    ProxyStats {
        connects,
        forwards: objects(&json, "forwards").len(),
        auth_failures: number_field(&json, "auth_failures"),
    }
}

/// Holds `lock` for the rest of a test: the tests of a binary run on parallel threads and
/// share the tools. A test that failed holding it has undone its part while unwinding.
fn one_at_a_time(lock: &'static Mutex<()>) -> MutexGuard<'static, ()> {
    lock.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// What the proxies do from the moment this is made, while no other test of the binary
/// watches one.
pub struct ProxyLog {
    url: String,
    before: ProxyStats,
    _one_at_a_time: MutexGuard<'static, ()>,
}

impl ProxyLog {
    pub fn start(proxy_url: &str) -> ProxyLog {
        static WATCHING: Mutex<()> = Mutex::new(());
        let guard = one_at_a_time(&WATCHING);
        ProxyLog {
            url: proxy_url.to_owned(),
            before: proxy_stats(proxy_url),
            _one_at_a_time: guard,
        }
    }

    pub fn since(&self) -> ProxyStats {
        let now = proxy_stats(&self.url);
        ProxyStats {
            connects: now.connects[self.before.connects.len()..].to_vec(),
            forwards: now.forwards - self.before.forwards,
            auth_failures: now.auth_failures - self.before.auth_failures,
        }
    }
}

/// A fresh path on the witness (`AIROPS_TEST_WITNESS`), so that a test finds its own requests.
pub fn witness_url() -> String {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    format!(
        "{}/redirected-{}-{}",
        var("AIROPS_TEST_WITNESS"),
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

/// The requests the witness received, as its JSON list.
pub fn witnessed() -> String {
    get(&format!("{}/__witness", var("AIROPS_TEST_WITNESS")))
}

/// Fault rules of the dev server (`PUT /dev/faults`), which apply to every client: one set
/// at a time in a test binary, cleared when dropped. Clients of other tests that watch no
/// proxy and set no faults must not call the faulted endpoint.
pub struct Faults {
    _one_at_a_time: MutexGuard<'static, ()>,
}

fn put_faults(body: &str) {
    let url = format!("{}/dev/faults", var("AIROPS_HOST"));
    let token = admin_authorization();
    let headers = [("Authorization", token.as_str()), ("Content-Type", "application/json")];
    let (status, answer) = request("PUT", &url, &headers, body);
    assert_eq!(status, 200, "PUT /dev/faults {}: {}", body, answer);
}

impl Faults {
    /// Answers the dev server's `endpoint` (e.g. `get_app`) with `status` and `location`,
    /// the next `count` times.
    pub fn redirect(endpoint: &str, status: u16, location: &str, count: u32) -> Faults {
        static FAULTING: Mutex<()> = Mutex::new(());
        let guard = one_at_a_time(&FAULTING);
        put_faults(&format!(
            r#"{{"rules":[{{"endpoint":"{}","status":{},"location":"{}","count":{}}}]}}"#,
            endpoint, status, location, count
        ));
        Faults { _one_at_a_time: guard }
    }
}

impl Drop for Faults {
    fn drop(&mut self) {
        put_faults("{}");
    }
}
