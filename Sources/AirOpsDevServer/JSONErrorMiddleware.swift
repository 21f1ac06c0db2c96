import Hummingbird
import Logging

/// Turns every error, also Hummingbird's own (unknown route, body too large), into a JSON
/// error answer, so that clients can always read `error`.
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return error.response
        } catch let error as HTTPError {
            let message = error.body ?? (error.status == .notFound ? "Not found" : error.status.reasonPhrase)
            return APIError(status: error.status, message: message).response
        } catch let error as any HTTPResponseError {
            // E.g. a request body over the size limit (413).
            return APIError(status: error.status, message: error.status.reasonPhrase).response
        } catch {
            logger.error("Unexpected error: \(error)")
            return APIError(status: .internalServerError, message: "Internal server error").response
        }
    }
}
