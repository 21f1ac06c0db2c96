import COpenSSL

/// Lowercase hex MD5 of `bytes`, from the system's libcrypto (the realtime HTTP API signs
/// the MD5 of each request body).
func md5Hex(_ bytes: [UInt8]) -> String {
    var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
    var length: UInt32 = 0
    bytes.withUnsafeBytes { body in
        _ = EVP_Digest(body.baseAddress, body.count, &digest, &length, EVP_md5(), nil)
    }
    let digits = Array("0123456789abcdef".utf8)
    var hex: [UInt8] = []
    for byte in digest.prefix(Int(length)) {
        hex += [digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]]
    }
    return String(decoding: hex, as: UTF8.self)
}
