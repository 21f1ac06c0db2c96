import AirOps

/// The exit codes of failures that scripts can rely on; `airops --help` lists them all.
/// Success is 0, a normal return.
enum ExitStatus: Int32 {
    /// The execution finished, but not with status success (error, cancelled, ...).
    case executionFailed = 1
    /// Bad arguments, options or environment, found before or by the SDK.
    case usage = 2
    /// HTTP 401 or 403: the identity was refused.
    case authentication = 3
    /// HTTP 404: no such app or execution.
    case notFound = 4
    /// The execution had not finished when the wait ended.
    case timeout = 5
    /// The server could not be reached, answered 5xx or 429.
    case unavailable = 6
    case other = 7

    init(_ kind: AirOpsError.Kind) {
        switch kind {
        case .invalidArgument: self = .usage
        case .unauthorized: self = .authentication
        case .notFound: self = .notFound
        case .timeout: self = .timeout
        case .network, .server, .rateLimited: self = .unavailable
        case .badRequest, .redirect, .protocolViolation, .internal, .forked, .cancelled: self = .other
        }
    }

    static let help = """
        EXIT CODES
          0  success
          1  the execution finished with status error, cancelled or another failure
          2  usage error: bad arguments, options or environment
          3  authentication failed (HTTP 401/403)
          4  not found (HTTP 404)
          5  timeout: the execution had not finished (--timeout, result without --wait)
          6  network or server error (unreachable, HTTP 5xx or 429)
          7  any other error
        """
}
