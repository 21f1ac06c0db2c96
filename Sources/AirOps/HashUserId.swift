// BoringSSL, the copy that SwiftNIO SSL links in for TLS: swift-nio-ssl ships it as a target
// and not as a product, but its module is visible to every target that uses NIOSSL, and its
// symbols carry the CNIOBoringSSL_ prefix and are hidden by the library's export list. So the
// library needs no system OpenSSL (nor an end-of-life one linked into the release), and no
// second BoringSSL (swift-crypto) compiled into each of the builds make test makes.
import CNIOBoringSSL

/// The hashed user id that identifies an end user to AirOps: lowercase hex HMAC-SHA256 of
/// `userId`, keyed with the workspace API key. Compute it on a backend; the key is a secret.
public func hashUserId(apiKey: String, userId: String) throws(AirOpsError) -> String {
    try hashUserId(apiKey: Array(apiKey.utf8), userId: Array(userId.utf8))
}

/// The same over raw bytes: HMAC is defined for any key and message, not only UTF-8 text.
public func hashUserId(apiKey: [UInt8], userId: [UInt8]) throws(AirOpsError) -> String {
    guard !apiKey.isEmpty else { throw AirOpsError(.invalidArgument, "api_key must not be empty") }
    guard !userId.isEmpty else { throw AirOpsError(.invalidArgument, "user_id must not be empty") }
    return hmacSHA256Hex(key: apiKey, message: userId)
}

/// Lowercase hex HMAC-SHA256.
package func hmacSHA256Hex(key: [UInt8], message: [UInt8]) -> String {
    var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
    var length: UInt32 = 0
    key.withUnsafeBufferPointer { keyBytes in
        message.withUnsafeBufferPointer { messageBytes in
            _ = HMAC(
                EVP_sha256(), keyBytes.baseAddress, keyBytes.count,
                messageBytes.baseAddress, messageBytes.count, &digest, &length)
        }
    }
    return hexString(digest.prefix(Int(length)))
}

/// Lowercase hex of `bytes`, two digits a byte.
package func hexString(_ bytes: some Sequence<UInt8>) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var text = [UInt8]()
    for byte in bytes {
        text.append(digits[Int(byte >> 4)])
        text.append(digits[Int(byte & 0x0f)])
    }
    return String(decoding: text, as: UTF8.self)
}
