import AirOps
/// An app version's output template: literal text with `{{name}}` placeholders, each replaced
/// by the input of that name. An unclosed `{{` is literal text.
struct Template: Sendable {
    private enum Part: Sendable {
        case text(String)
        case input(String)
    }

    private let parts: [Part]
    /// The inputs the template uses, in order of first use: a run needs all of them.
    let inputNames: [String]

    init(_ source: String) {
        var parts: [Part] = []
        var names: [String] = []
        var rest = source[...]
        while let open = rest.firstRange(of: "{{"), let close = rest[open.upperBound...].firstRange(of: "}}") {
            parts.append(.text(String(rest[..<open.lowerBound])))
            var placeholder = rest[open.upperBound..<close.lowerBound]
            while placeholder.first == " " { placeholder.removeFirst() }
            while placeholder.last == " " { placeholder.removeLast() }
            let name = String(placeholder)
            parts.append(.input(name))
            if !names.contains(name) { names.append(name) }
            rest = rest[close.upperBound...]
        }
        parts.append(.text(String(rest)))
        self.parts = parts
        self.inputNames = names
    }

    /// The name of its input when the template is one placeholder and nothing else.
    var soleInput: String? {
        guard parts.count == 3, case .text("") = parts[0], case .input(let name) = parts[1], case .text("") = parts[2]
        else { return nil }
        return name
    }

    /// The output for `inputs`, which must hold every name in ``inputNames``.
    func render(_ inputs: [String: JSONValue]) -> String {
        var output = ""
        for part in parts {
            switch part {
            case .text(let text):
                output += text
            case .input(let name):
                output += inputs[name]?.text ?? ""
            }
        }
        return output
    }
}
