import FoundationEssentials

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension DevServerConfig {
    /// Reads and checks a JSON config file (format: see ``DevServerConfig``).
    public static func load(path: String) throws(DevServerError) -> DevServerConfig {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw DevServerError("Cannot read config file \(path): \(readFailureReason(error))")
        }
        let config: DevServerConfig
        do {
            config = try JSONDecoder().decode(DevServerConfig.self, from: data)
        } catch let error as DecodingError {
            throw DevServerError("Invalid config file \(path): \(describe(error))")
        } catch {
            throw DevServerError("Invalid config file \(path): \(error)")
        }
        do {
            try config.validate()
        } catch {
            throw DevServerError("Invalid config file \(path): \(error.message)")
        }
        return config
    }

    /// Checks what the JSON types alone cannot: unique ids, at least one version, etc.
    public func validate() throws(DevServerError) {
        guard !workspaces.isEmpty else { throw DevServerError("no workspaces") }
        var workspaceIds = Set<Int>()
        var appIds = Set<Int>()
        var appUUIDs = Set<String>()
        for workspace in workspaces {
            let at = "workspace \(workspace.id)"
            guard workspaceIds.insert(workspace.id).inserted else {
                throw DevServerError("duplicate workspace id \(workspace.id)")
            }
            guard !workspace.apiKey.isEmpty else { throw DevServerError("\(at): api_key is empty") }
            for app in workspace.apps {
                let at = "\(at), app \(app.id)"
                guard appIds.insert(app.id).inserted else {
                    throw DevServerError("duplicate app id \(app.id)")
                }
                // Apps are looked up by id or uuid in the same URL slot, so a numeric uuid
                // would be ambiguous.
                guard !app.uuid.isEmpty, Int(app.uuid) == nil else {
                    throw DevServerError("\(at): uuid must be a non-empty, non-numeric string")
                }
                guard appUUIDs.insert(app.uuid).inserted else {
                    throw DevServerError("duplicate app uuid \"\(app.uuid)\"")
                }
                switch app.type {
                case .workflow:
                    guard app.agent == nil else { throw DevServerError("\(at): only agent apps have an agent") }
                    try Self.validate(versions: app.versions, at: at)
                case .agent:
                    guard app.versions.isEmpty else { throw DevServerError("\(at): agent apps have no versions") }
                    guard let agent = app.agent else { throw DevServerError("\(at): an agent app needs an agent") }
                    try Self.validate(agent: agent, at: at)
                }
            }
        }
        try validateRealtime()
    }

    private static func validate(versions: [Version], at: String) throws(DevServerError) {
        guard !versions.isEmpty else { throw DevServerError("\(at): no versions") }
        var versionNumbers = Set<Int>()
        for version in versions {
            guard version.version > 0, versionNumbers.insert(version.version).inserted else {
                throw DevServerError("\(at): version \(version.version) is duplicate or not positive")
            }
            guard version.durationMs >= 0 else {
                throw DevServerError("\(at), version \(version.version): duration_ms is negative")
            }
            guard (version.chunkCount ?? 1) > 0 else {
                throw DevServerError("\(at), version \(version.version): chunk_count is not positive")
            }
        }
    }

    private static func validate(agent: Agent, at: String) throws(DevServerError) {
        guard agent.tokenDelayMs >= 0 else { throw DevServerError("\(at): token_delay_ms is negative") }
        guard agent.tools.allSatisfy({ !$0.name.isEmpty }) else {
            throw DevServerError("\(at): a tool has an empty name")
        }
    }

    private func validateRealtime() throws(DevServerError) {
        // The key is a URL path segment and the app id one too; keep both plain.
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
        let plain = { (text: String) in !text.isEmpty && text.allSatisfy(allowed.contains) }
        guard plain(realtime.appId) else { throw DevServerError("realtime: app_id must be letters, digits, - _ or .") }
        guard plain(realtime.key) else { throw DevServerError("realtime: key must be letters, digits, - _ or .") }
        guard !realtime.secret.isEmpty else { throw DevServerError("realtime: secret is empty") }
        guard realtime.activityTimeout > 0 else { throw DevServerError("realtime: activity_timeout is not positive") }
        guard realtime.maxQueuedFrames > 0 else { throw DevServerError("realtime: max_queued_frames is not positive") }
    }
}

private func readFailureReason(_ error: any Error) -> String {
    if let posix = (error as? CocoaError)?.underlying as? POSIXError {
        return String(cString: strerror(posix.code.rawValue))
    }
    return "\(error)"
}

/// A decoding error as "at workspaces[0].apps[1]: <what is wrong>".
private func describe(_ error: DecodingError) -> String {
    func path(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text.isEmpty ? "top level" : text
    }
    switch error {
    case .keyNotFound(let key, let context):
        return "at \(path(context.codingPath)): missing key \"\(key.stringValue)\""
    case .typeMismatch(let type, let context):
        return "at \(path(context.codingPath)): expected \(type)"
    case .valueNotFound(let type, let context):
        return "at \(path(context.codingPath)): expected \(type), found null"
    case .dataCorrupted(let context):
        return "at \(path(context.codingPath)): \(context.debugDescription)"
    @unknown default:
        return "\(error)"
    }
}
