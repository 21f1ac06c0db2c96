/// The intervals between result fetches while waiting. The official clients poll every
/// 500 ms; starting shorter and growing makes short runs return sooner while long runs
/// cost no more requests than fixed polling would.
public struct PollSchedule: Sendable, Equatable {
    public var first: Duration
    public var growth: Double
    public var maximum: Duration

    public static let standard = PollSchedule(first: .milliseconds(100), growth: 1.5, maximum: .seconds(1))
    /// For streamed executions, whose `completed` event wakes the wait: polling is only
    /// the fallback for events lost on the way.
    public static let streamed = PollSchedule(first: .seconds(1), growth: 2, maximum: .seconds(10))

    public init(first: Duration, growth: Double, maximum: Duration) {
        self.first = first
        self.growth = growth
        self.maximum = maximum
    }

    /// The interval that follows `interval`.
    func next(after interval: Duration) -> Duration {
        min(interval * growth, maximum)
    }
}

/// When to fetch next while waiting for one execution. With an expected end (from the app's
/// recent runtimes) it fetches sparsely until then and often right after; without one it
/// fetches at once, or after the first interval when realtime events will say when to, and
/// then follows the schedule.
struct PollPlan {
    private let schedule: PollSchedule
    private var expectedEnd: ContinuousClock.Instant?
    /// The first pause once the expected end has passed without the run being done: it is
    /// about to end, so look again soon, doubling up to the schedule's first interval.
    private let settle: Duration
    private let fetchesAtOnce: Bool
    private var interval: Duration?

    init(
        schedule: PollSchedule, expectedEnd: ContinuousClock.Instant? = nil, settle: Duration = .milliseconds(5),
        fetchesAtOnce: Bool = true
    ) {
        self.schedule = schedule
        self.expectedEnd = expectedEnd
        self.settle = settle
        self.fetchesAtOnce = fetchesAtOnce
    }

    /// How long to wait before the first fetch.
    func firstPause(at now: ContinuousClock.Instant) -> Duration {
        untilExpectedEnd(at: now) ?? (fetchesAtOnce ? .zero : schedule.first)
    }

    /// How long to wait after a fetch that found the execution unfinished.
    mutating func pause(at now: ContinuousClock.Instant) -> Duration {
        if let wait = untilExpectedEnd(at: now) { return wait }
        let next: Duration
        if expectedEnd != nil {
            expectedEnd = nil
            next = settle
        } else if let interval, interval < schedule.first {
            next = min(interval * 2, schedule.first)
        } else {
            next = interval.map(schedule.next(after:)) ?? schedule.first
        }
        interval = next
        return next
    }

    private func untilExpectedEnd(at now: ContinuousClock.Instant) -> Duration? {
        guard let expectedEnd, now < expectedEnd else { return nil }
        return min(expectedEnd - now, schedule.maximum)
    }
}
