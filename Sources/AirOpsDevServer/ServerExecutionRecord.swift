import AirOps
import FoundationEssentials

/// An execution as the API shows it (the JS SDK's `AppExecution`, plus the public API's
/// fields). Absent values are sent as null, not left out.
struct ServerExecutionRecord: Encodable, Sendable {
    enum Status: String, Encodable, Sendable {
        case pending, running, success, error, cancelled

        var isFinished: Bool { self == .success || self == .error || self == .cancelled }
    }

    let id: Int
    let uuid: String
    let appId: Int
    let version: Int
    let workspaceId: Int
    let inputs: [String: JSONValue]
    let streamChannelId: String?
    let createdAt: Date
    var status: Status = .pending
    var output: String? = nil
    var errorCode: String? = nil
    var errorMessage: String? = nil
    var creditsUsed = 0
    /// Seconds from creation to the end; nil while unfinished.
    var runtime: Double? = nil
    var updatedAt: Date

    private enum CodingKeys: String, CodingKey {
        case id, uuid, status, output, inputs, runtime, source, feedback, createdAt, updatedAt
        case appId = "airops_app_id"
        case version = "airops_apps_version_id"
        case workspaceId = "workspace_id"
        case streamChannelId = "stream_channel_id"
        case errorCode = "error_code"
        case errorMessage = "error_message"
        case conversationId = "conversation_id"
        case creditsUsed = "credits_used"
    }

    func encode(to encoder: any Encoder) throws {
        let timestamp = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(uuid, forKey: .uuid)
        try container.encode(appId, forKey: .appId)
        try container.encode(version, forKey: .version)
        try container.encode(status, forKey: .status)
        try container.encode(output, forKey: .output)
        try container.encode(errorCode, forKey: .errorCode)
        try container.encode(errorMessage, forKey: .errorMessage)
        try container.encode(inputs, forKey: .inputs)
        try container.encode(streamChannelId, forKey: .streamChannelId)
        try container.encode(workspaceId, forKey: .workspaceId)
        try container.encodeNil(forKey: .conversationId)
        try container.encode(creditsUsed, forKey: .creditsUsed)
        try container.encodeNil(forKey: .feedback)
        try container.encode(runtime, forKey: .runtime)
        try container.encode("sdk", forKey: .source)
        try container.encode(timestamp.format(createdAt), forKey: .createdAt)
        try container.encode(timestamp.format(updatedAt), forKey: .updatedAt)
    }
}
