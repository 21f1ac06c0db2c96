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
        let pending = Mutex<[Work]>([])
        /// Held while a dispatch runs callbacks, so that two dispatching threads cannot
        /// reorder an execution's events; recursive, for a dispatch from inside a callback.
        let dispatching: UnsafeMutablePointer<pthread_mutex_t>

        init() throws(AirOpsError) {
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

    private let mode: Mode
    /// The process the client was made in: an inherited pipe is shared with the parent.
    private let process = ProcessStamp()
    /// In direct delivery, the executor of tasks that run where the callbacks run; nil when queued.
    var executor: (any TaskExecutor)? {
        if case .direct(let thread) = mode { return thread }
        return nil
    }

    init(queued: Bool) throws(AirOpsError) {
        mode = queued ? .queued(try Queue()) : .direct(try SerialThread())
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
                // One byte marks "not empty"; dispatch drains it together with the last item.
                if pending.isEmpty {
                    var byte: UInt8 = 1
                    _ = write(queue.pipe.write, &byte, 1)
                }
                pending.append(work)
            }
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
        let batch = queue.pending.withLock { pending in
            let count = limit == 0 ? pending.count : min(limit, pending.count)
            let batch = Array(pending.prefix(count))
            pending.removeFirst(count)
            if pending.isEmpty {
                var sink = [UInt8](repeating: 0, count: 64)
                while read(queue.pipe.read, &sink, sink.count) > 0 {}
            }
            return batch
        }
        for work in batch { work() }
        return batch.count
    }

    /// Runs the callbacks already submitted and ends the delivery thread (direct delivery;
    /// from inside a callback it ends after that callback).
    func stop() {
        if case .direct(let thread) = mode { thread.stop() }
    }
}
