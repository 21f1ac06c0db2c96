import NIOCore
import NIOPosix
import Synchronization

/// The event loops and blocking threads of this process. NIO's singleton group cannot be
/// replaced, and in a forked child its threads are gone: each generation (``ProcessFork``)
/// gets loops of its own; the parent's are left alone in the child, never shut down, since
/// their threads are not there to answer.
enum EventLoops {
    private final class Generation: Sendable {
        let number: Int
        let group: MultiThreadedEventLoopGroup
        /// Threads for blocking work (name lookups, exchanges that cannot wait on a loop),
        /// started on first use: only forked children need them.
        private let blockingPool = Mutex<NIOThreadPool?>(nil)

        init(_ number: Int) {
            self.number = number
            group = MultiThreadedEventLoopGroup(numberOfThreads: System.coreCount)
        }

        var pool: NIOThreadPool {
            blockingPool.withLock { pool in
                if let pool { return pool }
                let started = NIOThreadPool(numberOfThreads: 2)
                started.start()
                pool = started
                return started
            }
        }

        func shutdown() {
            group.shutdownGracefully { _ in }
            blockingPool.withLock { $0?.shutdownGracefully { _ in } }
        }
    }

    /// The address of an unmanaged, retained `Generation` (0 before the first); swapped
    /// without a lock, because a lock held by some thread at fork time stays locked in the child.
    private static let latest = Atomic<UInt>(0)

    static var group: MultiThreadedEventLoopGroup { current().group }

    /// Runs blocking `work` on one of this generation's pool threads; its result completes
    /// the future on `loop`.
    static func offload<T: Sendable>(on loop: any EventLoop, _ work: @escaping @Sendable () throws -> T) -> EventLoopFuture<T> {
        current().pool.runIfActive(eventLoop: loop, work)
    }

    private static func current() -> Generation {
        let number = ProcessFork.generation
        let seen = latest.load(ordering: .acquiring)
        if let generation = generation(at: seen), generation.number == number { return generation }
        let made = Generation(number)
        let address = UInt(bitPattern: Unmanaged.passRetained(made).toOpaque())
        let (exchanged, winner) = latest.compareExchange(expected: seen, desired: address, ordering: .acquiringAndReleasing)
        if exchanged { return made }
        // Another thread made this generation's loops first.
        Unmanaged.passUnretained(made).release()
        made.shutdown()
        return generation(at: winner)!
    }

    private static func generation(at address: UInt) -> Generation? {
        UnsafeRawPointer(bitPattern: address).map { Unmanaged<Generation>.fromOpaque($0).takeUnretainedValue() }
    }
}
