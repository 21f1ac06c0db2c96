import AirOps
import AsyncHTTPClient
import FoundationEssentials
import Testing

@testable import AirOpsDevServer

/// A config with short durations, so that lifecycle tests are fast.
let testConfig = DevServerConfig(workspaces: [
    .init(
        id: 1, name: "One", apiKey: "key-1",
        apps: [
            .init(
                id: 10, uuid: "greeter", name: "Greeter",
                versions: [
                    .init(version: 1, template: "Hi {{name}}", durationMs: 50),
                    .init(version: 2, template: "Hello, {{ name }}! {{count}} {{extra}}", durationMs: 50),
                ]),
            .init(id: 11, uuid: "slow", name: "Slow", versions: [.init(version: 1, template: "{{text}}", durationMs: 600)]),
            // Still running whatever a loaded machine does to a test's timing; tests cancel it.
            .init(id: 15, uuid: "long", name: "Long", versions: [.init(version: 1, template: "{{text}}", durationMs: 600_000)]),
            .init(
                id: 12, uuid: "fails", name: "Fails",
                versions: [
                    .init(
                        version: 1, template: "never", durationMs: 20,
                        failure: .init(errorCode: "boom", errorMessage: "It failed."))
                ]),
            .init(
                id: 13, uuid: "open", name: "Open", isPublic: true,
                versions: [.init(version: 1, template: "You said: {{text}}", durationMs: 20)]),
            .init(
                id: 14, uuid: "static", name: "Static", versions: [.init(version: 1, template: "fixed", durationMs: 20)]
            ),
        ]),
    .init(
        id: 2, name: "Two", apiKey: "key-2", users: ["bob"],
        apps: [.init(id: 20, uuid: "other", name: "Other", versions: [.init(version: 1, template: "x")])]),
])

/// The identity headers of `userId` in a workspace, hashed with `apiKey`.
struct TestIdentity {
    var userId: String
    var workspaceId: String
    var hash: String

    init(userId: String = "alice", workspaceId: Int = 1, apiKey: String = "key-1") {
        self.userId = userId
        self.workspaceId = String(workspaceId)
        self.hash = try! hashUserId(apiKey: apiKey, userId: userId)
    }

    static let alice = TestIdentity()
}

struct TestResponse {
    let status: Int
    let contentType: String?
    let text: String
    /// Every header, by lowercased name.
    var headers: [String: String] = [:]

    var json: JSONValue? { JSONValue(json: Data(text.utf8)) }

    subscript(key: String) -> JSONValue? {
        guard case .object(let fields)? = json else { return nil }
        return fields[key]
    }

    /// The `error` message of an error answer.
    var error: String? {
        guard case .string(let message)? = self["error"] else { return nil }
        return message
    }

    /// The execution record of an execute answer.
    var execution: [String: JSONValue] {
        guard case .object(let record)? = self["airops_app_execution"] else { return [:] }
        return record
    }

    var fields: [String: JSONValue] {
        guard case .object(let fields)? = json else { return [:] }
        return fields
    }
}

/// A dev server started in-process for one test; stop it with ``stop()``.
struct TestServer {
    let running: RunningDevServer

    static func start(_ config: DevServerConfig = testConfig, tls: DevServerTLS? = nil) async throws -> TestServer {
        TestServer(running: try await DevServer(config: config).start(tls: tls))
    }

    func stop() async {
        await running.stop()
    }

    func send(
        _ method: String, _ path: String, identity: TestIdentity? = .alice, body: String? = nil,
        contentType: String = "application/json", headers: [String: String] = [:], timeout: Duration = .seconds(10),
        client: HTTPClient = .shared
    ) async throws -> TestResponse {
        var request = HTTPClientRequest(url: running.baseURL + path)
        request.method = .init(rawValue: method)
        request.headers.add(name: "content-type", value: contentType)
        if let identity {
            request.headers.add(name: "user_id", value: identity.userId)
            request.headers.add(name: "workspace_id", value: identity.workspaceId)
            request.headers.add(name: "user_id_hashed", value: identity.hash)
        }
        for (name, value) in headers {
            request.headers.add(name: name, value: value)
        }
        if let body {
            request.body = .bytes(Array(body.utf8))
        }
        let response = try await client.execute(request, timeout: .init(timeout))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        return TestResponse(
            status: Int(response.status.code), contentType: response.headers.first(name: "content-type"),
            text: String(decoding: bytes.readableBytesView, as: UTF8.self),
            headers: Dictionary(response.headers.map { ($0.name.lowercased(), $0.value) }) { $1 })
    }

    func execute(
        _ app: String, version: Int? = nil, identity: TestIdentity? = .alice, body: String? = nil
    ) async throws -> TestResponse {
        let suffix = version.map { "/v\($0)" } ?? ""
        return try await send("POST", "/sdk_api/airops_apps/\(app)/async_execute\(suffix)", identity: identity, body: body)
    }

    func execution(_ uuid: String, identity: TestIdentity? = .alice) async throws -> TestResponse {
        try await send("GET", "/sdk_api/airops_apps/executions/\(uuid)", identity: identity)
    }

    func cancel(_ uuid: String, identity: TestIdentity? = .alice) async throws -> TestResponse {
        try await send("PATCH", "/sdk_api/airops_apps/executions/\(uuid)/cancel", identity: identity)
    }

    /// Polls execution `uuid` until its status is `status`; fails after 5 seconds.
    func waitFor(_ status: String, _ uuid: String, identity: TestIdentity? = .alice) async throws -> TestResponse {
        let deadline = ContinuousClock.now + .seconds(5)
        while true {
            let response = try await execution(uuid, identity: identity)
            if response["status"] == .string(status) || ContinuousClock.now > deadline {
                #expect(response["status"] == .string(status))
                return response
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}

/// Runs `body` against a fresh server and stops the server afterwards, also on failure.
func withServer(
    _ config: DevServerConfig = testConfig, tls: DevServerTLS? = nil, _ body: (TestServer) async throws -> Void
) async throws {
    let server = try await TestServer.start(config, tls: tls)
    do {
        try await body(server)
    } catch {
        await server.stop()
        throw error
    }
    await server.stop()
}

extension JSONValue {
    var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }
}
