#if canImport(Glibc)
import Glibc
#endif

/// A thread of its own that runs work one item at a time, in the order it was submitted: the
/// thread of a client's callbacks in direct delivery. Not a DispatchQueue: libdispatch runs
/// nothing in a forked child (see ``ChildExecutor``), and a thread can be stopped and joined,
/// so that nothing runs on it after ``stop()`` returns.
public final class SerialThread: TaskExecutor, @unchecked Sendable {
    public typealias Work = @Sendable () -> Void

    private enum Item {
        case work(Work)
        case job(UnownedJob)
    }

    // Everything below `lock` is guarded by it.
    private let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let changed = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var items: [Item] = []
    private var thread: pthread_t? = nil
    private var stopped = false
    /// Until the first stop() joins or detaches the thread.
    private var joinable = true
    private var submitted = 0
    private var completed = 0
    private let process = ProcessStamp()

    /// Starts the thread; throws ``AirOpsError/Kind/internal`` when the system has no thread
    /// to give. The thread keeps the object alive until ``stop()``.
    public init() throws(AirOpsError) {
        pthread_mutex_init(lock, nil)
        pthread_cond_init(changed, nil)
        var created = pthread_t()
        let context = Unmanaged.passRetained(self).toOpaque()
        let status = pthread_create(&created, nil, { context in
            Unmanaged<SerialThread>.fromOpaque(context!).takeRetainedValue().runItems()
            return nil
        }, context)
        guard status == 0 else {
            Unmanaged<SerialThread>.fromOpaque(context).release()
            throw AirOpsError(.internal, "cannot start a delivery thread: \(String(cString: strerror(status)))")
        }
        withLock { thread = created }
    }

    deinit {
        pthread_cond_destroy(changed)
        pthread_mutex_destroy(lock)
        changed.deallocate()
        lock.deallocate()
    }

    /// Runs `work` on the thread, after everything submitted before; dropped after ``stop()``.
    public func async(_ work: @escaping Work) {
        _ = submit(.work(work))
    }

    /// Runs a task's job on the thread; after ``stop()`` on the global executor instead, so
    /// that the task still ends.
    public func enqueue(_ job: UnownedJob) {
        if !submit(.job(job)) { globalConcurrentExecutor.enqueue(job) }
    }

    /// Whether the caller runs on this thread.
    public var isCurrent: Bool {
        withLock { isCurrentLocked }
    }

    private var isCurrentLocked: Bool { thread.map { pthread_equal($0, pthread_self()) != 0 } ?? false }

    /// Returns once everything submitted so far has run; at once when called on the thread.
    public func sync() {
        guard !process.isInherited, !isCurrent else { return }
        withLock {
            let target = submitted
            while completed < target { pthread_cond_wait(changed, lock) }
        }
    }

    /// Runs what is queued, then ends the thread: returns once it has ended, or at once when
    /// called on the thread itself (the thread ends after the current item).
    public func stop() {
        guard !process.isInherited else { return }
        let (ending, calledOnThread) = withLock {
            defer { joinable = false }
            stopped = true
            pthread_cond_broadcast(changed)
            return (joinable ? thread : nil, isCurrentLocked)
        }
        guard let ending else { return }
        if calledOnThread { pthread_detach(ending) } else { pthread_join(ending, nil) }
    }

    private func submit(_ item: Item) -> Bool {
        guard !process.isInherited else { return false }
        return withLock { () -> Bool in
            guard !stopped else { return false }
            items.append(item)
            submitted += 1
            pthread_cond_broadcast(changed)
            return true
        }
    }

    private func runItems() {
        while true {
            let batch: [Item] = withLock {
                while items.isEmpty && !stopped { pthread_cond_wait(changed, lock) }
                defer { items.removeAll(keepingCapacity: true) }
                return items
            }
            if batch.isEmpty { return }
            for item in batch {
                switch item {
                case .work(let work): work()
                case .job(let job): job.runSynchronously(on: asUnownedTaskExecutor())
                }
            }
            withLock {
                completed += batch.count
                pthread_cond_broadcast(changed)
            }
        }
    }

    private func withLock<T>(_ body: () -> T) -> T {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        return body()
    }
}
