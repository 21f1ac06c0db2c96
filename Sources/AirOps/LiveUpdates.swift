import NIOConcurrencyHelpers

/// The realtime side of a streamed execution or chat: its events as an async sequence, a
/// signal that wakes result polling, and the guarantee that the sequence ends with exactly
/// one `completed` event, even when the real one was lost while the connection was down.
final class LiveUpdates: Sendable {
    let changes = ChangeSignal()
    let channel: String
    /// Whether the end carries `result` (chat) or `content` (execution).
    private let isChat: Bool
    private let buffer: EventBuffer
    private let realtime: RealtimeConnection
    // NIO's lock: ThreadSanitizer follows it, not Synchronization.Mutex (see tests/c/tsan.supp).
    private let state = NIOLockedValueBox<(finished: Bool, recovery: Task<Void, Never>?)>((false, nil))

    /// - Parameter maxBufferedEvents: how many events may wait for the consumer; one more
    ///   ends the stream with an overflow `completed` (see ``ClientConfiguration/maxBufferedEvents``).
    init(channel: String, isChat: Bool, realtime: RealtimeConnection, maxBufferedEvents: Int) {
        self.channel = channel
        self.isChat = isChat
        self.realtime = realtime
        buffer = EventBuffer(limit: maxBufferedEvents)
    }

    var events: AsyncStream<ExecutionEvent> { buffer.events }

    var isFinished: Bool { state.withLockedValue { $0.finished } }

    /// Handles what the realtime connection reports for the channel. `fetch` reads the
    /// execution's record, to recover the end when events may have been missed.
    func receive(_ signal: RealtimeSignal, fetch: @escaping @Sendable () async throws(AirOpsError) -> ExecutionRecord) {
        switch signal {
        case .event(let name, let data):
            guard let event = ExecutionEvent(eventName: name, json: data, isChat: isChat) else { return }
            // Only the end is news for a wait: a fetch per chunk would cost a request each.
            if event.isCompletion {
                end(with: event)
                changes.fire()
            } else {
                deliver(event)
            }
        case .resubscribed:
            changes.fire()
            recover(fetch: fetch, untilFinished: false)
        case .failed:
            changes.fire()
            recover(fetch: fetch, untilFinished: true)
        }
    }

    /// Ends the events with a `completed` made from the record, unless one has arrived.
    func finish(from record: ExecutionRecord) {
        guard record.status.isFinished else { return }
        end(with: ExecutionEvent(ending: .init(
            output: record.output?.text ?? "", isChat: isChat, errorCode: record.errorCode, errorMessage: record.errorMessage)))
    }

    /// Stops the events without a `completed` (cancel, free).
    func close() {
        end(with: nil)
    }

    private func deliver(_ event: ExecutionEvent) {
        // Queued under the lock, which orders events against the end: nothing follows `completed`.
        let overflowed = state.withLockedValue { state in
            !state.finished && !buffer.push(event)
        }
        guard overflowed else { return }
        end(with: ExecutionEvent(ending: .init(
            output: "", isChat: isChat, errorCode: ExecutionEvent.overflowCode,
            errorMessage: "more than \(buffer.limit) events waited for the consumer: the rest of the stream was dropped; wait for the execution's record")))
        // Wakes a wait, which then reads the record.
        changes.fire()
    }

    /// Ends the events once, after `last` if given.
    private func end(with last: ExecutionEvent?) {
        let (wasFinished, recovery) = state.withLockedValue { state in
            let before = (state.finished, state.recovery)
            if !state.finished { buffer.end(after: last) }
            state.finished = true
            state.recovery = nil
            return before
        }
        guard !wasFinished else { return }
        recovery?.cancel()
        let (realtime, channel) = (self.realtime, self.channel)
        Task { await realtime.unsubscribe(channel) }
    }

    /// Reads the record once (after a reconnect) or until it has finished (when the channel
    /// is gone), and ends the events if it has.
    private func recover(fetch: @escaping @Sendable () async throws(AirOpsError) -> ExecutionRecord, untilFinished: Bool) {
        let task = Task { [weak self] in
            var pause = Duration.milliseconds(500)
            while !Task.isCancelled {
                if let record = try? await fetch(), record.status.isFinished {
                    self?.finish(from: record)
                    return
                }
                guard untilFinished else { return }
                try? await Pause.sleep(for: pause)
                pause = min(pause * 2, .seconds(10))
            }
        }
        let stale = state.withLockedValue { state in
            if state.finished { return Optional(task) }
            defer { state.recovery = task }
            return state.recovery
        }
        stale?.cancel()
    }
}
