import Logging
import NIOCore
import NIOSSL
import NIOWebSocket

/// One client's realtime connection (Pusher Channels protocol v7), opened on the first
/// subscription and shared by every channel of the client. It authorizes private channels,
/// confirms subscriptions within a timeout, pings when the line is quiet, and reconnects
/// by close-code class, subscribing every live channel again.
actor RealtimeConnection {
    typealias Authorizer = @Sendable (_ socketId: String, _ channel: String) async throws(AirOpsError) -> String
    typealias Handler = PusherChannelTable.Handler

    private let endpoint: RealtimeEndpoint
    private let network: NetworkPolicy
    private let authorize: Authorizer
    private let subscriptionTimeout: Duration
    private let logger: Logger
    private let policy = ReconnectPolicy()
    /// The protocol's recommended wait for a pong before the connection counts as dead.
    private let pongTimeout: Duration = .seconds(30)
    /// How long connecting may take until `connection_established`.
    private let handshakeTimeout: Duration = .seconds(15)

    private var channels = PusherChannelTable()
    private var socketId: String?
    private var outbound: WebSocketWriter?
    /// Counts connections, so that work begun for a connection that has since closed is dropped.
    private var generation = 0
    private var connectionTask: Task<Void, Never>?
    private var lastActivity = ContinuousClock.now
    private var activityTimeout: Duration = .seconds(120)
    private var isShutDown = false
    /// Connections opened so far (a test and benchmark figure).
    private(set) var connectionsOpened = 0

    init(
        endpoint: RealtimeEndpoint, network: NetworkPolicy, subscriptionTimeout: Duration, logger: Logger,
        authorize: @escaping Authorizer
    ) {
        self.endpoint = endpoint
        self.network = network
        self.subscriptionTimeout = subscriptionTimeout
        self.logger = logger
        self.authorize = authorize
    }

    /// Subscribes to a channel and returns once the server confirmed it. Events go to
    /// `handler`, in order, on the connection's task: the handler must not block.
    func subscribe(_ name: String, handler: @escaping Handler) async throws(AirOpsError) {
        guard !isShutDown else { throw AirOpsError(.invalidArgument, "the client has been closed") }
        guard !channels.contains(name) else { throw AirOpsError(.internal, "channel \(name) is already subscribed") }
        channels.add(name, handler: handler)
        ensureConnection()
        if let socketId { requestSubscription(name, socketId: socketId) }
        let timeout = subscriptionTimeout
        let timer = Task { [weak self] in
            try? await Pause.sleep(for: timeout)
            guard !Task.isCancelled else { return }
            await self?.fail(
                name, AirOpsError(.timeout, "the realtime server did not confirm the subscription to \(name) within \(timeout.milliseconds) ms"))
        }
        defer { timer.cancel() }
        let result = await withCheckedContinuation { channels.setWaiter($0, for: name) }
        try result.get()
    }

    /// Stops the channel's events. Does nothing for a channel that is not subscribed.
    func unsubscribe(_ name: String) async {
        guard channels.remove(name) else { return }
        await send(PusherFrame.clientMessage("pusher:unsubscribe", ["channel": .string(name)]))
    }

    /// Closes the connection for good; every channel fails.
    func shutdown() async {
        isShutDown = true
        failAll(AirOpsError(.invalidArgument, "the client has been closed"))
        connectionTask?.cancel()
        try? await outbound?.close(.normalClosure)
        await connectionTask?.value
    }

    var isConnected: Bool { socketId != nil }

    // MARK: - The connection's life

    private func ensureConnection() {
        guard connectionTask == nil, !isShutDown else { return }
        connectionTask = Task { await self.runConnections() }
    }

    /// Connects, serves, and reconnects while channels remain.
    private func runConnections() async {
        var failures = 0
        var quickCloses = 0
        while !isShutDown, !channels.isEmpty, !Task.isCancelled {
            generation += 1
            let current = generation
            let started = ContinuousClock.now
            var closeCode: Int?
            var failure: (any Error)?
            switch await serve(generation: current) {
            case .success(let code):
                closeCode = code.map { Int(UInt16(webSocketErrorCode: $0)) }
            case .failure(let error):
                failure = error
                logger.debug("realtime connection ended: \(error)")
            }
            if closed(generation: current) {
                failures = 0
            } else {
                failures += 1
                // Subscriptions still waiting for their first confirmation fail now rather
                // than at their timeout; confirmed channels wait for the reconnect.
                failUnconfirmed(
                    AirOpsError(.network, "cannot connect to the realtime server \(endpoint.url): \(failure.map { "\($0)" } ?? "closed with code \(closeCode ?? 0)")"))
            }
            guard !isShutDown, !Task.isCancelled else { break }
            // Counted whether or not the handshake completed: a server may accept and close at once.
            quickCloses = ContinuousClock.now - started < policy.stable ? quickCloses + 1 : 0
            switch policy.decide(closeCode: closeCode, failures: failures, quickCloses: quickCloses) {
            case .giveUp:
                failAll(AirOpsError(.network, "the realtime server refused the connection (close code \(closeCode ?? 0))"))
            case .reconnect(let delay):
                logger.debug("realtime reconnect in \(delay.milliseconds) ms (close code \(closeCode ?? 0))")
                try? await Pause.sleep(for: delay)
            }
        }
        connectionTask = nil
    }

    /// Runs one connection until it closes; returns the server's close code, if it sent one.
    /// A connection whose handshake has not completed within the handshake timeout is
    /// abandoned: a server that goes quiet after the upgrade must not hold the client forever.
    private func serve(generation current: Int) async -> Result<WebSocketErrorCode?, any Error> {
        let address = endpoint.address
        let tls: NIOSSLContext?
        do {
            tls = address.scheme.isSecure ? try network.tlsContext() : nil
        } catch {
            return .failure(error)
        }
        let (target, proxy) = (endpoint.connectTarget, network.realtimeProxy)
        let attempt = Task {
            let channel = try await WebSocketConnection.connect(
                to: address, target: target, proxy: proxy, tls: tls, maxMessageSize: 1 << 20)
            return try await channel.executeThenClose { inbound, outbound in
                let writer = WebSocketWriter(outbound: outbound)
                self.opened(writer, generation: current)
                return try await withThrowingTaskGroup(of: WebSocketErrorCode?.self) { group in
                    group.addTask { try await self.read(inbound, answering: writer, generation: current) }
                    group.addTask {
                        try await self.keepAlive(writer, generation: current)
                        return nil
                    }
                    defer { group.cancelAll() }
                    return try await group.next()!
                }
            }
        }
        let timeout = handshakeTimeout
        let outcome = FirstOutcome<Result<WebSocketErrorCode?, any Error>>()
        Task { outcome.resume(await attempt.result) }
        Task { [weak self] in
            try? await Pause.sleep(for: timeout)
            guard let self, await self.socketId == nil, await self.generation == current else { return }
            attempt.cancel()
            outcome.resume(.failure(AirOpsError(.timeout, "no connection_established within \(timeout.milliseconds) ms")))
        }
        return await withTaskCancellationHandler {
            await outcome.value()
        } onCancel: {
            attempt.cancel()
            outcome.resume(.failure(CancellationError()))
        }
    }

    /// Reads messages until the server closes the connection: answers pings and the close
    /// frame, and returns the close code (nil when the connection ended without one).
    private nonisolated func read(
        _ inbound: NIOAsyncChannelInboundStream<WebSocketFrame>, answering writer: WebSocketWriter, generation current: Int
    ) async throws -> WebSocketErrorCode? {
        for try await frame in inbound {
            switch frame.opcode {
            case .text:
                await receive(String(buffer: frame.unmaskedData), generation: current)
            case .ping:
                try await writer.pong(frame.unmaskedData)
            case .connectionClose:
                var data = frame.unmaskedData
                let code = data.readWebSocketErrorCode()
                try? await writer.close(code ?? .normalClosure)
                return code
            default:
                continue  // binary and pong frames carry nothing for this protocol
            }
        }
        return nil
    }

    private func opened(_ writer: WebSocketWriter, generation current: Int) {
        guard current == generation else { return }
        outbound = writer
        connectionsOpened += 1
        lastActivity = .now
    }

    /// Forgets the closed connection; returns whether its handshake had completed.
    private func closed(generation current: Int) -> Bool {
        let established = socketId != nil
        socketId = nil
        outbound = nil
        channels.connectionClosed()
        return established
    }

    /// Pings after `activityTimeout` of silence; throws, ending the connection, when no
    /// answer follows within the pong timeout.
    private func keepAlive(_ writer: WebSocketWriter, generation current: Int) async throws {
        while current == generation {
            let quietUntil = lastActivity + activityTimeout
            if ContinuousClock.now < quietUntil {
                try await Pause.sleep(until: quietUntil)
                continue
            }
            let pingedAt = ContinuousClock.now
            try await writer.send(PusherFrame.clientMessage("pusher:ping", [:]))
            try await Pause.sleep(for: pongTimeout)
            if lastActivity < pingedAt {
                throw AirOpsError(.network, "no answer to a ping within \(pongTimeout.milliseconds) ms")
            }
        }
    }

    // MARK: - Messages

    private func receive(_ text: String, generation current: Int) async {
        guard current == generation else { return }
        lastActivity = .now
        guard let frame = PusherFrame(text: text) else {
            logger.debug("realtime: ignoring a frame that is not a protocol message")
            return
        }
        switch frame.event {
        case "pusher:connection_established":
            established(frame)
        case "pusher_internal:subscription_succeeded", "pusher:subscription_succeeded":
            if let name = frame.channel { channels.confirm(name) }
        case "pusher:subscription_error":
            if let name = frame.channel {
                let reason = frame.payload?["error"]?.text ?? frame.data
                fail(name, AirOpsError(.unauthorized, "the realtime server refused \(name): \(reason)"))
            }
        case "pusher:ping":
            await send(PusherFrame.clientMessage("pusher:pong", [:]))
        case "pusher:pong":
            break
        case "pusher:error":
            logger.warning("realtime server error: \(frame.data)")
        default:
            if let name = frame.channel { channels.deliver(.event(name: frame.event, data: frame.data), to: name) }
        }
    }

    private func established(_ frame: PusherFrame) {
        guard case .string(let id)? = frame.payload?["socket_id"] else {
            logger.warning("realtime: connection_established without a socket_id")
            return
        }
        socketId = id
        logger.info("realtime connected to \(endpoint.url) (socket \(id))")
        // The client uses the smaller of its own default and the server's value.
        if case .int(let seconds)? = frame.payload?["activity_timeout"], seconds > 0 {
            activityTimeout = min(.seconds(120), .seconds(seconds))
        }
        for name in channels.names { requestSubscription(name, socketId: id) }
    }

    private func requestSubscription(_ name: String, socketId: String) {
        let current = generation
        guard name.hasPrefix("private-") || name.hasPrefix("presence-") else {
            Task { await self.sendSubscribe(name, auth: .success(""), generation: current) }
            return
        }
        let authorize = self.authorize
        Task {
            let auth: Result<String, AirOpsError>
            do throws(AirOpsError) { auth = .success(try await authorize(socketId, name)) } catch { auth = .failure(error) }
            await self.sendSubscribe(name, auth: auth, generation: current)
        }
    }

    private func sendSubscribe(_ name: String, auth: Result<String, AirOpsError>, generation current: Int) async {
        guard current == generation, channels.contains(name) else { return }
        switch auth {
        case .success(let token):
            await send(PusherFrame.clientMessage("pusher:subscribe", ["channel": .string(name), "auth": .string(token)]))
        case .failure(let error):
            fail(name, error)
        }
    }

    /// Removes a channel and tells whoever waits on it why.
    private func fail(_ name: String, _ error: AirOpsError) {
        guard channels.fail(name, error) else { return }
        Task { await self.send(PusherFrame.clientMessage("pusher:unsubscribe", ["channel": .string(name)])) }
    }

    private func failUnconfirmed(_ error: AirOpsError) {
        for name in channels.unconfirmedNames { fail(name, error) }
    }

    private func failAll(_ error: AirOpsError) {
        for name in channels.names { fail(name, error) }
    }

    private func send(_ text: String) async {
        guard let outbound else { return }
        do {
            try await outbound.send(text)
        } catch {
            logger.debug("realtime: write failed: \(error)")
        }
    }
}
