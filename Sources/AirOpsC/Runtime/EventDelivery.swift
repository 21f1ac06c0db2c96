import AirOps
import Glibc
import Synchronization

/// Runs event callbacks the way the client's options chose: on the client's own thread
/// (direct), or on the caller's thread in airops_client_dispatch (queued), with a pipe that
/// is readable exactly while work waits.
final class EventDelivery: Sendable {
    typealias Work = @Sendable () -> Void

    private enum Mode {
        case direct(SerialThread)
        case queued(Queue)
    }

    private final class Queue: @unchecked Sendable {
        /// [read end, write end] of a non-blocking pipe.
        let pipe: (read: Int32, write: Int32)
        let pending = Mutex(Pending())
        let limit: Int
        /// Held while a dispatch runs callbacks, so that two dispatching threads cannot
        /// reorder an execution's events; recursive, for a dispatch from inside a callback.
        let dispatching: UnsafeMutablePointer<pthread_mutex_t>

        init(limit: Int) throws(AirOpsError) {
            self.limit = limit
            var fds: [Int32] = [-1, -1]
            guard Glibc.pipe(&fds) == 0 else {
                throw AirOpsError(.internal, "cannot create the event pipe: \(String(cString: strerror(errno)))")
            }
            for fd in fds {
                _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            }
            pipe = (fds[0], fds[1])
            dispatching = .allocate(capacity: 1)
            var attributes = pthread_mutexattr_t()
            pthread_mutexattr_init(&attributes)
            pthread_mutexattr_settype(&attributes, Int32(PTHREAD_MUTEX_RECURSIVE))
            pthread_mutex_init(dispatching, &attributes)
            pthread_mutexattr_destroy(&attributes)
        }

        deinit {
            close(pipe.read)
            close(pipe.write)
            pthread_mutex_destroy(dispatching)
            dispatching.deallocate()
        }
    }

    /// The callbacks waiting for dispatch, and the forwarders waiting for room among them.
    private struct Pending {
        var work: [Work] = []
        var waitingForRoom: [CheckedContinuation<Void, Never>] = []
        /// After stop(): nothing is queued or waited for any more.
        var stopped = false
    }

    private let mode: Mode
    /// The process the client was made in: an inherited pipe is shared with the parent.
    private let process = ProcessStamp()
    /// In direct delivery, the executor of tasks that run where the callbacks run; nil when queued.
    var executor: (any TaskExecutor)? {
        if case .direct(let thread) = mode { return thread }
        return nil
    }

    /// - Parameter limit: in queued delivery, how many event callbacks may wait for dispatch
    ///   before the events' forwarders wait in ``room()``.
    init(queued: Bool, limit: Int) throws(AirOpsError) {
        mode = queued ? .queued(try Queue(limit: limit)) : .direct(try SerialThread())
    }

    /// The readable-while-waiting descriptor of queued delivery; -1 in direct delivery.
    var fileDescriptor: Int32 {
        if case .queued(let queue) = mode, !process.isInherited { return queue.pipe.read }
        return -1
    }

    func submit(_ work: @escaping Work) {
        switch mode {
        case .direct(let thread):
            thread.async(work)
        case .queued(let queue):
            guard !process.isInherited else { return }
            queue.pending.withLock { pending in
                guard !pending.stopped else { return }
                // One byte marks "not empty"; dispatch drains it together with the last item.
                if pending.work.isEmpty {
                    var byte: UInt8 = 1
                    _ = write(queue.pipe.write, &byte, 1)
                }
                pending.work.append(work)
            }
        }
    }

    /// Queued delivery: returns once fewer than `limit` callbacks wait for dispatch, or the
    /// delivery has stopped. An event forwarder waits here before it submits, so that a
    /// client nobody dispatches holds a bounded queue; the execution's own buffer then
    /// overflows (see LiveUpdates). Returns at once in direct delivery.
    func room() async {
        guard case .queued(let queue) = mode else { return }
        await withCheckedContinuation { continuation in
            let hasRoom = queue.pending.withLock { pending in
                guard !pending.stopped, pending.work.count >= queue.limit else { return true }
                pending.waitingForRoom.append(continuation)
                return false
            }
            if hasRoom { continuation.resume() }
        }
    }

    /// Runs up to `limit` waiting callbacks (0 = all waiting now) on the calling thread.
    func dispatch(limit: Int) throws(AirOpsError) -> Int {
        guard case .queued(let queue) = mode else {
            throw AirOpsError(.invalidArgument, "airops_client_dispatch needs a client in AIROPS_DELIVERY_QUEUED")
        }
        try process.check()
        pthread_mutex_lock(queue.dispatching)
        defer { pthread_mutex_unlock(queue.dispatching) }
        let (batch, waiters) = queue.pending.withLock { pending in
            let count = limit == 0 ? pending.work.count : min(limit, pending.work.count)
            let batch = Array(pending.work.prefix(count))
            pending.work.removeFirst(count)
            if pending.work.isEmpty {
                var sink = [UInt8](repeating: 0, count: 64)
                while read(queue.pipe.read, &sink, sink.count) > 0 {}
            }
            defer { pending.waitingForRoom.removeAll() }
            return (batch, pending.waitingForRoom)
        }
        for waiter in waiters { waiter.resume() }
        for work in batch { work() }
        return batch.count
    }

    /// Whether the caller runs on the direct delivery thread (inside a callback).
    var isCurrentThread: Bool {
        if case .direct(let thread) = mode { return thread.isCurrent }
        return false
    }

    /// Runs the callbacks already submitted, then no more: in direct delivery on its thread,
    /// which then ends (from inside a callback, after that callback); in queued delivery on
    /// the calling thread.
    func stop() {
        switch mode {
        case .direct(let thread):
            thread.stop()
        case .queued(let queue):
            _ = try? dispatch(limit: 0)
            let waiters = queue.pending.withLock { pending in
                pending.stopped = true
                defer { pending.waitingForRoom.removeAll() }
                return pending.waitingForRoom
            }
            for waiter in waiters { waiter.resume() }
        }
    }
}
