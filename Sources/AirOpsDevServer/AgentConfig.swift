import AirOps

extension DevServerConfig {
    /// The script of an agent app (`"type": "agent"`), key `agent`:
    ///
    /// ```json
    /// "agent": {
    ///     "first_reply": "Turn {{turn}}. You said: {{message}}. This is a new session.",
    ///     "reply": "Turn {{turn}}. You said: {{message}}. Before that you said: {{previous_message}}.",
    ///     "token_delay_ms": 10,
    ///     "tools": [
    ///         {"name": "recall_session", "tool_input": {"turns_so_far": "{{turns_so_far}}"}},
    ///         {"name": "get_weather", "keywords": ["weather"], "tool_input": {"city": "Paris"}},
    ///         {"name": "flaky_tool", "keywords": ["fail"], "tool_error": "flaky_tool is unavailable"}
    ///     ]
    /// }
    /// ```
    ///
    /// - `reply`: the answer to a message, a template over the chat's inputs and `message`,
    ///   `turn` (1 for the first message of a session), `turns_so_far` (turn - 1) and
    ///   `previous_message` (the session's message before this one).
    /// - `first_reply` (optional, default `reply`): the answer to the first message of a session.
    /// - `token_delay_ms` (optional, default 10): the pause before each streamed event.
    /// - `tools` (optional): tool calls made, in this order, before the reply: on every turn,
    ///   or only when the message contains one of `keywords` (ignoring case). String values of
    ///   `tool_input` are templates like `reply`; one that is a single placeholder becomes that
    ///   value with its JSON type (so `"{{turn}}"` is a number). A tool with `tool_error` fails
    ///   with that message.
    public struct Agent: Codable, Sendable, Equatable {
        public var reply: String
        public var firstReply: String?
        public var tokenDelayMs: Int
        public var tools: [Tool]

        public init(reply: String, firstReply: String? = nil, tokenDelayMs: Int = 10, tools: [Tool] = []) {
            self.reply = reply
            self.firstReply = firstReply
            self.tokenDelayMs = tokenDelayMs
            self.tools = tools
        }

        enum CodingKeys: String, CodingKey {
            case reply, tools
            case firstReply = "first_reply"
            case tokenDelayMs = "token_delay_ms"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            reply = try container.decode(String.self, forKey: .reply)
            firstReply = try container.decodeIfPresent(String.self, forKey: .firstReply)
            tokenDelayMs = try container.decodeIfPresent(Int.self, forKey: .tokenDelayMs) ?? 10
            tools = try container.decodeIfPresent([Tool].self, forKey: .tools) ?? []
        }
    }

    public struct Tool: Codable, Sendable, Equatable {
        public var name: String
        /// nil or empty: the tool is called on every turn.
        public var keywords: [String]?
        public var toolInput: [String: JSONValue]
        public var toolError: String?

        public init(
            name: String, keywords: [String]? = nil, toolInput: [String: JSONValue] = [:], toolError: String? = nil
        ) {
            self.name = name
            self.keywords = keywords
            self.toolInput = toolInput
            self.toolError = toolError
        }

        enum CodingKeys: String, CodingKey {
            case name, keywords
            case toolInput = "tool_input"
            case toolError = "tool_error"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decode(String.self, forKey: .name)
            keywords = try container.decodeIfPresent([String].self, forKey: .keywords)
            toolInput = try container.decodeIfPresent([String: JSONValue].self, forKey: .toolInput) ?? [:]
            toolError = try container.decodeIfPresent(String.self, forKey: .toolError)
        }
    }
}
