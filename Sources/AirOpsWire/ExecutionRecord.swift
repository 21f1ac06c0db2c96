import FoundationEssentials

/// An execution as the server describes it (`GET /sdk_api/airops_apps/executions/{id}`).
public struct ExecutionRecord: Sendable {
    /// The execution's uuid.
    public let id: String
    public let status: ExecutionStatus
    /// The result: a string or an object; nil until the execution has succeeded.
    public let output: JSONValue?
    public let errorCode: String?
    public let errorMessage: String?
    /// How long the run took on the server (its `runtime` in seconds); nil while it is
    /// unfinished or when the server does not say.
    public let runtime: Duration?
    /// The whole record as the JSON text the server sent.
    public let json: String
    /// The whole record, parsed.
    public let fields: [String: JSONValue]

    /// Decodes a record from a server's answer. Anything but an object with a string `uuid`
    /// and a string `status` is a protocol violation, never a crash.
    package init(body: Data) throws(AirOpsError) {
        guard case .object(let fields)? = JSONValue(json: body) else {
            throw AirOpsError(.protocolViolation, "the execution record is not a JSON object")
        }
        guard case .string(let id)? = fields["uuid"], !id.isEmpty else {
            throw AirOpsError(.protocolViolation, "the execution record has no string 'uuid'")
        }
        guard case .string(let status)? = fields["status"] else {
            throw AirOpsError(.protocolViolation, "the execution record has no string 'status'")
        }
        self.id = id
        self.status = ExecutionStatus(rawValue: status)
        self.output = fields["output"].flatMap { $0 == .null ? nil : $0 }
        self.errorCode = fields["error_code"].flatMap(Self.optionalText)
        self.errorMessage = fields["error_message"].flatMap(Self.optionalText)
        self.runtime = fields["runtime"].flatMap(Self.duration)
        self.json = String(decoding: body, as: UTF8.self)
        self.fields = fields
    }

    private static func duration(_ value: JSONValue) -> Duration? {
        let seconds: Double
        switch value {
        case .int(let whole): seconds = Double(whole)
        case .double(let fraction): seconds = fraction
        default: return nil
        }
        // A day bounds any real run; beyond it the value is garbage, not a runtime.
        guard seconds.isFinite, (0...86_400).contains(seconds) else { return nil }
        return .seconds(seconds)
    }

    private static func optionalText(_ value: JSONValue) -> String? {
        value == .null ? nil : value.text
    }
}
