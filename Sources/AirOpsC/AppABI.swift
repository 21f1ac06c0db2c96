import AirOps
import CAirOpsABI

@_cdecl("airops_app_get")
public func airops_app_get(
    _ client: OpaquePointer?, _ appId: UnsafePointer<CChar>?,
    _ outJSON: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ error: ErrorOut
) -> airops_code {
    call(error) { () throws(AirOpsError) in
        let out = try requireOut(outJSON, "out_json")
        let airops = try requireClient(client).client
        let id = try string(appId, "app_id")
        let app = try blocking { () async throws(AirOpsError) in try await airops.app(id: id) }
        out.pointee = ownedCString(app.json)
    }
}

/// Parses the optional inputs argument of the execute and chat functions.
func inputs(_ inputsJSON: UnsafePointer<CChar>?) throws(AirOpsError) -> [String: JSONValue]? {
    try optionalString(inputsJSON, "inputs_json").map { (text) throws(AirOpsError) in
        try JSONValue.parseObject(text, what: "inputs_json")
    }
}

@_cdecl("airops_app_execute")
public func airops_app_execute(
    _ client: OpaquePointer?, _ appId: UnsafePointer<CChar>?, _ inputsJSON: UnsafePointer<CChar>?,
    _ version: Int64, _ out: UnsafeMutablePointer<OpaquePointer?>?, _ error: ErrorOut
) -> airops_code {
    execute(client, appId, inputsJSON, version, streaming: false, listener: nil, out, error)
}

/// The body of airops_app_execute and airops_app_execute_stream.
func execute(
    _ client: OpaquePointer?, _ appId: UnsafePointer<CChar>?, _ inputsJSON: UnsafePointer<CChar>?, _ version: Int64,
    streaming: Bool, listener: EventListener?, _ out: UnsafeMutablePointer<OpaquePointer?>?, _ error: ErrorOut
) -> airops_code {
    call(error) { () throws(AirOpsError) in
        let out = try requireOut(out)
        let handle = try requireClient(client)
        let (id, inputs, pinned) = (try string(appId, "app_id"), try inputs(inputsJSON) ?? [:], pinnedVersion(version))
        let execution = try blocking { () async throws(AirOpsError) in
            try await handle.client.execute(appId: id, inputs: inputs, version: pinned, streaming: streaming)
        }
        out.pointee = ExecutionHandle.make(execution, client: handle, listener: listener)
    }
}

@_cdecl("airops_app_execute_stream")
public func airops_app_execute_stream(
    _ client: OpaquePointer?, _ appId: UnsafePointer<CChar>?, _ inputsJSON: UnsafePointer<CChar>?, _ version: Int64,
    _ onEvent: airops_event_callback?, _ userData: UnsafeMutableRawPointer?,
    _ out: UnsafeMutablePointer<OpaquePointer?>?, _ error: ErrorOut
) -> airops_code {
    execute(client, appId, inputsJSON, version, streaming: true, listener: listener(onEvent, userData), out, error)
}

@_cdecl("airops_app_chat")
public func airops_app_chat(
    _ client: OpaquePointer?, _ appId: UnsafePointer<CChar>?, _ message: UnsafePointer<CChar>?,
    _ inputsJSON: UnsafePointer<CChar>?, _ sessionId: UnsafePointer<CChar>?,
    _ onEvent: airops_event_callback?, _ userData: UnsafeMutableRawPointer?,
    _ out: UnsafeMutablePointer<OpaquePointer?>?, _ error: ErrorOut
) -> airops_code {
    call(error) { () throws(AirOpsError) in
        let out = try requireOut(out)
        let handle = try requireClient(client)
        let request = try ChatRequest(appId, message, inputsJSON, sessionId)
        let execution = try blocking { () async throws(AirOpsError) in try await request.send(with: handle.client) }
        out.pointee = ExecutionHandle.make(execution, client: handle, listener: listener(onEvent, userData))
    }
}

/// The arguments of airops_app_chat and airops_app_chat_async, read and checked.
struct ChatRequest: Sendable {
    let appId: String
    let message: String
    let inputs: [String: JSONValue]?
    let sessionId: String?

    init(
        _ appId: UnsafePointer<CChar>?, _ message: UnsafePointer<CChar>?, _ inputsJSON: UnsafePointer<CChar>?,
        _ sessionId: UnsafePointer<CChar>?
    ) throws(AirOpsError) {
        self.appId = try string(appId, "app_id")
        self.message = try string(message, "message")
        self.inputs = try AirOpsC.inputs(inputsJSON)
        self.sessionId = try optionalString(sessionId, "session_id")
    }

    func send(with client: AirOpsClient) async throws(AirOpsError) -> Execution {
        try await client.chat(appId: appId, message: message, inputs: inputs, sessionId: sessionId)
    }
}

/// The event callback of a streamed call, or nil when the caller gave none.
func listener(_ onEvent: airops_event_callback?, _ userData: UnsafeMutableRawPointer?) -> EventListener? {
    onEvent.map { EventListener(callback: $0, userData: userData) }
}
