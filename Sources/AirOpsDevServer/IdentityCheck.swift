import AirOps
import Hummingbird

/// An end user proven by the identity headers.
struct VerifiedUser: Sendable, Equatable {
    let workspaceId: Int
    let userId: String
}

/// Checks the `user_id`, `workspace_id` and `user_id_hashed` headers the SDK sends: the hash
/// must be the HMAC-SHA256 of the user id keyed with the workspace's API key.
struct IdentityCheck: Sendable {
    private let workspaces: [Int: DevServerConfig.Workspace]

    init(_ config: DevServerConfig) {
        workspaces = Dictionary(config.workspaces.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The caller's identity; nil when the three headers are not all there (the SDK sends
    /// them all or none). Throws 401 when they are there but prove nothing.
    func identity(in headers: HTTPFields) throws(APIError) -> VerifiedUser? {
        guard let userId = headers.nonEmpty("user_id"),
            let workspaceText = headers.nonEmpty("workspace_id"),
            let hash = headers.nonEmpty("user_id_hashed")
        else { return nil }
        guard let workspaceId = Int(workspaceText), let workspace = workspaces[workspaceId] else {
            throw .unauthorized("Unknown workspace \(workspaceText)")
        }
        if let users = workspace.users, !users.contains(userId) {
            throw .unauthorized("Unknown user_id for workspace \(workspaceId)")
        }
        // The API key cannot be empty in a valid config, so hashing cannot fail.
        let expected = (try? hashUserId(apiKey: workspace.apiKey, userId: userId)) ?? ""
        guard !expected.isEmpty, constantTimeEqual(hash.lowercased(), expected) else {
            throw .unauthorized("Invalid user_id_hashed: it is not the HMAC-SHA256 of user_id with the workspace API key")
        }
        return VerifiedUser(workspaceId: workspaceId, userId: userId)
    }

    /// The caller's identity, which must be there (private apps and their executions).
    func requiredIdentity(in headers: HTTPFields) throws(APIError) -> VerifiedUser {
        guard let identity = try identity(in: headers) else {
            throw .unauthorized(
                "Missing identity: the user_id, workspace_id and user_id_hashed headers are required for private apps")
        }
        return identity
    }
}

/// Compares without stopping at the first difference, so that the time taken does not tell
/// how much of a guessed hash was right.
func constantTimeEqual(_ lhs: String, _ rhs: String) -> Bool {
    let left = Array(lhs.utf8)
    let right = Array(rhs.utf8)
    guard left.count == right.count else { return false }
    var difference: UInt8 = 0
    for index in left.indices {
        difference |= left[index] ^ right[index]
    }
    return difference == 0
}

extension HTTPFields {
    fileprivate func nonEmpty(_ name: String) -> String? {
        guard let field = HTTPFields.Element.Name(name), let value = self[field], !value.isEmpty else { return nil }
        return value
    }
}
