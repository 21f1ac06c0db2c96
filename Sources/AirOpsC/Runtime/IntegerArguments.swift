import AirOps

/// The C integer arguments as Swift values, in one place: every value of the C type has the
/// meaning airops.h gives it next to the function, and none traps (a `size_t` above Int.max,
/// milliseconds whose deadline would overflow). What a value means to the SDK (a timeout must
/// be positive, a retry count not negative) is checked by the core.

/// The longest timeout an argument can ask for, 30 days (2592000000 ms): longer ones are
/// clamped to it, so that no deadline or timer computed from it can overflow.
let longestTimeout = Duration.seconds(30 * 24 * 60 * 60)

/// A timeout in milliseconds, clamped to ``longestTimeout``. Zero and negative values pass
/// unchanged, for the caller (or the core) to give them their meaning.
func timeout(milliseconds: Int64) -> Duration {
    min(.milliseconds(milliseconds), longestTimeout)
}

/// A wait's timeout argument: negative waits without limit (nil).
func waitTimeout(_ timeoutMs: Int64) -> Duration? {
    timeoutMs < 0 ? nil : timeout(milliseconds: timeoutMs)
}

/// The version argument: 0 for the current version (nil), any other value for the core to
/// check (``AirOpsClient/validate(version:)``).
func pinnedVersion(_ version: Int64) -> Int? {
    version == 0 ? nil : Int(version)
}

/// airops_client_dispatch's `max_events`: 0 runs all that wait, and so does a count too large
/// for an Int (there can never be that many waiting).
func eventLimit(_ maxEvents: UInt) -> Int {
    Int(exactly: maxEvents) ?? 0
}
