/// One execution of an app: fetch its record, wait for its result, cancel it.
public struct Execution: Sendable {
    /// The execution's uuid.
    public let id: String
    let client: AirOpsClient

    private var path: String { "/sdk_api/airops_apps/executions/\(pathSegment(id))" }

    /// The execution's current record, whatever its status.
    public func fetch() async throws(AirOpsError) -> ExecutionRecord {
        let response = try await client.transport.send(.GET, path)
        return try ExecutionRecord(body: response.body)
    }

    /// Waits until the execution has finished and returns its final record. A record with
    /// status `error` is a result, not a thrown error.
    /// - Parameter timeout: how long to wait at most; nil waits without limit. When it passes
    ///   this throws ``AirOpsError/Kind/timeout`` and the execution goes on.
    public func result(timeout: Duration? = nil, schedule: PollSchedule = .standard) async throws(AirOpsError) -> ExecutionRecord {
        let clock = ContinuousClock()
        let deadline = timeout.map { clock.now + $0 }
        var interval = schedule.first
        while true {
            let record = try await fetch()
            if record.status.isFinished { return record }
            var pause = interval
            if let deadline {
                let left = deadline - clock.now
                guard left > .zero else {
                    throw AirOpsError(.timeout, "execution \(id) is still \(record.status.rawValue) after \(timeout!.milliseconds) ms")
                }
                pause = min(pause, left)
            }
            do {
                try await Task.sleep(for: pause)
            } catch {
                throw AirOpsError(.timeout, "waiting for execution \(id) was cancelled")
            }
            interval = schedule.next(after: interval)
        }
    }

    /// Asks the server to cancel the execution; it ends with status `cancelled`.
    /// Cancelling a cancelled execution succeeds; cancelling a finished one throws
    /// ``AirOpsError/Kind/badRequest``.
    public func cancel() async throws(AirOpsError) {
        _ = try await client.transport.send(.PATCH, "\(path)/cancel")
    }
}
