//! S11: 20 streams at once on one client share one realtime connection. The only test of
//! its binary, so that no other test opens connections meanwhile.

mod common;

use std::thread;

use common::{chunks, client, completed_content, drain, stat, PATIENCE};

const STREAMS: usize = 20;

#[test]
fn s11_twenty_concurrent_streams_on_one_realtime_connection() {
    let connections_before = stat("realtime_connections_total");
    let client = client();
    thread::scope(|scope| {
        let runs: Vec<_> = (0..STREAMS)
            .map(|index| {
                let client = &client;
                scope.spawn(move || {
                    let inputs = format!(r#"{{"name": "n{}"}}"#, index);
                    let (execution, mut events) = client.execute("hello-world").inputs(&inputs).events().unwrap();
                    let events = drain(&mut events);
                    let result = execution.wait_timeout(PATIENCE).unwrap();
                    (index, events, result.output().map(str::to_owned))
                })
            })
            .collect();
        for run in runs {
            let (index, events, output) = run.join().expect("a stream's thread");
            let expected = format!("Hello, n{}! Welcome to AirOps.", index);
            assert_eq!(completed_content(&events), expected);
            assert_eq!(chunks(&events), expected);
            assert_eq!(output.as_deref(), Some(expected.as_str()));
        }
    });
    assert_eq!(stat("realtime_connections_total"), connections_before + 1);
}
