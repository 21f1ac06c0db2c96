import AirOpsDevServer
import ArgumentParser
import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@main
struct DevServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "airops-dev-server",
        abstract: "A local AirOps server for development and tests.",
        discussion: """
            Serves the AirOps sdk_api endpoints over a demo workspace, or over the workspaces and \
            apps of --config, and on the same port a Pusher Channels realtime server (WebSocket \
            /app/<key> and the HTTP trigger API) that streams executions and agent chats. Once \
            listening it prints the client environment to stdout, ending with "# ready". Runs \
            until SIGINT or SIGTERM. With --tls-cert and --tls-key it serves HTTPS and wss \
            instead, and names itself localhost in the printed URLs, as certificates for \
            local development do. Exits with 2 when the config or the TLS files are bad.
            """)

    @Option(help: "The port to listen on; 0 picks a free port.")
    var port = 8080

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "A JSON file of workspaces and apps (default: the built-in demo workspace).")
    var config: String?

    @Option(help: "The bearer token of every /dev/ endpoint (default: a random one, printed at startup).")
    var adminToken: String?

    @Option(help: "A PEM certificate (chain) to serve HTTPS and wss with; needs --tls-key.")
    var tlsCert: String?

    @Option(help: "The PEM private key of --tls-cert.")
    var tlsKey: String?

    @Option(help: "What to log on stderr: trace, debug, info (one line per request), notice, warning, error, critical.")
    var logLevel = "info"

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("unknown --log-level \(logLevel)") }
        guard (tlsCert == nil) == (tlsKey == nil) else { throw ValidationError("--tls-cert and --tls-key go together") }
    }

    func run() async throws {
        let serverConfig: DevServerConfig
        let tls: DevServerTLS?
        do {
            serverConfig = try config.map { try DevServerConfig.load(path: $0) } ?? .builtIn
            if let tlsCert, let tlsKey {
                tls = try DevServerTLS(certificatePath: tlsCert, keyPath: tlsKey)
            } else {
                tls = nil
            }
        } catch {
            writeLine(STDERR_FILENO, "airops-dev-server: \(error)")
            throw ExitCode(2)
        }
        do {
            let server = DevServer(
                config: serverConfig, logLevel: Logger.Level(rawValue: logLevel) ?? .info, adminToken: adminToken)
            try await server.run(host: host, port: port, tls: tls) { baseURL in
                for line in startupBanner(baseURL: baseURL, config: serverConfig, adminToken: server.adminToken) {
                    writeLine(STDOUT_FILENO, line)
                }
            }
        } catch {
            writeLine(STDERR_FILENO, "airops-dev-server: \(error)")
            throw ExitCode.failure
        }
    }
}

/// Writes straight to the file descriptor: a harness reads the startup lines from a pipe,
/// where buffered stdout would hold them back.
private func writeLine(_ descriptor: Int32, _ text: String) {
    var bytes = Array((text + "\n").utf8)[...]
    while !bytes.isEmpty {
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written > 0 else { return }
        bytes = bytes.dropFirst(written)
    }
}
