/// Who the end user is, as the JavaScript SDK's `AirOps.identify` takes it. Sent with every
/// request as the `user_id`, `workspace_id` and `user_id_hashed` headers.
public struct Identity: Sendable, Equatable {
    public let userId: String
    public let workspaceId: String
    /// See ``hashUserId(apiKey:userId:)``.
    public let hashedUserId: String

    /// Validates the three values: all are required, and they travel as HTTP header values,
    /// so control characters are refused rather than sent.
    public init(userId: String, workspaceId: String, hashedUserId: String) throws(AirOpsError) {
        for (name, value) in [("userId", userId), ("workspaceId", workspaceId), ("hashedUserId", hashedUserId)] {
            guard !value.isEmpty else {
                throw AirOpsError(.invalidArgument, "You must provide workspaceId, userId and hashedUserId to identify (\(name) is empty)")
            }
            guard !value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f }) else {
                throw AirOpsError(.invalidArgument, "\(name) must not contain control characters")
            }
        }
        self.userId = userId
        self.workspaceId = workspaceId
        self.hashedUserId = hashedUserId
    }

    var headers: [(String, String)] {
        [("user_id", userId), ("workspace_id", workspaceId), ("user_id_hashed", hashedUserId)]
    }
}
