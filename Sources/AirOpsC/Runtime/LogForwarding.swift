import AirOps
import CAirOpsABI
import Logging
import Synchronization

/// A C log callback that can be cut off: after `close()` returns it is not called again,
/// also by library threads that are still winding down.
final class LogTarget: @unchecked Sendable {
    private let callback: airops_log_callback
    // The caller's pointer, passed back untouched.
    private let userData: UnsafeMutableRawPointer?
    // Held while the callback runs, so that close waits for a call in progress.
    private let open = Mutex(true)

    init(_ callback: airops_log_callback, _ userData: UnsafeMutableRawPointer?) {
        self.callback = callback
        self.userData = userData
    }

    func send(_ level: airops_log_level, _ message: String) {
        open.withLock { isOpen in
            guard isOpen else { return }
            message.withCString { callback(level, $0, userData) }
        }
    }

    func close() {
        open.withLock { $0 = false }
    }
}

/// A swift-log handler that forwards the core's messages to a C log callback.
struct CallbackLogHandler: LogHandler {
    private let target: LogTarget
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]

    init(target: LogTarget, minimum: Logger.Level) {
        self.target = target
        logLevel = minimum
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        target.send(Self.level(event.level), event.message.description)
    }

    /// The ABI's level of a swift-log level, one by one: the ABI's values are fixed by
    /// airops.h, whatever order swift-log gives its levels.
    static func level(_ level: Logger.Level) -> airops_log_level {
        switch level {
        case .trace: AIROPS_LOG_TRACE
        case .debug: AIROPS_LOG_DEBUG
        case .info: AIROPS_LOG_INFO
        case .notice: AIROPS_LOG_NOTICE
        case .warning: AIROPS_LOG_WARNING
        case .error: AIROPS_LOG_ERROR
        case .critical: AIROPS_LOG_CRITICAL
        }
    }

    /// The swift-log level of an ABI level; nil for a value airops.h does not define.
    static func level(_ level: airops_log_level) -> Logger.Level? {
        switch level {
        case AIROPS_LOG_TRACE: .trace
        case AIROPS_LOG_DEBUG: .debug
        case AIROPS_LOG_INFO: .info
        case AIROPS_LOG_NOTICE: .notice
        case AIROPS_LOG_WARNING: .warning
        case AIROPS_LOG_ERROR: .error
        case AIROPS_LOG_CRITICAL: .critical
        default: nil
        }
    }
}

/// The logger a client is made with: to `target`, or nowhere.
func makeLogger(target: LogTarget?, minimum: Logger.Level) -> Logger {
    guard let target else { return Logger(label: "airops", factory: { _ in SwiftLogNoOpLogHandler() }) }
    return Logger(label: "airops") { _ in CallbackLogHandler(target: target, minimum: minimum) }
}
