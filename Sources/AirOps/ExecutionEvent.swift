/// An event of a streamed execution or chat, as published on its realtime channel.
public struct ExecutionEvent: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A piece of a streamed execution's output: ``content``.
        case chunk
        /// The end: ``content`` for an execution, ``result`` for a chat. Exactly one per stream.
        case completed
        /// A piece of an agent's reply: ``token``, ``streamFinished``, and ``result`` at the end.
        case agentResponse
        /// An agent calls a tool: ``tool``, ``toolInput``.
        case agentAction
        /// A tool call failed: ``tool``, ``toolError``.
        case agentActionError

        package init?(eventName: String) {
            switch eventName {
            case "chunk": self = .chunk
            case "completed": self = .completed
            case "agent-response": self = .agentResponse
            case "agent-action": self = .agentAction
            case "agent-action-error": self = .agentActionError
            default: return nil
            }
        }
    }

    /// The `error_code` of the `completed` that ends a stream whose consumer fell more than
    /// ``ClientConfiguration/maxBufferedEvents`` behind; the execution itself goes on.
    public static let overflowCode = "events_overflowed"

    public let kind: Kind
    /// The event's data as JSON text, as the server sent it.
    public let json: String
    /// The event's data, parsed (empty when it is not a JSON object).
    public let fields: [String: JSONValue]

    package init(kind: Kind, json: String) {
        self.kind = kind
        self.json = json
        if case .object(let fields)? = JSONValue(jsonText: json) {
            self.fields = fields
        } else {
            self.fields = [:]
        }
    }

    init(kind: Kind, fields: [String: JSONValue]) {
        self.kind = kind
        self.json = JSONValue.object(fields).jsonText
        self.fields = fields
    }

    public var content: String? { text("content") }
    public var token: String? { text("token") }
    public var result: String? { text("result") }
    public var tool: String? { text("tool") }
    public var toolError: String? { text("tool_error") }
    public var toolInput: JSONValue? { fields["tool_input"] }
    /// Set on a `completed` built by the SDK for an execution that failed, or for a stream
    /// that overflowed (``overflowCode``).
    public var errorCode: String? { text("error_code") }
    public var errorMessage: String? { text("error_message") }
    public var streamFinished: Bool {
        if case .bool(let finished)? = fields["stream_finished"] { return finished }
        return false
    }

    private func text(_ key: String) -> String? {
        guard let value = fields[key], value != .null else { return nil }
        return value.text
    }
}
