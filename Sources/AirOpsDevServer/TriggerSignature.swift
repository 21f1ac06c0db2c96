import AirOps
import FoundationEssentials

/// Checks the signature of a request to the realtime HTTP API (pusher-channels.md §8):
/// query `auth_key`, `auth_timestamp`, `auth_version=1.0`, `body_md5` and `auth_signature`,
/// the hex HMAC-SHA256 with the app secret of
/// `METHOD\nPATH\n<every other query parameter as k=v, keys lowercased, sorted, &-joined>`.
///
/// Like soketi, it signs the MD5 it computes from the raw body in place of the client's
/// `body_md5`, which checks both at once.
struct TriggerSignature {
    static let maxClockSkew: Int64 = 600

    let key: String
    let secret: String

    func verify(
        method: String, path: String, query: [(key: String, value: String)], body: [UInt8],
        now: Int64 = Int64(Date().timeIntervalSince1970)
    ) throws(APIError) {
        var parameters: [String: String] = [:]
        for (name, value) in query {
            parameters[name.lowercased()] = value
        }
        guard let signature = parameters.removeValue(forKey: "auth_signature") else {
            throw .unauthorized("Missing auth_signature")
        }
        guard parameters["auth_key"] == key else { throw .unauthorized("Unknown auth_key") }
        guard parameters["auth_version"] == "1.0" else { throw .unauthorized("auth_version must be 1.0") }
        guard let timestamp = parameters["auth_timestamp"].flatMap({ Int64($0) }) else {
            throw .unauthorized("Missing or malformed auth_timestamp")
        }
        // Any Int64 may arrive: `abs(now - timestamp)` would trap for Int64.min or a far
        // future, so the distance is taken without overflow.
        let (distance, overflow) = now.subtractingReportingOverflow(timestamp)
        guard !overflow, distance.magnitude <= Self.maxClockSkew.magnitude else {
            throw .unauthorized(
                "Timestamp expired: auth_timestamp is more than \(Self.maxClockSkew) s away from the server time \(now)"
            )
        }
        if !body.isEmpty || parameters["body_md5"] != nil {
            parameters["body_md5"] = md5Hex(body)
        }
        let signed = parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "&")
        let expected = hmacSHA256Hex(key: Array(secret.utf8), message: Array("\(method)\n\(path)\n\(signed)".utf8))
        guard constantTimeEqual(signature.lowercased(), expected) else {
            throw .unauthorized("Invalid signature: expected the HMAC-SHA256 of \"\(method)\\n\(path)\\n\(signed)\"")
        }
    }
}
