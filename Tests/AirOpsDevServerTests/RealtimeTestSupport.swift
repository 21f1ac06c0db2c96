import AirOps
import FoundationEssentials
import HummingbirdTLS
import Logging
import NIOConcurrencyHelpers
import NIOWebSocket
import Testing
import WSClient

@testable import AirOpsDevServer

/// One frame from the realtime server.
struct PusherFrame: CustomStringConvertible {
    let text: String
    let fields: [String: JSONValue]

    init(_ text: String) {
        self.text = text
        if case .object(let fields)? = try? JSONValue.parse(text) {
            self.fields = fields
        } else {
            self.fields = [:]
        }
    }

    var event: String? { fields["event"]?.string }
    var channel: String? { fields["channel"]?.string }
    var data: JSONValue? { fields["data"] }

    /// `data`, decoded once more when it is JSON text (channel events are double encoded).
    var payload: JSONValue? {
        guard case .string(let text)? = data else { return data }
        return try? JSONValue.parse(text)
    }

    var description: String { text }
}

/// A realtime connection as a test drives it, on the task that runs the test body.
final class TestSocket {
    private var frames: AsyncStream<String>.Iterator
    private let outbound: WebSocketOutboundWriter
    private(set) var socketId = ""

    init(frames: AsyncStream<String>, outbound: WebSocketOutboundWriter) {
        self.frames = frames.makeAsyncIterator()
        self.outbound = outbound
    }

    /// The next frame; nil once the connection has ended.
    func next() async -> PusherFrame? {
        await frames.next().map(PusherFrame.init)
    }

    func send(_ text: String) async throws {
        try await outbound.write(.text(text))
    }

    /// Reads `pusher:connection_established` and keeps the socket id.
    @discardableResult
    func established() async throws -> [String: JSONValue] {
        let frame = try #require(await next())
        #expect(frame.event == "pusher:connection_established")
        guard case .object(let data)? = frame.payload, let socketId = data["socket_id"]?.string else {
            Issue.record("connection_established without socket_id: \(frame)")
            return [:]
        }
        self.socketId = socketId
        return data
    }

    /// Subscribes and returns the server's answer.
    func subscribe(_ channel: String, auth: String? = nil) async throws -> PusherFrame {
        var data: [String: JSONValue] = ["channel": .string(channel)]
        data["auth"] = auth.map(JSONValue.string)
        try await send(JSONValue.object(["event": .string("pusher:subscribe"), "data": .object(data)]).jsonText)
        return try #require(await next())
    }

    /// Subscribes with a correct signature for `private-` channels, and checks it worked.
    func join(_ channel: String, secret: String = "airops-dev-secret", key: String = "airops-dev-key") async throws {
        let auth =
            channel.hasPrefix("private-")
            ? "\(key):\(hmacSHA256Hex(key: Array(secret.utf8), message: Array("\(socketId):\(channel)".utf8)))" : nil
        let answer = try await subscribe(channel, auth: auth)
        #expect(answer.event == "pusher_internal:subscription_succeeded", "\(answer)")
    }

    /// Sends `pusher:ping` and returns every frame that came before the pong: the server
    /// answers in order, so this is everything it sent until now.
    func drain() async throws -> [PusherFrame] {
        try await send(#"{"event":"pusher:ping","data":{}}"#)
        var frames: [PusherFrame] = []
        while let frame = await next() {
            if frame.event == "pusher:pong" { return frames }
            frames.append(frame)
        }
        Issue.record("the connection ended before the pong")
        return frames
    }

    /// Frames until (and with) the first `event`.
    func frames(until event: String) async -> [PusherFrame] {
        var frames: [PusherFrame] = []
        while let frame = await next() {
            frames.append(frame)
            if frame.event == event { return frames }
        }
        Issue.record("the connection ended before \(event): \(frames)")
        return frames
    }
}

/// How a test connection ended: the close code the server sent, nil when the connection
/// ended without one (dropped).
struct SocketEnd {
    let closeCode: WebSocketErrorCode?
}

extension TestServer {
    var realtimeURL: String { running.realtimeURL }

    /// Connects to the realtime endpoint at `path` (by default `/app/<dev key>?protocol=7`),
    /// runs `body` with the connection, closes it, and says how it ended. To see the
    /// server's close code, `body` must read until ``TestSocket/next()`` returns nil.
    @discardableResult
    func withSocket(
        path: String = "/app/airops-dev-key?protocol=7", configuration: WebSocketClientConfiguration = .init(),
        tlsConfiguration: TLSConfiguration? = nil, _ body: @escaping @Sendable (TestSocket) async throws -> Void
    ) async throws -> SocketEnd {
        let bodyError = NIOLockedValueBox<(any Error)?>(nil)
        var logger = Logger(label: "test-socket")
        logger.logLevel = .critical
        let closeFrame: WebSocketCloseFrame?
        do {
            closeFrame = try await WebSocketClient.connect(
                url: realtimeURL + path, configuration: configuration, tlsConfiguration: tlsConfiguration,
                logger: logger
            ) { inbound, outbound, _ in
                let (frames, continuation) = AsyncStream.makeStream(of: String.self)
                await withTaskGroup(of: Void.self) { group in
                    group.addTask {
                        defer { continuation.finish() }
                        // An error ends the connection as much as a close does.
                        try? await {
                            for try await message in inbound.messages(maxSize: 1 << 20) {
                                if case .text(let text) = message { continuation.yield(text) }
                            }
                        }()
                    }
                    do {
                        try await body(TestSocket(frames: frames, outbound: outbound))
                    } catch {
                        bodyError.withLockedValue { $0 = error }
                    }
                    group.cancelAll()
                }
            }
        } catch {
            closeFrame = nil
        }
        if let error = bodyError.withLockedValue({ $0 }) { throw error }
        return SocketEnd(closeCode: closeFrame?.closeCode)
    }

    /// A signed request to the realtime HTTP API, as the Pusher server libraries send it.
    func trigger(
        _ body: String, path: String = "/apps/1/events", secret: String = "airops-dev-secret",
        key: String = "airops-dev-key", timestamp: String = String(Int64(Date().timeIntervalSince1970))
    ) async throws -> TestResponse {
        let query = "auth_key=\(key)&auth_timestamp=\(timestamp)&auth_version=1.0&body_md5=\(md5Hex(Array(body.utf8)))"
        let signature = hmacSHA256Hex(key: Array(secret.utf8), message: Array("POST\n\(path)\n\(query)".utf8))
        return try await send("POST", "\(path)?\(query)&auth_signature=\(signature)", identity: nil, body: body)
    }
}
