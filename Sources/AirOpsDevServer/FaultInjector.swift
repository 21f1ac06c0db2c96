import NIOConcurrencyHelpers

/// The fault configuration in force and its running state: which rules still have a
/// `count` left, the seeded generator behind `rate`, the connection refusal window and
/// the timer that drops realtime connections. Counts every answer it alters.
final class FaultInjector: Sendable {
    /// What to do to one request.
    struct Fault: Sendable {
        let status: Int?
        let retryAfter: Int?
        let latencyMs: Int
        let body: FaultConfig.BrokenBody?
        let location: String?
    }

    private struct State {
        var config = FaultConfig()
        var remaining: [Int] = []
        var random = SeededRandom(seed: 0)
        var refuseUntil: ContinuousClock.Instant?
        var dropTimer: Task<Void, Never>?
        var injected = 0
    }

    private let hub: RealtimeHub
    private let state = NIOLockedValueBox(State())

    init(hub: RealtimeHub) {
        self.hub = hub
    }

    var config: FaultConfig { state.withLockedValue { $0.config } }

    /// Answers altered so far, realtime drops included (each drop of all connections once).
    var injectedCount: Int { state.withLockedValue { $0.injected } + hub.stats.faultDrops }

    /// Replaces the configuration and starts its counts, seed and timers afresh.
    func apply(_ config: FaultConfig) {
        let timer = config.realtimeDropEveryMs.flatMap { $0 > 0 ? dropTimer(every: $0) : nil }
        let previous = state.withLockedValue { state in
            let previous = state.dropTimer
            state.config = config
            state.remaining = (config.rules ?? []).map { $0.count ?? 0 }
            state.random = SeededRandom(seed: config.seed ?? 0)
            state.refuseUntil = config.refuseConnectionsMs.flatMap { $0 > 0 ? .now + .milliseconds($0) : nil }
            state.dropTimer = timer
            return previous
        }
        previous?.cancel()
        hub.dropAfterEvents = config.realtimeDropAfterEvents ?? 0
    }

    func clear() {
        apply(FaultConfig())
    }

    /// The fault for a request to `endpoint`, if a rule fires: the first matching rule
    /// with a `count` left, else the first whose `rate` draw hits. Each matching rule
    /// without a count left draws once, so the draws follow the requests exactly.
    func fault(for endpoint: FaultConfig.Endpoint) -> Fault? {
        state.withLockedValue { state in
            for (index, rule) in (state.config.rules ?? []).enumerated() where rule.matches(endpoint) {
                let fires: Bool
                if state.remaining[index] > 0 {
                    state.remaining[index] -= 1
                    fires = true
                } else if let rate = rule.rate {
                    fires = Double.random(in: 0..<1, using: &state.random) < rate
                } else {
                    fires = rule.count == nil
                }
                guard fires else { continue }
                state.injected += 1
                return Fault(
                    status: rule.status, retryAfter: rule.retryAfter, latencyMs: rule.latencyMs ?? 0, body: rule.body,
                    location: rule.location)
            }
            return nil
        }
    }

    /// Whether a connection accepted now is to be closed; counts it when so.
    func refusesConnection() -> Bool {
        state.withLockedValue { state in
            guard let until = state.refuseUntil, ContinuousClock.now < until else { return false }
            state.injected += 1
            return true
        }
    }

    private func dropTimer(every milliseconds: Int) -> Task<Void, Never> {
        Task { [weak self, hub] in
            while (try? await Task.sleep(for: .milliseconds(milliseconds))) != nil {
                guard let self else { return }
                if hub.closeAll(code: nil) > 0 {
                    state.withLockedValue { $0.injected += 1 }
                }
            }
        }
    }
}
