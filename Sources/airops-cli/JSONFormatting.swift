import AirOps
import FoundationEssentials

/// Indented JSON with sorted keys, for people and for `jq` alike.
func prettyJSON(_ value: JSONValue) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    // Encoding a JSONValue cannot fail: every case maps to a JSON value.
    guard let data = try? encoder.encode(value) else { return value.jsonText }
    return String(decoding: data, as: UTF8.self)
}
