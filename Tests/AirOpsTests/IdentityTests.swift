@testable import AirOps
import XCTest

final class IdentityTests: XCTestCase {
    func testHashUserIdIsHMACSHA256() throws {
        // RFC 4231 test case 2 and the documentation's example.
        XCTAssertEqual(
            try hashUserId(apiKey: "Jefe", userId: "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        XCTAssertEqual(
            try hashUserId(apiKey: [UInt8](repeating: 0xaa, count: 20), userId: [UInt8](repeating: 0xdd, count: 50)),
            "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe")
        // RFC 4231 test case 6: a key longer than SHA-256's block is hashed first.
        XCTAssertEqual(
            try hashUserId(
                apiKey: [UInt8](repeating: 0xaa, count: 131),
                userId: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8)),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
        XCTAssertEqual(
            try hashUserId(apiKey: "YOUR_API_KEY", userId: "YOUR_USER_ID"),
            "7e8256899d105d7863b1aecf154e36f321a0709f23fb7d15e5d79e3c9088ab71")
        XCTAssertThrowsError(try hashUserId(apiKey: "", userId: "u"))
    }

    func testIdentityRequiresThreeCleanValues() {
        XCTAssertNoThrow(try Identity(userId: "u", workspaceId: "1", hashedUserId: "h"))
        XCTAssertThrowsError(try Identity(userId: "", workspaceId: "1", hashedUserId: "h"))
        XCTAssertThrowsError(try Identity(userId: "u", workspaceId: "1", hashedUserId: "h\r\nx: y"))
    }

    func testHostValidation() throws {
        var configuration = ClientConfiguration()
        XCTAssertEqual(configuration.host, "https://app.airops.com")
        try configuration.setHost("http://127.0.0.1:8080/")
        XCTAssertEqual(configuration.host, "http://127.0.0.1:8080")
        for bad in ["", "app.airops.com", "ftp://x", "http://", "http://a b", "http://x?y"] {
            XCTAssertThrowsError(try configuration.setHost(bad), bad)
        }
        XCTAssertThrowsError(try configuration.setRequestTimeout(.zero))
    }

    func testPathSegmentEncodesEverythingButUnreservedCharacters() {
        XCTAssertEqual(pathSegment("hello-world_1.x~"), "hello-world_1.x~")
        XCTAssertEqual(pathSegment("a/b?c#d%e f"), "a%2Fb%3Fc%23d%25e%20f")
        XCTAssertEqual(pathSegment(".."), "%2E%2E")
        XCTAssertEqual(pathSegment("é"), "%C3%A9")
    }

    func testPollScheduleGrowsToItsMaximum() {
        let schedule = PollSchedule.standard
        var interval = schedule.first
        var intervals: [Duration] = []
        for _ in 0..<10 {
            intervals.append(interval)
            interval = schedule.next(after: interval)
        }
        XCTAssertEqual(intervals.first, .milliseconds(100))
        XCTAssertEqual(intervals.last, schedule.maximum)
        XCTAssertEqual(intervals, intervals.sorted())
    }
}

final class DurationTests: XCTestCase {
    func testConversionsSaturateInsteadOfTrapping() {
        XCTAssertEqual(Duration.milliseconds(1500).milliseconds, 1500)
        XCTAssertEqual(Duration.milliseconds(1500).nanoseconds, 1_500_000_000)
        XCTAssertEqual(Duration.milliseconds(Int64.max).nanoseconds, .max)
        XCTAssertEqual(Duration.seconds(Int64.max).milliseconds, .max)
    }
}
