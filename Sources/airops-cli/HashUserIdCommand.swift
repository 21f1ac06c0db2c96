import AirOps
import ArgumentParser

struct HashUserIdCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hash-user-id",
        abstract: "Print the hashed user id: hex HMAC-SHA256 of the user id, keyed with the API key.",
        discussion: """
            This is what a backend computes and hands to its users' clients; the API key is a \
            secret that must never reach them. Prefer --api-key-file or AIROPS_API_KEY to \
            --api-key: other local users can read options in the process list.

            EXAMPLES
              AIROPS_API_KEY=... airops hash-user-id user-1
              airops hash-user-id --api-key-file ~/.airops-api-key user-1
              printf '%s' "$KEY" | airops hash-user-id --api-key-file - user-1
              airops hash-user-id --api-key demo-api-key demo-user
            """)

    @Option(
        help: ArgumentHelp(
            "The workspace API key (default: --api-key-file, else $AIROPS_API_KEY). Other local users can read it in the process list: prefer --api-key-file or $AIROPS_API_KEY.",
            valueName: "key"))
    var apiKey: String?

    @Option(
        help: ArgumentHelp(
            "A file that holds the workspace API key, '-' for stdin; one trailing newline is ignored.",
            valueName: "path"))
    var apiKeyFile: String?

    @Argument(help: "The end user's id.")
    var userId: String

    private var apiKeyInput: SecretInput {
        SecretInput(option: "--api-key", value: apiKey, file: apiKeyFile, environment: "AIROPS_API_KEY")
    }

    func validate() throws {
        try apiKeyInput.validate()
    }

    func run() throws {
        guard let apiKey = try apiKeyInput.resolve() else {
            throw CommandFailure(.usage, "no API key: pass --api-key-file or set AIROPS_API_KEY")
        }
        StandardStream.output.write(try hashUserId(apiKey: apiKey, userId: userId) + "\n")
    }
}
