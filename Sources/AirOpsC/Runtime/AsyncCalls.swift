import AirOps
import CAirOpsABI

/// A completion callback with its user data; runs once, through the client's delivery.
final class Completion<Callback>: @unchecked Sendable {
    let callback: Callback
    // The caller's pointer, passed back untouched.
    let userData: UnsafeMutableRawPointer?

    init(_ callback: Callback, _ userData: UnsafeMutableRawPointer?) {
        self.callback = callback
        self.userData = userData
    }
}

/// Calls `body` with a borrowed `airops_error *` for `error`, valid during the call.
func withCError(_ error: AirOpsError, _ body: (OpaquePointer) -> Void) {
    let handle = ErrorHandle(error)
    withExtendedLifetime(handle) { body(OpaquePointer(Unmanaged.passUnretained(handle).toOpaque())) }
}

func requireCallback<T>(_ callback: T?) throws(AirOpsError) -> T {
    guard let callback else { throw AirOpsError(.invalidArgument, "on_done must not be NULL") }
    return callback
}

/// The error of a completion that airops_client_free cancelled.
private let freedBeforeEnd = AirOpsError(.cancelled, "the client was freed before the call ended")

/// Runs `operation` in a task registered with the client's calls. `finish` hands the outcome
/// to the client's delivery (it runs once, unless airops_client_free comes first: then
/// `cancelled` is delivered instead).
private func runAsync<T: Sendable>(
    _ client: ClientHandle, _ operation: @escaping @Sendable () async throws(AirOpsError) -> T,
    cancelled: @escaping EventDelivery.Work, finish: @escaping @Sendable (Result<T, AirOpsError>) -> Void
) throws(AirOpsError) {
    let call = try client.calls.begin(cancelled: cancelled)
    call.run(Task {
        let outcome: Result<T, AirOpsError>
        do throws(AirOpsError) { outcome = .success(try await operation()) } catch { outcome = .failure(error) }
        client.calls.end(call) { finish(outcome) }
    })
}

/// runAsync for a completion that reports a value or an error through `report`.
func reportAsync<T: Sendable>(
    _ client: ClientHandle, _ operation: @escaping @Sendable () async throws(AirOpsError) -> T,
    report: @escaping @Sendable (Result<T, AirOpsError>) -> Void
) throws(AirOpsError) {
    try runAsync(client, operation, cancelled: { report(.failure(freedBeforeEnd)) }) { outcome in
        client.delivery.submit { report(outcome) }
    }
}

/// Starts an execution in a task and reports it to `on_done`; the new handle reaches
/// on_done before any of its events.
func startAsync(
    _ client: ClientHandle, listener: EventListener?, _ done: Completion<airops_execution_callback>,
    _ start: @escaping @Sendable () async throws(AirOpsError) -> Execution
) throws(AirOpsError) {
    let failed: @Sendable (AirOpsError) -> Void = { error in
        withCError(error) { done.callback(airopsCode(error.kind), nil, $0, done.userData) }
    }
    try runAsync(client, start, cancelled: { failed(freedBeforeEnd) }) { outcome in
        switch outcome {
        case .success(let execution):
            ExecutionHandle.make(execution, client: client, listener: listener) { pointer in
                done.callback(AIROPS_OK, pointer, nil, done.userData)
            }
        case .failure(let error):
            client.delivery.submit { failed(error) }
        }
    }
}

/// Runs an operation on an execution in a task and reports its record to `on_done`.
func completeAsync(
    _ execution: OpaquePointer?, _ onDone: airops_result_callback?, _ userData: UnsafeMutableRawPointer?,
    _ operation: @escaping @Sendable (ExecutionHandle) async throws(AirOpsError) -> ExecutionRecord?
) throws(AirOpsError) {
    let handle = try requireExecution(execution)
    let done = Completion(try requireCallback(onDone), userData)
    try reportAsync(handle.client, { () async throws(AirOpsError) in try await operation(handle) }) { outcome in
        switch outcome {
        case .success(let record):
            done.callback(AIROPS_OK, record.map { retainedHandle(ResultHandle($0)) }, nil, done.userData)
        case .failure(let error):
            withCError(error) { done.callback(airopsCode(error.kind), nil, $0, done.userData) }
        }
    }
}
