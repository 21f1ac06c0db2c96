import AirOps
import CAirOpsABI

@_cdecl("airops_client_new")
public func airops_client_new(_ options: OpaquePointer?, _ out: UnsafeMutablePointer<OpaquePointer?>?, _ error: ErrorOut) -> airops_code {
    call(error) { () throws(AirOpsError) in
        let out = try requireOut(out)
        let configuration = object(options, as: OptionsHandle.self)?.configuration.withLock { $0 } ?? ClientConfiguration()
        out.pointee = retainedHandle(AirOpsClient(configuration: configuration))
    }
}

@_cdecl("airops_client_free")
public func airops_client_free(_ client: OpaquePointer?) {
    guard let airops = object(client, as: AirOpsClient.self) else { return }
    try? blocking { await airops.shutdown() }
    releaseHandle(client, as: AirOpsClient.self)
}

/// The client behind a handle, or an invalid-argument error for NULL.
func requireClient(_ client: OpaquePointer?) throws(AirOpsError) -> AirOpsClient {
    guard let airops = object(client, as: AirOpsClient.self) else {
        throw AirOpsError(.invalidArgument, "client must not be NULL")
    }
    return airops
}

@_cdecl("airops_app_get")
public func airops_app_get(
    _ client: OpaquePointer?, _ appId: UnsafePointer<CChar>?,
    _ outJSON: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ error: ErrorOut
) -> airops_code {
    call(error) { () throws(AirOpsError) in
        let out = try requireOut(outJSON, "out_json")
        let airops = try requireClient(client)
        let id = try string(appId, "app_id")
        let app = try blocking { () async throws(AirOpsError) in try await airops.app(id: id) }
        out.pointee = ownedCString(app.json)
    }
}

@_cdecl("airops_app_execute")
public func airops_app_execute(
    _ client: OpaquePointer?, _ appId: UnsafePointer<CChar>?, _ inputsJSON: UnsafePointer<CChar>?,
    _ version: Int64, _ out: UnsafeMutablePointer<OpaquePointer?>?, _ error: ErrorOut
) -> airops_code {
    call(error) { () throws(AirOpsError) in
        let out = try requireOut(out)
        let airops = try requireClient(client)
        let id = try string(appId, "app_id")
        let inputs = try optionalString(inputsJSON, "inputs_json").map { (text) throws(AirOpsError) in
            try JSONValue.parseObject(text, what: "inputs_json")
        } ?? [:]
        guard version >= 0, version <= Int64(Int32.max) else {
            throw AirOpsError(.invalidArgument, "version must be 0 (current) or a positive version number (got \(version))")
        }
        let pinned = version == 0 ? nil : Int(version)
        let execution = try blocking { () async throws(AirOpsError) in
            try await airops.execute(appId: id, inputs: inputs, version: pinned)
        }
        out.pointee = retainedHandle(ExecutionHandle(execution))
    }
}
