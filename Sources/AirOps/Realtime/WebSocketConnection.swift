import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import NIOWebSocket

/// A WebSocket client connection (RFC 6455) on SwiftNIO, with just what the realtime
/// connection needs: TLS for wss://, the HTTP upgrade, whole messages in (fragments joined,
/// bounded in size), masked frames out. Built on NIO's own WebSocket handlers rather than a
/// client package, which would bring its service-lifecycle and async-algorithms dependencies
/// into the shared library.
enum WebSocketConnection {
    typealias Channel = NIOAsyncChannel<WebSocketFrame, WebSocketFrame>

    private enum Upgrade {
        case upgraded(Channel)
        case refused
    }

    /// Connects (through `proxy` with a CONNECT tunnel when one is given), upgrades and
    /// returns the channel of frames; `tls` is required for wss://.
    static func connect(
        to address: ServiceURL, target: String, proxy: ServiceURL?, tls: NIOSSLContext?, maxMessageSize: Int
    ) async throws -> Channel {
        let loop = EventLoops.group.next()
        var bootstrap = ClientBootstrap(group: loop)
        // NIO's resolver needs libdispatch, which a forked child cannot use (see PoolResolver).
        if ProcessFork.generation > 0 { bootstrap = bootstrap.resolver(PoolResolver(loop: loop)) }
        let upgrade = try await bootstrap
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .connect(host: proxy?.host ?? address.host, port: proxy?.port ?? address.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    guard let proxy else { return try addUpgrade(channel, address, target, tls, maxMessageSize) }
                    return try tunnel(channel, through: proxy, to: address).flatMapThrowing {
                        try addUpgrade(channel, address, target, tls, maxMessageSize)
                    }.flatMap { $0 }
                }
            }
        switch try await upgrade.get() {
        case .upgraded(let channel): return channel
        case .refused: throw AirOpsError(.network, "the realtime server refused the WebSocket upgrade")
        }
    }

    /// Adds the CONNECT handshake; once the tunnel stands, its handlers leave the pipeline.
    private static func tunnel(_ channel: any NIOCore.Channel, through proxy: ServiceURL, to address: ServiceURL) throws -> EventLoopFuture<Void> {
        let established = channel.eventLoop.makePromise(of: Void.self)
        let handlers: [(String, any ChannelHandler)] = [
            ("proxy-encoder", HTTPRequestEncoder()),
            ("proxy-decoder", ByteToMessageHandler(HTTPResponseDecoder(leftOverBytesStrategy: .forwardBytes))),
            ("proxy-tunnel", ProxyTunnelHandler(proxy: proxy, target: address.origin, established: established)),
        ]
        for (name, handler) in handlers { try channel.pipeline.syncOperations.addHandler(handler, name: name) }
        let names = handlers.map(\.0)
        return established.futureResult.flatMap {
            let removals = names.reversed().map { channel.pipeline.removeHandler(name: $0) }
            return EventLoopFuture.andAllSucceed(removals, on: channel.eventLoop)
        }
    }

    /// Adds TLS for wss:// and the HTTP upgrade to the WebSocket protocol.
    private static func addUpgrade(
        _ channel: any NIOCore.Channel, _ address: ServiceURL, _ target: String, _ tls: NIOSSLContext?, _ maxMessageSize: Int
    ) throws -> EventLoopFuture<Upgrade> {
        if address.scheme.isSecure {
            guard let tls else { throw AirOpsError(.internal, "wss:// without a TLS context") }
            // SNI and the certificate check take a name; an IP address is checked without SNI.
            let name = IPAddress(address.host) == nil ? address.host : nil
            try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tls, serverHostname: name))
        }
        var pipeline = NIOUpgradableHTTPClientPipelineConfiguration(
            upgradeConfiguration: upgradeConfiguration(address, target, maxMessageSize: maxMessageSize))
        // The server's first frame (Pusher's connection_established) often shares a
        // read with the 101 answer: those bytes belong to the WebSocket, not dropped.
        pipeline.leftOverBytesStrategy = .forwardBytes
        return try channel.pipeline.syncOperations.configureUpgradableHTTPClientPipeline(configuration: pipeline)
    }

    private static func upgradeConfiguration(
        _ address: ServiceURL, _ target: String, maxMessageSize: Int
    ) -> NIOTypedHTTPClientUpgradeConfiguration<Upgrade> {
        let upgrader = NIOTypedWebSocketClientUpgrader<Upgrade>(maxFrameSize: maxMessageSize) { channel, _ in
            channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.addHandler(
                    NIOWebSocketFrameAggregator(
                        minNonFinalFragmentSize: 0, maxAccumulatedFrameCount: 1 << 16, maxAccumulatedFrameSize: maxMessageSize))
                return .upgraded(try Channel(wrappingChannelSynchronously: channel))
            }
        }
        var headers = HTTPHeaders()
        headers.add(name: "host", value: address.authority)
        return NIOTypedHTTPClientUpgradeConfiguration(
            upgradeRequestHead: HTTPRequestHead(version: .http1_1, method: .GET, uri: target, headers: headers),
            upgraders: [upgrader],
            notUpgradingCompletionHandler: { channel in channel.eventLoop.makeSucceededFuture(.refused) })
    }
}

/// Sends on a WebSocket connection. Client frames are masked, as RFC 6455 requires.
struct WebSocketWriter: Sendable {
    let outbound: NIOAsyncChannelOutboundWriter<WebSocketFrame>

    func send(_ text: String) async throws {
        try await outbound.write(frame(.text, ByteBuffer(string: text)))
    }

    func pong(_ data: ByteBuffer) async throws {
        try await outbound.write(frame(.pong, data))
    }

    func close(_ code: WebSocketErrorCode) async throws {
        var data = ByteBuffer()
        data.write(webSocketErrorCode: code)
        try await outbound.write(frame(.connectionClose, data))
    }

    private func frame(_ opcode: WebSocketOpcode, _ data: ByteBuffer) -> WebSocketFrame {
        WebSocketFrame(fin: true, opcode: opcode, maskKey: .random(), data: data)
    }
}
