#if canImport(Glibc)
import Glibc
#endif

/// Which HTTP proxy a connection goes through: from HTTPS_PROXY, HTTP_PROXY, ALL_PROXY and
/// NO_PROXY (lower-case first, as libcurl reads them), or from an explicit option that
/// overrides them.
struct ProxySettings: Sendable, Equatable {
    /// For https:// and wss:// targets.
    var secure: ServiceURL?
    /// For http:// and ws:// targets.
    var plain: ServiceURL?
    var bypass: NoProxyList = .empty

    static let direct = ProxySettings()

    /// The proxy for a connection to `origin`, or nil to connect directly.
    func proxy(for origin: Origin) -> ServiceURL? {
        guard !bypass.contains(origin) else { return nil }
        return origin.scheme.isSecure ? secure : plain
    }

    /// One proxy for every target: `url` is "http://[user:password@]host[:port]".
    static func parseProxy(_ url: String, _ what: String) throws(AirOpsError) -> ServiceURL {
        // A bare host:port is an http:// proxy, as libcurl and requests read it.
        let text = url.contains("://") ? url : "http://" + url
        let proxy = try ServiceURL(text, what, schemes: [.http], allowsCredentials: true)
        guard proxy.path.isEmpty else {
            throw AirOpsError(.invalidArgument, "\(what) must be http://[user:password@]host[:port] without a path (got \"\(ServiceURL.redacted(url))\")")
        }
        return proxy
    }

    /// The proxies the environment names. The upper-case HTTP_PROXY is ignored in a CGI
    /// program (REQUEST_METHOD set), where it may come from a request's `Proxy` header.
    static func environment(_ variable: (String) -> String?) throws(AirOpsError) -> ProxySettings {
        func first(_ names: [String]) throws(AirOpsError) -> ServiceURL? {
            for name in names {
                if let value = variable(name) { return try parseProxy(value, name) }
            }
            return nil
        }
        let all = try first(["all_proxy", "ALL_PROXY"])
        let plainNames = variable("REQUEST_METHOD") == nil ? ["http_proxy", "HTTP_PROXY"] : ["http_proxy"]
        var settings = ProxySettings(secure: try first(["https_proxy", "HTTPS_PROXY"]) ?? all, plain: try first(plainNames) ?? all)
        for name in ["no_proxy", "NO_PROXY"] {
            if let list = variable(name) {
                settings.bypass = try NoProxyList(list, name)
                break
            }
        }
        return settings
    }
}

/// A non-empty environment variable.
func environmentVariable(_ name: String) -> String? {
    guard let value = getenv(name) else { return nil }
    let text = String(cString: value)
    return text.isEmpty ? nil : text
}
