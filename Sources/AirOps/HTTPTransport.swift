import AsyncHTTPClient
import FoundationEssentials
import Logging
import NIOCore
import NIOHTTP1
#if canImport(Glibc)
import Glibc
#endif

/// Sends the SDK's HTTP requests: adds the identity headers, enforces the request timeout
/// and a size limit on answers, and turns every failure into an ``AirOpsError``.
final class HTTPTransport: Sendable {
    /// Answers larger than this are refused: a server that streams without end must not
    /// exhaust the host process's memory.
    static let maxResponseBytes = 32 << 20

    struct Response: Sendable {
        var status: Int
        var body: Data
        var retryAfter: Duration? = nil
    }

    private let client: HTTPClient
    private let configuration: ClientConfiguration
    private let logger: Logger

    init(configuration: ClientConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        let timeout = TimeAmount.nanoseconds(configuration.requestTimeout.nanoseconds)
        var httpConfiguration = HTTPClient.Configuration(
            timeout: .init(connect: min(timeout, .seconds(10)), read: timeout),
            decompression: .disabled)
        httpConfiguration.httpVersion = .automatic
        httpConfiguration.tlsConfiguration = configuration.tlsConfiguration
        // A refused connection is reported at once instead of being retried until the
        // connect timeout; retrying is a decision that depends on the request (see the retry policy).
        httpConfiguration.connectionPool.retryConnectionEstablishment = false
        // One event loop for all of this client's requests, their connections' and their
        // answers' alike: answers handled on another loop than their connection's pay two more
        // thread wake-ups, which cost more than a loopback request.
        client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup.next(), configuration: httpConfiguration)
    }

    func shutdown() async {
        try? await client.shutdown()
    }

    /// Sends `method path` (path below the host, e.g. `/sdk_api/...`) with an optional body
    /// (JSON unless said otherwise), retrying as the client's ``RetryPolicy`` allows for a
    /// request with this `effect`. Returns 2xx answers; throws the server's error for any other status.
    func send(
        _ method: HTTPMethod, _ path: String, body: Data? = nil, contentType: String = "application/json",
        effect: RetryPolicy.Effect = .idempotent
    ) async throws(AirOpsError) -> Response {
        var request = HTTPClientRequest(url: configuration.host + path)
        request.method = method
        request.headers.add(name: "content-type", value: contentType)
        request.headers.add(name: "accept", value: "application/json")
        request.headers.add(name: "user-agent", value: "libairops/\(sdkVersion)")
        if let identity = configuration.identity {
            for (name, value) in identity.headers { request.headers.add(name: name, value: value) }
        }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }

        var retry = 0
        while true {
            let failure: RetryPolicy.Failure
            switch await attempt(request, method: method, path: path) {
            case .success(let response):
                return response
            case .failure(let failed):
                failure = failed
            }
            guard let pause = configuration.retryPolicy.delay(before: retry, after: failure, effect: effect) else {
                throw failure.error
            }
            logger.info("HTTP \(method) \(path) failed (\(failure.error)); retry \(retry + 1) in \(pause.milliseconds) ms")
            do {
                try await Task.sleep(for: pause)
            } catch {
                throw failure.error
            }
            retry += 1
        }
    }

    /// One attempt: a 2xx response, or what the retry decision needs to know of the failure.
    private func attempt(
        _ request: HTTPClientRequest, method: HTTPMethod, path: String
    ) async -> Result<Response, RetryPolicy.Failure> {
        let response: Response
        do {
            // The answer must begin by the deadline (the client's timer), and its body must
            // have arrived by then, checked as each piece comes; the read timeout bounds a
            // stall between pieces. No timer task races the request: its thread hops would
            // cost more than a loopback request.
            let deadline = NIODeadline.now() + .nanoseconds(configuration.requestTimeout.nanoseconds)
            let answer = try await client.execute(request, deadline: deadline)
            var bytes = ByteBuffer()
            for try await piece in answer.body {
                guard bytes.readableBytes + piece.readableBytes <= Self.maxResponseBytes else {
                    throw AirOpsError(.protocolViolation, "\(method) \(path): the answer is larger than \(Self.maxResponseBytes) bytes")
                }
                bytes.writeImmutableBuffer(piece)
                guard NIODeadline.now() < deadline else {
                    throw AirOpsError(.timeout, "\(method) \(path): the answer did not arrive within \(configuration.requestTimeout.milliseconds) ms")
                }
            }
            response = Response(
                status: Int(answer.status.code), body: Data(bytes.readableBytesView),
                retryAfter: answer.headers.first(name: "retry-after").flatMap(Self.retryAfter))
        } catch {
            return .failure(
                RetryPolicy.Failure(
                    error: Self.translate(error, method: method, path: path), mayHaveBeenSent: !Self.neverConnected(error)))
        }
        logger.debug("HTTP \(method) \(path) -> \(response.status)")
        guard (200..<300).contains(response.status) else {
            let error = AirOpsError.http(status: response.status, message: Self.errorMessage(in: response))
            return .failure(RetryPolicy.Failure(error: error, mayHaveBeenSent: true, retryAfter: response.retryAfter))
        }
        return .success(response)
    }

    /// Retry-After in seconds (the HTTP-date form is not used by API servers in practice).
    private static func retryAfter(_ value: String) -> Duration? {
        Int(value.filter { !$0.isWhitespace }).flatMap { $0 >= 0 ? .seconds($0) : nil }
    }

    /// Whether the error shows that no connection was made, so the request was not sent.
    private static func neverConnected(_ error: any Error) -> Bool {
        if let error = error as? IOError { return error.errnoCode == ECONNREFUSED }
        if let error = error as? HTTPClientError { return error == .connectTimeout }
        return false
    }

    /// The server's `{"error": "..."}` text, or a description of the status when the body has none.
    private static func errorMessage(in response: Response) -> String {
        if let message = ServerAnswer.errorText(response.body) { return message }
        let reason = HTTPResponseStatus(statusCode: response.status).reasonPhrase
        return reason.isEmpty ? "HTTP \(response.status)" : reason
    }

    private static func translate(_ error: any Error, method: HTTPMethod, path: String) -> AirOpsError {
        if let error = error as? AirOpsError { return error }
        let what = "\(method) \(path)"
        if error is CancellationError { return AirOpsError(.timeout, "\(what) was cancelled") }
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .writeTimeout, .connectTimeout, .tlsHandshakeTimeout,
                .getConnectionFromPoolTimeout:
                return AirOpsError(.timeout, "\(what) timed out (\(error))")
            case .invalidURL, .emptyHost, .emptyScheme:
                return AirOpsError(.invalidArgument, "\(what): invalid URL (\(error))")
            case .alreadyShutdown:
                return AirOpsError(.invalidArgument, "\(what): the client has been closed")
            default:
                return AirOpsError(.network, "\(what) failed: \(error)")
            }
        }
        return AirOpsError(.network, "\(what) failed: \(error)")
    }
}
