import AirOps

/// An agent's script, ready to play: what it does on each turn of a chat session.
struct AgentScript: Sendable {
    struct Tool: Sendable {
        let name: String
        /// Lowercased; empty when the tool is called on every turn.
        let keywords: [String]
        let input: [String: JSONValue]
        let error: String?
    }

    /// What the agent does for one message: tool calls, then the reply.
    struct Turn: Sendable {
        struct ToolCall: Sendable {
            let name: String
            let input: JSONValue
            let error: String?
        }

        let toolCalls: [ToolCall]
        let reply: String
    }

    let reply: Template
    let firstReply: Template
    /// The pause before each streamed event.
    let tokenDelay: Duration
    let tools: [Tool]

    init(_ agent: DevServerConfig.Agent) {
        reply = Template(agent.reply)
        firstReply = Template(agent.firstReply ?? agent.reply)
        tokenDelay = .milliseconds(agent.tokenDelayMs)
        tools = agent.tools.map {
            Tool(
                name: $0.name, keywords: ($0.keywords ?? []).map { $0.lowercased() }, input: $0.toolInput,
                error: $0.toolError)
        }
    }

    /// The turn for message number `number` (1 for the first) of a session.
    func turn(number: Int, message: String, previousMessage: String?, inputs: [String: JSONValue]) -> Turn {
        var variables = inputs
        variables["message"] = .string(message)
        variables["turn"] = .int(number)
        variables["turns_so_far"] = .int(number - 1)
        variables["previous_message"] = previousMessage.map(JSONValue.string)
        let lowercased = message.lowercased()
        let calls = tools.filter { tool in
            tool.keywords.isEmpty || tool.keywords.contains { lowercased.contains($0) }
        }.map { tool in
            Turn.ToolCall(name: tool.name, input: Self.fill(.object(tool.input), variables), error: tool.error)
        }
        let template = number == 1 ? firstReply : reply
        return Turn(toolCalls: calls, reply: template.render(variables))
    }

    /// `value` with its strings rendered as templates; a string that is a single placeholder
    /// becomes the variable itself, keeping its JSON type.
    private static func fill(_ value: JSONValue, _ variables: [String: JSONValue]) -> JSONValue {
        switch value {
        case .string(let text):
            let template = Template(text)
            if let name = template.soleInput {
                return variables[name] ?? .null
            }
            return .string(template.render(variables))
        case .array(let items):
            return .array(items.map { fill($0, variables) })
        case .object(let fields):
            return .object(fields.mapValues { fill($0, variables) })
        default:
            return value
        }
    }
}
