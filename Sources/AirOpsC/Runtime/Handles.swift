/// Opaque C handles are retained Swift objects: `_new` passes one reference to the caller,
/// `_free` takes it back.
func retainedHandle(_ object: AnyObject) -> OpaquePointer {
    OpaquePointer(Unmanaged.passRetained(object).toOpaque())
}

/// The object behind a handle, borrowed for the length of a call.
func object<T: AnyObject>(_ handle: OpaquePointer?, as type: T.Type) -> T? {
    guard let handle else { return nil }
    return Unmanaged<T>.fromOpaque(UnsafeRawPointer(handle)).takeUnretainedValue()
}

/// Gives back the reference that `retainedHandle` passed out.
func releaseHandle<T: AnyObject>(_ handle: OpaquePointer?, as type: T.Type) {
    guard let handle else { return }
    Unmanaged<T>.fromOpaque(UnsafeRawPointer(handle)).release()
}

/// A handle value passed between tasks; what it points to is Sendable itself.
struct SendablePointer: @unchecked Sendable {
    let value: OpaquePointer

    init(_ value: OpaquePointer) {
        self.value = value
    }
}
