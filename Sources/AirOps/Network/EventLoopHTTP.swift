import AsyncHTTPClient
import FoundationEssentials
import NIOCore
import NIOHTTP1
#if canImport(Glibc)
import Glibc
#endif

/// Exchanges on the client's event loop, through AsyncHTTPClient's pool: every non-blocking
/// call, every request to an https:// API, and requests made off the calling thread
/// (channel authorization). Configured from the ``NetworkPolicy``: no redirects followed here
/// (the transport decides), the policy's proxy and TLS settings.
struct EventLoopHTTP: Sendable {
    private let client: HTTPClient
    private let policy: NetworkPolicy

    init(policy: NetworkPolicy) {
        self.policy = policy
        let timeout = TimeAmount.nanoseconds(policy.requestTimeout.nanoseconds)
        var configuration = HTTPClient.Configuration(
            timeout: .init(connect: min(timeout, .seconds(10)), read: timeout),
            decompression: .disabled)
        configuration.redirectConfiguration = .disallow
        configuration.httpVersion = .automatic
        configuration.tlsConfiguration = policy.tls
        if let proxy = policy.apiProxy {
            configuration.proxy = .server(
                host: proxy.host, port: proxy.port,
                authorization: proxy.user.map { .basic(username: $0, password: proxy.password ?? "") })
        }
        // A refused connection is reported at once instead of being retried until the
        // connect timeout; retrying is a decision that depends on the request (see the retry policy).
        configuration.connectionPool.retryConnectionEstablishment = false
        // One event loop for all of this client's requests, their connections' and their
        // answers' alike: answers handled on another loop than their connection's pay two more
        // thread wake-ups, which cost more than a loopback request.
        client = HTTPClient(eventLoopGroup: EventLoops.group.next(), configuration: configuration)
    }

    func shutdown() async {
        // AsyncHTTPClient reports the end of its shutdown through libdispatch, which runs
        // nothing in a forked child (see ChildExecutor): there the pool closes unawaited.
        guard ProcessFork.generation == 0 else {
            client.shutdown { _ in }
            return
        }
        try? await client.shutdown()
    }

    func exchange(_ request: HTTPRequest) async throws(RetryPolicy.Failure) -> HTTPAnswer {
        var outgoing = HTTPClientRequest(url: "\(request.origin.scheme.rawValue)://\(request.origin.authority)\(request.target)")
        outgoing.method = request.method
        outgoing.headers = request.headers
        if let body = request.body { outgoing.body = .bytes(ByteBuffer(bytes: body)) }
        do {
            // The answer must begin by the deadline (the client's timer), and its body must
            // have arrived by then, checked as each piece comes; the read timeout bounds a
            // stall between pieces. No timer task races the request: its thread hops would
            // cost more than a loopback request.
            let deadline = NIODeadline.now() + .nanoseconds(policy.requestTimeout.nanoseconds)
            let answer = try await client.execute(outgoing, deadline: deadline)
            var bytes = ByteBuffer()
            for try await piece in answer.body {
                guard bytes.readableBytes + piece.readableBytes <= HTTPTransport.maxResponseBytes else {
                    throw AirOpsError(.protocolViolation, "\(request.summary): the answer is larger than \(HTTPTransport.maxResponseBytes) bytes")
                }
                bytes.writeImmutableBuffer(piece)
                guard NIODeadline.now() < deadline else {
                    throw AirOpsError(.timeout, "\(request.summary): the answer did not arrive within \(policy.requestTimeout.milliseconds) ms")
                }
            }
            return HTTPAnswer(status: Int(answer.status.code), body: Data(bytes.readableBytesView), headers: answer.headers)
        } catch {
            throw RetryPolicy.Failure(error: translate(error, request), mayHaveBeenSent: !Self.neverConnected(error))
        }
    }

    /// Whether the error shows that no connection was made, so the request was not sent.
    private static func neverConnected(_ error: any Error) -> Bool {
        if let error = error as? IOError { return error.errnoCode == ECONNREFUSED }
        if let error = error as? HTTPClientError { return error == .connectTimeout }
        return false
    }

    private func translate(_ error: any Error, _ request: HTTPRequest) -> AirOpsError {
        if let error = error as? AirOpsError { return error }
        let what = request.summary
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
            case .proxyAuthenticationRequired:
                return AirOpsError(.network,
                    "\(what) failed: the proxy \(policy.apiProxy?.text ?? "") refused the tunnel to \(request.origin.authority) (HTTP 407 Proxy Authentication Required)")
            case .invalidProxyResponse:
                // AsyncHTTPClient does not say which status the proxy answered.
                return AirOpsError(.network,
                    "\(what) failed: the proxy \(policy.apiProxy?.text ?? "") refused the tunnel to \(request.origin.authority) (an error status in answer to CONNECT)")
            default:
                break
            }
        }
        let via = policy.apiProxy.map { " through the proxy \($0.text)" } ?? ""
        return AirOpsError(.network, "\(what) failed\(via): \(error)")
    }
}
