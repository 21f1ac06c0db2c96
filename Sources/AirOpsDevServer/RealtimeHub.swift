import NIOConcurrencyHelpers
import NIOCore

/// The realtime server's switchboard: the open connections and the channels each one
/// listens on. Publishing only queues frames (see ``SocketOutbox``), so it never waits
/// for a client and can run from anywhere, also inside the execution store.
final class RealtimeHub: Sendable {
    struct Stats: Sendable {
        let connections: Int
        let connectionsTotal: Int
        let subscriptions: Int
        /// How often ``dropAfterEvents`` dropped the connections.
        let faultDrops: Int
    }

    private struct State {
        var outboxes: [String: SocketOutbox] = [:]
        var channelsBySocket: [String: Set<String>] = [:]
        var socketsByChannel: [String: Set<String>] = [:]
        var connectionsTotal = 0
        var ignoresSubscriptions = false
        var closeOnConnect: UInt16?
        var dropAfterEvents = 0
        var eventsSinceDrop = 0
        var faultDrops = 0

        /// Counts one delivered event; true when it is the one after which all connections drop.
        mutating func countsTowardsDrop() -> Bool {
            guard dropAfterEvents > 0 else { return false }
            eventsSinceDrop += 1
            guard eventsSinceDrop >= dropAfterEvents else { return false }
            eventsSinceDrop = 0
            faultDrops += 1
            return true
        }
    }

    private let state = NIOLockedValueBox(State())

    /// Opens a connection for `socket` with a fresh socket id and a queue of `bufferLimit`
    /// frames; `first` is queued before anything can be published to it.
    func connect(
        socket: any Channel, bufferLimit: Int, first: (_ socketId: String) -> PusherMessage
    ) -> SocketOutbox {
        state.withLockedValue { state in
            var socketId = PusherNames.newSocketId()
            while state.outboxes[socketId] != nil {
                socketId = PusherNames.newSocketId()
            }
            let outbox = SocketOutbox(socketId: socketId, socket: socket, bufferLimit: bufferLimit)
            outbox.send(first(socketId))
            if let code = state.closeOnConnect { outbox.close(code: code) }
            state.outboxes[socketId] = outbox
            state.channelsBySocket[socketId] = []
            state.connectionsTotal += 1
            return outbox
        }
    }

    /// Forgets a connection and its subscriptions; doing it again does nothing.
    func disconnect(_ socketId: String) {
        let outbox = state.withLockedValue { state -> SocketOutbox? in
            for channel in state.channelsBySocket.removeValue(forKey: socketId) ?? [] {
                state.socketsByChannel[channel]?.remove(socketId)
                if state.socketsByChannel[channel]?.isEmpty == true {
                    state.socketsByChannel[channel] = nil
                }
            }
            return state.outboxes.removeValue(forKey: socketId)
        }
        outbox?.finish()
    }

    func subscribe(_ socketId: String, to channel: String) {
        state.withLockedValue { state in
            guard state.outboxes[socketId] != nil else { return }
            state.channelsBySocket[socketId, default: []].insert(channel)
            state.socketsByChannel[channel, default: []].insert(socketId)
        }
    }

    func unsubscribe(_ socketId: String, from channel: String) {
        state.withLockedValue { state in
            state.channelsBySocket[socketId]?.remove(channel)
            state.socketsByChannel[channel]?.remove(socketId)
            if state.socketsByChannel[channel]?.isEmpty == true {
                state.socketsByChannel[channel] = nil
            }
        }
    }

    /// Sends `message` to every subscriber of its channel except `excluded`; returns how
    /// many got it.
    @discardableResult
    func publish(_ message: PusherMessage, except excluded: String? = nil) -> Int {
        guard let channel = message.channel else { return 0 }
        let (receivers, dropsAll) = state.withLockedValue { state in
            let receivers = (state.socketsByChannel[channel] ?? []).filter { $0 != excluded }.compactMap {
                state.outboxes[$0]
            }
            return (receivers, !receivers.isEmpty && state.countsTowardsDrop())
        }
        guard !receivers.isEmpty else { return 0 }
        let text = message.text
        for outbox in receivers {
            outbox.send(text)
        }
        if dropsAll {
            // After the event, so that clients see exactly `dropAfterEvents` events.
            for outbox in takeAll() {
                outbox.dropAfterQueued()
            }
        }
        return receivers.count
    }

    /// Closes every connection: with a close frame of `code`, or abruptly (no close frame,
    /// like a network drop) when `code` is nil. Returns how many there were.
    @discardableResult
    func closeAll(code: UInt16?) -> Int {
        let outboxes = takeAll()
        for outbox in outboxes {
            if let code {
                outbox.close(code: code)
            } else {
                outbox.drop()
            }
        }
        return outboxes.count
    }

    /// Forgets every connection and returns them.
    private func takeAll() -> [SocketOutbox] {
        state.withLockedValue { state in
            let all = Array(state.outboxes.values)
            state.outboxes = [:]
            state.channelsBySocket = [:]
            state.socketsByChannel = [:]
            return all
        }
    }

    /// A fault (``FaultInjector``): after every this many events that reached a client, all
    /// connections are dropped; 0 never does.
    var dropAfterEvents: Int {
        get { state.withLockedValue { $0.dropAfterEvents } }
        set {
            state.withLockedValue { state in
                state.dropAfterEvents = newValue
                state.eventsSinceDrop = 0
            }
        }
    }

    /// When true, `pusher:subscribe` goes unanswered (to test client subscription timeouts).
    var ignoresSubscriptions: Bool {
        get { state.withLockedValue { $0.ignoresSubscriptions } }
        set { state.withLockedValue { $0.ignoresSubscriptions = newValue } }
    }

    /// A fault: while set, every new connection is closed with this code right after its
    /// `pusher:connection_established` (to test clients' reconnect loops).
    var closeOnConnect: UInt16? {
        get { state.withLockedValue { $0.closeOnConnect } }
        set { state.withLockedValue { $0.closeOnConnect = newValue } }
    }

    var stats: Stats {
        state.withLockedValue { state in
            Stats(
                connections: state.outboxes.count, connectionsTotal: state.connectionsTotal,
                subscriptions: state.channelsBySocket.values.reduce(0) { $0 + $1.count },
                faultDrops: state.faultDrops)
        }
    }
}
