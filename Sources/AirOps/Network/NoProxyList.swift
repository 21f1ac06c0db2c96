/// The hosts reached without a proxy, as NO_PROXY lists them: host names, domain suffixes
/// (".example.com" and "example.com" both match the domain and its subdomains; "*.example.com"
/// is read the same way), IP addresses and CIDR ranges, each optionally with ":port", or "*"
/// for every host. Loopback is not special: it is proxied unless listed, as in libcurl.
struct NoProxyList: Sendable, Equatable {
    private enum Pattern: Sendable, Equatable {
        case any
        case domain(String, port: Int?)
        case address(IPAddress, prefixLength: Int, port: Int?)
    }

    private let patterns: [Pattern]

    static let empty = NoProxyList(patterns: [])

    private init(patterns: [Pattern]) {
        self.patterns = patterns
    }

    /// Parses a comma-separated list; `what` names its source in error messages.
    init(_ list: String, _ what: String) throws(AirOpsError) {
        var patterns: [Pattern] = []
        for entry in list.split(separator: ",") {
            let entry = entry.trimmingWhitespace().lowercased()
            guard !entry.isEmpty else { continue }
            guard let pattern = Self.pattern(entry) else {
                throw AirOpsError(.invalidArgument,
                    "\(what): \"\(entry)\" is not a host name, domain, IP address or CIDR range (with an optional :port), or *")
            }
            patterns.append(pattern)
        }
        self.patterns = patterns
    }

    func contains(_ origin: Origin) -> Bool {
        let address = IPAddress(origin.host)
        return patterns.contains { pattern in
            switch pattern {
            case .any:
                return true
            case .domain(let name, let port):
                return (port == nil || port == origin.port) && (origin.host == name || origin.host.hasSuffix("." + name))
            case .address(let network, let prefixLength, let port):
                guard port == nil || port == origin.port, let address else { return false }
                return address.isIn(network, prefixLength: prefixLength)
            }
        }
    }

    private static func pattern(_ entry: String) -> Pattern? {
        if entry == "*" { return .any }
        if let slash = entry.firstIndex(of: "/") {
            guard let network = IPAddress(String(entry[..<slash])), let length = Int(entry[entry.index(after: slash)...]),
                (0...network.bytes.count * 8).contains(length)
            else { return nil }
            return .address(network, prefixLength: length, port: nil)
        }
        var host = Substring(entry)
        var port: Int?
        if entry.hasPrefix("["), let close = entry.firstIndex(of: "]") {
            host = entry[entry.index(after: entry.startIndex)..<close]
            let rest = entry[entry.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":"), let number = Int(rest.dropFirst()) else { return nil }
                port = number
            }
        } else if entry.filter({ $0 == ":" }).count == 1, let colon = entry.firstIndex(of: ":") {
            guard let number = Int(entry[entry.index(after: colon)...]) else { return nil }
            host = entry[..<colon]
            port = number
        }
        if let port, !(1...65535).contains(port) { return nil }
        if let address = IPAddress(String(host)) {
            return .address(address, prefixLength: address.bytes.count * 8, port: port)
        }
        if host.hasPrefix("*.") { host = host.dropFirst(2) } else if host.hasPrefix(".") { host = host.dropFirst() }
        guard !host.isEmpty, host.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == "_" }) else {
            return nil
        }
        return .domain(String(host), port: port)
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
