import Hummingbird
import HummingbirdWebSocket
import NIOCore
import NIOWebSocket

/// The Pusher Channels WebSocket endpoint, `GET /app/{key}?protocol=7` (pusher-channels.md).
///
/// A client that names an unknown key gets `pusher:error` 4001 and a close with 4001; a
/// protocol other than 5, 6 or 7 (missing means 7) gets 4007 likewise. Otherwise the
/// server sends `pusher:connection_established` and then answers the client's messages
/// (``PusherInbound``). WebSocket ping frames are answered with pong frames by
/// hummingbird-websocket itself, which also pings the client every 30 s and closes the
/// connection when no pong comes back.
struct RealtimeSocketRoute: Sendable {
    static let subprotocol = "pusher-channels-protocol-7"
    /// Client messages are small (subscriptions, pings); anything larger closes the socket.
    static let maxMessageSize = 1 << 16
    /// How long a refused client has to answer the close frame.
    static let refusalTimeout = Duration.seconds(5)

    let settings: DevServerConfig.Realtime
    let hub: RealtimeHub

    func add(to router: Router<RealtimeRequestContext>) {
        router.ws("app/{key}") { request, _ in
            // pusher-websocket-swift asks for the protocol as a subprotocol; echoing it is
            // harmless for clients that do not.
            let requested = request.headers[.secWebSocketProtocol]?.split(separator: ",") ?? []
            guard requested.contains(where: { $0.filter { $0 != " " } == Self.subprotocol }) else {
                return .upgrade([:])
            }
            return .upgrade([.secWebSocketProtocol: Self.subprotocol])
        } onUpgrade: { inbound, outbound, context in
            try await serve(inbound, outbound, context)
        }
    }

    private func serve(
        _ inbound: WebSocketInboundStream, _ outbound: WebSocketOutboundWriter,
        _ context: WebSocketRouterContext<RealtimeRequestContext>
    ) async throws {
        let key = context.requestContext.parameters["key"].flatMap(decodePathSegment) ?? ""
        guard key == settings.key else {
            return try await refuse(inbound, outbound, code: 4001, "App key \(key) does not exist")
        }
        let version = context.request.uri.queryParameters["protocol"].map(String.init) ?? "7"
        guard let number = Int(version), (5...7).contains(number) else {
            return try await refuse(inbound, outbound, code: 4007, "Unsupported protocol version \(version)")
        }
        let outbox = hub.connect(socket: context.requestContext.socket, bufferLimit: settings.maxQueuedFrames) {
            .connectionEstablished(socketId: $0, activityTimeout: settings.activityTimeout)
        }
        defer { hub.disconnect(outbox.socketId) }
        let messages = PusherInbound(settings: settings, hub: hub, outbox: outbox)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for await frame in outbox.frames {
                    switch frame {
                    case .text(let text):
                        try await outbound.write(.text(text))
                    case .close(let code):
                        // Written by hand, as in refuse(); the inbound task ends at the
                        // client's close reply, and with it the connection.
                        try await writeClose(outbound, code: Int(code), reason: "")
                        try await Task.sleep(for: Self.refusalTimeout)
                        return
                    case .drop:
                        return outbox.drop()
                    }
                }
            }
            group.addTask {
                for try await message in inbound.messages(maxSize: Self.maxMessageSize) {
                    messages.handle(message)
                }
            }
            // Either the client left or the server closed the connection: stop the other.
            try await group.next()
            group.cancelAll()
        }
    }

    /// Tells the client why it cannot connect, then closes with the same code, as soketi
    /// does (Pysher only reads the code from the `pusher:error`).
    ///
    /// The close frame is written by hand: `outbound.close` would also half-close the socket
    /// at once, and a WSClient that gets the FIN together with the upgrade response loses the
    /// frames and hangs. So the server waits for the client's close reply (at most
    /// ``refusalTimeout``) and lets hummingbird-websocket end the connection then.
    private func refuse(
        _ inbound: WebSocketInboundStream, _ outbound: WebSocketOutboundWriter, code: Int, _ message: String
    ) async throws {
        try await outbound.write(.text(PusherMessage.error(code: code, message).text))
        try await writeClose(outbound, code: code, reason: message)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for try await _ in inbound {}
            }
            group.addTask {
                try await Task.sleep(for: Self.refusalTimeout)
            }
            try await group.next()
            group.cancelAll()
        }
    }

    /// A close frame, without the half-close that `outbound.close` adds (see refuse()).
    private func writeClose(_ outbound: WebSocketOutboundWriter, code: Int, reason: String) async throws {
        var payload = ByteBuffer()
        payload.write(webSocketErrorCode: .init(codeNumber: code))
        payload.writeString(reason)
        try await outbound.write(.custom(.init(fin: true, opcode: .connectionClose, data: payload)))
    }
}
