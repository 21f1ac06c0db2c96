import CAirOpsRuntime
import NIOCore

/// Swift concurrency's global executor in a forked child. Its default one is libdispatch's
/// thread pool, which in a child whose parent had started it still counts the parent's
/// threads and never runs a job again. After a fork the runtime's hook sends every global
/// job to this generation's event loops instead.
enum ChildExecutor {
    private typealias Original = @convention(thin) (UnownedJob) -> Void
    private typealias Hook = @convention(thin) (UnownedJob, Original) -> Void

    private static let hook: Hook = { job, _ in EventLoops.group.any().executor.enqueue(job) }

    /// Sets the hook, unless the program has set one of its own; called in the child right
    /// after fork, so it only writes a pointer.
    static func install() {
        guard let slot = airops_runtime_enqueue_global_hook(), slot.pointee == nil else { return }
        slot.pointee = unsafeBitCast(hook, to: UnsafeMutableRawPointer.self)
    }
}
