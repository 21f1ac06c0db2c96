import FoundationEssentials

/// Any JSON value, for app inputs and for the parts of server records whose shape the
/// protocol leaves open (an execution's `output` is a string or an object).
public enum JSONValue: Sendable, Hashable, Codable {
    case null
    case bool(Bool)
    /// Integers stay integers, so that `3` is sent and rendered as `3`, not `3.0`.
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// Decodes what a server sent; nil for anything that is not JSON.
    package init?(json: Data) {
        guard let value = try? json.withUnsafeBytes({ (raw) throws(JSONParser.Failure) in
            try JSONParser.parse(raw.bindMemory(to: UInt8.self))
        }) else { return nil }
        self = value
    }

    /// Decodes JSON text a server sent (a realtime frame, an event's data) in place, without
    /// copying it first; nil for anything that is not JSON.
    package init?(jsonText text: String) {
        guard let value = try? Self.parsed(text) else { return nil }
        self = value
    }

    /// Parses JSON text. Malformed text is an invalid argument: it came from the caller.
    public static func parse(_ text: String) throws(AirOpsError) -> JSONValue {
        do {
            return try parsed(text)
        } catch {
            throw AirOpsError(.invalidArgument, "malformed JSON: \(error)")
        }
    }

    /// Throws the parser's failure (`withUTF8` forwards it untyped).
    private static func parsed(_ text: String) throws -> JSONValue {
        var text = text
        return try text.withUTF8 { (bytes) throws(JSONParser.Failure) in try JSONParser.parse(bytes) }
    }

    /// Parses JSON text that must be an object, such as an app's inputs.
    public static func parseObject(_ text: String, what: String) throws(AirOpsError) -> [String: JSONValue] {
        guard case .object(let object) = try parse(text) else {
            throw AirOpsError(.invalidArgument, "\(what) must be a JSON object")
        }
        return object
    }

    /// Compact JSON text of this value, object keys sorted.
    public var jsonText: String {
        var writer = JSONWriter()
        writer.write(self)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// The text of a string value, the JSON text of any other value.
    public var text: String {
        if case .string(let value) = self { return value }
        return jsonText
    }

    public subscript(key: String) -> JSONValue? {
        guard case .object(let object) = self else { return nil }
        return object[key]
    }
}
