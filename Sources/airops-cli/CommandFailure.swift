import AirOps

/// Why a command failed: printed as `airops: <message>` on stderr before exiting with `status`.
struct CommandFailure: Error {
    let status: ExitStatus
    let message: String

    init(_ status: ExitStatus, _ message: String) {
        self.status = status
        self.message = message
    }

    init(_ error: AirOpsError) {
        self.init(ExitStatus(error.kind), error.httpStatus == 0 ? error.message : "\(error.message) (HTTP \(error.httpStatus))")
    }
}
