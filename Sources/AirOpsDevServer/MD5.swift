import AirOps
import CNIOBoringSSL

/// Lowercase hex MD5 of `bytes`, from BoringSSL (HashUserId.swift says which copy and why): the
/// realtime HTTP API signs the MD5 of each request body.
func md5Hex(_ bytes: [UInt8]) -> String {
    var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
    var length: UInt32 = 0
    bytes.withUnsafeBytes { body in
        _ = EVP_Digest(body.baseAddress, body.count, &digest, &length, EVP_md5(), nil)
    }
    return hexString(digest.prefix(Int(length)))
}
