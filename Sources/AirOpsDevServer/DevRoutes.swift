import Hummingbird

/// Endpoints for tests, under `/dev/`; not part of the AirOps or Pusher protocols. Every one
/// needs `Authorization: Bearer <admin token>` (401 otherwise), as the fault endpoints
/// (``FaultRoutes``) do: the stats tell what other clients do, the switches disturb them.
///
/// - `GET /dev/stats` -> `{"realtime_connections": <open now>, "realtime_connections_total":
///   <opened since the start>, "subscriptions": <open now>, "executions_created": <count>,
///   "executions_read": <record reads through GET /sdk_api/airops_apps/executions/{id}>,
///   "faults_injected": <answers altered, connections refused and realtime drops by faults>}`
/// - `POST /dev/realtime/drop` closes every realtime connection at once, without a close
///   frame (a network drop as clients see it); with `?code=4200` (1000 or 3000-4999) with a
///   close frame of that code instead. -> `{"dropped": <how many>}`
/// - `POST /dev/realtime/close_on_connect?code=4200` (1000 or 3000-4999): from now on every new
///   realtime connection is closed with that code right after `pusher:connection_established`;
///   without `code` connections stay open again. -> `{"close_on_connect": <code or null>}`
/// - `POST /dev/realtime/ignore_subscriptions?enabled=true|false`: while enabled, the server
///   leaves `pusher:subscribe` unanswered (to test client subscription timeouts).
///   -> `{"ignore_subscriptions": <bool>}`
struct DevRoutes: Sendable {
    let hub: RealtimeHub
    let store: ExecutionStore
    let faults: FaultInjector
    let adminToken: AdminToken

    func add(to router: Router<some RequestContext>) {
        let dev = router.group("dev")
        dev.get("stats") { request, _ in
            try adminToken.authorize(request)
            let stats = hub.stats
            return try jsonResponse([
                "realtime_connections": stats.connections,
                "realtime_connections_total": stats.connectionsTotal,
                "subscriptions": stats.subscriptions,
                "executions_created": await store.createdCount,
                "executions_read": await store.readCount,
                "faults_injected": faults.injectedCount,
            ])
        }
        dev.post("realtime/drop") { request, _ in
            try adminToken.authorize(request)
            return try jsonResponse(["dropped": hub.closeAll(code: try closeCode(request))])
        }
        dev.post("realtime/close_on_connect") { request, _ in
            try adminToken.authorize(request)
            let code = try closeCode(request)
            hub.closeOnConnect = code
            return try jsonResponse(["close_on_connect": code.map(Int.init)])
        }
        dev.post("realtime/ignore_subscriptions") { request, _ in
            try adminToken.authorize(request)
            let enabled: Bool
            switch request.uri.queryParameters["enabled"] {
            case "true"?: enabled = true
            case "false"?: enabled = false
            default: throw APIError.badRequest("enabled must be true or false")
            }
            hub.ignoresSubscriptions = enabled
            return try jsonResponse(["ignore_subscriptions": enabled])
        }
    }

    /// The optional `code` parameter: a close code a client may receive (1000 or 3000-4999).
    private func closeCode(_ request: Request) throws -> UInt16? {
        guard let text = request.uri.queryParameters["code"] else { return nil }
        guard let number = UInt16(text), number == 1000 || (3000...4999).contains(number) else {
            throw APIError.badRequest("code must be 1000 or 3000-4999")
        }
        return number
    }
}
