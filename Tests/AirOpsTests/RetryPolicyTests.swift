@testable import AirOps
import XCTest

final class RetryPolicyTests: XCTestCase {
    private let policy = RetryPolicy.standard

    private func failure(_ status: Int, kind: AirOpsError.Kind = .server, sent: Bool = true, retryAfter: Duration? = nil)
        -> RetryPolicy.Failure
    {
        let error = status == 0 ? AirOpsError(kind, "x") : AirOpsError.http(status: status, message: "x")
        return RetryPolicy.Failure(error: error, mayHaveBeenSent: sent, retryAfter: retryAfter)
    }

    func testReadsAreRetriedOnTransientFailuresOnly() {
        for status in [408, 429, 500, 502, 503, 504] {
            XCTAssertNotNil(policy.delay(before: 0, after: failure(status), effect: .idempotent), "\(status)")
        }
        XCTAssertNotNil(policy.delay(before: 0, after: failure(0, kind: .network), effect: .idempotent))
        XCTAssertNotNil(policy.delay(before: 0, after: failure(0, kind: .timeout), effect: .idempotent))
        for status in [400, 401, 403, 404, 409] {
            XCTAssertNil(policy.delay(before: 0, after: failure(status), effect: .idempotent), "\(status)")
        }
        XCTAssertNil(policy.delay(before: 0, after: failure(0, kind: .protocolViolation), effect: .idempotent))
    }

    func testStartingWorkIsRetriedOnlyWhenNoWorkCanHaveStarted() {
        XCTAssertNotNil(policy.delay(before: 0, after: failure(429), effect: .startsWork))
        XCTAssertNotNil(policy.delay(before: 0, after: failure(503), effect: .startsWork))
        XCTAssertNotNil(policy.delay(before: 0, after: failure(0, kind: .network, sent: false), effect: .startsWork))
        XCTAssertNil(policy.delay(before: 0, after: failure(0, kind: .network, sent: true), effect: .startsWork))
        XCTAssertNil(policy.delay(before: 0, after: failure(0, kind: .timeout, sent: true), effect: .startsWork))
        XCTAssertNil(policy.delay(before: 0, after: failure(500), effect: .startsWork))
        XCTAssertNil(policy.delay(before: 0, after: failure(502), effect: .startsWork))
    }

    func testDelaysGrowAreCappedAndHonourRetryAfter() throws {
        let first = try XCTUnwrap(policy.delay(before: 0, after: failure(503), effect: .idempotent))
        XCTAssertLessThanOrEqual(first, policy.initialDelay)
        XCTAssertGreaterThanOrEqual(first, policy.initialDelay * 0.75)
        var long = policy
        long.maxRetries = 30
        XCTAssertLessThanOrEqual(try XCTUnwrap(long.delay(before: 25, after: failure(503), effect: .idempotent)), policy.maxDelay)
        XCTAssertEqual(policy.delay(before: 0, after: failure(429, retryAfter: .seconds(3)), effect: .startsWork), .seconds(3))
        XCTAssertNil(policy.delay(before: 0, after: failure(429, retryAfter: .seconds(600)), effect: .startsWork))
        XCTAssertNil(policy.delay(before: 2, after: failure(503), effect: .idempotent), "only maxRetries retries")
        XCTAssertNil(RetryPolicy.none.delay(before: 0, after: failure(503), effect: .idempotent))
    }

    func testMaxRetriesIsValidated() throws {
        var configuration = ClientConfiguration()
        try configuration.setMaxRetries(0)
        XCTAssertEqual(configuration.retryPolicy.maxRetries, 0)
        XCTAssertThrowsError(try configuration.setMaxRetries(-1))
    }
}
