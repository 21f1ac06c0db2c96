import AirOps

/// The lines `airops-dev-server` prints once it listens: where it is and the environment a
/// client needs to talk to it as user "demo-user" of the config's first workspace. Test
/// harnesses read them from a pipe; the last line is `# ready`.
public func startupBanner(baseURL: String, config: DevServerConfig) -> [String] {
    let userId = "demo-user"
    var lines = [
        "# airops-dev-server listening on \(baseURL)",
        "# Point a client at it with:",
        "export AIROPS_HOST=\(baseURL)",
    ]
    if let workspace = config.workspaces.first,
        let hashed = try? hashUserId(apiKey: workspace.apiKey, userId: userId)
    {
        lines += [
            "export AIROPS_WORKSPACE_ID=\(workspace.id)",
            "export AIROPS_USER_ID=\(userId)",
            "export AIROPS_API_KEY=\(workspace.apiKey)",
            "export AIROPS_HASHED_USER_ID=\(hashed)",
        ]
    }
    lines.append("# ready")
    return lines
}
