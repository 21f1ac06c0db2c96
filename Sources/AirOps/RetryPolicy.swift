/// When and how long to wait before sending a request again. Requests that only read (or
/// are idempotent, like cancel) are retried on connection errors, 408, 429 and 5xx; a request
/// that starts an execution is retried only when it provably did not reach the server (the
/// connection was refused) or the server said it did no work (429, 503), so an execution is
/// never started twice by the SDK.
public struct RetryPolicy: Sendable, Equatable {
    /// Retries after the first attempt; 0 disables retrying.
    public var maxRetries: Int
    public var initialDelay: Duration
    public var maxDelay: Duration
    /// A server's Retry-After above this is not waited for: the error is returned instead.
    public var maxRetryAfter: Duration

    public static let standard = RetryPolicy(
        maxRetries: 2, initialDelay: .milliseconds(500), maxDelay: .seconds(8), maxRetryAfter: .seconds(60))
    public static let none = RetryPolicy(maxRetries: 0, initialDelay: .zero, maxDelay: .zero, maxRetryAfter: .zero)

    public init(maxRetries: Int, initialDelay: Duration, maxDelay: Duration, maxRetryAfter: Duration) {
        self.maxRetries = maxRetries
        self.initialDelay = initialDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
    }

    /// What a request may do to the server, which decides what may be retried.
    enum Effect {
        /// Reads, or changes nothing when repeated (get app, get execution, auth, cancel).
        case idempotent
        /// Starts an execution (async_execute, chat_stream).
        case startsWork
    }

    /// One failed attempt, as the retry decision sees it.
    struct Failure: Error {
        var error: AirOpsError
        /// Whether the request may have reached the server.
        var mayHaveBeenSent: Bool
        var retryAfter: Duration?
    }

    /// The pause before retry number `retry` (0-based), or nil when the failure is final.
    func delay(before retry: Int, after failure: Failure, effect: Effect) -> Duration? {
        guard retry < maxRetries, Self.isRetryable(failure, effect: effect) else { return nil }
        if let retryAfter = failure.retryAfter {
            return retryAfter <= maxRetryAfter ? retryAfter : nil
        }
        let exponential = min(initialDelay * Double(1 << min(retry, 20)), maxDelay)
        return exponential * Double.random(in: 0.75...1.0)
    }

    private static func isRetryable(_ failure: Failure, effect: Effect) -> Bool {
        let status = failure.error.httpStatus
        switch effect {
        case .idempotent:
            return status == 0 ? [.network, .timeout].contains(failure.error.kind) : status == 408 || status == 429 || status >= 500
        case .startsWork:
            return status == 429 || status == 503 || (status == 0 && !failure.mayHaveBeenSent)
        }
    }
}
