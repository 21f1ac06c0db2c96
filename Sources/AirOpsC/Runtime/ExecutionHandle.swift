import AirOps
import CAirOpsABI
import Synchronization

/// What an `airops_execution *` points to: the core execution and, when streamed with a
/// callback, the task that hands its events to the client's delivery.
final class ExecutionHandle: Sendable {
    let execution: Execution
    let id: BorrowedCString
    let sessionId: BorrowedCString?
    let listener: EventListener?
    /// The client, whose delivery also runs the completions of this execution's `_async` calls.
    let client: ClientHandle
    /// The task that hands the events to the listener; it ends after the last callback.
    private let forwarding = Mutex<Task<Void, Never>?>(nil)

    private init(_ execution: Execution, client: ClientHandle, listener: EventListener?) {
        self.execution = execution
        self.id = BorrowedCString(execution.id)
        self.sessionId = execution.sessionId.map(BorrowedCString.init)
        self.listener = listener
        self.client = client
    }

    var delivery: EventDelivery { client.delivery }

    /// A retained C handle for `execution`, delivering its events to `listener`.
    static func make(_ execution: Execution, client: ClientHandle, listener: EventListener?) -> OpaquePointer {
        let handle = ExecutionHandle(execution, client: client, listener: listener)
        let pointer = retainedHandle(handle)
        client.calls.opened(handle)
        handle.startDelivering()
        return pointer
    }

    /// Like make, but hands the new handle to `receive` (through the delivery) before any
    /// of its events, so that a completion callback learns of the execution first.
    static func make(
        _ execution: Execution, client: ClientHandle, listener: EventListener?,
        receive: @escaping @Sendable (OpaquePointer) -> Void
    ) {
        let handle = ExecutionHandle(execution, client: client, listener: listener)
        let pointer = SendablePointer(retainedHandle(handle))
        client.calls.opened(handle)
        client.delivery.submit { receive(pointer.value) }
        handle.startDelivering()
    }

    private func startDelivering() {
        guard let listener, let events = execution.events else { return }
        // The closure keeps the handle alive until the callback has run.
        let call: @Sendable (ExecutionEvent) -> Void = { event in
            let execution = OpaquePointer(Unmanaged.passUnretained(self).toOpaque())
            withCEvent(event, execution: execution, executionId: self.id) { cEvent in
                listener.call(with: cEvent)
            }
        }
        let task: Task<Void, Never>
        if let executor = delivery.executor {
            // Direct delivery: the task that takes the events runs on the delivery thread and
            // calls back there, one thread hand-off per event instead of two; events that are
            // already waiting are called back without any.
            task = Task(executorPreference: executor) {
                for await event in events { call(event) }
            }
        } else {
            task = Task {
                for await event in events {
                    await delivery.room()
                    delivery.submit { call(event) }
                }
            }
        }
        forwarding.withLock { $0 = task }
    }

    /// Waits for the execution's final record, then (direct delivery) until its last event
    /// callback has run; not from inside a callback, where that would wait for itself. In
    /// queued delivery the caller dispatches the events, possibly after this returns; an
    /// `_async` wait's completion comes after them anyway (``waitingForEvents``).
    func result(timeout: Duration?, waitingForEvents: Bool) async throws(AirOpsError) -> ExecutionRecord {
        let record = try await execution.result(timeout: timeout)
        if let task = forwarding.withLock({ $0 }), waitingForEvents || delivery.executor != nil, !delivery.isCurrentThread {
            await task.value
        }
        return record
    }

    /// Stops the callback for good (see EventListener.close) and the realtime events; in a
    /// forked child, where neither runs, it leaves both as they are.
    func stopEvents() {
        guard !execution.process.isInherited else { return }
        listener?.close()
        execution.stopUpdates()
    }
}

func requireExecution(_ handle: OpaquePointer?) throws(AirOpsError) -> ExecutionHandle {
    guard let handle = object(handle, as: ExecutionHandle.self) else {
        throw AirOpsError(.invalidArgument, "execution must not be NULL")
    }
    try handle.execution.process.check("execution")
    return handle
}
