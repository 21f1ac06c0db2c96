import AirOps

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

/// The client behind a handle: an invalid-argument error for NULL, a forked one for a client
/// of the parent process.
func requireClient(_ client: OpaquePointer?) throws(AirOpsError) -> ClientHandle {
    guard let handle = object(client, as: ClientHandle.self) else {
        throw AirOpsError(.invalidArgument, "client must not be NULL")
    }
    try handle.client.process.check()
    return handle
}
