import AirOps
import CAirOpsABI

@_cdecl("airops_execution_fetch_async")
public func airops_execution_fetch_async(
    _ execution: OpaquePointer?, _ onDone: airops_result_callback?, _ userData: UnsafeMutableRawPointer?, _ error: ErrorOut
) -> airops_code {
    call(error) { () throws(AirOpsError) in
        try completeAsync(execution, onDone, userData) { (target) throws(AirOpsError) in try await target.execution.fetch() }
    }
}

@_cdecl("airops_execution_wait_async")
public func airops_execution_wait_async(
    _ execution: OpaquePointer?, _ timeoutMs: Int64, _ onDone: airops_result_callback?, _ userData: UnsafeMutableRawPointer?,
    _ error: ErrorOut
) -> airops_code {
    call(error) { () throws(AirOpsError) in
        let timeout = waitTimeout(timeoutMs)
        try completeAsync(execution, onDone, userData) { (target) throws(AirOpsError) in try await target.result(timeout: timeout, waitingForEvents: true) }
    }
}

@_cdecl("airops_execution_cancel_async")
public func airops_execution_cancel_async(
    _ execution: OpaquePointer?, _ onDone: airops_result_callback?, _ userData: UnsafeMutableRawPointer?, _ error: ErrorOut
) -> airops_code {
    call(error) { () throws(AirOpsError) in
        let handle = try requireExecution(execution)
        _ = try requireCallback(onDone)
        handle.listener?.close()
        try completeAsync(execution, onDone, userData) { (target) throws(AirOpsError) in
            try await target.execution.cancel()
            return nil
        }
    }
}
