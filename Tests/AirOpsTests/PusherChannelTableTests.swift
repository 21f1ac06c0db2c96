@testable import AirOps
import NIOConcurrencyHelpers
import XCTest

final class PusherChannelTableTests: XCTestCase {
    /// What a subscriber was told, in order, as short text.
    private final class Subscriber: Sendable {
        private let told = NIOLockedValueBox<[String]>([])

        var signals: [String] { told.withLockedValue { $0 } }

        func receive(_ signal: RealtimeSignal) {
            let text: String
            switch signal {
            case .event(let name, let data): text = "\(name) \(data)"
            case .resubscribed: text = "resubscribed"
            case .failed(let error): text = "failed \(error.kind)"
            }
            told.withLockedValue { $0.append(text) }
        }
    }

    /// Adds `name`, waits for its subscribe call while `then` acts on the table, and returns
    /// what the call was told.
    private func subscribe(
        _ name: String, in table: inout PusherChannelTable, _ subscriber: Subscriber,
        then act: (inout PusherChannelTable) -> Void
    ) async -> Result<Void, AirOpsError> {
        table.add(name, handler: subscriber.receive)
        return await withCheckedContinuation { continuation in
            table.setWaiter(continuation, for: name)
            act(&table)
        }
    }

    private func failure(_ result: Result<Void, AirOpsError>) -> AirOpsError.Kind? {
        guard case .failure(let error) = result else { return nil }
        return error.kind
    }

    func testTheFirstConfirmationEndsTheSubscribeCallAndOneAfterAReconnectMeansResubscribed() async throws {
        var table = PusherChannelTable()
        let subscriber = Subscriber()
        try await subscribe("c", in: &table, subscriber) { $0.confirm("c") }.get()
        XCTAssertEqual(table.unconfirmedNames, [])
        table.confirm("c")
        XCTAssertEqual(subscriber.signals, [], "a second confirmation on the same connection is no news")
        table.connectionClosed()
        table.confirm("c")
        table.deliver(.event(name: "chunk", data: "{}"), to: "c")
        table.deliver(.event(name: "chunk", data: "{}"), to: "other")
        XCTAssertEqual(subscriber.signals, ["resubscribed", "chunk {}"])
    }

    func testAFailureGoesToTheSubscribeCallWhileItWaitsAndToTheSubscriberAfter() async {
        var table = PusherChannelTable()
        let subscriber = Subscriber()
        var waited = false
        let result = await subscribe("a", in: &table, subscriber) { table in
            XCTAssertEqual(table.unconfirmedNames, ["a"])
            waited = table.fail("a", AirOpsError(.timeout, "late"))
        }
        XCTAssertTrue(waited, "the server may still confirm a channel whose subscribe call failed")
        XCTAssertEqual(failure(result), .timeout)
        XCTAssertFalse(table.contains("a"))

        _ = await subscribe("b", in: &table, subscriber) { $0.confirm("b") }
        XCTAssertFalse(table.fail("b", AirOpsError(.unauthorized, "refused")))
        XCTAssertFalse(table.fail("b", AirOpsError(.unauthorized, "refused")), "a failed channel is gone")
        XCTAssertEqual(subscriber.signals, ["failed unauthorized"])
        XCTAssertTrue(table.isEmpty)
    }

    func testRemovingAChannelEndsItsSubscribeCall() async {
        var table = PusherChannelTable()
        var removed = false
        let result = await subscribe("c", in: &table, Subscriber()) { removed = $0.remove("c") }
        XCTAssertTrue(removed)
        XCTAssertEqual(failure(result), .internal)
        XCTAssertFalse(table.remove("c"))
    }
}
