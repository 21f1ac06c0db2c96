import AirOps
import FoundationEssentials
import Hummingbird

/// The `/sdk_api` endpoints the AirOps client SDKs call, with the same paths, headers and
/// bodies as the real service. Executions with a `stream_channel_id` and agent chats
/// stream through the realtime hub (``AppRunner``, ``AgentRunner``).
struct SDKRoutes: Sendable {
    /// Execute bodies are small JSON documents; anything larger is refused (413).
    static let maxBodySize = 1 << 20

    let catalog: AppCatalog
    let identities: IdentityCheck
    let store: ExecutionStore
    let hub: RealtimeHub
    let sessions: AgentSessions

    func add(to router: Router<some RequestContext>) {
        let api = router.group("sdk_api")
        api.get("airops_app_bases/{app}") { request, context in
            try describe(app: try authorizedApp(request, context).app)
        }
        api.post("airops_apps/{app}/async_execute") { request, context in
            try await execute(request, context, version: nil)
        }
        api.post("airops_apps/{app}/async_execute/v{version}") { request, context in
            try await execute(request, context, version: context.parameters.get("version") ?? "")
        }
        api.post("agent_apps/{app}/chat_stream") { request, context in
            try await chat(request, context)
        }
        api.get("airops_apps/executions/{execution}") { request, context in
            let execution = try await authorizedExecution(request, context)
            await store.countRead()
            return try jsonResponse(execution)
        }
        api.patch("airops_apps/executions/{execution}/cancel") { request, context in
            let execution = try await authorizedExecution(request, context)
            switch await store.cancel(execution.uuid) {
            case .cancelled:
                return Response(status: .noContent)
            case .alreadyFinished(let status):
                throw APIError.badRequest("Execution \(execution.uuid) has already finished with status \(status.rawValue)")
            case .notFound:
                throw APIError.notFound("Execution not found")
            }
        }
    }

    /// The app named in the path, if the caller may see it, and its owner for executions:
    /// the identified user for a private app, nobody for a public one. A private app of
    /// another workspace answers 404, as if it did not exist.
    func authorizedApp(_ request: Request, _ context: some RequestContext) throws(APIError)
        -> (app: AppCatalog.App, owner: VerifiedUser?)
    {
        guard let reference = context.parameters["app"].flatMap(decodePathSegment),
            let app = catalog.app(reference)
        else { throw .notFound("App not found") }
        if app.isPublic {
            _ = try identities.identity(in: request.headers)
            return (app, nil)
        }
        let identity = try identities.requiredIdentity(in: request.headers)
        guard identity.workspaceId == app.workspaceId else { throw .notFound("App not found") }
        return (app, identity)
    }

    /// The execution named in the path, if the caller may see it: only the user who
    /// started an execution of a private app may.
    private func authorizedExecution(_ request: Request, _ context: some RequestContext) async throws(APIError)
        -> ServerExecutionRecord
    {
        guard let uuid = context.parameters["execution"].flatMap(decodePathSegment),
            let (record, owner) = await store.lookup(uuid)
        else { throw .notFound("Execution not found") }
        if let owner {
            guard try identities.requiredIdentity(in: request.headers) == owner else {
                throw .notFound("Execution not found")
            }
        } else {
            _ = try identities.identity(in: request.headers)
        }
        return record
    }

    private func describe(app: AppCatalog.App) throws -> Response {
        struct Description: Encodable {
            let id: Int
            let uuid: String
            let name: String
            let isPublic: Bool
            let type: String
            let activeVersion: Int
            let versions: [Int]

            enum CodingKeys: String, CodingKey {
                case id, uuid, name, type, versions
                case isPublic = "public"
                case activeVersion = "active_version"
            }
        }
        return try jsonResponse(
            Description(
                id: app.id, uuid: app.uuid, name: app.name, isPublic: app.isPublic,
                type: app.agent == nil ? "workflow" : "agent", activeVersion: app.currentVersion.number,
                versions: app.versions.map(\.number)))
    }

    private func execute(_ request: Request, _ context: some RequestContext, version: String?) async throws
        -> Response
    {
        let (app, owner) = try authorizedApp(request, context)
        guard app.agent == nil else {
            throw APIError.badRequest(
                "\(app.name) is an agent app: chat with it through /sdk_api/agent_apps/\(app.id)/chat_stream")
        }
        let chosen: AppCatalog.Version
        if let version {
            guard let number = Int(version), String(number) == version, let found = app.version(number) else {
                throw APIError.notFound("Version \(version) not found")
            }
            chosen = found
        } else {
            chosen = app.currentVersion
        }
        let body = try ExecuteBody(try await request.body.collect(upTo: Self.maxBodySize))
        if let missing = chosen.template.inputNames.first(where: { body.inputs[$0, default: .null] == .null }) {
            throw APIError.badRequest("\(missing) can't be blank")
        }
        let record = await store.create(
            appId: app.id, version: chosen.number, workspaceId: app.workspaceId, inputs: body.inputs,
            streamChannelId: body.streamChannelId, owner: owner)
        let stream = body.streamChannelId.map {
            ExecutionStream(hub: hub, store: store, uuid: record.uuid, streamChannelId: $0, isPublic: app.isPublic)
        }
        await AppRunner(uuid: record.uuid, version: chosen, inputs: body.inputs, store: store, stream: stream).start()
        return try jsonResponse(["airops_app_execution": record])
    }
}

/// The body of an execute request: `{"inputs": {...}, "stream_channel_id": "..."}`. It may
/// be empty (the JS SDK sends none without a payload); other keys are ignored.
private struct ExecuteBody {
    var inputs: [String: JSONValue] = [:]
    var streamChannelId: String?

    init(_ buffer: ByteBuffer) throws(APIError) {
        let bytes = buffer.readableBytesView
        guard bytes.contains(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) else { return }
        guard let value = JSONValue(json: Data(bytes)) else {
            throw .badRequest("The request body is not valid JSON")
        }
        guard case .object(let fields) = value else { throw .badRequest("The request body must be a JSON object") }
        switch fields["inputs"] {
        case nil, .null?: break
        case .object(let inputs)?: self.inputs = inputs
        default: throw .badRequest("inputs must be a JSON object")
        }
        switch fields["stream_channel_id"] {
        case nil, .null?: break
        case .string(let channel)?: streamChannelId = channel
        default: throw .badRequest("stream_channel_id must be a string")
        }
    }
}
