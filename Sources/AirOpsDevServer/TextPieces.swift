/// Ways to cut an output into the pieces that are streamed; joined, the pieces are always
/// the whole text again.
enum TextPieces {
    /// Each word with the whitespace that follows it: "Hello, " "world!". Leading whitespace
    /// goes with the first word.
    static func words(_ text: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        var hasWord = false
        var afterSpace = false
        for character in text {
            if afterSpace && hasWord && !character.isWhitespace {
                pieces.append(current)
                current = ""
                hasWord = false
            }
            current.append(character)
            afterSpace = character.isWhitespace
            hasWord = hasWord || !afterSpace
        }
        if !current.isEmpty { pieces.append(current) }
        return pieces
    }

    /// The words, grouped into at most `limit` pieces of about the same number of words.
    static func words(_ text: String, limit: Int) -> [String] {
        group(words(text), into: limit)
    }

    /// `count` pieces of about the same length (fewer when the text is shorter).
    static func even(_ text: String, count: Int) -> [String] {
        group(text.map(String.init), into: count)
    }

    private static func group(_ items: [String], into limit: Int) -> [String] {
        guard items.count > limit else { return items }
        return (0..<limit).map { index in
            items[index * items.count / limit..<(index + 1) * items.count / limit].joined()
        }
    }
}
