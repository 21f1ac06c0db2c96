import AirOps
import CAirOpsABI
import Synchronization

public typealias ErrorOut = UnsafeMutablePointer<OpaquePointer?>?

/// Runs the body of an exported function: a thrown AirOpsError becomes the returned code
/// and, when the caller asked for it, an `airops_error` object.
func call(_ errorOut: ErrorOut, _ body: () throws(AirOpsError) -> Void) -> airops_code {
    do {
        try body()
        return AIROPS_OK
    } catch {
        errorOut?.pointee = retainedHandle(ErrorHandle(error))
        return airopsCode(error.kind)
    }
}

/// Stores a handle in a caller's out-parameter, which must not be NULL. Clears it first, so
/// that it reads NULL whenever the call fails.
func requireOut<T>(_ out: UnsafeMutablePointer<T?>?, _ name: String = "out") throws(AirOpsError) -> UnsafeMutablePointer<T?> {
    guard let out else { throw AirOpsError(.invalidArgument, "\(name) must not be NULL") }
    out.pointee = nil
    return out
}

/// Runs an async core operation to completion for a blocking C call, on the calling thread.
func blocking<T: Sendable>(_ operation: @escaping @Sendable () async throws(AirOpsError) -> T) throws(AirOpsError) -> T {
    try BlockingCall.run(operation)
}
