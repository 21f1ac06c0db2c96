import AirOps

/// Shows one live event: text meant for stdout goes through the `StreamedText`, notes to stderr.
typealias EventPrinter = @Sendable (ExecutionEvent, inout StreamedText) -> Void

enum EventPrinters {
    /// A streamed execution's output chunks.
    static let chunks: EventPrinter = { event, text in
        if case .chunk(let content) = event.kind { text.print(content) }
    }

    /// An agent's reply tokens, and its tool calls as notes.
    static let chat: EventPrinter = { event, text in
        switch event.kind {
        case .agentResponse(let token, _):
            text.print(token)
        case .agentAction(let tool, let input):
            note("[tool \(tool)] \(input.jsonText)")
        case .agentActionError(let tool, let message):
            note("[tool \(tool) failed] \(message)")
        case .chunk, .completed:
            break
        }
    }

    /// A line on stderr, dimmed on a terminal so that it stands apart from the reply.
    private static func note(_ line: String) {
        StandardStream.error.write(StandardStream.error.isTerminal ? "\u{1B}[2m\(line)\u{1B}[0m\n" : "\(line)\n")
    }
}
