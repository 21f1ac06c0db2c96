import AirOps
import CAirOpsABI

/// A completion callback with its user data; runs once, through the client's delivery.
private final class Completion<Callback>: @unchecked Sendable {
    let callback: Callback
    // The caller's pointer, passed back untouched.
    let userData: UnsafeMutableRawPointer?

    init(_ callback: Callback, _ userData: UnsafeMutableRawPointer?) {
        self.callback = callback
        self.userData = userData
    }
}

/// Calls `body` with a borrowed `airops_error *` for `error`, valid during the call.
private func withCError(_ error: AirOpsError, _ body: (OpaquePointer) -> Void) {
    let handle = ErrorHandle(error)
    withExtendedLifetime(handle) { body(OpaquePointer(Unmanaged.passUnretained(handle).toOpaque())) }
}

private func require<T>(_ callback: T?) throws(AirOpsError) -> T {
    guard let callback else { throw AirOpsError(.invalidArgument, "on_done must not be NULL") }
    return callback
}

/// Starts an execution in a task and reports it to `on_done`.
private func startAsync(
    _ client: ClientHandle, listener: EventListener?, _ done: Completion<airops_execution_callback>,
    _ start: @escaping @Sendable () async throws(AirOpsError) -> Execution
) {
    Task {
        do throws(AirOpsError) {
            let execution = try await start()
            ExecutionHandle.make(execution, client: client, listener: listener) { pointer in
                done.callback(AIROPS_OK, pointer, nil, done.userData)
            }
        } catch {
            client.delivery.submit {
                withCError(error) { done.callback(airopsCode(error.kind), nil, $0, done.userData) }
            }
        }
    }
}

@_cdecl("airops_app_execute_async")
public func airops_app_execute_async(
    _ client: OpaquePointer?, _ appId: UnsafePointer<CChar>?, _ inputsJSON: UnsafePointer<CChar>?, _ version: Int64,
    _ stream: Int32, _ onEvent: airops_event_callback?, _ eventUserData: UnsafeMutableRawPointer?,
    _ onDone: airops_execution_callback?, _ userData: UnsafeMutableRawPointer?, _ error: ErrorOut
) -> airops_code {
    call(error) { () throws(AirOpsError) in
        let handle = try requireClient(client)
        let done = Completion(try require(onDone), userData)
        let (id, inputs, pinned) = (try string(appId, "app_id"), try inputs(inputsJSON) ?? [:], try pinnedVersion(version))
        startAsync(handle, listener: listener(onEvent, eventUserData), done) { () async throws(AirOpsError) in
            try await handle.client.execute(appId: id, inputs: inputs, version: pinned, streaming: stream != 0)
        }
    }
}

@_cdecl("airops_app_chat_async")
public func airops_app_chat_async(
    _ client: OpaquePointer?, _ appId: UnsafePointer<CChar>?, _ message: UnsafePointer<CChar>?,
    _ inputsJSON: UnsafePointer<CChar>?, _ sessionId: UnsafePointer<CChar>?,
    _ onEvent: airops_event_callback?, _ eventUserData: UnsafeMutableRawPointer?,
    _ onDone: airops_execution_callback?, _ userData: UnsafeMutableRawPointer?, _ error: ErrorOut
) -> airops_code {
    call(error) { () throws(AirOpsError) in
        let handle = try requireClient(client)
        let done = Completion(try require(onDone), userData)
        let request = try ChatRequest(appId, message, inputsJSON, sessionId)
        startAsync(handle, listener: listener(onEvent, eventUserData), done) { () async throws(AirOpsError) in
            try await request.send(with: handle.client)
        }
    }
}

/// Runs an operation on an execution in a task and reports its record to `on_done`.
private func completeAsync(
    _ execution: OpaquePointer?, _ onDone: airops_result_callback?, _ userData: UnsafeMutableRawPointer?,
    _ operation: @escaping @Sendable (Execution) async throws(AirOpsError) -> ExecutionRecord?
) throws(AirOpsError) {
    let handle = try requireExecution(execution)
    let done = Completion(try require(onDone), userData)
    let target = handle.execution
    Task {
        let outcome: Result<ExecutionRecord?, AirOpsError>
        do throws(AirOpsError) { outcome = .success(try await operation(target)) } catch { outcome = .failure(error) }
        handle.delivery.submit {
            switch outcome {
            case .success(let record):
                done.callback(AIROPS_OK, record.map { retainedHandle(ResultHandle($0)) }, nil, done.userData)
            case .failure(let error):
                withCError(error) { done.callback(airopsCode(error.kind), nil, $0, done.userData) }
            }
        }
    }
}

@_cdecl("airops_execution_fetch_async")
public func airops_execution_fetch_async(
    _ execution: OpaquePointer?, _ onDone: airops_result_callback?, _ userData: UnsafeMutableRawPointer?, _ error: ErrorOut
) -> airops_code {
    call(error) { () throws(AirOpsError) in
        try completeAsync(execution, onDone, userData) { (target) throws(AirOpsError) in try await target.fetch() }
    }
}

@_cdecl("airops_execution_wait_async")
public func airops_execution_wait_async(
    _ execution: OpaquePointer?, _ timeoutMs: Int64, _ onDone: airops_result_callback?, _ userData: UnsafeMutableRawPointer?,
    _ error: ErrorOut
) -> airops_code {
    call(error) { () throws(AirOpsError) in
        let timeout = waitTimeout(timeoutMs)
        try completeAsync(execution, onDone, userData) { (target) throws(AirOpsError) in try await target.result(timeout: timeout) }
    }
}

@_cdecl("airops_execution_cancel_async")
public func airops_execution_cancel_async(
    _ execution: OpaquePointer?, _ onDone: airops_result_callback?, _ userData: UnsafeMutableRawPointer?, _ error: ErrorOut
) -> airops_code {
    call(error) { () throws(AirOpsError) in
        let handle = try requireExecution(execution)
        _ = try require(onDone)
        handle.listener?.close()
        try completeAsync(execution, onDone, userData) { (target) throws(AirOpsError) in
            try await target.cancel()
            return nil
        }
    }
}
