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
