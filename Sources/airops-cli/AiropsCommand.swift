import AirOps
import ArgumentParser
import Glibc

@main
struct AiropsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "airops",
        abstract: "Run AirOps apps and chat with AirOps agents.",
        discussion: """
            ENVIRONMENT (options override it)
              AIROPS_HOST            API host (--host); default https://app.airops.com
              AIROPS_WORKSPACE_ID    workspace id (--workspace-id)
              AIROPS_USER_ID         end user's id (--user-id)
              AIROPS_HASHED_USER_ID  end user's hashed id (--hashed-user-id-file,
                                     --hashed-user-id)
              AIROPS_API_KEY         key of 'hash-user-id' (--api-key-file, --api-key);
                                     in development also hashes the user id when no
                                     hashed id is given
              AIROPS_PUSHER_KEY      realtime key, with AIROPS_REALTIME_URL or
                                     AIROPS_PUSHER_CLUSTER: for run --stream and chat
              HTTPS_PROXY, HTTP_PROXY, ALL_PROXY (--proxy), NO_PROXY (--no-proxy),
                                     also lower-case: the proxy and the hosts it skips
            Without user id, workspace id and hashed id the client is public: it runs
            public apps only.
            Options are visible to other local users in the process list: pass secrets
            in the environment or in a file (--hashed-user-id-file, --api-key-file;
            '-' reads stdin), not as --hashed-user-id or --api-key.

            \(ExitStatus.help)
            Errors print 'airops: <message>' on stderr.

            EXAMPLES
              airops run hello-world --input name=Ada
              airops chat demo-agent
            """,
        subcommands: [
            RunCommand.self, ResultCommand.self, CancelCommand.self, ChatCommand.self,
            AppCommand.self, HashUserIdCommand.self,
        ])

    /// ArgumentParser's `main`, but every failure exits with an ``ExitStatus``: usage errors
    /// with 2 rather than ArgumentParser's 64, the others with the code their kind has.
    static func main() async {
        do {
            var command = try await asyncParseAsRoot()
            if var command = command as? AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            exit(after: error)
        }
    }

    private static func exit(after error: any Error) -> Never {
        let failure: CommandFailure? =
            switch error {
            case let failure as CommandFailure: failure
            case let error as AirOpsError: CommandFailure(error)
            default: nil
            }
        if let failure {
            StandardStream.error.write("airops: \(failure.message)\n")
            Glibc.exit(failure.status.rawValue)
        }
        guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
        var message = fullMessage(for: error)
        if message.hasPrefix("Error: ") { message = "airops: " + message.dropFirst("Error: ".count) }
        StandardStream.error.write(message + "\n")
        Glibc.exit(ExitStatus.usage.rawValue)
    }
}
