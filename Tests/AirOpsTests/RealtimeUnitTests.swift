@testable import AirOps
import XCTest

final class RealtimeUnitTests: XCTestCase {
    func testEndpointValidation() throws {
        XCTAssertEqual(try RealtimeEndpoint.pusher(key: "abc123", cluster: "mt1").url, "wss://ws-mt1.pusher.com")
        let local = try RealtimeEndpoint(url: "ws://127.0.0.1:8080/", key: "k")
        XCTAssertEqual(local.url, "ws://127.0.0.1:8080")
        XCTAssertEqual(local.connectTarget, "/app/k?protocol=7&client=libairops&version=\(sdkVersion)&flash=false")
        XCTAssertEqual(try RealtimeEndpoint(url: "wss://example.com/prefix/", key: "k").connectTarget.prefix(13), "/prefix/app/k")
        for (url, key) in [("http://x", "k"), ("ws://", "k"), ("ws://x?y", "k"), ("ws://x", ""), ("ws://x", "a/b")] {
            XCTAssertThrowsError(try RealtimeEndpoint(url: url, key: key), "\(url) \(key)")
        }
        XCTAssertThrowsError(try RealtimeEndpoint.pusher(key: "k", cluster: "eu.evil"))
    }

    func testFramesDecodeDoubleEncodedAndPlainData() {
        let double = PusherFrame(text: #"{"event":"chunk","channel":"private-x","data":"{\"content\":\"Hi\"}"}"#)
        XCTAssertEqual(double?.channel, "private-x")
        XCTAssertEqual(double?.payload?["content"], .string("Hi"))
        let plain = PusherFrame(text: #"{"event":"pusher:error","data":{"code":4001,"message":"no"}}"#)
        XCTAssertEqual(plain?.payload?["code"], .int(4001))
        XCTAssertNil(PusherFrame(text: "not json"))
        XCTAssertNil(PusherFrame(text: #"{"data":"{}"}"#))
    }

    func testReconnectPolicyFollowsCloseCodeClasses() {
        let policy = ReconnectPolicy()
        XCTAssertEqual(policy.decide(closeCode: 4001, failures: 0, quickCloses: 1), .giveUp)
        guard case .reconnect(let backoff) = policy.decide(closeCode: 4100, failures: 0, quickCloses: 0) else { return XCTFail() }
        XCTAssertGreaterThanOrEqual(backoff, .seconds(1))
        guard case .reconnect(let later) = policy.decide(closeCode: nil, failures: 20, quickCloses: 20) else { return XCTFail() }
        XCTAssertLessThanOrEqual(later, policy.maximum)
    }

    func testEveryReconnectWaitsAtLeastAGrowingFloor() {
        let policy = ReconnectPolicy()
        // "Reconnect now" (4200-4299) still waits 100-300 ms, more after each quick close.
        for (quickCloses, least, most) in [(0, 100, 300), (1, 100, 300), (2, 200, 600), (3, 400, 1200), (30, 1600, 4800)] {
            guard case .reconnect(let delay) = policy.decide(closeCode: 4200, failures: 0, quickCloses: quickCloses) else {
                return XCTFail()
            }
            XCTAssertGreaterThanOrEqual(delay, .milliseconds(least))
            XCTAssertLessThanOrEqual(delay, .milliseconds(most))
        }
    }

    func testEventsAreReadIntoTheirKinds() {
        func kind(_ name: String, _ json: String, isChat: Bool = false) -> ExecutionEvent.Kind? {
            ExecutionEvent(eventName: name, json: json, isChat: isChat)?.kind
        }
        XCTAssertEqual(kind("agent-action", #"{"tool":"t","tool_input":{"a":1}}"#), .agentAction(tool: "t", input: .object(["a": .int(1)])))
        XCTAssertEqual(kind("agent-action", "{}"), .agentAction(tool: "", input: .object([:])))
        XCTAssertEqual(kind("agent-response", #"{"token":"x","stream_finished":true,"result":"xy"}"#), .agentResponse(token: "x", reply: "xy"))
        XCTAssertEqual(kind("agent-response", #"{"token":"x","stream_finished":false,"result":"xy"}"#), .agentResponse(token: "x", reply: nil))
        XCTAssertEqual(kind("agent-action-error", #"{"tool":"t","tool_error":"e"}"#), .agentActionError(tool: "t", message: "e"))
        XCTAssertEqual(kind("chunk", "[1,2"), .chunk(content: ""))
        XCTAssertNil(kind("unknown", "{}"))
        // The end carries the execution's content, or the chat's result, and what the SDK adds.
        XCTAssertEqual(kind("completed", #"{"content":"c","result":"r"}"#), .completed(.init(output: "c", isChat: false)))
        XCTAssertEqual(kind("completed", #"{"content":"c","result":"r"}"#, isChat: true), .completed(.init(output: "r", isChat: true)))
        XCTAssertEqual(
            kind("completed", #"{"content":"","error_code":"e","error_message":"m"}"#),
            .completed(.init(output: "", isChat: false, errorCode: "e", errorMessage: "m")))
        let built = ExecutionEvent(ending: .init(output: "r", isChat: true, errorCode: "e"))
        XCTAssertEqual(JSONValue(jsonText: built.json), .object(["result": .string("r"), "error_code": .string("e")]))
    }

    func testChangeSignalWakesWaitersAndTimesOut() async {
        let signal = ChangeSignal()
        await signal.wait(after: signal.count, upTo: .milliseconds(20))  // returns by itself
        let seen = signal.count
        async let woken: Void = signal.wait(after: seen, upTo: .seconds(30))
        try? await Task.sleep(for: .milliseconds(20))
        signal.fire()
        await woken
        XCTAssertEqual(signal.count, seen + 1)
    }
}
