/// The faults a dev server injects, as `PUT /dev/faults` takes and `GET /dev/faults` gives
/// it (``FaultRoutes``). Every key is optional; an empty object injects nothing. The `_ms`
/// settings are at most an hour (3,600,000), counts and `retry_after` at least 0.
///
/// ```json
/// {"rules": [{"endpoint": "async_execute", "rate": 0.2, "status": 503, "retry_after": 1,
///             "latency_ms": 0, "body": "truncated", "count": 2},
///            {"endpoint": "get_app", "status": 307, "location": "http://127.0.0.1:9/elsewhere"}],
///  "refuse_connections_ms": 0, "realtime_drop_every_ms": 0,
///  "realtime_drop_after_events": 0, "seed": 42}
/// ```
struct FaultConfig: Codable, Sendable, Equatable {
    /// The sdk_api endpoints a rule can aim at; `any` is all of them.
    enum Endpoint: String, Codable, Sendable {
        case getExecution = "get_execution"
        case getApp = "get_app"
        case asyncExecute = "async_execute"
        case chatStream = "chat_stream"
        case cancel
        case pusherAuth = "pusher_auth"
        case any
    }

    /// A 200 answer whose body a client cannot use.
    enum BrokenBody: String, Codable, Sendable {
        case truncated, malformed, endless, stall
        case wrongTypes = "wrong_types"
    }

    /// One fault: it fires for the next `count` matching requests, then with probability
    /// `rate`; with neither, always. When it fires, the answer waits `latency_ms`, then is
    /// `status` (with `Retry-After`, and with `Location` for a 3xx, which needs one), or a
    /// broken `body`, or (latency only) the real answer.
    struct Rule: Codable, Sendable, Equatable {
        var endpoint: Endpoint
        var rate: Double?
        var status: Int?
        var retryAfter: Int?
        var latencyMs: Int?
        var body: BrokenBody?
        var count: Int?
        var location: String?

        enum CodingKeys: String, CodingKey {
            case endpoint, rate, status, body, count, location
            case retryAfter = "retry_after"
            case latencyMs = "latency_ms"
        }

        func matches(_ endpoint: Endpoint) -> Bool {
            self.endpoint == .any || self.endpoint == endpoint
        }
    }

    var rules: [Rule]?
    /// For this long after the configuration is set, new connections are closed at once.
    var refuseConnectionsMs: Int?
    /// Every this many milliseconds, all realtime connections are dropped.
    var realtimeDropEveryMs: Int?
    /// After every this many events published to clients, all realtime connections are dropped.
    var realtimeDropAfterEvents: Int?
    /// Seeds the random draws of `rate`, so that a run can be repeated exactly (default 0).
    var seed: UInt64?

    enum CodingKeys: String, CodingKey {
        case rules, seed
        case refuseConnectionsMs = "refuse_connections_ms"
        case realtimeDropEveryMs = "realtime_drop_every_ms"
        case realtimeDropAfterEvents = "realtime_drop_after_events"
    }

    func validate() throws(APIError) {
        for (index, rule) in (rules ?? []).enumerated() {
            let name = "rules[\(index)]"
            if let rate = rule.rate, !(0...1).contains(rate) { throw .badRequest("\(name).rate must be between 0 and 1") }
            if let status = rule.status, !(200...599).contains(status) {
                throw .badRequest("\(name).status must be between 200 and 599")
            }
            if rule.status != nil, rule.body != nil { throw .badRequest("\(name) takes status or body, not both") }
            if rule.status == nil, rule.body == nil, rule.latencyMs == nil {
                throw .badRequest("\(name) needs status, body or latency_ms")
            }
            if rule.retryAfter != nil, rule.status == nil { throw .badRequest("\(name).retry_after needs a status") }
            let redirects = rule.status.map { (300...399).contains($0) } ?? false
            if rule.location != nil, !redirects { throw .badRequest("\(name).location needs a status between 300 and 399") }
            if redirects, rule.location?.isEmpty ?? true { throw .badRequest("\(name): a 3xx status needs a location") }
            for (key, value) in [("retry_after", rule.retryAfter), ("count", rule.count)] {
                if let value, value < 0 { throw .badRequest("\(name).\(key) must not be negative") }
            }
            try Self.validate(milliseconds: rule.latencyMs, "\(name).latency_ms")
        }
        try Self.validate(milliseconds: refuseConnectionsMs, "refuse_connections_ms")
        try Self.validate(milliseconds: realtimeDropEveryMs, "realtime_drop_every_ms")
        if let value = realtimeDropAfterEvents, value < 0 {
            throw .badRequest("realtime_drop_after_events must not be negative")
        }
    }

    /// The most any millisecond setting may be: a fault lasting longer would only hang a test,
    /// and the bound keeps the server's clock arithmetic far from overflow.
    static let maxMilliseconds = 3_600_000

    private static func validate(milliseconds: Int?, _ key: String) throws(APIError) {
        guard let milliseconds else { return }
        guard (0...maxMilliseconds).contains(milliseconds) else {
            throw .badRequest("\(key) must be between 0 and \(maxMilliseconds)")
        }
    }
}
