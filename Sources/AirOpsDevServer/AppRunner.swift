import AirOps
/// Drives one execution through its life, in a task of its own: pending, running after a
/// short queueing delay, then success or error once the version's duration has passed.
/// Cancelling the task (cancel request, server stop) ends it where it is.
struct AppRunner: Sendable {
    /// How long a new execution stays "pending", so that clients can see that state.
    static let queueDelay = Duration.milliseconds(10)

    let uuid: String
    let version: AppCatalog.Version
    let inputs: [String: JSONValue]
    let store: ExecutionStore

    func start() async {
        let task = Task { await run() }
        await store.attach(task, to: uuid)
    }

    private func run() async {
        do {
            try await Task.sleep(for: Self.queueDelay)
            guard await store.markRunning(uuid) else { return }
            try await Task.sleep(for: version.duration)
        } catch {
            return  // cancelled: the store already has the final state
        }
        if let failure = version.failure {
            await store.finish(uuid, .failure(failure))
        } else {
            await store.finish(uuid, .success(output: version.template.render(inputs)))
        }
    }
}
