// Calls the C ABI of the airops product (libairops.so, built by SwiftPM for this package): the
// library's version must be the one its header names.
import CAirOpsABI
import Glibc

let version = String(cString: airops_version())
print("libairops \(version), header \(AIROPS_VERSION_STRING)")
exit(version == AIROPS_VERSION_STRING ? 0 : 1)
