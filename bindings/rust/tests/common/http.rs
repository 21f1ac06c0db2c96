//! Plain HTTP/1.1 to the loopback servers of the tests (the dev server, the proxies, the
//! witness), straight over TCP: never through the SDK or a proxy, and with no crates.

use std::io::{Read, Write};
use std::net::TcpStream;

use super::PATIENCE;

/// `host:port` of an `http://` URL, without credentials or path.
pub fn authority(url: &str) -> &str {
    let rest = url
        .strip_prefix("http://")
        .unwrap_or_else(|| panic!("the test servers speak plain HTTP on loopback, not {}", url));
    let authority = rest.split('/').next().unwrap_or_default();
    authority.rsplit('@').next().unwrap_or_default()
}

/// Sends one request to `url` (an `http://` URL with an optional path) and returns the
/// answer's status and body.
pub fn request(method: &str, url: &str, headers: &[(&str, &str)], body: &str) -> (u16, String) {
    let address = authority(url);
    let path = url
        .strip_prefix("http://")
        .and_then(|rest| rest.find('/').map(|slash| &rest[slash..]))
        .unwrap_or("/");
    let mut stream = TcpStream::connect(address).unwrap_or_else(|e| panic!("connect to {}: {}", address, e));
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    let mut head = format!(
        "{} {} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nContent-Length: {}\r\n",
        method,
        path,
        address,
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{}: {}\r\n", name, value));
    }
    write!(stream, "{}\r\n{}", head, body).unwrap();
    let mut answer = String::new();
    stream
        .read_to_string(&mut answer)
        .unwrap_or_else(|e| panic!("{} {}: {}", method, url, e));
    let (head, body) = answer
        .split_once("\r\n\r\n")
        .unwrap_or_else(|| panic!("{} {}: no end of headers in {:?}", method, url, answer));
    assert!(
        !head.to_ascii_lowercase().contains("transfer-encoding: chunked"),
        "{} {}: a chunked answer, which these servers do not send: {}",
        method,
        url,
        head
    );
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|status| status.parse().ok())
        .unwrap_or_else(|| panic!("{} {}: no status in {:?}", method, url, head));
    (status, body.to_owned())
}

/// The JSON answer of a GET that must succeed.
pub fn get(url: &str) -> String {
    let (status, body) = request("GET", url, &[], "");
    assert_eq!(status, 200, "GET {}: {}", url, body);
    body
}

/// The text after `"key":` in a JSON text, from the value on.
pub fn after_key<'a>(json: &'a str, key: &str) -> &'a str {
    let pattern = format!("\"{}\":", key);
    let start = json.find(&pattern).unwrap_or_else(|| panic!("no {} in {}", key, json)) + pattern.len();
    json[start..].trim_start()
}

/// The number of `"key"` in a flat JSON text.
pub fn number_field(json: &str, key: &str) -> u64 {
    let digits: String = after_key(json, key).chars().take_while(char::is_ascii_digit).collect();
    digits
        .parse()
        .unwrap_or_else(|_| panic!("{} is not a count in {}", key, json))
}

/// The string of `"key"` in a flat JSON text whose strings have no escapes.
pub fn string_field<'a>(json: &'a str, key: &str) -> &'a str {
    let value = after_key(json, key)
        .strip_prefix('"')
        .unwrap_or_else(|| panic!("{} is not a string in {}", key, json));
    &value[..value
        .find('"')
        .unwrap_or_else(|| panic!("an unterminated {} in {}", key, json))]
}
