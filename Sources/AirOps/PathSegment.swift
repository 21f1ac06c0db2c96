/// Percent-encodes a caller's id so that it stays one path segment: `/`, `..`, `?`, `#`,
/// `%`, spaces and newlines in an id can never change which endpoint a request reaches.
func pathSegment(_ id: String) -> String {
    var encoded = ""
    for byte in id.utf8 {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "~"):
            encoded.unicodeScalars.append(Unicode.Scalar(byte))
        case UInt8(ascii: "."):
            // "." and ".." are dot-segments that servers and proxies resolve away.
            encoded += id == "." || id == ".." ? "%2E" : "."
        default:
            let digits = Array("0123456789ABCDEF".unicodeScalars)
            encoded.unicodeScalars.append("%")
            encoded.unicodeScalars.append(digits[Int(byte >> 4)])
            encoded.unicodeScalars.append(digits[Int(byte & 0x0f)])
        }
    }
    return encoded
}

/// Encodes a value for an `application/x-www-form-urlencoded` body.
func formEncoded(_ value: String) -> String {
    pathSegment(value)
}
