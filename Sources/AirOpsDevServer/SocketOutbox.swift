import NIOCore

/// The sending side of one realtime client's socket: a queue of frames that one task writes
/// to the WebSocket, so that publishers never wait for a slow client.
///
/// The queue holds at most `bufferLimit` frames (the config's `max_queued_frames`). A client
/// that falls that far behind is dropped (its socket closed, as by a network failure) rather
/// than slowing everyone down; a Pusher client then reconnects and subscribes again.
final class SocketOutbox: Sendable {
    enum Frame: Sendable {
        case text(String)
        /// A close frame with this code, after the frames queued before it.
        case close(code: UInt16)
        /// Closes the socket without a close frame, after the frames queued before it.
        case drop
    }

    let socketId: String
    let frames: AsyncStream<Frame>
    private let continuation: AsyncStream<Frame>.Continuation
    private let socket: any Channel

    init(socketId: String, socket: any Channel, bufferLimit: Int) {
        self.socketId = socketId
        self.socket = socket
        (frames, continuation) = AsyncStream.makeStream(
            of: Frame.self, bufferingPolicy: .bufferingOldest(bufferLimit))
    }

    func send(_ text: String) {
        enqueue(.text(text))
    }

    func send(_ message: PusherMessage) {
        enqueue(.text(message.text))
    }

    func close(code: UInt16) {
        enqueue(.close(code: code))
    }

    /// Closes the socket at once, without a close frame: a network drop as the client sees it.
    func drop() {
        continuation.finish()
        socket.close(promise: nil)
    }

    /// Like ``drop()``, but after the frames already queued.
    func dropAfterQueued() {
        enqueue(.drop)
        continuation.finish()
    }

    /// Ends the queue; the writer stops after the frames already queued.
    func finish() {
        continuation.finish()
    }

    private func enqueue(_ frame: Frame) {
        if case .dropped = continuation.yield(frame) {
            drop()
        }
    }
}
