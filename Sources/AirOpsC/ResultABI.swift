import AirOps
import CAirOpsABI

/// What an `airops_result *` points to: an execution record with its strings ready to lend.
final class ResultHandle: Sendable {
    let state: airops_state
    let status: BorrowedCString
    let executionId: BorrowedCString
    let output: BorrowedCString?
    let errorCode: BorrowedCString?
    let errorMessage: BorrowedCString?
    let json: BorrowedCString

    init(_ record: ExecutionRecord) {
        state = airopsState(record.status)
        status = BorrowedCString(record.status.rawValue)
        executionId = BorrowedCString(record.id)
        output = record.output.map { BorrowedCString($0.text) }
        errorCode = record.errorCode.map(BorrowedCString.init)
        errorMessage = record.errorMessage.map(BorrowedCString.init)
        json = BorrowedCString(record.json)
    }
}

private func airopsState(_ status: ExecutionStatus) -> airops_state {
    switch status {
    case .queued: AIROPS_STATE_QUEUED
    case .pending: AIROPS_STATE_PENDING
    case .running: AIROPS_STATE_RUNNING
    case .success: AIROPS_STATE_SUCCESS
    case .error: AIROPS_STATE_ERROR
    case .cancelled: AIROPS_STATE_CANCELLED
    case .reviewNeeded: AIROPS_STATE_REVIEW_NEEDED
    case .unknown: AIROPS_STATE_UNKNOWN
    }
}

private func result(_ handle: OpaquePointer?) -> ResultHandle? {
    object(handle, as: ResultHandle.self)
}

@_cdecl("airops_result_state")
public func airops_result_state(_ handle: OpaquePointer?) -> airops_state {
    result(handle)?.state ?? AIROPS_STATE_UNKNOWN
}

@_cdecl("airops_result_status_text")
public func airops_result_status_text(_ handle: OpaquePointer?) -> UnsafePointer<CChar>? {
    result(handle)?.status.borrowed
}

/// The deprecated name of airops_result_status_text, kept for source and binary compatibility.
@_cdecl("airops_result_status")
public func airops_result_status(_ handle: OpaquePointer?) -> UnsafePointer<CChar>? {
    airops_result_status_text(handle)
}

@_cdecl("airops_result_execution_id")
public func airops_result_execution_id(_ handle: OpaquePointer?) -> UnsafePointer<CChar>? {
    result(handle)?.executionId.borrowed
}

@_cdecl("airops_result_output")
public func airops_result_output(_ handle: OpaquePointer?) -> UnsafePointer<CChar>? {
    result(handle)?.output?.borrowed
}

@_cdecl("airops_result_error_code")
public func airops_result_error_code(_ handle: OpaquePointer?) -> UnsafePointer<CChar>? {
    result(handle)?.errorCode?.borrowed
}

@_cdecl("airops_result_error_message")
public func airops_result_error_message(_ handle: OpaquePointer?) -> UnsafePointer<CChar>? {
    result(handle)?.errorMessage?.borrowed
}

@_cdecl("airops_result_json")
public func airops_result_json(_ handle: OpaquePointer?) -> UnsafePointer<CChar>? {
    result(handle)?.json.borrowed
}

@_cdecl("airops_result_free")
public func airops_result_free(_ handle: OpaquePointer?) {
    releaseHandle(handle, as: ResultHandle.self)
}
