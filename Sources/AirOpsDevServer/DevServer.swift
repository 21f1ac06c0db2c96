import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import HummingbirdWebSocket
import Logging

/// A local AirOps server for development and tests, all on one port: the sdk_api endpoints
/// over the workspaces and apps of a ``DevServerConfig``, the realtime (Pusher Channels)
/// WebSocket server and its HTTP trigger API, and a few `/dev/` endpoints for tests,
/// among them fault injection (``FaultRoutes``).
public struct DevServer: Sendable {
    public let config: DevServerConfig
    /// The bearer token of the fault endpoints.
    public let adminToken: String
    private let logLevel: Logger.Level

    /// - Parameters:
    ///   - logLevel: `.info` logs one line per request (to stderr, unless the process
    ///     bootstrapped swift-log otherwise); the default logs only problems.
    ///   - adminToken: nil picks a random one.
    public init(config: DevServerConfig, logLevel: Logger.Level = .warning, adminToken: String? = nil) {
        self.config = config
        self.logLevel = logLevel
        self.adminToken = adminToken ?? AdminToken.random().value
    }

    /// Starts serving and returns once the server listens. Port 0 picks a free port; with
    /// `tls` the server speaks HTTPS and wss.
    public func start(host: String = "127.0.0.1", port: Int = 0, tls: DevServerTLS? = nil) async throws
        -> RunningDevServer
    {
        let store = ExecutionStore()
        let hub = RealtimeHub()
        let faults = FaultInjector(hub: hub)
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        // Stopping cancels the server, which Hummingbird reports as an error: keep its own
        // log to critical problems.
        let app = try makeApplication(
            host: host, port: port, tls: tls, store: store, hub: hub, faults: faults, frameworkLogLevel: .critical
        ) {
            portContinuation.yield($0)
            portContinuation.finish()
        }
        let serverTask = Task {
            // Ends the wait below also when the server fails before it listens.
            defer { portContinuation.finish() }
            try await app.run()
        }
        return try await withTaskCancellationHandler {
            for await boundPort in ports {
                return RunningDevServer(
                    host: host, port: boundPort, secure: tls != nil, adminToken: adminToken, serverTask: serverTask,
                    store: store, hub: hub, faults: faults)
            }
            try await serverTask.value
            throw DevServerError("The server stopped before it listened on \(host):\(port)")
        } onCancel: {
            serverTask.cancel()
        }
    }

    /// Serves until SIGINT or SIGTERM, then shuts down gracefully (requests in progress are
    /// answered) and returns. `onListening` gets the base URL once the server listens; with
    /// `tls` the server speaks HTTPS and wss.
    public func run(
        host: String = "127.0.0.1", port: Int = 0, tls: DevServerTLS? = nil,
        onListening: @escaping @Sendable (_ baseURL: String) -> Void
    ) async throws {
        let store = ExecutionStore()
        let hub = RealtimeHub()
        let faults = FaultInjector(hub: hub)
        let app = try makeApplication(
            host: host, port: port, tls: tls, store: store, hub: hub, faults: faults, frameworkLogLevel: logLevel
        ) {
            onListening(
                baseURL(host: advertisedHost(host, tls: tls != nil), port: $0, scheme: tls == nil ? "http" : "https"))
        }
        try await app.runService()
        faults.clear()
        await store.cancelAll()
    }

    private func makeApplication(
        host: String, port: Int, tls: DevServerTLS?, store: ExecutionStore, hub: RealtimeHub, faults: FaultInjector,
        frameworkLogLevel: Logger.Level,
        onListening: @escaping @Sendable (_ port: Int) -> Void
    ) throws -> some ApplicationProtocol {
        try config.validate()
        var logger = Logger(label: "airops-dev-server")
        logger.logLevel = logLevel
        var frameworkLogger = logger
        frameworkLogger.logLevel = max(logLevel, frameworkLogLevel)
        let identities = IdentityCheck(config)
        let router = Router()
        router.add(middleware: RequestLogMiddleware(logger: logger))
        router.add(middleware: JSONErrorMiddleware(logger: logger))
        router.add(middleware: FaultMiddleware(faults: faults))
        SDKRoutes(
            catalog: AppCatalog(config), identities: identities, store: store, hub: hub, sessions: AgentSessions()
        ).add(to: router)
        PusherAuthRoute(settings: config.realtime, identities: identities).add(to: router)
        TriggerRoutes(settings: config.realtime, hub: hub).add(to: router)
        let admin = AdminToken(value: adminToken)
        DevRoutes(hub: hub, store: store, faults: faults, adminToken: admin).add(to: router)
        FaultRoutes(faults: faults, adminToken: admin).add(to: router)
        // WebSocket upgrades are routed apart, so that HTTP requests never try these routes.
        let webSocketRouter = Router(context: RealtimeRequestContext.self)
        RealtimeSocketRoute(settings: config.realtime, hub: hub).add(to: webSocketRouter)
        let plain = HTTPServerBuilder.http1WebSocketUpgrade(
            webSocketRouter: webSocketRouter,
            configuration: .init(
                http1: .init(additionalChannelHandlers: [ConnectionRefusal(faults: faults)]),
                ws: .init(maxFrameSize: RealtimeSocketRoute.maxMessageSize)))
        return Application(
            router: router,
            server: try tls.map { try .tls(plain, tlsConfiguration: $0.configuration) } ?? plain,
            configuration: .init(address: .hostname(host, port: port)),
            onServerRunning: { onListening($0.localAddress?.port ?? port) },
            logger: frameworkLogger)
    }
}

/// The URL of a server at `host` and `port`; IPv6 addresses go in brackets.
func baseURL(host: String, port: Int, scheme: String = "http") -> String {
    host.contains(":") ? "\(scheme)://[\(host)]:\(port)" : "\(scheme)://\(host):\(port)"
}

/// A started ``DevServer``; ``stop()`` shuts it down.
public final class RunningDevServer: Sendable {
    public let host: String
    public let port: Int
    /// Whether the server speaks HTTPS and wss.
    public let secure: Bool
    /// The bearer token of the fault endpoints.
    public let adminToken: String
    private let serverTask: Task<Void, any Error>
    private let store: ExecutionStore
    private let hub: RealtimeHub
    private let faults: FaultInjector

    init(
        host: String, port: Int, secure: Bool, adminToken: String, serverTask: Task<Void, any Error>, store: ExecutionStore,
        hub: RealtimeHub, faults: FaultInjector
    ) {
        self.host = host
        self.port = port
        self.secure = secure
        self.adminToken = adminToken
        self.serverTask = serverTask
        self.store = store
        self.hub = hub
        self.faults = faults
    }

    /// Where clients reach the server, e.g. `http://127.0.0.1:8080`, or with TLS
    /// `https://localhost:8080`.
    public var baseURL: String {
        AirOpsDevServer.baseURL(host: advertisedHost(host, tls: secure), port: port, scheme: secure ? "https" : "http")
    }

    /// Where realtime clients connect, e.g. `ws://127.0.0.1:8080` or `wss://localhost:8080`
    /// (then `/app/<key>`).
    public var realtimeURL: String {
        AirOpsDevServer.baseURL(host: advertisedHost(host, tls: secure), port: port, scheme: secure ? "wss" : "ws")
    }

    /// Stops running executions, closes the listening socket and the connections (requests
    /// in progress and realtime connections are cut off), and returns when the server is
    /// down. Calling it again does nothing.
    /// How many times clients have read an execution record (GET): what waiting cost them.
    public var executionsRead: Int {
        get async { await store.readCount }
    }

    public func stop() async {
        faults.clear()
        await store.cancelAll()
        hub.closeAll(code: nil)
        serverTask.cancel()
        _ = try? await serverTask.value
    }
}
