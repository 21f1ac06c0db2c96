import AirOps
import XCTest

final class ErrorTests: DevServerTestCase {
    func testWrongHashIsUnauthorizedWithTheServersMessage() async throws {
        let impostor = try makeClient(hashedUserId: String(repeating: "0", count: 64))
        defer { Task { await impostor.shutdown() } }
        let error = await expectError { _ = try await impostor.execute(appId: "hello-world", inputs: ["name": .string("x")]) }
        XCTAssertEqual(error?.kind, .unauthorized)
        XCTAssertEqual(error?.httpStatus, 401)
        XCTAssertFalse(error?.message.isEmpty ?? true)
    }

    func testPublicClientRunsPublicAppsOnly() async throws {
        let anonymous = try makeClient(hashedUserId: nil)
        defer { Task { await anonymous.shutdown() } }
        let record = try await anonymous.execute(appId: "public-echo", inputs: ["text": .string("hi")]).result()
        XCTAssertEqual(record.output?.text, "You said: hi")
        let error = await expectError { _ = try await anonymous.execute(appId: "hello-world") }
        XCTAssertEqual(error?.kind, .unauthorized)
    }

    func testUnknownAppAndExecutionAreNotFound() async throws {
        var error = await expectError { _ = try await self.client.execute(appId: "no-such-app") }
        XCTAssertEqual(error?.kind, .notFound)
        XCTAssertEqual(error?.httpStatus, 404)
        error = await expectError { _ = try await self.client.execution(id: "00000000-0000-4000-8000-000000000000").fetch() }
        XCTAssertEqual(error?.kind, .notFound)
    }

    func testIdsWithPathCharactersStayOneSegment() async throws {
        for id in ["../executions/x", "a/b", "%2e%2e", "x?y=1", "x#y", "with space", "line\nbreak", ".", ".."] {
            let error = await expectError { _ = try await self.client.execute(appId: id) }
            XCTAssertEqual(error?.kind, .notFound, "app id \(id.debugDescription)")
        }
    }

    func testMissingInputIsABadRequest() async throws {
        let error = await expectError { _ = try await self.client.execute(appId: "hello-world") }
        XCTAssertEqual(error?.kind, .badRequest)
        XCTAssertEqual(error?.httpStatus, 400)
    }

    func testInvalidArgumentsSendNoRequest() async throws {
        await server.stop()  // any request would now fail with a network error
        for attempt in [
            { _ = try await self.client.execute(appId: "") },
            { _ = try await self.client.execute(appId: "hello-world", version: 0) },
            { _ = try self.client.execution(id: "") },
        ] as [() async throws -> Void] {
            let error = await expectError(attempt)
            XCTAssertEqual(error?.kind, .invalidArgument)
        }
        let error = await expectError { _ = try await self.client.execute(appId: "public-echo") }
        XCTAssertEqual(error?.kind, .network)
    }
}
