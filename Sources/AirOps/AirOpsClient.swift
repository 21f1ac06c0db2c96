import FoundationEssentials
import Logging
import Synchronization

/// A client of the AirOps SDK API: runs apps, fetches and waits for their results, cancels
/// them. One client holds one connection pool; share it between tasks and threads.
public final class AirOpsClient: Sendable {
    public let configuration: ClientConfiguration
    let transport: HTTPTransport
    let logger: Logger
    /// Opened on the first streamed call, then shared by all of them.
    private let realtimeConnection = Mutex<RealtimeConnection?>(nil)
    /// Whether each app is public, which names its channels; asked once per app.
    private let appIsPublic = Mutex<[String: Bool]>([:])
    let runtimes = RuntimeHints()
    /// The process the client was made in: in a child forked later every call throws
    /// ``AirOpsError/Kind/forked`` at once, since the connections are the parent's.
    public let process = ProcessStamp()
    private let isShutDown = Atomic<Bool>(false)

    /// Checks the configuration against the ``NetworkPolicy`` and makes the client; sends
    /// nothing yet. Throws ``AirOpsError/Kind/invalidArgument`` for an identified client on
    /// plain http:// to a host that is not loopback (unless
    /// ``ClientConfiguration/allowsInsecureHTTP``), and for a ws:// realtime URL next to an
    /// https:// host.
    public init(
        configuration: ClientConfiguration = ClientConfiguration(),
        logger: Logger = Logger(label: "airops", factory: { _ in SwiftLogNoOpLogHandler() })
    ) throws(AirOpsError) {
        self.configuration = configuration
        self.logger = logger
        self.transport = HTTPTransport(
            policy: try NetworkPolicy(configuration), retryPolicy: configuration.retryPolicy, logger: logger)
    }

    /// A client that acts for an identified end user, like the JavaScript SDK's
    /// `AirOps.identify({userId, workspaceId, hashedUserId, host})`.
    public static func identify(
        userId: String, workspaceId: String, hashedUserId: String, host: String? = nil
    ) throws(AirOpsError) -> AirOpsClient {
        var configuration = ClientConfiguration(
            identity: try Identity(userId: userId, workspaceId: workspaceId, hashedUserId: hashedUserId))
        if let host { try configuration.setHost(host) }
        return try AirOpsClient(configuration: configuration)
    }

    /// Closes the client's connections. Calls made afterwards fail. In a forked child it
    /// leaves an inherited client's connections to the parent and returns at once.
    public func shutdown() async {
        guard !process.isInherited else { return }
        isShutDown.store(true, ordering: .releasing)
        if let realtime = realtimeConnection.withLock({ $0 }) { await realtime.shutdown() }
        await transport.shutdown()
    }

    /// How many realtime connections this client has opened so far (reconnects included).
    public func realtimeConnectionsOpened() async -> Int {
        guard !process.isInherited, let realtime = realtimeConnection.withLock({ $0 }) else { return 0 }
        return await realtime.connectionsOpened
    }

    /// Describes an app.
    public func app(id appId: String) async throws(AirOpsError) -> AppInfo {
        try checkUsable()
        try Self.requireId(appId, "app id")
        let response = try await transport.send(.GET, "/sdk_api/airops_app_bases/\(pathSegment(appId))?methods=type")
        return try AppInfo(body: response.body)
    }

    /// The app versions there can be: the server's version numbers are 32-bit.
    public static let versions = 1...Int(Int32.max)

    /// Checks the `version` argument of ``execute(appId:inputs:version:streaming:)``, which
    /// does so itself: nil (the app's current version) or one of ``versions``. For callers that
    /// must refuse a bad version before they start the call.
    public static func validate(version: Int?) throws(AirOpsError) {
        guard let version, !versions.contains(version) else { return }
        throw AirOpsError(.invalidArgument, "version must be a version number from 1 to \(versions.upperBound) (got \(version))")
    }

    /// Starts an execution of an app and returns without waiting for its result.
    /// - Parameters:
    ///   - version: the app version to run; nil runs the current version.
    ///   - streaming: deliver the output as it is produced, through ``Execution/events``;
    ///     needs ``ClientConfiguration/realtime``. The channel is subscribed before the
    ///     execution starts, so no chunk is missed.
    public func execute(
        appId: String, inputs: [String: JSONValue] = [:], version: Int? = nil, streaming: Bool = false
    ) async throws(AirOpsError) -> Execution {
        try checkUsable()
        try Self.requireId(appId, "app id")
        try Self.validate(version: version)
        var path = "/sdk_api/airops_apps/\(pathSegment(appId))/async_execute"
        if let version { path += "/v\(version)" }
        let body: [String: JSONValue] = ["inputs": .object(inputs)]
        guard streaming else {
            let startedAt = ContinuousClock.now
            let id = try await start(path, body: body)
            return Execution(id: id, client: self, origin: ("\(appId)@\(version ?? 0)", startedAt))
        }
        return try await startStreamed(appId: appId, isChat: false, sessionId: nil) { [path] (channelId) throws(AirOpsError) in
            try await self.start(path, body: body.merging(["stream_channel_id": .string(channelId)]) { $1 })
        }
    }

    /// Sends one message to an agent app and streams its answer: `agent-action`,
    /// `agent-action-error` and `agent-response` events, then `completed` with the result.
    /// - Parameter sessionId: the conversation to continue; nil starts a new one (see
    ///   ``Execution/sessionId``).
    public func chat(
        appId: String, message: String, inputs: [String: JSONValue]? = nil, sessionId: String? = nil
    ) async throws(AirOpsError) -> Execution {
        try checkUsable()
        try Self.requireId(appId, "app id")
        guard !message.isEmpty else { throw AirOpsError(.invalidArgument, "You must provide a message, appId and streamCallback.") }
        if let sessionId { try Self.requireId(sessionId, "session id") }
        let session = sessionId ?? UUID().uuidString.lowercased()
        let path = "/sdk_api/agent_apps/\(pathSegment(appId))/chat_stream"
        return try await startStreamed(appId: appId, isChat: true, sessionId: session) { (channelId) throws(AirOpsError) in
            var body: [String: JSONValue] = [
                "definition": .null, "message": .string(message),
                "stream_channel_id": .string(channelId), "session_id": .string(session),
            ]
            if let inputs { body["inputs"] = .object(inputs) }
            return try await self.start(path, body: body)
        }
    }

    /// POSTs a request that starts an execution and returns the execution's uuid.
    private func start(_ path: String, body: [String: JSONValue]) async throws(AirOpsError) -> String {
        let response = try await transport.send(.POST, path, body: Data(JSONValue.object(body).jsonText.utf8), effect: .startsWork)
        return try ServerAnswer.executionId(response.body)
    }

    /// Subscribes to a new channel, then starts the execution that publishes on it.
    private func startStreamed(
        appId: String, isChat: Bool, sessionId: String?,
        start: @Sendable (_ channelId: String) async throws(AirOpsError) -> String
    ) async throws(AirOpsError) -> Execution {
        let realtime = try realtime()
        let channelId = UUID().uuidString.lowercased()
        let channel = "\(try await isPublic(appId: appId) ? "public" : "private")-\(channelId)"
        let live = LiveUpdates(
            channel: channel, isChat: isChat, realtime: realtime, maxBufferedEvents: configuration.maxBufferedEvents)
        // The execution id is known only after the start request; until then, and for
        // recovering lost events, the record is read through this box.
        let executionId = Mutex<String?>(nil)
        try await realtime.subscribe(channel) { [weak self] signal in
            let client = self
            live.receive(signal) { () throws(AirOpsError) in
                guard let client, let id = executionId.withLock({ $0 }) else {
                    throw AirOpsError(.internal, "the execution has not started yet")
                }
                return try await Execution(id: id, client: client).fetch()
            }
        }
        do throws(AirOpsError) {
            let id = try await start(channelId)
            executionId.withLock { $0 = id }
            return Execution(id: id, client: self, sessionId: sessionId, live: live)
        } catch {
            live.close()
            throw error
        }
    }

    private func realtime() throws(AirOpsError) -> RealtimeConnection {
        guard let endpoint = configuration.realtime else {
            throw AirOpsError(.invalidArgument,
                "streaming needs a realtime endpoint: set a Pusher key with a cluster or a realtime URL (AIROPS_PUSHER_KEY with AIROPS_PUSHER_CLUSTER or AIROPS_REALTIME_URL)")
        }
        return realtimeConnection.withLock { connection in
            if let connection { return connection }
            let created = RealtimeConnection(
                endpoint: endpoint, network: transport.policy, subscriptionTimeout: configuration.subscriptionTimeout,
                logger: logger
            ) { [transport] (socketId, channel) throws(AirOpsError) in
                try await Self.authorize(transport: transport, socketId: socketId, channel: channel)
            }
            connection = created
            return created
        }
    }

    /// Channel authorization through the SDK API, as pusher-js does it: a form body, the
    /// identity headers, `{"auth": "key:signature"}` back.
    private static func authorize(transport: HTTPTransport, socketId: String, channel: String) async throws(AirOpsError) -> String {
        let form = "socket_id=\(formEncoded(socketId))&channel_name=\(formEncoded(channel))"
        let response = try await transport.send(
            .POST, "/sdk_api/pusher/auth", body: Data(form.utf8), contentType: "application/x-www-form-urlencoded")
        return try ServerAnswer.channelAuthorization(response.body)
    }

    private func isPublic(appId: String) async throws(AirOpsError) -> Bool {
        if let known = appIsPublic.withLock({ $0[appId] }) { return known }
        let isPublic = try await app(id: appId).isPublic
        appIsPublic.withLock { $0[appId] = isPublic }
        return isPublic
    }

    /// An execution known by its id (uuid), e.g. one started elsewhere. Sends no request.
    public func execution(id executionId: String) throws(AirOpsError) -> Execution {
        try checkUsable()
        try Self.requireId(executionId, "execution id")
        return Execution(id: executionId, client: self)
    }

    /// Throws for a client of the parent process (``AirOpsError/Kind/forked``) and for one
    /// that was shut down (``AirOpsError/Kind/invalidArgument``).
    func checkUsable(_ what: String = "client") throws(AirOpsError) {
        try process.check(what)
        guard !isShutDown.load(ordering: .acquiring) else {
            throw AirOpsError(.invalidArgument, what == "client" ? "the client has been closed" : "the \(what)'s client has been closed")
        }
    }

    private static func requireId(_ id: String, _ what: String) throws(AirOpsError) {
        guard !id.isEmpty else { throw AirOpsError(.invalidArgument, "You must provide an \(what).") }
    }
}
