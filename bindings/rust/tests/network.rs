//! The network options over plain HTTP: the insecure-http opt-in, proxies (CONNECT tunnels,
//! a refusing proxy) and the redirect policy. Needs `tests/with_dev_server.py --net-tools`,
//! which runs the proxies and the witness server; the witness stands for another origin.

mod common;

use airops::{Code, Redirects};
use common::http::authority;
use common::net::{witness_url, witnessed, Faults, ProxyLog, ProxyStats};
use common::{builder, completed_content, drain, stat, var};

const HELLO: &str = r#"{"name": "Ada"}"#;

fn nothing(seen: ProxyStats) {
    assert_eq!(
        seen,
        ProxyStats {
            connects: Vec::new(),
            forwards: 0,
            auth_failures: 0
        }
    );
}

#[test]
fn network_plain_http_to_a_remote_host_needs_the_opt_in() {
    let proxy = var("AIROPS_TEST_PROXY");
    let log = ProxyLog::start(&proxy);
    let error = builder()
        .host("http://example.com")
        .proxy(&proxy)
        .build()
        .expect_err("an identified client of http://example.com is refused");
    assert_eq!(error.code(), Code::InvalidArgument, "{}", error);
    assert!(error.message().contains("https://"), "{}", error);
    // Refused at creation: nothing was sent.
    nothing(log.since());

    builder()
        .host("http://example.com")
        .allow_insecure_http(true)
        .build()
        .expect("the opt-in allows plain http");
    builder()
        .host("http://example.com")
        .allow_insecure_http(true)
        .allow_insecure_http(false)
        .build()
        .expect_err("the opt-in can be taken back");
}

#[test]
fn network_a_streamed_execution_goes_through_the_proxy() {
    let proxy = var("AIROPS_TEST_PROXY");
    let log = ProxyLog::start(&proxy);
    let client = builder().proxy(&proxy).max_retries(0).build().unwrap();
    let (execution, mut events) = client.execute("hello-world").inputs(HELLO).events().unwrap();
    let received = drain(&mut events);
    let result = execution.wait().unwrap();
    assert_eq!(completed_content(&received), result.output().unwrap());

    let seen = log.since();
    // Plain HTTP is tunnelled too: the proxy never reads a request or the identity headers.
    assert_eq!(seen.forwards, 0, "{:?}", seen);
    let dev_server = authority(&var("AIROPS_HOST")).to_owned();
    assert!(
        seen.connects
            .iter()
            .all(|connect| connect.target == dev_server && connect.status == 200),
        "{:?}",
        seen
    );
    // The WebSocket has a connection of its own, so the API calls need another one.
    assert!(seen.connects.len() >= 2, "{:?}", seen);
}

#[test]
fn network_no_proxy_bypasses_the_proxy() {
    let proxy = var("AIROPS_TEST_PROXY");
    let log = ProxyLog::start(&proxy);
    let client = builder().proxy(&proxy).no_proxy("127.0.0.0/8").build().unwrap();
    // Not get_app: the redirect tests set faults on it.
    client
        .execute("hello-world")
        .inputs(HELLO)
        .start()
        .unwrap()
        .wait()
        .unwrap();
    nothing(log.since());
}

#[test]
fn network_a_refusing_proxy_is_a_network_error_naming_it() {
    let proxy = var("AIROPS_TEST_PROXY_REFUSING");
    let created = stat("executions_created");
    let client = builder().proxy(&proxy).max_retries(0).build().unwrap();
    let plain = client.execute("hello-world").inputs(HELLO).start().err();
    let streamed = client.execute("hello-world").inputs(HELLO).events().err();
    for error in [plain, streamed] {
        let error = error.expect("the refusing proxy fails the call");
        assert_eq!(error.code(), Code::Network, "{}", error);
        assert_eq!(
            error.http_status(),
            None,
            "the proxy's answer, not the server's: {}",
            error
        );
        let message = error.message();
        assert!(
            message.contains(&proxy) && message.contains("refused the tunnel") && message.contains("403"),
            "{}",
            error
        );
    }
    assert_eq!(stat("executions_created"), created);
}

#[test]
fn network_malformed_proxy_options_are_rejected() {
    for proxy in [
        "socks5://tester:s3cret@127.0.0.1:1080",
        "http://tester:s3cret@",
        "http://host:99999",
    ] {
        let error = builder().proxy(proxy).build().expect_err(proxy);
        assert_eq!(error.code(), Code::InvalidArgument, "{}: {}", proxy, error);
        assert!(!error.message().contains("s3cret"), "{}", error);
    }
    for hosts in ["10.0.0.0/99", "a b"] {
        let error = builder().no_proxy(hosts).build().expect_err(hosts);
        assert_eq!(error.code(), Code::InvalidArgument, "{}: {}", hosts, error);
    }
}

#[test]
fn network_a_redirect_is_an_error_with_its_status() {
    let target = witness_url();
    let _faults = Faults::redirect("get_app", 307, &target, 1);
    let error = builder()
        .max_retries(0)
        .build()
        .unwrap()
        .get_app("hello-world")
        .unwrap_err();
    assert_eq!(
        (error.code(), error.http_status()),
        (Code::Redirect, Some(307)),
        "{}",
        error
    );
    assert_eq!(error.code().name(), "AIROPS_ERR_REDIRECT");
    assert!(error.message().contains(authority(&target)), "{}", error);
    let path = &target[target.rfind('/').unwrap()..];
    assert!(!witnessed().contains(path), "the redirect was followed");
}

#[test]
fn network_same_origin_redirects_are_followed_when_asked() {
    let same_origin = format!("{}/sdk_api/airops_app_bases/hello-world", var("AIROPS_HOST"));
    let client = builder()
        .redirects(Redirects::SameOrigin)
        .max_retries(0)
        .build()
        .unwrap();
    {
        let _faults = Faults::redirect("get_app", 302, &same_origin, 1);
        assert!(client.get_app("hello-world").unwrap().contains("hello-world"));
    }
    let _faults = Faults::redirect("get_app", 307, &witness_url(), 1);
    let error = client.get_app("hello-world").unwrap_err();
    assert_eq!(
        (error.code(), error.http_status()),
        (Code::Redirect, Some(307)),
        "{}",
        error
    );
}
