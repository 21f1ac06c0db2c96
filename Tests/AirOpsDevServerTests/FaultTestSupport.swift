import AirOps
import AsyncHTTPClient
import Testing

@testable import AirOpsDevServer

extension TestServer {
    /// A request to an admin endpoint with the server's admin token, or with `token` when given.
    func admin(_ method: String, _ path: String, body: String? = nil, token: String? = nil) async throws -> TestResponse {
        try await send(
            method, path, identity: nil, body: body,
            headers: ["authorization": "Bearer \(token ?? running.adminToken)"])
    }

    /// A request to `/dev/faults` with the server's admin token, or with `token` when given.
    func faults(_ method: String, body: String? = nil, token: String? = nil) async throws -> TestResponse {
        try await admin(method, "/dev/faults", body: body, token: token)
    }

    /// Replaces the fault configuration and checks the server took it.
    func setFaults(_ json: String) async throws {
        let response = try await faults("PUT", body: json)
        #expect(response.status == 200, "\(response.text)")
    }

    func stat(_ name: String) async throws -> Int? {
        guard case .int(let value)? = try await admin("GET", "/dev/stats")[name] else { return nil }
        return value
    }

    /// Sends a request that the server never finishes and checks that the client gives up
    /// after about `patience`, by failing or by cancellation.
    func expectGivesUp(_ method: String, _ path: String, patience: Duration = .seconds(1)) async {
        let finished = await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                let response = try? await send(method, path, timeout: patience)
                return response != nil
            }
            group.addTask {
                try? await Task.sleep(for: patience + .seconds(1))
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
        #expect(!finished, "\(method) \(path) was answered")
    }
}
