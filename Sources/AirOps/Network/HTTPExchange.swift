import FoundationEssentials
import NIOHTTP1

/// One request as the transport sends it, made by ``NetworkPolicy/request(_:_:body:contentType:)``.
struct HTTPRequest: Sendable {
    var method: HTTPMethod
    var origin: Origin
    /// Path and query on `origin`.
    var target: String
    var headers: HTTPHeaders
    var body: Data?

    /// What a log line or an error message may say: no host, no query (it may carry ids), no headers.
    var summary: String {
        "\(method) \(target.prefix { $0 != "?" })"
    }
}

/// An answer, whatever its status.
struct HTTPAnswer: Sendable {
    var status: Int
    var body: Data
    var retryAfter: Duration?
    var location: String?

    init(status: Int, body: Data, headers: HTTPHeaders) {
        self.status = status
        self.body = body
        retryAfter = headers.first(name: "retry-after").flatMap(Self.seconds)
        location = headers.first(name: "location")
    }

    /// Retry-After in seconds (the HTTP-date form is not used by API servers in practice).
    private static func seconds(_ value: String) -> Duration? {
        Int(value.filter { !$0.isWhitespace }).flatMap { $0 >= 0 ? .seconds($0) : nil }
    }
}
