import AirOps
import XCTest

final class ExecutionTests: DevServerTestCase {
    func testExecuteAndWaitReturnsTheTemplatedOutput() async throws {
        let execution = try await client.execute(appId: "hello-world", inputs: ["name": .string("Ada")])
        let record = try await execution.result(timeout: .seconds(30))
        XCTAssertEqual(record.status, .success)
        XCTAssertEqual(record.id, execution.id)
        XCTAssertEqual(record.output, .string("Hello, Ada! Welcome to AirOps."))
        XCTAssertNil(record.errorCode)
        XCTAssertEqual(record.fields["uuid"], .string(execution.id))
    }

    func testPinnedVersionRunsThatVersion() async throws {
        let execution = try await client.execute(appId: "hello-world", inputs: ["name": .string("Ada")], version: 1)
        let record = try await execution.result(timeout: .seconds(30))
        XCTAssertEqual(record.output?.text, "Hello, Ada!")
    }

    func testFailingAppEndsWithErrorStatusNotAThrow() async throws {
        let record = try await client.execute(appId: "always-fails").result(timeout: .seconds(30))
        XCTAssertEqual(record.status, .error)
        XCTAssertEqual(record.errorCode, "demo_failure")
        XCTAssertEqual(record.errorMessage, "This demo app always fails.")
        XCTAssertNil(record.output)
    }

    func testCancelEndsCancelledAndIsIdempotentButRefusedAfterSuccess() async throws {
        let slow = try await client.execute(appId: "slow-echo", inputs: ["text": .string("x")])
        try await slow.cancel()
        let record = try await slow.result(timeout: .seconds(10))
        XCTAssertEqual(record.status, .cancelled)
        try await slow.cancel()

        let quick = try await client.execute(appId: "public-echo", inputs: ["text": .string("x")])
        _ = try await quick.result(timeout: .seconds(10))
        let error = await expectError { try await quick.cancel() }
        XCTAssertEqual(error?.kind, .badRequest)
        XCTAssertEqual(error?.httpStatus, 400)
    }

    func testWaitTimeoutLeavesTheExecutionWaitable() async throws {
        let execution = try await client.execute(appId: "slow-echo", inputs: ["text": .string("later")])
        let error = await expectError { _ = try await execution.result(timeout: .milliseconds(150)) }
        XCTAssertEqual(error?.kind, .timeout)
        let running = try await client.execution(id: execution.id).fetch()
        XCTAssertFalse(running.status.isFinished)
        let record = try await client.execution(id: execution.id).result()
        XCTAssertEqual(record.output?.text, "later")
    }

    func testWaitLearnsTheAppsRuntimeAndFetchesLessOnTheNextRun() async throws {
        let first = try await client.execute(appId: "hello-world", inputs: ["name": .string("Ada")])
        let firstRecord = try await first.result(timeout: .seconds(30))
        XCTAssertNotNil(firstRecord.runtime)
        let readsOfFirst = await server.executionsRead

        let second = try await client.execute(appId: "hello-world", inputs: ["name": .string("Bob")])
        let secondRecord = try await second.result(timeout: .seconds(30))
        let readsOfSecond = await server.executionsRead - readsOfFirst
        XCTAssertEqual(secondRecord.output?.text, "Hello, Bob! Welcome to AirOps.")
        // The first wait polls from the start (at 0, 100, 250, 475 ms for a 310 ms run); the
        // second sleeps until the learned end and fetches once, or a few times when late.
        XCTAssertGreaterThanOrEqual(readsOfFirst, 3)
        XCTAssertLessThanOrEqual(readsOfSecond, 3)
        XCTAssertLessThan(readsOfSecond, readsOfFirst)
    }

    func testAppInfo() async throws {
        let app = try await client.app(id: "public-echo")
        XCTAssertTrue(app.isPublic)
        let privateApp = try await client.app(id: "hello-world")
        XCTAssertFalse(privateApp.isPublic)
    }
}
