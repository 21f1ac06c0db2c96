import AirOps
import Dispatch
import Glibc
import Synchronization

/// Runs event callbacks the way the client's options chose: on the client's own serial
/// queue (direct), or on the caller's thread in airops_client_dispatch (queued), with a
/// pipe that is readable exactly while work waits.
final class EventDelivery: Sendable {
    typealias Work = @Sendable () -> Void

    private enum Mode {
        case direct(DispatchQueue)
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

    /// Runs tasks' jobs on a direct delivery queue, so that a task can call back inline.
    private final class QueueExecutor: TaskExecutor {
        let queue: DispatchQueue

        init(_ queue: DispatchQueue) {
            self.queue = queue
        }

        func enqueue(_ job: UnownedJob) {
            queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
        }
    }

    private static let deliveryThread = DispatchSpecificKey<Bool>()
    private let mode: Mode
    /// In direct delivery, the executor of tasks that run where the callbacks run; nil when queued.
    let executor: (any TaskExecutor)?

    init(queued: Bool) throws(AirOpsError) {
        if queued {
            mode = .queued(try Queue())
            executor = nil
        } else {
            let queue = DispatchQueue(label: "airops.delivery")
            queue.setSpecific(key: Self.deliveryThread, value: true)
            mode = .direct(queue)
            executor = QueueExecutor(queue)
        }
    }

    /// The readable-while-waiting descriptor of queued delivery; -1 in direct delivery.
    var fileDescriptor: Int32 {
        if case .queued(let queue) = mode { return queue.pipe.read }
        return -1
    }

    /// Whether the caller runs on a direct delivery thread (inside a callback).
    static var isDeliveryThread: Bool { DispatchQueue.getSpecific(key: deliveryThread) == true }

    func submit(_ work: @escaping Work) {
        switch mode {
        case .direct(let queue):
            queue.async(execute: work)
        case .queued(let queue):
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

    /// Lets callbacks already running finish (direct delivery, unless called from one).
    func drain() {
        if case .direct(let queue) = mode, !Self.isDeliveryThread {
            queue.sync {}
        }
    }
}
