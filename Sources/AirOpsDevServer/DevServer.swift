import Hummingbird
import Logging

/// A local AirOps server for development and tests: the sdk_api endpoints over the
/// workspaces and apps of a ``DevServerConfig``.
public struct DevServer: Sendable {
    public let config: DevServerConfig
    private let logLevel: Logger.Level

    /// - Parameter logLevel: `.info` logs one line per request (to stderr, unless the
    ///   process bootstrapped swift-log otherwise); the default logs only problems.
    public init(config: DevServerConfig, logLevel: Logger.Level = .warning) {
        self.config = config
        self.logLevel = logLevel
    }

    /// Starts serving and returns once the server listens. Port 0 picks a free port.
    public func start(host: String = "127.0.0.1", port: Int = 0) async throws -> RunningDevServer {
        try config.validate()
        var logger = Logger(label: "airops-dev-server")
        logger.logLevel = logLevel
        let store = ExecutionStore()
        let router = Router()
        router.add(middleware: RequestLogMiddleware(logger: logger))
        router.add(middleware: JSONErrorMiddleware(logger: logger))
        SDKRoutes(catalog: AppCatalog(config), identities: IdentityCheck(config), store: store).add(to: router)

        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port)),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? port)
                portContinuation.finish()
            },
            logger: logger)
        let serverTask = Task {
            // Ends the wait below also when the server fails before it listens.
            defer { portContinuation.finish() }
            try await app.run()
        }
        return try await withTaskCancellationHandler {
            for await boundPort in ports {
                return RunningDevServer(host: host, port: boundPort, serverTask: serverTask, store: store)
            }
            try await serverTask.value
            throw DevServerConfigError("The server stopped before it listened on \(host):\(port)")
        } onCancel: {
            serverTask.cancel()
        }
    }
}

/// A started ``DevServer``; ``stop()`` shuts it down.
public final class RunningDevServer: Sendable {
    public let host: String
    public let port: Int
    private let serverTask: Task<Void, any Error>
    private let store: ExecutionStore

    init(host: String, port: Int, serverTask: Task<Void, any Error>, store: ExecutionStore) {
        self.host = host
        self.port = port
        self.serverTask = serverTask
        self.store = store
    }

    /// Where clients reach the server, e.g. `http://127.0.0.1:8080`.
    public var baseURL: String {
        host.contains(":") ? "http://[\(host)]:\(port)" : "http://\(host):\(port)"
    }

    /// Stops running executions, closes the listening socket and the connections, and
    /// returns when the server is down. Calling it again does nothing.
    public func stop() async {
        await store.cancelAll()
        serverTask.cancel()
        _ = try? await serverTask.value
    }
}
