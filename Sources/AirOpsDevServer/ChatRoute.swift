import AirOps
import FoundationEssentials
import Hummingbird

extension SDKRoutes {
    /// `POST /sdk_api/agent_apps/{app}/chat_stream`: one message to an agent app, with the
    /// JS SDK's body `{"definition": null, "inputs": {...} (optional), "message": "...",
    /// "stream_channel_id": "<uuid>", "session_id": "<uuid>"}`. Answers
    /// `{"airops_app_execution": <record>, "session_id": "<id>"}` and plays the turn on the
    /// stream (``AgentRunner``). Identity as for executions; 404 for an app that is not an
    /// agent.
    func chat(_ request: Request, _ context: some RequestContext) async throws -> Response {
        let (app, owner) = try authorizedApp(request, context)
        guard let agent = app.agent else { throw APIError.notFound("Agent app not found") }
        let body = try ChatBody(try await request.body.collect(upTo: Self.maxBodySize))
        let (number, previous) = await sessions.record(body.message, appId: app.id, sessionId: body.sessionId)
        let turn = agent.turn(number: number, message: body.message, previousMessage: previous, inputs: body.inputs)
        let record = await store.create(
            appId: app.id, version: app.currentVersion.number, workspaceId: app.workspaceId, inputs: body.inputs,
            streamChannelId: body.streamChannelId, owner: owner)
        let stream = ExecutionStream(
            hub: hub, store: store, uuid: record.uuid, streamChannelId: body.streamChannelId, isPublic: app.isPublic)
        await AgentRunner(uuid: record.uuid, turn: turn, tokenDelay: agent.tokenDelay, store: store, stream: stream)
            .start()
        return try jsonResponse(ChatAnswer(execution: record, sessionId: body.sessionId))
    }
}

private struct ChatAnswer: Encodable {
    let execution: ServerExecutionRecord
    let sessionId: String

    enum CodingKeys: String, CodingKey {
        case execution = "airops_app_execution"
        case sessionId = "session_id"
    }
}

/// The body of a chat request; `definition` and unknown keys are ignored.
private struct ChatBody {
    var inputs: [String: JSONValue] = [:]
    let message: String
    let sessionId: String
    let streamChannelId: String

    init(_ buffer: ByteBuffer) throws(APIError) {
        guard
            case .object(let fields)? = JSONValue(json: Data(buffer.readableBytesView))
        else { throw .badRequest("The request body must be a JSON object") }
        switch fields["inputs"] {
        case nil, .null?: break
        case .object(let inputs)?: self.inputs = inputs
        default: throw .badRequest("inputs must be a JSON object")
        }
        message = try Self.text(fields, "message")
        sessionId = try Self.text(fields, "session_id")
        streamChannelId = try Self.text(fields, "stream_channel_id")
    }

    private static func text(_ fields: [String: JSONValue], _ name: String) throws(APIError) -> String {
        guard case .string(let text)? = fields[name], !text.isEmpty else { throw .badRequest("\(name) can't be blank") }
        return text
    }
}
