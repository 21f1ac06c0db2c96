// Calls the C ABI of the airops product (libairops.so, built by SwiftPM for this package): the
// library's version must be the one its header names.
import CAirOpsABI
import Glibc

let version = String(cString: airops_version())
guard version == AIROPS_VERSION_STRING else {
    fputs("airops_version() is \(version), the header says \(AIROPS_VERSION_STRING)\n", stderr)
    exit(1)
}
print("libairops \(version)")
