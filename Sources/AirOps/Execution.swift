/// One execution of an app: fetch its record, wait for its result, cancel it; for streamed
/// executions and chats also its realtime events.
public struct Execution: Sendable {
    /// The execution's uuid.
    public let id: String
    /// The chat session this execution is a turn of; nil for app executions.
    public let sessionId: String?
    let client: AirOpsClient
    let live: LiveUpdates?

    init(id: String, client: AirOpsClient, sessionId: String? = nil, live: LiveUpdates? = nil) {
        self.id = id
        self.client = client
        self.sessionId = sessionId
        self.live = live
    }

    /// The realtime events of a streamed execution or chat, in the order the server sent
    /// them, ending after exactly one `completed` event (or at cancel/``stopUpdates()``).
    /// Nil for an execution that was not started with streaming.
    public var events: AsyncStream<ExecutionEvent>? { live?.events }

    private var path: String { "/sdk_api/airops_apps/executions/\(pathSegment(id))" }

    /// The execution's current record, whatever its status.
    public func fetch() async throws(AirOpsError) -> ExecutionRecord {
        let response = try await client.transport.send(.GET, path)
        return try ExecutionRecord(body: response.body)
    }

    /// Waits until the execution has finished and returns its final record. A record with
    /// status `error` is a result, not a thrown error. For a streamed execution the
    /// `completed` event triggers the final fetch at once; polling is the fallback.
    /// - Parameter timeout: how long to wait at most; nil waits without limit. When it passes
    ///   this throws ``AirOpsError/Kind/timeout`` and the execution goes on.
    public func result(timeout: Duration? = nil, schedule: PollSchedule? = nil) async throws(AirOpsError) -> ExecutionRecord {
        let schedule = schedule ?? (live == nil ? .standard : .streamed)
        let clock = ContinuousClock()
        let deadline = timeout.map { clock.now + $0 }
        var interval = schedule.first
        while true {
            let seen = live?.changes.count ?? 0
            let record = try await fetch()
            if record.status.isFinished {
                live?.finish(from: record)
                return record
            }
            var pause = interval
            if let deadline {
                let left = deadline - clock.now
                guard left > .zero else {
                    throw AirOpsError(.timeout, "execution \(id) is still \(record.status.rawValue) after \(timeout!.milliseconds) ms")
                }
                pause = min(pause, left)
            }
            if let live {
                await live.changes.wait(after: seen, upTo: pause)
            } else {
                try? await Task.sleep(for: pause)
            }
            guard !Task.isCancelled else { throw AirOpsError(.timeout, "waiting for execution \(id) was cancelled") }
            interval = schedule.next(after: interval)
        }
    }

    /// Asks the server to cancel the execution; it ends with status `cancelled`. Its events
    /// stop first. Cancelling a cancelled execution succeeds; cancelling a finished one
    /// throws ``AirOpsError/Kind/badRequest``.
    public func cancel() async throws(AirOpsError) {
        live?.close()
        _ = try await client.transport.send(.PATCH, "\(path)/cancel")
    }

    /// Stops the realtime events (and leaves the channel) without cancelling the execution.
    public func stopUpdates() {
        live?.close()
    }
}
