import AirOps
import NIOConcurrencyHelpers
import Testing

@testable import AirOpsDevServer

/// Agent chats against the built-in demo agents, whose script the README relies on.
@Suite(.timeLimit(.minutes(1))) struct ChatTests {
    static let demo = TestIdentity(userId: "demo-user", workspaceId: 1, apiKey: "demo-api-key")

    private func body(_ message: String, session: String, stream: String) -> String {
        JSONValue.object([
            "definition": .null, "message": .string(message), "session_id": .string(session),
            "stream_channel_id": .string(stream),
        ]).jsonText
    }

    /// Sends one chat message and returns its events up to `completed`, the answer, and the
    /// record fetched when `completed` arrived.
    private func chat(
        _ server: TestServer, _ message: String, session: String, app: String = "demo-agent",
        identity: TestIdentity? = demo
    ) async throws -> (events: [PusherFrame], answer: TestResponse, record: TestResponse) {
        let stream = "chat-\(Int.random(in: 0..<1_000_000))"
        let channel = (app == "public-agent" ? "public-" : "private-") + stream
        let result = NIOLockedValueBox<(events: [PusherFrame], answer: TestResponse, record: TestResponse)?>(nil)
        try await server.withSocket { socket in
            try await socket.established()
            try await socket.join(channel)
            let answer = try await server.send(
                "POST", "/sdk_api/agent_apps/\(app)/chat_stream", identity: identity,
                body: body(message, session: session, stream: stream))
            #expect(answer.status == 200, "\(answer.text)")
            let events = await socket.frames(until: "completed")
            #expect(events.allSatisfy { $0.channel == channel })
            let record = try await server.execution(try #require(answer.execution["uuid"]?.string), identity: identity)
            result.withLockedValue { $0 = (events, answer, record) }
        }
        return try #require(result.withLockedValue { $0 })
    }

    private func reply(_ events: [PusherFrame]) -> String {
        events.filter { $0.event == "agent-response" }.compactMap { $0.payload?["token"]?.string }.joined()
    }

    @Test func firstTurnRecallsThenReplies() async throws {
        try await withServer(.builtIn) { server in
            let (events, answer, record) = try await chat(server, "Hello there", session: "s-1")
            let expected = "Turn 1. You said: Hello there. This is a new session."
            #expect(answer["session_id"] == .string("s-1"))
            #expect(answer.execution["airops_app_id"] == .int(5))
            #expect(answer.execution["status"] == .string("pending"))

            #expect(events.first?.event == "agent-action")
            #expect(
                events.first?.payload
                    == .object(["tool": .string("recall_session"), "tool_input": .object(["turns_so_far": .int(0)])]))
            let responses = events.filter { $0.event == "agent-response" }
            #expect(responses.count > 3)
            #expect(reply(events) == expected)
            for response in responses.dropLast() {
                #expect(response.payload?["stream_finished"] == .bool(false))
                #expect(response.payload?["result"] == .null)
            }
            #expect(responses.last?.payload?["stream_finished"] == .bool(true))
            #expect(responses.last?.payload?["result"] == .string(expected))
            #expect(events.last?.payload == .object(["result": .string(expected)]))
            #expect(events.map(\.event) == ["agent-action"] + responses.map { _ in "agent-response" } + ["completed"])
            #expect(record["status"] == .string("success"))
            #expect(record["output"] == .string(expected))
        }
    }

    @Test func sessionsRememberEarlierMessages() async throws {
        try await withServer(.builtIn) { server in
            _ = try await chat(server, "Hello there", session: "s-1")
            let (second, _, _) = try await chat(server, "What is the weather? Or will it fail", session: "s-1")
            #expect(
                second.map(\.event).prefix(4)
                    == ["agent-action", "agent-action", "agent-action", "agent-action-error"])
            #expect(
                second.prefix(4).map(\.payload) == [
                    .object(["tool": .string("recall_session"), "tool_input": .object(["turns_so_far": .int(1)])]),
                    .object(["tool": .string("get_weather"), "tool_input": .object(["city": .string("Paris")])]),
                    .object(["tool": .string("flaky_tool"), "tool_input": .object([:])]),
                    .object(["tool": .string("flaky_tool"), "tool_error": .string("flaky_tool is unavailable")]),
                ])
            #expect(
                reply(second)
                    == "Turn 2. You said: What is the weather? Or will it fail. Before that you said: Hello there.")
            let (third, _, _) = try await chat(server, "Bye", session: "s-1")
            #expect(
                reply(third) == "Turn 3. You said: Bye. Before that you said: What is the weather? Or will it fail.")

            // Another session, and the same session id on another app, start afresh.
            let (other, _, _) = try await chat(server, "Hi", session: "s-2")
            #expect(reply(other) == "Turn 1. You said: Hi. This is a new session.")
            let (publicAgent, _, _) = try await chat(server, "Hi", session: "s-1", app: "public-agent", identity: nil)
            #expect(reply(publicAgent) == "Turn 1. You said: Hi. This is a new session.")
        }
    }

    @Test func agentsDescribeThemselves() async throws {
        try await withServer(.builtIn) { server in
            let agent = try await server.send("GET", "/sdk_api/airops_app_bases/demo-agent", identity: Self.demo)
            #expect(agent["type"] == .string("agent"))
            #expect(agent["public"] == .bool(false))
            let publicAgent = try await server.send("GET", "/sdk_api/airops_app_bases/6", identity: nil)
            #expect(publicAgent["type"] == .string("agent"))
            #expect(publicAgent["public"] == .bool(true))
            let workflow = try await server.send("GET", "/sdk_api/airops_app_bases/1", identity: Self.demo)
            #expect(workflow["type"] == .string("workflow"))
            let execute = try await server.execute("demo-agent", identity: Self.demo)
            #expect(execute.status == 400)
            #expect(execute.error?.contains("chat_stream") == true)
        }
    }

    @Test func badChatRequestsAreRefused() async throws {
        try await withServer(.builtIn) { server in
            let path = "/sdk_api/agent_apps/demo-agent/chat_stream"
            let good = body("Hi", session: "s", stream: "c")
            #expect(try await server.send("POST", path, identity: nil, body: good).status == 401)
            #expect(
                try await server.send(
                    "POST", "/sdk_api/agent_apps/hello-world/chat_stream", identity: Self.demo, body: good
                ).status == 404)
            #expect(
                try await server.send(
                    "POST", "/sdk_api/agent_apps/nothing/chat_stream", identity: Self.demo, body: good
                ).status == 404)
            let cases = [
                "": "The request body must be a JSON object",
                #"{"session_id":"s","stream_channel_id":"c"}"#: "message can't be blank",
                #"{"message":"","session_id":"s","stream_channel_id":"c"}"#: "message can't be blank",
                #"{"message":"Hi","stream_channel_id":"c"}"#: "session_id can't be blank",
                #"{"message":"Hi","session_id":"s"}"#: "stream_channel_id can't be blank",
                #"{"message":"Hi","session_id":"s","stream_channel_id":"c","inputs":[1]}"#:
                    "inputs must be a JSON object",
            ]
            for (body, message) in cases {
                let response = try await server.send("POST", path, identity: Self.demo, body: body)
                #expect(response.status == 400, "\(body)")
                #expect(response.error == message, "\(body)")
            }
        }
    }

    @Test func scriptTurnsFollowTheConfig() {
        let script = AgentScript(
            .init(
                reply: "{{name}} #{{turn}}", firstReply: "first",
                tools: [
                    .init(
                        name: "t", keywords: ["Go"],
                        toolInput: [
                            "n": .string("{{turn}}"), "s": .string("at {{turn}}"),
                            "list": .array([.string("{{name}}")]),
                        ])
                ]))
        let quiet = script.turn(number: 2, message: "stay", previousMessage: "x", inputs: ["name": .string("Ann")])
        #expect(quiet.reply == "Ann #2")
        #expect(quiet.toolCalls.isEmpty)
        let loud = script.turn(number: 1, message: "let's GO", previousMessage: nil, inputs: ["name": .string("Ann")])
        #expect(loud.reply == "first")
        #expect(loud.toolCalls.map(\.name) == ["t"])
        #expect(
            loud.toolCalls.first?.input
                == .object(["n": .int(1), "s": .string("at 1"), "list": .array([.string("Ann")])]))
    }
}
