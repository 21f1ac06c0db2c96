/// How a client reaches AirOps and who it acts for.
public struct ClientConfiguration: Sendable {
    public static let defaultHost = "https://app.airops.com"

    /// The end user, or nil for a client that runs public apps only.
    public var identity: Identity?
    /// Scheme, host and optional port (and path prefix) of the API; see ``setHost(_:)``.
    public private(set) var host: String = defaultHost
    /// Limit for one HTTP request, from connecting to the last byte of the answer.
    public var requestTimeout: Duration = .seconds(30)

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

    /// Sets the request timeout; it must be positive.
    public mutating func setRequestTimeout(_ timeout: Duration) throws(AirOpsError) {
        guard timeout > .zero else { throw AirOpsError(.invalidArgument, "request timeout must be positive") }
        requestTimeout = timeout
    }
}
