import Hummingbird
import Logging

/// One terse log line per request. Only method, path and status: headers carry secrets.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = (ContinuousClock.now - start).components
        let milliseconds = elapsed.seconds * 1000 + elapsed.attoseconds / 1_000_000_000_000_000
        logger.info("\(request.method) \(request.uri.path) -> \(response.status.code) (\(milliseconds) ms)")
        return response
    }
}
