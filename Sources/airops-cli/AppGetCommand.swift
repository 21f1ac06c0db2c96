import ArgumentParser

struct AppGetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get",
        abstract: "Print an app's description as JSON.",
        discussion: """
            EXAMPLES
              airops app get hello-world
              airops app get public-echo | jq .public
            """)

    @Argument(help: "The app's id (uuid).")
    var appId: String

    @Flag(help: "Print JSON: the default and only format, accepted like in run and result.")
    var json = false

    @OptionGroup(title: "Connection")
    var connection: ConnectionOptions

    func run() async throws {
        let app = try await connection.withClient { client in try await client.app(id: appId) }
        StandardStream.output.write(prettyJSON(.object(app.fields)) + "\n")
    }
}
