import ArgumentParser

struct AppCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "app",
        abstract: "Describe apps.",
        subcommands: [AppGetCommand.self])
}
