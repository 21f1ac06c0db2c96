import AirOps
import CAirOpsABI

/// What an `airops_error *` points to.
final class ErrorHandle: @unchecked Sendable {
    let code: airops_code
    let httpStatus: Int32
    let message: BorrowedCString

    init(_ error: AirOpsError) {
        code = airopsCode(error.kind)
        httpStatus = Int32(clamping: error.httpStatus)
        message = BorrowedCString(error.message)
    }
}

func airopsCode(_ kind: AirOpsError.Kind) -> airops_code {
    switch kind {
    case .invalidArgument: AIROPS_ERR_INVALID_ARGUMENT
    case .unauthorized: AIROPS_ERR_UNAUTHORIZED
    case .notFound: AIROPS_ERR_NOT_FOUND
    case .badRequest: AIROPS_ERR_BAD_REQUEST
    case .rateLimited: AIROPS_ERR_RATE_LIMITED
    case .server: AIROPS_ERR_SERVER
    case .network: AIROPS_ERR_NETWORK
    case .timeout: AIROPS_ERR_TIMEOUT
    case .protocolViolation: AIROPS_ERR_PROTOCOL
    case .internal: AIROPS_ERR_INTERNAL
    case .redirect: AIROPS_ERR_REDIRECT
    case .forked: AIROPS_ERR_FORKED
    case .cancelled: AIROPS_ERR_CANCELLED
    }
}

@_cdecl("airops_error_code")
public func airops_error_code(_ error: OpaquePointer?) -> airops_code {
    object(error, as: ErrorHandle.self)?.code ?? AIROPS_OK
}

@_cdecl("airops_error_http_status")
public func airops_error_http_status(_ error: OpaquePointer?) -> Int32 {
    object(error, as: ErrorHandle.self)?.httpStatus ?? 0
}

@_cdecl("airops_error_message")
public func airops_error_message(_ error: OpaquePointer?) -> UnsafePointer<CChar>? {
    object(error, as: ErrorHandle.self)?.message.borrowed
}

@_cdecl("airops_error_free")
public func airops_error_free(_ error: OpaquePointer?) {
    releaseHandle(error, as: ErrorHandle.self)
}

@_cdecl("airops_code_name")
public func airops_code_name(_ code: airops_code) -> UnsafePointer<CChar> {
    let name: StaticString =
        switch code {
        case AIROPS_OK: "AIROPS_OK"
        case AIROPS_ERR_INVALID_ARGUMENT: "AIROPS_ERR_INVALID_ARGUMENT"
        case AIROPS_ERR_UNAUTHORIZED: "AIROPS_ERR_UNAUTHORIZED"
        case AIROPS_ERR_NOT_FOUND: "AIROPS_ERR_NOT_FOUND"
        case AIROPS_ERR_BAD_REQUEST: "AIROPS_ERR_BAD_REQUEST"
        case AIROPS_ERR_REDIRECT: "AIROPS_ERR_REDIRECT"
        case AIROPS_ERR_RATE_LIMITED: "AIROPS_ERR_RATE_LIMITED"
        case AIROPS_ERR_SERVER: "AIROPS_ERR_SERVER"
        case AIROPS_ERR_NETWORK: "AIROPS_ERR_NETWORK"
        case AIROPS_ERR_TIMEOUT: "AIROPS_ERR_TIMEOUT"
        case AIROPS_ERR_PROTOCOL: "AIROPS_ERR_PROTOCOL"
        case AIROPS_ERR_INTERNAL: "AIROPS_ERR_INTERNAL"
        case AIROPS_ERR_FORKED: "AIROPS_ERR_FORKED"
        case AIROPS_ERR_CANCELLED: "AIROPS_ERR_CANCELLED"
        default: "AIROPS_ERR_UNKNOWN"
        }
    return staticCString(name)
}

func staticCString(_ text: StaticString) -> UnsafePointer<CChar> {
    UnsafeRawPointer(text.utf8Start).assumingMemoryBound(to: CChar.self)
}
