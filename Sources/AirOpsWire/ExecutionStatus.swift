/// The status of an execution. Statuses this SDK does not know are kept as ``unknown(_:)``.
public enum ExecutionStatus: Sendable, Hashable {
    case queued, pending, running, success, error, cancelled, reviewNeeded
    case unknown(String)

    public init(rawValue: String) {
        switch rawValue {
        case "queued": self = .queued
        case "pending": self = .pending
        case "running": self = .running
        case "success": self = .success
        case "error": self = .error
        case "cancelled": self = .cancelled
        case "review_needed": self = .reviewNeeded
        default: self = .unknown(rawValue)
        }
    }

    public var rawValue: String {
        switch self {
        case .queued: "queued"
        case .pending: "pending"
        case .running: "running"
        case .success: "success"
        case .error: "error"
        case .cancelled: "cancelled"
        case .reviewNeeded: "review_needed"
        case .unknown(let raw): raw
        }
    }

    /// Whether the execution has stopped changing. As in the official clients, every status
    /// but queued, pending and running is final.
    public var isFinished: Bool {
        switch self {
        case .queued, .pending, .running: false
        default: true
        }
    }
}
