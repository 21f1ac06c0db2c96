import ArgumentParser

struct CancelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Cancel an execution.",
        discussion: """
            The execution ends with status cancelled. Cancelling a cancelled execution succeeds; \
            cancelling one that has finished otherwise fails (exit code 7).

            EXAMPLES
              airops cancel 0b0e6f7e-3f6b-4c59-9d43-5e2b8a1c9f10
            """)

    @Argument(help: "The execution's id (uuid).")
    var executionId: String

    @OptionGroup(title: "Connection")
    var connection: ConnectionOptions

    func run() async throws {
        try await connection.withClient { client in try await client.execution(id: executionId).cancel() }
    }
}
