/// The SDK's version; include/airops.h's AIROPS_VERSION_* macros carry the same numbers.
public let sdkVersion = "0.1.0"
public let sdkVersionNumber = 100
