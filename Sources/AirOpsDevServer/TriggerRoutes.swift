import AirOps
import FoundationEssentials
import Hummingbird

/// The realtime server's HTTP API for publishing (pusher-channels.md §8), what server-side
/// Pusher libraries call:
///
/// - `POST /apps/{app_id}/events`, body `{"name": "ev", "channels": ["a"] (or "channel": "a"),
///   "data": "<string>", "socket_id": "1.2" (optional: that connection is skipped)}`
/// - `POST /apps/{app_id}/batch_events`, body `{"batch": [{"name", "channel", "data",
///   "socket_id"?}, ...]}`, at most 10 events.
///
/// Both answer 200 `{}`; 404 for another app id, 401 for a bad signature
/// (``TriggerSignature``), 400 for a bad body, 413 for data over 10 KB.
struct TriggerRoutes: Sendable {
    static let maxBodySize = 1 << 20
    static let maxDataSize = 10 * 1024
    static let maxChannels = 100
    static let maxBatchSize = 10
    static let maxEventNameLength = 200

    let settings: DevServerConfig.Realtime
    let hub: RealtimeHub

    func add(to router: Router<some RequestContext>) {
        router.post("apps/{app}/events") { request, context in
            let body = try await signedBody(request, context)
            let event = try TriggerEvent(try Self.object(body), channelsKey: "channels")
            event.publish(to: hub)
            return try jsonResponse([String: String]())
        }
        router.post("apps/{app}/batch_events") { request, context in
            let body = try await signedBody(request, context)
            guard case .array(let items)? = try Self.object(body)["batch"] else {
                throw APIError.badRequest("batch must be an array of events")
            }
            guard items.count <= Self.maxBatchSize else {
                throw APIError.badRequest("A batch holds at most \(Self.maxBatchSize) events")
            }
            // Check them all before publishing any.
            let events = try items.map { item throws(APIError) in
                guard case .object(let fields) = item else { throw .badRequest("Each batch item must be an object") }
                return try TriggerEvent(fields, channelsKey: nil)
            }
            for event in events {
                event.publish(to: hub)
            }
            return try jsonResponse([String: String]())
        }
    }

    /// The raw body of a request for this app, once its signature checks out.
    private func signedBody(_ request: Request, _ context: some RequestContext) async throws -> [UInt8] {
        guard context.parameters["app"].flatMap(decodePathSegment) == settings.appId else {
            throw APIError.notFound("App not found")
        }
        let body = Array(try await request.body.collect(upTo: Self.maxBodySize).readableBytesView)
        let query = request.uri.queryParameters.map { (key: String($0.key), value: String($0.value)) }
        try TriggerSignature(key: settings.key, secret: settings.secret).verify(
            method: request.method.rawValue, path: request.uri.path, query: query, body: body)
        return body
    }

    private static func object(_ body: [UInt8]) throws(APIError) -> [String: JSONValue] {
        guard case .object(let fields)? = JSONValue(json: Data(body)) else {
            throw .badRequest("The request body must be a JSON object")
        }
        return fields
    }
}

/// One event to publish, checked.
private struct TriggerEvent {
    let name: String
    let channels: [String]
    let data: String
    let excludedSocket: String?

    /// `channelsKey` is where a list of channels may be given instead of one `channel`.
    init(_ fields: [String: JSONValue], channelsKey: String?) throws(APIError) {
        guard case .string(let name)? = fields["name"], !name.isEmpty,
            name.utf8.count <= TriggerRoutes.maxEventNameLength
        else { throw .badRequest("name must be a string of 1 to \(TriggerRoutes.maxEventNameLength) characters") }
        var channels: [String] = []
        if let channelsKey, case .array(let list)? = fields[channelsKey] {
            for item in list {
                guard case .string(let channel) = item else { throw .badRequest("channels must be strings") }
                channels.append(channel)
            }
        } else if case .string(let channel)? = fields["channel"] {
            channels = [channel]
        }
        guard !channels.isEmpty, channels.count <= TriggerRoutes.maxChannels else {
            throw .badRequest("Give 1 to \(TriggerRoutes.maxChannels) channels")
        }
        if let bad = channels.first(where: { !PusherNames.isValidChannel($0) }) {
            throw .badRequest("Invalid channel name \(bad)")
        }
        // Pusher's data is a string, usually JSON text; other JSON is sent as its text.
        let data: String
        switch fields["data"] {
        case .string(let text)?: data = text
        case let value?: data = value.jsonText
        case nil: throw .badRequest("data is missing")
        }
        guard data.utf8.count <= TriggerRoutes.maxDataSize else {
            throw APIError(status: .contentTooLarge, message: "data is over \(TriggerRoutes.maxDataSize) bytes")
        }
        switch fields["socket_id"] {
        case nil, .null?:
            excludedSocket = nil
        case .string(let socketId)? where PusherNames.isValidSocketId(socketId):
            excludedSocket = socketId
        default:
            throw .badRequest("socket_id must look like 1234.5678")
        }
        self.name = name
        self.channels = channels
        self.data = data
    }

    func publish(to hub: RealtimeHub) {
        for channel in channels {
            hub.publish(PusherMessage(event: name, channel: channel, data: .string(data)), except: excludedSocket)
        }
    }
}
