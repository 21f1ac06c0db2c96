// libFuzzer target over every decoder of what a server sends: execution records, app
// descriptions, the answers to execute and channel authorization, error bodies, Pusher frames
// and the events they carry. Built with `swift build --sanitize=fuzzer` (make test-fuzz);
// libFuzzer supplies `main`. Whatever the bytes, decoding must return or throw a protocol
// violation, and what decodes must keep the invariants the SDK relies on.
import AirOpsWire
import FoundationEssentials

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDecoders(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let body = Data(bytes: start, count: count)
    checkJSONRoundTrip(body)
    checkRecord(body)
    _ = try? AppInfo(body: body)
    _ = try? ServerAnswer.executionId(body)
    _ = try? ServerAnswer.channelAuthorization(body)
    _ = ServerAnswer.errorText(body)
    // WebSocket text frames are valid UTF-8 by the time they reach the decoder.
    checkFrame(String(decoding: body, as: UTF8.self))
    return 0
}

/// What decodes encodes to JSON text that decodes to the same value: inputs and outputs
/// pass through `jsonText` on their way to callers.
private func checkJSONRoundTrip(_ body: Data) {
    guard let value = JSONValue(json: body) else { return }
    let again = JSONValue(json: Data(value.jsonText.utf8))
    precondition(again == value, "JSON round trip changed \(value) into \(String(describing: again))")
}

private func checkRecord(_ body: Data) {
    guard let record = try? ExecutionRecord(body: body) else { return }
    precondition(!record.id.isEmpty, "a record without a uuid was accepted")
    _ = record.output?.text
}

private func checkFrame(_ text: String) {
    guard let frame = PusherFrame(text: text) else { return }
    _ = frame.payload?["socket_id"]
    for name in ["chunk", "completed", "agent-response", "agent-action", "agent-action-error", frame.event] {
        for isChat in [false, true] {
            _ = ExecutionEvent(eventName: name, json: frame.data, isChat: isChat)
        }
    }
}
