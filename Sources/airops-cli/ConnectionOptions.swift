import AirOps
import ArgumentParser

/// Where the API is and who the user is: options first, then the environment. Without any
/// identity the client is public (it runs public apps only).
struct ConnectionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The API host (default: $AIROPS_HOST, else https://app.airops.com).", valueName: "url"))
    var host: String?

    @Option(help: ArgumentHelp("The workspace id (default: $AIROPS_WORKSPACE_ID).", valueName: "id"))
    var workspaceId: String?

    @Option(help: ArgumentHelp("The end user's id (default: $AIROPS_USER_ID).", valueName: "id"))
    var userId: String?

    @Option(
        help: ArgumentHelp(
            "The end user's hashed id (default: --hashed-user-id-file, $AIROPS_HASHED_USER_ID, else HMAC of the user id with $AIROPS_API_KEY). Other local users can read it in the process list: prefer --hashed-user-id-file or $AIROPS_HASHED_USER_ID.",
            valueName: "hex"))
    var hashedUserId: String?

    @Option(
        help: ArgumentHelp(
            "A file that holds the end user's hashed id, '-' for stdin; one trailing newline is ignored.",
            valueName: "path"))
    var hashedUserIdFile: String?

    @Option(
        help: ArgumentHelp(
            "The HTTP proxy of every connection, http://[user:password@]host[:port]; \"\" connects directly (default: $HTTPS_PROXY, $HTTP_PROXY or $ALL_PROXY).",
            valueName: "url"))
    var proxy: String?

    @Option(
        help: ArgumentHelp(
            "Hosts reached without the proxy: comma-separated host names, domains, addresses and CIDR ranges, each with an optional :port, or \"*\" (default: $NO_PROXY).",
            valueName: "list"))
    var noProxy: String?

    @Option(
        help: ArgumentHelp(
            "What to do with an HTTP redirect: never (it is an error) or same-origin (follow it to the same scheme, host and port only).",
            valueName: "policy"))
    var followRedirects: RedirectChoice = .never

    @Flag(
        name: .customLong("allow-insecure-http"),
        help: "Allow plain http:// to a host that is not loopback with an identity (the hashed user id travels unencrypted).")
    var allowsInsecureHTTP = false

    func validate() throws {
        try hashedUserIdInput.validate()
    }

    /// Whether the identity is read from stdin, which the command cannot then read too.
    var readsStandardInput: Bool { hashedUserIdInput.readsStandardInput }

    private var hashedUserIdInput: SecretInput {
        SecretInput(
            option: "--hashed-user-id", value: hashedUserId, file: hashedUserIdFile, environment: "AIROPS_HASHED_USER_ID")
    }

    /// Runs `body` with a client, and shuts the client down afterwards, also when `body` throws.
    func withClient<T>(_ body: (AirOpsClient) async throws -> T) async throws -> T {
        let client = try AirOpsClient(configuration: try configuration())
        do {
            let value = try await body(client)
            await client.shutdown()
            return value
        } catch {
            await client.shutdown()
            throw error
        }
    }

    private func configuration() throws -> ClientConfiguration {
        var configuration = ClientConfiguration(identity: try identity())
        // The realtime endpoint (AIROPS_PUSHER_KEY with AIROPS_REALTIME_URL or
        // AIROPS_PUSHER_CLUSTER) comes from the environment only; the proxy variables come
        // from it unless the options override them.
        try configuration.loadEnvironment()
        if let host { try configuration.setHost(host) }
        if let proxy { try configuration.setProxy(proxy) }
        if let noProxy { try configuration.setNoProxy(noProxy) }
        configuration.redirects = followRedirects.policy
        configuration.allowsInsecureHTTP = allowsInsecureHTTP
        return configuration
    }

    private func identity() throws -> Identity? {
        let userId = self.userId ?? environmentValue("AIROPS_USER_ID")
        let workspaceId = self.workspaceId ?? environmentValue("AIROPS_WORKSPACE_ID")
        let hashedUserId = try hashedUserIdInput.resolve()
        guard userId != nil || workspaceId != nil || hashedUserId != nil else { return nil }
        guard let userId, let workspaceId else {
            throw CommandFailure(
                .usage, "an identity needs a user id and a workspace id (--user-id or AIROPS_USER_ID, --workspace-id or AIROPS_WORKSPACE_ID)")
        }
        return try Identity(userId: userId, workspaceId: workspaceId, hashedUserId: try hashedUserId ?? developmentHash(of: userId))
    }

    /// In development the API key may be at hand; in production only the backend holds it and
    /// hands out hashed ids.
    private func developmentHash(of userId: String) throws -> String {
        guard let apiKey = environmentValue("AIROPS_API_KEY") else {
            throw CommandFailure(
                .usage,
                "no hashed user id: pass --hashed-user-id-file or set AIROPS_HASHED_USER_ID (or AIROPS_API_KEY to hash locally)")
        }
        return try hashUserId(apiKey: apiKey, userId: userId)
    }
}

/// `--follow-redirects`: the spelling of ``RedirectPolicy`` on the command line.
enum RedirectChoice: String, ExpressibleByArgument, CaseIterable {
    case never
    case sameOrigin = "same-origin"

    var policy: RedirectPolicy {
        switch self {
        case .never: .never
        case .sameOrigin: .sameOrigin
        }
    }
}
