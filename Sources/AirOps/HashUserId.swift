import Crypto

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

/// Lowercase hex HMAC-SHA256, from swift-crypto (BoringSSL, linked in: no system OpenSSL).
public func hmacSHA256Hex(key: [UInt8], message: [UInt8]) -> String {
    lowercaseHex(HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key)))
}

/// Lowercase hex of `bytes`, two digits a byte.
public func lowercaseHex(_ bytes: some Sequence<UInt8>) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var text = [UInt8]()
    for byte in bytes {
        text.append(digits[Int(byte >> 4)])
        text.append(digits[Int(byte & 0x0f)])
    }
    return String(decoding: text, as: UTF8.self)
}
