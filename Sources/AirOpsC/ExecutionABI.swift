import AirOps
import CAirOpsABI

/// What an `airops_execution *` points to.
final class ExecutionHandle: Sendable {
    let execution: Execution
    let id: BorrowedCString

    init(_ execution: Execution) {
        self.execution = execution
        self.id = BorrowedCString(execution.id)
    }
}

private func requireExecution(_ handle: OpaquePointer?) throws(AirOpsError) -> Execution {
    guard let handle = object(handle, as: ExecutionHandle.self) else {
        throw AirOpsError(.invalidArgument, "execution must not be NULL")
    }
    return handle.execution
}

@_cdecl("airops_execution_open")
public func airops_execution_open(
    _ client: OpaquePointer?, _ executionId: UnsafePointer<CChar>?, _ out: UnsafeMutablePointer<OpaquePointer?>?,
    _ error: ErrorOut
) -> airops_code {
    call(error) { () throws(AirOpsError) in
        let out = try requireOut(out)
        let execution = try requireClient(client).execution(id: try string(executionId, "execution_id"))
        out.pointee = retainedHandle(ExecutionHandle(execution))
    }
}

@_cdecl("airops_execution_id")
public func airops_execution_id(_ execution: OpaquePointer?) -> UnsafePointer<CChar>? {
    object(execution, as: ExecutionHandle.self)?.id.borrowed
}

@_cdecl("airops_execution_fetch")
public func airops_execution_fetch(_ execution: OpaquePointer?, _ out: UnsafeMutablePointer<OpaquePointer?>?, _ error: ErrorOut) -> airops_code {
    call(error) { () throws(AirOpsError) in
        let out = try requireOut(out)
        let target = try requireExecution(execution)
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
        let target = try requireExecution(execution)
        let timeout: Duration? = timeoutMs < 0 ? nil : .milliseconds(timeoutMs)
        let record = try blocking { () async throws(AirOpsError) in try await target.result(timeout: timeout) }
        out.pointee = retainedHandle(ResultHandle(record))
    }
}

@_cdecl("airops_execution_cancel")
public func airops_execution_cancel(_ execution: OpaquePointer?, _ error: ErrorOut) -> airops_code {
    call(error) { () throws(AirOpsError) in
        let target = try requireExecution(execution)
        try blocking { () async throws(AirOpsError) in try await target.cancel() }
    }
}

@_cdecl("airops_execution_free")
public func airops_execution_free(_ execution: OpaquePointer?) {
    releaseHandle(execution, as: ExecutionHandle.self)
}
