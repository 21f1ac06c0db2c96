import AirOps
import ArgumentParser
import FoundationEssentials

/// An app's inputs: `--inputs-json` for any JSON, `--input name=value` for string values.
struct InputOptions: ParsableArguments {
    @Option(
        name: .customLong("input"),
        help: ArgumentHelp("An input; the value is always a string. Repeatable; overrides --inputs-json.", valueName: "name=value"))
    var pairs: [String] = []

    @Option(help: ArgumentHelp("A JSON object of inputs, read from a file, or from stdin with '-'.", valueName: "file"))
    var inputsJson: String?

    func validate() throws {
        for pair in pairs where Self.split(pair) == nil {
            throw ValidationError("--input must be name=value with a non-empty name (got \"\(pair)\")")
        }
    }

    func inputs() throws -> [String: JSONValue] {
        var inputs = try inputsJson.map { try JSONValue.parseObject(try Self.read($0), what: "--inputs-json") } ?? [:]
        for case let (name, value)? in pairs.map(Self.split) {
            inputs[name] = .string(value)
        }
        return inputs
    }

    /// Name and value of `name=value`; the value may hold more `=`.
    private static func split(_ pair: String) -> (name: String, value: String)? {
        guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else { return nil }
        return (String(pair[..<equals]), String(pair[pair.index(after: equals)...]))
    }

    private static func read(_ path: String) throws -> String {
        guard path != "-" else {
            var text = ""
            while let line = readLine(strippingNewline: false) { text += line }
            return text
        }
        do {
            return String(decoding: try Data(contentsOf: URL(filePath: path)), as: UTF8.self)
        } catch {
            throw CommandFailure(.usage, "cannot read --inputs-json \(path): \(error)")
        }
    }
}
