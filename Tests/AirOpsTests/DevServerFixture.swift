import AirOps
import AirOpsDevServer
import XCTest

/// A test case with a fresh dev server (built-in demo config) and an identified client.
class DevServerTestCase: XCTestCase {
    var server: RunningDevServer!
    var client: AirOpsClient!
    let demoUser = "demo-user"
    let demoWorkspace = "1"
    let demoAPIKey = "demo-api-key"

    override func setUp() async throws {
        server = try await DevServer(config: .builtIn).start()
        client = try makeClient(hashedUserId: try hashUserId(apiKey: demoAPIKey, userId: demoUser))
    }

    override func tearDown() async throws {
        await client?.shutdown()
        await server?.stop()
    }

    func makeClient(hashedUserId: String?) throws -> AirOpsClient {
        var configuration = ClientConfiguration()
        if let hashedUserId {
            configuration.identity = try Identity(userId: demoUser, workspaceId: demoWorkspace, hashedUserId: hashedUserId)
        }
        try configuration.setHost(server.baseURL)
        configuration.realtime = try RealtimeEndpoint(url: "ws://127.0.0.1:\(server.port)", key: "airops-dev-key")
        return try AirOpsClient(configuration: configuration)
    }

    /// Runs `body` and returns the AirOpsError it throws, failing the test if it throws none.
    func expectError(
        _ body: () async throws -> Void, file: StaticString = #filePath, line: UInt = #line
    ) async -> AirOpsError? {
        do {
            try await body()
            XCTFail("expected an error", file: file, line: line)
        } catch let error as AirOpsError {
            return error
        } catch {
            XCTFail("expected an AirOpsError, got \(error)", file: file, line: line)
        }
        return nil
    }
}
