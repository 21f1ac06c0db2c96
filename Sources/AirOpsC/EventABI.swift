import AirOps
import CAirOpsABI

/// Presents an event as an `airops_event` for the length of `body`: copies its strings.
func withCEvent(
    _ event: ExecutionEvent, execution: OpaquePointer, executionId: BorrowedCString,
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
    case .chunk(let content):
        cEvent.kind = AIROPS_EVENT_CHUNK
        cEvent.data.chunk = airops_chunk_event(content: text(content))
    case .completed(let completion):
        cEvent.kind = AIROPS_EVENT_COMPLETED
        cEvent.data.completed = airops_completed_event(content: text(completion.content), result: text(completion.result))
        cEvent.error_code = text(completion.errorCode)
    case .agentResponse(let token, let reply):
        cEvent.kind = AIROPS_EVENT_AGENT_RESPONSE
        cEvent.data.agent_response = airops_agent_response_event(
            token: text(token), stream_finished: reply == nil ? 0 : 1, result: text(reply))
    case .agentAction(let tool, let input):
        cEvent.kind = AIROPS_EVENT_AGENT_ACTION
        cEvent.data.agent_action = airops_agent_action_event(tool: text(tool), tool_input_json: text(input.jsonText))
    case .agentActionError(let tool, let message):
        cEvent.kind = AIROPS_EVENT_AGENT_ACTION_ERROR
        cEvent.data.agent_action_error = airops_agent_action_error_event(tool: text(tool), tool_error: text(message))
    }
    withExtendedLifetime(strings) {
        withUnsafePointer(to: &cEvent, body)
    }
}
