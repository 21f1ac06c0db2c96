import AirOps
import XCTest

final class StreamingTests: DevServerTestCase {
    private static func collect(_ execution: Execution) async -> [ExecutionEvent] {
        var events: [ExecutionEvent] = []
        if let stream = execution.events {
            for await event in stream { events.append(event) }
        }
        return events
    }

    /// The streamed output: the chunks' content, joined.
    private static func chunks(_ events: [ExecutionEvent]) -> String {
        events.map { event in
            if case .chunk(let content) = event.kind { return content }
            return ""
        }.joined()
    }

    /// The agent's tool calls.
    private static func tools(_ events: [ExecutionEvent]) -> [String] {
        events.compactMap { event in
            if case .agentAction(let tool, _) = event.kind { return tool }
            return nil
        }
    }

    func testStreamedChunksConcatenateToTheOutputAndEndWithOneCompleted() async throws {
        let execution = try await client.execute(appId: "hello-world", inputs: ["name": .string("Ada")], streaming: true)
        let events = await Self.collect(execution)
        let record = try await execution.result(timeout: .seconds(30))
        let expected = "Hello, Ada! Welcome to AirOps."
        XCTAssertEqual(record.output?.text, expected)
        XCTAssertEqual(Self.chunks(events), expected)
        XCTAssertEqual(events.filter(\.isCompletion).count, 1)
        XCTAssertEqual(events.last?.kind, .completed(.init(output: expected, isChat: false)))
    }

    func testWaitingForAStreamedRunFetchesOnceAfterCompleted() async throws {
        let before = await server.executionsRead
        let execution = try await client.execute(appId: "hello-world", inputs: ["name": .string("Ada")], streaming: true)
        // Waiting while the chunks arrive: they do not trigger fetches, `completed` does.
        let record = try await execution.result(timeout: .seconds(30))
        XCTAssertEqual(record.output?.text, "Hello, Ada! Welcome to AirOps.")
        let afterWait = await server.executionsRead
        XCTAssertEqual(afterWait - before, 1)
        // Waiting again once the stream has ended fetches at once.
        _ = try await execution.result(timeout: .seconds(30))
        let afterSecondWait = await server.executionsRead
        XCTAssertEqual(afterSecondWait - afterWait, 1)
    }

    func testManyStreamsShareOneConnection() async throws {
        let client = self.client!
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<20 {
                group.addTask {
                    let execution = try await client.execute(
                        appId: "public-echo", inputs: ["text": .string("n\(index)")], streaming: true)
                    let events = await Self.collect(execution)
                    XCTAssertEqual(Self.chunks(events), "You said: n\(index)")
                }
            }
            try await group.waitForAll()
        }
        let opened = await client.realtimeConnectionsOpened()
        XCTAssertEqual(opened, 1)
    }

    func testChatRemembersTheSession() async throws {
        let first = try await client.chat(appId: "demo-agent", message: "Hello")
        let firstEvents = await Self.collect(first)
        XCTAssertNotNil(first.sessionId)
        XCTAssertTrue(Self.tools(firstEvents).contains("recall_session"))
        XCTAssertEqual(firstEvents.last?.kind, .completed(.init(output: "Turn 1. You said: Hello. This is a new session.", isChat: true)))
        let replies: [String?] = firstEvents.compactMap { event in
            if case .agentResponse(_, let reply) = event.kind { return .some(reply) }
            return nil
        }
        XCTAssertEqual(replies.compactMap { $0 }.count, 1)
        XCTAssertNotNil(replies.last ?? nil)

        let second = try await client.chat(appId: "demo-agent", message: "Any weather?", sessionId: first.sessionId)
        let secondEvents = await Self.collect(second)
        XCTAssertEqual(second.sessionId, first.sessionId)
        XCTAssertTrue(Self.tools(secondEvents).contains("get_weather"))
        let record = try await second.result(timeout: .seconds(30))
        XCTAssertEqual(record.output?.text, "Turn 2. You said: Any weather?. Before that you said: Hello.")
    }

    func testCancelEndsTheEventsWithoutCompleted() async throws {
        let execution = try await client.execute(appId: "slow-echo", inputs: ["text": .string("a b c d e f")], streaming: true)
        try await execution.cancel()
        let events = await Self.collect(execution)
        XCTAssertFalse(events.contains(where: \.isCompletion))
        let record = try await execution.result(timeout: .seconds(10))
        XCTAssertEqual(record.status, .cancelled)
    }

    func testAnUnknownPusherKeyFailsClearlyInsteadOfHanging() async throws {
        var configuration = client.configuration
        configuration.realtime = try RealtimeEndpoint(url: "ws://127.0.0.1:\(server.port)", key: "no-such-key")
        let misconfigured = try AirOpsClient(configuration: configuration)
        defer { Task { await misconfigured.shutdown() } }
        let error = await expectError { _ = try await misconfigured.execute(appId: "public-echo", streaming: true) }
        XCTAssertEqual(error?.kind, .network)
        XCTAssertTrue(error?.message.contains("4001") ?? false, error?.message ?? "")
    }

    func testStreamingWithoutARealtimeEndpointIsAnInvalidArgument() async throws {
        var configuration = ClientConfiguration()
        try configuration.setHost(server.baseURL)
        let plain = try AirOpsClient(configuration: configuration)
        defer { Task { await plain.shutdown() } }
        let error = await expectError { _ = try await plain.execute(appId: "public-echo", streaming: true) }
        XCTAssertEqual(error?.kind, .invalidArgument)
    }
}
