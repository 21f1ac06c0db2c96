import Dispatch
import Synchronization

/// Runs the jobs of one blocking C call on the thread that made the call, while it waits.
/// Without it each await inside the call would hop to Swift's thread pool and the answer
/// back to the caller: two thread wake-ups per hop, which cost more than a loopback request.
/// Jobs that arrive after the call has returned (a task it left behind) go to the global
/// executor.
final class CallerThreadExecutor: TaskExecutor {
    private struct Queue {
        var jobs: [UnownedJob] = []
        var closed = false
    }

    private let queue = Mutex(Queue())
    private let wakeUp = DispatchSemaphore(value: 0)

    func enqueue(_ job: UnownedJob) {
        let accepted = queue.withLock { queue in
            guard !queue.closed else { return false }
            queue.jobs.append(job)
            return true
        }
        if accepted { wakeUp.signal() } else { globalConcurrentExecutor.enqueue(job) }
    }

    /// Runs jobs on this thread until `isDone` holds after one of them, then hands any job
    /// still queued, and every later one, to the global executor.
    func run(until isDone: () -> Bool) {
        while !isDone() {
            wakeUp.wait()
            let jobs = queue.withLock { queue in
                defer { queue.jobs.removeAll(keepingCapacity: true) }
                return queue.jobs
            }
            for job in jobs { job.runSynchronously(on: asUnownedTaskExecutor()) }
        }
        let left = queue.withLock { queue in
            queue.closed = true
            return queue.jobs
        }
        for job in left { globalConcurrentExecutor.enqueue(job) }
    }
}
