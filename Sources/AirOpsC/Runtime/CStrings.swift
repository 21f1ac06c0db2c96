import AirOps
import Glibc

/// Reads a caller's C string. NULL and invalid UTF-8 are invalid arguments.
func string(_ pointer: UnsafePointer<CChar>?, _ name: String) throws(AirOpsError) -> String {
    guard let pointer else { throw AirOpsError(.invalidArgument, "\(name) must not be NULL") }
    guard let value = String(validatingCString: pointer) else {
        throw AirOpsError(.invalidArgument, "\(name) is not valid UTF-8")
    }
    return value
}

/// Reads a caller's C string as bytes, for the few arguments that need not be text.
func bytes(_ pointer: UnsafePointer<CChar>?, _ name: String) throws(AirOpsError) -> [UInt8] {
    guard let pointer else { throw AirOpsError(.invalidArgument, "\(name) must not be NULL") }
    return Array(UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: strlen(pointer)))
}

/// Reads an optional C string: NULL gives nil.
func optionalString(_ pointer: UnsafePointer<CChar>?, _ name: String) throws(AirOpsError) -> String? {
    guard pointer != nil else { return nil }
    return try string(pointer, name)
}

/// A copy of `value` that the caller owns and frees with airops_string_free (free(3)).
func ownedCString(_ value: String) -> UnsafeMutablePointer<CChar> {
    strdup(value)
}

/// A C string kept alive by the object that lends it out as `const char *`.
final class BorrowedCString: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<CChar>

    init(_ value: String) {
        pointer = strdup(value)
    }

    deinit {
        free(pointer)
    }

    var borrowed: UnsafePointer<CChar> { UnsafePointer(pointer) }
}
