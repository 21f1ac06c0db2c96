@testable import AirOps
import XCTest

/// The decisions of the network policy that need no server: proxies from the environment,
/// NO_PROXY matching, redirect targets, and what a client refuses to be made with.
final class NetworkPolicyTests: XCTestCase {
    private func origin(_ url: String) throws -> Origin {
        try ServiceURL(url, "url", schemes: [.http, .https, .ws, .wss]).origin
    }

    func testEnvironmentProxiesTakeLowerCaseFirstAndAllProxyLast() throws {
        let variables = ["https_proxy": "http://lower:1", "HTTPS_PROXY": "http://upper:2", "ALL_PROXY": "all:3"]
        let settings = try ProxySettings.environment { variables[$0] }
        XCTAssertEqual(settings.proxy(for: try origin("https://api.example.com"))?.authority, "lower:1")
        XCTAssertEqual(settings.proxy(for: try origin("wss://ws.example.com"))?.authority, "lower:1")
        XCTAssertEqual(settings.proxy(for: try origin("http://api.example.com"))?.authority, "all:3")
    }

    func testUpperCaseHTTPProxyIsIgnoredInACGIProgram() throws {
        let cgi = try ProxySettings.environment { ["HTTP_PROXY": "http://attacker:1", "REQUEST_METHOD": "GET"][$0] }
        XCTAssertNil(cgi.proxy(for: try origin("http://api.example.com")))
        let plain = try ProxySettings.environment { ["HTTP_PROXY": "http://corporate:1"][$0] }
        XCTAssertEqual(plain.proxy(for: try origin("http://api.example.com"))?.host, "corporate")
    }

    func testUnsupportedProxyURLsAreRefusedNamingTheVariable() {
        XCTAssertThrowsError(try ProxySettings.environment { ["ALL_PROXY": "socks5://127.0.0.1:1080"][$0] }) { error in
            XCTAssertTrue((error as? AirOpsError)?.message.contains("ALL_PROXY") ?? false)
        }
    }

    func testNoProxyMatching() throws {
        let list = try NoProxyList(" .example.com, internal, 10.0.0.0/8, 192.168.1.5, [::1]:8080, host:81, *.corp.test ", "NO_PROXY")
        for url in ["https://example.com", "https://api.example.com", "http://internal", "http://a.internal:99",
                    "http://10.20.30.40", "http://192.168.1.5:8080", "http://[::1]:8080", "http://host:81", "https://x.corp.test"] {
            XCTAssertTrue(list.contains(try origin(url)), url)
        }
        for url in ["https://notexample.com", "http://internal.example.org", "http://11.0.0.1", "http://192.168.1.6",
                    "http://[::1]:8081", "http://host:80", "http://127.0.0.1"] {
            XCTAssertFalse(list.contains(try origin(url)), url)
        }
        XCTAssertTrue(try NoProxyList("*", "NO_PROXY").contains(try origin("https://anything")))
        XCTAssertFalse(NoProxyList.empty.contains(try origin("http://127.0.0.1")))
        for bad in ["bad entry", "10.0.0.0/33", "host:0", "host:x", "[::1]x"] {
            XCTAssertThrowsError(try NoProxyList(bad, "NO_PROXY"), bad)
        }
    }

    func testExplicitProxyOptionsOverrideTheEnvironment() throws {
        var configuration = ClientConfiguration()
        try configuration.setProxy("http://user:pw@proxy.local:3128")
        let api = try origin("https://app.airops.com")
        XCTAssertEqual(configuration.proxies.proxy(for: api)?.authority, "proxy.local:3128")
        try configuration.setNoProxy("airops.com")
        XCTAssertNil(configuration.proxies.proxy(for: api))
        try configuration.setProxy("")
        try configuration.setNoProxy("")
        XCTAssertNil(configuration.proxies.proxy(for: api))
    }

    func testRedirectTargetsResolveAgainstTheRequest() throws {
        let from = try origin("https://app.airops.com")
        let relative = try XCTUnwrap(RedirectTarget(location: "/sdk_api/x?y=1", from: from, requestTarget: "/sdk_api/a/b"))
        XCTAssertEqual(relative.origin, from)
        XCTAssertEqual(relative.target, "/sdk_api/x?y=1")
        XCTAssertEqual(relative.shown, "https://app.airops.com/sdk_api/x")
        let sibling = try XCTUnwrap(RedirectTarget(location: "c", from: from, requestTarget: "/sdk_api/a/b"))
        XCTAssertEqual(sibling.target, "/sdk_api/a/c")
        let downgrade = try XCTUnwrap(RedirectTarget(location: "http://app.airops.com/x", from: from, requestTarget: "/"))
        XCTAssertNotEqual(downgrade.origin, from)
        let elsewhere = try XCTUnwrap(RedirectTarget(location: "//evil.example/x", from: from, requestTarget: "/"))
        XCTAssertEqual(elsewhere.origin.host, "evil.example")
        XCTAssertNil(RedirectTarget(location: "ftp://x/", from: from, requestTarget: "/"))
    }

    func testSameOriginRedirectsKeepTheRequestOthersFail() throws {
        var configuration = ClientConfiguration(identity: try Identity(userId: "u", workspaceId: "1", hashedUserId: "secret"))
        configuration.redirects = .sameOrigin
        let policy = try NetworkPolicy(configuration)
        let post = policy.request(.POST, "/sdk_api/run", body: Data("{}".utf8), contentType: "application/json")
        let kept = try policy.redirect(post, status: 307, location: "/sdk_api/run2", hops: 0)
        XCTAssertEqual(kept.method, .POST)
        XCTAssertEqual(kept.body, post.body)
        XCTAssertEqual(kept.headers["user_id_hashed"], ["secret"])
        let seeOther = try policy.redirect(post, status: 303, location: "/sdk_api/result", hops: 0)
        XCTAssertEqual(seeOther.method, .GET)
        XCTAssertNil(seeOther.body)
        for location in ["http://app.airops.com/x", "https://app.airops.com:8443/x", "https://other.example/x"] {
            XCTAssertThrowsError(try policy.redirect(post, status: 307, location: location, hops: 0)) { error in
                XCTAssertEqual((error as? AirOpsError)?.kind, .redirect)
                XCTAssertEqual((error as? AirOpsError)?.httpStatus, 307)
            }
        }
        XCTAssertThrowsError(try policy.redirect(post, status: 307, location: "/again", hops: NetworkPolicy.maxRedirects))
        configuration.redirects = .never
        XCTAssertThrowsError(try NetworkPolicy(configuration).redirect(post, status: 307, location: "/sdk_api/run2", hops: 0)) { error in
            XCTAssertTrue((error as? AirOpsError)?.message.contains("https://app.airops.com/sdk_api/run2") ?? false)
        }
    }

    func testPlainHTTPWithAnIdentityNeedsLoopbackOrTheOptIn() throws {
        var configuration = ClientConfiguration(identity: try Identity(userId: "u", workspaceId: "1", hashedUserId: "h"))
        try configuration.setHost("http://example.com")
        XCTAssertThrowsError(try NetworkPolicy(configuration)) { error in
            XCTAssertEqual((error as? AirOpsError)?.kind, .invalidArgument)
        }
        configuration.allowsInsecureHTTP = true
        XCTAssertNoThrow(try NetworkPolicy(configuration))
        configuration.allowsInsecureHTTP = false
        for host in ["http://127.0.0.1:8080", "http://localhost:1", "http://[::1]:2"] {
            try configuration.setHost(host)
            XCTAssertNoThrow(try NetworkPolicy(configuration), host)
        }
        // A public client sends no credential: plain http is its own business.
        var publicClient = ClientConfiguration()
        try publicClient.setHost("http://example.com")
        XCTAssertNoThrow(try NetworkPolicy(publicClient))
        try publicClient.setHost("https://example.com")
        publicClient.realtime = try RealtimeEndpoint(url: "ws://example.com", key: "k")
        XCTAssertThrowsError(try NetworkPolicy(publicClient))
    }

    func testTLSIsAtLeast12() throws {
        XCTAssertEqual(try NetworkPolicy(ClientConfiguration()).tls.minimumTLSVersion, .tlsv12)
    }
}
