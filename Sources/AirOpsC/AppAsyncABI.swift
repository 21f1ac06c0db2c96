import AirOps
import CAirOpsABI

@_cdecl("airops_app_get_async")
public func airops_app_get_async(
    _ client: OpaquePointer?, _ appId: UnsafePointer<CChar>?, _ onDone: airops_json_callback?,
    _ userData: UnsafeMutableRawPointer?, _ error: ErrorOut
) -> airops_code {
    call(error) { () throws(AirOpsError) in
        let handle = try requireClient(client)
        let done = Completion(try requireCallback(onDone), userData)
        let id = try string(appId, "app_id")
        try reportAsync(handle, { () async throws(AirOpsError) in try await handle.client.app(id: id).json }) { outcome in
            switch outcome {
            case .success(let json):
                json.withCString { done.callback(AIROPS_OK, $0, nil, done.userData) }
            case .failure(let error):
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
        let done = Completion(try requireCallback(onDone), userData)
        let (id, inputs, pinned) = (try string(appId, "app_id"), try inputs(inputsJSON) ?? [:], pinnedVersion(version))
        // Refused here, not in on_done, as the header promises for the arguments of the call.
        try AirOpsClient.validate(version: pinned)
        try startAsync(handle, listener: listener(onEvent, eventUserData), done) { () async throws(AirOpsError) in
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
        let done = Completion(try requireCallback(onDone), userData)
        let request = try ChatRequest(appId, message, inputsJSON, sessionId)
        try startAsync(handle, listener: listener(onEvent, eventUserData), done) { () async throws(AirOpsError) in
            try await request.send(with: handle.client)
        }
    }
}
