//! S01 and the library's version and options: calls that need no app.

mod common;

use std::time::Duration;

use airops::{hash_user_id, Client, Code};
use common::var;

#[test]
fn s01_hash_user_id_matches_the_dev_server() {
    let hashed = hash_user_id("demo-api-key", var("AIROPS_USER_ID")).unwrap();
    assert_eq!(hashed, var("AIROPS_HASHED_USER_ID"));
}

#[test]
fn s01_empty_api_key_is_an_invalid_argument() {
    let error = hash_user_id("", "user-1").unwrap_err();
    assert_eq!(error.code(), Code::InvalidArgument);
    assert_eq!(error.http_status(), None);
    assert!(!error.message().is_empty());
    assert!(error.to_string().contains("AIROPS_ERR_INVALID_ARGUMENT"), "{}", error);
}

#[test]
fn library_version_is_the_header_version() {
    assert_eq!(airops::version_number(), airops::sys::AIROPS_VERSION_NUMBER);
    assert_eq!(airops::version(), "0.1.0");
}

#[test]
fn code_names_come_from_the_library() {
    assert_eq!(Code::NotFound.name(), "AIROPS_ERR_NOT_FOUND");
    assert_eq!(Code::Timeout.raw(), 8);
}

#[test]
fn rejected_options_are_the_error_of_build() {
    let cases = [
        Client::builder().host("ftp://example.com"),
        Client::builder().request_timeout(Duration::ZERO),
        Client::builder().subscription_timeout(Duration::ZERO),
        Client::builder().realtime_url("http://127.0.0.1:1", "key"),
        Client::builder().pusher("", "us2"),
        Client::builder().identity("", "1", "x"),
        Client::builder().ca_file("/nonexistent/ca.pem"),
        Client::builder().max_retries(u32::MAX),
        Client::builder().host("http://127.0.0.1\0:1"),
    ];
    for builder in cases {
        let error = builder.build().unwrap_err();
        assert_eq!(error.code(), Code::InvalidArgument, "{}", error);
    }
}

#[test]
fn the_first_rejected_option_wins() {
    let error = Client::builder()
        .host("nonsense")
        .request_timeout(Duration::ZERO)
        .build()
        .unwrap_err();
    assert!(error.message().contains("host"), "{}", error);
}

#[test]
fn environment_options_and_hosted_pusher_build_a_client() {
    // AIROPS_HOST, AIROPS_REALTIME_URL and AIROPS_PUSHER_KEY come from with_dev_server.py.
    let client = Client::builder().load_environment().max_retries(0).build().unwrap();
    assert!(client.get_app("public-echo").unwrap().contains("\"uuid\""));
    let hosted = Client::builder().pusher("app-key", "us2").build();
    assert!(hosted.is_ok(), "{:?}", hosted);
}
