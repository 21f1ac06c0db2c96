import Glibc

/// An environment variable's value; an empty one counts as unset, as in the core.
func environmentValue(_ name: String) -> String? {
    guard let value = getenv(name) else { return nil }
    let text = String(cString: value)
    return text.isEmpty ? nil : text
}
