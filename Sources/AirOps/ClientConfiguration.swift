import Glibc
import NIOSSL

/// How a client reaches AirOps and who it acts for.
public struct ClientConfiguration: Sendable {
    public static let defaultHost = "https://app.airops.com"

    /// The end user, or nil for a client that runs public apps only.
    public var identity: Identity?
    /// Scheme, host and optional port (and path prefix) of the API; see ``setHost(_:)``.
    public private(set) var host: String = defaultHost
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

    public init(identity: Identity? = nil) {
        self.identity = identity
    }

    /// Sets the API host, e.g. `https://app.airops.com` or `http://127.0.0.1:8080`.
    public mutating func setHost(_ host: String) throws(AirOpsError) {
        let host = host.hasSuffix("/") ? String(host.dropLast()) : host
        let lowered = host.lowercased()
        let rest: Substring
        if lowered.hasPrefix("https://") {
            rest = host.dropFirst(8)
        } else if lowered.hasPrefix("http://") {
            rest = host.dropFirst(7)
        } else {
            throw AirOpsError(.invalidArgument, "host must start with http:// or https:// (got \"\(host)\")")
        }
        let authority = rest.prefix { $0 != "/" }
        guard !authority.isEmpty,
            !host.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7f || "?#".unicodeScalars.contains($0) })
        else {
            throw AirOpsError(.invalidArgument, "host must be a URL with a host name and no spaces, query or fragment (got \"\(host)\")")
        }
        self.host = host
    }

    /// Applies the environment variables that are set: `AIROPS_HOST`, and
    /// `AIROPS_PUSHER_KEY` with `AIROPS_REALTIME_URL` (an explicit WebSocket URL) or
    /// `AIROPS_PUSHER_CLUSTER`. Identity is never read from the environment.
    public mutating func loadEnvironment() throws(AirOpsError) {
        if let host = environment("AIROPS_HOST") { try setHost(host) }
        if let key = environment("AIROPS_PUSHER_KEY") {
            if let url = environment("AIROPS_REALTIME_URL") {
                realtime = try RealtimeEndpoint(url: url, key: key)
            } else if let cluster = environment("AIROPS_PUSHER_CLUSTER") {
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

    /// The TLS settings of HTTPS and WSS connections.
    var tlsConfiguration: TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let caFile { tls.trustRoots = .file(caFile) }
        return tls
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

private func environment(_ name: String) -> String? {
    guard let value = getenv(name) else { return nil }
    let text = String(cString: value)
    return text.isEmpty ? nil : text
}
