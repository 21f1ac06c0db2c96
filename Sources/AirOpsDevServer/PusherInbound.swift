import AirOps
import HummingbirdWebSocket

/// What the server does with each message a realtime client sends.
///
/// - `pusher:ping` (data `{}`, or `""` as Pysher sends it) -> `pusher:pong`; `pusher:pong` is
///   ignored.
/// - `pusher:subscribe` -> `pusher_internal:subscription_succeeded`, or
///   `pusher:subscription_error` (with `channel`, soketi's form) for a bad channel name, a
///   bad `private-` signature, or a `presence-` channel (not supported).
/// - `pusher:unsubscribe` -> no answer.
/// - `client-*` events -> `pusher:error` 4301: client events are not enabled.
/// - Other events are ignored. A frame that is not a JSON object with an `event` (binary
///   frames included) gets a `pusher:error` with code null and the connection stays open:
///   every Pusher error code asks clients to act (4200-4299 reconnect at once), which a
///   malformed frame does not call for.
struct PusherInbound: Sendable {
    let settings: DevServerConfig.Realtime
    let hub: RealtimeHub
    let outbox: SocketOutbox

    func handle(_ message: WebSocketMessage) {
        guard case .text(let text) = message else {
            return outbox.send(.error(code: nil, "Binary frames are not supported; send JSON text"))
        }
        // The client's own frame decoder, so that both ends read frames by the same rules.
        guard let frame = PusherFrame(text: text) else {
            return outbox.send(.error(code: nil, "Malformed message: expected a JSON object with an event"))
        }
        switch frame.event {
        case "pusher:ping":
            outbox.send(.pong)
        case "pusher:subscribe":
            subscribe(Self.object(frame.payload))
        case "pusher:unsubscribe":
            if case .string(let channel)? = frame.payload?["channel"] {
                hub.unsubscribe(outbox.socketId, from: channel)
            }
        case let event where event.hasPrefix("client-"):
            outbox.send(.error(code: 4301, "Client events are not enabled on this server"))
        default:
            break
        }
    }

    private func subscribe(_ data: [String: JSONValue]) {
        guard !hub.ignoresSubscriptions else { return }
        guard case .string(let channel)? = data["channel"] else {
            return outbox.send(.error(code: nil, "pusher:subscribe needs data.channel, a string"))
        }
        guard PusherNames.isValidChannel(channel) else {
            return outbox.send(
                .subscriptionError(
                    channel, type: "InvalidChannel", status: 400,
                    "Invalid channel name: use at most 200 of the characters a-z A-Z 0-9 _ - = @ , . ;"))
        }
        guard !PusherNames.isPresence(channel) else {
            return outbox.send(
                .subscriptionError(
                    channel, type: "UnsupportedChannel", status: 400,
                    "Presence channels are not supported by the dev server"))
        }
        if PusherNames.isPrivate(channel) {
            guard case .string(let auth)? = data["auth"] else {
                return outbox.send(
                    .subscriptionError(
                        channel, type: "AuthError", status: 401, "Missing auth: private channels need a signature"))
            }
            if let problem = authProblem(auth, channel: channel) {
                return outbox.send(.subscriptionError(channel, type: "AuthError", status: 401, problem))
            }
        }
        hub.subscribe(outbox.socketId, to: channel)
        outbox.send(.subscriptionSucceeded(channel))
    }

    /// Why `auth` (`<key>:<signature>`) does not authorize this connection on `channel`;
    /// nil when it does. The signature is compared in constant time.
    private func authProblem(_ auth: String, channel: String) -> String? {
        guard !auth.isEmpty else { return "Missing auth: private channels need a signature" }
        guard let colon = auth.firstIndex(of: ":"), auth[..<colon] == settings.key else {
            return "Invalid key in auth: expected \(settings.key):<signature>"
        }
        let signature = String(auth[auth.index(after: colon)...])
        let expected = PusherNames.channelSignature(
            secret: settings.secret, socketId: outbox.socketId, channel: channel)
        guard constantTimeEqual(signature.lowercased(), expected) else {
            return
                "Invalid signature: Expected HMAC SHA256 hex digest of \(outbox.socketId):\(channel), but got \(signature)"
        }
        return nil
    }

    /// The `data` of a client message as an object (``PusherFrame`` reads it whether it came
    /// as an object or, as some clients send it, as JSON text).
    private static func object(_ payload: JSONValue?) -> [String: JSONValue] {
        guard case .object(let fields)? = payload else { return [:] }
        return fields
    }
}
