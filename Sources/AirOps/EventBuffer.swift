import NIOConcurrencyHelpers

/// The events of one stream waiting for their consumer: at most `limit` of them, plus room
/// for the end. When the consumer falls further behind, ``push(_:)`` refuses and the stream is
/// ended by its owner (``LiveUpdates``): a server that floods, or a consumer that never reads,
/// must not grow the host's memory without bound.
final class EventBuffer: Sendable {
    private struct State {
        var events: [ExecutionEvent] = []
        /// Index of the next event to hand out; the array is compacted as it is consumed.
        var head = 0
        var ended = false
        var waiter: CheckedContinuation<ExecutionEvent?, Never>?

        var count: Int { events.count - head }

        mutating func take() -> ExecutionEvent? {
            guard head < events.count else { return nil }
            let event = events[head]
            head += 1
            if head > 64, head * 2 > events.count {
                events.removeFirst(head)
                head = 0
            }
            return event
        }
    }

    let limit: Int
    // A pthread mutex that ThreadSanitizer sees, unlike Synchronization.Mutex whose futex
    // waits it cannot follow.
    private let state = NIOLockedValueBox(State())

    init(limit: Int) {
        self.limit = limit
    }

    /// The events as an async sequence for one consumer; it ends after the last one.
    var events: AsyncStream<ExecutionEvent> {
        AsyncStream(unfolding: { await self.next() })
    }

    /// Queues `event`; false when `limit` events wait already (nothing is queued then).
    func push(_ event: ExecutionEvent) -> Bool {
        let (accepted, waiter) = state.withLockedValue { state -> (Bool, CheckedContinuation<ExecutionEvent?, Never>?) in
            guard !state.ended, state.count < limit else { return (false, nil) }
            if let waiter = state.waiter {
                state.waiter = nil
                return (true, waiter)
            }
            state.events.append(event)
            return (true, nil)
        }
        waiter?.resume(returning: event)
        return accepted
    }

    /// Ends the events after `last` (which always fits) and what waits before it.
    func end(after last: ExecutionEvent?) {
        let waiter = state.withLockedValue { state -> CheckedContinuation<ExecutionEvent?, Never>? in
            guard !state.ended else { return nil }
            state.ended = true
            if let last { state.events.append(last) }
            defer { state.waiter = nil }
            return state.waiter
        }
        // A waiter means nothing was queued: it takes `last`, or the end.
        if let waiter {
            let next = state.withLockedValue { $0.take() }
            waiter.resume(returning: next)
        }
    }

    /// The next event; nil after the end or when the consuming task is cancelled.
    private func next() async -> ExecutionEvent? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let ready = state.withLockedValue { state -> ExecutionEvent?? in
                    if let event = state.take() { return .some(event) }
                    if state.ended || Task.isCancelled { return .some(nil) }
                    state.waiter = continuation
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            let waiter = state.withLockedValue { state in
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume(returning: nil)
        }
    }
}
