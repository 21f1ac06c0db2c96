import FoundationEssentials

/// What a client does with an HTTP redirect (a 3xx answer with a Location).
public enum RedirectPolicy: Sendable, Equatable {
    /// A redirect is an error (``AirOpsError/Kind/redirect``) naming its status and target.
    case never
    /// Redirects to the same scheme, host and port are followed, up to
    /// ``NetworkPolicy/maxRedirects`` in a row; others are errors as with ``never``.
    case sameOrigin
}

/// Where a redirect points, resolved against the request it answers.
struct RedirectTarget: Sendable, Equatable {
    let origin: Origin
    /// Path and query on that origin.
    let target: String
    /// Scheme, authority and path: what an error message may show (no query, no user info).
    let shown: String

    /// Resolves `location` (absolute, or relative to `origin` and `requestTarget`); nil when
    /// it is not an http(s) URL.
    init?(location: String, from origin: Origin, requestTarget: String) {
        guard let base = URL(string: "\(origin.scheme.rawValue)://\(origin.authority)\(requestTarget)"),
            let url = URL(string: location, relativeTo: base)?.absoluteURL,
            let components = URLComponents(url: url, resolvingAgainstBaseURL: true),
            let schemeName = components.scheme?.lowercased(), let scheme = ServiceURL.Scheme(rawValue: schemeName),
            scheme == .http || scheme == .https, var host = components.host, !host.isEmpty
        else { return nil }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        self.origin = Origin(scheme: scheme, host: host.lowercased(), port: components.port ?? scheme.defaultPort)
        let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        target = components.percentEncodedQuery.map { "\(path)?\($0)" } ?? path
        shown = "\(scheme.rawValue)://\(self.origin.authority)\(path)"
    }
}
