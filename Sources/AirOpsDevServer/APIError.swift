import Hummingbird

/// An error answer of the sdk_api, sent as `{"error": message}` like the real service.
struct APIError: Error, Sendable {
    let status: HTTPResponse.Status
    let message: String

    static func badRequest(_ message: String) -> APIError { APIError(status: .badRequest, message: message) }
    static func unauthorized(_ message: String) -> APIError { APIError(status: .unauthorized, message: message) }
    static func notFound(_ message: String) -> APIError { APIError(status: .notFound, message: message) }

    var response: Response {
        // A [String: String] always encodes.
        (try? jsonResponse(["error": message], status: status)) ?? Response(status: status)
    }
}
