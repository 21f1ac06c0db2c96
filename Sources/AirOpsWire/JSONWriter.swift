/// Writes ``JSONValue``s as compact JSON text, with object keys sorted so that equal values
/// give equal text. Request bodies, synthesized events and the dev server's event payloads
/// pass through here.
///
/// Kept over JSONEncoder by measurement (issue 14; 2 cores, load 3 to 8): with JSONEncoder
/// behind `jsonText` the dev server, which writes every event's payload here, published
/// fewer events, and `make bench`'s one-stream throughput fell from 46,100-48,600 to
/// 36,100-37,200 events/s (C callback; the raw reader's ceiling from 47,400-66,200 to
/// 38,700-39,100). A small object takes 7 to 9 times longer through JSONEncoder, which
/// builds a tree of boxed values before it writes. It would also write `3.0` as `3`.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []

    mutating func write(_ value: JSONValue) {
        switch value {
        case .null: append("null")
        case .bool(let flag): append(flag ? "true" : "false")
        case .int(let integer): append(String(integer))
        // JSON has no NaN or infinity; such a value cannot come from a parse.
        case .double(let double): append(double.isFinite ? String(double) : "null")
        case .string(let text): write(text)
        case .array(let elements):
            bytes.append(UInt8(ascii: "["))
            for (offset, element) in elements.enumerated() {
                if offset > 0 { bytes.append(UInt8(ascii: ",")) }
                write(element)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let members):
            bytes.append(UInt8(ascii: "{"))
            for (offset, name) in members.keys.sorted().enumerated() {
                if offset > 0 { bytes.append(UInt8(ascii: ",")) }
                write(name)
                bytes.append(UInt8(ascii: ":"))
                write(members[name]!)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    private mutating func write(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): append("\\\"")
            case UInt8(ascii: "\\"): append("\\\\")
            case 0x0A: append("\\n")
            case 0x0D: append("\\r")
            case 0x09: append("\\t")
            case ..<0x20:
                let hex = String(byte, radix: 16)
                append("\\u00" + (hex.count == 1 ? "0" : "") + hex)
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }
}
