import NIOCore
import NIOConcurrencyHelpers

/// Sleeping on the process's event loops rather than with `Task.sleep`, whose timers are
/// libdispatch's and never fire in a forked child (see ``ChildExecutor``).
enum Pause {
    /// Returns after `duration`; throws `CancellationError` as soon as the task is cancelled.
    static func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        guard duration > .zero else { return }
        let timer = Timer()
        try await withTaskCancellationHandler {
            try await withUnsafeThrowingContinuation { timer.start($0, after: TimeAmount(duration)) }
        } onCancel: {
            timer.cancel()
        }
    }

    static func sleep(until deadline: ContinuousClock.Instant) async throws {
        try await sleep(for: deadline - .now)
    }

    /// One sleep: whichever of the timer and the cancellation comes first resumes the task.
    private final class Timer: Sendable {
        private enum State {
            case new
            case waiting(UnsafeContinuation<Void, any Error>, Scheduled<Void>)
            /// Ended before `start` had stored the continuation.
            case ended(cancelled: Bool)
        }

        // NIO's lock: ThreadSanitizer follows it, not Synchronization.Mutex (see tests/c/tsan.supp).
        private let state = NIOLockedValueBox(State.new)

        func start(_ continuation: UnsafeContinuation<Void, any Error>, after delay: TimeAmount) {
            let scheduled = EventLoops.group.any().scheduleTask(in: delay) { self.finish(cancelled: false) }
            let endedEarly = state.withLockedValue { state -> Bool? in
                guard case .ended(let cancelled) = state else {
                    state = .waiting(continuation, scheduled)
                    return nil
                }
                return cancelled
            }
            switch endedEarly {
            case nil: break
            case true?:
                scheduled.cancel()
                continuation.resume(throwing: CancellationError())
            case false?:
                continuation.resume()
            }
        }

        func cancel() { finish(cancelled: true) }

        private func finish(cancelled: Bool) {
            let waiting = state.withLockedValue { state -> (UnsafeContinuation<Void, any Error>, Scheduled<Void>)? in
                switch state {
                case .new:
                    state = .ended(cancelled: cancelled)
                    return nil
                case .waiting(let continuation, let scheduled):
                    state = .ended(cancelled: cancelled)
                    return (continuation, scheduled)
                case .ended:
                    return nil
                }
            }
            guard let (continuation, scheduled) = waiting else { return }
            if cancelled {
                scheduled.cancel()
                continuation.resume(throwing: CancellationError())
            } else {
                continuation.resume()
            }
        }
    }
}
