/// What to do after the realtime connection closed, by the Pusher close-code classes:
/// 4000-4099 are fatal (reconnecting with the same settings fails again), 4100-4199 ask for
/// a back-off, 4200-4299 for an immediate reconnect; anything else (a dropped network, a
/// 1xxx close) reconnects with a growing, jittered delay.
struct ReconnectPolicy: Sendable {
    var first: Duration = .milliseconds(100)
    var maximum: Duration = .seconds(10)

    enum Decision: Equatable {
        case reconnect(after: Duration)
        case giveUp
    }

    /// - Parameter failures: connection attempts that failed since the last successful handshake.
    func decide(closeCode: Int?, failures: Int) -> Decision {
        switch closeCode ?? 0 {
        case 4000..<4100: return .giveUp
        case 4200..<4300: return .reconnect(after: .zero)
        case 4100..<4200: return .reconnect(after: max(.seconds(1), backoff(failures)))
        default: return .reconnect(after: backoff(failures))
        }
    }

    private func backoff(_ failures: Int) -> Duration {
        let exponential = first * Double(1 << min(failures, 16))
        let capped = min(exponential, maximum)
        // Full jitter keeps many clients that lost the same server from returning in step.
        return capped * Double.random(in: 0.5...1.0)
    }
}
