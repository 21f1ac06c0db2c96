import AirOps
import CAirOpsABI

/// What an `airops_client *` points to: the core client and how its events are delivered.
final class ClientHandle: Sendable {
    let client: AirOpsClient
    let delivery: EventDelivery
    let log: LogTarget?
    let calls = ClientCalls()

    init(client: AirOpsClient, delivery: EventDelivery, log: LogTarget?) {
        self.client = client
        self.delivery = delivery
        self.log = log
    }
}

@_cdecl("airops_client_new")
public func airops_client_new(_ options: OpaquePointer?, _ out: UnsafeMutablePointer<OpaquePointer?>?, _ error: ErrorOut) -> airops_code {
    call(error) { () throws(AirOpsError) in
        let out = try requireOut(out)
        let settings = object(options, as: OptionsHandle.self)?.settings.withLock { $0 } ?? OptionsHandle.Settings()
        let log = settings.logCallback.map { LogTarget($0, settings.logUserData) }
        let client = try AirOpsClient(configuration: settings.configuration, logger: makeLogger(target: log, minimum: settings.logLevel))
        let delivery: EventDelivery
        do throws(AirOpsError) {
            delivery = try EventDelivery(queued: settings.queuedDelivery, limit: settings.configuration.maxBufferedEvents)
        } catch {
            try? blocking { await client.shutdown() }
            throw error
        }
        out.pointee = retainedHandle(ClientHandle(client: client, delivery: delivery, log: log))
    }
}

@_cdecl("airops_client_free")
public func airops_client_free(_ client: OpaquePointer?) {
    guard let handle = object(client, as: ClientHandle.self) else { return }
    let airops = handle.client
    // In a forked child the client's threads are gone and its sockets are the parent's:
    // nothing of it is touched, not even to free it.
    guard !airops.process.isInherited else { return }
    // First the calls in flight: their completions are delivered (cancelled) before this
    // returns, and nothing runs afterwards.
    handle.calls.close(delivering: handle.delivery)
    try? blocking { await airops.shutdown() }
    handle.delivery.stop()
    // Threads of the closed connections may still log while they wind down.
    handle.log?.close()
    releaseHandle(client, as: ClientHandle.self)
}

/// The client behind a handle: an invalid-argument error for NULL, a forked one for a client
/// of the parent process.
func requireClient(_ client: OpaquePointer?) throws(AirOpsError) -> ClientHandle {
    guard let handle = object(client, as: ClientHandle.self) else {
        throw AirOpsError(.invalidArgument, "client must not be NULL")
    }
    try handle.client.process.check()
    return handle
}

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
        let (id, inputs, pinned) = (try string(appId, "app_id"), try inputs(inputsJSON) ?? [:], try pinnedVersion(version))
        let execution = try blocking { () async throws(AirOpsError) in
            try await handle.client.execute(appId: id, inputs: inputs, version: pinned, streaming: streaming)
        }
        out.pointee = ExecutionHandle.make(execution, client: handle, listener: listener)
    }
}
