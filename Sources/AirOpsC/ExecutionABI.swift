import AirOps
import CAirOpsABI

/// What an `airops_execution *` points to: the core execution and, when streamed with a
/// callback, the task that hands its events to the client's delivery.
final class ExecutionHandle: Sendable {
    let execution: Execution
    let id: BorrowedCString
    let sessionId: BorrowedCString?
    let listener: EventListener?

    private init(_ execution: Execution, listener: EventListener?) {
        self.execution = execution
        self.id = BorrowedCString(execution.id)
        self.sessionId = execution.sessionId.map(BorrowedCString.init)
        self.listener = listener
    }

    /// A retained C handle for `execution`; starts delivering its events to `listener`.
    static func make(_ execution: Execution, client: ClientHandle, listener: EventListener?) -> OpaquePointer {
        let handle = ExecutionHandle(execution, listener: listener)
        let pointer = retainedHandle(handle)
        if let listener, let events = execution.events {
            let delivery = client.delivery
            let isChat = execution.sessionId != nil
            Task {
                for await event in events {
                    delivery.submit {
                        // The work item keeps the handle alive until the callback has run.
                        let execution = OpaquePointer(Unmanaged.passUnretained(handle).toOpaque())
                        withCEvent(event, execution: execution, executionId: handle.id, isChat: isChat) { cEvent in
                            listener.call(with: cEvent)
                        }
                    }
                }
            }
        }
        return pointer
    }

    /// Stops the callback for good (see EventListener.close) and the realtime events.
    func stopEvents() {
        listener?.close()
        execution.stopUpdates()
    }
}

private func requireExecution(_ handle: OpaquePointer?) throws(AirOpsError) -> ExecutionHandle {
    guard let handle = object(handle, as: ExecutionHandle.self) else {
        throw AirOpsError(.invalidArgument, "execution must not be NULL")
    }
    return handle
}

@_cdecl("airops_execution_open")
public func airops_execution_open(
    _ client: OpaquePointer?, _ executionId: UnsafePointer<CChar>?, _ out: UnsafeMutablePointer<OpaquePointer?>?,
    _ error: ErrorOut
) -> airops_code {
    call(error) { () throws(AirOpsError) in
        let out = try requireOut(out)
        let handle = try requireClient(client)
        let execution = try handle.client.execution(id: try string(executionId, "execution_id"))
        out.pointee = ExecutionHandle.make(execution, client: handle, listener: nil)
    }
}

@_cdecl("airops_execution_id")
public func airops_execution_id(_ execution: OpaquePointer?) -> UnsafePointer<CChar>? {
    object(execution, as: ExecutionHandle.self)?.id.borrowed
}

@_cdecl("airops_execution_session_id")
public func airops_execution_session_id(_ execution: OpaquePointer?) -> UnsafePointer<CChar>? {
    object(execution, as: ExecutionHandle.self)?.sessionId?.borrowed
}

@_cdecl("airops_execution_fetch")
public func airops_execution_fetch(_ execution: OpaquePointer?, _ out: UnsafeMutablePointer<OpaquePointer?>?, _ error: ErrorOut) -> airops_code {
    call(error) { () throws(AirOpsError) in
        let out = try requireOut(out)
        let target = try requireExecution(execution).execution
        let record = try blocking { () async throws(AirOpsError) in try await target.fetch() }
        out.pointee = retainedHandle(ResultHandle(record))
    }
}

@_cdecl("airops_execution_wait")
public func airops_execution_wait(
    _ execution: OpaquePointer?, _ timeoutMs: Int64, _ out: UnsafeMutablePointer<OpaquePointer?>?, _ error: ErrorOut
) -> airops_code {
    call(error) { () throws(AirOpsError) in
        let out = try requireOut(out)
        let target = try requireExecution(execution).execution
        let timeout: Duration? = timeoutMs < 0 ? nil : .milliseconds(timeoutMs)
        let record = try blocking { () async throws(AirOpsError) in try await target.result(timeout: timeout) }
        out.pointee = retainedHandle(ResultHandle(record))
    }
}

@_cdecl("airops_execution_cancel")
public func airops_execution_cancel(_ execution: OpaquePointer?, _ error: ErrorOut) -> airops_code {
    call(error) { () throws(AirOpsError) in
        let handle = try requireExecution(execution)
        handle.listener?.close()
        let target = handle.execution
        try blocking { () async throws(AirOpsError) in try await target.cancel() }
    }
}

@_cdecl("airops_execution_free")
public func airops_execution_free(_ execution: OpaquePointer?) {
    object(execution, as: ExecutionHandle.self)?.stopEvents()
    releaseHandle(execution, as: ExecutionHandle.self)
}
