//! `Client::get_app_async`: the app's description without blocking, a missing app, and a
//! call in flight when its client closes (queued delivery, never dispatched).

mod common;

use airops::{Code, Delivery};
use common::{builder, client, PATIENCE};

#[test]
fn app_async_found_and_not_found() {
    let client = client();
    let app = client.get_app_async("hello-world").unwrap().wait().unwrap();
    assert!(app.contains("\"uuid\":\"hello-world\""), "{}", app);
    let error = client.get_app_async("no-such-app").unwrap().wait().unwrap_err();
    assert_eq!(error.code(), Code::NotFound, "{}", error);
    // An empty id fails in the call or in its completion.
    let error = client.get_app_async("").and_then(|pending| pending.wait()).unwrap_err();
    assert_eq!(error.code(), Code::InvalidArgument, "{}", error);
}

#[test]
fn app_async_queued_completes_in_dispatch() {
    let client = builder().delivery(Delivery::Queued).build().unwrap();
    let mut pending = client.get_app_async("hello-world").unwrap();
    loop {
        assert!(
            client.wait_for_events(Some(PATIENCE)).unwrap(),
            "no completion within {:?}",
            PATIENCE
        );
        client.dispatch(0).unwrap();
        match pending.wait_timeout(std::time::Duration::ZERO) {
            Ok(outcome) => {
                assert!(outcome.unwrap().contains("hello-world"));
                break;
            }
            Err(again) => pending = again,
        }
    }
}

/// The library runs a completion still waiting for its dispatch while the client is freed:
/// the call is done as soon as close returns.
#[test]
fn app_async_in_flight_at_close_completes_during_close() {
    let mut client = builder().delivery(Delivery::Queued).build().unwrap();
    let pending = client.get_app_async("hello-world").unwrap();
    client.close();
    assert!(pending.is_done(), "the completion did not run during close");
    match pending.wait() {
        Ok(app) => assert!(app.contains("hello-world"), "{}", app),
        Err(error) => assert_eq!(error.code(), Code::Cancelled, "{}", error),
    }
}
