import Glibc

/// How a client reaches AirOps and who it acts for.
public struct ClientConfiguration: Sendable {
    public static let defaultHost = "https://app.airops.com"

    /// The end user, or nil for a client that runs public apps only.
    public var identity: Identity?
    /// Scheme, host and optional port (and path prefix) of the API; see ``setHost(_:)``.
    public private(set) var host: String = defaultHost
    private(set) var hostURL = ServiceURL.defaultAPI
    /// Limit for one HTTP request, from connecting to the last byte of the answer.
    public var requestTimeout: Duration = .seconds(30)
    /// The realtime connection for streamed executions and chat; nil until configured
    /// (the official SDK compiles hosted Pusher's key into its bundle; it is not published).
    public var realtime: RealtimeEndpoint?
    /// A PEM file of the certificate authorities to trust instead of the system's, for
    /// HTTPS and WSS (e.g. a local server's self-signed certificate). Verification itself
    /// is always on.
    public private(set) var caFile: String?
    /// When failed requests are sent again; see ``RetryPolicy``.
    public var retryPolicy: RetryPolicy = .standard
    /// How long a realtime subscription may wait for the server's confirmation.
    public var subscriptionTimeout: Duration = .seconds(10)
    /// How many events of one streamed execution may wait for their consumer (and, in the C
    /// library's queued delivery, how many callbacks may wait for airops_client_dispatch).
    /// When a consumer falls further behind, its stream ends with a `completed` whose
    /// `error_code` is ``ExecutionEvent/overflowCode``; waiting for the result still works.
    public private(set) var maxBufferedEvents = ClientConfiguration.defaultMaxBufferedEvents
    public static let defaultMaxBufferedEvents = 10_000
    /// The most ``maxBufferedEvents`` may be.
    public static let maxBufferedEventsLimit = 10_000_000
    /// What the client does with an HTTP redirect; by default it is an error.
    public var redirects: RedirectPolicy = .never
    /// Whether an identified client may talk plain http:// to a host that is not loopback.
    /// Off by default: the hashed user id is a credential.
    public var allowsInsecureHTTP = false
    /// From HTTPS_PROXY, HTTP_PROXY, ALL_PROXY and NO_PROXY, read by ``loadEnvironment()``.
    private var environmentProxies = ProxySettings.direct
    /// ``setProxy(_:)``: nil when not called, .some(nil) for direct connections.
    private var proxyOption: ServiceURL??
    private var noProxyOption: NoProxyList?

    public init(identity: Identity? = nil) {
        self.identity = identity
    }

    /// Sets ``maxBufferedEvents``: from 1 to ``maxBufferedEventsLimit``.
    public mutating func setMaxBufferedEvents(_ count: Int) throws(AirOpsError) {
        guard (1...Self.maxBufferedEventsLimit).contains(count) else {
            throw AirOpsError(.invalidArgument, "max_buffered_events must be from 1 to \(Self.maxBufferedEventsLimit) (got \(count))")
        }
        maxBufferedEvents = count
    }

    /// Sets the API host, e.g. `https://app.airops.com` or `http://127.0.0.1:8080`.
    public mutating func setHost(_ host: String) throws(AirOpsError) {
        let url = try ServiceURL(host, "host", schemes: [.http, .https])
        hostURL = url
        self.host = url.text
    }

    /// Sends every connection through the HTTP proxy `url` (`http://[user:password@]host[:port]`),
    /// whatever the environment says; "" connects directly. NO_PROXY (or ``setNoProxy(_:)``)
    /// still names hosts reached directly.
    public mutating func setProxy(_ url: String) throws(AirOpsError) {
        proxyOption = .some(url.isEmpty ? nil : try ProxySettings.parseProxy(url, "proxy"))
    }

    /// Sets the hosts reached without the proxy, overriding NO_PROXY: comma-separated host
    /// names, domain suffixes, IP addresses and CIDR ranges, each with an optional `:port`, or `*`.
    public mutating func setNoProxy(_ hosts: String) throws(AirOpsError) {
        noProxyOption = try NoProxyList(hosts, "no_proxy")
    }

    /// The proxies in force: the options where set, else the environment's.
    var proxies: ProxySettings {
        var proxies = environmentProxies
        if let proxyOption {
            proxies.secure = proxyOption
            proxies.plain = proxyOption
        }
        if let noProxyOption { proxies.bypass = noProxyOption }
        return proxies
    }

    /// Applies the environment variables that are set: `AIROPS_HOST`, and
    /// `AIROPS_PUSHER_KEY` with `AIROPS_REALTIME_URL` (an explicit WebSocket URL) or
    /// `AIROPS_PUSHER_CLUSTER`; and the proxies: `https_proxy`, `http_proxy`, `all_proxy`,
    /// `no_proxy` or their upper-case forms (``setProxy(_:)`` and ``setNoProxy(_:)`` override
    /// them). Identity is never read from the environment.
    public mutating func loadEnvironment() throws(AirOpsError) {
        if let host = environmentVariable("AIROPS_HOST") { try setHost(host) }
        environmentProxies = try ProxySettings.environment(environmentVariable)
        if let key = environmentVariable("AIROPS_PUSHER_KEY") {
            if let url = environmentVariable("AIROPS_REALTIME_URL") {
                realtime = try RealtimeEndpoint(url: url, key: key)
            } else if let cluster = environmentVariable("AIROPS_PUSHER_CLUSTER") {
                realtime = try .pusher(key: key, cluster: cluster)
            }
        }
    }

    /// Sets the request timeout; it must be positive.
    public mutating func setRequestTimeout(_ timeout: Duration) throws(AirOpsError) {
        guard timeout > .zero else { throw AirOpsError(.invalidArgument, "request timeout must be positive") }
        requestTimeout = timeout
    }

    /// Trusts the certificate authorities in a PEM file instead of the system's.
    public mutating func setCAFile(_ path: String) throws(AirOpsError) {
        guard !path.isEmpty, access(path, R_OK) == 0 else {
            throw AirOpsError(.invalidArgument, "CA file \"\(path)\" cannot be read")
        }
        caFile = path
    }

    /// Sets how often a failed request is sent again; 0 disables retrying.
    public mutating func setMaxRetries(_ count: Int) throws(AirOpsError) {
        guard count >= 0 else { throw AirOpsError(.invalidArgument, "max retries must not be negative (got \(count))") }
        retryPolicy.maxRetries = count
    }

    /// Sets the subscription timeout; it must be positive.
    public mutating func setSubscriptionTimeout(_ timeout: Duration) throws(AirOpsError) {
        guard timeout > .zero else { throw AirOpsError(.invalidArgument, "subscription timeout must be positive") }
        subscriptionTimeout = timeout
    }
}
