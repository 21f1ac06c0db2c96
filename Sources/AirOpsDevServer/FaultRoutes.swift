import FoundationEssentials
import Hummingbird

/// The fault switchboard, for tests: every request needs `Authorization: Bearer <admin
/// token>` (401 otherwise), as faults can take the server down for everyone.
///
/// - `PUT /dev/faults` with a ``FaultConfig`` body replaces the configuration (restarting
///   counts, seed and timers) -> the configuration.
/// - `GET /dev/faults` -> the configuration (`{}` when none).
/// - `DELETE /dev/faults` clears it -> `{}`.
struct FaultRoutes: Sendable {
    static let maxBodySize = 1 << 16

    let faults: FaultInjector
    let adminToken: AdminToken

    func add(to router: Router<some RequestContext>) {
        router.put("dev/faults") { request, _ in
            try adminToken.authorize(request)
            let body = try await request.body.collect(upTo: Self.maxBodySize)
            let config: FaultConfig
            do {
                config = try JSONDecoder().decode(FaultConfig.self, from: Data(body.readableBytesView))
            } catch {
                throw APIError.badRequest("The fault configuration is not valid: \(error)")
            }
            try config.validate()
            faults.apply(config)
            return try jsonResponse(config)
        }
        router.get("dev/faults") { request, _ in
            try adminToken.authorize(request)
            return try jsonResponse(faults.config)
        }
        router.delete("dev/faults") { request, _ in
            try adminToken.authorize(request)
            faults.clear()
            return try jsonResponse(faults.config)
        }
    }
}
