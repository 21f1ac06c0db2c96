import AirOps
import FoundationEssentials

/// All executions, with the task that drives each unfinished one.
///
/// Memory stays bounded: the store keeps the latest `capacity` executions (10,000 by
/// default); creating one more forgets the oldest, cancelling it if it still runs.
actor ExecutionStore {
    /// Who may see an execution: nil for executions of public apps (anyone may).
    typealias Owner = VerifiedUser?

    enum Outcome: Sendable {
        case success(output: String)
        case failure(DevServerConfig.Failure)
    }

    enum CancelResult: Sendable {
        case cancelled
        case alreadyFinished(ServerExecutionRecord.Status)
        case notFound
    }

    private struct Entry {
        var record: ServerExecutionRecord
        let owner: Owner
        let started: ContinuousClock.Instant
        var task: Task<Void, Never>?
    }

    private let capacity: Int
    private var entries: [Int: Entry] = [:]
    private var idsByUUID: [String: Int] = [:]
    private var nextId = 1
    private var oldestId = 1

    init(capacity: Int = 10_000) {
        self.capacity = capacity
    }

    func create(
        appId: Int, version: Int, workspaceId: Int, inputs: [String: JSONValue], streamChannelId: String?,
        owner: Owner
    ) -> ServerExecutionRecord {
        let now = Date()
        let record = ServerExecutionRecord(
            id: nextId, uuid: UUID().uuidString.lowercased(), appId: appId, version: version,
            workspaceId: workspaceId, inputs: inputs, streamChannelId: streamChannelId, createdAt: now,
            updatedAt: now)
        entries[record.id] = Entry(record: record, owner: owner, started: .now)
        idsByUUID[record.uuid] = record.id
        nextId += 1
        while entries.count > capacity {
            if let evicted = entries.removeValue(forKey: oldestId) {
                idsByUUID[evicted.record.uuid] = nil
                evicted.task?.cancel()
            }
            oldestId += 1
        }
        return record
    }

    /// Hands over the task that drives execution `uuid`; cancels it at once when the
    /// execution was cancelled or forgotten before the task got here.
    func attach(_ task: Task<Void, Never>, to uuid: String) {
        guard let id = idsByUUID[uuid], entries[id]?.record.status.isFinished == false else {
            task.cancel()
            return
        }
        entries[id]?.task = task
    }

    func lookup(_ uuid: String) -> (record: ServerExecutionRecord, owner: Owner)? {
        guard let entry = idsByUUID[uuid.lowercased()].flatMap({ entries[$0] }) else { return nil }
        return (entry.record, entry.owner)
    }

    /// Moves a pending execution to running; false when it is no longer pending.
    func markRunning(_ uuid: String) -> Bool {
        update(uuid) { entry, _ in
            guard entry.record.status == .pending else { return false }
            entry.record.status = .running
            return true
        } ?? false
    }

    /// How many executions were created since the start, forgotten ones included.
    var createdCount: Int { nextId - 1 }

    /// How many times a record was read through the API: the requests a client spent
    /// waiting, for tests and benchmarks.
    private(set) var readCount = 0

    func countRead() {
        readCount += 1
    }

    /// Runs `action` if execution `uuid` is running, and says whether it was: a run
    /// publishes its stream through here, so that nothing follows a cancel.
    func ifRunning(_ uuid: String, _ action: @Sendable () -> Void) -> Bool {
        guard let id = idsByUUID[uuid], entries[id]?.record.status == .running else { return false }
        action()
        return true
    }

    /// Ends a running execution; does nothing and returns false when it has ended already
    /// (e.g. cancelled).
    @discardableResult
    func finish(_ uuid: String, _ outcome: Outcome) -> Bool {
        update(uuid) { entry, elapsed in
            guard entry.record.status == .running else { return false }
            switch outcome {
            case .success(let output):
                entry.record.status = .success
                entry.record.output = output
                entry.record.creditsUsed = 1
            case .failure(let failure):
                entry.record.status = .error
                entry.record.errorCode = failure.errorCode
                entry.record.errorMessage = failure.errorMessage
            }
            entry.record.runtime = elapsed
            entry.task = nil
            return true
        } ?? false
    }

    /// Cancelling an execution that is already cancelled succeeds, so that a retried
    /// cancel request does not fail.
    func cancel(_ uuid: String) -> CancelResult {
        update(uuid) { entry, elapsed in
            switch entry.record.status {
            case .pending, .running:
                entry.record.status = .cancelled
                entry.record.runtime = elapsed
                entry.task?.cancel()
                entry.task = nil
                return .cancelled
            case .cancelled:
                return .cancelled
            case .success, .error:
                return .alreadyFinished(entry.record.status)
            }
        } ?? .notFound
    }

    /// Stops every running execution (the server is going down).
    func cancelAll() {
        for id in entries.keys {
            entries[id]?.task?.cancel()
            entries[id]?.task = nil
        }
    }

    /// Runs `change` on the entry of `uuid` with the seconds since its creation, and stamps
    /// `updatedAt` when the status changed; nil when there is no such execution.
    @discardableResult
    private func update<Result>(_ uuid: String, _ change: (inout Entry, Double) -> Result) -> Result? {
        guard let id = idsByUUID[uuid.lowercased()], var entry = entries[id] else { return nil }
        let elapsed = (ContinuousClock.now - entry.started).components
        let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
        let before = entry.record.status
        let result = change(&entry, seconds)
        if entry.record.status != before {
            entry.record.updatedAt = Date()
        }
        entries[id] = entry
        return result
    }
}
