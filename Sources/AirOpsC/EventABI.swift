import AirOps
import CAirOpsABI

/// Presents an event as an `airops_event` for the length of `body`.
func withCEvent(
    _ event: ExecutionEvent, execution: OpaquePointer, executionId: BorrowedCString, isChat: Bool,
    _ body: (UnsafePointer<airops_event>) -> Void
) {
    var strings: [BorrowedCString] = []
    func text(_ value: String?) -> UnsafePointer<CChar>? {
        guard let value else { return nil }
        let string = BorrowedCString(value)
        strings.append(string)
        return string.borrowed
    }
    var cEvent = airops_event()
    cEvent.size = MemoryLayout<airops_event>.size
    cEvent.execution = execution
    cEvent.execution_id = executionId.borrowed
    cEvent.json = text(event.json)
    switch event.kind {
    case .chunk:
        cEvent.kind = AIROPS_EVENT_CHUNK
        cEvent.data.chunk = airops_chunk_event(content: text(event.content ?? ""))
    case .completed:
        cEvent.kind = AIROPS_EVENT_COMPLETED
        cEvent.data.completed = isChat
            ? airops_completed_event(content: nil, result: text(event.result ?? ""))
            : airops_completed_event(content: text(event.content ?? ""), result: nil)
        cEvent.error_code = text(event.errorCode)
    case .agentResponse:
        cEvent.kind = AIROPS_EVENT_AGENT_RESPONSE
        cEvent.data.agent_response = airops_agent_response_event(
            token: text(event.token ?? ""), stream_finished: event.streamFinished ? 1 : 0,
            result: event.streamFinished ? text(event.result ?? "") : nil)
    case .agentAction:
        cEvent.kind = AIROPS_EVENT_AGENT_ACTION
        cEvent.data.agent_action = airops_agent_action_event(
            tool: text(event.tool ?? ""), tool_input_json: text(event.toolInput?.jsonText ?? "{}"))
    case .agentActionError:
        cEvent.kind = AIROPS_EVENT_AGENT_ACTION_ERROR
        cEvent.data.agent_action_error = airops_agent_action_error_event(
            tool: text(event.tool ?? ""), tool_error: text(event.toolError ?? ""))
    }
    withExtendedLifetime(strings) {
        withUnsafePointer(to: &cEvent, body)
    }
}
