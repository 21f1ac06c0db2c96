import ArgumentParser

struct ResultCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "result",
        abstract: "Print an execution's result.",
        discussion: """
            Prints the output text, or with --json the execution record, like 'run'. Without \
            --wait an execution that has not finished yet exits with 5 (its record still prints \
            with --json).

            EXAMPLES
              airops result 0b0e6f7e-3f6b-4c59-9d43-5e2b8a1c9f10
              airops result 0b0e6f7e-3f6b-4c59-9d43-5e2b8a1c9f10 --wait --timeout 60 --json
            """)

    @Argument(help: "The execution's id (uuid).")
    var executionId: String

    @Flag(help: "Wait until the execution has finished.")
    var wait = false

    @OptionGroup
    var timeout: TimeoutOption

    @Flag(help: "Print the execution record as JSON instead of the output.")
    var json = false

    @OptionGroup(title: "Connection")
    var connection: ConnectionOptions

    func validate() throws {
        if timeout.seconds != nil && !wait { throw ValidationError("--timeout needs --wait") }
    }

    func run() async throws {
        try await connection.withClient { client in
            let execution = try client.execution(id: executionId)
            let record =
                wait
                ? try await finalRecord(of: execution, timeout: timeout.duration, waiting: "waiting").record
                : try await execution.fetch()
            try report(record, json: json)
        }
    }
}
