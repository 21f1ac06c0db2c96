/// One Pusher Channels protocol message: `{"event": ..., "channel": ..., "data": ...}`.
package struct PusherFrame: Sendable, Equatable {
    package var event: String
    package var channel: String?
    /// The payload as JSON text. Servers send it double-encoded (a string holding JSON) or as
    /// a plain object; both arrive here as the JSON text of the payload.
    package var data: String

    package init(event: String, channel: String? = nil, data: String = "{}") {
        self.event = event
        self.channel = channel
        self.data = data
    }

    /// Parses a text frame; nil for anything that is not a protocol message.
    package init?(text: String) {
        guard let value = JSONValue(jsonText: text), case .string(let event)? = value["event"]
        else { return nil }
        self.event = event
        if case .string(let channel)? = value["channel"] { self.channel = channel }
        switch value["data"] {
        case .string(let text)?: data = text
        case let other?: data = other.jsonText
        case nil: data = "{}"
        }
    }

    /// The payload parsed; nil when it is not JSON.
    package var payload: JSONValue? {
        JSONValue(jsonText: data)
    }

    /// Client messages carry `data` as an object, as pusher-js sends them.
    package static func clientMessage(_ event: String, _ data: [String: JSONValue]) -> String {
        JSONValue.object(["event": .string(event), "data": .object(data)]).jsonText
    }
}
