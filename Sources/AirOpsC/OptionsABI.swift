import AirOps
import CAirOpsABI
import Synchronization

/// What an `airops_options *` points to: a configuration that setters may change from any thread.
final class OptionsHandle: Sendable {
    let configuration = Mutex(ClientConfiguration())
}

@_cdecl("airops_options_new")
public func airops_options_new() -> OpaquePointer? {
    retainedHandle(OptionsHandle())
}

@_cdecl("airops_options_free")
public func airops_options_free(_ options: OpaquePointer?) {
    releaseHandle(options, as: OptionsHandle.self)
}

/// Applies a change to the options behind a handle.
private func update(
    _ options: OpaquePointer?, _ error: ErrorOut,
    _ change: (inout ClientConfiguration) throws(AirOpsError) -> Void
) -> airops_code {
    call(error) { () throws(AirOpsError) in
        guard let handle = object(options, as: OptionsHandle.self) else {
            throw AirOpsError(.invalidArgument, "options must not be NULL")
        }
        try handle.configuration.withLock { (configuration) throws(AirOpsError) in try change(&configuration) }
    }
}

@_cdecl("airops_options_set_identity")
public func airops_options_set_identity(
    _ options: OpaquePointer?, _ userId: UnsafePointer<CChar>?, _ workspaceId: UnsafePointer<CChar>?,
    _ hashedUserId: UnsafePointer<CChar>?, _ error: ErrorOut
) -> airops_code {
    update(options, error) { (configuration) throws(AirOpsError) in
        configuration.identity = try Identity(
            userId: try string(userId, "user_id"), workspaceId: try string(workspaceId, "workspace_id"),
            hashedUserId: try string(hashedUserId, "hashed_user_id"))
    }
}

@_cdecl("airops_options_set_host")
public func airops_options_set_host(_ options: OpaquePointer?, _ host: UnsafePointer<CChar>?, _ error: ErrorOut) -> airops_code {
    update(options, error) { (configuration) throws(AirOpsError) in
        try configuration.setHost(try string(host, "host"))
    }
}

@_cdecl("airops_options_set_request_timeout")
public func airops_options_set_request_timeout(_ options: OpaquePointer?, _ timeoutMs: Int64, _ error: ErrorOut) -> airops_code {
    update(options, error) { (configuration) throws(AirOpsError) in
        try configuration.setRequestTimeout(.milliseconds(timeoutMs))
    }
}
