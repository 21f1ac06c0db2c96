import AirOps
import FoundationEssentials

/// One frame of the Pusher Channels protocol: `{"event": ..., "channel": ..., "data": ...}`.
/// Channel events carry `data` as a JSON string holding the payload (double encoded, as
/// hosted Pusher sends it); a few `pusher:` system events carry an object.
struct PusherMessage: Encodable, Sendable {
    let event: String
    let channel: String?
    let data: JSONValue

    init(event: String, channel: String? = nil, data: JSONValue) {
        self.event = event
        self.channel = channel
        self.data = data
    }

    /// An event whose payload travels as the JSON text of `payload`.
    init(event: String, channel: String? = nil, payload: [String: JSONValue]) {
        self.init(event: event, channel: channel, data: .string(JSONValue.object(payload).jsonText))
    }

    static func connectionEstablished(socketId: String, activityTimeout: Int) -> PusherMessage {
        PusherMessage(
            event: "pusher:connection_established",
            payload: ["socket_id": .string(socketId), "activity_timeout": .int(activityTimeout)])
    }

    /// `code` nil when no Pusher error code fits: clients act on codes (e.g. 4200-4299
    /// means "reconnect now"), which a malformed frame does not call for.
    static func error(code: Int?, _ message: String) -> PusherMessage {
        PusherMessage(
            event: "pusher:error",
            data: .object(["code": code.map(JSONValue.int) ?? .null, "message": .string(message)]))
    }

    static let pong = PusherMessage(event: "pusher:pong", data: .object([:]))

    static func subscriptionSucceeded(_ channel: String) -> PusherMessage {
        PusherMessage(event: "pusher_internal:subscription_succeeded", channel: channel, data: .string("{}"))
    }

    /// The soketi form, with `channel`, so that clients route it to the channel's handlers.
    static func subscriptionError(_ channel: String, type: String, status: Int, _ message: String) -> PusherMessage {
        PusherMessage(
            event: "pusher:subscription_error", channel: channel,
            data: .object(["type": .string(type), "error": .string(message), "status": .int(status)]))
    }

    var text: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Strings and JSON values always encode.
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
