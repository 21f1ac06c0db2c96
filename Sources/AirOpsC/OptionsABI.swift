import AirOps
import CAirOpsABI
import Logging
import Synchronization

/// What an `airops_options *` points to: settings that setters may change from any thread.
final class OptionsHandle: Sendable {
    struct Settings {
        var configuration = ClientConfiguration()
        var queuedDelivery = false
        var logCallback: airops_log_callback?
        var logUserData: UnsafeMutableRawPointer?
        var logLevel = Logger.Level.info
    }

    let settings = Mutex(Settings())
}

@_cdecl("airops_options_new")
public func airops_options_new() -> OpaquePointer? {
    retainedHandle(OptionsHandle())
}

@_cdecl("airops_options_free")
public func airops_options_free(_ options: OpaquePointer?) {
    releaseHandle(options, as: OptionsHandle.self)
}

/// Applies a change to the options behind a handle.
private func update(
    _ options: OpaquePointer?, _ error: ErrorOut,
    _ change: (inout OptionsHandle.Settings) throws(AirOpsError) -> Void
) -> airops_code {
    call(error) { () throws(AirOpsError) in
        guard let handle = object(options, as: OptionsHandle.self) else {
            throw AirOpsError(.invalidArgument, "options must not be NULL")
        }
        try handle.settings.withLock { (settings) throws(AirOpsError) in try change(&settings) }
    }
}

@_cdecl("airops_options_set_identity")
public func airops_options_set_identity(
    _ options: OpaquePointer?, _ userId: UnsafePointer<CChar>?, _ workspaceId: UnsafePointer<CChar>?,
    _ hashedUserId: UnsafePointer<CChar>?, _ error: ErrorOut
) -> airops_code {
    update(options, error) { (settings) throws(AirOpsError) in
        settings.configuration.identity = try Identity(
            userId: try string(userId, "user_id"), workspaceId: try string(workspaceId, "workspace_id"),
            hashedUserId: try string(hashedUserId, "hashed_user_id"))
    }
}

@_cdecl("airops_options_set_host")
public func airops_options_set_host(_ options: OpaquePointer?, _ host: UnsafePointer<CChar>?, _ error: ErrorOut) -> airops_code {
    update(options, error) { (settings) throws(AirOpsError) in
        try settings.configuration.setHost(try string(host, "host"))
    }
}

@_cdecl("airops_options_set_request_timeout")
public func airops_options_set_request_timeout(_ options: OpaquePointer?, _ timeoutMs: Int64, _ error: ErrorOut) -> airops_code {
    update(options, error) { (settings) throws(AirOpsError) in
        try settings.configuration.setRequestTimeout(timeout(milliseconds: timeoutMs))
    }
}

@_cdecl("airops_options_load_environment")
public func airops_options_load_environment(_ options: OpaquePointer?, _ error: ErrorOut) -> airops_code {
    update(options, error) { (settings) throws(AirOpsError) in
        try settings.configuration.loadEnvironment()
    }
}

@_cdecl("airops_options_set_realtime_url")
public func airops_options_set_realtime_url(
    _ options: OpaquePointer?, _ url: UnsafePointer<CChar>?, _ key: UnsafePointer<CChar>?, _ error: ErrorOut
) -> airops_code {
    update(options, error) { (settings) throws(AirOpsError) in
        settings.configuration.realtime = try RealtimeEndpoint(url: try string(url, "url"), key: try string(key, "key"))
    }
}

@_cdecl("airops_options_set_pusher")
public func airops_options_set_pusher(
    _ options: OpaquePointer?, _ key: UnsafePointer<CChar>?, _ cluster: UnsafePointer<CChar>?, _ error: ErrorOut
) -> airops_code {
    update(options, error) { (settings) throws(AirOpsError) in
        settings.configuration.realtime = try .pusher(key: try string(key, "key"), cluster: try string(cluster, "cluster"))
    }
}

@_cdecl("airops_options_set_subscription_timeout")
public func airops_options_set_subscription_timeout(_ options: OpaquePointer?, _ timeoutMs: Int64, _ error: ErrorOut) -> airops_code {
    update(options, error) { (settings) throws(AirOpsError) in
        try settings.configuration.setSubscriptionTimeout(timeout(milliseconds: timeoutMs))
    }
}

@_cdecl("airops_options_set_max_buffered_events")
public func airops_options_set_max_buffered_events(_ options: OpaquePointer?, _ maxEvents: UInt, _ error: ErrorOut) -> airops_code {
    update(options, error) { (settings) throws(AirOpsError) in
        try settings.configuration.setMaxBufferedEvents(Int(clamping: maxEvents))
    }
}

@_cdecl("airops_options_set_delivery")
public func airops_options_set_delivery(_ options: OpaquePointer?, _ delivery: airops_delivery, _ error: ErrorOut) -> airops_code {
    update(options, error) { (settings) throws(AirOpsError) in
        switch delivery {
        case AIROPS_DELIVERY_DIRECT: settings.queuedDelivery = false
        case AIROPS_DELIVERY_QUEUED: settings.queuedDelivery = true
        default: throw AirOpsError(.invalidArgument, "unknown delivery mode \(delivery.rawValue)")
        }
    }
}

@_cdecl("airops_options_set_log_callback")
public func airops_options_set_log_callback(
    _ options: OpaquePointer?, _ minimum: airops_log_level, _ callback: airops_log_callback?,
    _ userData: UnsafeMutableRawPointer?, _ error: ErrorOut
) -> airops_code {
    update(options, error) { (settings) throws(AirOpsError) in
        guard let level = CallbackLogHandler.level(minimum) else {
            throw AirOpsError(.invalidArgument, "unknown log level \(minimum.rawValue)")
        }
        settings.logCallback = callback
        settings.logUserData = userData
        settings.logLevel = level
    }
}

@_cdecl("airops_options_set_max_retries")
public func airops_options_set_max_retries(_ options: OpaquePointer?, _ maxRetries: Int32, _ error: ErrorOut) -> airops_code {
    update(options, error) { (settings) throws(AirOpsError) in
        try settings.configuration.setMaxRetries(Int(maxRetries))
    }
}

@_cdecl("airops_options_set_ca_file")
public func airops_options_set_ca_file(_ options: OpaquePointer?, _ path: UnsafePointer<CChar>?, _ error: ErrorOut) -> airops_code {
    update(options, error) { (settings) throws(AirOpsError) in
        try settings.configuration.setCAFile(try string(path, "path"))
    }
}

@_cdecl("airops_options_set_proxy")
public func airops_options_set_proxy(_ options: OpaquePointer?, _ proxyURL: UnsafePointer<CChar>?, _ error: ErrorOut) -> airops_code {
    update(options, error) { (settings) throws(AirOpsError) in
        try settings.configuration.setProxy(try string(proxyURL, "proxy_url"))
    }
}

@_cdecl("airops_options_set_no_proxy")
public func airops_options_set_no_proxy(_ options: OpaquePointer?, _ hosts: UnsafePointer<CChar>?, _ error: ErrorOut) -> airops_code {
    update(options, error) { (settings) throws(AirOpsError) in
        try settings.configuration.setNoProxy(try string(hosts, "hosts"))
    }
}

@_cdecl("airops_options_set_redirects")
public func airops_options_set_redirects(_ options: OpaquePointer?, _ redirects: airops_redirects, _ error: ErrorOut) -> airops_code {
    update(options, error) { (settings) throws(AirOpsError) in
        switch redirects {
        case AIROPS_REDIRECTS_NEVER: settings.configuration.redirects = .never
        case AIROPS_REDIRECTS_SAME_ORIGIN: settings.configuration.redirects = .sameOrigin
        default: throw AirOpsError(.invalidArgument, "unknown redirect policy \(redirects.rawValue)")
        }
    }
}

@_cdecl("airops_options_allow_insecure_http")
public func airops_options_allow_insecure_http(_ options: OpaquePointer?, _ allow: Int32, _ error: ErrorOut) -> airops_code {
    update(options, error) { (settings) throws(AirOpsError) in
        settings.configuration.allowsInsecureHTTP = allow != 0
    }
}
