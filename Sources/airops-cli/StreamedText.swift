/// Text written to stdout piece by piece as it streams, then completed from the final text:
/// the final record can arrive before the last realtime pieces, which are then dropped.
struct StreamedText: Sendable {
    private(set) var printed = ""

    mutating func print(_ piece: String) {
        StandardStream.output.write(piece)
        printed += piece
    }

    /// Prints what `full` has beyond the pieces printed so far, and a final newline.
    mutating func finish(with full: String) {
        if full.hasPrefix(printed) { print(String(full.dropFirst(printed.count))) }
        if !printed.hasSuffix("\n") { print("\n") }
    }

    /// Ends a started line, so that an error message that follows starts on a line of its own.
    mutating func abandon() {
        if !printed.isEmpty && !printed.hasSuffix("\n") { print("\n") }
    }
}
