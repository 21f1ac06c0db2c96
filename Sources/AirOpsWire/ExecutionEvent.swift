/// An event of a streamed execution or chat, as published on its realtime channel: what it
/// means, typed, and its data as the server sent it.
public struct ExecutionEvent: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A piece of a streamed execution's output.
        case chunk(content: String)
        /// The end of the stream; exactly one per stream.
        case completed(Completion)
        /// A piece of an agent's reply; `reply` is the whole reply, with the last token only.
        case agentResponse(token: String, reply: String?)
        /// An agent calls `tool` with `input`.
        case agentAction(tool: String, input: JSONValue)
        /// A tool call failed with `message`.
        case agentActionError(tool: String, message: String)
    }

    /// What the `completed` that ends a stream carries.
    public struct Completion: Sendable, Equatable {
        /// The whole output of a streamed execution; nil for a chat.
        public let content: String?
        /// The whole reply of a chat; nil for a streamed execution.
        public let result: String?
        /// Set when the SDK ended the stream itself: the `error_code` of a failed execution
        /// whose record it read, or ``ExecutionEvent/overflowCode``.
        public let errorCode: String?
        public let errorMessage: String?

        /// The end of a chat (`output` is its `result`) or of an execution (its `content`).
        public init(output: String, isChat: Bool, errorCode: String? = nil, errorMessage: String? = nil) {
            content = isChat ? nil : output
            result = isChat ? output : nil
            self.errorCode = errorCode
            self.errorMessage = errorMessage
        }

        /// The data of a `completed` event with these values, as the server would send it.
        var fields: [String: JSONValue] {
            var fields: [String: JSONValue] = [:]
            if let content { fields["content"] = .string(content) }
            if let result { fields["result"] = .string(result) }
            if let errorCode { fields["error_code"] = .string(errorCode) }
            if let errorMessage { fields["error_message"] = .string(errorMessage) }
            return fields
        }
    }

    /// The `error_code` of the `completed` that ends a stream whose consumer fell more than
    /// ``ClientConfiguration/maxBufferedEvents`` behind; the execution itself goes on.
    public static let overflowCode = "events_overflowed"

    public let kind: Kind
    /// The event's data as JSON text, as the server sent it.
    public let json: String

    package init(_ kind: Kind, json: String) {
        self.kind = kind
        self.json = json
    }

    /// The `completed` that the SDK sends itself to end a stream.
    package init(ending completion: Completion) {
        self.init(.completed(completion), json: JSONValue.object(completion.fields).jsonText)
    }

    /// Reads an event of the realtime protocol: nil for a name it does not define. A field the
    /// server left out (or sent as null) reads "" (`tool_input`: `{}`); data that is not a
    /// JSON object reads as an object without fields.
    /// - Parameter isChat: whether the stream is a chat's, whose end carries `result`
    ///   instead of an execution's `content`.
    package init?(eventName: String, json: String, isChat: Bool) {
        var fields: [String: JSONValue] = [:]
        if case .object(let object)? = JSONValue(jsonText: json) { fields = object }
        func text(_ key: String) -> String? {
            guard let value = fields[key], value != .null else { return nil }
            return value.text
        }
        let kind: Kind
        switch eventName {
        case "chunk":
            kind = .chunk(content: text("content") ?? "")
        case "completed":
            kind = .completed(Completion(
                output: text(isChat ? "result" : "content") ?? "", isChat: isChat,
                errorCode: text("error_code"), errorMessage: text("error_message")))
        case "agent-response":
            let finished = fields["stream_finished"] == .bool(true)
            kind = .agentResponse(token: text("token") ?? "", reply: finished ? text("result") ?? "" : nil)
        case "agent-action":
            kind = .agentAction(tool: text("tool") ?? "", input: fields["tool_input"] ?? .object([:]))
        case "agent-action-error":
            kind = .agentActionError(tool: text("tool") ?? "", message: text("tool_error") ?? "")
        default:
            return nil
        }
        self.init(kind, json: json)
    }

    /// Whether this is the `completed` that ends the stream.
    public var isCompletion: Bool {
        if case .completed = kind { return true }
        return false
    }
}
