/// An error from the AirOps SDK: what kind of failure, the HTTP status when a response caused
/// it, and a message (the server's `error` text for HTTP errors).
public struct AirOpsError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// A bad argument, found before any request was sent.
        case invalidArgument
        /// HTTP 401 or 403.
        case unauthorized
        /// HTTP 404.
        case notFound
        /// Any other HTTP 4xx.
        case badRequest
        /// HTTP 429.
        case rateLimited
        /// HTTP 5xx.
        case server
        /// The server could not be reached or the connection broke.
        case network
        /// A deadline passed.
        case timeout
        /// A 2xx answer that does not follow the protocol.
        case protocolViolation
        /// A bug or unexpected state inside the SDK.
        case `internal`
        /// An HTTP redirect that the ``RedirectPolicy`` does not follow.
        case redirect
        /// A client used in a process forked after it was created (see ``ProcessFork``).
        case forked
        /// A call abandoned because its client was closed before it ended.
        case cancelled
    }

    public var kind: Kind
    /// The HTTP status of the response that caused the error, 0 when there was none.
    public var httpStatus: Int
    public var message: String

    public init(_ kind: Kind, _ message: String, httpStatus: Int = 0) {
        self.kind = kind
        self.message = message
        self.httpStatus = httpStatus
    }

    /// The error for a non-2xx HTTP answer: the kind follows the status class.
    public static func http(status: Int, message: String) -> AirOpsError {
        let kind: Kind
        switch status {
        case 401, 403: kind = .unauthorized
        case 404: kind = .notFound
        case 429: kind = .rateLimited
        case 400..<500: kind = .badRequest
        default: kind = .server
        }
        return AirOpsError(kind, message, httpStatus: status)
    }

    public var description: String {
        httpStatus == 0 ? "\(kind): \(message)" : "\(kind) (HTTP \(httpStatus)): \(message)"
    }
}
