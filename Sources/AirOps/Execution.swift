/// One execution of an app: fetch its record, wait for its result, cancel it; for streamed
/// executions and chats also its realtime events.
public struct Execution: Sendable {
    /// The execution's uuid.
    public let id: String
    /// The chat session this execution is a turn of; nil for app executions.
    public let sessionId: String?
    let client: AirOpsClient
    let live: LiveUpdates?
    /// The app (version) and the moment the request that started the run was sent; known
    /// for executions this client started, so that waiting can use the app's runtimes.
    let origin: (app: String, startedAt: ContinuousClock.Instant)?

    init(
        id: String, client: AirOpsClient, sessionId: String? = nil, live: LiveUpdates? = nil,
        origin: (app: String, startedAt: ContinuousClock.Instant)? = nil
    ) {
        self.id = id
        self.client = client
        self.sessionId = sessionId
        self.live = live
        self.origin = origin
    }

    /// The realtime events of a streamed execution or chat, in the order the server sent
    /// them, ending after exactly one `completed` event (or at cancel/``stopUpdates()``).
    /// Nil for an execution that was not started with streaming.
    public var events: AsyncStream<ExecutionEvent>? { live?.events }

    /// The process the execution's client was made in (see ``AirOpsClient/process``).
    public var process: ProcessStamp { client.process }

    private var path: String { "/sdk_api/airops_apps/executions/\(pathSegment(id))" }

    /// The execution's current record, whatever its status.
    public func fetch() async throws(AirOpsError) -> ExecutionRecord {
        try client.checkUsable("execution")
        let response = try await client.transport.send(.GET, path)
        return try ExecutionRecord(body: response.body)
    }

    /// Waits until the execution has finished and returns its final record. A record with
    /// status `error` is a result, not a thrown error. For a streamed execution the
    /// `completed` event triggers the one fetch at once; polling, from 1 s on, is the fallback. Without
    /// streaming and once a run of the same app has finished, fetches are timed by that
    /// app's recent runtimes: sparse until the run is likely done, frequent right after.
    /// - Parameter timeout: how long to wait at most; nil waits without limit. When it passes
    ///   this throws ``AirOpsError/Kind/timeout`` and the execution goes on.
    /// - Parameter schedule: the intervals between fetches, instead of the default timing.
    public func result(timeout: Duration? = nil, schedule: PollSchedule? = nil) async throws(AirOpsError) -> ExecutionRecord {
        try client.checkUsable("execution")
        let clock = ContinuousClock()
        let deadline = timeout.map { clock.now + $0 }
        var plan = pollPlan(schedule)
        var pause = plan.firstPause(at: clock.now)
        // A `completed` that arrived before this call ends the first pause at once.
        var seen = 0
        while true {
            // The last fetch is made at the deadline, so a run that ended meanwhile is returned.
            if let deadline { pause = min(pause, max(deadline - clock.now, .zero)) }
            if pause > .zero {
                if let live {
                    await live.changes.wait(after: seen, upTo: pause)
                } else {
                    try? await Pause.sleep(for: pause)
                }
                guard !Task.isCancelled else { throw AirOpsError(.timeout, "waiting for execution \(id) was cancelled") }
            }
            seen = live?.changes.count ?? 0
            let record = try await fetch()
            if record.status.isFinished {
                live?.finish(from: record)
                if let origin, record.status == .success, let runtime = record.runtime {
                    client.runtimes.learn(runtime, for: origin.app)
                }
                return record
            }
            if let deadline, clock.now >= deadline {
                throw AirOpsError(.timeout, "execution \(id) is still \(record.status.rawValue) after \(timeout!.milliseconds) ms")
            }
            pause = plan.pause(at: clock.now)
        }
    }

    private func pollPlan(_ schedule: PollSchedule?) -> PollPlan {
        if let schedule { return PollPlan(schedule: schedule) }
        // Streamed: the `completed` event wakes the wait; polling is the fallback.
        guard live == nil else { return PollPlan(schedule: .streamed, fetchesAtOnce: false) }
        guard let origin, let runtime = client.runtimes.expected(for: origin.app) else {
            return PollPlan(schedule: .standard)
        }
        // A fetch sent at startedAt + runtime sees the server as it is half a round trip
        // later, just as the run began half a round trip after startedAt: the margin only
        // absorbs timer slack and jitter.
        let margin = runtime / 50 + .milliseconds(2)
        return PollPlan(schedule: .standard, expectedEnd: origin.startedAt + runtime + margin, settle: max(margin, .milliseconds(5)))
    }

    /// Asks the server to cancel the execution; it ends with status `cancelled`. Its events
    /// stop first. Cancelling a cancelled execution succeeds; cancelling a finished one
    /// throws ``AirOpsError/Kind/badRequest``.
    public func cancel() async throws(AirOpsError) {
        try client.checkUsable("execution")
        live?.close()
        _ = try await client.transport.send(.PATCH, "\(path)/cancel")
    }

    /// Stops the realtime events (and leaves the channel) without cancelling the execution.
    /// Does nothing in a child forked since: the channel is the parent's.
    public func stopUpdates() {
        guard !client.process.isInherited else { return }
        live?.close()
    }
}
