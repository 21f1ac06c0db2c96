import FoundationEssentials
import Logging

/// A client of the AirOps SDK API: runs apps, fetches and waits for their results, cancels
/// them. One client holds one connection pool; share it between tasks and threads.
public final class AirOpsClient: Sendable {
    public let configuration: ClientConfiguration
    let transport: HTTPTransport

    public init(
        configuration: ClientConfiguration = ClientConfiguration(),
        logger: Logger = Logger(label: "airops", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.configuration = configuration
        self.transport = HTTPTransport(configuration: configuration, logger: logger)
    }

    /// A client that acts for an identified end user, like the JavaScript SDK's
    /// `AirOps.identify({userId, workspaceId, hashedUserId, host})`.
    public static func identify(
        userId: String, workspaceId: String, hashedUserId: String, host: String? = nil
    ) throws(AirOpsError) -> AirOpsClient {
        var configuration = ClientConfiguration(
            identity: try Identity(userId: userId, workspaceId: workspaceId, hashedUserId: hashedUserId))
        if let host { try configuration.setHost(host) }
        return AirOpsClient(configuration: configuration)
    }

    /// Closes the client's connections. Calls made afterwards fail.
    public func shutdown() async {
        await transport.shutdown()
    }

    /// Describes an app.
    public func app(id appId: String) async throws(AirOpsError) -> AppInfo {
        try Self.requireId(appId, "app id")
        let response = try await transport.send(.GET, "/sdk_api/airops_app_bases/\(pathSegment(appId))?methods=type")
        return try AppInfo(body: response.body)
    }

    /// Starts an execution of an app and returns without waiting for its result.
    /// - Parameter version: the app version to run; nil runs the current version.
    public func execute(
        appId: String, inputs: [String: JSONValue] = [:], version: Int? = nil
    ) async throws(AirOpsError) -> Execution {
        try Self.requireId(appId, "app id")
        var path = "/sdk_api/airops_apps/\(pathSegment(appId))/async_execute"
        if let version {
            guard version > 0 else { throw AirOpsError(.invalidArgument, "version must be positive (got \(version))") }
            path += "/v\(version)"
        }
        let body = Data(JSONValue.object(["inputs": .object(inputs)]).jsonText.utf8)
        let response = try await transport.send(.POST, path, json: body)
        guard let answer = try? JSONDecoder().decode(JSONValue.self, from: response.body),
            case .string(let executionId)? = answer["airops_app_execution"]?["uuid"], !executionId.isEmpty
        else {
            throw AirOpsError(.protocolViolation, "the execute answer has no airops_app_execution.uuid")
        }
        return Execution(id: executionId, client: self)
    }

    /// An execution known by its id (uuid), e.g. one started elsewhere. Sends no request.
    public func execution(id executionId: String) throws(AirOpsError) -> Execution {
        try Self.requireId(executionId, "execution id")
        return Execution(id: executionId, client: self)
    }

    private static func requireId(_ id: String, _ what: String) throws(AirOpsError) {
        guard !id.isEmpty else { throw AirOpsError(.invalidArgument, "You must provide an \(what).") }
    }
}
