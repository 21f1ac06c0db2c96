/// What a channel's subscriber is told.
enum RealtimeSignal: Sendable {
    /// An event published on the channel; `data` is its JSON text.
    case event(name: String, data: String)
    /// The channel was confirmed again after a reconnect: events may have been missed.
    case resubscribed
    /// The channel is gone for good (a fatal close code, or authorization refused).
    case failed(AirOpsError)
}

/// The channels of one realtime connection by name: each one's subscriber, and how far its
/// subscription has got. It keeps the books and tells subscribers; talking to the server is
/// the connection's job.
struct PusherChannelTable {
    typealias Handler = @Sendable (RealtimeSignal) -> Void

    private struct Channel {
        let handler: Handler
        /// Confirmed on the current connection.
        var confirmed = false
        /// Confirmed on some connection, so that a later confirmation is a resubscription.
        var everConfirmed = false
        /// The subscribe call that waits for the first confirmation.
        var waiter: CheckedContinuation<Result<Void, AirOpsError>, Never>?
    }

    private var channels: [String: Channel] = [:]

    var isEmpty: Bool { channels.isEmpty }

    var names: [String] { Array(channels.keys) }

    /// The channels whose subscribe call still waits for the first confirmation.
    var unconfirmedNames: [String] { channels.compactMap { $0.value.waiter == nil ? nil : $0.key } }

    func contains(_ name: String) -> Bool { channels[name] != nil }

    mutating func add(_ name: String, handler: @escaping Handler) {
        channels[name] = Channel(handler: handler)
    }

    /// Makes `waiter` the one told of the channel's first confirmation or failure.
    mutating func setWaiter(_ waiter: CheckedContinuation<Result<Void, AirOpsError>, Never>, for name: String) {
        channels[name]?.waiter = waiter
    }

    /// Forgets a channel the subscriber gave up; returns whether it was there.
    mutating func remove(_ name: String) -> Bool {
        guard let channel = channels.removeValue(forKey: name) else { return false }
        channel.waiter?.resume(returning: .failure(AirOpsError(.internal, "unsubscribed while subscribing")))
        return true
    }

    /// Records the server's confirmation: the first one ends the subscribe call, a later
    /// one (after a reconnect) tells the subscriber that events may have been missed.
    mutating func confirm(_ name: String) {
        guard var channel = channels[name], !channel.confirmed else { return }
        channel.confirmed = true
        if let waiter = channel.waiter {
            channel.waiter = nil
            waiter.resume(returning: .success(()))
        } else if channel.everConfirmed {
            channel.handler(.resubscribed)
        }
        channel.everConfirmed = true
        channels[name] = channel
    }

    /// Removes a channel and tells whoever waits on it why. Returns true when that was the
    /// subscribe call: the server may yet confirm the channel, so it is to be unsubscribed.
    mutating func fail(_ name: String, _ error: AirOpsError) -> Bool {
        guard let channel = channels.removeValue(forKey: name) else { return false }
        guard let waiter = channel.waiter else {
            channel.handler(.failed(error))
            return false
        }
        waiter.resume(returning: .failure(error))
        return true
    }

    /// The connection closed: every channel waits for its confirmation on the next one.
    mutating func connectionClosed() {
        for name in channels.keys { channels[name]?.confirmed = false }
    }

    /// Passes an event to the channel's subscriber, if it has one.
    func deliver(_ signal: RealtimeSignal, to name: String) {
        channels[name]?.handler(signal)
    }
}
