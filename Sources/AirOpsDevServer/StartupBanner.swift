import AirOps

/// The lines `airops-dev-server` prints once it listens: where it is and the environment a
/// client needs to talk to it as user "demo-user" of the config's first workspace, and to
/// its realtime server, and the admin token of the /dev/ endpoints when given. Test
/// harnesses read them from a pipe; the last line is `# ready`.
public func startupBanner(baseURL: String, config: DevServerConfig, adminToken: String? = nil) -> [String] {
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
    let realtime = config.realtime
    lines += [
        // The realtime server shares the port: http becomes ws, https wss.
        "export AIROPS_REALTIME_URL=ws\(baseURL.dropFirst("http".count))",
        "export AIROPS_PUSHER_KEY=\(realtime.key)",
        "export AIROPS_PUSHER_APP_ID=\(realtime.appId)",
        "export AIROPS_PUSHER_SECRET=\(realtime.secret)",
    ]
    if let adminToken {
        lines.append("export AIROPS_DEV_ADMIN_TOKEN=\(adminToken)")
    }
    return lines + ["# ready"]
}
