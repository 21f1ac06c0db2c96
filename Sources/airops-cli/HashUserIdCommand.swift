import AirOps
import ArgumentParser

struct HashUserIdCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hash-user-id",
        abstract: "Print the hashed user id: hex HMAC-SHA256 of the user id, keyed with the API key.",
        discussion: """
            This is what a backend computes and hands to its users' clients; the API key is a \
            secret that must never reach them. Prefer AIROPS_API_KEY to --api-key: options show \
            in process lists.

            EXAMPLES
              AIROPS_API_KEY=... airops hash-user-id user-1
              airops hash-user-id --api-key demo-api-key demo-user
            """)

    @Option(help: ArgumentHelp("The workspace API key (default: $AIROPS_API_KEY).", valueName: "key"))
    var apiKey: String?

    @Argument(help: "The end user's id.")
    var userId: String

    func run() throws {
        guard let apiKey = apiKey ?? environmentValue("AIROPS_API_KEY") else {
            throw CommandFailure(.usage, "no API key: pass --api-key or set AIROPS_API_KEY")
        }
        StandardStream.output.write(try hashUserId(apiKey: apiKey, userId: userId) + "\n")
    }
}
