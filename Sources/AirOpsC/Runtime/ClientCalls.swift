import AirOps
import Synchronization

/// What airops_client_free must end: the client's `_async` calls still in flight and its
/// executions still open. A call's completion is handed to the delivery exactly once: by the
/// call when it ends, or by ``close()`` as cancelled; never after close.
final class ClientCalls: Sendable {
    /// One `_async` call: its task, and the completion that reports it cancelled.
    final class Call: Sendable {
        fileprivate let task = Mutex<Task<Void, Never>?>(nil)
        fileprivate let cancelled: EventDelivery.Work

        fileprivate init(cancelled: @escaping EventDelivery.Work) {
            self.cancelled = cancelled
        }

        func run(_ task: Task<Void, Never>) {
            self.task.withLock { $0 = task }
        }
    }

    private struct State {
        var closed = false
        var calls: [ObjectIdentifier: Call] = [:]
    }

    private let state = Mutex(State())
    private let executions = Mutex<[ObjectIdentifier: WeakExecution]>([:])

    /// Registers a call whose completion, should the client be freed first, is `cancelled`;
    /// throws once the client is being freed.
    func begin(cancelled: @escaping EventDelivery.Work) throws(AirOpsError) -> Call {
        let call = Call(cancelled: cancelled)
        let accepted = state.withLock { state in
            guard !state.closed else { return false }
            state.calls[ObjectIdentifier(call)] = call
            return true
        }
        guard accepted else { throw AirOpsError(.cancelled, "the client is being freed") }
        return call
    }

    /// Ends `call`: runs `complete` (which hands the completion to the delivery) unless
    /// close() took the call first. Runs under the lock, so that close() either sees the
    /// completion delivered or delivers it itself.
    func end(_ call: Call, _ complete: () -> Void) {
        state.withLock { state in
            guard state.calls.removeValue(forKey: ObjectIdentifier(call)) != nil else { return }
            complete()
        }
    }

    func opened(_ execution: ExecutionHandle) {
        executions.withLock { $0[ObjectIdentifier(execution)] = WeakExecution(execution) }
    }

    func freed(_ execution: ExecutionHandle) {
        _ = executions.withLock { $0.removeValue(forKey: ObjectIdentifier(execution)) }
    }

    /// Refuses new calls, cancels those in flight and hands their cancelled completions to
    /// `delivery`, and stops the events of every open execution.
    func close(delivering delivery: EventDelivery) {
        let calls = state.withLock { state in
            state.closed = true
            defer { state.calls.removeAll() }
            return Array(state.calls.values)
        }
        for call in calls {
            call.task.withLock { $0 }?.cancel()
            delivery.submit(call.cancelled)
        }
        for execution in executions.withLock({ Array($0.values) }) { execution.handle?.stopEvents() }
    }

    struct WeakExecution: Sendable {
        weak var handle: ExecutionHandle?

        init(_ handle: ExecutionHandle) {
            self.handle = handle
        }
    }
}
