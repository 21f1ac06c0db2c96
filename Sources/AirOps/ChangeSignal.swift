import NIOConcurrencyHelpers

/// A counter that tasks can wait on: `wait(after:upTo:)` returns as soon as the count has
/// passed the value a waiter saw, or when its time is up. Used to wake result polling the
/// moment a realtime event says that something changed.
final class ChangeSignal: Sendable {
    private struct State {
        var count = 0
        var nextId = 0
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
        var released: Set<Int> = []
    }

    // NIO's lock: ThreadSanitizer follows it, not Synchronization.Mutex (see tests/c/tsan.supp).
    private let state = NIOLockedValueBox(State())

    var count: Int { state.withLockedValue { $0.count } }

    func fire() {
        let waiters = state.withLockedValue { state in
            state.count += 1
            defer { state.waiters.removeAll() }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns when the count exceeds `seen`, after `timeout`, or when the task is cancelled.
    func wait(after seen: Int, upTo timeout: Duration) async {
        let id = state.withLockedValue { state in
            state.nextId += 1
            return state.nextId
        }
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                try? await Pause.sleep(for: timeout)
                self.release(id)
            }
            group.addTask {
                await withCheckedContinuation { continuation in
                    let resumeNow = self.state.withLockedValue { state in
                        if state.count > seen || state.released.remove(id) != nil { return true }
                        state.waiters[id] = continuation
                        return false
                    }
                    if resumeNow { continuation.resume() }
                }
            }
            await group.next()
            group.cancelAll()
        }
        // Both children are done; a late release of the timer may have left a mark.
        state.withLockedValue { _ = $0.released.remove(id) }
    }

    /// Wakes waiter `id`, or marks it released if it has not registered yet.
    private func release(_ id: Int) {
        let waiter = state.withLockedValue { state -> CheckedContinuation<Void, Never>? in
            if let waiter = state.waiters.removeValue(forKey: id) { return waiter }
            state.released.insert(id)
            return nil
        }
        waiter?.resume()
    }
}
