import AirOps
import Crypto

/// Lowercase hex MD5 of `bytes` (the realtime HTTP API signs the MD5 of each request body).
func md5Hex(_ bytes: [UInt8]) -> String {
    lowercaseHex(Insecure.MD5.hash(data: bytes))
}
