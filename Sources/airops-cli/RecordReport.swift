import AirOps

/// Prints a record the way `run`, `result` and `chat` do: its output text, completing what
/// streamed, or with `json` the whole record; then fails unless the execution succeeded.
func report(_ record: ExecutionRecord, json: Bool, streamed: StreamedText = StreamedText()) throws {
    var streamed = streamed
    if json { StandardStream.output.write(prettyJSON(.object(record.fields)) + "\n") }
    switch record.status {
    case .success:
        if !json { streamed.finish(with: record.output?.text ?? "") }
    case let status where !status.isFinished:
        throw CommandFailure(.timeout, "execution \(record.id) is still \(status.rawValue)")
    default:
        streamed.abandon()
        throw CommandFailure(.executionFailed, failureDescription(record))
    }
}

private func failureDescription(_ record: ExecutionRecord) -> String {
    let details = [record.errorCode, record.errorMessage].compactMap { $0 }.joined(separator: ": ")
    guard record.status == .error else { return "execution \(record.id) ended with status \(record.status.rawValue)" }
    return details.isEmpty ? "execution \(record.id) failed" : "execution \(record.id) failed: \(details)"
}
