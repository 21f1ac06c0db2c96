import Hummingbird

/// The 200 answers of body faults (``FaultConfig/BrokenBody``), shaped like the answer of
/// each endpoint so that clients fail where they parse, not earlier.
enum BrokenBodies {
    /// How long an endless or stalled answer lasts at most, should the client never give up.
    static let cap = Duration.seconds(30)

    static func response(_ kind: FaultConfig.BrokenBody, for endpoint: FaultConfig.Endpoint) -> Response {
        let valid = validText(endpoint)
        let text: String
        switch kind {
        case .truncated: text = String(valid.prefix(valid.count / 2))
        case .malformed: text = String(valid.dropLast()) + ",]"
        case .wrongTypes: text = wrongTypesText(endpoint)
        case .endless: return endless()
        case .stall: return stall()
        }
        return Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    private static let record =
        #"{"id":1,"uuid":"00000000-0000-4000-8000-000000000000","airops_app_id":1,"#
        + #""airops_apps_version_id":1,"status":"success","output":"fault","error_code":null,"#
        + #""error_message":null,"inputs":{},"stream_channel_id":null,"workspace_id":1,"#
        + #""credits_used":1,"runtime":0.1,"created_at":"2026-01-01T00:00:00.000Z","#
        + #""updated_at":"2026-01-01T00:00:00.000Z"}"#

    private static let wrongRecord =
        #"{"id":"1","uuid":1,"airops_app_id":"1","airops_apps_version_id":[],"status":7,"#
        + #""output":{"text":false},"error_code":1,"error_message":2,"inputs":"none","#
        + #""stream_channel_id":3,"workspace_id":"1","credits_used":"1","runtime":"fast","#
        + #""created_at":0,"updated_at":true}"#

    private static func validText(_ endpoint: FaultConfig.Endpoint) -> String {
        switch endpoint {
        case .getExecution, .cancel, .any: record
        case .asyncExecute: #"{"airops_app_execution":\#(record)}"#
        case .chatStream: #"{"airops_app_execution":\#(record),"session_id":"00000000-0000-4000-8000-000000000001"}"#
        case .getApp:
            #"{"id":1,"uuid":"fault","name":"Fault","public":false,"type":"workflow","active_version":1,"versions":[1]}"#
        case .pusherAuth: #"{"auth":"airops-dev-key:0000000000000000000000000000000000000000000000000000000000000000"}"#
        }
    }

    private static func wrongTypesText(_ endpoint: FaultConfig.Endpoint) -> String {
        switch endpoint {
        case .getExecution, .cancel, .any: wrongRecord
        case .asyncExecute: #"{"airops_app_execution":\#(wrongRecord)}"#
        case .chatStream: #"{"airops_app_execution":\#(wrongRecord),"session_id":5}"#
        case .getApp:
            #"{"id":"1","uuid":1,"name":false,"public":"no","type":2,"active_version":"1","versions":"1"}"#
        case .pusherAuth: #"{"auth":12345}"#
        }
    }

    /// JSON that never ends: a chunk every few milliseconds until the client leaves (the
    /// write fails) or the cap.
    private static func endless() -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: .init { writer in
                let deadline = ContinuousClock.now + cap
                try await writer.write(ByteBuffer(string: #"{"airops_app_execution":{"output":""#))
                let chunk = ByteBuffer(repeating: UInt8(ascii: "a"), count: 4096)
                while ContinuousClock.now < deadline {
                    try await writer.write(chunk)
                    try await Task.sleep(for: .milliseconds(5))
                }
                try await writer.finish(nil)
            })
    }

    /// Headers, then nothing until the cap.
    private static func stall() -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: .init { writer in
                try await Task.sleep(for: cap)
                try await writer.finish(nil)
            })
    }
}
