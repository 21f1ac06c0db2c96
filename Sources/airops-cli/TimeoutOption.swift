import ArgumentParser

/// `--timeout S`: how long to wait for an execution's result.
struct TimeoutOption: ParsableArguments {
    @Option(
        name: .customLong("timeout"),
        help: ArgumentHelp("Wait at most this many seconds for the result, then exit with 5 (default: no limit).", valueName: "seconds"))
    var seconds: Double?

    func validate() throws {
        // Duration traps on values it cannot hold; a billion seconds is over 30 years.
        if let seconds, !(seconds > 0 && seconds < 1e9) {
            throw ValidationError("--timeout must be a positive number of seconds")
        }
    }

    var duration: Duration? { seconds.map { .seconds($0) } }
}
