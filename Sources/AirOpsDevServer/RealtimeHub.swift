import NIOConcurrencyHelpers
import NIOCore

/// The realtime server's switchboard: the open connections and the channels each one
/// listens on. Publishing only queues frames (see ``RealtimeConnection``), so it never waits
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
        var connections: [String: RealtimeConnection] = [:]
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
    ) -> RealtimeConnection {
        state.withLockedValue { state in
            var socketId = PusherNames.newSocketId()
            while state.connections[socketId] != nil {
                socketId = PusherNames.newSocketId()
            }
            let connection = RealtimeConnection(socketId: socketId, socket: socket, bufferLimit: bufferLimit)
            connection.send(first(socketId))
            if let code = state.closeOnConnect { connection.close(code: code) }
            state.connections[socketId] = connection
            state.channelsBySocket[socketId] = []
            state.connectionsTotal += 1
            return connection
        }
    }

    /// Forgets a connection and its subscriptions; doing it again does nothing.
    func disconnect(_ socketId: String) {
        let connection = state.withLockedValue { state -> RealtimeConnection? in
            for channel in state.channelsBySocket.removeValue(forKey: socketId) ?? [] {
                state.socketsByChannel[channel]?.remove(socketId)
                if state.socketsByChannel[channel]?.isEmpty == true {
                    state.socketsByChannel[channel] = nil
                }
            }
            return state.connections.removeValue(forKey: socketId)
        }
        connection?.finish()
    }

    func subscribe(_ socketId: String, to channel: String) {
        state.withLockedValue { state in
            guard state.connections[socketId] != nil else { return }
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
                state.connections[$0]
            }
            return (receivers, !receivers.isEmpty && state.countsTowardsDrop())
        }
        guard !receivers.isEmpty else { return 0 }
        let text = message.text
        for connection in receivers {
            connection.send(text)
        }
        if dropsAll {
            // After the event, so that clients see exactly `dropAfterEvents` events.
            for connection in takeAll() {
                connection.dropAfterQueued()
            }
        }
        return receivers.count
    }

    /// Closes every connection: with a close frame of `code`, or abruptly (no close frame,
    /// like a network drop) when `code` is nil. Returns how many there were.
    @discardableResult
    func closeAll(code: UInt16?) -> Int {
        let connections = takeAll()
        for connection in connections {
            if let code {
                connection.close(code: code)
            } else {
                connection.drop()
            }
        }
        return connections.count
    }

    /// Forgets every connection and returns them.
    private func takeAll() -> [RealtimeConnection] {
        state.withLockedValue { state in
            let all = Array(state.connections.values)
            state.connections = [:]
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
                connections: state.connections.count, connectionsTotal: state.connectionsTotal,
                subscriptions: state.channelsBySocket.values.reduce(0) { $0 + $1.count },
                faultDrops: state.faultDrops)
        }
    }
}
