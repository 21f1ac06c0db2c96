/// What to do after the realtime connection closed, by the Pusher close-code classes:
/// 4000-4099 are fatal (reconnecting with the same settings fails again), 4100-4199 ask for
/// a back-off, 4200-4299 for an immediate reconnect; anything else (a dropped network, a
/// 1xxx close) reconnects with a growing, jittered delay. Every reconnect, "immediate" ones
/// too, waits at least ``minimumDelay(quickCloses:)``: a server that closes each connection
/// at once (with 4200 or otherwise) sees a few reconnects a second at first, then fewer.
struct ReconnectPolicy: Sendable {
    var first: Duration = .milliseconds(100)
    var maximum: Duration = .seconds(10)
    /// A connection that lasted this long was not part of a reconnect loop.
    var stable: Duration = .seconds(10)
    /// Where the growth of the minimum delay stops (before jitter).
    var maximumFloor: Duration = .milliseconds(1600)

    enum Decision: Equatable {
        case reconnect(after: Duration)
        case giveUp
    }

    /// - Parameter failures: connection attempts that failed since the last successful handshake.
    /// - Parameter quickCloses: connections in a row, the one that just ended included, that
    ///   ended within ``stable`` of their start, handshake or not (0 when it was stable).
    func decide(closeCode: Int?, failures: Int, quickCloses: Int) -> Decision {
        let delay: Duration
        switch closeCode ?? 0 {
        case 4000..<4100: return .giveUp
        case 4200..<4300: delay = .zero
        case 4100..<4200: delay = max(.seconds(1), backoff(failures))
        default: delay = backoff(failures)
        }
        return .reconnect(after: max(delay, minimumDelay(quickCloses: quickCloses)))
    }

    /// 100-300 ms after a stable connection or the first quick close, doubling with each
    /// further quick close up to ``maximumFloor`` (1.6-4.8 s with the jitter).
    func minimumDelay(quickCloses: Int) -> Duration {
        let grown = min(first * Double(1 << min(max(quickCloses - 1, 0), 16)), maximumFloor)
        return grown * Double.random(in: 1.0...3.0)
    }

    private func backoff(_ failures: Int) -> Duration {
        let exponential = first * Double(1 << min(failures, 16))
        let capped = min(exponential, maximum)
        // Full jitter keeps many clients that lost the same server from returning in step.
        return capped * Double.random(in: 0.5...1.0)
    }
}
