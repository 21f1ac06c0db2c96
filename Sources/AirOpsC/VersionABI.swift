import AirOps

private let versionString = BorrowedCString(sdkVersion)

@_cdecl("airops_version")
public func airops_version() -> UnsafePointer<CChar> {
    versionString.borrowed
}

@_cdecl("airops_version_number")
public func airops_version_number() -> Int32 {
    Int32(sdkVersionNumber)
}
