import AirOps

/// The realtime channel an execution streams to: `public-<stream_channel_id>` for a
/// public app, `private-<stream_channel_id>` otherwise, as the JS SDK subscribes.
struct ExecutionStream: Sendable {
    let hub: RealtimeHub
    let store: ExecutionStore
    let uuid: String
    let channel: String

    init(hub: RealtimeHub, store: ExecutionStore, uuid: String, streamChannelId: String, isPublic: Bool) {
        self.hub = hub
        self.store = store
        self.uuid = uuid
        self.channel = (isPublic ? "public-" : "private-") + streamChannelId
    }

    /// Publishes an event while the execution runs; false, publishing nothing, once it has
    /// ended (cancelled), which tells the run to stop.
    func publishWhileRunning(_ event: String, _ payload: [String: JSONValue]) async -> Bool {
        let message = PusherMessage(event: event, channel: channel, payload: payload)
        return await store.ifRunning(uuid) { [hub] in hub.publish(message) }
    }

    /// Publishes the final event, once the record holds the result.
    func publish(_ event: String, _ payload: [String: JSONValue]) {
        hub.publish(PusherMessage(event: event, channel: channel, payload: payload))
    }
}
