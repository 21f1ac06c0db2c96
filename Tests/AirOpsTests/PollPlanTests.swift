@testable import AirOps
import FoundationEssentials
import XCTest

final class PollPlanTests: XCTestCase {
    private let start = ContinuousClock.now

    func testWithoutExpectedEndFetchesAtOnceThenFollowsTheSchedule() {
        var plan = PollPlan(schedule: .standard)
        XCTAssertEqual(plan.firstPause(at: start), .zero)
        let pauses = (0..<8).map { _ in plan.pause(at: start).milliseconds }
        XCTAssertEqual(pauses, [100, 150, 225, 337, 506, 759, 1000, 1000])
    }

    func testWithExpectedEndWaitsSparselyUntilThenSettlesQuickly() {
        var plan = PollPlan(schedule: .standard, expectedEnd: start + .milliseconds(2500), settle: .milliseconds(5))
        XCTAssertEqual(plan.firstPause(at: start), .seconds(1), "no longer than the schedule's maximum")
        XCTAssertEqual(plan.pause(at: start + .milliseconds(1000)), .seconds(1))
        XCTAssertEqual(plan.pause(at: start + .milliseconds(2400)), .milliseconds(100), "until the expected end")
        // Past the expected end and still running: it ends any moment.
        let pauses = (0..<7).map { _ in plan.pause(at: start + .milliseconds(2600)).milliseconds }
        XCTAssertEqual(pauses, [5, 10, 20, 40, 80, 100, 150])
    }

    func testAStreamedWaitPausesFirstForItsEvents() {
        XCTAssertEqual(PollPlan(schedule: .streamed, fetchesAtOnce: false).firstPause(at: start), .seconds(1))
    }

    func testAnExpectedEndAlreadyPastFetchesAtOnce() {
        let plan = PollPlan(schedule: .standard, expectedEnd: start - .seconds(1))
        XCTAssertEqual(plan.firstPause(at: start), .zero)
    }

    func testRuntimeHintsAverageTowardsRecentRuns() {
        let hints = RuntimeHints()
        XCTAssertNil(hints.expected(for: "a@0"))
        hints.learn(.milliseconds(400), for: "a@0")
        XCTAssertEqual(hints.expected(for: "a@0"), .milliseconds(400))
        hints.learn(.milliseconds(200), for: "a@0")
        XCTAssertEqual(hints.expected(for: "a@0"), .milliseconds(300))
        XCTAssertNil(hints.expected(for: "a@2"), "each version has its own runtime")
    }

    func testRecordRuntimeIsReadOnlyWhenItIsAPlausibleNumberOfSeconds() throws {
        func runtime(_ json: String) throws -> Duration? {
            try ExecutionRecord(body: Data(#"{"uuid": "u", "status": "success", "runtime": \#(json)}"#.utf8)).runtime
        }
        XCTAssertEqual(try runtime("2"), .seconds(2))
        XCTAssertEqual(try runtime("0.25"), .milliseconds(250))
        XCTAssertNil(try runtime("null"))
        XCTAssertNil(try runtime("-1"))
        XCTAssertNil(try runtime("1e300"))
        XCTAssertNil(try runtime(#""3""#))
    }
}
