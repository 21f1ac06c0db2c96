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
