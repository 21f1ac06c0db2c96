import Synchronization

/// How long each app has been running lately, learned from the `runtime` of its finished
/// records. Waiting for a non-streamed execution fetches around the time it is likely done,
/// rather than on a fixed beat: fewer requests and a shorter delay after the end.
final class RuntimeHints: Sendable {
    /// The weight of the newest runtime in the moving average: recent runs count most, one
    /// odd run does not throw the estimate far.
    private static let newestWeight = 0.5
    private let runtimes = Mutex<[String: Duration]>([:])

    /// The expected runtime of an app (version), nil before one of its runs has finished.
    func expected(for app: String) -> Duration? {
        runtimes.withLock { $0[app] }
    }

    func learn(_ runtime: Duration, for app: String) {
        runtimes.withLock { runtimes in
            runtimes[app] = runtimes[app].map { $0 * (1 - Self.newestWeight) + runtime * Self.newestWeight } ?? runtime
        }
    }
}
