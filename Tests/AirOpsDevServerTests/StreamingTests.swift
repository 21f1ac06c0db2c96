import AirOps
import NIOConcurrencyHelpers
import Testing

@testable import AirOpsDevServer

/// Streamed executions and agent chats, seen by a realtime client.
@Suite(.timeLimit(.minutes(1))) struct StreamingTests {
    static let config = DevServerConfig(workspaces: [
        .init(
            id: 1, name: "One", apiKey: "key-1",
            apps: [
                .init(
                    id: 1, uuid: "words", name: "Words",
                    versions: [
                        .init(version: 1, template: "Hello, {{name}}! Nice  to meet you.", durationMs: 100),
                        .init(version: 2, template: "{{text}}", durationMs: 60, chunkCount: 4),
                        .init(
                            version: 3, template: "never", durationMs: 20,
                            failure: .init(errorCode: "boom", errorMessage: "It failed.")),
                        .init(version: 4, template: "{{text}}", durationMs: 500),
                    ]),
                .init(
                    id: 2, uuid: "open", name: "Open", isPublic: true,
                    versions: [.init(version: 1, template: "You said: {{text}}", durationMs: 30)]),
            ])
    ])

    /// Subscribes to the stream channel of a new execution, starts it, and returns the
    /// events up to `completed` and the record fetched as soon as `completed` arrived.
    private func streamedRun(
        _ server: TestServer, app: String = "words", version: Int, inputs: String, isPublic: Bool = false
    ) async throws -> (events: [PusherFrame], record: TestResponse) {
        let streamId = "stream-\(version)-\(Int.random(in: 0..<1_000_000))"
        let channel = (isPublic ? "public-" : "private-") + streamId
        let identity: TestIdentity? = isPublic ? nil : .alice
        let result = NIOLockedValueBox<(events: [PusherFrame], record: TestResponse)?>(nil)
        try await server.withSocket { socket in
            try await socket.established()
            try await socket.join(channel)
            let run = try await server.execute(
                app, version: version, identity: identity,
                body: #"{"inputs":\#(inputs),"stream_channel_id":"\#(streamId)"}"#)
            #expect(run.status == 200)
            #expect(run.execution["stream_channel_id"] == .string(streamId))
            let events = await socket.frames(until: "completed")
            #expect(events.allSatisfy { $0.channel == channel })
            let record = try await server.execution(try #require(run.execution["uuid"]?.string), identity: identity)
            result.withLockedValue { $0 = (events, record) }
        }
        return try #require(result.withLockedValue { $0 })
    }

    @Test func chunksAddUpToTheOutputThenCompleted() async throws {
        try await withServer(Self.config) { server in
            let (events, record) = try await streamedRun(server, version: 1, inputs: #"{"name":"Ann"}"#)
            let output = "Hello, Ann! Nice  to meet you."
            #expect(events.map(\.event) == Array(repeating: "chunk", count: 6) + ["completed"])
            let pieces = events.dropLast().compactMap { $0.payload?["content"]?.string }
            #expect(pieces == ["Hello, ", "Ann! ", "Nice  ", "to ", "meet ", "you."])
            #expect(pieces.joined() == output)
            // Double encoded, like hosted Pusher.
            #expect(events[0].data == .string(#"{"content":"Hello, "}"#))
            #expect(events.last?.payload == .object(["content": .string(output)]))
            // The record was final before `completed` went out.
            #expect(record["status"] == .string("success"))
            #expect(record["output"] == .string(output))
        }
    }

    @Test func chunkCountSplitsEvenly() async throws {
        try await withServer(Self.config) { server in
            let (events, _) = try await streamedRun(server, version: 2, inputs: #"{"text":"abcdefghij"}"#)
            let pieces = events.dropLast().compactMap { $0.payload?["content"]?.string }
            #expect(pieces == ["ab", "cde", "fg", "hij"])
            let (short, _) = try await streamedRun(server, version: 2, inputs: #"{"text":"ab"}"#)
            #expect(short.dropLast().compactMap { $0.payload?["content"]?.string } == ["a", "b"])
        }
    }

    @Test func failingRunCompletesWithTheError() async throws {
        try await withServer(Self.config) { server in
            let (events, record) = try await streamedRun(server, version: 3, inputs: "{}")
            #expect(events.map(\.event) == ["completed"])
            #expect(
                events[0].payload
                    == .object([
                        "content": .string(""), "error_code": .string("boom"), "error_message": .string("It failed."),
                    ]))
            #expect(record["status"] == .string("error"))
        }
    }

    @Test func publicAppsStreamOnPublicChannels() async throws {
        try await withServer(Self.config) { server in
            let (events, record) = try await streamedRun(
                server, app: "open", version: 1, inputs: #"{"text":"hi"}"#, isPublic: true)
            #expect(events.last?.payload == .object(["content": .string("You said: hi")]))
            #expect(record["status"] == .string("success"))
        }
    }

    @Test func cancelledRunPublishesNothingMore() async throws {
        try await withServer(Self.config) { server in
            try await server.withSocket { socket in
                try await socket.established()
                try await socket.join("private-cancelled")
                let run = try await server.execute(
                    "words", version: 4,
                    body: #"{"inputs":{"text":"one two three four five"},"stream_channel_id":"cancelled"}"#)
                let uuid = try #require(run.execution["uuid"]?.string)
                try await Task.sleep(for: .milliseconds(150))
                #expect(try await server.cancel(uuid).status == 204)
                let beforeCancel = try await socket.drain()
                try await Task.sleep(for: .milliseconds(500))
                #expect(try await socket.drain().isEmpty)
                #expect(beforeCancel.allSatisfy { $0.event == "chunk" })
                #expect(beforeCancel.count < 5)
            }
        }
    }

    @Test func runsWithoutAStreamPublishNothing() async throws {
        try await withServer(Self.config) { server in
            try await server.withSocket { socket in
                try await socket.established()
                try await socket.join("private-quiet")
                let run = try await server.execute("words", version: 2, body: #"{"inputs":{"text":"abc"}}"#)
                _ = try await server.waitFor("success", try #require(run.execution["uuid"]?.string))
                #expect(try await socket.drain().isEmpty)
            }
        }
    }
}
