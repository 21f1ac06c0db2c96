import Hummingbird

/// The bearer token that guards the endpoints able to disturb the server for every client
/// (faults, dropped connections, ignored subscriptions).
struct AdminToken: Sendable {
    let value: String

    /// Throws 401 unless the request carries `Authorization: Bearer <token>`.
    func authorize(_ request: Request) throws(APIError) {
        guard request.headers[.authorization] == "Bearer \(value)" else {
            throw .unauthorized("Missing or wrong admin token (Authorization: Bearer <token>)")
        }
    }

    /// A token nobody can guess, for servers started without one: 128 random bits in hex.
    static func random() -> AdminToken {
        var generator = SystemRandomNumberGenerator()
        return AdminToken(
            value: (0..<2).map { _ in
                let hex = String(generator.next() as UInt64, radix: 16)
                return String(repeating: "0", count: 16 - hex.count) + hex
            }.joined())
    }
}
