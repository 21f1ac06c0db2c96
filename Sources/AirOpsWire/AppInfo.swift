import FoundationEssentials

/// An app's description (`GET /sdk_api/airops_app_bases/{id}?methods=type`).
public struct AppInfo: Sendable {
    /// Whether the app can run without an identity; decides the realtime channel's prefix.
    public let isPublic: Bool
    /// The description as the JSON text the server sent.
    public let json: String
    /// The description, parsed.
    public let fields: [String: JSONValue]

    package init(body: Data) throws(AirOpsError) {
        guard case .object(let fields)? = JSONValue(json: body) else {
            throw AirOpsError(.protocolViolation, "the app description is not a JSON object")
        }
        // The official client reads nothing but `public`; a missing flag means a private app.
        if case .bool(let flag)? = fields["public"] { isPublic = flag } else { isPublic = false }
        self.json = String(decoding: body, as: UTF8.self)
        self.fields = fields
    }
}
