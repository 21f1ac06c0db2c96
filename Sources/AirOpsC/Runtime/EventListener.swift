import AirOps
import CAirOpsABI
import Glibc
import Synchronization

/// A C callback with its user data, and the rule that after `close()` returns the callback
/// never runs again: close waits for a callback running on another thread, and does not
/// wait when called from inside the callback itself.
final class EventListener: @unchecked Sendable {
    private let callback: airops_event_callback
    // The caller's pointer, passed back untouched; never dereferenced here.
    private let userData: UnsafeMutableRawPointer?
    /// Held while the callback runs.
    private let running: UnsafeMutablePointer<pthread_mutex_t>
    private let closed = Atomic<Bool>(false)
    private let runningThread = Mutex<pthread_t?>(nil)

    init(callback: airops_event_callback, userData: UnsafeMutableRawPointer?) {
        self.callback = callback
        self.userData = userData
        running = .allocate(capacity: 1)
        pthread_mutex_init(running, nil)
    }

    deinit {
        pthread_mutex_destroy(running)
        running.deallocate()
    }

    /// Calls the callback with `event`, unless the listener was closed.
    func call(with event: UnsafePointer<airops_event>) {
        pthread_mutex_lock(running)
        defer { pthread_mutex_unlock(running) }
        guard !closed.load(ordering: .acquiring) else { return }
        runningThread.withLock { $0 = pthread_self() }
        callback(event, userData)
        runningThread.withLock { $0 = nil }
    }

    func close() {
        closed.store(true, ordering: .releasing)
        let insideCallback = runningThread.withLock { thread in thread.map { pthread_equal($0, pthread_self()) != 0 } ?? false }
        guard !insideCallback else { return }
        // Waits for a callback that runs on another thread right now.
        pthread_mutex_lock(running)
        pthread_mutex_unlock(running)
    }
}
