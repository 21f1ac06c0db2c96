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
    /// Whole milliseconds, saturating at Int64.max: a caller's "practically forever" must
    /// not trap.
    var milliseconds: Int64 { count(perSecond: 1000) }

    /// Whole nanoseconds, saturating like ``milliseconds``.
    var nanoseconds: Int64 { count(perSecond: 1_000_000_000) }

    private func count(perSecond units: Int64) -> Int64 {
        let (seconds, attoseconds) = components
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: units)
        guard !overflow else { return seconds < 0 ? .min : .max }
        let (total, overflowAgain) = whole.addingReportingOverflow(attoseconds / (1_000_000_000_000_000_000 / units))
        return overflowAgain ? .max : total
    }
}
