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
    /// The whole record as the JSON text the server sent.
    public let json: String
    /// The whole record, parsed.
    public let fields: [String: JSONValue]

    /// Decodes a record from a server's answer. Anything but an object with a string `uuid`
    /// and a string `status` is a protocol violation, never a crash.
    init(body: Data) throws(AirOpsError) {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: body), case .object(let fields) = value else {
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
        self.json = String(decoding: body, as: UTF8.self)
        self.fields = fields
    }

    private static func optionalText(_ value: JSONValue) -> String? {
        value == .null ? nil : value.text
    }
}
