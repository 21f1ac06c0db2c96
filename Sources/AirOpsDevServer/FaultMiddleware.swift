import Hummingbird

/// Applies the faults of ``FaultInjector`` to sdk_api requests. It runs before the routes,
/// so a faulted answer never reaches them: a faulted execute creates no execution.
struct FaultMiddleware<Context: RequestContext>: RouterMiddleware {
    let faults: FaultInjector

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard let endpoint = Self.endpoint(of: request), let fault = faults.fault(for: endpoint) else {
            return try await next(request, context)
        }
        if fault.latencyMs > 0 {
            try await Task.sleep(for: .milliseconds(fault.latencyMs))
        }
        if let status = fault.status {
            var response = APIError(status: .init(code: status), message: "Injected fault: status \(status)").response
            if let seconds = fault.retryAfter {
                response.headers[.retryAfter] = String(seconds)
            }
            if let location = fault.location {
                response.headers[.location] = location
            }
            return response
        }
        if let body = fault.body {
            return BrokenBodies.response(body, for: endpoint)
        }
        return try await next(request, context)
    }

    /// Which sdk_api endpoint a request is for, by method and path as SDKRoutes routes them.
    static func endpoint(of request: Request) -> FaultConfig.Endpoint? {
        let path = request.uri.path.split(separator: "/", omittingEmptySubsequences: true)
        guard path.first == "sdk_api" else { return nil }
        let rest = Array(path.dropFirst())
        switch (request.method, rest.count) {
        case (.get, 2) where rest[0] == "airops_app_bases": return .getApp
        case (.get, 3) where rest[0] == "airops_apps" && rest[1] == "executions": return .getExecution
        case (.patch, 4) where rest[0] == "airops_apps" && rest[1] == "executions" && rest[3] == "cancel": return .cancel
        case (.post, 3) where rest[0] == "airops_apps" && rest[2] == "async_execute": return .asyncExecute
        case (.post, 4) where rest[0] == "airops_apps" && rest[2] == "async_execute" && rest[3].hasPrefix("v"):
            return .asyncExecute
        case (.post, 3) where rest[0] == "agent_apps" && rest[2] == "chat_stream": return .chatStream
        case (.post, 2) where rest[0] == "pusher" && rest[1] == "auth": return .pusherAuth
        default: return nil
        }
    }
}
