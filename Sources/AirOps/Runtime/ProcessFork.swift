#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// How many times this process's line has forked since the library was first used. Only the
/// thread that called `fork()` lives on in a child: the parent's event loops, delivery threads,
/// realtime tasks and libdispatch's worker threads do not, and their sockets are shared with
/// the parent. Objects note the generation they were made in (``ProcessStamp``), so that a
/// child can tell the parent's objects from its own and build new machinery for itself.
public enum ProcessFork {
    private static let forks = Atomic<Int>(0)
    private static let watching: Void = {
        pthread_atfork(nil, nil) { ProcessFork.childStarted() }
    }()

    /// The current generation: 0 in the process that first used the library, one more in
    /// each forked child.
    public static var generation: Int {
        _ = watching
        return forks.load(ordering: .acquiring)
    }

    /// Runs in the child, alone, right after fork: no locks, no allocation.
    private static func childStarted() {
        forks.add(1, ordering: .releasing)
        ChildExecutor.install()
    }
}

/// The generation an object was made in.
public struct ProcessStamp: Sendable {
    public let generation = ProcessFork.generation

    public init() {}

    /// Whether the object was made before a fork that led to this process: it belongs to the
    /// parent, its threads are gone and its connections are the parent's.
    public var isInherited: Bool { generation != ProcessFork.generation }

    /// Throws ``AirOpsError/Kind/forked`` for an inherited object.
    public func check(_ what: String = "client") throws(AirOpsError) {
        guard isInherited else { return }
        throw AirOpsError(.forked, "the \(what) was created in another process (before fork()): create a new one in this process")
    }
}
