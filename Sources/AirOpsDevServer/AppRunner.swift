import AirOps

/// Drives one execution through its life, in a task of its own: pending, running after a
/// short queueing delay, then success or error once the version's duration has passed.
/// Cancelling the task (cancel request, server stop) ends it where it is.
///
/// With a stream, a successful run publishes its output as `chunk` events `{"content":
/// "<piece>"}` spread over the duration (the pieces join into the output), then, once the
/// record is final, `completed` `{"content": "<output>"}`. A failing run publishes only
/// `completed` `{"content": .string(""), "error_code": ..., "error_message": ...}`; a cancelled run
/// publishes nothing more.
struct AppRunner: Sendable {
    /// How long a new execution stays "pending", so that clients can see that state.
    static let queueDelay = Duration.milliseconds(10)
    /// The most chunks a run sends when its version does not say.
    static let defaultChunkLimit = 50

    let uuid: String
    let version: AppCatalog.Version
    let inputs: [String: JSONValue]
    let store: ExecutionStore
    let stream: ExecutionStream?

    func start() async {
        let task = Task { await run() }
        await store.attach(task, to: uuid)
    }

    private func run() async {
        let outcome: ExecutionStore.Outcome =
            version.failure.map { .failure($0) } ?? .success(output: version.template.render(inputs))
        do {
            try await Task.sleep(for: Self.queueDelay)
            guard await store.markRunning(uuid) else { return }
            guard let stream, case .success(let output) = outcome else {
                return try await finish(outcome, after: version.duration)
            }
            let pieces =
                version.chunkCount.map { TextPieces.even(output, count: $0) }
                ?? TextPieces.words(output, limit: Self.defaultChunkLimit)
            for piece in pieces {
                try await Task.sleep(for: version.duration / pieces.count)
                guard await stream.publishWhileRunning("chunk", ["content": .string(piece)]) else { return }
            }
            try await finish(outcome, after: pieces.isEmpty ? version.duration : .zero)
        } catch {
            return  // cancelled: the store already has the final state
        }
    }

    private func finish(_ outcome: ExecutionStore.Outcome, after delay: Duration) async throws {
        try await Task.sleep(for: delay)
        guard await store.finish(uuid, outcome), let stream else { return }
        switch outcome {
        case .success(let output):
            stream.publish("completed", ["content": .string(output)])
        case .failure(let failure):
            stream.publish(
                "completed",
                [
                    "content": .string(""), "error_code": .string(failure.errorCode),
                    "error_message": .string(failure.errorMessage),
                ])
        }
    }
}
