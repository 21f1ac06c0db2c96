import FoundationEssentials

/// Decoders of the small answers the SDK API gives besides records. Whatever the bytes, each
/// returns what the SDK needs or throws a protocol violation.
package enum ServerAnswer {
    /// The execution uuid in the answer to a request that starts work:
    /// `{"airops_app_execution": {"uuid": "..."}}`.
    package static func executionId(_ body: Data) throws(AirOpsError) -> String {
        guard case .string(let id)? = JSONValue(json: body)?["airops_app_execution"]?["uuid"], !id.isEmpty else {
            throw AirOpsError(.protocolViolation, "the answer has no airops_app_execution.uuid")
        }
        return id
    }

    /// The signature in a channel authorization answer: `{"auth": "key:signature"}`.
    package static func channelAuthorization(_ body: Data) throws(AirOpsError) -> String {
        guard case .string(let auth)? = JSONValue(json: body)?["auth"], !auth.isEmpty else {
            throw AirOpsError(.protocolViolation, "the channel authorization answer has no 'auth'")
        }
        return auth
    }

    /// The text of an error answer, `{"error": "..."}`; nil when the body has none.
    package static func errorText(_ body: Data) -> String? {
        guard case .string(let message)? = JSONValue(json: body)?["error"], !message.isEmpty else { return nil }
        return message
    }
}
