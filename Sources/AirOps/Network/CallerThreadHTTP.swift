import FoundationEssentials
import NIOCore
import NIOEmbedded
import NIOHTTP1
import NIOSSL
import Synchronization

/// The exchanges of blocking calls to a plain http:// API (the dev server, a local gateway),
/// run on the thread that made the call: a kept-alive socket (through a CONNECT tunnel when
/// proxied), NIO's HTTP/1.1 codec driven in an `EmbeddedChannel` for each exchange, no event loop. A blocking call then costs what a
/// blocking socket costs, instead of two thread wake-ups per request. https:// goes through
/// the event loop (``EventLoopHTTP``), except in a forked child, where AsyncHTTPClient cannot
/// run (see ``ChildExecutor``): there this engine speaks TLS too, one connection per
/// exchange, since a TLS session lives in a channel bound to the thread that made it.
final class CallerThreadHTTP: Sendable {
    private static let maxIdleConnections = 16

    private let policy: NetworkPolicy
    /// Kept-alive connections not in use, most recent last.
    private let idle = Mutex<[BlockingSocket]>([])

    init(policy: NetworkPolicy) {
        self.policy = policy
    }

    func carries(_ request: HTTPRequest) -> Bool {
        request.origin.scheme == .http || ProcessFork.generation > 0
    }

    /// Closes the kept-alive connections.
    func shutdown() {
        idle.withLock { $0.removeAll() }
    }

    /// One exchange by `deadline`. A kept-alive connection that turns out closed before
    /// answering is replaced by a new one for an idempotent request; for any other the
    /// failure is reported as possibly sent.
    func exchange(
        _ request: HTTPRequest, idempotent: Bool, deadline: ContinuousClock.Instant
    ) throws(RetryPolicy.Failure) -> HTTPAnswer {
        if request.origin.scheme == .https { return try secureExchange(request, deadline: deadline) }
        while true {
            let reused = idle.withLock { idle -> BlockingSocket? in
                while let socket = idle.popLast() {
                    if socket.isIdle { return socket }
                }
                return nil
            }
            let socket: BlockingSocket
            if let reused { socket = reused } else { socket = try connect(request, deadline: deadline) }
            do throws(ExchangeError) {
                let (answer, keepAlive) = try exchange(request, on: socket, deadline: deadline)
                if keepAlive {
                    idle.withLock { idle in
                        if idle.count < Self.maxIdleConnections { idle.append(socket) }
                    }
                }
                return answer
            } catch .closedBeforeAnswer where reused != nil && idempotent {
                continue
            } catch {
                throw failure(error, request)
            }
        }
    }

    private var proxy: ServiceURL? { policy.apiProxy }

    /// An https:// exchange on a connection of its own, TLS in a channel of its own.
    private func secureExchange(_ request: HTTPRequest, deadline: ContinuousClock.Instant) throws(RetryPolicy.Failure) -> HTTPAnswer {
        let socket = try connect(request, deadline: deadline)
        let channel = EmbeddedChannel()
        defer {
            // TLS closes with a close_notify, then waits for the peer's up to its shutdown
            // timeout: the notify is sent, the timeout passed at once, since the socket goes.
            channel.close(promise: nil)
            while let bytes = try? channel.readOutbound(as: ByteBuffer.self) { try? socket.write(bytes, until: deadline) }
            channel.embeddedEventLoop.advanceTime(by: .minutes(1))
            _ = try? channel.finish(acceptAlreadyClosed: true)
        }
        do {
            let host = request.origin.host
            let tls = try NIOSSLClientHandler(context: try policy.tlsContext(), serverHostname: IPAddress(host) == nil ? host : nil)
            try channel.pipeline.syncOperations.addHandler(tls)
            try channel.pipeline.syncOperations.addHTTPClientHandlers(enableOutboundHeaderValidation: false)
            // Active, so that the TLS handler starts its handshake.
            channel.connect(to: try SocketAddress(ipAddress: "127.0.0.1", port: 1), promise: nil)
        } catch {
            var failed = failure(.answer(AirOpsError(.network, "\(request.summary): TLS cannot start (\(error))")), request)
            failed.mayHaveBeenSent = false
            throw failed
        }
        do throws(ExchangeError) {
            return try exchange(request, on: socket, through: channel, secure: true, deadline: deadline).0.0
        } catch {
            throw failure(error, request)
        }
    }

    private func connect(_ request: HTTPRequest, deadline: ContinuousClock.Instant) throws(RetryPolicy.Failure) -> BlockingSocket {
        let (host, port) = proxy.map { ($0.host, $0.port) } ?? (request.origin.host, request.origin.port)
        let socket: BlockingSocket
        do {
            socket = try BlockingSocket.connect(host: host, port: port, deadline: deadline)
        } catch {
            // Nothing was sent on a connection that never stood.
            var failed = failure(.socket(error), request)
            failed.mayHaveBeenSent = false
            throw failed
        }
        guard let proxy else { return socket }
        do throws(ExchangeError) {
            try tunnel(socket, through: proxy, to: request.origin, deadline: deadline)
        } catch {
            var failed = failure(error, request)
            failed.mayHaveBeenSent = false
            throw failed
        }
        return socket
    }

    /// CONNECT through the proxy, with the same handler as the realtime connection's.
    private func tunnel(
        _ socket: BlockingSocket, through proxy: ServiceURL, to origin: Origin, deadline: ContinuousClock.Instant
    ) throws(ExchangeError) {
        let channel = EmbeddedChannel()
        defer { _ = try? channel.finish(acceptAlreadyClosed: true) }
        let handler = ProxyTunnelHandler(proxy: proxy, target: origin, established: channel.eventLoop.makePromise())
        do {
            try channel.pipeline.syncOperations.addHandlers([
                HTTPRequestEncoder(), ByteToMessageHandler(HTTPResponseDecoder()), handler,
            ])
            channel.connect(to: try SocketAddress(ipAddress: "127.0.0.1", port: 1), promise: nil)
            var buffer = channel.allocator.buffer(capacity: 1024)
            while handler.outcome == nil {
                while let bytes = try channel.readOutbound(as: ByteBuffer.self) { try socket.write(bytes, until: deadline) }
                buffer.clear()
                if try socket.read(into: &buffer, until: deadline) == 0 {
                    channel.pipeline.fireChannelInactive()
                } else {
                    try channel.writeInbound(buffer)
                }
            }
        } catch let error as BlockingSocket.Failure {
            throw .socket(error)
        } catch {
            if handler.outcome == nil { throw .answer(AirOpsError(.network, "the proxy \(proxy.text) gave a malformed answer to CONNECT (\(error))")) }
        }
        if case .failure(let error) = handler.outcome { throw .answer(error) }
    }

    private func exchange(
        _ request: HTTPRequest, on socket: BlockingSocket, deadline: ContinuousClock.Instant
    ) throws(ExchangeError) -> (HTTPAnswer, keepAlive: Bool) {
        try ThreadHTTPCodec.withCodec { (channel) throws(ExchangeError) in
            try exchange(request, on: socket, through: channel, deadline: deadline)
        }
    }

    /// Writes the request through the codec and reads until the answer's end; says whether
    /// the codec is clean afterwards (not when the answer ran to the end of the connection).
    private func exchange(
        _ request: HTTPRequest, on socket: BlockingSocket, through channel: EmbeddedChannel, secure: Bool = false,
        deadline: ContinuousClock.Instant
    ) throws(ExchangeError) -> ((HTTPAnswer, keepAlive: Bool), clean: Bool) {
        var answer: (head: HTTPResponseHead, body: ByteBuffer)?
        var received = 0
        var ended = false
        do {
            try write(request, to: channel)
            while let bytes = try channel.readOutbound(as: ByteBuffer.self) { try socket.write(bytes, until: deadline) }
            var head: HTTPResponseHead?
            var body = ByteBuffer()
            var buffer = channel.allocator.buffer(capacity: 16_384)
            while answer == nil {
                buffer.clear()
                let count = try socket.read(into: &buffer, until: deadline)
                if count == 0 {
                    guard received > 0 else { throw ExchangeError.closedBeforeAnswer }
                    // The end of a body that runs to the end of the connection.
                    ended = true
                    channel.pipeline.fireChannelInactive()
                } else {
                    received += count
                    // Straight into the pipeline: writeInbound's promise and flush cost more than the decoding.
                    channel.pipeline.syncOperations.fireChannelRead(NIOAny(buffer))
                    if secure {
                        // TLS flushes at the end of a read: its handshake answers, then the request.
                        channel.pipeline.syncOperations.fireChannelReadComplete()
                        while let bytes = try channel.readOutbound(as: ByteBuffer.self) { try socket.write(bytes, until: deadline) }
                    }
                }
                try channel.throwIfErrorCaught()
                while let part = try channel.readInbound(as: HTTPClientResponsePart.self) {
                    switch part {
                    case .head(let value):
                        head = value
                    case .body(let piece):
                        guard body.readableBytes + piece.readableBytes <= HTTPTransport.maxResponseBytes else {
                            throw ExchangeError.answer(AirOpsError(.protocolViolation,
                                "\(request.summary): the answer is larger than \(HTTPTransport.maxResponseBytes) bytes"))
                        }
                        body.writeImmutableBuffer(piece)
                    case .end:
                        if let head { answer = (head, body) }
                    }
                }
                if ended, answer == nil {
                    throw ExchangeError.socket(.broken("the connection closed in the middle of the answer"))
                }
            }
        } catch let error as ExchangeError {
            throw error
        } catch let error as BlockingSocket.Failure {
            throw .socket(error)
        } catch let error as NIOSSLError {
            throw .answer(AirOpsError(.network, "\(request.summary): TLS failed (\(error))"))
        } catch let error as BoringSSLError {
            throw .answer(AirOpsError(.network, "\(request.summary): TLS failed (\(error))"))
        } catch {
            throw .answer(AirOpsError(.network, "\(request.summary): malformed HTTP answer (\(error))"))
        }
        let (head, body) = answer!
        let result = HTTPAnswer(status: Int(head.status.code), body: Data(body.readableBytesView), headers: head.headers)
        return ((result, head.isKeepAlive && !ended), clean: !ended)
    }

    private func write(_ request: HTTPRequest, to channel: EmbeddedChannel) throws {
        var headers = request.headers
        if request.body != nil || request.method != .GET {
            headers.add(name: "content-length", value: String(request.body?.count ?? 0))
        }
        // Writes without promises, one flush: writeOutbound waits on a future per part.
        let pipeline = channel.pipeline.syncOperations
        let head = HTTPRequestHead(version: .http1_1, method: request.method, uri: request.target, headers: headers)
        pipeline.write(NIOAny(HTTPClientRequestPart.head(head)), promise: nil)
        if let body = request.body { pipeline.write(NIOAny(HTTPClientRequestPart.body(.byteBuffer(ByteBuffer(bytes: body)))), promise: nil) }
        pipeline.write(NIOAny(HTTPClientRequestPart.end(nil)), promise: nil)
        pipeline.flush()
        try channel.throwIfErrorCaught()
    }

    private func failure(_ failure: ExchangeError, _ request: HTTPRequest) -> RetryPolicy.Failure {
        let what = request.summary
        let via = proxy.map { " through the proxy \($0.text)" } ?? ""
        switch failure {
        case .closedBeforeAnswer:
            return RetryPolicy.Failure(error: AirOpsError(.network, "\(what) failed\(via): the connection closed before the answer"), mayHaveBeenSent: true)
        case .socket(.refused(let text)):
            return RetryPolicy.Failure(error: AirOpsError(.network, "\(what) failed\(via): \(text)"), mayHaveBeenSent: false)
        case .socket(.timedOut(let text)):
            return RetryPolicy.Failure(error: AirOpsError(.timeout, "\(what) \(text) (request timeout \(policy.requestTimeout.milliseconds) ms)"), mayHaveBeenSent: true)
        case .socket(.broken(let text)):
            return RetryPolicy.Failure(error: AirOpsError(.network, "\(what) failed\(via): \(text)"), mayHaveBeenSent: true)
        case .answer(let error):
            return RetryPolicy.Failure(error: error, mayHaveBeenSent: true)
        }
    }
}

/// Why an exchange on the calling thread failed.
enum ExchangeError: Error {
    /// The peer closed the connection before a byte of the answer arrived.
    case closedBeforeAnswer
    case socket(BlockingSocket.Failure)
    case answer(AirOpsError)
}
