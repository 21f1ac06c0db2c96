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
        target.send(airops_log_level(rawValue: Self.rank(event.level)), event.message.description)
    }

    static func rank(_ level: Logger.Level) -> UInt32 {
        UInt32(Logger.Level.allCases.firstIndex(of: level) ?? 0)
    }

    static func level(_ level: airops_log_level) -> Logger.Level? {
        let all = Logger.Level.allCases
        return Int(level.rawValue) < all.count ? all[Int(level.rawValue)] : nil
    }
}

/// The logger a client is made with: to `target`, or nowhere.
func makeLogger(target: LogTarget?, minimum: Logger.Level) -> Logger {
    guard let target else { return Logger(label: "airops", factory: { _ in SwiftLogNoOpLogHandler() }) }
    return Logger(label: "airops") { _ in CallbackLogHandler(target: target, minimum: minimum) }
}
