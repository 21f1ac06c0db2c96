@testable import AirOps
import XCTest

final class WebSocketAddressTests: XCTestCase {
    func testHostPortAndTarget() throws {
        let plain = try WebSocketAddress(url: "ws://127.0.0.1:8080/app/k?protocol=7")
        XCTAssertEqual(plain, try WebSocketAddress(url: "WS://127.0.0.1:8080/app/k?protocol=7"))
        XCTAssertFalse(plain.secure)
        XCTAssertEqual(plain.host, "127.0.0.1")
        XCTAssertEqual(plain.port, 8080)
        XCTAssertEqual(plain.requestTarget, "/app/k?protocol=7")
        XCTAssertEqual(plain.hostHeader, "127.0.0.1:8080")

        let hosted = try WebSocketAddress(url: "wss://ws-mt1.pusher.com/app/k")
        XCTAssertTrue(hosted.secure)
        XCTAssertEqual(hosted.port, 443)
        XCTAssertEqual(hosted.hostHeader, "ws-mt1.pusher.com")

        let v6 = try WebSocketAddress(url: "ws://[::1]:9000")
        XCTAssertEqual(v6.host, "::1")
        XCTAssertEqual(v6.port, 9000)
        XCTAssertEqual(v6.requestTarget, "/")
        XCTAssertEqual(v6.hostHeader, "[::1]:9000")
    }

    func testInvalidURLsAreRefused() {
        for url in ["http://host/", "ws://", "ws://:80/", "ws://host:0/", "ws://host:70000/", "ws://host:x/"] {
            XCTAssertThrowsError(try WebSocketAddress(url: url), url)
        }
    }
}
