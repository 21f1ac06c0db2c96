/// The text of a percent-encoded URL path segment (Hummingbird hands route parameters over
/// still encoded), or nil when the escapes or the UTF-8 they spell are malformed.
func decodePathSegment(_ segment: Substring) -> String? {
    var bytes: [UInt8] = []
    var iterator = segment.utf8.makeIterator()
    while let byte = iterator.next() {
        guard byte == UInt8(ascii: "%") else {
            bytes.append(byte)
            continue
        }
        guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
            return nil
        }
        bytes.append(high << 4 | low)
    }
    return String(validating: bytes, as: UTF8.self)
}

private func hexValue(_ digit: UInt8) -> UInt8? {
    switch digit {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
    default: nil
    }
}

/// The fields of a form-encoded body (`a=1&b=x+y`); malformed pairs are skipped.
func decodeForm(_ text: Substring) -> [String: String] {
    var fields: [String: String] = [:]
    for pair in text.split(separator: "&") {
        let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        let plus = { (part: Substring) in Substring(part.replacing("+", with: " ")) }
        guard let name = decodePathSegment(plus(parts[0])),
            let value = decodePathSegment(plus(parts.count > 1 ? parts[1] : ""))
        else { continue }
        fields[name] = value
    }
    return fields
}
