#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Runs async work to completion for a caller that blocks until it is done (the C ABI's
/// blocking functions), on the caller's own thread. While it runs, the transport may do
/// socket I/O on that thread directly (``CallerThreadHTTP``): the thread is waiting anyway.
public enum BlockingCall {
    /// The thread that is blocked in ``run(_:)`` for the current task.
    @TaskLocal private static var callingThread: pthread_t?

    /// Whether the current code runs on the thread of a blocking call: true inside ``run(_:)``,
    /// false in tasks it spawned that run elsewhere, such as the realtime connection's.
    static var isOnCallingThread: Bool {
        guard let thread = callingThread else { return false }
        return pthread_equal(thread, pthread_self()) != 0
    }

    public static func run<T: Sendable>(_ operation: @escaping @Sendable () async throws(AirOpsError) -> T) throws(AirOpsError) -> T {
        let outcome = Outcome<T>()
        let executor = CallerThreadExecutor()
        let thread = pthread_self()
        Task(executorPreference: executor) {
            let result = await $callingThread.withValue(thread) { () async -> Result<T, AirOpsError> in
                do throws(AirOpsError) { return .success(try await operation()) } catch { return .failure(error) }
            }
            outcome.finish(result)
        }
        executor.run { outcome.result != nil }
        return try outcome.result!.get()
    }
}

/// A result handed from the task that computes it to the thread that waits for it.
private final class Outcome<T: Sendable>: Sendable {
    private let value = Mutex<Result<T, AirOpsError>?>(nil)

    var result: Result<T, AirOpsError>? { value.withLock { $0 } }

    func finish(_ result: Result<T, AirOpsError>) {
        value.withLock { $0 = result }
    }
}
