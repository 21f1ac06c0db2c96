/// Runs `operation` and throws ``AirOpsError/Kind/timeout`` if it has not finished after
/// `duration`; the operation is cancelled then.
func withDeadline<T: Sendable>(
    _ duration: Duration, _ operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: duration)
            throw AirOpsError(.timeout, "no answer within \(duration.milliseconds) ms")
        }
        defer { group.cancelAll() }
        // The first child to finish decides: a result, or the timeout error.
        return try await group.next()!
    }
}

extension Duration {
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }

    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
