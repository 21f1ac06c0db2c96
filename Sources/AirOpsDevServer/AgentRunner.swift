import AirOps

/// Plays one turn of an agent chat, in a task of its own, like ``AppRunner`` runs a
/// workflow. On the stream, with the script's delay before each event:
///
/// 1. per tool call, `agent-action` `{"tool": name, "tool_input": {...}}`, and for a failing
///    tool `agent-action-error` `{"tool": name, "tool_error": message}`;
/// 2. the reply token by token (a word each), `agent-response` `{"token": piece,
///    "stream_finished": false, "result": null}`, the last one with `"stream_finished":
///    true` and `"result": reply`;
/// 3. once the record is `success` with the reply as output, `completed` `{"result": reply}`.
///
/// A cancelled chat publishes nothing more.
struct AgentRunner: Sendable {
    let uuid: String
    let turn: AgentScript.Turn
    let tokenDelay: Duration
    let store: ExecutionStore
    let stream: ExecutionStream

    func start() async {
        let task = Task { await run() }
        await store.attach(task, to: uuid)
    }

    private func run() async {
        do {
            try await Task.sleep(for: AppRunner.queueDelay)
            guard await store.markRunning(uuid) else { return }
            for call in turn.toolCalls {
                guard try await publish("agent-action", ["tool": .string(call.name), "tool_input": call.input]) else {
                    return
                }
                if let error = call.error {
                    guard
                        try await publish(
                            "agent-action-error", ["tool": .string(call.name), "tool_error": .string(error)])
                    else { return }
                }
            }
            // An empty reply still ends its stream.
            let tokens = turn.reply.isEmpty ? [""] : TextPieces.words(turn.reply)
            for (index, token) in tokens.enumerated() {
                let last = index == tokens.count - 1
                let payload: [String: JSONValue] = [
                    "token": .string(token), "stream_finished": .bool(last),
                    "result": last ? .string(turn.reply) : .null,
                ]
                guard try await publish("agent-response", payload) else { return }
            }
        } catch {
            return  // cancelled: the store already has the final state
        }
        guard await store.finish(uuid, .success(output: turn.reply)) else { return }
        stream.publish("completed", ["result": .string(turn.reply)])
    }

    private func publish(_ event: String, _ payload: [String: JSONValue]) async throws -> Bool {
        try await Task.sleep(for: tokenDelay)
        return await stream.publishWhileRunning(event, payload)
    }
}
