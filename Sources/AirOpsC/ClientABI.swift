import AirOps
import CAirOpsABI

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

@_cdecl("airops_client_event_fd")
public func airops_client_event_fd(_ client: OpaquePointer?) -> Int32 {
    object(client, as: ClientHandle.self)?.delivery.fileDescriptor ?? -1
}

@_cdecl("airops_client_dispatch")
public func airops_client_dispatch(
    _ client: OpaquePointer?, _ maxEvents: UInt, _ outCount: UnsafeMutablePointer<Int>?, _ error: ErrorOut
) -> airops_code {
    outCount?.pointee = 0
    return call(error) { () throws(AirOpsError) in
        let count = try requireClient(client).delivery.dispatch(limit: eventLimit(maxEvents))
        outCount?.pointee = count
    }
}
