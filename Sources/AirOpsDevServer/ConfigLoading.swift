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
                guard !app.versions.isEmpty else { throw DevServerError("\(at): no versions") }
                var versionNumbers = Set<Int>()
                for version in app.versions {
                    guard version.version > 0, versionNumbers.insert(version.version).inserted else {
                        throw DevServerError("\(at): version \(version.version) is duplicate or not positive")
                    }
                    guard version.durationMs >= 0 else {
                        throw DevServerError("\(at), version \(version.version): duration_ms is negative")
                    }
                }
            }
        }
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
