@testable import AirOps
import XCTest

/// The one URL parser behind the host, the realtime URL and the proxy.
final class ServiceURLTests: XCTestCase {
    func testHostPortPathAndDefaults() throws {
        let plain = try ServiceURL("WS://127.0.0.1:8080/", "url", schemes: [.ws, .wss])
        XCTAssertEqual(plain.scheme, .ws)
        XCTAssertEqual(plain.host, "127.0.0.1")
        XCTAssertEqual(plain.port, 8080)
        XCTAssertEqual(plain.path, "")
        XCTAssertEqual(plain.authority, "127.0.0.1:8080")

        let hosted = try ServiceURL("https://App.AirOps.com/api/", "host", schemes: [.https])
        XCTAssertEqual(hosted.port, 443)
        XCTAssertEqual(hosted.path, "/api")
        XCTAssertEqual(hosted.authority, "app.airops.com")
        XCTAssertEqual(hosted.text, "https://app.airops.com/api")

        let v6 = try ServiceURL("ws://[::1]:9000", "url", schemes: [.ws])
        XCTAssertEqual(v6.host, "::1")
        XCTAssertEqual(v6.authority, "[::1]:9000")
        XCTAssertTrue(v6.origin.isLoopback)
    }

    func testUserInfoOnlyWhereAllowed() throws {
        let proxy = try ServiceURL("http://user:p%40ss@proxy.local:3128", "proxy", schemes: [.http], allowsCredentials: true)
        XCTAssertEqual(proxy.user, "user")
        XCTAssertEqual(proxy.password, "p@ss")
        XCTAssertEqual(proxy.text, "http://proxy.local:3128")
        XCTAssertEqual(NetworkPolicy.proxyAuthorization(proxy), "Basic dXNlcjpwQHNz")
        // A user name in a WebSocket URL is refused, not read as part of the host.
        XCTAssertThrowsError(try ServiceURL("ws://user@host:99", "url", schemes: [.ws]))
        do {
            _ = try ServiceURL("http://user:secret@host:0", "proxy", schemes: [.http], allowsCredentials: true)
            XCTFail("port 0 accepted")
        } catch {
            XCTAssertFalse(error.message.contains("secret"), error.message)
        }
    }

    func testInvalidURLsAreRefused() {
        for url in ["ftp://host/", "http://", "http://:80/", "http://host:0/", "http://host:70000/", "http://host:x/",
                    "http://ex ample.com", "http://host/?q", "http://host/#f", "http://host\u{7}/", "host"] {
            XCTAssertThrowsError(try ServiceURL(url, "host", schemes: [.http, .https]), url)
        }
    }

    func testLoopback() throws {
        for host in ["http://127.0.0.1:1", "http://127.8.9.10", "http://localhost:8080", "http://[::1]:80", "http://LOCALHOST"] {
            XCTAssertTrue(try ServiceURL(host, "host", schemes: [.http]).origin.isLoopback, host)
        }
        for host in ["http://example.com", "http://128.0.0.1", "http://[::2]", "http://localhost.example.com", "http://0.0.0.0"] {
            XCTAssertFalse(try ServiceURL(host, "host", schemes: [.http]).origin.isLoopback, host)
        }
    }
}
