import AirOps
import CAirOpsABI

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
        let target = try requireExecution(execution)
        let timeout = waitTimeout(timeoutMs)
        let record = try blocking { () async throws(AirOpsError) in try await target.result(timeout: timeout, waitingForEvents: false) }
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
    if let handle = object(execution, as: ExecutionHandle.self) {
        handle.stopEvents()
        handle.client.calls.freed(handle)
    }
    releaseHandle(execution, as: ExecutionHandle.self)
}
