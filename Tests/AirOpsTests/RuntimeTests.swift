@testable import AirOps
import Synchronization
import XCTest

/// The runtime pieces that replace libdispatch (fork safety) and bound memory.
final class RuntimeTests: XCTestCase {
    func testPauseSleepsAndStopsAtCancel() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        try await Pause.sleep(for: .milliseconds(30))
        XCTAssertGreaterThanOrEqual(clock.now - start, .milliseconds(30))
        try await Pause.sleep(for: .zero)
        try await Pause.sleep(for: .milliseconds(-5))

        let sleeper = Task { try await Pause.sleep(for: .seconds(3600)) }
        try await Task.sleep(for: .milliseconds(20))
        sleeper.cancel()
        do {
            try await sleeper.value
            XCTFail("a cancelled sleep returned normally")
        } catch is CancellationError {}
        // Cancelled before it starts: throws at once.
        let early = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            try await Pause.sleep(for: .seconds(3600))
        }
        do {
            try await early.value
            XCTFail("a sleep in a cancelled task returned normally")
        } catch is CancellationError {}
    }

    func testEventBufferHoldsAtMostItsLimitThenTheEnd() async {
        let buffer = EventBuffer(limit: 3)
        let chunk = ExecutionEvent(.chunk(content: "x"), json: #"{"content":"x"}"#)
        let end = ExecutionEvent(ending: .init(output: "", isChat: false))
        XCTAssertEqual((0..<5).map { _ in buffer.push(chunk) }, [true, true, true, false, false])
        buffer.end(after: end)
        XCTAssertFalse(buffer.push(chunk))
        var events: [ExecutionEvent] = []
        for await event in buffer.events { events.append(event) }
        XCTAssertEqual(events, [chunk, chunk, chunk, end])
    }

    func testEventBufferHandsEventsToAWaitingConsumerAndEndsAtCancel() async throws {
        let buffer = EventBuffer(limit: 1)
        let consumer = Task {
            var events: [ExecutionEvent] = []
            for await event in buffer.events { events.append(event) }
            return events
        }
        let (chunk, end) = (ExecutionEvent(.chunk(content: ""), json: "{}"), ExecutionEvent(ending: .init(output: "", isChat: false)))
        try await Task.sleep(for: .milliseconds(20))
        XCTAssertTrue(buffer.push(chunk))
        try await Task.sleep(for: .milliseconds(20))
        buffer.end(after: end)
        let events = await consumer.value
        XCTAssertEqual(events, [chunk, end])

        let idle = EventBuffer(limit: 1)
        let waiting = Task {
            var count = 0
            for await _ in idle.events { count += 1 }
            return count
        }
        try await Task.sleep(for: .milliseconds(20))
        waiting.cancel()
        let count = await waiting.value
        XCTAssertEqual(count, 0)
    }

    func testSerialThreadRunsInOrderAndNothingAfterStop() throws {
        let thread = try SerialThread()
        let seen = Mutex<[Int]>([])
        for index in 0..<200 { thread.async { seen.withLock { $0.append(index) } } }
        thread.sync()
        XCTAssertEqual(seen.withLock { $0 }, Array(0..<200))
        thread.async { XCTAssertTrue(thread.isCurrent) }
        XCTAssertFalse(thread.isCurrent)
        thread.stop()
        thread.async { seen.withLock { $0.append(-1) } }
        thread.sync()
        XCTAssertEqual(seen.withLock { $0.last }, 199)
    }

    func testProcessStampOfThisProcessIsNotInherited() {
        let stamp = ProcessStamp()
        XCTAssertFalse(stamp.isInherited)
        XCTAssertNoThrow(try stamp.check())
    }
}
