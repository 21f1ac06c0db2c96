import FoundationEssentials

/// A URL the SDK connects to: the API host, the realtime WebSocket URL or a proxy. The one
/// parser for all three (URLComponents, plus the checks they share), so that a user name, an
/// IPv6 literal or a port reads the same wherever it appears.
struct ServiceURL: Sendable, Equatable {
    enum Scheme: String, Sendable {
        case http, https, ws, wss

        var isSecure: Bool { self == .https || self == .wss }
        var defaultPort: Int { isSecure ? 443 : 80 }
    }

    let scheme: Scheme
    /// Lower-cased, without the brackets of an IPv6 literal.
    let host: String
    let port: Int
    /// "" or a prefix such as "/api", without a trailing slash.
    let path: String
    /// Percent-decoded; only proxy URLs may carry them.
    let user: String?
    let password: String?

    /// Parses `text`, which must use one of `schemes`; `what` names it in error messages.
    init(_ text: String, _ what: String, schemes: [Scheme], allowsCredentials: Bool = false) throws(AirOpsError) {
        let expected = schemes.map { "\($0.rawValue)://" }.joined(separator: " or ")
        func invalid(_ reason: String) -> AirOpsError {
            AirOpsError(.invalidArgument, "\(what) must be \(expected) with a host\(reason) (got \"\(Self.redacted(text))\")")
        }
        guard !text.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7f }) else {
            throw invalid(" and no spaces or control characters")
        }
        guard let components = URLComponents(string: text), let schemeName = components.scheme?.lowercased(),
            let scheme = Scheme(rawValue: schemeName), schemes.contains(scheme)
        else { throw invalid("") }
        guard let rawHost = components.host, !rawHost.isEmpty else { throw invalid("") }
        guard components.query == nil, components.fragment == nil else { throw invalid(", no query and no fragment") }
        if let port = components.port, !(1...65535).contains(port) { throw invalid(" and a port from 1 to 65535") }
        guard allowsCredentials || (components.user == nil && components.password == nil) else {
            throw invalid(" and no user name or password")
        }
        self.scheme = scheme
        host = (rawHost.hasPrefix("[") && rawHost.hasSuffix("]") ? String(rawHost.dropFirst().dropLast()) : rawHost).lowercased()
        port = components.port ?? scheme.defaultPort
        path = components.path.hasSuffix("/") ? String(components.path.dropLast()) : components.path
        user = components.user
        password = components.password
    }

    /// The real service's API.
    static let defaultAPI = ServiceURL(scheme: .https, host: "app.airops.com", port: 443, path: "", user: nil, password: nil)

    private init(scheme: Scheme, host: String, port: Int, path: String, user: String?, password: String?) {
        self.scheme = scheme
        self.host = host
        self.port = port
        self.path = path
        self.user = user
        self.password = password
    }

    var origin: Origin { Origin(scheme: scheme, host: host, port: port) }

    /// host[:port] as a Host header or a CONNECT target spells it: the port only when it is
    /// not the scheme's default, an IPv6 literal in brackets.
    var authority: String { origin.authority }

    /// Scheme, host, port and path, without credentials: safe to log and to show.
    var text: String { "\(scheme.rawValue)://\(authority)\(path)" }

    /// `text` with the password of a user:password@ part replaced, for error messages.
    static func redacted(_ text: String) -> String {
        guard let at = text.lastIndex(of: "@") else { return text }
        let prefix = text[..<at]
        guard let slashes = prefix.firstIndex(of: "/").map({ prefix.index($0, offsetBy: 2, limitedBy: prefix.endIndex) ?? $0 }) else {
            return "***" + text[at...]
        }
        return text[..<slashes] + "***" + text[at...]
    }
}

/// Scheme, host and port: what a redirect must keep to stay with the configured server.
struct Origin: Sendable, Hashable {
    let scheme: ServiceURL.Scheme
    let host: String
    let port: Int

    var authority: String {
        let name = host.contains(":") ? "[\(host)]" : host
        return port == scheme.defaultPort ? name : "\(name):\(port)"
    }

    /// 127.0.0.0/8, ::1 and `localhost`: traffic that never leaves the machine.
    var isLoopback: Bool {
        if host == "localhost" { return true }
        if let address = IPAddress(host) { return address.isLoopback }
        return false
    }
}
