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

    /// Connects, upgrades and returns the channel of frames; `tls` is required for wss://.
    static func connect(to address: WebSocketAddress, tls: NIOSSLContext?, maxMessageSize: Int) async throws -> Channel {
        let upgrade = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .connect(host: address.host, port: address.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if address.secure {
                        guard let tls else { throw AirOpsError(.internal, "wss:// without a TLS context") }
                        // SNI and the certificate check take a name; an IP address is checked without SNI.
                        let name = address.host.contains(":") || address.host.allSatisfy({ $0.isNumber || $0 == "." }) ? nil : address.host
                        try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tls, serverHostname: name))
                    }
                    var pipeline = NIOUpgradableHTTPClientPipelineConfiguration(
                        upgradeConfiguration: upgradeConfiguration(address, maxMessageSize: maxMessageSize))
                    // The server's first frame (Pusher's connection_established) often shares a
                    // read with the 101 answer: those bytes belong to the WebSocket, not dropped.
                    pipeline.leftOverBytesStrategy = .forwardBytes
                    return try channel.pipeline.syncOperations.configureUpgradableHTTPClientPipeline(configuration: pipeline)
                }
            }
        switch try await upgrade.get() {
        case .upgraded(let channel): return channel
        case .refused: throw AirOpsError(.network, "the realtime server refused the WebSocket upgrade")
        }
    }

    private static func upgradeConfiguration(
        _ address: WebSocketAddress, maxMessageSize: Int
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
        headers.add(name: "host", value: address.hostHeader)
        return NIOTypedHTTPClientUpgradeConfiguration(
            upgradeRequestHead: HTTPRequestHead(version: .http1_1, method: .GET, uri: address.requestTarget, headers: headers),
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

/// The parts of a ws:// or wss:// URL that a connection needs.
struct WebSocketAddress: Sendable, Equatable {
    let secure: Bool
    let host: String
    let port: Int
    /// Path and query, e.g. `/app/key?protocol=7`.
    let requestTarget: String

    init(url: String) throws(AirOpsError) {
        let lowered = url.lowercased()
        let rest: Substring
        if lowered.hasPrefix("wss://") {
            secure = true
            rest = url.dropFirst(6)
        } else if lowered.hasPrefix("ws://") {
            secure = false
            rest = url.dropFirst(5)
        } else {
            throw AirOpsError(.invalidArgument, "a WebSocket URL starts with ws:// or wss:// (got \"\(url)\")")
        }
        let authority = rest.prefix { $0 != "/" && $0 != "?" }
        let target = rest.dropFirst(authority.count)
        requestTarget = target.hasPrefix("/") ? String(target) : "/" + target
        // An IPv6 literal is bracketed: [::1]:8080.
        var hostPart = authority
        var portPart: Substring?
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            hostPart = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") { portPart = after.dropFirst() }
        } else if let colon = authority.lastIndex(of: ":") {
            hostPart = authority[..<colon]
            portPart = authority[authority.index(after: colon)...]
        }
        guard !hostPart.isEmpty else { throw AirOpsError(.invalidArgument, "the WebSocket URL has no host (got \"\(url)\")") }
        host = String(hostPart)
        if let portPart {
            guard let number = Int(portPart), (1...65535).contains(number) else {
                throw AirOpsError(.invalidArgument, "the WebSocket URL has an invalid port (got \"\(url)\")")
            }
            port = number
        } else {
            port = secure ? 443 : 80
        }
    }

    /// The Host header: the port only when it is not the scheme's default.
    var hostHeader: String {
        let name = host.contains(":") ? "[\(host)]" : host
        return port == (secure ? 443 : 80) ? name : "\(name):\(port)"
    }
}
