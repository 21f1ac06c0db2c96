import AirOps
import ArgumentParser

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run an app and print its output.",
        discussion: """
            Prints the output text (a string as it is, any other output as JSON) and a newline, \
            or with --json the final execution record. An execution that ends with status error \
            or cancelled prints its error on stderr and exits with 1. With --timeout the wait \
            ends with exit code 5, but the execution goes on: 'airops result ID --wait' picks it \
            up.

            EXAMPLES
              airops run hello-world --input name=Ada
              airops run hello-world --input name=Ada --version 1
              echo '{"name": "Ada"}' | airops run hello-world --inputs-json -
              airops run slow-echo --input text="one two three" --stream
              airops run hello-world --input name=Ada --json | jq -r .status
              id=$(airops run slow-echo --input text=hi --no-wait) && airops cancel "$id"
            """)

    @Argument(help: "The app's id (uuid).")
    var appId: String

    @OptionGroup
    var inputOptions: InputOptions

    @Option(help: ArgumentHelp("The app version to run (default: the current one).", valueName: "n"))
    var version: Int?

    @Flag(help: "Print the output as it is produced (needs the realtime endpoint: see 'airops --help').")
    var stream = false

    @Flag(help: "Print the final execution record as JSON instead of the output.")
    var json = false

    @Flag(help: "Print the execution id and exit without waiting for the result.")
    var noWait = false

    @OptionGroup
    var timeout: TimeoutOption

    @OptionGroup(title: "Connection")
    var connection: ConnectionOptions

    func validate() throws {
        if noWait && (stream || json || timeout.seconds != nil) {
            throw ValidationError("--no-wait cannot be combined with --stream, --json or --timeout")
        }
        if inputOptions.inputsJson == "-" && connection.readsStandardInput {
            throw ValidationError("--inputs-json and --hashed-user-id-file cannot both read stdin ('-')")
        }
    }

    func run() async throws {
        let inputs = try inputOptions.inputs()
        try await connection.withClient { client in
            let execution = try await client.execute(appId: appId, inputs: inputs, version: version, streaming: stream)
            guard !noWait else { return StandardStream.output.write(execution.id + "\n") }
            let (record, streamed) = try await finalRecord(
                of: execution, timeout: timeout.duration, waiting: "running", show: json ? nil : EventPrinters.chunks)
            try report(record, json: json, streamed: streamed)
        }
    }
}
