import AirOps
import CAirOpsABI
import Logging

/// A swift-log handler that forwards the core's messages to a C log callback.
struct CallbackLogHandler: LogHandler {
    private final class Target: @unchecked Sendable {
        let callback: airops_log_callback
        // The caller's pointer, passed back untouched.
        let userData: UnsafeMutableRawPointer?

        init(_ callback: airops_log_callback, _ userData: UnsafeMutableRawPointer?) {
            self.callback = callback
            self.userData = userData
        }
    }

    private let target: Target
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]

    init(callback: airops_log_callback, userData: UnsafeMutableRawPointer?, minimum: Logger.Level) {
        target = Target(callback, userData)
        logLevel = minimum
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let text = event.message.description
        text.withCString { target.callback(airops_log_level(rawValue: Self.rank(event.level)), $0, target.userData) }
    }

    static func rank(_ level: Logger.Level) -> UInt32 {
        UInt32(Logger.Level.allCases.firstIndex(of: level) ?? 0)
    }

    static func level(_ level: airops_log_level) -> Logger.Level? {
        let all = Logger.Level.allCases
        return Int(level.rawValue) < all.count ? all[Int(level.rawValue)] : nil
    }
}

/// The logger a client is made with: the caller's callback, or nothing.
func makeLogger(callback: airops_log_callback?, userData: UnsafeMutableRawPointer?, minimum: Logger.Level) -> Logger {
    guard let callback else { return Logger(label: "airops", factory: { _ in SwiftLogNoOpLogHandler() }) }
    return Logger(label: "airops") { _ in CallbackLogHandler(callback: callback, userData: userData, minimum: minimum) }
}
