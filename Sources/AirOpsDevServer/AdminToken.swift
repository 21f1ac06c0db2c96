import AirOps
import Hummingbird

/// The bearer token that guards the `/dev/` endpoints (stats, faults, dropped connections,
/// ignored subscriptions).
struct AdminToken: Sendable {
    let value: String
    /// A key of this server's own, so that the digests compared reveal nothing reusable.
    private let digestKey: [UInt8]
    private let expectedDigest: String

    init(value: String) {
        self.value = value
        var generator = SystemRandomNumberGenerator()
        digestKey = (0..<32).map { _ in generator.next() }
        expectedDigest = hmacSHA256Hex(key: digestKey, message: Array("Bearer \(value)".utf8))
    }

    /// Throws 401 unless the request carries `Authorization: Bearer <token>`. Compares
    /// digests of equal length in constant time, so that neither a matching prefix nor the
    /// length of a guess shows in the time taken.
    func authorize(_ request: Request) throws(APIError) {
        let given = hmacSHA256Hex(key: digestKey, message: Array((request.headers[.authorization] ?? "").utf8))
        guard constantTimeEqual(given, expectedDigest) else {
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
